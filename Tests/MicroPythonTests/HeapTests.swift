import XCTest
@testable import MicroPython

/// White-box tests of the heap and collector on an ESP8266-sized heap. The runtime is global,
/// so it is started once for the whole test process.
final class HeapTests: XCTestCase {
    static var started: Bool { TestRuntime.started }

    override func setUpWithError() throws {
        try XCTSkipUnless(Self.started, TestRuntime.sharedMessage)
        // Only the explicit roots below keep objects alive in these tests.
        Heap.stress = false
    }

    func testPoolGeometryMatchesMicroPython() {
        // 38 KiB region: 594 allocation-table bytes, 2376 blocks, 38016 bytes of pool.
        XCTAssertEqual(Heap.poolBlocks, 2376)
        XCTAssertEqual(Heap.totalBytes, 38016)
        XCTAssertEqual(Heap.freeBytes() + Heap.usedBytes(), 38016)
    }

    func testAllocationRoundsToBlocksAndZeroes() throws {
        let before = Heap.freeBytes()
        let a = try Heap.allocate(bytes: 1)
        let b = try Heap.allocate(bytes: 17)
        XCTAssertEqual(Heap.blockCount(a), 1)
        XCTAssertEqual(Heap.blockCount(b), 2)
        XCTAssertEqual(before - Heap.freeBytes(), 48)
        for i in 0..<32 { XCTAssertEqual(arenaBytes(b)[i], 0) }
        Heap.release(a)
        Heap.release(b)
        XCTAssertEqual(Heap.freeBytes(), before)
    }

    func testStressPoisonsFreedBlocksAndHandsThemOutZeroed() throws {
        // Under -X gcstress the heap verifier keeps every free block filled with its pattern.
        Heap.stress = true
        defer { Heap.stress = false }
        let a = try Heap.allocate(bytes: 40)
        arenaBytes(a).initialize(repeating: 0x5A, count: 48)
        Heap.release(a)
        let words = UnsafeMutableRawPointer(arenaBytes(a)).assumingMemoryBound(to: UInt32.self)
        for i in 0..<12 { XCTAssertEqual(words[i], Heap.poisonWord) }
        // Reused blocks pass the check and come back zeroed; collections keep the table sound.
        let b = try Heap.allocate(bytes: 40)
        for i in 0..<48 { XCTAssertEqual(arenaBytes(b)[i], 0) }
        Heap.release(b)
        Heap.collect()
    }

    func testCollectFreesUnreachableAndKeepsRooted() throws {
        Heap.collect()
        let base = Heap.freeBytes()
        // A rooted list of 10 strs survives; an unrooted one does not.
        let kept = try List.make(count: 0)
        Heap.roots[Root.scratch0] = kept
        for i in 0..<10 { try List.append(kept, try Str.make("kept string number \(i)")) }
        var garbage = try List.make(count: 0)
        for i in 0..<10 { try List.append(garbage, try Str.make("garbage string number \(i)")) }
        garbage = .null
        _ = garbage
        Heap.collect()
        let used = base - Heap.freeBytes()
        // 16 header + 64 items (alloc 16) + 10 × (16 header + 32 data) = 560 bytes.
        XCTAssertEqual(used, 560)
        XCTAssertEqual(Str.string(List.item(kept, 3)), "kept string number 3")
        Heap.roots[Root.scratch0] = .null
        Heap.collect()
        XCTAssertEqual(Heap.freeBytes(), base)
    }

    func testCyclesAreCollected() throws {
        Heap.collect()
        let base = Heap.freeBytes()
        let a = try List.make(count: 0)
        let b = try List.make(count: 0)
        try List.append(a, b)
        try List.append(b, a)
        XCTAssertLessThan(Heap.freeBytes(), base)
        Heap.collect()
        XCTAssertEqual(Heap.freeBytes(), base)
    }

    func testExhaustionRaisesMemoryError() throws {
        Heap.collect()
        let keep = try List.make(count: 0)
        Heap.roots[Root.scratch0] = keep
        var raised = false
        do {
            for _ in 0..<10_000 { try List.append(keep, try ByteArray.make(count: 100)) }
        } catch {
            raised = typeOf(error.obj) == Exceptions.MemoryError
        }
        XCTAssertTrue(raised)
        Heap.roots[Root.scratch0] = .null
        Heap.collect()
        XCTAssertGreaterThan(Heap.freeBytes(), 30_000)
    }

    func testObjectSizesMatch32BitMicroPython() throws {
        Heap.collect()
        func cost(_ make: () throws -> Obj) rethrows -> Int {
            let before = Heap.freeBytes()
            let o = try make()
            Heap.roots[Root.scratch1] = o
            let c = before - Heap.freeBytes()
            Heap.roots[Root.scratch1] = .null
            Heap.collect()
            return c
        }
        XCTAssertEqual(try cost { try Tuple.make(count: 3) }, 32)       // 8 + 4n
        XCTAssertEqual(try cost { try List.make(count: 5) }, 48)        // header + 5 items
        XCTAssertEqual(try cost { try Dict.make(capacity: 0) }, 16)
        XCTAssertEqual(try cost { try Str.make("a string of 20 chars") }, 48)
        XCTAssertEqual(try cost { () throws(PyExc) -> Obj in Obj(small: 12345) }, 0)
        XCTAssertEqual(try cost { try Float.make(1.5) }, 0)             // immediate on esp8266
    }
}
