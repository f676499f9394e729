import Storage

/// The filesystem in a flash image's filesystem region, found the way `vfs.mount(bdev, "/")`
/// finds it: the littlefs v2 magic ("littlefs" 8 bytes into block 0 or 1), else FAT.
public enum FlashFilesystem {
    public enum Kind: String, CaseIterable, Sendable {
        case lfs2, fat
    }

    public enum Failure: Error, CustomStringConvertible {
        case noFilesystemRegion(Int)
        case notFound(Int)
        case corrupt(Kind, Int, StorageError)
        case storage(StorageError)

        public var description: String {
            switch self {
            case .noFilesystemRegion(let size):
                return "a \(size / 1024) KiB flash has no filesystem region (the 512 KiB firmware fills it)"
            case .notFound(let offset):
                return "no littlefs or FAT filesystem at 0x\(String(offset, radix: 16)) (erased or foreign image; `esp8266 flash mkfs` makes one)"
            case .corrupt(let kind, let offset, let e):
                return "the \(kind == .lfs2 ? "littlefs" : "FAT") filesystem at 0x\(String(offset, radix: 16)) is corrupt ([Errno \(e.errno)] \(ErrnoNames.name(e.errno))); `esp8266 flash mkfs` makes a new, empty one"
            case .storage(let e):
                return "filesystem error: [Errno \(e.errno)] \(ErrnoNames.name(e.errno))"
            }
        }
    }

    /// What kind of filesystem the region holds, if any.
    public static func detect(_ flash: FlashImage) -> Kind? {
        let p = FlashPartition(flash)
        guard p.blockCount > 0 else { return nil }
        var buf = [UInt8](repeating: 0, count: 8)
        for block in 0...1 where block < p.blockCount {
            let ok: Bool = buf.withUnsafeMutableBytes { raw in
                (try? p.read(block: block, offset: 8, into: raw)) != nil
            }
            if ok && buf == Array("littlefs".utf8) { return .lfs2 }
        }
        var boot = [UInt8](repeating: 0, count: 512)
        _ = boot.withUnsafeMutableBytes { raw in (try? p.read(block: 0, offset: 0, into: raw)) != nil }
        if boot[510] == 0x55 && boot[511] == 0xAA { return .fat }
        return nil
    }

    /// Mounts the region's filesystem.
    public static func mount(_ flash: FlashImage, clock: @escaping () -> Int64 = { 0 }) throws(Failure) -> (Kind, any FileSystem) {
        guard flash.layout.filesystemBlocks > 0 else { throw .noFilesystemRegion(flash.size) }
        guard let kind = detect(flash) else { throw .notFound(flash.layout.filesystemOffset) }
        do throws(StorageError) {
            switch kind {
            case .lfs2: return (kind, try LittleFS2(mounting: FlashPartition(flash)))
            case .fat: return (kind, try FATFileSystem(mounting: FlashPartition(flash, eraseOnWrite: true), clock: clock))
            }
        } catch {
            if error == .noDevice { throw .notFound(flash.layout.filesystemOffset) }
            if error == .corrupt || error == .io || error == .invalid { throw .corrupt(kind, flash.layout.filesystemOffset, error) }
            throw .storage(error)
        }
    }

    /// Formats the region as MicroPython's `VfsLfs2.mkfs(bdev)` / `VfsFat.mkfs(bdev)` would.
    public static func format(_ flash: FlashImage, as kind: Kind) throws(Failure) {
        guard flash.layout.filesystemBlocks > 0 else { throw .noFilesystemRegion(flash.size) }
        do throws(StorageError) {
            switch kind {
            case .lfs2: try LittleFS2.format(FlashPartition(flash))
            case .fat: try FATFileSystem.format(FlashPartition(flash, eraseOnWrite: true))
            }
        } catch { throw .storage(error) }
    }
}

/// The symbolic errno names MicroPython prints ("[Errno 2] ENOENT").
public enum ErrnoNames {
    public static func name(_ e: Int32) -> String {
        switch e {
        case 1: return "EPERM"
        case 2: return "ENOENT"
        case 5: return "EIO"
        case 9: return "EBADF"
        case 13: return "EACCES"
        case 17: return "EEXIST"
        case 19: return "ENODEV"
        case 20: return "ENOTDIR"
        case 21: return "EISDIR"
        case 22: return "EINVAL"
        case 27: return "EFBIG"
        case 28: return "ENOSPC"
        case 30: return "EROFS"
        case 36: return "ENAMETOOLONG"
        case 39: return "ENOTEMPTY"
        case 84: return "EILSEQ"
        default: return "E\(e)"
        }
    }
}
