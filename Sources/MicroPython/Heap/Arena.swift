/// The arena: one host allocation holding every Python object, addressed by 32-bit byte offsets
/// (the words of `Obj`). Layout:
///
///     [0, 16)                      never used: offset 0 is NULL, 4 is SENTINEL
///     [16, staticEnd)              the static region ("ROM"): type objects, builtin functions,
///                                  constant strings and the method tables of builtin types.
///                                  Bump-allocated while the runtime starts, never collected,
///                                  never scanned: nothing in it may point into the GC pool.
///     [gcStart, arenaEnd)          the GC region, laid out exactly as MicroPython's gc.c:
///                                  allocation table, one gap byte, finaliser table, pool.
///
/// Ownership: the arena is allocated once by `Heap.initialise` and freed never (the process or
/// the board owns it for its lifetime). Raw pointers derived from it stay valid for that time,
/// because the collector never moves objects.

/// Host address of the arena's first byte. A plain integer so that it is statically initialised
/// (no lazy-global check on the hot paths).
nonisolated(unsafe) public var arenaBase: UInt = 0

/// Pointer to word `index` of the object at `o` (a pointer Obj).
@inline(__always) public func words(_ o: Obj) -> UnsafeMutablePointer<UInt32> {
    // bitPattern is non-nil: arenaBase is non-zero once the heap exists.
    UnsafeMutablePointer<UInt32>(bitPattern: arenaBase &+ UInt(o.raw)).unsafelyUnwrapped
}

/// Host pointer to byte offset `offset` of the arena.
@inline(__always) public func arenaBytes(_ offset: UInt32) -> UnsafeMutablePointer<UInt8> {
    UnsafeMutablePointer<UInt8>(bitPattern: arenaBase &+ UInt(offset)).unsafelyUnwrapped
}

/// Reads word `i` of object `o` as an Obj.
@inline(__always) public func field(_ o: Obj, _ i: Int) -> Obj { Obj(raw: words(o)[i]) }
/// Writes word `i` of object `o`.
@inline(__always) public func setField(_ o: Obj, _ i: Int, _ v: Obj) { words(o)[i] = v.raw }
/// Host pointer to the Obj slots starting at word `i` of `o`.
@inline(__always) public func slots(_ o: Obj, _ i: Int) -> UnsafeMutablePointer<Obj> {
    UnsafeMutableRawPointer(words(o) + i).assumingMemoryBound(to: Obj.self)
}
/// Host pointer to an Obj array whose storage starts at arena offset `off`.
@inline(__always) public func objArray(_ off: UInt32) -> UnsafeMutablePointer<Obj> {
    UnsafeMutablePointer<Obj>(bitPattern: arenaBase &+ UInt(off)).unsafelyUnwrapped
}
