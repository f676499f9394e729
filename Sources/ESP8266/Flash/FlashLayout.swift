/// Where things live on the ESP8266's SPI flash, per flash size, as the MicroPython firmware
/// built for that size lays them out: the firmware from 0, user space from
/// `esp.flash_user_start()`, the filesystem (flashbdev) on whole 4 KiB sectors after it, and
/// the last 20 KiB reserved for the SDK (RF calibration, init data, WiFi settings).
public struct FlashLayout: Equatable, Sendable {
    public static let sectorSize = 4096
    /// Bytes at the end of flash kept for the SDK.
    public static let sdkReserved = 20 * 1024

    public let size: Int
    /// `esp.flash_user_start()`: the end of the firmware image.
    public let userStart: Int
    /// First sector of the filesystem and the number of 4 KiB blocks in it (0: no filesystem).
    public let filesystemStartSector: Int
    public let filesystemBlocks: Int

    public var filesystemOffset: Int { filesystemStartSector * FlashLayout.sectorSize }
    public var filesystemBytes: Int { filesystemBlocks * FlashLayout.sectorSize }

    public static let supportedSizes = [512 * 1024, 1024 * 1024, 2 * 1024 * 1024, 4 * 1024 * 1024]

    /// The layout of a supported flash size, or nil.
    public init?(size: Int) {
        let userStart: Int
        switch size {
        case 512 * 1024: userStart = size - FlashLayout.sdkReserved   // firmware fills it: no filesystem
        case 1024 * 1024: userStart = 0x98000                            // the 1 MiB build's firmware end
        case 2 * 1024 * 1024, 4 * 1024 * 1024: userStart = 0x100000
        default: return nil
        }
        self.size = size
        self.userStart = userStart
        // flashbdev: one more sector is kept for native code when user space starts below 1 MiB.
        var start = userStart / FlashLayout.sectorSize
        if start < 256 { start += 1 }
        let end = (size - FlashLayout.sdkReserved) / FlashLayout.sectorSize
        self.filesystemStartSector = start
        self.filesystemBlocks = size <= 512 * 1024 ? 0 : max(0, end - start)
    }

    /// Parses "4M", "4MiB", "512K", "1048576".
    public static func parseSize(_ text: String) -> Int? {
        var t = text.uppercased()
        for suffix in ["IB", "B"] where t.hasSuffix(suffix) { t.removeLast(suffix.count) }
        var scale = 1
        if t.hasSuffix("K") { scale = 1024; t.removeLast() } else if t.hasSuffix("M") { scale = 1024 * 1024; t.removeLast() }
        guard let n = Int(t), n > 0 else { return nil }
        return n * scale
    }
}
