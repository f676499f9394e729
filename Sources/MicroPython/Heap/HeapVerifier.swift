#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The heap verifier of `-X gcstress` (`Heap.stress`).
///
/// While stress is on, every free block of the pool holds a poison pattern: blocks are poisoned
/// when they are freed (the sweep, `release`, a shrinking resize) and when stress is turned on.
/// A block that is handed out again (an allocation, a resize growing in place) must still hold
/// the pattern in every word; anything else was written through a pointer to freed memory.
/// A read through such a pointer gets the pattern, an offset outside the arena, so using it as
/// an object faults at once instead of reading whatever the block holds next. The sweep also
/// checks the allocation table: after it no block is MARK and no TAIL follows a FREE block.
///
/// A failed check prints `heap verifier: ...` on stderr and aborts the process.
extension Heap {
    /// The pattern of a free block's words: 4-aligned and above every arena offset.
    static let poisonWord: UInt32 = 0xFACE_B00C

    /// Fills blocks lo..<lo+count with the poison pattern.
    static func poison(_ lo: Int, _ count: Int) {
        guard count > 0 else { return }
        let p = UnsafeMutablePointer<UInt32>(bitPattern: arenaBase &+ UInt(offsetOf(block: lo))).unsafelyUnwrapped
        p.update(repeating: poisonWord, count: count << 2)
    }

    /// Poisons every free block (stress turned on, the pool emptied).
    static func poisonAllFree() {
        var b = 0
        while b < poolBlocks {
            if kind(b) == free { poison(b, 1) }
            b += 1
        }
    }

    /// Checks that blocks lo..<lo+count, free until now, still hold the poison pattern.
    static func verifyPoisoned(_ lo: Int, _ count: Int) {
        let p = UnsafeMutablePointer<UInt32>(bitPattern: arenaBase &+ UInt(offsetOf(block: lo))).unsafelyUnwrapped
        for i in 0..<(count << 2) where p[i] != poisonWord {
            let block = lo + i >> 2
            verifierFailure("free block \(block) (arena offset 0x\(String(offsetOf(block: block), radix: 16))) was written "
                + "after it was freed: word \(i & 3) is 0x\(String(p[i], radix: 16))")
        }
    }

    /// The stress sweep: the table-driven sweep byte by byte, poisoning the blocks it frees and
    /// checking the allocation table as it goes.
    static func sweepVerifying() {
        let table = sweepTable
        var carry = 0
        var previous = free
        for i in 0..<(poolBlocks >> 2) {
            let old = atb[i]
            let r = table[(Int(old) << 1) | carry]
            let new = UInt8(truncatingIfNeeded: r)
            atb[i] = new
            carry = Int(r >> 8)
            for k in 0..<4 {
                let shift = UInt8(k << 1)
                let before = (old >> shift) & 3, after = (new >> shift) & 3
                let block = i << 2 | k
                if after == mark {
                    verifierFailure("block \(block) is still marked after the sweep")
                }
                if after == tail && previous == free {
                    verifierFailure("block \(block) is a tail that follows a free block")
                }
                if before != free && after == free { poison(block, 1) }
                previous = after
            }
        }
    }

    static func verifierFailure(_ what: String) -> Never {
        let text = "heap verifier: \(what)\n"
        _ = text.withCString { write(2, $0, strlen($0)) }
        abort()
    }
}
