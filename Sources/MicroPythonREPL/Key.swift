/// The bytes the REPL reacts to, named after the keys that send them.
public enum Key {
    public static let ctrlA: UInt8 = 0x01          // raw REPL; line start while editing
    public static let ctrlB: UInt8 = 0x02          // friendly REPL; cursor left
    public static let ctrlC: UInt8 = 0x03          // interrupt; cancel the line
    public static let ctrlD: UInt8 = 0x04          // end of input; delete at cursor
    public static let ctrlE: UInt8 = 0x05          // paste mode; line end
    public static let ctrlF: UInt8 = 0x06          // cursor right
    public static let backspace: UInt8 = 0x08
    public static let tab: UInt8 = 0x09
    public static let lineFeed: UInt8 = 0x0A
    public static let ctrlK: UInt8 = 0x0B          // kill to line end
    public static let carriageReturn: UInt8 = 0x0D
    public static let ctrlN: UInt8 = 0x0E          // history down
    public static let ctrlP: UInt8 = 0x10          // history up
    public static let ctrlU: UInt8 = 0x15          // kill to line start
    public static let ctrlW: UInt8 = 0x17          // kill word backwards
    public static let escape: UInt8 = 0x1B
    public static let space: UInt8 = 0x20
    public static let tilde: UInt8 = 0x7E          // last printable byte; ends "ESC [ n ~"
    public static let delete: UInt8 = 0x7F
}

/// Raw-paste protocol bytes (^E A ^A request, then R + status, window size and credits).
enum RawPaste {
    static let requestCommand = UInt8(ascii: "A")
    static let reply = UInt8(ascii: "R")
    static let refused: UInt8 = 0x00
    static let accepted: UInt8 = 0x01
    static let windowCredit: UInt8 = 0x01
    static let endOfData = Key.ctrlD
}

/// The bytes that separate the sections of a raw REPL reply.
let endOfTransmission = Key.ctrlD
