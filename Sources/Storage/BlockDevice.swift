/// A block-addressed storage device: SPI flash, a RAM disk, or a block device written in Python.
///
/// Two conventions share this protocol, as in MicroPython's extended block protocol:
/// - littlefs erases a block, then programs pieces of it at an offset (`erase`, then `write`).
/// - FAT writes whole blocks at offset 0 and never erases; the device does whatever erasing
///   its medium needs (the ESP8266's flash block device erases each 4 KiB sector it rewrites).
public protocol BlockDevice: AnyObject {
    /// Bytes per block (the erase unit for littlefs, the sector size for FAT).
    var blockSize: Int { get }
    var blockCount: Int { get }
    /// Reads `buffer.count` bytes starting `offset` bytes into `block` (may span blocks).
    func read(block: Int, offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(StorageError)
    /// Writes `buffer.count` bytes starting `offset` bytes into `block` (may span blocks).
    func write(block: Int, offset: Int, from buffer: UnsafeRawBufferPointer) throws(StorageError)
    /// Erases one block (to 0xFF on flash). littlefs only.
    func erase(block: Int) throws(StorageError)
    /// Makes every earlier write durable.
    func sync() throws(StorageError)
}

/// A block device held in memory. With `norFlash`, it behaves like NOR flash: erase sets
/// bytes to 0xFF and a write can only clear bits (new = old & data), which is what littlefs
/// must cope with on the real chip; without it, a write simply replaces the bytes.
public final class MemoryBlockDevice: BlockDevice {
    public let blockSize: Int
    public let blockCount: Int
    public let norFlash: Bool
    public var bytes: [UInt8]
    /// Counts of operations, for tests (and the power-loss harness).
    public private(set) var reads = 0, writes = 0, erases = 0
    /// When set, called before every write or erase; throwing from it simulates a failure
    /// (power loss) at that operation, leaving the medium as it was before the operation.
    public var beforeMutation: ((_ kind: Mutation, _ block: Int) throws(StorageError) -> Void)?

    public enum Mutation { case write, erase }

    public init(blockSize: Int, blockCount: Int, norFlash: Bool = false) {
        self.blockSize = blockSize
        self.blockCount = blockCount
        self.norFlash = norFlash
        self.bytes = [UInt8](repeating: norFlash ? 0xFF : 0, count: blockSize * blockCount)
    }

    public init(blockSize: Int, bytes: [UInt8], norFlash: Bool = false) {
        precondition(bytes.count % blockSize == 0, "image size must be a multiple of the block size")
        self.blockSize = blockSize
        self.blockCount = bytes.count / blockSize
        self.norFlash = norFlash
        self.bytes = bytes
    }

    private func range(_ block: Int, _ offset: Int, _ count: Int) throws(StorageError) -> Int {
        let start = block * blockSize + offset
        guard block >= 0, offset >= 0, count >= 0, start + count <= bytes.count else { throw .io }
        return start
    }

    public func read(block: Int, offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(StorageError) {
        let start = try range(block, offset, buffer.count)
        reads += 1
        bytes.withUnsafeBytes { src in
            if buffer.count > 0 { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[start..<start + buffer.count])) }
        }
    }

    public func write(block: Int, offset: Int, from buffer: UnsafeRawBufferPointer) throws(StorageError) {
        let start = try range(block, offset, buffer.count)
        if let hook = beforeMutation { try hook(.write, block) }
        writes += 1
        for i in 0..<buffer.count {
            bytes[start + i] = norFlash ? bytes[start + i] & buffer[i] : buffer[i]
        }
    }

    public func erase(block: Int) throws(StorageError) {
        let start = try range(block, 0, blockSize)
        if let hook = beforeMutation { try hook(.erase, block) }
        erases += 1
        for i in start..<start + blockSize { bytes[i] = 0xFF }
    }

    public func sync() throws(StorageError) {}
}
