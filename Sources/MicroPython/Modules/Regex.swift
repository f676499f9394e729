/// The regular expression engine behind `re`: MicroPython's re1.5 dialect, compiled to the same
/// byte code (so compiled sizes, the int8 jump and count limits and the DEBUG dump agree) and
/// run by a backtracking matcher with an explicit stack whose depth is charged as C frames.
///
/// Syntax: literals, `.`, `[...]`/`[^...]` with ranges and `\d\w\s` inside, `\d \D \w \W \s \S`,
/// `\x` for any other x (the character itself), `( )`, `(?: )`, `|`, `^`, `$`, and `* + ?` with
/// their non-greedy `*? +? ??` forms. Matching works on bytes.
enum Regex {
    // Byte-code opcodes (re1.5's encoding: consumers below 0x50, asserts, jumps, then Save/Match).
    static let opChar: UInt8 = 1
    static let opAny: UInt8 = 2
    static let opClass: UInt8 = 3
    static let opClassNot: UInt8 = 4
    static let opNamedClass: UInt8 = 5
    static let opLineStart: UInt8 = 0x50
    static let opLineEnd: UInt8 = 0x51
    static let opJump: UInt8 = 0x60
    static let opSplit: UInt8 = 0x61       // try the next instruction first, then the target
    static let opSplitLate: UInt8 = 0x62   // try the target first, then the next instruction
    static let opSave: UInt8 = 0x7E
    static let opMatch: UInt8 = 0x7F
    /// The first opcode that consumes no input.
    static let firstNonConsumer: UInt8 = 0x50
    /// In a class, a pair starting with this byte names a class (`\d` in `[\d_]`).
    static let namedClassMarker: UInt8 = 0

    /// `rsplit +3; any; jmp -5`: the prefix a search runs and a match skips.
    static let searchPrefix: [UInt8] = [opSplitLate, 3, opAny, opJump, 0xFB]
    static let searchPrefixInstructions = 3

    /// Why a pattern did not compile: a syntax error or an offset that does not fit its byte
    /// ("regex too complex", found while sizing), or text after a top-level `)` ("error in regex").
    enum Failure: Error { case tooComplex, trailing }

    struct Program {
        var code: [UInt8]
        var instructions: Int
        var groups: Int
    }

    static func isNamedClass(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "d"), UInt8(ascii: "D"), UInt8(ascii: "s"), UInt8(ascii: "S"),
             UInt8(ascii: "w"), UInt8(ascii: "W"): return true
        default: return false
        }
    }

    /// Whether `c` belongs to the named class `name` (lower case: the class, upper: its complement).
    static func inNamedClass(_ name: UInt8, _ c: UInt8) -> Bool {
        func within(_ lo: Unicode.Scalar, _ hi: Unicode.Scalar) -> Bool { c >= UInt8(ascii: lo) && c <= UInt8(ascii: hi) }
        let positive = name >= UInt8(ascii: "a")
        let digit = within("0", "9")
        let member: Bool
        switch name {
        case UInt8(ascii: "d"), UInt8(ascii: "D"): member = digit
        case UInt8(ascii: "s"), UInt8(ascii: "S"):
            // space, and \t \n \v \f \r
            member = c == UInt8(ascii: " ") || within("\t", "\r")
        default:
            member = within("A", "Z") || within("a", "z") || digit || c == UInt8(ascii: "_")
        }
        return member == positive
    }

    /// Compiler state: the pattern (up to its first NUL, as the C string MicroPython reads) and
    /// the code of the body, built with insertions as re1.5 builds it.
    struct Compiler {
        let pattern: [UInt8]
        var pos = 0
        var code: [UInt8] = []
        var instructions = 0
        var groups = 0
        var overflow = false
        /// Bytes of C stack one level of group nesting costs the compiler.
        static let nestingCost = 64

        init(_ p: UnsafeBufferPointer<UInt8>) {
            var bytes = Array(p)
            if let nul = bytes.firstIndex(of: 0) { bytes.removeSubrange(nul...) }
            pattern = bytes
        }

        func at(_ i: Int) -> UInt8 { i < pattern.count ? pattern[i] : 0 }

        /// The byte for a relative jump from the instruction at `from` to `to`; records an
        /// overflow when it does not fit a signed byte.
        mutating func offset(_ value: Int) -> UInt8 {
            if value < Int(Int8.min) || value > Int(Int8.max) { overflow = true }
            return UInt8(truncatingIfNeeded: value)
        }

        static func relative(_ from: Int, _ to: Int) -> Int { to - from - 2 }

        /// Compiles a sequence of alternatives up to `)` or the end; false on a syntax error.
        mutating func sequence() throws(PyExc) -> Bool {
            let cost = try VM.enterNested(Compiler.nestingCost)
            defer { VM.leave(cost) }
            let start = code.count
            var term = code.count
            var altLabel = 0
            while pos < pattern.count && pattern[pos] != UInt8(ascii: ")") {
                let c = pattern[pos]
                switch c {
                case UInt8(ascii: "\\"):
                    pos += 1
                    if pos >= pattern.count { return false }
                    let e = pattern[pos]
                    term = code.count
                    if isNamedClass(e) {
                        code += [opNamedClass, e]
                    } else {
                        code += [opChar, e]
                    }
                    instructions += 1
                case UInt8(ascii: "."):
                    term = code.count
                    code.append(opAny)
                    instructions += 1
                case UInt8(ascii: "["):
                    term = code.count
                    pos += 1
                    if at(pos) == UInt8(ascii: "^") {
                        code.append(opClassNot)
                        pos += 1
                    } else {
                        code.append(opClass)
                    }
                    code.append(0)
                    instructions += 1
                    var pairs = 0
                    while at(pos) != UInt8(ascii: "]") {
                        var lo = at(pos)
                        var hi: UInt8
                        if lo == UInt8(ascii: "\\") {
                            pos += 1
                            lo = at(pos)
                            if pos < pattern.count && isNamedClass(lo) {
                                code += [namedClassMarker, lo]
                                pos += 1
                                pairs += 1
                                continue
                            }
                        }
                        if pos >= pattern.count { return false }
                        if at(pos + 1) == UInt8(ascii: "-") && at(pos + 2) != UInt8(ascii: "]") {
                            pos += 2
                            if pos >= pattern.count { return false }
                        }
                        hi = at(pos)
                        code += [lo, hi]
                        pos += 1
                        pairs += 1
                    }
                    code[term + 1] = offset(pairs)
                case UInt8(ascii: "("):
                    term = code.count
                    let capture = !(at(pos + 1) == UInt8(ascii: "?") && at(pos + 2) == UInt8(ascii: ":"))
                    var group = 0
                    if capture {
                        groups += 1
                        group = groups
                        code += [opSave, offset(2 * group)]
                        instructions += 1
                    } else {
                        pos += 2
                    }
                    pos += 1
                    if !(try sequence()) || at(pos) != UInt8(ascii: ")") || pos >= pattern.count { return false }
                    if capture {
                        code += [opSave, offset(2 * group + 1)]
                        instructions += 1
                    }
                case UInt8(ascii: "?"):
                    if code.count == term { return false }
                    let lazy = at(pos + 1) == UInt8(ascii: "?")
                    if lazy { pos += 1 }
                    code.insert(contentsOf: [lazy ? opSplitLate : opSplit, 0], at: term)
                    code[term + 1] = offset(Compiler.relative(term, code.count))
                    instructions += 1
                    term = code.count
                case UInt8(ascii: "*"):
                    if code.count == term { return false }
                    let lazy = at(pos + 1) == UInt8(ascii: "?")
                    if lazy { pos += 1 }
                    code.insert(contentsOf: [lazy ? opSplitLate : opSplit, 0], at: term)
                    let back = offset(Compiler.relative(code.count, term))
                    code += [opJump, back]
                    code[term + 1] = offset(Compiler.relative(term, code.count))
                    instructions += 2
                    term = code.count
                case UInt8(ascii: "+"):
                    if code.count == term { return false }
                    let lazy = at(pos + 1) == UInt8(ascii: "?")
                    if lazy { pos += 1 }
                    let back = offset(Compiler.relative(code.count, term))
                    code += [lazy ? opSplit : opSplitLate, back]
                    instructions += 1
                    term = code.count
                case UInt8(ascii: "|"):
                    if altLabel != 0 { code[altLabel] = offset(Compiler.relative(altLabel, code.count) + 1) }
                    code.insert(contentsOf: [opSplit, 0], at: start)
                    code.append(opJump)
                    altLabel = code.count
                    code.append(0)
                    code[start + 1] = offset(Compiler.relative(start, code.count))
                    instructions += 2
                    term = code.count
                case UInt8(ascii: "^"), UInt8(ascii: "$"):
                    code.append(c == UInt8(ascii: "^") ? opLineStart : opLineEnd)
                    instructions += 1
                    term = code.count
                default:
                    term = code.count
                    code += [opChar, c]
                    instructions += 1
                }
                pos += 1
            }
            if altLabel != 0 { code[altLabel] = offset(Compiler.relative(altLabel, code.count) + 1) }
            return true
        }
    }

    /// Compiles `pattern` to a whole program: the search prefix, `save 0`, the body, `save 1`, `match`.
    static func compile(_ pattern: UnsafeBufferPointer<UInt8>) throws(PyExc) -> Result<Program, Failure> {
        var c = Compiler(pattern)
        c.code = searchPrefix + [opSave, 0]
        c.instructions = searchPrefixInstructions + 1
        let ok = try c.sequence()
        if !ok || c.overflow { return .failure(.tooComplex) }
        if c.pos < c.pattern.count { return .failure(.trailing) }
        c.code += [opSave, 1, opMatch]
        c.instructions += 2
        return .success(Program(code: c.code, instructions: c.instructions, groups: c.groups))
    }

    /// The subject of one match attempt: `lineStart` is where `^` matches (the string's start),
    /// `start`/`end` the part searched.
    struct Subject {
        let bytes: UnsafePointer<UInt8>
        let lineStart: Int
        var start: Int
        let end: Int
    }

    /// One entry of the backtracking stack: a place to resume, or a capture slot to restore.
    enum Backtrack {
        case resume(pc: Int, sp: Int)
        case restore(slot: Int, old: Int)
    }

    /// Bytes of C stack each pending backtrack point stands for (re1.5's recursive matcher
    /// takes one call per alternative and per capture): a frame of eight machine words.
    static var frameBytes: Int { 8 * MicroPythonRuntime.port.wordBits / 8 }

    /// Runs the program at `code` on `subject`; `caps` (offsets, -1 for none) gets the capture
    /// positions. `anchored` skips the search prefix. RuntimeError when the backtracking needs
    /// more stack than the VM has left, as MicroPython's C stack check raises.
    static func run(_ code: UnsafePointer<UInt8>, _ subject: Subject, _ caps: inout [Int], anchored: Bool) throws(PyExc) -> Bool {
        let limit = max(0, (VM.stackLimit - VM.stackUsed) / frameBytes)
        var stack: [Backtrack] = []
        var pc = anchored ? searchPrefix.count : 0
        var sp = subject.start
        let s = subject.bytes
        while true {
            var failed = false
            let op = code[pc]
            pc += 1
            if op < firstNonConsumer && sp >= subject.end {
                failed = true
            } else {
                switch op {
                case opChar:
                    if s[sp] != code[pc] { failed = true } else { pc += 1; sp += 1 }
                case opAny:
                    sp += 1
                case opClass, opClassNot:
                    let n = Int(code[pc])
                    let ch = s[sp]
                    var hit = false
                    for i in 0..<n {
                        let lo = code[pc + 1 + 2 * i], hi = code[pc + 2 + 2 * i]
                        if lo == namedClassMarker ? inNamedClass(hi, ch) : (ch >= lo && ch <= hi) { hit = true; break }
                    }
                    if hit != (op == opClass) { failed = true } else { pc += 1 + 2 * n; sp += 1 }
                case opNamedClass:
                    if !inNamedClass(code[pc], s[sp]) { failed = true } else { pc += 1; sp += 1 }
                case opMatch:
                    return true
                case opJump:
                    pc += 1 + Int(Int8(bitPattern: code[pc]))
                case opSplit, opSplitLate:
                    let target = pc + 1 + Int(Int8(bitPattern: code[pc]))
                    if op == opSplit {
                        stack.append(.resume(pc: target, sp: sp))
                        pc += 1
                    } else {
                        stack.append(.resume(pc: pc + 1, sp: sp))
                        pc = target
                    }
                case opSave:
                    let slot = Int(code[pc])
                    pc += 1
                    if slot < caps.count {
                        stack.append(.restore(slot: slot, old: caps[slot]))
                        caps[slot] = sp
                    }
                case opLineStart:
                    if sp != subject.lineStart { failed = true }
                case opLineEnd:
                    if sp != subject.end { failed = true }
                default:
                    preconditionFailure("regex byte code")
                }
            }
            if stack.count > limit { throw PyExc(Exceptions.recursionError()) }
            if !failed { continue }
            var resumed = false
            while let top = stack.popLast() {
                switch top {
                case .restore(let slot, let old):
                    caps[slot] = old
                case .resume(let p, let q):
                    pc = p; sp = q
                    resumed = true
                }
                if resumed { break }
            }
            if !resumed { return false }
        }
    }

    /// The DEBUG listing of a program (re1.5's dump format).
    static func dump(_ code: UnsafePointer<UInt8>, count: Int, instructions: Int) -> String {
        var out = ""
        var pc = 0
        func pad(_ n: Int) -> String { n < 10 ? " \(n)" : "\(n)" }
        func hex(_ b: UInt8) -> String { b < 16 ? "0x0" + String(b, radix: 16) : "0x" + String(b, radix: 16) }
        while pc < count {
            out += pad(pc) + ": "
            let op = code[pc]
            pc += 1
            switch op {
            case opSplit, opSplitLate, opJump:
                let off = Int(Int8(bitPattern: code[pc]))
                let name = op == opSplit ? "split" : op == opSplitLate ? "rsplit" : "jmp"
                out += "\(name) \(pc + off + 1) (\(off))\n"
                pc += 1
            case opChar:
                out += "char " + String(decoding: [code[pc]], as: UTF8.self) + "\n"
                pc += 1
            case opAny: out += "any\n"
            case opClass, opClassNot:
                let n = Int(code[pc])
                out += "class\(op == opClassNot ? "not" : "") \(n)"
                pc += 1
                for _ in 0..<n {
                    out += " \(hex(code[pc]))-\(hex(code[pc + 1]))"
                    pc += 2
                }
                out += "\n"
            case opNamedClass:
                out += "namedclass " + String(decoding: [code[pc]], as: UTF8.self) + "\n"
                pc += 1
            case opMatch: out += "match\n"
            case opSave:
                out += "save \(code[pc])\n"
                pc += 1
            case opLineStart: out += "assert bol\n"
            case opLineEnd: out += "assert eol\n"
            default: out += "?\n"
            }
        }
        return out + "Bytes: \(count), insts: \(instructions)\n"
    }
}
