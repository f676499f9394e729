/// Options that change what the compiler emits.
public struct CompilerOptions: Sendable {
    /// micropython.opt_level: 0 keeps asserts and __debug__ = True; >= 1 drops asserts;
    /// >= 3 drops line-number tables.
    public var optimizationLevel: Int
    /// False on builds without complex numbers (the ESP8266): imaginary literals are a SyntaxError.
    public var allowComplex: Bool

    public init(optimizationLevel: Int = 0, allowComplex: Bool = true) {
        self.optimizationLevel = optimizationLevel
        self.allowComplex = allowComplex
    }
}

/// Compiles Python source to MicroPython v6 bytecode.
public func compilePython(_ source: [UInt8], fileName: String, mode: CompileMode,
                          options: CompilerOptions = CompilerOptions()) throws(CompileError) -> CompiledModule {
    throw CompileError(.syntaxError, "compiler not written yet", line: 1)
}
