import MicroPython
import MicroPythonCompiler

/// -v: the memory summary at exit; -v -v: the bytecode of everything compiled (the script,
/// imported modules, REPL input, exec), as it is compiled.
enum Verbose {
    /// The unix port's exit summary: allocation totals, then micropython.mem_info()'s lines.
    /// Only the current heap use is tracked here, so total and peak show that figure too.
    static func printMemoryInfo() {
        let used = Heap.usedBytes()
        Builtins.out("mem: total=\(used), current=\(used), peak=\(used)\n")
        guard let mp = ModuleRegistry.module("micropython"),
              let f = Runtime.attributeIfPresent(mp, Qstr("mem_info")) else { return }
        _ = try? Runtime.invoke(f)
    }

    static func showBytecode(_ compiled: CompiledModule) {
        Builtins.out(bytecodeListing(compiled))
    }
}
