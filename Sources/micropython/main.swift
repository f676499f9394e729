#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSupport
import MicroPython
import MicroPythonCompiler
import ESP8266

/// `micropython`: MicroPython's unix-port command line on the Swift core.
struct Options {
    var port = PortConfiguration.unix
    var heapBytes = 0
    var heapGiven = false
    var gcStress = false
    var compileOnly = false
    var command: String? = nil
    var module: String? = nil
    var script: String? = nil
    var inspect = false
    var optimization = 0
    var verbose = 0
    var args: [String] = []
    /// sys.path after the script's folder when MICROPYPATH is not set.
    let defaultPath = ".frozen:~/.micropython/lib:/usr/lib/micropython"
}

func usage() -> Never {
    HostIO.writeString(1, """
    usage: \(CommandLine.arguments[0]) [<opts>] [-X <implopt>] [-c <command> | -m <module> | <filename>]
    Options:
    --version : show version information
    -h : print this help message
    -i : enable inspection via REPL after running command/module/file
    -v : verbose (trace various operations); can be multiple
    -O[N] : apply bytecode optimizations of level N

    Implementation specific options (-X):
      compile-only                 -- parse and compile only
      emit=bytecode                -- set the default code emitter
      heapsize=<n>[K|M] -- set the heap size for the GC (default 2097152)
      profile=host|esp8266 -- the VM profile (esp8266: 38K heap, 30-bit floats)
      gcstress -- collect garbage before every allocation
      floatformat=basic|approx|approx-x87 -- how 30-bit floats pick their digits (basic: the
                                  ESP8266 firmware's; approx: other single-float C builds';
                                  approx-x87: those built for 32-bit x86 with x87 arithmetic)

    """)
    exit(0)
}

/// The unix port's answer to a bad option.
func invalidArgs() -> Never {
    HostIO.writeString(2, "Invalid command line arguments. Use -h option for help.\n")
    exit(1)
}

/// The largest heap: the arena (static region + heap) is addressed by 31-bit offsets.
let maxHeapBytes = (1 << 31) - (2 << 20)

/// heapsize=<n>[w][K|M] as the unix port reads it (strtol base 0: 0x.., 0.. octal, a sign;
/// `w` is relative to 32-bit words, so it changes nothing here). Sizes under 700 bytes are
/// refused as there; so are sizes the 32-bit arena cannot hold.
func parseSize(_ s: String) -> Int? {
    var u = Array(s.utf8)[...]
    var negative = false
    if let c = u.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { negative = c == UInt8(ascii: "-"); u = u.dropFirst() }
    var radix = 10
    if u.count >= 2 && u.first == UInt8(ascii: "0") && (u[u.startIndex + 1] | 0x20) == UInt8(ascii: "x") {
        radix = 16; u = u.dropFirst(2)
    } else if u.first == UInt8(ascii: "0") {
        radix = 8
    }
    var v = 0, digits = 0
    while let c = u.first, let d = Int(String(UnicodeScalar(c)), radix: radix) {
        let (m, o1) = v.multipliedReportingOverflow(by: radix)
        let (t, o2) = m.addingReportingOverflow(d)
        if o1 || o2 { return nil }
        v = t; digits += 1; u = u.dropFirst()
    }
    if digits == 0 { return nil }
    if negative { v = -v }
    if let c = u.first, c | 0x20 == UInt8(ascii: "w") { u = u.dropFirst() }
    if let c = u.first, c | 0x20 == UInt8(ascii: "k") || c | 0x20 == UInt8(ascii: "m") {
        let (m, o) = v.multipliedReportingOverflow(by: c | 0x20 == UInt8(ascii: "k") ? 1024 : 1024 * 1024)
        if o { return nil }
        v = m; u = u.dropFirst()
    }
    if !u.isEmpty || v < 700 || v > maxHeapBytes { return nil }
    return v
}

/// -O: "-O3" sets level 3, "-OOO" level 3 too.
func optimisationLevel(_ a: String) -> Int {
    let rest = a.dropFirst(2)
    if let d = rest.first, d.isNumber { return Int(String(d)) ?? 0 }
    return a.dropFirst().prefix { $0 == "O" }.count
}

func parseOptions() -> Options {
    var o = Options()
    let argv = CommandLine.arguments
    var i = 1
    while i < argv.count {
        let a = argv[i]
        if a == "-c" || a == "-m" {
            guard i + 1 < argv.count else { invalidArgs() }
            if a == "-c" { o.command = argv[i + 1] } else { o.module = argv[i + 1] }
            // -c is sys.argv[0] for a command (as in CPython); the module name for -m.
            o.args = Array(argv[(i + 1)...])
            if a == "-c" { o.args[0] = "-c" }
            return o
        } else if a == "-i" {
            o.inspect = true
        } else if a == "-v" {
            o.verbose += 1
        } else if a.hasPrefix("-O") {
            o.optimization = optimisationLevel(a)
        } else if a == "-X" {
            guard i + 1 < argv.count else { invalidArgs() }
            i += 1
            let x = argv[i]
            if x.hasPrefix("heapsize=") {
                guard let n = parseSize(String(x.dropFirst(9))) else { invalidArgs() }
                o.heapBytes = n
                o.heapGiven = true
            } else if x.hasPrefix("profile=") {
                switch x.dropFirst(8) {
                case "host": o.port = .unix
                case "esp8266":
                    o.port = ESP8266Port.configuration
                    o.port.initialSysPath = []   // the command's own path rules, as on the host
                default: invalidArgs()
                }
            } else if x.hasPrefix("floatformat=") {
                switch x.dropFirst(12) {
                case "basic": FloatText.singleSearch = .basic
                case "approx": FloatText.singleSearch = .approx
                case "approx-x87":
                    FloatText.singleSearch = .approx
                    FloatText.extendedMantissaRounding = true
                default: invalidArgs()
                }
            } else if x == "gcstress" {
                o.gcStress = true
            } else if x == "compile-only" {
                o.compileOnly = true
            } else if x == "emit=bytecode" || x == "emit=native" || x == "emit=viper" {
                // Bytecode is the only emitter.
            } else {
                invalidArgs()
            }
        } else if a == "-h" {
            usage()
        } else if a == "--version" {
            HostIO.writeString(1, o.port.bannerLine + "\n")
            exit(0)
        } else if a.hasPrefix("-") {
            invalidArgs()
        } else {
            o.script = a
            o.args = Array(argv[i...])
            return o
        }
        i += 1
    }
    o.args = []
    return o
}

// Writing to a closed pipe gives EPIPE instead of killing the process, as in the unix port.
signal(SIGPIPE, SIG_IGN)
var options = parseOptions()
// The command's own additions to sys and os, built with the other built-in modules.
options.port.modules.append(UnixOS.installAtexit)
// The unix port's machine module, on the host profile (the ESP8266 profile has the board's).
if options.port.platform == "linux" { options.port.modules.append(UnixMachine.install) }
if options.port.hostFilesystems { options.port.modules.append(UnixOS.installEnvironment) }

/// Runs the whole session on a thread with a large native stack (deep Python recursion).
let nativeStackSize = 256 * 1024 * 1024
var exitStatus: Int32 = 0

func session() {
    var marker: UInt8 = 0
    let top = withUnsafeMutablePointer(to: &marker) { UnsafeMutableRawPointer($0) }
    if options.port.platform == ESP8266Port.configuration.platform {
        // The ESP8266 profile gets a board of its own (flash in memory, nothing on it) for the
        // port's modules; its RTC is set from the host, as if ntptime had run.
        let board = Board(flash: FlashImage(memorySize: 4 * 1024 * 1024))
        board.rtc.set(microsecondsSince2000: board.clock.hostWallMicrosecondsSince2000())
        ESP8266Port.attach(board)
    }
    MicroPythonRuntime.initialise(port: options.port, heapBytes: options.heapGiven ? options.heapBytes : nil, argv: options.args,
                                  stackTop: top, nativeStackSize: nativeStackSize)
    Heap.stress = options.gcStress
    Runtime.compilerOptions.optimizationLevel = options.optimization
    if options.verbose >= 2 { Runtime.compiledHook = Verbose.showBytecode }
    Builtins.writeStdout = { HostIO.write(1, $0) }
    Builtins.writeStderr = { HostIO.write(2, $0) }
    Builtins.readLine = { _ in HostIO.readLine() }
    Import.readFile = HostIO.readFile
    Import.isDirectory = HostIO.isDirectory
    // As the unix port: the host's files are a VfsPosix mounted at "/" (host profile only;
    // the ESP8266 build has no VfsPosix, and imports then read the host's files directly).
    if options.port.hostFilesystems { NativeVfs.mountHostRoot() }
    exitStatus = Session.run(options)
}

// On this thread with a stack of its own when the host allows (no thread to create and wake at
// every start), else on a thread made for its stack.
if csupport_run_on_new_stack(nativeStackSize, { _ in session() }, nil) == 0 { exit(exitStatus) }
var attr = pthread_attr_t()
pthread_attr_init(&attr)
pthread_attr_setstacksize(&attr, nativeStackSize)
var thread = pthread_t()
let rc = pthread_create(&thread, &attr, { _ in session(); return nil }, nil)
if rc != 0 {
    session()
} else {
    // SIGINT must reach the interpreter thread (to cut short a sleep), not this waiting one.
    var block = sigset_t()
    sigemptyset(&block)
    sigaddset(&block, SIGINT)
    pthread_sigmask(SIG_BLOCK, &block, nil)
    pthread_join(thread, nil)
}
exit(exitStatus)
