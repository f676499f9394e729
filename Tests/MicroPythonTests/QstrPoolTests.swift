import XCTest
@testable import MicroPython

/// Heap qstrs (pools and chunks laid out as py/qstr.c's) and the reset that a soft reboot uses.
final class QstrPoolTests: XCTestCase {
    override func setUpWithError() throws {
        try XCTSkipUnless(HeapTests.started, TestRuntime.sharedMessage)
        Heap.stress = false
    }

    private func bytesOf(_ s: String) -> [UInt8] { Array(s.utf8) }

    private func find(_ s: String) -> Qstr? {
        let b = bytesOf(s)
        return b.withUnsafeBufferPointer { QstrPool.find($0.baseAddress!, $0.count) }
    }

    /// Heap bytes in use after a collection.
    private func used() -> Int {
        Heap.collect()
        return Heap.usedBytes()
    }

    func testHeapQstrsCostWhatMicroPythonCharges() throws {
        QstrPool.reset()
        let base = used()
        // The first name: a 128-byte chunk and a 20-entry pool (24 + 7 * 20 = 164 bytes, 11 blocks).
        let q = try QstrPool.intern(data: "qstr_test_first")
        XCTAssertEqual(used() - base, 128 + 176)
        XCTAssertGreaterThanOrEqual(Int(q.id), QstrPool.romCount)
        XCTAssertEqual(QstrPool.string(q), "qstr_test_first")
        XCTAssertEqual(try QstrPool.intern(data: "qstr_test_first"), q)
        let info = QstrPool.info()
        XCTAssertEqual(info.pools, 1)
        XCTAssertEqual(info.qstrs, 1)
        XCTAssertEqual(info.dataBytes, 16)
        XCTAssertEqual(info.totalBytes, 176 + 16)
        // 19 more fill the first pool; the 21st entry takes a 40-entry pool (304 bytes).
        for i in 0..<19 { _ = try QstrPool.intern(data: "qstr_test_\(i)") }
        XCTAssertEqual(QstrPool.info().pools, 1)
        _ = try QstrPool.intern(data: "qstr_test_next")
        XCTAssertEqual(QstrPool.info().pools, 2)
        XCTAssertEqual(QstrPool.info().qstrs, 21)
        QstrPool.reset()
    }

    func testResetReturnsToTheStartedState() throws {
        QstrPool.reset()
        let base = used()
        let romCount = QstrPool.count
        XCTAssertEqual(romCount, QstrPool.romCount)
        let romUsed = QstrPool.romChunkUsed
        let classesCache = Classes.cacheAddress

        var made: [String] = []
        // Enough names to grow the host index past its start-up size.
        let names = max(200, QstrPool.sealedIndexSize / 2 - romCount + 10)
        for i in 0..<names {
            let s = "reset_probe_\(i)"
            made.append(s)
            _ = try QstrPool.intern(data: s)
        }
        // A name Swift code makes after start-up is a ROM name: host memory, no pool entry.
        let late = Qstr("late_rom_probe_name")
        XCTAssertEqual(QstrPool.info().qstrs, names)
        XCTAssertGreaterThan(QstrPool.indexSize, QstrPool.sealedIndexSize)
        XCTAssertGreaterThan(used(), base)
        XCTAssertNotNil(find("late_rom_probe_name"))
        XCTAssertEqual(find("late_rom_probe_name"), late)

        QstrPool.reset()
        XCTAssertEqual(QstrPool.count, romCount)
        XCTAssertEqual(QstrPool.romChunkUsed, romUsed)
        XCTAssertTrue(QstrPool.extraRomChunks.isEmpty)
        XCTAssertEqual(QstrPool.indexSize, QstrPool.sealedIndexSize)
        XCTAssertEqual(Heap.roots[Root.qstrLastPool], .null)
        XCTAssertEqual(Heap.roots[Root.qstrLastChunk], .null)
        XCTAssertEqual(Classes.cacheAddress, classesCache)
        // The pools and chunks are garbage now.
        XCTAssertEqual(used(), base)
        for s in made { XCTAssertNil(find(s), s) }
        XCTAssertNil(find("late_rom_probe_name"))
        // Every ROM qstr is still found, under its own number, with its hash.
        for i in 1..<romCount {
            let q = Qstr(id: UInt32(i))
            let b = Array(QstrPool.bytes(q))
            let found = b.withUnsafeBufferPointer { p in
                QstrPool.find(p.baseAddress ?? UnsafePointer(bitPattern: 1)!, p.count)
            }
            XCTAssertEqual(found, q, QstrPool.string(q))
        }
        XCTAssertEqual(Qstr("__init__"), .__init__)
        // The next name starts again from a new 20-entry pool and chunk, and gets the first
        // number after the ROM.
        let q = try QstrPool.intern(data: "after_reset")
        XCTAssertEqual(Int(q.id), romCount)
        XCTAssertEqual(used() - base, 128 + 176)
        XCTAssertEqual(QstrPool.info().pools, 1)
        QstrPool.reset()
    }

    func testFullHeapRaisesMemoryError() throws {
        QstrPool.reset()
        // Fill every block of the heap with a rooted chain of one-block tuples, then ask for a name.
        defer { Heap.roots[Root.scratch0] = .null; Heap.collect(); QstrPool.reset() }
        Heap.roots[Root.scratch0] = .none
        var filled = false
        while !filled {
            do throws(PyExc) {
                let t = try Tuple.make2(Heap.roots[Root.scratch0], .none)
                Heap.roots[Root.scratch0] = t
            } catch {
                filled = true
            }
        }
        XCTAssertEqual(Heap.freeBytes(), 0)
        var raised = false
        do throws(PyExc) {
            _ = try QstrPool.intern(data: "no_room_for_this_name")
        } catch {
            raised = error.obj == Heap.memoryError
        }
        XCTAssertTrue(raised)
        XCTAssertNil(find("no_room_for_this_name"))
        // Names over 255 bytes are refused, as qstr.c refuses them.
        Heap.roots[Root.scratch0] = .null
        Heap.collect()
        var tooLong = false
        do throws(PyExc) {
            _ = try QstrPool.intern(data: String(repeating: "x", count: 256))
        } catch {
            tooLong = typeOf(error.obj) == Exceptions.RuntimeError
        }
        XCTAssertTrue(tooLong)
        _ = try QstrPool.intern(data: String(repeating: "y", count: 255))
    }
}
