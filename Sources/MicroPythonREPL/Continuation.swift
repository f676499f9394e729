/// MicroPython's rule for whether friendly-REPL input needs another line: an open triple
/// quote, an unclosed bracket outside a one-line string, a trailing backslash, or a compound
/// statement whose last line is not yet empty.
public enum Continuation {
    static let compoundKeywords: [[UInt8]] = ["if", "while", "for", "try", "with", "def", "class", "async"]
        .map { Array($0.utf8) }

    private enum Quote { case none, single, double, tripleSingle, tripleDouble }

    public static func needsMore(_ input: [UInt8]) -> Bool {
        guard let last = input.last else { return false }
        let compound = input[0] == UInt8(ascii: "@") || compoundKeywords.contains { startsWithWord(input, $0) }

        var paren = 0, bracket = 0, brace = 0
        var quote = Quote.none
        let singleQuote = UInt8(ascii: "'"), doubleQuote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        func at(_ i: Int) -> UInt8 { i < input.count ? input[i] : 0 }
        var i = 0
        while i < input.count {
            let c = input[i]
            if c == singleQuote || c == doubleQuote {
                let one: Quote = c == singleQuote ? .single : .double
                let three: Quote = c == singleQuote ? .tripleSingle : .tripleDouble
                if (quote == .none || quote == three) && at(i + 1) == c && at(i + 2) == c {
                    i += 2
                    quote = quote == .none ? three : .none
                } else if quote == .none || quote == one {
                    quote = quote == .none ? one : .none
                }
            } else if c == backslash && (at(i + 1) == singleQuote || at(i + 1) == doubleQuote || at(i + 1) == backslash) {
                // An escaped quote or backslash inside a string does not end it.
                if quote != .none { i += 1 }
            } else if quote == .none {
                switch c {
                case UInt8(ascii: "("): paren += 1
                case UInt8(ascii: ")"): paren -= 1
                case UInt8(ascii: "["): bracket += 1
                case UInt8(ascii: "]"): bracket -= 1
                case UInt8(ascii: "{"): brace += 1
                case UInt8(ascii: "}"): brace -= 1
                default: break
                }
            }
            i += 1
        }
        if quote == .tripleSingle || quote == .tripleDouble { return true }
        if (paren > 0 || bracket > 0 || brace > 0) && quote == .none { return true }
        if last == backslash { return true }
        return compound && last != Key.lineFeed
    }

    /// True if `input` starts with `word` followed by something that cannot continue a name.
    static func startsWithWord(_ input: [UInt8], _ word: [UInt8]) -> Bool {
        guard input.count >= word.count, input.starts(with: word) else { return false }
        return input.count == word.count || !isIdentifierByte(input[word.count])
    }
}

func isIdentifierByte(_ c: UInt8) -> Bool { isAlphanumeric(c) || c == UInt8(ascii: "_") }

func isAlphanumeric(_ c: UInt8) -> Bool {
    (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
        || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
}

func isWhitespace(_ c: UInt8) -> Bool {
    c == Key.space || (c >= Key.tab && c <= Key.carriageReturn)
}
