import XCTest
@testable import MicroPython

/// The port API through the example module `board` (ExamplePortModule): registration, typed
/// fields, self checks, constructor, constants, the call/iterator/attribute/buffer/stream
/// slots and port roots, seen from Python.
final class PortAPITests: XCTestCase {
    override func setUpWithError() throws {
        try XCTSkipUnless(TestRuntime.started, TestRuntime.sharedMessage)
        Heap.stress = false
    }

    /// Runs `source` in a fresh session; returns what it assigned to `result` (repr), or the
    /// exception's text.
    @inline(never) func run(_ source: String) -> String {
        MicroPythonRuntime.softReset()
        var marker = 0
        Heap.stackTop = withUnsafeMutablePointer(to: &marker) { UnsafeMutableRawPointer($0) }
        defer { Heap.stackTop = nil }
        do throws(PyExc) {
            let g = Heap.roots[Root.mainGlobals]
            _ = try Runtime.execSource(Array(source.utf8), fileName: "<test>", globals: g)
            guard let r = try Dict.get(g, Obj(qstr: Qstr("result"))) else { return "no result" }
            return Str.string(try Runtime.repr(r))
        } catch {
            let e = error.obj
            let args = Exceptions.args(e)
            let msg = Tuple.count(args) > 0 ? ((try? Runtime.strString(Tuple.item(args, 0))) ?? "?") : ""
            return "\(TypeObject.name(typeOf(e)).string): \(msg)"
        }
    }

    func testMethodsFieldsAndConstants() {
        XCTAssertEqual(run("import board\nl = board.Led(2)\nl.on()\nresult = (l.value(), board.Led.MAX_PIN, l.pin)"), "(1, 16, 2)")
        XCTAssertEqual(run("import board\nl = board.Led(2)\nl.value(0)\nresult = l.value()"), "0")
        XCTAssertEqual(run("import board\nboard.Led(99)"), "ValueError: invalid pin")
        XCTAssertEqual(run("import board\nresult = type(board.Led(1)).__name__"), "'Led'")
    }

    func testEveryMethodChecksSelf() {
        XCTAssertEqual(run("import board\nboard.Led.on(5)"), "TypeError: argument should be a 'Led' not a 'int'")
        XCTAssertEqual(run("import board\nboard.Led.value('x', 1)"), "TypeError: argument should be a 'Led' not a 'str'")
        XCTAssertEqual(run("import board\nboard.Led.write(bytearray(4), b'x')"), "TypeError: argument should be a 'Led' not a 'bytearray'")
    }

    func testCallIteratorAndAttributeSlots() {
        XCTAssertEqual(run("import board\nl = board.Led(3)\nresult = (l(), l(), list(l))"), "(True, False, [1, 0, 1])")
        XCTAssertEqual(run("import board\nl = board.Led(3)\nl.pin = 4"), "AttributeError: can't set attribute")
        XCTAssertEqual(run("import board\nl = board.Led(3)\nl.brightness"), "AttributeError: 'Led' object has no attribute 'brightness'")
        XCTAssertEqual(run("import board\nl = board.Led(3)\nl.brightness = 1"), "AttributeError: 'Led' object has no attribute 'brightness'")
    }

    func testStreamAndBufferSlots() {
        XCTAssertEqual(run("import board\nl = board.Led(3)\nl.write(b'abc')\nprint('de', file=l, end='')\nresult = (bytes(l), l.read(2), l.readline(), l.read())"),
                       "(b'abcde', b'ab', b'cde', b'')")
        XCTAssertEqual(run("import board\nl = board.Led(3)\nl.write(b'x\\ny')\nb = bytearray(4)\nresult = (l.readinto(b), b)"),
                       "(3, bytearray(b'x\\ny\\x00'))")
    }

    func testSelectPollsNativeStreamsThroughTheirIoctl() {
        XCTAssertEqual(run("""
            import board, select
            l = board.Led(1)
            p = select.poll()
            p.register(l, select.POLLIN)
            a = p.poll(0)
            l.write(b'x')
            b = p.poll(0)
            p.modify(l, select.POLLIN | select.POLLOUT)
            c = [(o is l, e) for o, e in p.ipoll(0, 1)]
            d = p.poll(0)
            r, w, x = select.select([l], [l], [l], 0)
            result = (a, b[0][1], c, d, len(r), len(w), x)
            """), "([], 1, [(True, 5)], [], 1, 1, [])")
    }

    func testPortRootsKeepObjectsAcrossCollections() {
        XCTAssertEqual(run("import board, gc\nboard.on_change(lambda x: x + 41)\ngc.collect()\n[bytearray(100) for i in range(50)]\ngc.collect()\nresult = board.fire()"), "42")
        // A soft reset clears port roots.
        XCTAssertEqual(run("import board\nresult = board.fire()"), "None")
    }

    func testRegistryExtensibleModulesAndAliases() {
        XCTAssertEqual(run("import utime, time, usys, sys\nresult = (utime is time, usys is sys, 'time' in sys.modules)"), "(True, True, False)")
        XCTAssertEqual(run("import ujson, json\nresult = ujson is json"), "True")
        XCTAssertEqual(run("import umath"), "ImportError: no module named 'umath'")
    }
}
