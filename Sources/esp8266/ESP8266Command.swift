import ArgumentParser
import ESP8266
import Foundation
import Storage

@main
struct ESP8266Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "esp8266",
        abstract: "A virtual ESP8266 board running MicroPython.",
        subcommands: [RunCommand.self, FsCommand.self, FlashCommand.self],
        defaultSubcommand: RunCommand.self)
}

/// `--flash PATH`, shared by every subcommand.
struct FlashOption: ParsableArguments {
    @Option(name: .long, help: "The flash image (default: $ESP8266_FLASH, else ~/.esp8266/flash.bin).")
    var flash: String?

    var path: String {
        if let flash { return flash }
        if let env = ProcessInfo.processInfo.environment["ESP8266_FLASH"], !env.isEmpty { return env }
        // $HOME, not the password database: the static executable does no NSS lookups.
        let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
        return home + "/.esp8266/flash.bin"
    }

    func open() throws -> FlashImage {
        do { return try FlashImage(path: path) } catch { throw CLIError(error.description) }
    }

    func mount(_ flash: FlashImage) throws -> (FlashFilesystem.Kind, any FileSystem) {
        do { return try FlashFilesystem.mount(flash, clock: Clock.nowNanoseconds) } catch { throw CLIError(error.description) }
    }
}

struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

enum Clock {
    static func nowNanoseconds() -> Int64 { Int64(Date().timeIntervalSince1970 * 1_000_000_000) }
}

/// Runs a Storage call, turning its error into a message naming the path.
func storage<T>(_ what: String, _ body: () throws(StorageError) -> T) throws -> T {
    do { return try body() } catch {
        throw CLIError("\(what): [Errno \(error.errno)] \(ErrnoNames.name(error.errno))")
    }
}

/// A path on the board: made absolute and normalised ("/" root, no "." or "..").
func boardPath(_ p: String) -> String {
    var parts: [Substring] = []
    for c in p.split(separator: "/") {
        if c == "." { continue }
        if c == ".." { _ = parts.popLast(); continue }
        parts.append(c)
    }
    return "/" + parts.joined(separator: "/")
}

func joinBoard(_ dir: String, _ name: String) -> String { dir == "/" ? "/" + name : dir + "/" + name }
