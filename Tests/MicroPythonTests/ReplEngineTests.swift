import XCTest
@testable import MicroPython
@testable import MicroPythonREPL

/// Everything the engine and the running code write, in order (the runtime is global, so
/// program output reaches this one sink through Builtins.writeStdout).
final class Transcript: @unchecked Sendable {
    nonisolated(unsafe) static var bytes: [UInt8] = []

    /// Text output as a board sends it: "\n" becomes "\r\n".
    static func cooked(_ b: UnsafeRawBufferPointer) {
        for c in b {
            if c == Key.lineFeed { bytes.append(Key.carriageReturn) }
            bytes.append(c)
        }
    }
}

/// A port fed from a byte array, writing into the transcript like a board's UART.
struct ScriptedPort: ReplPort {
    var input: [UInt8]
    var position = 0
    var interruptChar = -1
    var modeSwitches: [String] = []

    init(_ input: [UInt8]) { self.input = input }

    mutating func readByte() -> UInt8? {
        guard position < input.count else { return nil }
        defer { position += 1 }
        return input[position]
    }

    mutating func writeRaw(_ bytes: UnsafeRawBufferPointer) { Transcript.bytes += bytes }
    mutating func writeText(_ bytes: UnsafeRawBufferPointer) { Transcript.cooked(bytes) }
    var bannerLines: [String] { ["MicroPython test", "Type \"help()\" for more information."] }
    mutating func terminalModeRaw() { modeSwitches.append("raw") }
    mutating func terminalModeOriginal() { modeSwitches.append("orig") }
    mutating func setInterruptChar(_ c: Int) { interruptChar = c }
}

/// The REPL engine on the tests' shared runtime (one per process), each session in a fresh
/// __main__ after a soft reset.
final class ReplEngineTests: XCTestCase {
    static let banner = "MicroPython test\r\nType \"help()\" for more information.\r\n"
    var savedOut: ((UnsafeBufferPointer<UInt8>) -> Void)? = nil
    var savedErr: ((UnsafeBufferPointer<UInt8>) -> Void)? = nil

    override func setUpWithError() throws {
        try XCTSkipUnless(TestRuntime.started, TestRuntime.sharedMessage)
        Heap.stress = false
        savedOut = Builtins.writeStdout
        savedErr = Builtins.writeStderr
        Builtins.writeStdout = { Transcript.cooked(UnsafeRawBufferPointer($0)) }
        Builtins.writeStderr = { Transcript.cooked(UnsafeRawBufferPointer($0)) }
        Transcript.bytes = []
    }

    override func tearDown() {
        if let o = savedOut { Builtins.writeStdout = o }
        if let e = savedErr { Builtins.writeStderr = e }
    }

    /// Runs an engine on `input` (starting in `mode`) and returns what it wrote and why it ended.
    @inline(never) func session(_ input: String, mode: ReplEngine<ScriptedPort>.Mode = .friendly, window: Int = 256)
        -> (output: String, exit: ReplExit) {
        var engine = ReplEngine(port: ScriptedPort(Array(input.utf8)))
        engine.mode = mode
        engine.rawPasteBufferSize = window
        let exit = run(&engine)
        return (String(decoding: Transcript.bytes, as: UTF8.self), exit)
    }

    /// Runs the engine in a fresh session, with the native stack scanned from here.
    @inline(never) func run(_ engine: inout ReplEngine<ScriptedPort>) -> ReplExit {
        MicroPythonRuntime.softReset()
        var marker = 0
        Heap.stackTop = withUnsafeMutablePointer(to: &marker) { UnsafeMutableRawPointer($0) }
        defer { Heap.stackTop = nil }
        return engine.run()
    }

    func testFriendlyExpressionAndCtrlD() {
        let r = session("1+1\r\u{4}")
        XCTAssertEqual(r.output, Self.banner + ">>> 1+1\r\n2\r\n>>> \r\n")
        XCTAssertEqual(r.exit, .ctrlD)
    }

    func testCompoundStatementAutoIndentAndBlankLineEnd() {
        // After the body: a line holding only the auto-indent, a blank line, then Enter runs it.
        let r = session("def f(x):\rreturn x*2\r\r\r\rf(4)\r")
        XCTAssertEqual(r.output, Self.banner
            + ">>> def f(x):\r\n...     return x*2\r\n...     \r\n...     \r\n... \r\n>>> f(4)\r\n8\r\n>>> ")
        XCTAssertEqual(r.exit, .inputClosed)
    }

    func testCtrlCCancelsLineAndContinuation() {
        let r = session("abc\u{3}if 1:\r\u{3}")
        XCTAssertEqual(r.output, Self.banner + ">>> abc\r\n>>> if 1:\r\n...     \r\n>>> ")
    }

    func testPasteModeRunsAsFile() {
        let r = session("\u{5}for i in range(2):\r    print(i)\r\u{4}")
        XCTAssertEqual(r.output, Self.banner
            + ">>> \r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== for i in range(2):\r\n===     print(i)\r\n=== \r\n0\r\n1\r\n>>> ")
    }

    func testPasteModePrintsModuleLevelExpressions() {
        // Parsed as a file, compiled as REPL input: f() at module level shows its value.
        let r = session("\u{5}def f():\r  return 1\r\rf()\r\u{4}")
        XCTAssertTrue(r.output.hasSuffix("=== f()\r\n=== \r\n1\r\n>>> "), r.output)
    }

    func testPasteModeCancel() {
        let r = session("\u{5}print(1)\u{3}")
        XCTAssertEqual(r.output, Self.banner + ">>> \r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== print(1)\r\n>>> ")
    }

    func testRawReplFramesOutputAndErrors() {
        let r = session("print(1)\u{4}x\u{4}", mode: .raw)
        let error = "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nNameError: name 'x' isn't defined\r\n"
        XCTAssertEqual(r.output, "raw REPL; CTRL-B to exit\r\n>OK1\r\n\u{4}\u{4}>OK\u{4}" + error + "\u{4}>")
        XCTAssertEqual(r.exit, .inputClosed)
    }

    func testRawReplEmptyInputIsCtrlDAndCtrlBLeaves() {
        XCTAssertEqual(session("\u{4}", mode: .raw).output, "raw REPL; CTRL-B to exit\r\n>OK\r\n")
        XCTAssertEqual(session("\u{4}", mode: .raw).exit, .ctrlD)
        Transcript.bytes = []
        let r = session("\u{2}", mode: .raw)
        XCTAssertEqual(r.output, "raw REPL; CTRL-B to exit\r\n>\r\n" + Self.banner + ">>> ")
    }

    func testFriendlyCtrlAEntersRawAndSystemExitReturns() {
        let r = session("\u{1}raise SystemExit(3)\u{4}")
        XCTAssertEqual(r.output, Self.banner + ">>> \r\nraw REPL; CTRL-B to exit\r\n>OK\u{4}\u{4}")
        XCTAssertEqual(r.exit, .systemExit(3))
    }

    func testRawPasteFlowControl() {
        // Window 8 (buffer 16): the reply grants 2 windows, then one credit per 8 bytes read.
        let source = "print('x'*3)"   // 12 bytes: one credit after the 8th
        let r = session("\u{5}A\u{1}" + source + "\u{4}", mode: .raw, window: 16)
        XCTAssertEqual(r.output, "raw REPL; CTRL-B to exit\r\n>R\u{1}\u{8}\u{0}\u{1}\u{1}\u{4}xxx\r\n\u{4}\u{4}>")
    }

    func testRawPasteRefusesUnknownCommand() {
        let r = session("\u{5}B\u{1}", mode: .raw)
        XCTAssertEqual(r.output, "raw REPL; CTRL-B to exit\r\n>R\u{0}>")
    }

    func testRawPasteCtrlCRaisesKeyboardInterrupt() {
        // 8 bytes fill the window of 8: one credit, then ^C ends the data.
        let r = session("\u{5}A\u{1}print(1)\u{3}", mode: .raw, window: 16)
        XCTAssertEqual(r.output, "raw REPL; CTRL-B to exit\r\n>R\u{1}\u{8}\u{0}\u{1}\u{1}\u{4}\u{4}KeyboardInterrupt: \r\n\u{4}>")
    }

    func testHistoryAndCursorEditing() {
        // Up arrow recalls "12"; left, insert 3: "132".
        let r = session("12\r\u{1b}[A\u{1b}[D3\r")
        XCTAssertEqual(r.output, Self.banner + ">>> 12\r\n12\r\n>>> 12\u{8}32\u{8}\r\n132\r\n>>> ")
    }

    func testBackspaceRemovesIndentLevel() {
        let r = session("if 1:\r\u{7f}x\r")
        XCTAssertEqual(r.output, Self.banner + ">>> if 1:\r\n...     \u{8}\u{8}\u{8}\u{8}\u{1b}[Kx\r\n... ")
    }

    func testTabCompletesUniqueName() {
        let r = session("impo\t")
        XCTAssertEqual(r.output, Self.banner + ">>> impo" + "rt ")
    }

    func testInterruptCharSetOnlyWhileRunning() {
        var engine = ReplEngine(port: ScriptedPort(Array("1\r".utf8)))
        _ = run(&engine)
        XCTAssertEqual(engine.port.interruptChar, -1)
        XCTAssertEqual(Runtime.interruptChar, -1)
        XCTAssertEqual(engine.port.modeSwitches, ["raw", "orig", "raw", "orig"])
    }

    /// What the REPL printed for the last statement before the final prompt.
    func lastResult(_ output: String) -> String {
        let lines = output.components(separatedBy: "\r\n")
        return lines.count >= 2 ? lines[lines.count - 2] : ""
    }

    func testWordMovesAndKills() {
        XCTAssertEqual(lastResult(session("234\u{1b}b1\r").output), "1234")          // backward word
        Transcript.bytes = []
        XCTAssertEqual(lastResult(session("1+    12\u{1b}[1;5D3\r").output), "313")     // ctrl-left
        Transcript.bytes = []
        XCTAssertEqual(lastResult(session("12 3\u{1}\u{1b}f+\r").output), "15")          // forward word
        Transcript.bytes = []
        XCTAssertEqual(lastResult(session("100 + 4562\u{17}3\r").output), "103")      // ctrl-W
        Transcript.bytes = []
        XCTAssertEqual(lastResult(session("1 + 256\u{1b}b\u{1b}d2\r").output), "3")  // kill word forward
    }

    func testEmacsKeysKillAndMove() {
        XCTAssertEqual(lastResult(session("'boofar\u{2}\u{2}\u{2}\u{b}\u{1}\u{6}\u{4}f\u{5}bar'\r").output), "'foobar'")
        Transcript.bytes = []
        XCTAssertEqual(lastResult(session("99+1\u{15}7\r").output), "7")               // ctrl-U
    }

    func testHomeEndSequences() {
        for (home, end) in [("\u{1b}[H", "\u{1b}[F"), ("\u{1b}[1~", "\u{1b}[4~"), ("\u{1b}[7~", "\u{1b}[8~"), ("\u{1b}OH", "\u{1b}OF")] {
            Transcript.bytes = []
            XCTAssertEqual(lastResult(session("2\(home)1\(end)3\r").output), "123", home)
        }
    }

    func testHistoryKeepsItsCapacity() {
        var engine = ReplEngine(port: ScriptedPort(Array("1\r2\r3\r\u{1b}[A\u{1b}[A\u{1b}[A\r".utf8)), historySize: 2)
        _ = run(&engine)
        // Only "3" and "2" are kept: three ups stop at "2".
        XCTAssertEqual(lastResult(String(decoding: Transcript.bytes, as: UTF8.self)), "2")
        XCTAssertEqual(engine.history, [Array("2".utf8), Array("3".utf8)])
    }

    func testCompletionListsCandidatesInColumns() {
        let names = ["zq_alpha_long_name_1", "zq_b", "zq_c", "zq_d", "zq_e"]
        let setup = names.map { "\($0) = 0\r" }.joined()
        let r = session(setup + "zq_\t")
        XCTAssertTrue(r.output.hasSuffix(">>> zq_\r\nzq_alpha_long_name_1            zq_b            zq_c\r\nzq_d            zq_e\r\n>>> zq_"),
                      r.output)
    }

    func testCtrlDInContinuationRunsWhatWasTyped() {
        // Backspace takes back the auto-indent: ^D on the empty line ends the statement.
        let r = session("for i in range(2):\rprint(i)\r\u{7f}\u{4}")
        XCTAssertTrue(r.output.hasSuffix("...     \u{8}\u{8}\u{8}\u{8}\u{1b}[K0\r\n1\r\n>>> "), r.output)
    }

    func testWithoutOptionalKeysTheyAreIgnored() {
        // As on the ESP8266: Ctrl-B, Ctrl-K, Ctrl-W and ESC b do nothing; ESC [ D and Ctrl-A still edit.
        var engine = ReplEngine(port: ScriptedPort(Array("12\u{2}\u{b}\u{17}\u{1b}b3\u{1b}[D\u{1}4\r".utf8)), keys: [])
        _ = run(&engine)
        XCTAssertEqual(lastResult(String(decoding: Transcript.bytes, as: UTF8.self)), "4123")
    }

    func testRawCtrlAResetsInput() {
        let r = session("abc\u{1}print(4)\u{4}", mode: .raw)
        XCTAssertEqual(r.output, "raw REPL; CTRL-B to exit\r\n>raw REPL; CTRL-B to exit\r\n>OK4\r\n\u{4}\u{4}>")
    }
}

final class ContinuationTests: XCTestCase {
    func needs(_ s: String) -> Bool { Continuation.needsMore(Array(s.utf8)) }

    func testRules() {
        XCTAssertFalse(needs(""))
        XCTAssertFalse(needs("x = 1"))
        XCTAssertTrue(needs("if x:"))
        XCTAssertTrue(needs("if x: pass"))
        XCTAssertFalse(needs("if1 = 2"))
        XCTAssertFalse(needs("if x:\n  pass\n"))
        XCTAssertTrue(needs("@dec"))
        XCTAssertTrue(needs("f(1,"))
        XCTAssertFalse(needs("'('"))
        XCTAssertTrue(needs("'''abc"))
        XCTAssertFalse(needs("'''abc'''"))
        XCTAssertTrue(needs("1 + \\"))
        XCTAssertFalse(needs("'\\'('"))
        XCTAssertTrue(needs("async def f():"))
    }
}
