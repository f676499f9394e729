/// The compiler's output and the .mpy loader's output: one module, exactly as a v6 .mpy file
/// describes it (see the .mpy format notes in docs/bytecode.md). The runtime turns this into heap
/// objects; nothing here lives in the Python heap.
///
/// Bytecode operands that name a string (LOAD_NAME, LOAD_ATTR, argument names in the prelude...)
/// are indices into `qstrs`; LOAD_CONST_OBJ operands are indices into `objects`; MAKE_FUNCTION
/// operands are indices into the enclosing raw code's `children`.
public struct CompiledModule: Sendable {
    /// Per-module string table. Entry 0 is the source file name (used in tracebacks).
    public var qstrs: [String]
    /// Per-module constant table (long strings, big ints, floats, bytes, constant tuples).
    public var objects: [Constant]
    /// The module's own code; functions and classes are its children, recursively.
    public var root: RawCode

    public init(qstrs: [String], objects: [Constant], root: RawCode) {
        self.qstrs = qstrs
        self.objects = objects
        self.root = root
    }
}

/// A constant-table entry (the .mpy object table types).
public indirect enum Constant: Sendable, Equatable {
    case none, `false`, `true`, ellipsis
    case str(String)
    case bytes([UInt8])
    /// Decimal text of an integer that does not fit a small int.
    case int(String)
    /// repr text of a float, parsed by the runtime at its own precision.
    case float(String)
    case complex(String)
    case tuple([Constant])
    /// MicroPython's table of runtime functions, which machine code calls through (.mpy only).
    case functionTable
}

/// One function body: the bytecode function data of §3.5 (signature, prelude size, source info,
/// closure info, opcodes) and its children in order of appearance.
public struct RawCode: Sendable {
    /// The .mpy kind: 0 bytecode, 1 native code (`@micropython.native`), 2 viper code. Our own
    /// compiler makes bytecode only; machine code comes from .mpy files (`RawCode.native`).
    public var kind: UInt8
    /// Bytecode, or machine code for kinds 1 and 2.
    public var data: [UInt8]
    public var children: [RawCode]
    /// How the compiler made this bytecode (`EmitKind`): our own compiler marks the functions
    /// decorated `@micropython.native` or `@micropython.viper`; a .mpy file never does.
    public var emitKind: UInt8
    /// Machine code: where the prelude (signature, names, cells) starts in `data` (kind 1).
    public var preludeOffset: Int = 0
    /// Machine code: the scope flags (kinds 2 and 3; kind 1 has them in its prelude).
    public var scopeFlags: Int = 0
    /// Inline assembler (kind 3): the number of arguments and the return type.
    public var asmArgs: Int = 0
    public var asmReturnType: Int = 0
    /// Viper code built from C (a native module): read-only data, the size of its zeroed
    /// data, and the relocations to apply, (operation, word offset) pairs in file order.
    public var rodata: [UInt8] = []
    public var bssSize: Int = 0
    public var relocations: [Relocation] = []

    /// One relocation: add the address of `target` to `count` words from `wordOffset` of the
    /// code (or of the read-only data).
    public struct Relocation: Sendable {
        public enum Target: Sendable, Equatable {
            case code, rodata, bss, qstrTable, constantTable, functionTable
            /// An entry of the function table.
            case function(Int)
        }
        public var inRodata: Bool
        public var wordOffset: Int
        public var count: Int
        public var target: Target
    }

    public init(kind: UInt8 = 0, data: [UInt8], children: [RawCode] = [], emitKind: UInt8 = 0) {
        self.kind = kind
        self.data = data
        self.children = children
        self.emitKind = emitKind
    }

    public static let native: UInt8 = 1
    public static let viper: UInt8 = 2
    public static let asm: UInt8 = 3
}

/// What the source is compiled as.
public enum CompileMode: Sendable {
    /// A module or script (`exec`).
    case file
    /// One REPL input: expression statements print their value via `__repl_print__`.
    case single
    /// A single expression whose value is returned (`eval`).
    case eval
    /// A block from the REPL's paste mode: parsed as a file, but module-level expression
    /// statements print their value as in `single`.
    case pasted
}

/// A compile-time error, reported as MicroPython reports it.
public struct CompileError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case syntaxError, indentationError, viperTypeError, notImplementedError, runtimeError }
    public var kind: Kind
    public var message: String
    /// 1-based source line of the error.
    public var line: Int
    /// For a viper type error: the function being compiled (its traceback entry).
    public var function: String? = nil

    public init(_ kind: Kind, _ message: String, line: Int) {
        self.kind = kind
        self.message = message
        self.line = line
    }
}
