/// A failure of a block device or filesystem, carried as the POSIX errno value that
/// MicroPython's `OSError` reports for it (`OSError(err.errno)` is the whole mapping).
public struct StorageError: Error, Equatable, CustomStringConvertible {
    public let errno: Int32

    public init(errno: Int32) { self.errno = errno }

    public static let io = StorageError(errno: 5)              // EIO
    public static let noEntry = StorageError(errno: 2)         // ENOENT
    public static let badFile = StorageError(errno: 9)         // EBADF
    public static let exists = StorageError(errno: 17)         // EEXIST
    public static let noDevice = StorageError(errno: 19)       // ENODEV: no filesystem recognised
    public static let notDirectory = StorageError(errno: 20)   // ENOTDIR
    public static let isDirectory = StorageError(errno: 21)    // EISDIR
    public static let invalid = StorageError(errno: 22)        // EINVAL
    public static let fileTooLarge = StorageError(errno: 27)   // EFBIG
    public static let noSpace = StorageError(errno: 28)        // ENOSPC
    public static let readOnly = StorageError(errno: 30)       // EROFS
    public static let nameTooLong = StorageError(errno: 36)    // ENAMETOOLONG
    public static let notEmpty = StorageError(errno: 39)       // ENOTEMPTY
    public static let corrupt = StorageError(errno: 84)        // EILSEQ: littlefs's LFS_ERR_CORRUPT

    public var description: String { "StorageError(errno: \(errno))" }
}
