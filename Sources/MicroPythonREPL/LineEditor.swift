/// The friendly REPL's line editor (MicroPython's readline with the unix port's options:
/// emacs keys, word moves, auto-indent, tab completion). It edits the last line of `line`;
/// earlier lines of a continued statement stay before `start`.
struct LineEditor {
    private enum Escape { case none, escape, bracket, bracketDigit, letterO }

    var line: [UInt8] = []
    var history: History
    let keys: EditingKeys
    private var start = 0
    private var cursor = 0
    private var escape = Escape.none
    private var escapeDigit: UInt8 = 0
    private var lastNewline: UInt8 = 0
    private var autoIndentOn = false
    private var autoIndentJustAdded = false
    private var historyIndex = -1
    private var prompt: [UInt8] = []

    /// One indent level (auto-indent, Tab after whitespace, Backspace over spaces).
    static let indentWidth = 4
    /// Cursor moves back up to this many columns are sent as backspaces.
    static let backspaceMoveLimit = 4

    init(historySize: Int, keys: EditingKeys) {
        history = History(capacity: historySize)
        self.keys = keys
    }

    /// Starts reading a line after `line`'s current content: prints the prompt and any auto-indent.
    mutating func begin<P: ReplPort>(prompt: [UInt8], _ port: inout P) {
        start = line.count
        cursor = start
        escape = .none
        escapeDigit = 0
        historyIndex = -1
        self.prompt = prompt
        port.writeRaw(prompt)
        if line.isEmpty {
            // A new statement: auto-indent on until the user overrides it.
            autoIndentOn = true
            autoIndentJustAdded = false
        }
        autoIndent(&port)
    }

    /// Feeds one byte. Returns nil while the line goes on, 0 when Enter ended it, or the
    /// control character (Ctrl-A..E on an empty line, Ctrl-C) that the REPL must handle.
    mutating func process<P: ReplPort>(_ c: UInt8, _ port: inout P) -> UInt8? {
        let lengthBefore = line.count
        var back = 0, forward = 0
        var redrawTail = false

        switch escape {
        case .none:
            if c >= Key.ctrlA && c <= Key.ctrlE && line.count == start { return c }
            switch keys.filter(c) {
            case Key.ctrlA: back = cursor - start
            case Key.ctrlB: if cursor > start { back = 1 }
            case Key.ctrlC: return c
            case Key.ctrlD: redrawTail = deleteAtCursor()
            case Key.ctrlE: forward = line.count - cursor
            case Key.ctrlF: if cursor < line.count { forward = 1 }
            case Key.ctrlK:
                line.removeSubrange(cursor...)
                redrawTail = true
            case Key.ctrlN: (back, forward, redrawTail) = historyStep(-1)
            case Key.ctrlP: (back, forward, redrawTail) = historyStep(1)
            case Key.ctrlU:
                back = cursor - start
                line.removeSubrange(start..<cursor)
                redrawTail = true
            case Key.ctrlW:
                back = killWordBackward()
                redrawTail = true
            default:
                if isEnter(c) {
                    port.writeRaw("\r\n")
                    history.push(Array(line[start...]))
                    return 0
                } else if c == Key.escape {
                    escape = .escape
                } else if c == Key.backspace || c == Key.delete {
                    if cursor > start {
                        // Spaces only before the cursor: delete a whole indent level.
                        let onlySpaces = line[start..<cursor].allSatisfy { $0 == Key.space }
                        let n = onlySpaces && cursor - start >= Self.indentWidth ? Self.indentWidth : 1
                        line.removeSubrange((cursor - n)..<cursor)
                        back = n
                        redrawTail = true
                    }
                } else if autoIndentJustAdded && (c == Key.tab || c == Key.space) {
                    // The user indents by hand: keep a tab's indent, a space takes back all but
                    // one column of it.
                    autoIndentOn = false
                    if c == Key.space {
                        back = Self.indentWidth - 1
                        line.removeLast(back)
                    }
                } else if c == Key.tab {
                    (forward, redrawTail) = complete(&port)
                } else if c >= Key.space && c < Key.delete {
                    line.insert(c, at: cursor)
                    redrawTail = true
                    forward = 1
                }
            }
        case .escape:
            escape = .none
            let words = keys.contains(.words)
            switch c {
            case UInt8(ascii: "["): escape = .bracket
            case UInt8(ascii: "O"): escape = .letterO
            case UInt8(ascii: "b") where words: back = wordLength(forward: false)
            case UInt8(ascii: "f") where words: forward = wordLength(forward: true)
            case UInt8(ascii: "d") where words:
                line.removeSubrange(cursor..<(cursor + wordLength(forward: true)))
                redrawTail = true
            case Key.delete where words:
                back = killWordBackward()
                redrawTail = true
            default: break
            }
        case .bracket:
            escape = .none
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                escape = .bracketDigit
                escapeDigit = c
            case UInt8(ascii: "A"): (back, forward, redrawTail) = historyStep(1)
            case UInt8(ascii: "B"): (back, forward, redrawTail) = historyStep(-1)
            case UInt8(ascii: "C"): if cursor < line.count { forward = 1 }
            case UInt8(ascii: "D"): if cursor > start { back = 1 }
            case UInt8(ascii: "H"): back = cursor - start
            case UInt8(ascii: "F"): forward = line.count - cursor
            default: break
            }
        case .bracketDigit:
            escape = .none
            if c == Key.tilde {
                switch escapeDigit {
                case UInt8(ascii: "1"), UInt8(ascii: "7"): back = cursor - start
                case UInt8(ascii: "4"), UInt8(ascii: "8"): forward = line.count - cursor
                case UInt8(ascii: "3"): redrawTail = deleteAtCursor()
                default: break
                }
            } else if !keys.contains(.words) {
                // Without word moves, "ESC [ 1 ;" and "ESC [ 5 C/D" mean nothing.
            } else if c == UInt8(ascii: ";") && escapeDigit == UInt8(ascii: "1") {
                // "ESC [ 1 ; 5 C": a modifier follows; read on as if just after "ESC [".
                escape = .bracket
            } else if escapeDigit == UInt8(ascii: "5") && c == UInt8(ascii: "C") {
                forward = wordLength(forward: true)
            } else if escapeDigit == UInt8(ascii: "5") && c == UInt8(ascii: "D") {
                back = wordLength(forward: false)
            }
        case .letterO:
            escape = .none
            if c == UInt8(ascii: "H") { back = cursor - start }
            else if c == UInt8(ascii: "F") { forward = line.count - cursor }
        }

        redraw(back: back, forward: forward, tail: redrawTail, lengthBefore: lengthBefore, &port)
        autoIndentJustAdded = false
        return nil
    }

    /// Enter is CR or LF; the second byte of a CR LF (or LF CR) pair is ignored.
    private mutating func isEnter(_ c: UInt8) -> Bool {
        if (c == Key.carriageReturn || c == Key.lineFeed) && (lastNewline == 0 || lastNewline == c) {
            lastNewline = c
            return true
        }
        lastNewline = 0
        return false
    }

    private mutating func deleteAtCursor() -> Bool {
        guard cursor < line.count else { return false }
        line.remove(at: cursor)
        return true
    }

    private mutating func killWordBackward() -> Int {
        let n = wordLength(forward: false)
        line.removeSubrange((cursor - n)..<cursor)
        return n
    }

    /// Distance to the end (forward) or start (backward) of the next word from the cursor.
    /// Backwards it stops at the buffer's start, as MicroPython's does, not the line's.
    private func wordLength(forward: Bool) -> Int {
        var pos = cursor
        var inWord = false
        while forward ? pos < line.count : pos > 0 {
            if isAlphanumeric(line[forward ? pos : pos - 1]) {
                inWord = true
            } else if inWord {
                break
            }
            pos += forward ? 1 : -1
        }
        return forward ? pos - cursor : cursor - pos
    }

    /// Replaces the line with an older (+1) or newer (-1) history entry.
    private mutating func historyStep(_ step: Int) -> (back: Int, forward: Int, tail: Bool) {
        let target = historyIndex + step
        if step > 0 {
            guard target < history.capacity, let entry = history[target] else { return (0, 0, false) }
            historyIndex = target
            line.removeSubrange(start...)
            line += entry
        } else {
            guard historyIndex >= 0 else { return (0, 0, false) }
            historyIndex = target
            line.removeSubrange(start...)
            if let entry = history[target] { line += entry }
        }
        return (cursor - start, line.count - start, true)
    }

    /// Tab: four spaces after whitespace, else completion of the name before the cursor.
    private mutating func complete<P: ReplPort>(_ port: inout P) -> (forward: Int, tail: Bool) {
        let insertion: [UInt8]
        if !line.isEmpty && cursor > 0 && isWhitespace(line[cursor - 1]) {
            insertion = Array(repeating: Key.space, count: Self.indentWidth)
        } else {
            switch Completion.complete(Array(line[start..<cursor])) {
            case .none: return (0, false)
            case .insert(let bytes): insertion = bytes
            case .candidates(let listing):
                port.writeText(listing)
                port.writeRaw(prompt)
                port.writeRaw(Array(line[start..<cursor]))
                return (0, true)
            }
        }
        line.insert(contentsOf: insertion, at: cursor)
        return (insertion.count, true)
    }

    private mutating func redraw<P: ReplPort>(back: Int, forward: Int, tail: Bool, lengthBefore: Int, _ port: inout P) {
        if back > 0 {
            moveCursorBack(back, &port)
            cursor -= back
        }
        if tail {
            if line.count < lengthBefore { port.writeRaw(eraseToLineEnd) }
            port.writeRaw(Array(line[cursor...]))
            moveCursorBack(line.count - (cursor + forward), &port)
            cursor += forward
        } else if forward > 0 {
            port.writeRaw(Array(line[cursor..<(cursor + forward)]))
            cursor += forward
        }
    }

    /// A few columns as backspaces, more with one VT100 "cursor back" command.
    private func moveCursorBack<P: ReplPort>(_ n: Int, _ port: inout P) {
        if n <= 0 { return }
        if n <= Self.backspaceMoveLimit {
            port.writeRaw(Array(repeating: Key.backspace, count: n))
        } else {
            port.writeRaw([Key.escape] + Array("[\(n)D".utf8))
        }
    }

    private let eraseToLineEnd: [UInt8] = [Key.escape, UInt8(ascii: "["), UInt8(ascii: "K")]

    /// After a continuation prompt: indent as the previous line, one level more after ':',
    /// none after two blank lines.
    private mutating func autoIndent<P: ReplPort>(_ port: inout P) {
        guard autoIndentOn, line.count > 1, line[line.count - 1] == Key.lineFeed else { return }
        var lineStart = line.count - 1
        while lineStart > 0 && line[lineStart - 1] != Key.lineFeed { lineStart -= 1 }
        var firstNonSpace = lineStart
        while firstNonSpace < line.count && line[firstNonSpace] == Key.space { firstNonSpace += 1 }
        if lineStart > 0 && firstNonSpace + 1 == line.count {
            // The previous line is blank: if the one before it is too, stop indenting.
            var k = lineStart - 1
            while k > 0 {
                if line[k - 1] == Key.lineFeed { return }
                if line[k - 1] != Key.space { break }
                k -= 1
            }
        }
        var levels = (firstNonSpace - lineStart) / Self.indentWidth
        if line[line.count - 2] == UInt8(ascii: ":") { levels += 1 }
        let indent = Array(repeating: Key.space, count: Self.indentWidth)
        for _ in 0..<levels {
            line += indent
            port.writeRaw(indent)
            cursor += Self.indentWidth
            autoIndentJustAdded = true
        }
    }
}
