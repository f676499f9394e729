import Foundation
import XCTest
@testable import ESP8266
import Storage

final class FlashImageTests: XCTestCase {
    var dir: URL!

    override func setUp() {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("flash-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    func testLayoutsMatchTheFirmware() {
        let four = FlashLayout(size: 4 << 20)!
        XCTAssertEqual(four.userStart, 0x100000)
        XCTAssertEqual(four.filesystemStartSector, 256)
        XCTAssertEqual(four.filesystemBlocks, 763)
        XCTAssertEqual(four.filesystemBytes, 3_125_248)
        XCTAssertEqual(FlashLayout(size: 2 << 20)!.filesystemBlocks, 251)
        let one = FlashLayout(size: 1 << 20)!
        XCTAssertEqual(one.filesystemStartSector, 153)
        XCTAssertEqual(one.filesystemBlocks, 98)
        XCTAssertEqual(FlashLayout(size: 512 << 10)!.filesystemBlocks, 0)
        XCTAssertNil(FlashLayout(size: 3 << 20))
        XCTAssertEqual(FlashLayout.parseSize("4M"), 4 << 20)
        XCTAssertEqual(FlashLayout.parseSize("512KiB"), 512 << 10)
        XCTAssertNil(FlashLayout.parseSize("big"))
    }

    func testNorSemanticsPersistToTheFile() throws {
        let p = path("a.bin")
        let flash = try FlashImage(creating: p, size: 1 << 20)
        let data: [UInt8] = [0xF0, 0x0F, 0xAA, 0x55]
        try data.withUnsafeBytes { try flash.write(at: 4096, from: $0) }
        let more: [UInt8] = [0x3C, 0xFF, 0xFF, 0x00]
        try more.withUnsafeBytes { try flash.write(at: 4096, from: $0) }
        let reopened = try FlashImage(path: p)
        var out = [UInt8](repeating: 0, count: 4)
        try out.withUnsafeMutableBytes { try reopened.read(at: 4096, into: $0) }
        XCTAssertEqual(out, [0x30, 0x0F, 0xAA, 0x00])
        try reopened.erase(sector: 1)
        try out.withUnsafeMutableBytes { try FlashImage(path: p).read(at: 4096, into: $0) }
        XCTAssertEqual(out, [0xFF, 0xFF, 0xFF, 0xFF])
        XCTAssertThrowsError(try out.withUnsafeMutableBytes { try reopened.read(at: (1 << 20) - 2, into: $0) })
    }

    func testBadImagesAreClearErrors() throws {
        XCTAssertThrowsError(try FlashImage(path: path("missing.bin"))) { e in
            XCTAssertTrue("\(e)".contains("no flash image"))
        }
        FileManager.default.createFile(atPath: path("short.bin"), contents: Data(count: 1000))
        XCTAssertThrowsError(try FlashImage(path: path("short.bin"))) { e in
            XCTAssertTrue("\(e)".contains("not a flash image"))
        }
        let erased = try FlashImage(creating: path("erased.bin"), size: 4 << 20)
        XCTAssertNil(FlashFilesystem.detect(erased))
        XCTAssertThrowsError(try FlashFilesystem.mount(erased))
    }

    func testFormatDetectAndMountBothFilesystems() throws {
        for kind in FlashFilesystem.Kind.allCases {
            let p = path("\(kind).bin")
            let flash = try FlashImage(creating: p, size: 2 << 20)
            try FlashFilesystem.format(flash, as: kind)
            XCTAssertEqual(FlashFilesystem.detect(flash), kind)
            let (k, fs) = try FlashFilesystem.mount(flash)
            XCTAssertEqual(k, kind)
            let f = try fs.open("/boot.py", mode: OpenMode(read: false, write: true, create: true, truncate: true))
            let text = Array("# boot\n".utf8)
            _ = try text.withUnsafeBytes { try f.write(from: $0) }
            try f.close()
            // A fresh open of the file sees the file (write-through).
            let (_, again) = try FlashFilesystem.mount(try FlashImage(path: p))
            XCTAssertEqual(try again.stat("/boot.py").size, text.count)
        }
        let small = try FlashImage(creating: path("small.bin"), size: 512 << 10)
        XCTAssertThrowsError(try FlashFilesystem.format(small, as: .lfs2))
    }
}
