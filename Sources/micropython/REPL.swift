#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MicroPython
import MicroPythonCompiler

/// The friendly REPL of the unix port: `>>> ` and `... ` prompts, Ctrl-D to leave.
enum REPL {
    static let banner = "MicroPython v1.29.0 on 2026-11-25; linux [Swift] version\nUse Ctrl-D to exit, Ctrl-E for paste mode\n"

    static func run() -> Int32 {
        HostIO.writeString(1, banner)
        while true {
            HostIO.writeString(1, ">>> ")
            guard var text = HostIO.readLine() else { HostIO.writeString(1, "\n"); return 0 }
            if text.isEmpty { continue }
            while Continuation.needsMore(text) {
                HostIO.writeString(1, "... ")
                guard let more = HostIO.readLine() else { break }
                if more.isEmpty { break }
                text += "\n" + more
            }
            VM.pendingInterrupt = false
            let status = Session.execute { () throws(PyExc) in
                try Runtime.execSource(Array(text.utf8), fileName: "<stdin>", globals: Heap.roots[Root.mainGlobals], mode: .single)
            }
            if status & 0x100 != 0 { return status & 0xFF }
        }
    }
}

/// Decides whether REPL input continues on another line (MicroPython's heuristic: open brackets
/// or strings, a trailing colon or backslash, or an indented block in progress).
enum Continuation {
    static func needsMore(_ text: String) -> Bool {
        var depth = 0
        var quote: Character? = nil
        var triple = false
        var chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == "\\" { i += 2; continue }
                if triple {
                    if c == q && i + 2 < chars.count && chars[i + 1] == q && chars[i + 2] == q { quote = nil; i += 3; continue }
                } else if c == q || c == "\n" {
                    quote = nil
                }
                i += 1
                continue
            }
            switch c {
            case "#": while i < chars.count && chars[i] != "\n" { i += 1 }
            case "'", "\"":
                if i + 2 < chars.count && chars[i + 1] == c && chars[i + 2] == c { triple = true; quote = c; i += 2 }
                else { triple = false; quote = c }
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth -= 1
            default: break
            }
            i += 1
        }
        chars = Array(text.trimmingTrailingSpaces())
        if quote != nil && triple { return true }
        if depth > 0 { return true }
        if chars.last == ":" || chars.last == "\\" { return true }
        // Inside a block (more than one line, last line indented): keep reading until a blank line.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.count > 1, let first = lines.first, first.hasSuffix(":") || first.trimmingTrailingSpaces().hasSuffix(":") {
            return true
        }
        if text.hasPrefix("@") { return true }
        return false
    }
}

extension StringProtocol {
    func trimmingTrailingSpaces() -> String {
        var s = String(self)
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
