import XCTest
@testable import Storage

/// A block device that stores only written blocks (reads of others give zeros), for huge volumes.
final class SparseBlockDevice: BlockDevice {
    let blockSize: Int
    let blockCount: Int
    var blocks: [Int: [UInt8]] = [:]

    init(blockSize: Int, blockCount: Int) {
        self.blockSize = blockSize
        self.blockCount = blockCount
    }

    func read(block: Int, offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(StorageError) {
        var at = block * blockSize + offset
        guard block >= 0, offset >= 0, at + buffer.count <= blockSize * blockCount else { throw .io }
        var done = 0
        while done < buffer.count {
            let b = at / blockSize, o = at % blockSize
            let n = min(blockSize - o, buffer.count - done)
            if let data = blocks[b] {
                for i in 0..<n { buffer[done + i] = data[o + i] }
            } else {
                for i in 0..<n { buffer[done + i] = 0 }
            }
            done += n; at += n
        }
    }

    func write(block: Int, offset: Int, from buffer: UnsafeRawBufferPointer) throws(StorageError) {
        var at = block * blockSize + offset
        guard block >= 0, offset >= 0, at + buffer.count <= blockSize * blockCount else { throw .io }
        var done = 0
        while done < buffer.count {
            let b = at / blockSize, o = at % blockSize
            let n = min(blockSize - o, buffer.count - done)
            var data = blocks[b] ?? [UInt8](repeating: 0, count: blockSize)
            for i in 0..<n { data[o + i] = buffer[done + i] }
            blocks[b] = data
            done += n; at += n
        }
    }

    func erase(block: Int) throws(StorageError) {}
    func sync() throws(StorageError) {}
}

func fatErrno(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> Int32? {
    do {
        try body()
        XCTFail("expected an error", file: file, line: line)
        return nil
    } catch let e as StorageError {
        return e.errno
    } catch {
        XCTFail("unexpected error \(error)", file: file, line: line)
        return nil
    }
}

extension FileSystem {
    func writeFile(_ path: String, _ bytes: [UInt8], mode: OpenMode = OpenMode(read: false, write: true, create: true, truncate: true)) throws {
        let f = try open(path, mode: mode)
        _ = try bytes.withUnsafeBytes { try f.write(from: $0) }
        try f.close()
    }

    func writeFile(_ path: String, _ text: String) throws { try writeFile(path, Array(text.utf8)) }

    func readFile(_ path: String) throws -> [UInt8] {
        let f = try open(path, mode: OpenMode())
        var out = [UInt8]()
        var buf = [UInt8](repeating: 0, count: 1000)
        while true {
            let n = try buf.withUnsafeMutableBytes { try f.read(into: $0) }
            if n == 0 { break }
            out += buf[0..<n]
        }
        try f.close()
        return out
    }

    func readText(_ path: String) throws -> String { String(decoding: try readFile(path), as: UTF8.self) }

    /// (name, isDirectory, size) in listing order.
    func list(_ path: String) throws -> [String] {
        let it = try listDirectory(path)
        var out = [String]()
        while let e = try it.next() { out.append("\(e.name),\(e.type == .directory ? "d" : "f"),\(e.size)") }
        return out
    }

    func names(_ path: String) throws -> [String] {
        let it = try listDirectory(path)
        var out = [String]()
        while let e = try it.next() { out.append(e.name) }
        return out
    }
}

func contains(_ hay: [UInt8], _ needle: String) -> Bool {
    let n = Array(needle.utf8)
    guard hay.count >= n.count else { return false }
    var i = 0
    while i <= hay.count - n.count {
        if hay[i] == n[0] && Array(hay[i..<i + n.count]) == n { return true }
        i += 1
    }
    return false
}

let fatRead = OpenMode()
let fatWrite = OpenMode(read: false, write: true, create: true, truncate: true)
let fatAppend = OpenMode(read: false, write: true, create: true, append: true)
let fatExclusive = OpenMode(read: false, write: true, create: true, exclusive: true)
let fatReadPlus = OpenMode(read: true, write: true)
