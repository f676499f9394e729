/// What a port tells the language core about the machine it models: identity strings, number
/// representation, memory and stack sizes, the epoch. The core reads these instead of asking
/// which board it runs on, as a C port's mpconfigport.h configures py/.
public struct PortConfiguration {
    /// How floats are stored: boxed 64-bit doubles (the unix port) or 30-bit singles inside
    /// the object word (MICROPY_OBJ_REPR_C with MICROPY_FLOAT_IMPL_FLOAT, as on the ESP8266).
    public enum FloatRepresentation { case boxedDouble, immediateSingle }

    /// The fields of os.uname(); a port without os.uname leaves `uname` nil.
    public struct Uname {
        public var sysname, nodename, release, version, machine: String
        public init(sysname: String, nodename: String, release: String, version: String, machine: String) {
            (self.sysname, self.nodename, self.release, self.version, self.machine) = (sysname, nodename, release, version, machine)
        }
    }

    /// sys.platform.
    public var platform: String
    /// The board/machine text of sys.implementation._machine and the banner ("... on <date>; <machine>").
    public var machine: String
    /// sys.implementation._build.
    public var buildName: String
    /// MicroPython's version: (major, minor, micro, prerelease tag or "").
    public var version: (Int, Int, Int, String) = (1, 29, 0, "")
    /// The build date shown in sys.version and the banner.
    public var buildDate: String = "2026-11-25"
    /// The native-code architecture number in sys.implementation._mpy (0: none).
    public var mpyArch: Int = 0
    /// os.uname() (nil: the port has none).
    public var uname: Uname? = nil
    /// The GC heap when the user gives no size.
    public var defaultHeapBytes: Int
    public var floats: FloatRepresentation
    /// Whether `complex` and imaginary literals exist.
    public var complexNumbers: Bool
    /// The year time.time() counts from (1970 on the unix port, 2000 on bare-metal ports).
    public var epochYear: Int
    /// The machine word: sys.maxsize is 2**(bits-1)-1.
    public var wordBits: Int
    /// The C stack the VM may use in a MicroPython build (what the port's own frames leave),
    /// modelled as a cost per frame and per state slot: the recursion limit.
    public var cStackBytes: Int
    public var cStackFrameBytes: Int
    public var cStackSlotBytes: Int
    /// The VM's value stack (frames and argument arrays), in words.
    public var valueStackWords: Int
    /// Host filesystems as the unix port has them (VfsPosix, VfsLfs1).
    public var hostFilesystems: Bool
    /// Whether modules (and scripts run as files) get `__file__` (MICROPY_MODULE___FILE__; the
    /// ESP8266 build has none).
    public var moduleFileAttribute = true
    /// The longest path (MICROPY_ALLOC_PATH_MAX): os.statvfs's namemax with nothing mounted.
    public var pathMax = 4096
    /// What help() prints (nil: MicroPython's default text).
    public var helpText: String? = nil
    /// sys.path at the start of every session (a host may add to it).
    public var initialSysPath: [String] = []
    /// The port's own built-in modules (its MP_REGISTER_MODULE lines), built after the core's.
    public var modules: [ModuleRegistry.Installer] = []
    /// The compiler's optional folds: math.pi as a constant, three-way swaps without a tuple,
    /// `return a if c else b` as two returns (MICROPY_COMP_MODULE_CONST, _TRIPLE_TUPLE_ASSIGN,
    /// _RETURN_IF_EXPR; the ESP8266 build turns all three off to save flash).
    public var compilerOptimisations = true
    /// Error texts at MICROPY_ERROR_REPORTING_DETAILED (the unix build: "f() takes ...",
    /// the text that failed to parse as an int); false gives the NORMAL level of the ESP8266.
    public var detailedErrors = true
    /// Optional parts of the core's modules (the MICROPY_PY_* switches a port turns off).
    public var moduleFeatures: ModuleFeatures = .full

    public init(platform: String, machine: String, buildName: String, defaultHeapBytes: Int,
                floats: FloatRepresentation, complexNumbers: Bool, epochYear: Int, wordBits: Int,
                cStackBytes: Int, cStackFrameBytes: Int, cStackSlotBytes: Int, valueStackWords: Int,
                hostFilesystems: Bool) {
        self.platform = platform
        self.machine = machine
        self.buildName = buildName
        self.defaultHeapBytes = defaultHeapBytes
        self.floats = floats
        self.complexNumbers = complexNumbers
        self.epochYear = epochYear
        self.wordBits = wordBits
        self.cStackBytes = cStackBytes
        self.cStackFrameBytes = cStackFrameBytes
        self.cStackSlotBytes = cStackSlotBytes
        self.valueStackWords = valueStackWords
        self.hostFilesystems = hostFilesystems
    }

    /// MicroPython's unix port (the `micropython` command's default).
    public static let unix: PortConfiguration = {
        var c = unixBase
        // sys.implementation._mpy names the machine code a .mpy file may hold: Xtensa, which
        // NativeCode runs on every host (the ESP8266's, so one .mpy file serves both profiles).
        c.mpyArch = Int(NativeCode.xtensaArch)
        return c
    }()

    static let unixBase = PortConfiguration(
        platform: "linux", machine: "linux [Swift] version", buildName: "standard",
        defaultHeapBytes: 2 * 1024 * 1024, floats: .boxedDouble, complexNumbers: true, epochYear: 1970,
        wordBits: 64, cStackBytes: 80_000, cStackFrameBytes: 200, cStackSlotBytes: 8,
        valueStackWords: 1024 * 1024, hostFilesystems: true)

    /// "v1.29.0" or "v1.29.0-preview".
    public var versionTag: String {
        let v = "v\(version.0).\(version.1).\(version.2)"
        return version.3.isEmpty ? v : v + "-" + version.3
    }

    /// The first banner line the friendly REPL prints.
    public var bannerLine: String { "MicroPython \(versionTag) on \(buildDate); \(machine)" }

    /// sys.version.
    public var sysVersion: String { "3.4.0; MicroPython \(versionTag) on \(buildDate)" }

    /// The Unix time of the port's epoch (1 January of `epochYear`).
    public var epochUnixSeconds: Int { TimeModule.daysFromCivil(epochYear, 1, 1) * 86_400 }

    /// sys.implementation._mpy: .mpy version 6, sub-version 3, and the native architecture.
    public var mpyValue: Int { 6 | ((3 | mpyArch << 2) << 8) }
}

/// The optional parts of the core's modules, as the MICROPY_PY_* switches of a port's
/// mpconfigport.h select them. The host profile has them all; a port lists what it keeps.
public struct ModuleFeatures: OptionSet, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// re: match.groups/span/start/end (MICROPY_PY_RE_MATCH_GROUPS, _SPAN_START_END).
    public static let reMatchDetails = ModuleFeatures(rawValue: 1 << 0)
    /// re.sub (MICROPY_PY_RE_SUB).
    public static let reSub = ModuleFeatures(rawValue: 1 << 1)
    /// re.DEBUG and the code dump of compile(..., re.DEBUG) (MICROPY_PY_RE_DEBUG).
    public static let reDebug = ModuleFeatures(rawValue: 1 << 2)
    /// re.escape (CPython's; no MicroPython build has it).
    public static let reEscape = ModuleFeatures(rawValue: 1 << 3)
    /// select.select (MICROPY_PY_SELECT_SELECT).
    public static let selectSelect = ModuleFeatures(rawValue: 1 << 4)
    /// hashlib.md5 and hashlib.sha1 (MICROPY_PY_HASHLIB_MD5, _SHA1).
    public static let hashlibMD5 = ModuleFeatures(rawValue: 1 << 5)
    public static let hashlibSHA1 = ModuleFeatures(rawValue: 1 << 6)
    /// cryptolib (MICROPY_PY_CRYPTOLIB), its MODE_* constants and CTR mode.
    public static let cryptolib = ModuleFeatures(rawValue: 1 << 7)
    public static let cryptolibConstants = ModuleFeatures(rawValue: 1 << 8)
    public static let cryptolibCTR = ModuleFeatures(rawValue: 1 << 9)
    /// binascii.crc32 (MICROPY_PY_BINASCII_CRC32).
    public static let binasciiCRC32 = ModuleFeatures(rawValue: 1 << 10)
    /// deflate.DeflateIO writing (MICROPY_PY_DEFLATE_COMPRESS).
    public static let deflateCompress = ModuleFeatures(rawValue: 1 << 11)
    /// random's randrange, randint, choice, random, uniform (MICROPY_PY_RANDOM_EXTRA_FUNCS).
    public static let randomExtras = ModuleFeatures(rawValue: 1 << 12)

    /// micropython.mem_info's allocation totals line (MICROPY_MEM_STATS).
    public static let memStats = ModuleFeatures(rawValue: 1 << 15)

    /// Language switches (MICROPY_PY_BUILTINS_*, MICROPY_PY_MATH_*, MICROPY_PY_DELATTR_SETATTR) that
    /// the ESP8266 build turns off to save flash; the unix port has them all.
    /// str/bytes/bytearray .center (MICROPY_PY_BUILTINS_STR_CENTER).
    public static let strCenter = ModuleFeatures(rawValue: 1 << 17)
    /// .partition and .rpartition (MICROPY_PY_BUILTINS_STR_PARTITION).
    public static let strPartition = ModuleFeatures(rawValue: 1 << 18)
    /// .splitlines (MICROPY_PY_BUILTINS_STR_SPLITLINES).
    public static let strSplitlines = ModuleFeatures(rawValue: 1 << 19)
    /// The compile() builtin (MICROPY_PY_BUILTINS_COMPILE).
    public static let builtinCompile = ModuleFeatures(rawValue: 1 << 20)
    /// The name NotImplemented in builtins (MICROPY_PY_BUILTINS_NOTIMPLEMENTED).
    public static let notImplementedName = ModuleFeatures(rawValue: 1 << 21)
    /// pow() with a modulus (MICROPY_PY_BUILTINS_POW3).
    public static let pow3 = ModuleFeatures(rawValue: 1 << 22)
    /// math.tau, math.inf, math.nan (MICROPY_PY_MATH_CONSTANTS).
    public static let mathConstants = ModuleFeatures(rawValue: 1 << 23)
    /// math's hyperbolic, log2/log10, expm1, erf/erfc, gamma/lgamma (MICROPY_PY_MATH_SPECIAL_FUNCTIONS).
    public static let mathSpecialFunctions = ModuleFeatures(rawValue: 1 << 24)
    /// math.isclose (MICROPY_PY_MATH_ISCLOSE).
    public static let mathIsclose = ModuleFeatures(rawValue: 1 << 25)
    /// math.factorial (MICROPY_PY_MATH_FACTORIAL).
    public static let mathFactorial = ModuleFeatures(rawValue: 1 << 26)
    /// User __setattr__/__delattr__ methods are called, and object has them
    /// (MICROPY_PY_DELATTR_SETATTR).
    public static let delattrSetattr = ModuleFeatures(rawValue: 1 << 27)
    /// == and != between str and bytes print "Warning: Comparison between bytes and str"
    /// (MICROPY_PY_STR_BYTES_CMP_WARN: on in the ESP8266 build, off in the unix one).
    public static let strBytesCompareWarning = ModuleFeatures(rawValue: 1 << 28)

    /// The execfile() builtin (MICROPY_PY_BUILTINS_EXECFILE).
    public static let builtinExecfile = ModuleFeatures(rawValue: 1 << 29)
    /// micropython.RingIO (MICROPY_PY_MICROPYTHON_RINGIO).
    public static let ringIO = ModuleFeatures(rawValue: 1 << 30)

    /// Everything (the host profile).
    public static let full = ModuleFeatures(rawValue: (1 << 13) - 1).union([
        .stdioFileno, .memStats, .sysExcInfo, .strCenter, .strPartition, .strSplitlines, .builtinCompile,
        .notImplementedName, .pow3, .mathConstants, .mathSpecialFunctions, .mathIsclose, .mathFactorial,
        .delattrSetattr, .builtinExecfile, .ringIO])
    /// btree's defaults as the ESP8266 build sets them (1 KiB pages, at least 3 cached);
    /// without it the unix port's (4 KiB, 5).
    public static let btreeSmallPages = ModuleFeatures(rawValue: 1 << 13)
    /// sys.stdin/stdout/stderr (and their .buffer) are host files with fileno() (the unix port's).
    public static let stdioFileno = ModuleFeatures(rawValue: 1 << 14)
    /// sys.exc_info() (MICROPY_PY_SYS_EXC_INFO: the unix port's, not the ESP8266's).
    public static let sysExcInfo = ModuleFeatures(rawValue: 1 << 16)
    /// What the ESP8266 port keeps (esp8266-port-facts §4): re.sub, select.select, sha1 (axTLS),
    /// cryptolib ECB/CBC without constants; no match details, md5, crc32, compression or extras.
    /// Of the language switches it keeps none, and it warns on str/bytes comparisons.
    public static let esp8266: ModuleFeatures = [.reSub, .selectSelect, .hashlibSHA1, .cryptolib, .btreeSmallPages,
                                                 .strBytesCompareWarning]
}
