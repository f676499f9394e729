import CSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// MicroPython's garbage collector, on the arena's GC region.
///
/// Invariants:
/// - The pool is `poolBlocks` blocks of 16 bytes; its first block starts at `poolStart`
///   (a 16-aligned arena offset) and its end is the end of the arena.
/// - The allocation table (ATB) holds 2 bits per block: FREE, HEAD, TAIL, or MARK (a head
///   reached during marking). Outside a collection no block is MARK.
/// - `firstFree` is a block index at or below the first FREE block.
/// - Memory handed out is zeroed.
///
/// Roots, the complete list: the root slots (`Heap.roots`), the VM's value stack (`PyStack`,
/// up to its top), and the native stack of the thread that runs Python (scanned
/// conservatively, together with the callee-saved registers, by the CSupport helper).
/// From a marked object every word of every one of its blocks is scanned, as MicroPython does,
/// so object layouts need no tracing code.
public enum Heap {
    static let blockBytes = 16
    static let free: UInt8 = 0, head: UInt8 = 1, tail: UInt8 = 2, mark: UInt8 = 3

    nonisolated(unsafe) static var staticTop: UInt32 = 16
    nonisolated(unsafe) static var staticEnd: UInt32 = 0
    nonisolated(unsafe) static var gcStart: UInt32 = 0
    nonisolated(unsafe) public static var poolStart: UInt32 = 0
    nonisolated(unsafe) public static var poolEnd: UInt32 = 0
    nonisolated(unsafe) public static var poolBlocks: Int = 0
    nonisolated(unsafe) static var atbAddress: UInt = 0
    static var atb: UnsafeMutablePointer<UInt8> {
        @inline(__always) get { UnsafeMutablePointer<UInt8>(bitPattern: atbAddress).unsafelyUnwrapped }
        set { atbAddress = UInt(bitPattern: newValue) }
    }
    nonisolated(unsafe) static var ftbAddress: UInt = 0
    static var ftb: UnsafeMutablePointer<UInt8> {
        @inline(__always) get { UnsafeMutablePointer<UInt8>(bitPattern: ftbAddress).unsafelyUnwrapped }
        set { ftbAddress = UInt(bitPattern: newValue) }
    }
    nonisolated(unsafe) static var firstFree: Int = 0

    /// While true (runtime start-up), allocations go to the static region.
    nonisolated(unsafe) public static var allocatingStatic = true
    /// gc.disable() clears this: no automatic collection, not even on exhaustion.
    nonisolated(unsafe) public static var autoCollect = true
    /// gc.threshold() in blocks; -1 = off.
    nonisolated(unsafe) public static var thresholdBlocks: Int = -1
    nonisolated(unsafe) static var allocatedSinceCollect: Int = 0
    /// Blocks allocated before the last collection (with allocatedSinceCollect: every block
    /// ever allocated) and the most blocks seen in use, for micropython.mem_info's totals.
    nonisolated(unsafe) static var allocatedBeforeCollect: Int = 0
    nonisolated(unsafe) static var peakUsedBlocks: Int = 0
    /// -X gcstress: collect before every allocation, and verify the heap (HeapVerifier.swift).
    nonisolated(unsafe) public static var stress = false {
        didSet { if stress && !oldValue && poolBlocks > 0 { poisonAllFree() } }
    }
    /// micropython.heap_lock() depth: allocation raises MemoryError while > 0.
    nonisolated(unsafe) public static var lockDepth = 0
    nonisolated(unsafe) static var collecting = false
    /// Native-stack top (highest address) of the thread running Python.
    nonisolated(unsafe) public static var stackTop: UnsafeMutableRawPointer? = nil

    /// Named root slots; see `Root`.
    nonisolated(unsafe) static var rootsAddress: UInt = 0
    public static var roots: UnsafeMutablePointer<Obj> {
        @inline(__always) get { UnsafeMutablePointer<Obj>(bitPattern: rootsAddress).unsafelyUnwrapped }
        set { rootsAddress = UInt(bitPattern: newValue) }
    }

    /// Called for each unreachable object whose finaliser bit is set, before it is freed.
    nonisolated(unsafe) public static var finaliser: ((Obj) -> Void)? = nil
    /// The MemoryError instance raised without allocating.
    nonisolated(unsafe) public static var memoryError = Obj(raw: 0)

    /// Creates the arena: `staticBytes` of static region, then a GC region of `heapBytes`.
    public static func initialise(heapBytes: Int, staticBytes: Int = 1 << 20) {
        let staticSize = (staticBytes + 15) & ~15
        let total = 16 + staticSize + heapBytes
        precondition(total < 1 << 31, "heap too large")
        // calloc: zeroed pages come from the system untouched, so a big heap costs nothing
        // until it is used (malloc's blocks are at least 16-byte aligned on 64-bit hosts).
        let mem = calloc(total + 16, 1)!
        arenaBase = UInt(bitPattern: mem)
        staticTop = 16
        staticEnd = UInt32(16 + staticSize)
        gcStart = staticEnd
        // MicroPython's split of the region: ATB bytes A = (T-1)*8/(8+4+512) (gc.c's formula),
        // 4 blocks per ATB byte, the FTB one bit per block, the pool at the very end.
        let t = heapBytes & ~15
        let atbBytes = (t - 1) * 8 / (8 + 4 + 512)
        poolBlocks = atbBytes * 4
        let ftbBytes = (poolBlocks + 7) / 8
        poolEnd = gcStart + UInt32(t)
        poolStart = poolEnd - UInt32(poolBlocks * blockBytes)
        precondition(Int(gcStart) + atbBytes + 1 + ftbBytes <= Int(poolStart))
        atb = arenaBytes(gcStart)
        ftb = arenaBytes(gcStart + UInt32(atbBytes + 1))
        firstFree = 0
        roots = .allocate(capacity: Root.count)
        for i in 0..<Root.count { roots[i] = .null }
        markStack = .allocate(capacity: markStackCapacity)
    }

    // MARK: allocation table access

    // Block numbers are below poolBlocks: the allocation paths use wrapping arithmetic, whose
    // checks (release builds are checked) cost a sixth of a float operation.
    @inline(__always) static func kind(_ b: Int) -> UInt8 { (atb[b >> 2] >> UInt8(truncatingIfNeeded: (b & 3) << 1)) & 3 }
    @inline(__always) static func setKind(_ b: Int, _ k: UInt8) {
        let shift = UInt8(truncatingIfNeeded: (b & 3) << 1)
        atb[b >> 2] = (atb[b >> 2] & ~(3 << shift)) | (k << shift)
    }
    @inline(__always) static func blockOf(_ off: UInt32) -> Int { Int(off &- poolStart) >> 4 }
    @inline(__always) static func offsetOf(block b: Int) -> UInt32 { poolStart &+ UInt32(truncatingIfNeeded: b << 4) }

    /// True when `o` is a pointer into the GC pool (not the static region).
    @inline(__always) public static func inPool(_ o: Obj) -> Bool { o.raw >= poolStart && o.raw < poolEnd }

    // MARK: allocation

    /// Allocates `bytes` zeroed bytes and returns the arena offset. Raises MemoryError.
    @inline(__always)
    public static func allocate(bytes: Int, finaliser: Bool = false) throws(PyExc) -> UInt32 {
        // The common case inline: one block (floats, small objects) free at the first-free
        // index, nothing that needs a collection or a check of the request first.
        if UInt(bitPattern: bytes) <= UInt(blockBytes) && !finaliser && fastPathOpen
            && firstFree < poolBlocks && kind(firstFree) == free {
            let found = firstFree
            setKind(found, head)
            firstFree = found &+ 1
            let off = offsetOf(block: found)
            let z = UnsafeMutablePointer<UInt64>(bitPattern: arenaBase &+ UInt(off)).unsafelyUnwrapped
            z[0] = 0; z[1] = 0
            allocatedSinceCollect &+= 1
            return off
        }
        return try allocateSlow(bytes: bytes, finaliser: finaliser)
    }

    /// False while anything makes an allocation take the slow path: start-up (static region),
    /// a heap lock, a collection running, gcstress, or a collection threshold that is due.
    @inline(__always) static var fastPathOpen: Bool {
        !allocatingStatic && lockDepth == 0 && !collecting && !stress
            && (thresholdBlocks < 0 || allocatedSinceCollect < thresholdBlocks)
    }

    @inline(never)
    static func allocateSlow(bytes: Int, finaliser: Bool) throws(PyExc) -> UInt32 {
        if allocatingStatic { return allocateStatic(bytes: bytes) }
        // A negative or larger-than-the-pool size (from user values) can never be satisfied.
        if lockDepth > 0 || collecting || UInt(bitPattern: bytes) > UInt(poolBlocks << 4) {
            throw refused(bytes)
        }
        let n = max(1, (bytes &+ 15) >> 4)  // bytes is at most the pool's size
        if stress {
            collect()
        } else if thresholdBlocks >= 0 && autoCollect && allocatedSinceCollect >= thresholdBlocks {
            collect()
        }
        // One block at the first-free index is the common case (floats, small objects).
        var found = n == 1 && firstFree < poolBlocks && kind(firstFree) == free ? firstFree : findFree(n)
        if found < 0 && autoCollect {
            collect()
            found = findFree(n)
        }
        if found < 0 {
            scrubPending = true
            throw refused(bytes)
        }
        if stress { verifyPoisoned(found, n) }
        setKind(found, head)
        if n <= 4 {
            var b = found &+ 1
            while b < found &+ n { setKind(b, tail); b &+= 1 }
        } else {
            markTails(found &+ 1, found &+ n)
        }
        if n == 1 { firstFree = found &+ 1 }
        let off = offsetOf(block: found)
        // Zero the blocks with word stores (cheaper than a memset call for the usual 1-2 blocks).
        let z = UnsafeMutablePointer<UInt64>(bitPattern: arenaBase &+ UInt(off)).unsafelyUnwrapped
        if n <= 2 {
            // Explicit stores: LLVM would turn the loop into a memset call.
            z[0] = 0; z[1] = 0
            if n == 2 { z[2] = 0; z[3] = 0 }
        } else {
            z.update(repeating: 0, count: n << 1)
        }
        if finaliser { ftb[found >> 3] |= 1 << UInt8(truncatingIfNeeded: found & 7) }
        allocatedSinceCollect &+= n
        return off
    }

    /// The MemoryError for a request of `bytes` (out of line: allocation is inlined on hot paths).
    @inline(never)
    static func refused(_ bytes: Int) -> PyExc { PyExc(Exceptions.memoryError(bytes: UInt(bitPattern: bytes))) }

    /// The pool's size: no object can be larger.
    @inline(__always) public static var poolBytes: Int { poolBlocks << 4 }

    /// `count * size + extra` bytes for an object whose size comes from user values: MemoryError
    /// when that overflows or exceeds the pool (so no caller's arithmetic can trap on it).
    @inline(__always)
    public static func size(_ count: Int, _ size: Int, _ extra: Int = 0) throws(PyExc) -> Int {
        let (m, o1) = count.multipliedReportingOverflow(by: size)
        let (t, o2) = m.addingReportingOverflow(extra)
        if o1 || o2 || UInt(bitPattern: t) > UInt(poolBlocks << 4) {
            // The C port's message shows the size as its unsigned arithmetic wraps it.
            throw refused(Int(bitPattern: UInt(bitPattern: count) &* UInt(bitPattern: size) &+ UInt(bitPattern: extra)))
        }
        return t
    }

    /// Checks that a temporary host buffer of `bytes` (format padding, conversions) could
    /// still become a heap object: larger ones raise MemoryError before they are built.
    @inline(__always)
    public static func checkTemporary(_ bytes: Int) throws(PyExc) {
        if UInt(bitPattern: bytes) > UInt(poolBlocks << 4) { throw refused(bytes) }
    }

    /// Marks blocks lo..<hi as TAIL, whole ATB bytes (4 blocks, 0b10 each) at a time.
    static func markTails(_ lo: Int, _ hi: Int) {
        var b = lo
        while b < hi && b & 3 != 0 { setKind(b, tail); b &+= 1 }
        while b &+ 4 <= hi { atb[b >> 2] = 0xAA; b &+= 4 }
        while b < hi { setKind(b, tail); b &+= 1 }
    }

    // MARK: stack scrubbing

    /// Set when an allocation failed: the frames that were unwound may have left pointers to
    /// the objects that filled the heap in dead native-stack memory, where the frames of later
    /// calls (uninitialised slots) would keep them alive through the conservative scan.
    nonisolated(unsafe) public static var scrubPending = false

    /// Zeroes 64 KiB of native stack below the caller's frame. The VM calls this when it
    /// hands an exception to a handler after a MemoryError, so the heap can be reclaimed.
    /// (In C: stores to a Swift local that nothing reads again are removed by the optimiser,
    /// and a release build did remove them, leaving the stack as it was.)
    @inline(never) public static func scrubStack() {
        scrubPending = false
        csupport_scrub_stack(64 * 1024)
    }

    static func allocateStatic(bytes: Int) -> UInt32 {
        let off = staticTop
        staticTop += UInt32((bytes + 15) & ~15)
        precondition(staticTop <= staticEnd, "static region exhausted")
        return off
    }

    /// First fit: the first run of `n` free blocks at or after `firstFree`, or -1.
    /// First-fit shortcut that does not change where anything is placed: after a request of
    /// `fitHintSize` blocks was placed ending at `fitHintStart`, no run that large or larger
    /// exists before it, until something is freed.
    nonisolated(unsafe) static var fitHintSize = Int.max
    nonisolated(unsafe) static var fitHintStart = 0
    @inline(__always) static func invalidateFitHint() { fitHintSize = Int.max }

    static func findFree(_ n: Int) -> Int {
        var b = firstFree
        if n >= fitHintSize && fitHintStart > b { b = fitHintStart }
        // `run` free blocks end just before block b. The ATB is read as 64-bit words of 32
        // blocks; the table is followed by at least the gap byte and the FTB, so whole words
        // can be read up to the last full one. In a word, bit 2k of `free` says block k is free.
        var run = 0
        let words64 = UnsafeRawPointer(atb)
        let fullWords = poolBlocks / 32
        let evenBits: UInt64 = 0x5555_5555_5555_5555
        while b >> 5 < fullWords {
            let base = b & ~31
            let w = words64.loadUnaligned(fromByteOffset: base >> 2, as: UInt64.self)
            let free = ~(w | (w >> 1)) & evenBits
            let used = ~free & evenBits
            var p = b & 31
            while true {
                let usedAhead = used & (~0 << UInt64(truncatingIfNeeded: 2 &* p))
                if usedAhead == 0 {
                    // Free from p to the end of the word.
                    if run &+ 32 &- p >= n { return found(base &+ p &- run, n) }
                    run &+= 32 &- p
                    break
                }
                let u = usedAhead.trailingZeroBitCount >> 1
                if run &+ u &- p >= n { return found(base &+ p &- run, n) }
                run = 0
                if u == 31 { break }
                let freeAhead = free & (~0 << UInt64(truncatingIfNeeded: 2 &* (u &+ 1)))
                if freeAhead == 0 { break }
                p = freeAhead.trailingZeroBitCount >> 1
            }
            b = base &+ 32
        }
        // The last, partial word: block by block.
        while b < poolBlocks {
            if kind(b) == free {
                run &+= 1
                if run == n { return found(b &- n &+ 1, n) }
            } else {
                run = 0
            }
            b &+= 1
        }
        return -1
    }

    /// Records the fit hint for a multi-block allocation found at `start`.
    @inline(__always) static func found(_ start: Int, _ n: Int) -> Int {
        if n > 1 { fitHintSize = n; fitHintStart = start + n }
        return start
    }

    /// Number of blocks of the allocation starting at `o` (a head).
    public static func blockCount(_ off: UInt32) -> Int {
        let start = blockOf(off)
        var b = start + 1
        while b < poolBlocks && kind(b) == tail { b &+= 1 }
        return b - start
    }

    /// Usable bytes of the allocation at `off`: its blocks times 16 (static objects: unknown, 0).
    public static func allocationBytes(_ off: UInt32) -> Int {
        off >= poolStart && off < poolEnd ? blockCount(off) << 4 : 0
    }

    /// Frees the allocation at `off` at once (m_del); no-op for static memory.
    public static func release(_ off: UInt32) {
        if off == MapIndex.table { MapIndex.invalidate() }
        guard off >= poolStart && off < poolEnd, !collecting else { return }
        let start = blockOf(off)
        guard kind(start) == head else { return }
        // uctypes may hold addresses into it: only the collector frees it.
        if AddressSpace.isExposed(off) { return }
        NativeObjects.forget(off)
        invalidateFitHint()
        setKind(start, free)
        ftb[start >> 3] &= ~(1 << UInt8(start & 7))
        var b = start + 1
        while b < poolBlocks && kind(b) == tail { setKind(b, free); b &+= 1 }
        if stress { poison(start, b - start) }
        if start < firstFree { firstFree = start }
    }

    /// Resizes an allocation (m_renew): grows in place when the following blocks are free,
    /// else allocates, copies and frees. Returns the (possibly new) offset.
    public static func reallocate(_ off: UInt32, bytes: Int) throws(PyExc) -> UInt32 {
        if off == 0 || UInt(bitPattern: bytes) > UInt(poolBlocks << 4) { return try allocate(bytes: bytes) }
        // A locked heap refuses every resize, even one that would fit in place (as gc_realloc).
        if lockDepth > 0 && !allocatingStatic { throw refused(bytes) }
        let newBlocks = max(1, (bytes + 15) >> 4)
        if off >= poolStart && off < poolEnd && !allocatingStatic {
            let start = blockOf(off)
            let old = blockCount(off)
            if newBlocks <= old {
                // Shrink in place, as gc_realloc does (not memory uctypes may address).
                if AddressSpace.isExposed(off) { return off }
                invalidateFitHint()
                for b in (start + newBlocks)..<(start + old) { setKind(b, free) }
                if stress { poison(start + newBlocks, old - newBlocks) }
                if start + newBlocks < firstFree { firstFree = start + newBlocks }
                return off
            }
            var ok = start + newBlocks <= poolBlocks
            if ok {
                for b in (start + old)..<(start + newBlocks) where kind(b) != free { ok = false; break }
            }
            if ok {
                if stress { verifyPoisoned(start + old, newBlocks - old) }
                for b in (start + old)..<(start + newBlocks) { setKind(b, tail) }
                arenaBytes(offsetOf(block: start + old)).initialize(repeating: 0, count: (newBlocks - old) << 4)
                allocatedSinceCollect += newBlocks - old
                return off
            }
            let newOff = try allocate(bytes: bytes)
            arenaBytes(newOff).update(from: arenaBytes(off), count: old << 4)
            release(off)
            return newOff
        }
        let newOff = try allocate(bytes: bytes)
        let oldBytes = off >= poolStart ? blockCount(off) << 4 : min(bytes, Int(staticTop - off))
        arenaBytes(newOff).update(from: arenaBytes(off), count: min(oldBytes, newBlocks << 4))
        return newOff
    }

    /// gc_realloc without moving (m_renew_maybe(..., false)): shrinks, or grows into the free
    /// blocks that follow, and returns true; returns false when the following blocks are taken.
    /// No collection is attempted, as in gc.c.
    public static func resizeInPlace(_ off: UInt32, bytes: Int) -> Bool {
        guard off >= poolStart && off < poolEnd && !allocatingStatic else { return false }
        let newBlocks = max(1, (bytes + 15) >> 4)
        let start = blockOf(off)
        let old = blockCount(off)
        if newBlocks == old { return true }
        if newBlocks < old {
            if AddressSpace.isExposed(off) { return true }
            invalidateFitHint()
            for b in (start + newBlocks)..<(start + old) { setKind(b, free) }
            if stress { poison(start + newBlocks, old - newBlocks) }
            if start + newBlocks < firstFree { firstFree = start + newBlocks }
            return true
        }
        if start + newBlocks > poolBlocks { return false }
        for b in (start + old)..<(start + newBlocks) where kind(b) != free { return false }
        if stress { verifyPoisoned(start + old, newBlocks - old) }
        for b in (start + old)..<(start + newBlocks) { setKind(b, tail) }
        arenaBytes(offsetOf(block: start + old)).initialize(repeating: 0, count: (newBlocks - old) << 4)
        allocatedSinceCollect += newBlocks - old
        return true
    }

    // MARK: statistics

    public static func freeBytes() -> Int {
        var n = 0
        for b in 0..<poolBlocks where kind(b) == free { n += 1 }
        return n << 4
    }
    public static func usedBytes() -> Int { (poolBlocks << 4) - freeBytes() }

    /// Allocation totals as MicroPython's MICROPY_MEM_STATS reports them: bytes ever allocated,
    /// in use now, and the most in use (sampled at collections and here).
    public static func allocationStats() -> (total: Int, current: Int, peak: Int) {
        let used = usedBytes()
        peakUsedBlocks = max(peakUsedBlocks, used >> 4)
        return ((allocatedBeforeCollect + allocatedSinceCollect) << 4, used, peakUsedBlocks << 4)
    }
    public static var totalBytes: Int { poolBlocks << 4 }

    /// (1-block allocations, 2-block allocations, largest allocation, largest free run) in blocks.
    public static func fragmentation() -> (Int, Int, Int, Int) {
        var one = 0, two = 0, maxBlock = 0, maxFree = 0, freeRun = 0, b = 0
        while b < poolBlocks {
            let k = kind(b)
            if k == free { freeRun += 1; maxFree = max(maxFree, freeRun); b &+= 1; continue }
            freeRun = 0
            if k == head {
                var e = b + 1
                while e < poolBlocks && kind(e) == tail { e += 1 }
                let len = e - b
                if len == 1 { one += 1 } else if len == 2 { two += 1 }
                maxBlock = max(maxBlock, len)
                b = e
                continue
            }
            b &+= 1
        }
        return (one, two, maxBlock, maxFree)
    }
}
