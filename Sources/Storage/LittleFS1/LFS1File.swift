extension LittleFS1 {
    /// An open file. Writes go copy-on-write into new blocks; the directory entry is updated on
    /// sync/close. While open, the file is registered with the filesystem so that the
    /// allocator keeps its uncommitted blocks and directory changes keep its entry's position.
    final class File: OpenFile {
        enum Access { case readOnly, writeOnly, readWrite }

        let fs: LittleFS1
        let access: Access
        let append: Bool
        /// The metadata pair and offset of the file's entry (pair none: the entry is gone).
        var pair: Pair
        var entryOffset: Int
        /// The committed (or, when dirty, to be committed) head block and length.
        var head: UInt32
        var length: Int
        var pos = 0
        /// Where reading or writing is: block and offset in it.
        var block: UInt32 = noBlock
        var off = 0
        let cache: Cache
        /// Head/length differ from the entry on disk.
        var dirty = false
        /// Data written since the last flush (pos, block, off describe the new list).
        var writing = false
        /// `cache` holds data read.
        var reading = false
        /// The last write failed; the entry is not updated from this state.
        var erred = false
        private var isOpen: Bool
        public var mtime: Int64?

        /// Opens `path` (littlefs's file_open).
        init(fs: LittleFS1, path: [UInt8], mode: OpenMode) throws(StorageError) {
            self.fs = fs
            access = mode.write ? (mode.read ? .readWrite : .writeOnly) : .readOnly
            append = mode.append
            if access != .readOnly {
                try fs.deorphanOnce()
            }
            var found = try fs.lookup(path)
            if !found.found && !found.canCreate { throw StorageError.noEntry }
            if !found.found {
                if !mode.create { throw StorageError.noEntry }
                let name = try fs.storableName(found.name)
                var entry = Entry()
                entry.type = EntryKind.file
                entry.nameLength = UInt8(name.count)
                entry.head = noBlock
                entry.fileSize = 0
                found.entry = entry
                try fs.appendEntry(&found.dir, &found.entry, name: name)
            } else if found.entry.type == EntryKind.directory {
                throw StorageError.isDirectory
            } else if mode.exclusive {
                throw StorageError.exists
            }
            pair = found.dir.pair
            entryOffset = found.entry.offset
            head = found.entry.head
            length = Int(found.entry.fileSize)
            if mode.truncate {
                if length != 0 { dirty = true }
                head = noBlock
                length = 0
            }
            cache = Cache(size: max(fs.readSize, fs.progSize))
            cache.drop()
            if access != .readOnly { cache.reset() }
            isOpen = true
            fs.register(self)
        }

        /// A read-only view of a file's committed data, for copying it.
        private init(fs: LittleFS1, head: UInt32, size: Int, pos: Int) {
            self.fs = fs
            access = .readOnly
            append = false
            pair = .none
            entryOffset = 0
            self.head = head
            self.length = size
            self.pos = pos
            cache = Cache(size: max(fs.readSize, fs.progSize))
            isOpen = false
        }

        deinit {
            if isOpen {
                // Like MicroPython's finaliser, close an abandoned file. Weak references to it
                // are gone by now, so it is handed to the filesystem directly: its blocks must
                // stay protected from the allocator while it is written back.
                fs.closingFile = self
                defer { fs.closingFile = nil }
                _ = try? close()
            }
        }

        private func checkOpen() throws(StorageError) {
            if !isOpen { throw StorageError.badFile }
        }

        // MARK: OpenFile

        var position: Int { pos }

        func read(into buffer: UnsafeMutableRawBufferPointer) throws(StorageError) -> Int {
            try checkOpen()
            return try readData(buffer)
        }

        func write(from buffer: UnsafeRawBufferPointer) throws(StorageError) -> Int {
            try checkOpen()
            return try writeData(buffer)
        }

        func seek(_ offset: Int, from origin: SeekOrigin) throws(StorageError) -> Int {
            try checkOpen()
            try flush()
            let base: Int
            switch origin {
            case .start: base = 0
            case .current: base = pos
            case .end: base = length
            }
            let (target, overflow) = base.addingReportingOverflow(offset)
            if overflow || target < 0 || target > LittleFS1.fileMax { throw StorageError.invalid }
            pos = target
            return target
        }

        func size() throws(StorageError) -> Int {
            try checkOpen()
            return currentSize
        }

        private var currentSize: Int { writing ? max(pos, length) : length }

        func truncate(to newSize: Int) throws(StorageError) {
            try checkOpen()
            if access == .readOnly { throw StorageError.badFile }
            if newSize < 0 || newSize > LittleFS1.fileMax { throw StorageError.invalid }
            let oldSize = currentSize
            if newSize < oldSize {
                try flush()
                // the block holding the new last byte becomes the head
                if newSize == 0 {
                    head = noBlock
                } else {
                    head = try fs.skipListFind(cache, nil, head: head, size: length, position: newSize - 1).block
                }
                length = newSize
                dirty = true
            } else if newSize > oldSize {
                let saved = pos
                if pos != oldSize { _ = try seek(0, from: .end) }
                try writeZeros(until: newSize)
                _ = try seek(saved, from: .start)
            }
        }

        func sync() throws(StorageError) {
            try checkOpen()
            try commit()
        }

        func close() throws(StorageError) {
            if !isOpen { return }
            isOpen = false
            defer { fs.unregister(self) }
            try commit()
        }

        // MARK: littlefs file operations

        /// Writes back buffered data and updates the directory entry.
        private func commit() throws(StorageError) {
            try flush()
            if dirty && !erred && !pair.isNone {
                var dir = MetadataDir()
                try fs.fetchDir(&dir, pair)
                var entry = Entry(try fs.read(dir.pair.first, entryOffset, count: Entry.byteCount), at: entryOffset)
                // (a failed rename may have left the entry marked as moving)
                guard entry.baseType == EntryKind.file else { throw LittleFS1.corrupt }
                entry.head = head
                entry.fileSize = UInt32(length)
                try fs.updateEntry(&dir, entry)
                dirty = false
            }
        }

        /// Ends a run of reads or writes. After writes, the rest of the old data is copied
        /// behind what was written, making the new block list the file's content.
        private func flush() throws(StorageError) {
            if reading {
                cache.drop()
                reading = false
            }
            if writing {
                let saved = pos
                let original = File(fs: fs, head: head, size: length, pos: pos)
                fs.readCache.drop()
                var chunk = [UInt8](repeating: 0, count: 256)
                while pos < length {
                    let n = min(chunk.count, length - pos)
                    var got = 0
                    var failure: StorageError?
                    chunk.withUnsafeMutableBytes { buf in
                        do throws(StorageError) {
                            got = try original.readData(UnsafeMutableRawBufferPointer(rebasing: buf[0..<n]))
                        } catch { failure = error }
                    }
                    if let failure { throw failure }
                    if got == 0 { throw LittleFS1.corrupt }
                    chunk.withUnsafeBytes { buf in
                        var i = 0
                        while i < got && failure == nil {
                            let n = copyStep(got - i)
                            do throws(StorageError) {
                                _ = try writeData(UnsafeRawBufferPointer(rebasing: buf[i..<i + n]))
                            } catch { failure = error }
                            i += n
                        }
                    }
                    if let failure { throw failure }
                }
                while true {
                    do throws(StorageError) {
                        try fs.cacheFlush(cache, fs.readCache)
                        break
                    } catch {
                        if error != LittleFS1.corrupt { throw error }
                    }
                    try relocateBlock()
                }
                head = block
                length = pos
                writing = false
                dirty = true
                pos = saved
            }
        }

        /// Copies the block being written, as far as written, to a new block (after a bad block).
        private func relocateBlock() throws(StorageError) {
            while true {
                let newBlock = try fs.allocateBlock()
                do throws(StorageError) {
                    try fs.erase(newBlock)
                    var copied = 0
                    while copied < off {
                        let n = min(64, off - copied)
                        let bytes = try fs.cacheRead(fs.readCache, cache, block, copied, count: n)
                        try fs.cacheProgram(fs.programCache, fs.readCache, newBlock, copied, bytes)
                        copied += n
                    }
                } catch {
                    if error == LittleFS1.corrupt { continue }
                    throw error
                }
                cache.copyState(from: fs.programCache)
                fs.programCache.reset()
                block = newBlock
                return
            }
        }

        fileprivate func readData(_ buffer: UnsafeMutableRawBufferPointer) throws(StorageError) -> Int {
            if access == .writeOnly { throw StorageError.badFile }
            if writing { try flush() }
            if pos >= length { return 0 }
            let count = min(buffer.count, length - pos)
            var done = 0
            while done < count {
                if !reading || off == fs.blockSize {
                    (block, off) = try fs.skipListFind(cache, nil, head: head, size: length, position: pos)
                    reading = true
                }
                let n = min(count - done, fs.blockSize - off)
                try fs.cacheRead(cache, nil, block, off, UnsafeMutableRawBufferPointer(rebasing: buffer[done..<done + n]))
                pos += n
                off += n
                done += n
            }
            return count
        }

        fileprivate func writeData(_ buffer: UnsafeRawBufferPointer) throws(StorageError) -> Int {
            if access == .readOnly { throw StorageError.badFile }
            if reading { try flush() }
            if append && pos < length { pos = length }
            if pos + buffer.count > LittleFS1.fileMax { throw StorageError.fileTooLarge }
            if !writing && pos > length {
                // fill the gap with zeros
                let target = pos
                pos = length
                try writeZeros(until: target)
            }
            var done = 0
            while done < buffer.count {
                if !writing || off == fs.blockSize {
                    if !writing && pos > 0 {
                        // continue from the block holding the byte before pos
                        do throws(StorageError) {
                            (block, off) = try fs.skipListFind(cache, nil, head: head, size: length, position: pos - 1)
                        } catch {
                            erred = true
                            throw error
                        }
                        cache.reset()
                    }
                    fs.acknowledgeAllocations()
                    do throws(StorageError) {
                        (block, off) = try fs.skipListExtend(fs.readCache, cache, head: block, size: pos)
                    } catch {
                        erred = true
                        throw error
                    }
                    writing = true
                }
                let n = min(buffer.count - done, fs.blockSize - off)
                let part = UnsafeRawBufferPointer(rebasing: buffer[done..<done + n])
                while true {
                    do throws(StorageError) {
                        try fs.cacheProgram(cache, fs.readCache, block, off, part)
                        break
                    } catch {
                        if error != LittleFS1.corrupt {
                            erred = true
                            throw error
                        }
                    }
                    do throws(StorageError) {
                        try relocateBlock()
                    } catch {
                        erred = true
                        throw error
                    }
                }
                pos += n
                off += n
                done += n
                fs.acknowledgeAllocations()
            }
            erred = false
            return buffer.count
        }

        /// How much of `remaining` bytes to write in one go when copying or zero-filling.
        /// littlefs v1 writes these a byte at a time. Only a byte that completes a program
        /// unit (which is then programmed and checked) or starts a new block can fail or
        /// allocate, so the bytes before such a byte go in one write and it goes alone:
        /// bad blocks are found, blocks allocated, the allocator acknowledged and errors
        /// left behind at the same points as byte by byte.
        private func copyStep(_ remaining: Int) -> Int {
            if !writing || off == fs.blockSize { return 1 }
            let toBoundary = min(fs.progSize - off % fs.progSize, fs.blockSize - off)
            if remaining < toBoundary { return remaining }
            return toBoundary > 1 ? toBoundary - 1 : 1
        }

        /// Fills up to `target` with zeros.
        private func writeZeros(until target: Int) throws(StorageError) {
            let zeros = [UInt8](repeating: 0, count: fs.progSize)
            while pos < target {
                let n = copyStep(target - pos)
                var failure: StorageError?
                zeros.withUnsafeBytes { buf in
                    do throws(StorageError) {
                        _ = try writeData(UnsafeRawBufferPointer(rebasing: buf[0..<n]))
                    } catch { failure = error }
                }
                if let failure { throw failure }
            }
        }
    }

    /// The largest file length littlefs v1 allows.
    static let fileMax = Int(Int32.max)
}
