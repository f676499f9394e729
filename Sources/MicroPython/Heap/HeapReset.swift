/// The end of a session: every finaliser, then an empty pool (gc_sweep_all, then gc_init).
extension Heap {
    /// Runs the finaliser of every allocation that has one, reachable or not, as MicroPython's
    /// gc_sweep_all does before a soft reset (open files are flushed and closed).
    public static func sweepAll() {
        guard let fin = finaliser, !collecting else { return }
        collecting = true
        defer { collecting = false }
        for byte in 0..<((poolBlocks + 7) >> 3) where ftb[byte] != 0 {
            for bit in 0..<8 {
                let blk = byte << 3 | bit
                if blk < poolBlocks && ftb[byte] & (1 << UInt8(bit)) != 0 && kind(blk) == head {
                    ftb[byte] &= ~(1 << UInt8(bit))
                    fin(Obj(offset: offsetOf(block: blk)))
                    collecting = true
                }
            }
        }
    }

    /// Frees every block and puts the collector's settings back to their start values.
    static func resetPool() {
        atb.initialize(repeating: 0, count: poolBlocks >> 2)
        ftb.initialize(repeating: 0, count: (poolBlocks + 7) >> 3)
        firstFree = 0
        invalidateFitHint()
        allocatedSinceCollect = 0
        allocatedBeforeCollect = 0
        peakUsedBlocks = 0
        thresholdBlocks = -1
        autoCollect = true
        lockDepth = 0
        collecting = false
        scrubPending = false
        markStackCount = 0
        if stress { poisonAllFree() }
    }
}
