import ArgumentParser
import ESP8266
import Foundation
import Storage

struct FlashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flash",
        abstract: "Inspect, erase or format the flash image.",
        subcommands: [Info.self, Erase.self, Mkfs.self])

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the image's size, layout and filesystem.")
        @OptionGroup var options: FlashOption

        func run() throws {
            let flash = try options.open()
            let l = flash.layout
            print("image:            \(options.path)")
            print("flash size:       \(l.size) bytes (\(l.size / 1024) KiB)")
            print("flash_user_start: 0x\(String(l.userStart, radix: 16))")
            if l.filesystemBlocks == 0 {
                print("filesystem:       none (no room on a \(l.size / 1024) KiB flash)")
                return
            }
            let end = l.filesystemOffset + l.filesystemBytes - 1
            print("filesystem area:  0x\(String(l.filesystemOffset, radix: 16))-0x\(String(end, radix: 16)), \(l.filesystemBlocks) blocks of 4096 bytes")
            guard let kind = FlashFilesystem.detect(flash) else {
                print("filesystem:       none found (erased or foreign)")
                return
            }
            let (_, fs) = try options.mount(flash)
            let s = try storage("statvfs") { () throws(StorageError) in try fs.statistics() }
            print("filesystem:       \(kind == .lfs2 ? "littlefs v2" : "FAT"), \(s.blockCount) blocks of \(s.blockSize) bytes, \(s.freeBlocks) free")
        }
    }

    struct Erase: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Erase the whole flash to 0xFF (creating the image if needed).")
        @OptionGroup var options: FlashOption
        @Option(help: "Size when creating the image: 512K, 1M, 2M or 4M.") var size: String = "4M"

        func run() throws {
            if FileManager.default.fileExists(atPath: options.path) {
                let flash = try options.open()
                try storage("erase") { () throws(StorageError) in try flash.eraseAll() }
            } else {
                _ = try create(options.path, size)
            }
        }
    }

    struct Mkfs: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a new, empty filesystem in the filesystem area (creating the image if needed).")
        @OptionGroup var options: FlashOption
        @Option(name: .customLong("fs"), help: "lfs2 (the ESP8266 default) or fat.") var kind: String = "lfs2"
        @Option(help: "Size when creating the image: 512K, 1M, 2M or 4M.") var size: String = "4M"

        func run() throws {
            guard let k = FlashFilesystem.Kind(rawValue: kind.lowercased()) else {
                throw ValidationError("--fs must be lfs2 or fat")
            }
            let flash = FileManager.default.fileExists(atPath: options.path) ? try options.open() : try create(options.path, size)
            do { try FlashFilesystem.format(flash, as: k) } catch { throw CLIError(error.description) }
        }
    }
}

func create(_ path: String, _ sizeText: String) throws -> FlashImage {
    guard let size = FlashLayout.parseSize(sizeText), FlashLayout(size: size) != nil else {
        throw ValidationError("--size must be 512K, 1M, 2M or 4M")
    }
    let dir = (path as NSString).deletingLastPathComponent
    if !dir.isEmpty { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
    do { return try FlashImage(creating: path, size: size) } catch { throw CLIError(error.description) }
}
