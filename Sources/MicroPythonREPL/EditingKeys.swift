/// Which optional key sets the line editor handles (MicroPython's MICROPY_REPL_EMACS_KEYS and
/// MICROPY_REPL_EMACS_WORDS_MOVE with its extra keys). The unix port has both; the ESP8266
/// build has neither, and then only Ctrl-A/E (home/end), Ctrl-C and the escape sequences edit.
public struct EditingKeys: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Ctrl-B/F (left/right), Ctrl-D (delete), Ctrl-K/U (kill to end/start), Ctrl-N/P (history).
    public static let emacs = EditingKeys(rawValue: 1)
    /// ESC b/f/d/DEL and Ctrl-left/right (word moves and kills), Ctrl-W.
    public static let words = EditingKeys(rawValue: 2)
    public static let all: EditingKeys = [.emacs, .words]

    static let emacsBytes: Set<UInt8> = [Key.ctrlB, Key.ctrlD, Key.ctrlF, Key.ctrlK, Key.ctrlN, Key.ctrlP, Key.ctrlU]

    /// The byte as the editor should treat it: a key of a set that is off becomes a byte the
    /// editor ignores.
    func filter(_ c: UInt8) -> UInt8 {
        if !contains(.emacs) && Self.emacsBytes.contains(c) { return ignoredByte }
        if !contains(.words) && c == Key.ctrlW { return ignoredByte }
        return c
    }
}

/// A control byte no key of the editor uses.
let ignoredByte: UInt8 = 0
