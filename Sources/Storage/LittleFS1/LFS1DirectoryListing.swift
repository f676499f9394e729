extension LittleFS1 {
    /// An open directory listing. It is registered with the filesystem, which moves its
    /// position when entries before it are removed and follows its block when that is
    /// rewritten, so listing while changing the directory neither fails nor repeats entries.
    final class DirectoryListing: DirectoryIterator {
        let fs: LittleFS1
        var state: MetadataDir
        private var isOpen = true

        init(fs: LittleFS1, path: [UInt8]) throws(StorageError) {
            self.fs = fs
            let found = try fs.lookup(path)
            if !found.found { throw StorageError.noEntry }
            if found.entry.type != EntryKind.directory { throw StorageError.notDirectory }
            var dir = found.dir
            try fs.fetchDir(&dir, found.entry.pair)
            dir.head = dir.pair
            dir.offset = BlockHeader.byteCount
            // positions 14 and 15 stand for "." and "..", which are not listed here
            dir.position = BlockHeader.byteCount
            dir.hops = 0
            state = dir
            fs.register(self)
        }

        deinit {
            if isOpen { fs.unregister(self) }
        }

        func next() throws(StorageError) -> EntryInfo? {
            guard isOpen else { return nil }
            var entry = Entry()
            while true {
                let more: Bool
                do throws(StorageError) {
                    more = try fs.nextEntry(&state, &entry)
                } catch {
                    close()
                    throw error
                }
                if !more {
                    close()
                    return nil
                }
                let kind = entry.baseType
                if kind != EntryKind.file && kind != EntryKind.directory { continue }
                if entry.type & EntryKind.movingFlag != 0 {
                    // half-renamed: listed at whichever place is current
                    if try fs.isMoved(entry) { continue }
                }
                let name = try fs.read(state.pair.first, entry.nameOffset, count: Int(entry.nameLength))
                let isFile = kind == EntryKind.file
                return EntryInfo(name: String(decoding: name, as: UTF8.self), type: isFile ? .file : .directory,
                                 size: isFile ? Int(entry.fileSize) : 0, mtime: nil)
            }
        }

        func close() {
            if isOpen {
                isOpen = false
                fs.unregister(self)
            }
        }
    }
}
