import XCTest
@testable import Storage

final class MemoryBlockDeviceTests: XCTestCase {
    func testNorWriteOnlyClearsBits() throws {
        let dev = MemoryBlockDevice(blockSize: 16, blockCount: 2, norFlash: true)
        let a: [UInt8] = [0xF0, 0x0F]
        try a.withUnsafeBytes { try dev.write(block: 1, offset: 3, from: $0) }
        let b: [UInt8] = [0x3C, 0xFF]
        try b.withUnsafeBytes { try dev.write(block: 1, offset: 3, from: $0) }
        var out = [UInt8](repeating: 0, count: 2)
        try out.withUnsafeMutableBytes { try dev.read(block: 1, offset: 3, into: $0) }
        XCTAssertEqual(out, [0x30, 0x0F])
        try dev.erase(block: 1)
        try out.withUnsafeMutableBytes { try dev.read(block: 1, offset: 3, into: $0) }
        XCTAssertEqual(out, [0xFF, 0xFF])
    }

    func testOutOfRangeIsIOError() {
        let dev = MemoryBlockDevice(blockSize: 16, blockCount: 2)
        var out = [UInt8](repeating: 0, count: 4)
        XCTAssertThrowsError(try out.withUnsafeMutableBytes { try dev.read(block: 1, offset: 14, into: $0) })
    }
}
