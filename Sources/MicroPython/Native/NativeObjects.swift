/// The object words machine code may hand back to the runtime.
///
/// Machine code holds objects as words, as in C, and can compute any word; the runtime must
/// never follow a forged one. So every heap object the runtime gives to machine code (an
/// argument, a result, a constant) is recorded, and a word coming back is accepted only if it
/// is a value that is not a reference (small int, interned string, None/False/True, an
/// immediate float) or a recorded object that still lives. Anything else is a bad address,
/// OSError(EFAULT), where C would follow it.
///
/// A record goes with its object: the collector drops the records of what it frees in the
/// same collection, and an explicit free drops its record, so a word never names a block
/// that was reused. Records are host-side bookkeeping with no heap cost.
enum NativeObjects {
    nonisolated(unsafe) static var given = Set<UInt32>()

    /// The word of `o` for machine code.
    @inline(__always) static func give(_ o: Obj) -> UInt32 {
        if (o.isPointer && o != .sentinel) || o.isImmediate { given.insert(o.raw) }
        return o.raw
    }

    /// The object a word from machine code stands for.
    static func take(_ w: UInt32) throws(PyExc) -> Obj {
        let o = Obj(raw: w)
        if o.isSmallInt || (o.isImmediateFloat && Float.immediate) { return o }
        if o.isQstr { if Int(o.qstrValue.id) < QstrPool.count { return o }; throw AddressSpace.fault() }
        if o == .none || o == .false || o == .true { return o }
        if (o.isPointer && o != .sentinel) || o.isImmediate, given.contains(w) { return o }
        throw AddressSpace.fault()
    }

    /// As `take`, where MicroPython allows NULL ("no object") too.
    @inline(__always) static func takeOrNull(_ w: UInt32) throws(PyExc) -> Obj {
        w == 0 ? .null : try take(w)
    }

    /// Called by the collector after marking: records of unmarked pool objects go.
    static func sweep() {
        guard !given.isEmpty else { return }
        given = given.filter { w in
            w < Heap.poolStart || w >= Heap.poolEnd || Heap.kind(Heap.blockOf(w)) == Heap.mark
        }
    }

    /// An allocation freed at once (m_del) loses its record.
    @inline(__always) static func forget(_ off: UInt32) {
        if !given.isEmpty { given.remove(off) }
    }

    static func reset() { given.removeAll() }
}
