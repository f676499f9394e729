import XCTest
@testable import Storage

/// A block device over a MemoryBlockDevice that can be told to fail every operation
/// (MicroPython's corrupt-device test returns -EIO from readblocks/writeblocks).
final class FailingBlockDevice: BlockDevice {
    let inner: MemoryBlockDevice
    var failing = false
    var readOnly = false
    var eraseIsNoop = false
    init(_ inner: MemoryBlockDevice) { self.inner = inner }
    var blockSize: Int { inner.blockSize }
    var blockCount: Int { inner.blockCount }
    func read(block: Int, offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(StorageError) {
        if failing { throw .io }
        try inner.read(block: block, offset: offset, into: buffer)
    }
    func write(block: Int, offset: Int, from buffer: UnsafeRawBufferPointer) throws(StorageError) {
        if failing { throw .io }
        if readOnly { throw .readOnly }
        try inner.write(block: block, offset: offset, from: buffer)
    }
    func erase(block: Int) throws(StorageError) {
        if failing { throw .io }
        if readOnly { throw .readOnly }
        if eraseIsNoop { return }
        try inner.erase(block: block)
    }
    func sync() throws(StorageError) {}
}

/// What MicroPython's VfsLfs2 does around the filesystem calls (mtime on by default).
struct MPVfs {
    let fs: LittleFS2
    var mtime = true
    var clock: Int64 = 1_700_000_000_000_000_000

    init(_ fs: LittleFS2, mtime: Bool = true) { self.fs = fs; self.mtime = mtime }

    static func mode(_ s: String) -> OpenMode {
        var m = OpenMode(read: false)
        var any = false
        for c in s {
            switch c {
            case "r": m = OpenMode(read: true); any = true
            case "w": m = OpenMode(read: false, write: true, create: true, truncate: true); any = true
            case "x": m = OpenMode(read: false, write: true, create: true, exclusive: true); any = true
            case "a": m = OpenMode(read: false, write: true, create: true, append: true); any = true
            case "+": m.read = true; m.write = true
            default: break
            }
        }
        if !any && !m.write { m = OpenMode(read: true) }
        return m
    }

    mutating func tick() -> Int64 { clock += 1_000_000_000; return clock }

    mutating func open(_ path: String, _ mode: String) throws -> any OpenFile {
        let f = try fs.open(path, mode: MPVfs.mode(mode))
        if mtime { f.mtime = tick() }
        return f
    }

    mutating func write(_ f: any OpenFile, _ s: String) throws {
        try write(f, Array(s.utf8))
    }

    mutating func write(_ f: any OpenFile, _ b: [UInt8]) throws {
        if mtime { f.mtime = tick() }
        let n = try b.withUnsafeBytes { try f.write(from: $0) }
        XCTAssertEqual(n, b.count)
    }

    func readAll(_ f: any OpenFile) throws -> [UInt8] {
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = try buf.withUnsafeMutableBytes { try f.read(into: $0) }
            if n == 0 { break }
            out += buf[0..<n]
        }
        return out
    }

    mutating func writeFile(_ path: String, _ s: String) throws {
        let f = try open(path, "w")
        try write(f, s)
        try f.close()
    }

    mutating func readFile(_ path: String) throws -> String {
        let f = try open(path, "r")
        defer { try? f.close() }
        return String(decoding: try readAll(f), as: UTF8.self)
    }

    func list(_ path: String) throws -> [String] {
        let it = try fs.listDirectory(path)
        var out: [String] = []
        while let e = try it.next() {
            out.append("\(e.name):\(e.type == .directory ? "d" : "f"):\(e.type == .directory ? 0 : e.size)")
        }
        return out
    }

    func free() throws -> Int { try fs.statistics().freeBlocks }
}

func errno(_ body: () throws -> Void) -> Int32? {
    do {
        try body()
        return nil
    } catch let e as StorageError {
        return e.errno
    } catch {
        return -1
    }
}
