/// Tokeniser for MicroPython's dialect of Python 3. It produces the whole token list up front.
/// Lexical errors become error tokens so that the parser reports them at the right place,
/// which is how MicroPython's lexer/parser pair behaves.
struct Lexer {
    private let src: [UInt8]
    private var pos = 0
    private var line = 1
    private var column = 1
    private var indents: [Int] = [0]
    private var bracketLevel = 0
    private(set) var tokens: [Token] = []
    /// Names and short strings seen so far; long strings that equal one of them become qstrs.
    var interned: Set<String> = []

    init(_ source: [UInt8]) {
        var s = source
        // Normalise line endings: \r\n and lone \r become \n.
        if s.contains(13) {
            var out: [UInt8] = []
            out.reserveCapacity(s.count)
            var i = 0
            while i < s.count {
                if s[i] == 13 {
                    out.append(10)
                    if i + 1 < s.count && s[i + 1] == 10 { i += 1 }
                } else {
                    out.append(s[i])
                }
                i += 1
            }
            s = out
        }
        if let last = s.last, last != 10 { s.append(10) }
        src = s
    }

    private func ch(_ o: Int = 0) -> UInt8 {
        let p = pos + o
        return p < src.count ? src[p] : 0
    }
    private var atEnd: Bool { return pos >= src.count }

    private mutating func advance() {
        if pos < src.count {
            if src[pos] == 10 {
                line += 1
                column = 1
            } else if src[pos] == 9 {
                column = ((column - 1 + 8) & ~7) + 1
            } else {
                column += 1
            }
            pos += 1
        }
    }

    private static func isDigit(_ c: UInt8) -> Bool { return c >= 48 && c <= 57 }
    private static func isLetter(_ c: UInt8) -> Bool { return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
    private static func isIdHead(_ c: UInt8) -> Bool { return isLetter(c) || c == 95 || c >= 0x80 }

    /// Skips spaces, comments and line continuations; returns true when it stops at a newline
    /// that ends a logical line.
    private mutating func skipWhitespace(stopAtNewline: Bool) -> Bool {
        while !atEnd {
            let c = ch()
            if c == 10 {
                if stopAtNewline && bracketLevel == 0 { return true }
                advance()
            } else if c == 32 || c == 9 || c == 12 || c == 11 {
                advance()
            } else if c == 35 {  // '#'
                while !atEnd && ch() != 10 { advance() }
            } else if c == 92 && ch(1) == 10 {  // backslash-newline
                advance(); advance()
            } else {
                break
            }
        }
        return false
    }

    mutating func run() {
        // The first token must start in column 1.
        _ = skipWhitespace(stopAtNewline: false)
        if !atEnd && column != 1 {
            tokens.append(Token(.indent, line: line))
            return
        }
        while true {
            let hadNewline = skipWhitespace(stopAtNewline: true)
            if hadNewline {
                let nlLine = line
                advance()
                _ = skipWhitespace(stopAtNewline: false)
                if tokens.last.map({ $0.kind != .newline }) ?? false {
                    tokens.append(Token(.newline, line: nlLine))
                }
                let spaces = atEnd ? 0 : column - 1
                if spaces > indents.last! {
                    indents.append(spaces)
                    tokens.append(Token(.indent, line: line))
                } else if spaces < indents.last! {
                    while spaces < indents.last! {
                        indents.removeLast()
                        tokens.append(Token(.dedent, line: line))
                    }
                    if spaces != indents.last! {
                        tokens.append(Token(.dedentMismatch, line: nlLine))
                        return
                    }
                }
                continue
            }
            if atEnd {
                if let last = tokens.last, last.kind != .newline && last.kind != .dedent {
                    tokens.append(Token(.newline, line: line))
                }
                while indents.count > 1 {
                    indents.removeLast()
                    tokens.append(Token(.dedent, line: line))
                }
                tokens.append(Token(.end, line: line))
                return
            }
            if !lexToken() { return }
        }
    }

    private func isStringStart() -> Bool {
        let c = ch()
        if c == 39 || c == 34 { return true }
        func q(_ x: UInt8) -> Bool { return x == 39 || x == 34 }
        let lower = c | 0x20
        if c == 117 /* u */ || c == 98 /* b */ || c == 114 /* r */ || c == 102 /* f */ {
            if q(ch(1)) { return true }
            let d = ch(1)
            if (c == 98 && d == 114) || (c == 114 && (d == 98 || d == 102)) || (c == 102 && d == 114) {
                return q(ch(2))
            }
        }
        _ = lower
        return false
    }

    /// Lexes one token; returns false after appending an error token.
    private mutating func lexToken() -> Bool {
        let tokLine = line
        let c = ch()
        if isStringStart() {
            return lexStrings(tokLine)
        }
        if Lexer.isIdHead(c) {
            var b: [UInt8] = []
            while !atEnd && (Lexer.isIdHead(ch()) || Lexer.isDigit(ch())) {
                b.append(ch()); advance()
            }
            let s = String(decoding: b, as: UTF8.self)
            if s == "__debug__" {
                tokens.append(Token(.keyword, debugValue ? "True" : "False", line: tokLine))
            } else if pythonKeywords.contains(s) {
                tokens.append(Token(.keyword, s, line: tokLine))
            } else {
                tokens.append(Token(.name, s, line: tokLine))
            }
            return true
        }
        if Lexer.isDigit(c) || (c == 46 && Lexer.isDigit(ch(1))) {
            var b: [UInt8] = []
            var isFloat = c == 46
            let forcedInt = c == 48 && [98, 66, 111, 79, 120, 88].contains(ch(1))
            b.append(c); advance()
            while !atEnd {
                let d = ch()
                if !forcedInt && (d == 101 || d == 69) && (ch(1) == 43 || ch(1) == 45) {
                    isFloat = true
                    b.append(d); advance(); b.append(ch()); advance()
                } else if Lexer.isDigit(d) || Lexer.isLetter(d) || d == 95 || d == 46 {
                    // As MicroPython's lexer: '.', 'j' and 'J' make a float-or-imaginary token even
                    // after a base prefix (whose parse then fails), 'e' only without one.
                    if d == 46 || d == 106 || d == 74 || (!forcedInt && (d == 101 || d == 69)) { isFloat = true }
                    b.append(d); advance()
                } else {
                    break
                }
            }
            tokens.append(Token(isFloat ? .floatOrImag : .integer, String(decoding: b, as: UTF8.self), line: tokLine))
            return true
        }
        // operators, longest first
        let three = [ch(), ch(1), ch(2)]
        let ops3 = ["**=", ">>=", "<<=", "//=", "..."]
        let ops2 = ["->", ":=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=",
                    "%=", "&=", "|=", "^=", "@="]
        let s3 = String(decoding: three, as: UTF8.self)
        for o in ops3 where s3.hasPrefix(o) {
            advance(); advance(); advance()
            tokens.append(Token(.op, o, line: tokLine))
            return true
        }
        for o in ops2 where s3.hasPrefix(o) {
            advance(); advance()
            tokens.append(Token(.op, o, line: tokLine))
            return true
        }
        let singles: [UInt8] = Array("+-*/%&|^~<>()[]{},:.;=@".utf8)
        if singles.contains(c) {
            advance()
            if c == 40 || c == 91 || c == 123 { bracketLevel += 1 }
            if c == 41 || c == 93 || c == 125 { bracketLevel = max(0, bracketLevel - 1) }
            tokens.append(Token(.op, String(UnicodeScalar(c)), line: tokLine))
            return true
        }
        tokens.append(Token(.invalid, line: tokLine))
        return false
    }

    var debugValue = true

    /// Lexes a run of adjacent string literals (implicit concatenation), rewriting f-strings
    /// into `'...'.format(...)` token sequences as MicroPython's lexer does.
    private mutating func lexStrings(_ tokLine: Int) -> Bool {
        var isBytes: Bool? = nil
        var out: [UInt8] = []
        var fargs: [UInt8] = []
        var errorKind: TokenKind? = nil
        var anyF = false
        repeat {
            var raw = false, fstr = false, bytes = false
            var n = 0
            let c = ch()
            if c == 117 { n = 1 }
            else if c == 98 { bytes = true; n = 1; if ch(1) == 114 { raw = true; n = 2 } }
            else if c == 114 {
                raw = true; n = 1
                if ch(1) == 98 { bytes = true; n = 2 } else if ch(1) == 102 { fstr = true; n = 2 }
            } else if c == 102 { fstr = true; n = 1; if ch(1) == 114 { raw = true; n = 2 } }
            if let b = isBytes, b != bytes { break }
            if fstr { anyF = true }
            isBytes = bytes
            for _ in 0..<n { advance() }
            if let e = parseLiteral(raw: raw, fstring: fstr, bytes: bytes, out: &out, fargs: &fargs) {
                errorKind = errorKind ?? e
            }
            _ = skipWhitespace(stopAtNewline: true)
        } while isStringStart()
        if let e = errorKind {
            tokens.append(Token(e, line: tokLine))
            return false
        }
        let text = String(decoding: out, as: UTF8.self)
        tokens.append(Token(isBytes! ? .bytes : .string, text, bytes: out, line: tokLine))
        if anyF {
            // Inject ".format(args...)" tokens.
            var injected: [UInt8] = Array(".format(".utf8)
            injected += fargs
            injected.append(41)
            var sub = Lexer(injected)
            sub.bracketLevel = 1
            sub.debugValue = debugValue
            _ = sub.skipWhitespace(stopAtNewline: false)
            while !sub.atEnd {
                if !sub.lexToken() { tokens.append(Token(.invalid, line: tokLine)); return false }
                _ = sub.skipWhitespace(stopAtNewline: false)
            }
            for var t in sub.tokens {
                t.line = tokLine
                tokens.append(t)
            }
            // account for the brackets opened/closed by the injected text
        }
        return true
    }

    private static func hexVal(_ c: UInt8) -> Int? {
        if c >= 48 && c <= 57 { return Int(c) - 48 }
        if c >= 97 && c <= 102 { return Int(c) - 87 }
        if c >= 65 && c <= 70 { return Int(c) - 55 }
        return nil
    }

    private static func appendUTF8(_ v: Int, _ out: inout [UInt8]) {
        if v < 0x80 { out.append(UInt8(v)) }
        else if v < 0x800 { out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F))) }
        else if v < 0x10000 {
            out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (v >> 18))); out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// Parses one quoted literal (cursor on the opening quote). Returns an error token kind on failure.
    private mutating func parseLiteral(raw: Bool, fstring: Bool, bytes: Bool,
                                       out: inout [UInt8], fargs: inout [UInt8]) -> TokenKind? {
        let q = ch()
        advance()
        var nq = 1
        if ch() == q && ch(1) == q { advance(); advance(); nq = 3 }
        var closing = 0
        var err: TokenKind? = nil
        while !atEnd && (nq > 1 || ch() != 10) && closing < nq {
            let c = ch()
            if c == q {
                closing += 1
                out.append(c)
                advance()
                continue
            }
            closing = 0
            if fstring && c == 123 {  // '{'
                advance()
                if ch() == 123 {
                    out.append(123); out.append(123); advance()
                    continue
                }
                fargs.append(40)
                let start = fargs.count
                var level = 0
                while !atEnd {
                    let d = ch()
                    if level == 0 && (d == 58 || d == 125) { break }
                    if level == 0 && d == 33 && (ch(1) == 114 || ch(1) == 115) && (ch(2) == 58 || ch(2) == 125) { break }
                    if d == 91 || d == 123 { level += 1 } else if d == 93 || d == 125 { level -= 1 }
                    fargs.append(d)
                    advance()
                }
                if fargs.count > start && fargs.last == 61 {  // '=' → "expr={}"
                    out.append(contentsOf: fargs[start...])
                    fargs.removeLast()
                }
                if fargs.count == start { err = err ?? .malformedFString }
                fargs.append(41); fargs.append(44)
                out.append(123)
                continue
            }
            if c == 92 {  // backslash
                advance()
                let e = ch()
                if raw {
                    out.append(92)
                    out.append(e)
                    advance()
                    continue
                }
                var v: Int = Int(e)
                switch e {
                case 10: advance(); continue
                case 92, 39, 34: break
                case 97: v = 7
                case 98: v = 8
                case 116: v = 9
                case 110: v = 10
                case 118: v = 11
                case 102: v = 12
                case 114: v = 13
                case 117, 85, 120:
                    if bytes && e != 120 {
                        out.append(92); out.append(e); advance(); continue
                    }
                    let nd = e == 120 ? 2 : (e == 117 ? 4 : 8)
                    var num = 0
                    var ok = true
                    for _ in 0..<nd {
                        if let h = Lexer.hexVal(ch(1)) { advance(); num = num * 16 + h } else { ok = false; break }
                    }
                    if !ok { err = err ?? .invalid }
                    v = num
                case 78:
                    err = err ?? .unicodeNameEscape  // MicroPython: unicode name escapes unsupported
                default:
                    if e >= 48 && e <= 55 {
                        var num = Int(e) - 48
                        var digits = 1
                        while digits < 3 && ch(1) >= 48 && ch(1) <= 55 {
                            advance(); num = num * 8 + Int(ch()) - 48; digits += 1
                        }
                        v = num
                    } else {
                        out.append(92)
                    }
                }
                if !bytes && v < 0x110000 {
                    Lexer.appendUTF8(v, &out)
                } else if bytes && v < 0x100 {
                    out.append(UInt8(v))
                } else {
                    err = err ?? .invalid
                }
                advance()
                continue
            }
            out.append(c)
            advance()
        }
        if closing < nq {
            return .invalid
        }
        out.removeLast(closing)
        return err
    }
}
