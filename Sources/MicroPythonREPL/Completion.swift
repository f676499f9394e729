import MicroPython

/// Tab completion of the dotted name before the cursor (MicroPython's mp_repl_autocomplete):
/// names of __main__'s globals, then attributes along the chain; builtin modules after "import ".
enum Completion {
    enum Result: Equatable {
        case none
        /// The bytes to insert: the rest of the single match, or the matches' common prefix.
        case insert([UInt8])
        /// Several matches and nothing to add: the listing to print before the line is redrawn.
        case candidates([UInt8])
    }

    /// Where names are looked up.
    private enum Scope {
        case main
        case builtinModules
        case object(Obj)
    }

    static let importWord = Array("import ".utf8)
    /// The listing puts names in 16-column slots, at most 64 columns a line.
    static let slotWidth = 16
    static let lineWidth = 4 * slotWidth

    static func complete(_ text: [UInt8]) -> Result {
        var begin = text.count
        while begin > 0 && (isIdentifierByte(text[begin - 1]) || text[begin - 1] == UInt8(ascii: ".")) { begin -= 1 }
        var scope = Scope.main
        var wordStart = begin
        while true {
            var wordEnd = wordStart
            while wordEnd < text.count && text[wordEnd] != UInt8(ascii: ".") { wordEnd += 1 }
            if wordEnd == text.count { break }
            // A complete name before a dot: look it up and complete inside it.
            let found: Qstr? = text[wordStart..<wordEnd].withUnsafeBufferPointer { b in
                b.baseAddress.flatMap { QstrPool.find($0, b.count) }
            }
            guard let q = found, let next = lookup(scope, q) else { return .none }
            scope = .object(next)
            wordStart = wordEnd + 1
        }
        if text.starts(with: importWord) { scope = .builtinModules }
        let prefix = Array(text[wordStart...])

        let matches = matchingNames(prefix, scope)
        guard let first = matches.first else {
            // Nothing matched the first word of the line: perhaps it is "import" being typed.
            if wordStart == 0 && !prefix.isEmpty && prefix.count < importWord.count && importWord.starts(with: prefix) {
                return .insert(Array(importWord[prefix.count...]))
            }
            return .none
        }
        var common = first.count
        for name in matches.dropFirst() {
            var j = prefix.count
            while j < common && j < name.count && first[j] == name[j] { j += 1 }
            common = min(common, j)
        }
        if matches.count == 1 || common > prefix.count {
            return .insert(Array(first[prefix.count..<common]))
        }
        return .candidates(listing(matches))
    }

    /// Pool names (in pool order) starting with `prefix` that exist in `scope`; names starting
    /// with '_' only when the prefix is not empty.
    private static func matchingNames(_ prefix: [UInt8], _ scope: Scope) -> [[UInt8]] {
        var out: [[UInt8]] = []
        // Qstr 0 is the null qstr and 1 the empty string.
        let firstName = 2
        guard QstrPool.count > firstName else { return out }
        for id in firstName..<QstrPool.count {
            let q = Qstr(id: UInt32(id))
            let name = QstrPool.bytes(q)
            if prefix.isEmpty && name.first == UInt8(ascii: "_") { continue }
            guard name.count >= prefix.count, name.starts(with: prefix) else { continue }
            if exists(scope, q) { out.append(Array(name)) }
        }
        return out
    }

    private static func lookup(_ scope: Scope, _ q: Qstr) -> Obj? {
        switch scope {
        case .main: return Dict.map(Heap.roots[Root.mainGlobals]).lookupQstr(Obj(qstr: q))?[1]
        case .builtinModules: return nil
        case .object(let o): return Runtime.attributeIfPresent(o, q)
        }
    }

    private static func exists(_ scope: Scope, _ q: Qstr) -> Bool {
        if case .builtinModules = scope { return ModuleRegistry.module(q.string) != nil }
        return lookup(scope, q) != nil
    }

    /// Names in columns of 16, a new line when the next would pass 64 columns; starts and
    /// ends with a line end.
    private static func listing(_ names: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        var column = lineWidth
        for name in names {
            var gap = (column + slotWidth - 1) / slotWidth * slotWidth - column
            if gap < 2 { gap += slotWidth }
            if column + gap + name.count <= lineWidth {
                out += Array(repeating: Key.space, count: gap)
                out += name
                column += gap + name.count
            } else {
                out.append(Key.lineFeed)
                out += name
                column = name.count
            }
        }
        out.append(Key.lineFeed)
        return out
    }
}
