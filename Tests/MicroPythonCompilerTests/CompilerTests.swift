import XCTest
@testable import MicroPythonCompiler

final class CompilerTests: XCTestCase {
    func testTiny() throws {
        let src = "x = 1\ndef add(a, b=2):\n    return a + b\nprint(add(x), \"hi\")\n"
        let m = try compilePython(Array(src.utf8), fileName: "tiny.py", mode: .file)
        let expected: [UInt8] = [0x4d,0x06,0x00,0x1f,0x08,0x00,0x0e,0x74,0x69,0x6e,0x79,0x2e,0x70,0x79,0x00,0x0f,
            0x04,0x68,0x69,0x00,0x06,0x61,0x64,0x64,0x00,0x02,0x78,0x00,0x81,0x77,0x02,0x61,
            0x00,0x02,0x62,0x00,0x81,0x7c,0x10,0x06,0x01,0x23,0x48,0x81,0x16,0x04,0x82,0x2a,
            0x01,0x53,0x33,0x00,0x16,0x03,0x11,0x05,0x11,0x03,0x11,0x04,0x34,0x01,0x10,0x02,
            0x34,0x02,0x59,0x51,0x63,0x01,0x58,0x9a,0x01,0x08,0x03,0x06,0x07,0x40,0xb0,0xb1,
            0xf2,0x63]
        XCTAssertEqual(writeMpy(m), expected)
    }
}

final class DisassemblerTests: XCTestCase {
    func testDisassemble() throws {
        let m = try compilePython(Array("def f(a):\n    return a + 1\nf(2)\n".utf8), fileName: "d.py", mode: .file)
        let text = disassemble(m)
        XCTAssertTrue(text.contains("MAKE_FUNCTION 0"), text)
        XCTAssertTrue(text.contains("f(a)"), text)
        XCTAssertTrue(text.contains("RETURN_VALUE"), text)
    }
}

final class OperandKindTests: XCTestCase {
    /// The written-out kind string the .mpy check uses says what the opcode table says.
    func testOperandKindsMatchTable() {
        XCTAssertEqual(Op.operandKinds.utf8CodeUnitCount, 256)
        for op in 0...255 {
            let expected = Op.table[UInt8(op)].map { UInt8($0.1.asciiValue!) } ?? UInt8(ascii: ".")
            XCTAssertEqual(Op.operandKind(UInt8(op)), expected, "opcode 0x\(String(op, radix: 16))")
        }
    }
}
