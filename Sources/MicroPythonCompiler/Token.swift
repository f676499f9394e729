/// Tokens produced by the lexer. Operators and keywords carry their spelling in `text`
/// so the parser can match them without a large enum.
enum TokenKind: Equatable {
    case name
    case keyword
    case op
    case integer
    case floatOrImag
    case string
    case bytes
    case newline
    case indent
    case dedent
    case end
    // Error tokens: the parser reports them when it reaches them, as MicroPython does.
    case dedentMismatch
    case invalid
    case malformedFString
    /// `\N{...}` in a string: MicroPython raises NotImplementedError for it.
    case unicodeNameEscape
}

struct Token {
    var kind: TokenKind
    /// Identifier/keyword/operator spelling, or number text.
    var text: String
    /// Decoded contents of string and bytes literals.
    var bytes: [UInt8]
    var line: Int

    init(_ kind: TokenKind, _ text: String = "", bytes: [UInt8] = [], line: Int) {
        self.kind = kind
        self.text = text
        self.bytes = bytes
        self.line = line
    }

    func isOp(_ s: String) -> Bool { return kind == .op && text == s }
    func isKw(_ s: String) -> Bool { return kind == .keyword && text == s }
}

let pythonKeywords: Set<String> = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
    "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
    "try", "while", "with", "yield",
]
