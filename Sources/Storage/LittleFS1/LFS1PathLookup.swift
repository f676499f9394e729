extension LittleFS1 {
    /// The outcome of resolving a path. When the last step finds nothing, `found` is false,
    /// `dir` is the last block of the directory searched (where a new entry would go) and
    /// `rest` is the unresolved part of the path, starting at the missing name.
    struct Lookup {
        var dir: MetadataDir
        var entry: Entry
        var rest: ArraySlice<UInt8>
        var found: Bool
        /// The last name looked up: the entry's name when found, else the missing name.
        var name: ArraySlice<UInt8>

        /// The missing name is the last component, so it could be created.
        var canCreate: Bool { !found && !rest.contains(slash) }
        /// The path named the root directory itself.
        var isRoot: Bool
    }

    static let slash = UInt8(ascii: "/")
    static let dot = UInt8(ascii: ".")

    /// Resolves `path` the way littlefs v1 does: slashes and "." are skipped, and a name
    /// cancelled by a later ".." is never looked up.
    func lookup(_ path: [UInt8]) throws(StorageError) -> Lookup {
        var entry = Entry()
        entry.type = EntryKind.directory
        entry.pair = root
        var dir = MetadataDir()
        var p = 0
        var isRoot = true
        var lastName: ArraySlice<UInt8> = path[0..<0]

        func componentLength(from start: Int) -> Int {
            var e = start
            while e < path.count && path[e] != LittleFS1.slash { e += 1 }
            return e - start
        }
        func skipSlashes(from start: Int) -> Int {
            var s = start
            while s < path.count && path[s] == LittleFS1.slash { s += 1 }
            return s
        }
        func isDots(_ start: Int, _ length: Int) -> Bool {
            (length == 1 && path[start] == LittleFS1.dot) ||
                (length == 2 && path[start] == LittleFS1.dot && path[start + 1] == LittleFS1.dot)
        }

        nextName: while true {
            p = skipSlashes(from: p)
            let length = componentLength(from: p)
            if isDots(p, length) {
                p += length
                continue nextName
            }
            // skip this name if a later ".." cancels it
            var s = p + length
            var depth = 1
            while true {
                s = skipSlashes(from: s)
                let n = componentLength(from: s)
                if n == 0 { break }
                if n == 2 && path[s] == LittleFS1.dot && path[s + 1] == LittleFS1.dot {
                    depth -= 1
                    if depth == 0 {
                        p = s + n
                        continue nextName
                    }
                } else {
                    depth += 1
                }
                s += n
            }

            if p >= path.count {
                return Lookup(dir: dir, entry: entry, rest: path[path.count...], found: true, name: lastName, isRoot: isRoot)
            }
            let rest = path[p...]
            if entry.type != EntryKind.directory {
                throw StorageError.notDirectory
            }
            try fetchDir(&dir, entry.pair)
            isRoot = false

            let name = path[p..<p + length]
            lastName = name
            while true {
                guard try nextEntry(&dir, &entry) else {
                    return Lookup(dir: dir, entry: entry, rest: rest, found: false, name: name, isRoot: false)
                }
                let kind = entry.baseType
                if (kind != EntryKind.file && kind != EntryKind.directory) || Int(entry.nameLength) != length {
                    continue
                }
                if try matches(dir.pair.first, entry.nameOffset, name) { break }
            }

            // an entry marked as being renamed counts only if the new copy is not there yet
            if !moving && entry.type & EntryKind.movingFlag != 0 {
                if try isMoved(entry) {
                    return Lookup(dir: dir, entry: entry, rest: rest, found: false, name: name, isRoot: false)
                }
                entry.type &= ~EntryKind.movingFlag
            }
            p += length
        }
    }

    /// Reads an entry's name.
    func entryName(_ dir: MetadataDir, _ entry: Entry) throws(StorageError) -> [UInt8] {
        try read(dir.pair.first, entry.nameOffset, count: Int(entry.nameLength))
    }
}
