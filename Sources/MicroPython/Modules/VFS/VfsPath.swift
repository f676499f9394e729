/// Path arithmetic for filesystems that keep their own current directory (littlefs, FAT):
/// joins a path onto the current directory and resolves ".", ".." and repeated slashes,
/// giving the normalised absolute form the Storage filesystems expect ("/" or "/a/b").
enum VfsPath {
    static func resolve(_ path: [UInt8], cwd: [UInt8]) -> [UInt8] {
        var parts: [ArraySlice<UInt8>] = []
        func add(_ p: [UInt8]) {
            for c in p.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
                if c.count == 1 && c[c.startIndex] == UInt8(ascii: ".") { continue }
                if c.count == 2 && c[c.startIndex] == UInt8(ascii: ".") && c[c.startIndex + 1] == UInt8(ascii: ".") {
                    _ = parts.popLast()
                    continue
                }
                parts.append(c)
            }
        }
        if path.first != UInt8(ascii: "/") { add(cwd) }
        add(path)
        if parts.isEmpty { return [UInt8(ascii: "/")] }
        var out: [UInt8] = []
        for p in parts { out.append(UInt8(ascii: "/")); out.append(contentsOf: p) }
        return out
    }

    static func string(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }
}
