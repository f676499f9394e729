#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Storage

/// The board's SPI flash, kept in a file. NOR semantics: erasing a 4 KiB sector sets it to
/// 0xFF and a write can only clear bits (the new content is old AND data), as on the chip.
/// The whole image is held in memory and every change is written through to the file, so
/// a crash of the process loses nothing that was written before it.
public final class FlashImage {
    public let path: String
    public let layout: FlashLayout
    public private(set) var bytes: [UInt8]
    private let fd: Int32

    public enum OpenError: Error, CustomStringConvertible {
        case missing(String)
        case unreadable(String, Int32)
        case badSize(String, Int)

        public var description: String {
            switch self {
            case .missing(let p): return "no flash image at \(p) (create one with `esp8266 flash erase` or `esp8266 flash mkfs`)"
            case .unreadable(let p, let e): return "cannot open flash image \(p): \(String(cString: strerror(e)))"
            case .badSize(let p, let n):
                return "\(p) is \(n) bytes, not a flash image: expected 512K, 1M, 2M or 4M (\(FlashLayout.supportedSizes.map(String.init).joined(separator: ", ")) bytes)"
            }
        }
    }

    /// Opens an existing image.
    public init(path: String) throws(OpenError) {
        var st = stat()
        guard stat(path, &st) == 0 else { throw .missing(path) }
        let size = Int(st.st_size)
        guard let layout = FlashLayout(size: size) else { throw .badSize(path, size) }
        let fd = open(path, O_RDWR)
        guard fd >= 0 else { throw .unreadable(path, errno) }
        var data = [UInt8](repeating: 0xFF, count: size)
        var done = 0
        while done < size {
            let n = data.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, size - done, off_t(done)) }
            if n <= 0 { close(fd); throw .unreadable(path, n < 0 ? errno : EIO) }
            done += n
        }
        self.path = path
        self.layout = layout
        self.bytes = data
        self.fd = fd
    }

    /// Creates (or replaces) an image of `size` bytes, fully erased.
    public init(creating path: String, size: Int) throws(OpenError) {
        guard let layout = FlashLayout(size: size) else { throw .badSize(path, size) }
        let fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .unreadable(path, errno) }
        self.path = path
        self.layout = layout
        self.bytes = [UInt8](repeating: 0xFF, count: size)
        self.fd = fd
        do { try persist(0, size) } catch { close(fd); throw .unreadable(path, EIO) }
    }

    /// An erased image that lives only in memory (`micropython -X profile=esp8266`, tests).
    public init(memorySize size: Int) {
        let layout = FlashLayout(size: size) ?? FlashLayout(size: 4 * 1024 * 1024)!
        self.path = ""
        self.layout = layout
        self.bytes = [UInt8](repeating: 0xFF, count: layout.size)
        self.fd = -1
    }

    deinit { if fd >= 0 { close(fd) } }

    public var size: Int { layout.size }

    private func persist(_ offset: Int, _ count: Int) throws(StorageError) {
        if fd < 0 { return }
        var done = 0
        while done < count {
            let n = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress! + offset + done, count - done, off_t(offset + done)) }
            if n <= 0 { throw StorageError.io }
            done += n
        }
    }

    private func check(_ offset: Int, _ count: Int) throws(StorageError) {
        guard offset >= 0, count >= 0, offset + count <= size else { throw StorageError.io }
    }

    /// `esp.flash_read`.
    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(StorageError) {
        try check(offset, buffer.count)
        bytes.withUnsafeBytes { src in
            if buffer.count > 0 { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[offset..<offset + buffer.count])) }
        }
    }

    /// `esp.flash_write`: clears bits only; no erase.
    public func write(at offset: Int, from buffer: UnsafeRawBufferPointer) throws(StorageError) {
        try check(offset, buffer.count)
        bytes.withUnsafeMutableBytes { dst in
            for i in 0..<buffer.count { dst[offset + i] &= buffer[i] }
        }
        try persist(offset, buffer.count)
    }

    /// `esp.flash_erase`: one 4 KiB sector to 0xFF.
    public func erase(sector: Int) throws(StorageError) {
        let offset = sector * FlashLayout.sectorSize
        try check(offset, FlashLayout.sectorSize)
        bytes.withUnsafeMutableBytes { dst in
            for i in offset..<offset + FlashLayout.sectorSize { dst[i] = 0xFF }
        }
        try persist(offset, FlashLayout.sectorSize)
    }

    public func eraseAll() throws(StorageError) {
        for i in 0..<bytes.count { bytes[i] = 0xFF }
        try persist(0, size)
    }

    public func sync() throws(StorageError) {
        if fd >= 0 && fsync(fd) != 0 { throw StorageError.io }
    }
}

/// The filesystem region of a flash image as a block device (MicroPython's flashbdev):
/// 4 KiB blocks from the layout's first filesystem sector. littlefs erases and programs;
/// for FAT (`eraseOnWrite`) a whole-block write erases the sector first, as flashbdev's
/// `writeblocks(n, buf)` does.
public final class FlashPartition: BlockDevice {
    public let flash: FlashImage
    public let firstSector: Int
    public let blockCount: Int
    public var eraseOnWrite: Bool
    public var blockSize: Int { FlashLayout.sectorSize }

    public init(_ flash: FlashImage, eraseOnWrite: Bool = false) {
        self.flash = flash
        self.firstSector = flash.layout.filesystemStartSector
        self.blockCount = flash.layout.filesystemBlocks
        self.eraseOnWrite = eraseOnWrite
    }

    private func offset(_ block: Int, _ off: Int, _ count: Int) throws(StorageError) -> Int {
        guard block >= 0, off >= 0, count >= 0, block * blockSize + off + count <= blockCount * blockSize else { throw .io }
        return (firstSector + block) * blockSize + off
    }

    public func read(block: Int, offset off: Int, into buffer: UnsafeMutableRawBufferPointer) throws(StorageError) {
        try flash.read(at: try offset(block, off, buffer.count), into: buffer)
    }

    public func write(block: Int, offset off: Int, from buffer: UnsafeRawBufferPointer) throws(StorageError) {
        let at = try offset(block, off, buffer.count)
        if eraseOnWrite && off == 0 {
            for b in 0..<(buffer.count + blockSize - 1) / blockSize { try flash.erase(sector: firstSector + block + b) }
        }
        try flash.write(at: at, from: buffer)
    }

    public func erase(block: Int) throws(StorageError) {
        _ = try offset(block, 0, blockSize)
        try flash.erase(sector: firstSector + block)
    }

    public func sync() throws(StorageError) {}
}
