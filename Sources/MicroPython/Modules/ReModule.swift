/// re: MicroPython's regular expressions (extmod/modre.c over the re1.5 engine in Regex.swift).
///
/// A compiled regex is one GC object laid out as MicroPython's mp_obj_re_t: [type, code bytes,
/// instruction count, group count] followed by the byte code, so it costs 16 + code bytes of heap.
/// A match object is [type, group count, subject, 2 capture words per group]; a capture word
/// holds the byte offset plus one (0: the group did not take part).
public enum ReModule {
    static let debugFlag = 0x1000
    /// Header bytes of a compiled regex before its code (type and three counts).
    static let regexHeaderBytes = 16
    /// Words of a match object before its captures (type, group count, subject).
    static let matchHeaderWords = 3

    nonisolated(unsafe) static var regexClass: NativeClass!
    nonisolated(unsafe) static var matchClass: NativeClass!

    static var features: ModuleFeatures { MicroPythonRuntime.port.moduleFeatures }

    // MARK: compiled regex objects

    static func codeBytes(_ r: Obj) -> Int { Int(words(r)[1]) }
    static func instructionCount(_ r: Obj) -> Int { Int(words(r)[2]) }
    static func groupCount(_ r: Obj) -> Int { Int(words(r)[3]) }
    static func code(_ r: Obj) -> UnsafePointer<UInt8> {
        UnsafePointer(UnsafeMutableRawPointer(words(r)).advanced(by: regexHeaderBytes).assumingMemoryBound(to: UInt8.self))
    }

    /// The bytes of a str or bytes argument, or MicroPython's implicit-conversion TypeError.
    static func text(_ o: Obj) throws(PyExc) -> UnsafeBufferPointer<UInt8> {
        if isText(o) { return Str.buffer(o) }
        throw PyExc.typeError("can't convert '\(typeName(o))' object to str implicitly")
    }

    /// Somewhere to point for an empty subject (its bytes are never read).
    nonisolated(unsafe) static let noBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    static func base(_ b: UnsafeBufferPointer<UInt8>) -> UnsafePointer<UInt8> { b.baseAddress ?? UnsafePointer(noBytes) }

    static func isText(_ o: Obj) -> Bool {
        o.isQstr || (o.isPointer && (typeOf(o) == Types.str || typeOf(o) == Types.bytes))
    }

    static func compile(_ pattern: Obj, flags: Int = 0) throws(PyExc) -> Obj {
        let source = try text(pattern)
        let program: Regex.Program
        switch try Regex.compile(source) {
        case .success(let p): program = p
        case .failure(.tooComplex): throw PyExc.valueError("regex too complex")
        case .failure(.trailing): throw PyExc.valueError("error in regex")
        }
        let o = Obj(offset: try Heap.allocate(bytes: regexHeaderBytes + program.code.count))
        setField(o, 0, regexClass.type)
        words(o)[1] = UInt32(program.code.count)
        words(o)[2] = UInt32(program.instructions)
        words(o)[3] = UInt32(program.groups)
        let dest = UnsafeMutablePointer(mutating: code(o))
        for (i, b) in program.code.enumerated() { dest[i] = b }
        if flags & debugFlag != 0 && features.contains(.reDebug) {
            let listing = Regex.dump(code(o), count: program.code.count, instructions: program.instructions)
            listing.utf8CString.withUnsafeBufferPointer { b in
                b.withMemoryRebound(to: UInt8.self) { Builtins.writeStdout(UnsafeBufferPointer(rebasing: $0.dropLast())) }
            }
        }
        return o
    }

    static func regex(_ o: Obj) throws(PyExc) -> Obj {
        regexClass.isInstance(o) ? o : try compile(o)
    }

    // MARK: match objects

    static func makeMatch(_ groups: Int, _ subject: Obj, _ caps: [Int]) throws(PyExc) -> Obj {
        let m = Obj(offset: try Heap.allocate(bytes: 4 * (matchHeaderWords + caps.count)))
        setField(m, 0, matchClass.type)
        setField(m, 2, subject)
        fillMatch(m, groups, caps)
        return m
    }

    static func fillMatch(_ m: Obj, _ groups: Int, _ caps: [Int]) {
        words(m)[1] = UInt32(groups)
        for (i, c) in caps.enumerated() { words(m)[matchHeaderWords + i] = c < 0 ? 0 : UInt32(c + 1) }
    }

    static func matchGroups(_ m: Obj) -> Int { Int(words(m)[1]) }
    static func matchSubject(_ m: Obj) -> Obj { field(m, 2) }
    /// The byte span of group `n`, or nil when the group did not take part.
    static func span(_ m: Obj, _ n: Int) -> (Int, Int)? {
        let s = words(m)[matchHeaderWords + 2 * n], e = words(m)[matchHeaderWords + 2 * n + 1]
        if s == 0 { return nil }
        return (Int(s) - 1, Int(e) - 1)
    }

    static func groupIndex(_ m: Obj, _ index: Obj) throws(PyExc) -> Int {
        let n = try IntOps.toInt(index)
        if n < 0 || n >= matchGroups(m) { throw PyExc(try Exceptions.instantiate(Exceptions.IndexError, index)) }
        return n
    }

    static func group(_ m: Obj, _ n: Int) throws(PyExc) -> Obj {
        guard let (s, e) = span(m, n) else { return .none }
        let subject = matchSubject(m)
        let b = Str.buffer(subject)
        return try Str.make(bytes: UnsafeBufferPointer(rebasing: b[s..<e]), type: typeOf(subject))
    }

    /// A byte offset of a str subject as a character index (other subjects: unchanged): the
    /// bytes before it that are not UTF-8 continuation bytes (10xxxxxx).
    static func characterIndex(_ subject: Obj, _ offset: Int) -> Int {
        guard typeOf(subject) == Types.str else { return offset }
        let continuationMask: UInt8 = 0xC0, continuationBits: UInt8 = 0x80
        var n = 0
        for b in Str.buffer(subject)[0..<offset] where b & continuationMask != continuationBits { n += 1 }
        return n
    }

    static func spanObjects(_ a: UnsafeMutablePointer<Obj>, _ nPos: Int) throws(PyExc) -> (Int, Int) {
        let m = a[0]
        let n = nPos > 1 ? try groupIndex(m, a[1]) : 0
        guard let (s, e) = span(m, n) else { return (-1, -1) }
        return (characterIndex(matchSubject(m), s), characterIndex(matchSubject(m), e))
    }

    // MARK: matching

    /// match/search: `a` is (regex or pattern, string[, pos[, endpos]]).
    static func execute(_ a: UnsafeMutablePointer<Obj>, _ nPos: Int, anchored: Bool) throws(PyExc) -> Obj {
        let roots = try PyStack.pushObjs(1); defer { PyStack.pop(to: roots) }
        let compiled = regexClass.isInstance(a[0])
        roots[0] = try regex(a[0])
        let r = roots[0]
        let s = try text(a[1])
        var subject = Regex.Subject(bytes: base(s), lineStart: 0, start: 0, end: s.count)
        if compiled && nPos > 2 {
            let start = min(max(try IntOps.toInt(a[2]), 0), s.count)
            subject.start = start
            if nPos > 3 {
                let end = min(max(try IntOps.toInt(a[3]), start), s.count)
                subject = Regex.Subject(bytes: subject.bytes, lineStart: 0, start: start, end: end)
            }
        }
        var caps = [Int](repeating: -1, count: 2 * (groupCount(r) + 1))
        if !(try Regex.run(code(r), subject, &caps, anchored: anchored)) { return .none }
        return try makeMatch(groupCount(r) + 1, a[1], caps)
    }

    static func split(_ a: UnsafeMutablePointer<Obj>, _ nPos: Int) throws(PyExc) -> Obj {
        let r = a[0]
        let s = try text(a[1])
        let type = typeOf(a[1])
        var maxSplit = nPos > 2 ? try IntOps.toInt(a[2]) : 0
        let roots = try PyStack.pushObjs(1); defer { PyStack.pop(to: roots) }
        roots[0] = try List.make(count: 0)
        var subject = Regex.Subject(bytes: base(s), lineStart: 0, start: 0, end: s.count)
        var caps = [Int](repeating: -1, count: 2 * (groupCount(r) + 1))
        while true {
            for i in caps.indices { caps[i] = -1 }
            if !(try Regex.run(code(r), subject, &caps, anchored: false)) || caps[0] == caps[1] { break }
            try List.append(roots[0], try Str.make(bytes: UnsafeBufferPointer(rebasing: s[subject.start..<caps[0]]), type: type))
            if groupCount(r) > 0 { throw PyExc.notImplemented("splitting with sub-captures") }
            subject.start = caps[1]
            if maxSplit > 0 {
                maxSplit -= 1
                if maxSplit == 0 { break }
            }
        }
        try List.append(roots[0], try Str.make(bytes: UnsafeBufferPointer(rebasing: s[subject.start..<s.count]), type: type))
        return roots[0]
    }

    static func isCallable(_ o: Obj) -> Bool {
        switch kindOf(o) {
        case .function, .closure, .builtinFunction, .checkedFunction, .boundMethod, .type: return true
        case .instance: return Classes.lookup(typeOf(o), .__call__) != nil
        case .nativeObject: return NativeProtocols.of(o)?.call != nil
        default: return false
        }
    }

    /// Appends `repl` with `\N`, `\g<N>` and `\\` expanded from the match (modre.c's rules: the
    /// text ends at a NUL; a backslash before anything else is dropped).
    static func expand(_ repl: UnsafeBufferPointer<UInt8>, _ m: Obj, _ s: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) throws(PyExc) {
        let digit0 = UInt8(ascii: "0"), digit9 = UInt8(ascii: "9")
        var i = 0
        func at(_ k: Int) -> UInt8 { k < repl.count ? repl[k] : 0 }
        while i < repl.count && repl[i] != 0 {
            if repl[i] != UInt8(ascii: "\\") {
                out.append(repl[i])
                i += 1
                continue
            }
            i += 1
            var bracketed = false
            if at(i) == UInt8(ascii: "g") && at(i + 1) == UInt8(ascii: "<") {
                i += 2
                bracketed = true
            }
            let c = at(i)
            if c >= digit0 && c <= digit9 {
                var n = 0
                while at(i) >= digit0 && at(i) <= digit9 {
                    n = n &* 10 &+ Int(at(i) - digit0)
                    if n > Int(Int32.max) { n = Int(Int32.max) }
                    i += 1
                }
                if bracketed && at(i) == UInt8(ascii: ">") { i += 1 }
                if n >= matchGroups(m) { throw PyExc(try Exceptions.instantiate(Exceptions.IndexError, try IntOps.make(n))) }
                if let (gs, ge) = span(m, n) { out += s[gs..<ge] }
            } else if c == UInt8(ascii: "\\") {
                out.append(c)
                i += 1
            }
        }
    }

    /// sub(regex or pattern, repl, string[, count[, flags]]); flags are ignored, as in MicroPython.
    static func sub(_ a: UnsafeMutablePointer<Obj>, _ nPos: Int) throws(PyExc) -> Obj {
        let roots = try PyStack.pushObjs(2); defer { PyStack.pop(to: roots) }
        roots[0] = try regex(a[0])
        let r = roots[0]
        let replace = a[1], whole = a[2]
        var count = nPos > 3 ? try IntOps.toInt(a[3]) : 0
        let s = try text(whole)
        let groups = groupCount(r) + 1
        var subject = Regex.Subject(bytes: base(s), lineStart: 0, start: 0, end: s.count)
        var caps = [Int](repeating: -1, count: 2 * groups)
        // One match object serves every call of a callable repl, as modre.c's.
        roots[1] = try makeMatch(groups, whole, caps)
        var out: [UInt8]? = nil
        while true {
            for i in caps.indices { caps[i] = -1 }
            if !(try Regex.run(code(r), subject, &caps, anchored: false)) || caps[0] == caps[1] { break }
            if out == nil { out = [] }
            out! += s[subject.start..<caps[0]]
            fillMatch(roots[1], groups, caps)
            let repl = isCallable(replace) ? try Runtime.invoke(replace, roots[1]) : replace
            let replText = try text(repl)
            try expand(replText, roots[1], s, into: &out!)
            subject.start = caps[1]
            if count > 0 {
                count -= 1
                if count == 0 { break }
            }
        }
        guard var result = out else { return whole }
        result += s[subject.start..<s.count]
        return try Str.make(bytes: result, type: typeOf(whole) == Types.bytes ? Types.bytes : Types.str)
    }

    /// re.escape (host profile): CPython's, a backslash before each special character.
    static func escape(_ o: Obj) throws(PyExc) -> Obj {
        let special = Set("()[]{}?*+-|^$\\.&~# \t\n\r\u{0B}\u{0C}".utf8)
        var out: [UInt8] = []
        for c in try text(o) {
            if special.contains(c) { out.append(UInt8(ascii: "\\")) }
            out.append(c)
        }
        return try Str.make(bytes: out, type: typeOf(o) == Types.bytes ? Types.bytes : Types.str)
    }

    static func install() {
        let m = ModuleBuilder("re", extensible: true)
        let details = features.contains(.reMatchDetails)

        let match = NativeClass("match")
        matchClass = match
        match.method("group", 2, 2) { (a, _, _) throws(PyExc) in try group(a[0], try groupIndex(a[0], a[1])) }
        if details {
            match.method("groups", 1, 1) { (a, _, _) throws(PyExc) in
                let n = matchGroups(a[0])
                if n <= 1 { return try Tuple.make(count: 0) }
                return try ModSupport.tuple(n - 1) { (i: Int) throws(PyExc) -> Obj in try group(a[0], i + 1) }
            }
            match.method("span", 1, 2) { (a, nPos, _) throws(PyExc) in
                let (s, e) = try spanObjects(a, nPos)
                return try Tuple.make2(try IntOps.make(s), try IntOps.make(e))
            }
            match.method("start", 1, 2) { (a, nPos, _) throws(PyExc) in try IntOps.make(try spanObjects(a, nPos).0) }
            match.method("end", 1, 2) { (a, nPos, _) throws(PyExc) in try IntOps.make(try spanObjects(a, nPos).1) }
        }
        match.method("__repr__", 1, 1) { (a, _, _) throws(PyExc) in try Str.make("<match num=\(matchGroups(a[0]))>") }

        let re = NativeClass("re")
        regexClass = re
        re.method("match", 2, 4) { (a, nPos, _) throws(PyExc) in try execute(a, nPos, anchored: true) }
        re.method("search", 2, 4) { (a, nPos, _) throws(PyExc) in try execute(a, nPos, anchored: false) }
        re.method("split", 2, 3) { (a, nPos, _) throws(PyExc) in try split(a, nPos) }
        if features.contains(.reSub) {
            re.method("sub", 3, 5) { (a, nPos, _) throws(PyExc) in try sub(a, nPos) }
        }
        re.method("__repr__", 1, 1) { (a, _, _) throws(PyExc) in try Str.make("<re 0x\(String(a[0].raw, radix: 16))>") }

        m.function("compile", 1, 2) { (a, nPos, _) throws(PyExc) in
            try compile(a[0], flags: nPos > 1 ? try IntOps.toInt(a[1]) : 0)
        }
        m.function("match", 2, 4) { (a, nPos, _) throws(PyExc) in try execute(a, nPos, anchored: true) }
        m.function("search", 2, 4) { (a, nPos, _) throws(PyExc) in try execute(a, nPos, anchored: false) }
        if features.contains(.reSub) {
            m.function("sub", 3, 5) { (a, nPos, _) throws(PyExc) in try sub(a, nPos) }
        }
        if features.contains(.reDebug) { m.set("DEBUG", Obj(small: debugFlag)) }
        if features.contains(.reEscape) {
            m.function("escape", 1, 1) { (a, _, _) throws(PyExc) in try escape(a[0]) }
        }
    }
}
