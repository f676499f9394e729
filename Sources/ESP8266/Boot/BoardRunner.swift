#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MicroPython
import MicroPythonREPL

/// Runs the board: power-on, the boot sequence of esp8266-port-facts §2 (frozen _boot.py,
/// boot.py, main.py), the REPL on UART0, and the resets that end each run: soft reset (Ctrl-D,
/// sys.exit(), machine.soft_reset()), hard reset (machine.reset(), the watchdog) and deep sleep.
/// The runtime is started once per process; every reset after that wipes it in place.
public final class BoardRunner {
    let board: Board
    let transport: HostTransport
    /// Set from the transport's threads.
    nonisolated(unsafe) static var inputEnded = false

    /// The native stack the interpreter's thread gets (deep recursion is bounded by the
    /// modelled 8 KiB C stack long before this).
    static let nativeStackSize = 64 * 1024 * 1024
    /// The pause after "MPY: soft reboot" that lets the UART drain.
    static let softRebootPause: Int64 = 10_000_000

    public init(board: Board, transport: HostTransport) {
        self.board = board
        self.transport = transport
    }

    /// Runs until the user quits (or stdin ends); the exit status.
    public func run() -> Int32 {
        ESP8266Port.attach(board)
        board.uart0.transmitSink = { [transport] in transport.send($0) }
        let clock = board.clock
        transport.start(
            deliver: { [board] in board.uart0.receive($0) },
            ended: { BoardRunner.inputEnded = true; clock.wake() },
            quit: { [transport] in
                // Like pulling the power: the flash already holds every completed write.
                transport.stop()
                _exit(0)
            })
        var status: Int32 = 0
        runOnLargeStack { status = self.session() }
        transport.stop()
        return status
    }

    private func runOnLargeStack(_ body: @escaping () -> Void) {
        final class Box { let body: () -> Void; init(_ b: @escaping () -> Void) { body = b } }
        var attr = pthread_attr_t()
        pthread_attr_init(&attr)
        pthread_attr_setstacksize(&attr, BoardRunner.nativeStackSize)
        var thread = pthread_t()
        let box = Unmanaged.passRetained(Box(body))
        let rc = pthread_create(&thread, &attr, { arg in
            Unmanaged<Box>.fromOpaque(arg!).takeRetainedValue().body()
            return nil
        }, box.toOpaque())
        pthread_attr_destroy(&attr)
        if rc != 0 { box.takeRetainedValue().body(); return }
        pthread_join(thread, nil)
    }

    private func session() -> Int32 {
        var marker: UInt8 = 0
        let top = withUnsafeMutablePointer(to: &marker) { UnsafeMutableRawPointer($0) }
        MicroPythonRuntime.initialise(port: ESP8266Port.configuration, argv: [], stackTop: top, nativeStackSize: BoardRunner.nativeStackSize)
        BoardConsole.connectStdio(board)
        var engine = ReplEngine(port: BoardConsole(board: board), historySize: 8, keys: [])
        var hardBoot = true
        while true {
            boot(&engine)
            if hardBoot { Dupterm.write(text: "\r\n") }
            hardBoot = false
            var reset: ResetRequest = .soft
            if board.pendingReset == nil {
                let exit = engine.run()
                if exit == .inputClosed && board.pendingReset == nil { return 0 }
            }
            reset = board.takeResetRequest() ?? .soft
            switch reset {
            case .soft:
                MicroPythonRuntime.softReset()
                Dupterm.write(text: "MPY: soft reboot\r\n")
                pause(BoardRunner.softRebootPause)
            case .hard(let cause):
                MicroPythonRuntime.softReset()
                restart(cause: cause, &engine)
                hardBoot = true
            case .deepSleep(let ns):
                MicroPythonRuntime.softReset()
                // Without a wake-up time only the reset pin (quitting) ends it.
                if let ns { pause(ns) } else { while true { board.clock.wait(until: .max) } }
                restart(cause: .deepSleep, &engine)
                hardBoot = true
            }
            engine.loadHistory([])
        }
    }

    /// The chip restarts: models back to power-on, the microsecond counter from zero, the REPL
    /// in friendly mode.
    private func restart(cause: ResetCause, _ engine: inout ReplEngine<BoardConsole>) {
        board.hardReset(cause: cause)
        board.clock.restartCounting()
        board.stdin.clear()
        engine.mode = .friendly
    }

    /// Waits on the board's clock.
    private func pause(_ ns: Int64) {
        let end = board.clock.monotonicNanoseconds() + ns
        while board.clock.monotonicNanoseconds() < end { board.clock.wait(until: end) }
    }

    /// mp_reset's Python part: UART0 on dupterm slot 1, _boot.py with Ctrl-C off, boot.py, and
    /// main.py when the REPL is friendly and boot.py did not fail.
    private func boot(_ engine: inout ReplEngine<BoardConsole>) {
        board.stdin.interruptChar = -1
        do throws(PyExc) {
            try Dupterm.reset()
            _ = try FrozenModules.execute(path: "_boot.py", globals: Heap.roots[Root.mainGlobals])
        } catch {
            if board.pendingReset != nil { return }
            var p = Printer()
            Traceback.format(error.obj, &p)
            p.bytes.withUnsafeBytes { BoardConsole.writeCooked($0) }
        }
        VM.pendingInterrupt = false
        if board.pendingReset != nil { return }
        var bootOK = true
        if let src = VfsImport.readFileIfExists("boot.py") {
            bootOK = engine.executeFile(src, name: "boot.py") != .exception
        }
        if board.pendingReset != nil { return }
        if engine.mode == .friendly && bootOK, let src = VfsImport.readFileIfExists("main.py") {
            _ = engine.executeFile(src, name: "main.py")
        }
    }
}
