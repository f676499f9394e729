import XCTest
@testable import MicroPython

/// The host-side map index must agree with its table after every change, and dict results
/// must equal a plain model, whether or not a table is indexed.
final class MapIndexTests: XCTestCase {
    override func setUpWithError() throws {
        try XCTSkipUnless(HeapTests.started, TestRuntime.sharedMessage)
        Heap.stress = false
    }

    /// Random inserts, deletes and lookups on one big dict (int keys, or str keys), checked
    /// against a Swift dictionary and the index's own consistency after each step.
    func run(strs: Bool, seed: UInt64) throws {
        var rng = seed
        func next(_ n: Int) -> Int {
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            return Int((rng >> 33) % UInt64(n))
        }
        Heap.collect()
        let d = try Dict.make()
        Heap.roots[Root.scratch1] = d
        defer { Heap.roots[Root.scratch1] = .null; Heap.collect() }
        var model: [Int: Int] = [:]
        var indexedSteps = 0
        for step in 0..<4000 {
            let n = next(700) * 7
            // Str keys are interned (qstrs), so that 38 KiB holds them all without fragmenting.
            let key = strs ? Obj(qstr: Qstr("s\(n)")) : Obj(small: n)
            Heap.roots[Root.scratch0] = key
            switch next(10) {
            case 0..<6:
                try Dict.set(d, key, Obj(small: step))
                model[n] = step
            case 6..<8:
                let got = try Dict.map(d).remove(key)
                XCTAssertEqual(got.map { $0.smallValue }, model.removeValue(forKey: n))
            default:
                let got = try Dict.map(d).get(key)
                XCTAssertEqual(got.map { $0.smallValue }, model[n])
            }
            if let m = MapIndex.mismatch() { XCTFail("step \(step): \(m)"); return }
            if MapIndex.table == words(d)[3] { indexedSteps += 1 }
        }
        XCTAssertEqual(Dict.map(d).used, model.count)
        XCTAssertGreaterThan(indexedSteps, 0, "the table was never indexed")
    }

    func testIntKeys() throws { try run(strs: false, seed: 1) }
    func testStrKeys() throws { try run(strs: true, seed: 2) }
}
