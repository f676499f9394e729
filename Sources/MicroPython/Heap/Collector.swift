import CSupport

/// Named root slots: the runtime's globals that hold heap objects.
public enum Root {
    public static let modules = 0          // sys.modules dict
    public static let sysPath = 1          // sys.path list
    public static let sysArgv = 2
    public static let mainGlobals = 3
    public static let currentException = 4 // exception an except clause is handling (sys.exc_info)
    public static let scheduled = 5        // micropython.schedule queue (list)
    public static let builtinsOverride = 6 // dict of names assigned into builtins
    public static let emergency = 7
    public static let scratch0 = 8         // short-lived native holds
    public static let scratch1 = 9
    public static let lastTraceback = 10
    public static let sysModule = 11
    public static let stdout = 12
    public static let stopIterationArg = 13 // value of the StopIteration an iterNext swallowed
    public static let vfsMounts = 14        // vfs mount table: linked records [path, fs, next]
    public static let vfsCurrent = 15       // the mount record of the current directory (null: root)
    public static let vfsPending = 16       // exception raised inside a Python block device call
    public static let vfsScratch = 17       // memoryview handed to Python block devices
    public static let qstrLastPool = 18     // the newest heap qstr pool (it links the older ones)
    public static let qstrLastChunk = 19    // the heap chunk new qstr bytes go into
    public static let count = 24
}

extension Heap {
    nonisolated(unsafe) static var markStackAddress: UInt = 0
    static var markStack: UnsafeMutablePointer<UInt32> {
        @inline(__always) get { UnsafeMutablePointer<UInt32>(bitPattern: markStackAddress).unsafelyUnwrapped }
        set { markStackAddress = UInt(bitPattern: newValue) }
    }
    nonisolated(unsafe) static var markStackCapacity = 4096
    nonisolated(unsafe) static var markStackCount = 0
    /// Number of collections so far (for tests).
    nonisolated(unsafe) public static var collections = 0
    /// Extra root ranges the runtime registers (value stack): start pointer and word count getter.
    nonisolated(unsafe) public static var extraRoots: (() -> (UnsafeMutablePointer<UInt32>, Int))? = nil

    /// Marks the allocation that arena offset `w` starts, if it is a live head in the pool.
    @inline(__always) static func markCandidate(_ w: UInt32) {
        guard w >= poolStart && w < poolEnd && w & 15 == 0 else { return }
        let b = blockOf(w)
        guard kind(b) == head else { return }
        setKind(b, mark)
        pushMark(b)
    }

    /// Like markCandidate, for a host address found on the native stack: interior pointers count.
    @inline(__always) static func markHostAddress(_ a: UInt) {
        let lo = arenaBase &+ UInt(poolStart), hi = arenaBase &+ UInt(poolEnd)
        guard a >= lo && a < hi else { return }
        var b = Int((a - lo) >> 4)
        while b > 0 && kind(b) == tail { b -= 1 }
        guard kind(b) == head else { return }
        setKind(b, mark)
        pushMark(b)
    }

    static func pushMark(_ b: Int) {
        if markStackCount == markStackCapacity {
            let bigger = UnsafeMutablePointer<UInt32>.allocate(capacity: markStackCapacity * 2)
            bigger.update(from: markStack, count: markStackCount)
            markStack.deallocate()
            markStack = bigger
            markStackCapacity *= 2
        }
        markStack[markStackCount] = UInt32(b)
        markStackCount += 1
    }

    static func drainMarks() {
        while markStackCount > 0 {
            markStackCount -= 1
            let b = Int(markStack[markStackCount])
            var e = b + 1
            while e < poolBlocks && kind(e) == tail { e += 1 }
            let p = UnsafeMutablePointer<UInt32>(bitPattern: arenaBase &+ UInt(offsetOf(block: b))).unsafelyUnwrapped
            for i in 0..<((e - b) << 2) { markCandidate(p[i]) }
        }
    }

    static func scanRange(_ p: UnsafePointer<UInt32>, _ n: Int) {
        for i in 0..<n { markCandidate(p[i]) }
    }

    /// A full mark-and-sweep collection.
    public static func collect() {
        if collecting || allocatingStatic { return }
        collecting = true
        collections += 1
        // A table may be freed, and its address reused, by this collection.
        MapIndex.invalidate()
        markStackCount = 0
        roots.withMemoryRebound(to: UInt32.self, capacity: Root.count) { scanRange($0, Root.count) }
        drainMarks()
        PortRoots.scan { p, n in scanRange(p, n) }
        drainMarks()
        if let extra = extraRoots {
            let (p, n) = extra()
            scanRange(p, n)
            drainMarks()
        }
        NativeCode.scanRoots { p, n in scanRange(p, n) }
        drainMarks()
        scanNativeStack()
        drainMarks()
        peakUsedBlocks = max(peakUsedBlocks, usedBytes() >> 4)
        sweep()
        allocatedBeforeCollect &+= allocatedSinceCollect
        allocatedSinceCollect = 0
        collecting = false
    }

    static func scanNativeStack() {
        guard let top = stackTop else { return }
        csupport_scan_stack(top, { _, lo, hi in
            guard let lo = lo, let hi = hi else { return }
            // Every 4-byte aligned word may hold a 32-bit offset (also the halves of 64-bit slots);
            // every 8-byte aligned word may hold a host pointer into the arena.
            var p = UInt(bitPattern: lo) & ~7
            let end = UInt(bitPattern: hi)
            while p + 8 <= end {
                let w64 = csupport_load_stack_word(UnsafeRawPointer(bitPattern: p))
                Heap.markCandidate(UInt32(truncatingIfNeeded: w64))
                Heap.markCandidate(UInt32(truncatingIfNeeded: w64 >> 32))
                Heap.markHostAddress(UInt(w64))
                p += 8
            }
        }, nil)
    }

    /// Sweep of one allocation-table byte (4 blocks) as a table: index = byte << 1 | "the
    /// previous block was a freed head or tail"; value = new byte | carry-out << 8.
    nonisolated(unsafe) static var sweepTableAddress: UInt = 0
    static var sweepTable: UnsafeMutablePointer<UInt16> {
        if sweepTableAddress == 0 {
            let t = UnsafeMutablePointer<UInt16>.allocate(capacity: 512)
            for byte in 0..<256 {
                for carryIn in 0..<2 {
                    var freeing = carryIn == 1
                    var out = 0
                    for k in 0..<4 {
                        var state = (byte >> (2 * k)) & 3
                        switch UInt8(state) {
                        case head: state = Int(free); freeing = true
                        case tail: if freeing { state = Int(free) }
                        case mark: state = Int(head); freeing = false
                        default: freeing = false
                        }
                        out |= state << (2 * k)
                    }
                    t[(byte << 1) | carryIn] = UInt16(out) | (freeing ? 0x100 : 0)
                }
            }
            sweepTableAddress = UInt(bitPattern: t)
        }
        return UnsafeMutablePointer<UInt16>(bitPattern: sweepTableAddress).unsafelyUnwrapped
    }

    static func sweep() {
        // Finalisers first, while every unreachable object is still intact (only blocks whose
        // finaliser bit is set are looked at).
        if let fin = finaliser {
            for byte in 0..<((poolBlocks + 7) >> 3) where ftb[byte] != 0 {
                for bit in 0..<8 {
                    let blk = byte << 3 | bit
                    if blk < poolBlocks && ftb[byte] & (1 << UInt8(bit)) != 0 && kind(blk) == head {
                        ftb[byte] &= ~(1 << UInt8(bit))
                        collecting = true
                        fin(Obj(offset: offsetOf(block: blk)))
                    }
                }
            }
        }
        AddressSpace.sweep()
        NativeObjects.sweep()
        if stress {
            sweepVerifying()
            invalidateFitHint()
            firstFree = 0
            return
        }
        let table = sweepTable
        var carry = 0
        for i in 0..<(poolBlocks >> 2) {
            let r = table[(Int(atb[i]) << 1) | carry]
            atb[i] = UInt8(truncatingIfNeeded: r)
            carry = Int(r >> 8)
        }
        invalidateFitHint()
        firstFree = 0
    }
}
