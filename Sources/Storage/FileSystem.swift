/// The interface the `vfs` layer drives. littlefs (v1, v2) and FAT implement it over a
/// `BlockDevice`; the layer above (MicroPython's vfs module, the `esp8266 fs` tools) never
/// sees their on-disk formats.
///
/// Paths given to a filesystem are normalised and absolute within it: "/" is the root,
/// otherwise "/a/b" with no ".", "..", empty components or trailing slash. Names are
/// UTF-8 strings.
public protocol FileSystem: AnyObject {
    /// Opens (and per `mode`, creates or truncates) a file.
    func open(_ path: String, mode: OpenMode) throws(StorageError) -> any OpenFile
    /// Removes a file (ENOENT if absent, EISDIR... as the filesystem reports; MicroPython's
    /// littlefs `remove` also removes an empty directory).
    func remove(_ path: String) throws(StorageError)
    /// Removes an empty directory (ENOTEMPTY if it is not empty).
    func removeDirectory(_ path: String) throws(StorageError)
    func makeDirectory(_ path: String) throws(StorageError)
    /// Renames a file or directory; an existing file at `to` is replaced.
    func rename(_ from: String, _ to: String) throws(StorageError)
    func stat(_ path: String) throws(StorageError) -> EntryInfo
    /// Lists a directory lazily. The iterator stays valid if the filesystem is changed
    /// while it is open (it may then skip or repeat nothing but the changed entries).
    func listDirectory(_ path: String) throws(StorageError) -> any DirectoryIterator
    func statistics() throws(StorageError) -> FileSystemStatistics
    /// Writes back anything cached.
    func sync() throws(StorageError)
}

/// How a file is opened: Python's "r", "w", "a", "x" and "+" map onto these flags.
public struct OpenMode: Equatable {
    public var read: Bool
    public var write: Bool
    public var create: Bool
    public var truncate: Bool
    public var append: Bool
    public var exclusive: Bool

    public init(read: Bool = true, write: Bool = false, create: Bool = false,
                truncate: Bool = false, append: Bool = false, exclusive: Bool = false) {
        self.read = read; self.write = write; self.create = create
        self.truncate = truncate; self.append = append; self.exclusive = exclusive
    }
}

public enum EntryType: Equatable { case file, directory }

public struct EntryInfo: Equatable {
    public var name: String
    public var type: EntryType
    public var size: Int
    /// Modification time in nanoseconds since 1970-01-01 UTC, when the filesystem records one.
    public var mtime: Int64?

    public init(name: String, type: EntryType, size: Int, mtime: Int64? = nil) {
        self.name = name; self.type = type; self.size = size; self.mtime = mtime
    }
}

/// What `os.statvfs` reports.
public struct FileSystemStatistics: Equatable {
    public var blockSize: Int
    public var blockCount: Int
    public var freeBlocks: Int
    public var nameMax: Int

    public init(blockSize: Int, blockCount: Int, freeBlocks: Int, nameMax: Int) {
        self.blockSize = blockSize; self.blockCount = blockCount
        self.freeBlocks = freeBlocks; self.nameMax = nameMax
    }
}

public enum SeekOrigin { case start, current, end }

public protocol OpenFile: AnyObject {
    /// Reads up to `buffer.count` bytes; 0 at end of file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(StorageError) -> Int
    /// Writes all of `buffer` (or throws, e.g. ENOSPC); returns the count written.
    func write(from buffer: UnsafeRawBufferPointer) throws(StorageError) -> Int
    /// Moves the position; returns the new absolute position (EINVAL if it would be negative).
    func seek(_ offset: Int, from origin: SeekOrigin) throws(StorageError) -> Int
    var position: Int { get }
    func size() throws(StorageError) -> Int
    func truncate(to size: Int) throws(StorageError)
    /// Commits the file's data and metadata.
    func sync() throws(StorageError)
    /// Syncs and releases the file; further use throws EBADF.
    func close() throws(StorageError)
    /// Modification time to record at the next commit (ns since 1970), or nil to record none.
    /// The vfs layer sets it on every write, as MicroPython does.
    var mtime: Int64? { get set }
}

public protocol DirectoryIterator: AnyObject {
    /// The next entry other than "." and "..", or nil at the end.
    func next() throws(StorageError) -> EntryInfo?
    /// Releases the iterator early (also done by running to the end).
    func close()
}
