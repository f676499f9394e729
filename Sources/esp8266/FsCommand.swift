import ArgumentParser
import ESP8266
import Foundation
import Storage

struct FsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fs",
        abstract: "Work with the files in the flash image without booting the board.",
        subcommands: [Ls.self, Cat.self, Put.self, Get.self, Rm.self, Mkdir.self, Df.self])

    struct Ls: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a directory (sizes; -r for the whole tree).")
        @OptionGroup var options: FlashOption
        @Flag(name: .shortAndLong, help: "List subdirectories too.") var recursive = false
        @Argument var path: String = "/"

        func run() throws {
            let (_, fs) = try options.mount(try options.open())
            let root = boardPath(path)
            let info = try storage(root) { () throws(StorageError) in try fs.stat(root) }
            if info.type == .file { print(sizeColumn(info.size) + "  " + root); return }
            try list(fs, root, prefix: "")
        }

        func list(_ fs: any FileSystem, _ dir: String, prefix: String) throws {
            for e in try entries(fs, dir) {
                let name = prefix + e.name
                if e.type == .directory {
                    print("     <dir>  \(name)/")
                    if recursive { try list(fs, joinBoard(dir, e.name), prefix: name + "/") }
                } else {
                    print(sizeColumn(e.size) + "  " + name)
                }
            }
        }
    }

    struct Cat: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a file's bytes to standard output.")
        @OptionGroup var options: FlashOption
        @Argument var path: String

        func run() throws {
            let (_, fs) = try options.mount(try options.open())
            let data = try readAll(fs, boardPath(path))
            FileHandle.standardOutput.write(Data(data))
        }
    }

    struct Put: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Copy a local file (or, with -r, a directory tree) onto the board.")
        @OptionGroup var options: FlashOption
        @Flag(name: .shortAndLong, help: "Copy directories recursively.") var recursive = false
        @Argument(help: "Local file or directory.") var local: String
        @Argument(help: "Destination on the board (default: / plus the local name).") var remote: String?

        func run() throws {
            let (_, fs) = try options.mount(try options.open())
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: local, isDirectory: &isDir) else {
                throw CLIError("\(local): no such local file")
            }
            let name = (local as NSString).lastPathComponent
            var dest = boardPath(remote ?? name)
            // Into an existing directory: keep the local name.
            if let r = remote, let st = try? statPath(fs, boardPath(r)), st.type == .directory {
                dest = joinBoard(boardPath(r), name)
            }
            if isDir.boolValue {
                guard recursive else { throw CLIError("\(local) is a directory (use -r)") }
                try putTree(fs, local, dest)
            } else {
                try putFile(fs, local, dest)
            }
            try storage("sync") { () throws(StorageError) in try fs.sync() }
        }

        func putTree(_ fs: any FileSystem, _ local: String, _ dest: String) throws {
            if (try? statPath(fs, dest)) == nil {
                try storage(dest) { () throws(StorageError) in try fs.makeDirectory(dest) }
            }
            for name in try FileManager.default.contentsOfDirectory(atPath: local).sorted() {
                let l = (local as NSString).appendingPathComponent(name)
                var isDir: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: l, isDirectory: &isDir)
                if isDir.boolValue { try putTree(fs, l, joinBoard(dest, name)) } else { try putFile(fs, l, joinBoard(dest, name)) }
            }
        }

        func putFile(_ fs: any FileSystem, _ local: String, _ dest: String) throws {
            guard let data = FileManager.default.contents(atPath: local) else { throw CLIError("\(local): cannot read") }
            try writeAll(fs, dest, [UInt8](data))
        }
    }

    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Copy a file (or, with -r, a directory tree) from the board.")
        @OptionGroup var options: FlashOption
        @Flag(name: .shortAndLong, help: "Copy directories recursively.") var recursive = false
        @Argument(help: "File or directory on the board.") var remote: String
        @Argument(help: "Local destination (default: the name in the current directory).") var local: String?

        func run() throws {
            let (_, fs) = try options.mount(try options.open())
            let src = boardPath(remote)
            let info = try statPath(fs, src)
            var dest = local ?? (src == "/" ? "." : (src as NSString).lastPathComponent)
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dest, isDirectory: &isDir), isDir.boolValue, info.type == .file || local != nil {
                if info.type == .file { dest = (dest as NSString).appendingPathComponent((src as NSString).lastPathComponent) }
            }
            if info.type == .directory {
                guard recursive else { throw CLIError("\(src) is a directory (use -r)") }
                try getTree(fs, src, dest)
            } else {
                try getFile(fs, src, dest)
            }
        }

        func getTree(_ fs: any FileSystem, _ src: String, _ dest: String) throws {
            try FileManager.default.createDirectory(atPath: dest, withIntermediateDirectories: true)
            for e in try entries(fs, src) {
                let s = joinBoard(src, e.name), d = (dest as NSString).appendingPathComponent(e.name)
                if e.type == .directory { try getTree(fs, s, d) } else { try getFile(fs, s, d) }
            }
        }

        func getFile(_ fs: any FileSystem, _ src: String, _ dest: String) throws {
            let data = try readAll(fs, src)
            guard FileManager.default.createFile(atPath: dest, contents: Data(data)) else { throw CLIError("\(dest): cannot write") }
        }
    }

    struct Rm: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a file or empty directory (-r: a whole tree).")
        @OptionGroup var options: FlashOption
        @Flag(name: .shortAndLong, help: "Remove directories and their contents.") var recursive = false
        @Argument var path: String

        func run() throws {
            let (_, fs) = try options.mount(try options.open())
            let p = boardPath(path)
            if p == "/" { throw CLIError("refusing to remove /") }
            try remove(fs, p)
            try storage("sync") { () throws(StorageError) in try fs.sync() }
        }

        func remove(_ fs: any FileSystem, _ p: String) throws {
            let info = try statPath(fs, p)
            if info.type == .directory {
                if recursive {
                    for e in try entries(fs, p) { try remove(fs, joinBoard(p, e.name)) }
                }
                try storage(p) { () throws(StorageError) in try fs.removeDirectory(p) }
            } else {
                try storage(p) { () throws(StorageError) in try fs.remove(p) }
            }
        }
    }

    struct Mkdir: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a directory (-p: with its parents, no error if it exists).")
        @OptionGroup var options: FlashOption
        @Flag(name: .short, help: "Make parents as needed.") var parents = false
        @Argument var path: String

        func run() throws {
            let (_, fs) = try options.mount(try options.open())
            let p = boardPath(path)
            if parents {
                var cur = ""
                for c in p.split(separator: "/") {
                    cur += "/" + c
                    if (try? statPath(fs, cur)) == nil { try storage(cur) { () throws(StorageError) in try fs.makeDirectory(cur) } }
                }
            } else {
                try storage(p) { () throws(StorageError) in try fs.makeDirectory(p) }
            }
            try storage("sync") { () throws(StorageError) in try fs.sync() }
        }
    }

    struct Df: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the filesystem's size and free space.")
        @OptionGroup var options: FlashOption

        func run() throws {
            let (kind, fs) = try options.mount(try options.open())
            let s = try storage("statvfs") { () throws(StorageError) in try fs.statistics() }
            let total = s.blockCount * s.blockSize, free = s.freeBlocks * s.blockSize
            print("Filesystem  Size      Used      Free      Use%")
            let pct = total == 0 ? 0 : (total - free) * 100 / total
            func col(_ v: Any, _ w: Int) -> String { let t = "\(v)"; return t + String(repeating: " ", count: max(1, w - t.count)) }
            print(col(kind == .lfs2 ? "littlefs2" : "fat", 12) + col(total, 10) + col(total - free, 10) + col(free, 10) + "\(pct)%")
        }
    }
}

func sizeColumn(_ n: Int) -> String {
    let t = String(n)
    return String(repeating: " ", count: max(0, 10 - t.count)) + t
}

/// A directory's entries, read to the end before the caller changes anything.
func entries(_ fs: any FileSystem, _ dir: String) throws -> [EntryInfo] {
    let it = try storage(dir) { () throws(StorageError) in try fs.listDirectory(dir) }
    defer { it.close() }
    var out: [EntryInfo] = []
    while let e = try storage(dir, { () throws(StorageError) in try it.next() }) { out.append(e) }
    return out
}

func statPath(_ fs: any FileSystem, _ p: String) throws -> EntryInfo {
    try storage(p) { () throws(StorageError) in try fs.stat(p) }
}

func readAll(_ fs: any FileSystem, _ p: String) throws -> [UInt8] {
    let f = try storage(p) { () throws(StorageError) in try fs.open(p, mode: OpenMode(read: true)) }
    var out: [UInt8] = []
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 8)
    defer { chunk.deallocate() }
    while true {
        let n = try storage(p) { () throws(StorageError) in try f.read(into: chunk) }
        if n == 0 { break }
        out.append(contentsOf: chunk[0..<n])
    }
    try storage(p) { () throws(StorageError) in try f.close() }
    return out
}

func writeAll(_ fs: any FileSystem, _ p: String, _ data: [UInt8]) throws {
    let f = try storage(p) { () throws(StorageError) in
        try fs.open(p, mode: OpenMode(read: false, write: true, create: true, truncate: true))
    }
    f.mtime = Clock.nowNanoseconds()
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, data.count), alignment: 8)
    defer { buffer.deallocate() }
    buffer.copyBytes(from: data)
    var done = 0
    while done < data.count {
        let n = min(65536, data.count - done)
        let piece = UnsafeRawBufferPointer(rebasing: buffer[done..<done + n])
        _ = try storage(p) { () throws(StorageError) in try f.write(from: piece) }
        done += n
    }
    try storage(p) { () throws(StorageError) in try f.close() }
}
