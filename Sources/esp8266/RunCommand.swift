import ArgumentParser
import ESP8266
import Foundation

/// `esp8266` / `esp8266 run`: boots the board from its flash image, with UART0 on the
/// terminal, a pseudo-terminal or a TCP port.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Boot the board (the default command).",
        discussion: """
            UART0 carries the REPL. On the terminal (--uart stdio, the default) Ctrl-] quits, \
            as in miniterm; --uart pty prints the pseudo-terminal to open with mpremote, rshell, \
            ampy, Thonny or picocom; --uart tcp:PORT serves mpremote's socket://127.0.0.1:PORT.
            """)

    @OptionGroup var options: FlashOption

    @Option(name: .long, help: "The size of a new flash image: 512K, 1M, 2M or 4M (default 4M).")
    var flashSize: String?

    @Option(name: .long, help: "Where UART0 goes: stdio, pty, pty:LINK (also a symlink LINK to it) or tcp:PORT.")
    var uart: String = "stdio"

    @Option(name: .long, help: "How fast the RTC runs, in parts per million (the chip's is poor).")
    var rtcDriftPpm: Double = 0

    func run() throws {
        let sizeText = flashSize ?? "4M"
        guard let size = FlashLayout.parseSize(sizeText), FlashLayout(size: size) != nil else {
            throw CLIError("--flash-size: expected 512K, 1M, 2M or 4M, not \(sizeText)")
        }
        let path = options.path
        let flash: FlashImage
        if FileManager.default.fileExists(atPath: path) {
            flash = try options.open()
            if flashSize != nil && flash.size != size {
                throw CLIError("\(path) is a \(flash.size / 1024)K image, not \(sizeText): --flash-size applies to a new image")
            }
        } else {
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            do { flash = try FlashImage(creating: path, size: size) } catch { throw CLIError(error.description) }
        }
        let transport: HostTransport
        do {
            if uart == "stdio" {
                transport = StdioTransport()
            } else if uart == "pty" || uart.hasPrefix("pty:") {
                transport = try PtyTransport(link: uart.hasPrefix("pty:") ? String(uart.dropFirst(4)) : nil)
            } else if uart.hasPrefix("tcp:"), let port = Int(uart.dropFirst(4)), (0...65535).contains(port) {
                transport = try TCPTransport(port: port)
            } else {
                throw CLIError("--uart: expected stdio, pty, pty:LINK or tcp:PORT, not \(uart)")
            }
        } catch let e as CLIError {
            throw e
        } catch {
            throw CLIError("\(error)")
        }
        if let where_ = transport.description {
            FileHandle.standardError.write(Data("esp8266: \(where_)\n".utf8))
        }
        let board = Board(flash: flash)
        board.rtc.driftPPM = rtcDriftPpm
        let status = BoardRunner(board: board, transport: transport).run()
        if status != 0 { throw ExitCode(status) }
    }
}
