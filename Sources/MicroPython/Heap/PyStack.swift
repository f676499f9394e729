/// The VM's value stack ("pystack"): frames of running bytecode functions and temporary argument
/// arrays are bump-allocated here, outside the GC pool. It is a root: the collector scans every
/// word from its base to `top`. Ownership: allocated once, never freed; pointers into it are
/// valid until the matching `pop`.
public enum PyStack {
    nonisolated(unsafe) static var baseAddress: UInt = 0
    public static var base: UnsafeMutablePointer<UInt32> {
        @inline(__always) get { UnsafeMutablePointer<UInt32>(bitPattern: baseAddress).unsafelyUnwrapped }
        set { baseAddress = UInt(bitPattern: newValue) }
    }
    nonisolated(unsafe) static var topAddress: UInt = 0
    public static var top: UnsafeMutablePointer<UInt32> {
        @inline(__always) get { UnsafeMutablePointer<UInt32>(bitPattern: topAddress).unsafelyUnwrapped }
        set { topAddress = UInt(bitPattern: newValue) }
    }
    nonisolated(unsafe) static var limitAddress: UInt = 0
    public static var limit: UnsafeMutablePointer<UInt32> {
        @inline(__always) get { UnsafeMutablePointer<UInt32>(bitPattern: limitAddress).unsafelyUnwrapped }
        set { limitAddress = UInt(bitPattern: newValue) }
    }

    public static func initialise(words: Int) {
        // Left uninitialised: `push` zeroes what it hands out, and the collector reads only
        // up to `top`.
        base = UnsafeMutablePointer<UInt32>.allocate(capacity: words)
        top = base
        limit = base + words
        Heap.extraRoots = { (PyStack.base, PyStack.top - PyStack.base) }
    }

    /// Reserves `n` zeroed words; raises RuntimeError (recursion) when the stack is exhausted.
    @inline(__always) public static func push(_ n: Int) throws(PyExc) -> UnsafeMutablePointer<UInt32> {
        let p = top
        if limit - p < n { throw PyExc(Exceptions.recursionError()) }
        p.initialize(repeating: 0, count: n)
        top = p + n
        return p
    }

    @inline(__always) public static func pushObjs(_ n: Int) throws(PyExc) -> UnsafeMutablePointer<Obj> {
        UnsafeMutableRawPointer(try push(n)).assumingMemoryBound(to: Obj.self)
    }

    @inline(__always) public static func pop(to p: UnsafeMutablePointer<UInt32>) { top = p }
    @inline(__always) public static func pop(to p: UnsafeMutablePointer<Obj>) {
        top = UnsafeMutableRawPointer(p).assumingMemoryBound(to: UInt32.self)
    }
}
