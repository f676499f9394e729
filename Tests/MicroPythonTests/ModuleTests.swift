import XCTest
@testable import MicroPython

/// The modules of issue 10 from the Swift side: the regex byte code, host objects behind hash
/// objects, and deflate round trips over many sizes and windows.
final class ModuleTests: XCTestCase {
    override func setUpWithError() throws {
        try XCTSkipUnless(TestRuntime.started, TestRuntime.sharedMessage)
        Heap.stress = false
    }

    /// Runs `source` in a fresh session and gives back repr(result), or "Type: message".
    @inline(never) func evaluate(_ source: String) -> String {
        MicroPythonRuntime.softReset()
        var top = 0
        Heap.stackTop = withUnsafeMutablePointer(to: &top) { UnsafeMutableRawPointer($0) }
        defer { Heap.stackTop = nil }
        do throws(PyExc) {
            let globals = Heap.roots[Root.mainGlobals]
            _ = try Runtime.execSource(Array(source.utf8), fileName: "<module test>", globals: globals)
            guard let r = try Dict.get(globals, Obj(qstr: Qstr("result"))) else { return "no result" }
            return Str.string(try Runtime.repr(r))
        } catch {
            let args = Exceptions.args(error.obj)
            let text = Tuple.count(args) > 0 ? ((try? Runtime.strString(Tuple.item(args, 0))) ?? "?") : ""
            return "\(TypeObject.name(typeOf(error.obj)).string): \(text)"
        }
    }

    func compile(_ pattern: String) throws -> Result<Regex.Program, Regex.Failure> {
        let bytes = Array(pattern.utf8)
        let outcome = bytes.withUnsafeBufferPointer { b in try? Regex.compile(b) }
        return try XCTUnwrap(outcome)
    }

    func testRegexCompilesToTheRe15ByteCode() throws {
        // The program MicroPython's re.DEBUG lists for this pattern (tests/extmod/re_debug.py.exp).
        let expected: [UInt8] = [0x62, 3, 0x02, 0x60, 0xFB, 0x7E, 0, 0x61, 5, 0x50, 0x01, UInt8(ascii: "a"),
                                 0x60, 9, 0x01, UInt8(ascii: "b"), 0x03, 1, 0x30, 0x39, 0x05, UInt8(ascii: "w"),
                                 0x51, 0x7E, 1, 0x7F]
        guard case .success(let p) = try compile("^a|b[0-9]\\w$") else { return XCTFail("did not compile") }
        XCTAssertEqual(p.code, expected)
        XCTAssertEqual(p.instructions, 14)
        XCTAssertEqual(p.groups, 0)
    }

    func testRegexLimitsAreThoseOfItsSignedByteOperands() throws {
        guard case .success = try compile("[" + String(repeating: "a", count: 127) + "]") else { return XCTFail("127 pairs") }
        guard case .failure(.tooComplex) = try compile("[" + String(repeating: "a", count: 128) + "]") else { return XCTFail("128 pairs") }
        guard case .success(let p) = try compile(String(repeating: "(a)", count: 63)) else { return XCTFail("63 groups") }
        XCTAssertEqual(p.groups, 63)
        guard case .failure(.tooComplex) = try compile(String(repeating: "(a)", count: 64)) else { return XCTFail("64 groups") }
        guard case .failure(.trailing) = try compile("a)") else { return XCTFail("trailing )") }
        guard case .failure(.tooComplex) = try compile("a**") else { return XCTFail("nothing to repeat") }
    }

    func testHashObjectsLetGoOfTheirHasherWhenCollected() {
        func live() -> Int { HostObjects.slots.filter { $0 is HashlibModule.Hasher }.count }
        XCTAssertEqual(evaluate("""
            import hashlib, gc
            keep = [hashlib.sha256(b"x") for i in range(5)]
            for i in range(40):
                hashlib.sha1(b"y")
            gc.collect()
            result = len(keep)
            """), "5")
        // The five kept, and at most a couple that a stale word still points to (the scan is
        // conservative); not the forty dropped.
        XCTAssertGreaterThanOrEqual(live(), 5)
        XCTAssertLessThan(live(), 8)
        XCTAssertEqual(evaluate("import hashlib\nh = hashlib.md5(b'a')\nh.digest()\nresult = 0"), "0")
        // digest() releases the hasher at once; the soft reset of evaluate() dropped the rest.
        XCTAssertEqual(live(), 0)
    }

    func testDeflateRoundTripsOverSizesWindowsAndFormats() {
        XCTAssertEqual(evaluate("""
            import deflate, io, random
            random.seed(3)
            bad = []
            for n in (0, 1, 2, 3, 4, 100, 258, 259, 260, 261, 600, 1500):
                data = bytes(random.choice(b"abcd") for _ in range(n)) + bytes(n // 3)
                for fmt in (deflate.RAW, deflate.ZLIB, deflate.GZIP):
                    for bits in (5, 8, 11):
                        b = io.BytesIO()
                        with deflate.DeflateIO(b, fmt, bits) as g:
                            g.write(data[: n // 2])
                            g.write(data[n // 2 :])
                        back = deflate.DeflateIO(io.BytesIO(b.getvalue()), fmt, bits).read()
                        if back != data:
                            bad.append((n, fmt, bits))
            result = bad
            """), "[]")
    }
}
