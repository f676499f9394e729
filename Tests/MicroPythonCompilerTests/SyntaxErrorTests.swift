import XCTest
@testable import MicroPythonCompiler

final class SyntaxErrorTests: XCTestCase {
    func check(_ src: String, _ msg: String, line: Int, kind: CompileError.Kind = .syntaxError,
               file: StaticString = #filePath, fileLine: UInt = #line) {
        do {
            _ = try compilePython(Array(src.utf8), fileName: "t.py", mode: .file)
            XCTFail("expected error for \(src)", file: file, line: fileLine)
        } catch {
            XCTAssertEqual(error.message, msg, src, file: file, line: fileLine)
            XCTAssertEqual(error.line, line, src, file: file, line: fileLine)
            XCTAssertEqual(error.kind, kind, src, file: file, line: fileLine)
        }
    }

    func testMessages() {
        check("x = (1,\n", "invalid syntax", line: 2)
        check("return 1\n", "'return' outside function", line: 1)
        check("break\n", "'break'/'continue' outside loop", line: 1)
        check("def f():\n  continue\n", "'break'/'continue' outside loop", line: 2)
        check("yield 1\n", "'yield' outside function", line: 1)
        check("def f(a, a):\n  pass\n", "argument name reused", line: 1)
        check("1 = 2\n", "can't assign to expression", line: 1)
        check("del 1\n", "can't delete expression", line: 1)
        check("def f(a=1, b):\n  pass\n", "non-default argument follows default argument", line: 1)
        check("def f():\n  x = 1\n  global x\n", "identifier redefined as global", line: 3)
        check("def f():\n  x = 1\n  nonlocal x\n", "identifier redefined as nonlocal", line: 3)
        check("def f():\n  nonlocal y\n", "no binding for nonlocal found", line: 2)
        check("await x\n", "'await' outside function", line: 1)
        check("*x\n", "*x must be assignment target", line: 1)
        check("if 1:\n    x\n  y\n", "unindent doesn't match any outer indent level", line: 2, kind: .indentationError)
        check("  x = 1\n", "unexpected indent", line: 1, kind: .indentationError)
        check("x = 1\n    y = 2\n", "unexpected indent", line: 2, kind: .indentationError)
        check("@micropython.asm_thumb\ndef f(): pass\n", "invalid micropython decorator", line: 1)
        check("@micropython.viper\ndef f(a: 1): pass\n", "annotation must be an identifier", line: 2)
        check("@micropython.viper\ndef f():\n    x = 1\n    x = []\n", "local 'x' has type 'int' but source is 'object'",
              line: 4, kind: .viperTypeError)
        check("@micropython.native\ndef f():\n    raise\n", "native raise", line: 3, kind: .notImplementedError)
        check("f(a=1, 2)\n", "positional arg after keyword arg", line: 1)
        check("x = \"abc\n", "invalid syntax", line: 1)
        check("f(**a, *b)\n", "* arg after **", line: 1)
        check("x = $\n", "invalid syntax", line: 1)
        check("class A:\n    return 1\n", "'return' outside function", line: 2)
        check("import *\n", "invalid syntax", line: 1)
        check("def f():\n  from os import *\n", "import * not at module level", line: 2)
        check("X = const(f())\n", "not a constant", line: 1)
    }

    func testComplexDisabled() {
        XCTAssertThrowsError(try compilePython(Array("x = 1j\n".utf8), fileName: "t.py", mode: .file,
                                               options: CompilerOptions(allowComplex: false)))
        XCTAssertNoThrow(try compilePython(Array("x = 1j\n".utf8), fileName: "t.py", mode: .file))
    }

    func testModes() throws {
        let m = try compilePython(Array("1 + x\n".utf8), fileName: "<stdin>", mode: .single)
        XCTAssertTrue(m.qstrs.contains("__repl_print__"))
        let e = try compilePython(Array("x * 2".utf8), fileName: "<string>", mode: .eval)
        XCTAssertEqual(e.root.data.last, 0x63)
        let o = try compilePython(Array("assert x\n".utf8), fileName: "t.py", mode: .file,
                                  options: CompilerOptions(optimizationLevel: 1))
        XCTAssertFalse(o.qstrs.contains("AssertionError"))
    }

    func testDeepNestingIsAnError() {
        let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000) + "\n"
        XCTAssertThrowsError(try compilePython(Array(deep.utf8), fileName: "t.py", mode: .file))
        let longChain = "x = " + Array(repeating: "a", count: 20000).joined(separator: " + ") + "\n"
        XCTAssertNoThrow(try compilePython(Array(longChain.utf8), fileName: "t.py", mode: .file))
        let neg = "x = " + String(repeating: "-", count: 5000) + "1\n"
        XCTAssertThrowsError(try compilePython(Array(neg.utf8), fileName: "t.py", mode: .file))
    }

    /// Random bytes and truncated programs must return or throw CompileError, never crash.
    func testFuzz() throws {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("abc xyz01:=()[]{},.+-*/'\"\n\t #@\\fbrjeif lambda def class for in if else while try except return yield".utf8)
        for i in 0..<3000 {
            let n = Int.random(in: 0..<60, using: &rng)
            var b: [UInt8] = []
            for _ in 0..<n {
                b.append(i % 2 == 0 ? UInt8.random(in: 0...255, using: &rng) : alphabet.randomElement(using: &rng)!)
            }
            _ = try? compilePython(b, fileName: "f.py", mode: .file)
            _ = try? compilePython(b, fileName: "f.py", mode: .single)
            _ = try? compilePython(b, fileName: "f.py", mode: .eval)
        }
        for url in MpyCrossTests.programs() {
            let src = [UInt8](try Data(contentsOf: url))
            var k = 0
            while k < src.count {
                _ = try? compilePython(Array(src[0..<k]), fileName: "f.py", mode: .file)
                k += 7
            }
        }
    }
}
