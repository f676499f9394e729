#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The shared implementation of str, bytes and bytearray methods (one body per method, as
/// MicroPython's objstr.c: the self type decides the result type, indexes count code points
/// for str and bytes otherwise).
/// A read-only view of string bytes inside the arena.
public typealias Bytes = UnsafeBufferPointer<UInt8>

extension StrMethods {
    // MARK: - helpers

    /// The object a method works on: the native str/bytes inside an instance of a subclass.
    @inline(__always) static func selfOf(_ o: Obj) -> Obj {
        kindOf(o) == .instance ? Classes.nativePart(o) : o
    }

    /// A view of the object's bytes (no copy). Valid while the object lives and is not resized:
    /// the methods below finish reading before they allocate their result.
    @inline(__always) static func bytesOf(_ o: Obj) -> Bytes {
        let (p, n) = BytesMethods.data(o)
        return Bytes(start: p, count: n)
    }

    /// A new object of the self type holding `bytes` (str, bytes or bytearray).
    static func makeOf(_ type: Obj, _ bytes: [UInt8]) throws(PyExc) -> Obj {
        if type == Types.bytearray { return try ByteArray.make(bytes) }
        return try Str.make(bytes: bytes, type: type == Types.str ? Types.str : Types.bytes)
    }

    /// A new object of the self type of `n` bytes written by `fill` straight into its heap
    /// data (no intermediate array). Sources read by `fill` stay put: objects never move.
    static func makeFilled(_ type: Obj, _ n: Int, _ fill: (UnsafeMutablePointer<UInt8>) -> Void) throws(PyExc) -> Obj {
        if type == Types.bytearray {
            let tmp = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, n))
            defer { tmp.deallocate() }
            fill(tmp)
            return try ByteArray.make(Array(UnsafeBufferPointer(start: tmp, count: n)))
        }
        let t = type == Types.str ? Types.str : Types.bytes
        if n == 0 { return try Str.make(bytes: [], type: t) }
        let o = try Str.allocate(n, type: t)
        let d = arenaBytes(words(o)[3])
        fill(d)
        d[n] = 0
        return Str.finish(o)
    }

    static func makeOf(_ type: Obj, _ bytes: ArraySlice<UInt8>) throws(PyExc) -> Obj {
        try makeOf(type, Array(bytes))
    }

    static func makeOf(_ type: Obj, _ bytes: Swift.Slice<Bytes>) throws(PyExc) -> Obj {
        let base = bytes.base.baseAddress! + bytes.startIndex
        if type == Types.bytearray { return try ByteArray.make(Array(bytes)) }
        return try Str.make(base, bytes.count, type: type == Types.str ? Types.str : Types.bytes)
    }

    /// The empty value MicroPython returns for "nothing left": '' for str, b'' otherwise.
    static func emptyOf(_ type: Obj) throws(PyExc) -> Obj {
        type == Types.str ? Obj(qstr: .empty) : try Str.make(bytes: [], type: Types.bytes)
    }

    static func badImplicitConversion(_ o: Obj) -> PyExc {
        let name = typeName(o)
        return PyExc.typeError("can't convert '\(name)' object to \(name == "str" ? "bytes" : "str") implicitly")
    }

    /// An argument must have the self type (bytes and bytearray mix freely).
    static func checkArg(_ selfType: Obj, _ arg: Obj) throws(PyExc) {
        var at = typeOf(arg), st = selfType
        if at == Types.bytearray { at = Types.bytes }
        if st == Types.bytearray { st = Types.bytes }
        if at != st { throw badImplicitConversion(arg) }
    }

    /// A str or bytes argument's data (as mp_obj_str_get_data).
    static func strOrBytes(_ o: Obj) throws(PyExc) -> Bytes {
        guard Str.isStr(o) || kindOf(o) == .bytes else { throw badImplicitConversion(o) }
        return Str.buffer(o)
    }

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 9 && c <= 13) }
    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    @inline(__always) static func isUpper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
    @inline(__always) static func isLower(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }
    @inline(__always) static func isCont(_ c: UInt8) -> Bool { c & 0xC0 == 0x80 }

    /// A start/end argument as a byte offset into `s` (code points for str), clamped to the ends.
    static func offset(_ selfType: Obj, _ s: Bytes, _ index: Obj) throws(PyExc) -> Int {
        let n = s.count
        if selfType != Types.str {
            var i = try IntOps.toIndex(index, "\(TypeObject.name(selfType).string) indices")
            if i < 0 { i += n; if i < 0 { i = 0 } }
            return min(i, n)
        }
        var i: Int
        if index.isSmallInt { i = index.smallValue } else if IntOps.isInt(index) || kindOf(index) == .instance {
            i = try IntOps.toInt(index)
        } else {
            throw PyExc.typeError("string indices must be integers, not \(typeName(index))")
        }
        if i < 0 {
            var k = n
            while i < 0 {
                k -= 1
                if k < 0 { return 0 }
                if !isCont(s[k]) { i += 1 }
            }
            return k
        }
        var k = 0
        while true {
            if k >= n { return n }
            if i == 0 { return k }
            i -= 1
            k += 1
            while k < n && isCont(s[k]) { k += 1 }
        }
    }

    /// Number of code points in s[from..<to].
    static func charCount(_ s: Bytes, _ from: Int, _ to: Int) -> Int {
        var c = 0
        var i = from
        while i < to { if !isCont(s[i]) { c += 1 }; i += 1 }
        return c
    }

    static func findBytes(_ h: Bytes, _ start: Int, _ end: Int, _ needle: Bytes, forward: Bool) -> Int {
        let m = needle.count
        if end - start < m { return -1 }
        if forward && m > 0 {
            // memchr to each candidate first byte, then memcmp for the rest.
            let base = h.baseAddress!, first = Int32(needle[0])
            var i = start
            while i <= end - m {
                guard let hit = memchr(base + i, first, end - m - i + 1) else { return -1 }
                let at = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
                if m == 1 || memcmp(base + at + 1, needle.baseAddress! + 1, m - 1) == 0 { return at }
                i = at + 1
            }
            return -1
        }
        var i = forward ? start : end - m
        let last = forward ? end - m : start
        while true {
            var j = 0
            while j < m && h[i + j] == needle[j] { j += 1 }
            if j == m { return i }
            if i == last { return -1 }
            i += forward ? 1 : -1
        }
    }

    // MARK: - searching

    static func finder(_ a: UnsafeMutablePointer<Obj>, _ n: Int, forward: Bool, isIndex: Bool) throws(PyExc) -> Obj {
        let me = selfOf(a[0])
        let type = typeOf(me)
        let s = bytesOf(me)
        var needle: [UInt8]
        if type != Types.str && IntOps.isInt(a[1]) {
            let v = try IntOps.toInt(a[1])
            if v < 0 || v > 255 { throw PyExc.valueError("bytes value out of range") }
            needle = [UInt8(v)]
        } else {
            try checkArg(type, a[1])
            needle = Array(bytesOf(a[1]))
        }
        var start = 0, end = s.count
        if n >= 3 && a[2] != .none { start = try offset(type, s, a[2]) }
        if n >= 4 && a[3] != .none { end = try offset(type, s, a[3]) }
        var r = -1
        if end >= start { r = needle.withUnsafeBufferPointer { findBytes(s, start, end, $0, forward: forward) } }
        if r < 0 {
            if isIndex { throw PyExc.valueError("substring not found") }
            return Obj(small: -1)
        }
        return Obj(small: type == Types.str ? charCount(s, 0, r) : r)
    }

    static func count(_ a: UnsafeMutablePointer<Obj>, _ n: Int) throws(PyExc) -> Obj {
        let me = selfOf(a[0])
        let type = typeOf(me)
        try checkArg(type, a[1])
        let s = bytesOf(me), needle = bytesOf(a[1])
        var start = 0, end = s.count
        if n >= 3 && a[2] != .none { start = try offset(type, s, a[2]) }
        if n >= 4 && a[3] != .none { end = try offset(type, s, a[3]) }
        if end < start { return Obj(small: 0) }
        if needle.isEmpty { return Obj(small: charCount(s, start, end) + 1) }
        var c = 0
        var i = start
        let m = needle.count
        while i + m <= end {
            var j = 0
            while j < m && s[i + j] == needle[j] { j += 1 }
            if j == m {
                c += 1
                i += m
            } else {
                i += 1
                if type == Types.str { while i < end && isCont(s[i]) { i += 1 } }
            }
        }
        return Obj(small: c)
    }

    static func startsEnds(_ a: UnsafeMutablePointer<Obj>, _ n: Int, ends: Bool) throws(PyExc) -> Obj {
        let me = selfOf(a[0])
        let type = typeOf(me)
        let s = bytesOf(me)
        var start = 0, end = s.count
        if n >= 3 {
            if n >= 4 && a[3] != .none { end = try offset(type, s, a[3]) }
            if a[2] != .none { start = try offset(type, s, a[2]) }
        }
        let len = max(end - start, 0)
        var prefixes = Bytes(start: nil, count: 0)
        _ = prefixes
        let p = a[1]
        let count = kindOf(p) == .tuple ? Tuple.count(p) : 1
        for i in 0..<count {
            prefixes = try strOrBytes(kindOf(p) == .tuple ? Tuple.item(p, i) : p)
            let m = prefixes.count
            if m > len { continue }
            let base = ends ? start + len - m : start
            var j = 0
            while j < m && s[base + j] == prefixes[j] { j += 1 }
            if j == m { return .true }
        }
        return .false
    }

    // MARK: - splitting and joining

    static func join(_ sepIn: Obj, _ iterable: Obj) throws(PyExc) -> Obj {
        let sep = selfOf(sepIn)
        let selfType = typeOf(sep)
        let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
        var seq = iterable
        if kindOf(seq) != .list && kindOf(seq) != .tuple { seq = try Builtins.listFrom(iterable) }
        hold[0] = seq
        let items = kindOf(seq) == .list ? List.items(seq) : Tuple.items(seq)
        let n = kindOf(seq) == .list ? List.count(seq) : Tuple.count(seq)
        let want = selfType == Types.bytearray ? Types.bytes : selfType
        let sepBytes = bytesOf(sep)
        var total = n > 1 ? (n - 1) * sepBytes.count : 0
        for i in 0..<n {
            var t = typeOf(items[i])
            if t == Types.bytearray { t = Types.bytes }
            if t != want {
                throw PyExc.typeError("join expects a list of str/bytes objects consistent with self object")
            }
            total += BytesMethods.data(items[i]).1
        }
        return try makeFilled(selfType, total) { d in
            var k = 0
            for i in 0..<n {
                if i > 0 && sepBytes.count > 0 {
                    (d + k).update(from: sepBytes.baseAddress!, count: sepBytes.count)
                    k += sepBytes.count
                }
                let (p, len) = BytesMethods.data(items[i])
                if len > 0 { (d + k).update(from: p, count: len) }
                k += len
            }
        }
    }

    /// Appends pieces of `s` to a new list: `ranges` are byte ranges.
    static func listOf(_ type: Obj, _ s: Bytes, _ ranges: [(Int, Int)]) throws(PyExc) -> Obj {
        let l = try List.make(count: 0)
        let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
        hold[0] = l
        for (a, b) in ranges { try List.append(l, try makeOf(type, s[a..<b])) }
        return l
    }

    static func split(_ a: UnsafeMutablePointer<Obj>, _ n: Int) throws(PyExc) -> Obj {
        let me = selfOf(a[0])
        let type = typeOf(me)
        let s = bytesOf(me)
        var splits = -1
        var sep = Obj.none
        if n > 1 {
            sep = a[1]
            if n > 2 { splits = try IntOps.toInt(a[2]) }
        }
        // Pieces go straight into the result list as they are found.
        let list = try List.make(count: 0)
        let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
        hold[0] = list
        func add(_ a: Int, _ b: Int) throws(PyExc) { try List.append(list, try makeOf(type, s[a..<b])) }
        let top = s.count
        var i = 0
        if sep == .none {
            while i < top && isSpace(s[i]) { i += 1 }
            while i < top && splits != 0 {
                let start = i
                while i < top && !isSpace(s[i]) { i += 1 }
                try add(start, i)
                if i >= top { break }
                while i < top && isSpace(s[i]) { i += 1 }
                if splits > 0 { splits -= 1 }
            }
            if i < top { try add(i, top) }
        } else {
            try checkArg(type, sep)
            let sp = bytesOf(sep)
            let m = sp.count
            if m == 0 { throw PyExc.valueError("empty separator") }
            while true {
                let start = i
                while true {
                    if splits == 0 || i + m > top { i = top; break }
                    var j = 0
                    while j < m && s[i + j] == sp[j] { j += 1 }
                    if j == m { break }
                    i += 1
                }
                try add(start, i)
                if i >= top { break }
                i += m
                if splits > 0 { splits -= 1 }
            }
        }
        return list
    }

    static func rsplit(_ a: UnsafeMutablePointer<Obj>, _ n: Int) throws(PyExc) -> Obj {
        if n < 3 { return try split(a, n) }
        let splitsIn = try IntOps.toInt(a[2])
        if splitsIn < 0 { return try split(a, n) }
        let me = selfOf(a[0])
        let type = typeOf(me)
        let s = bytesOf(me)
        if a[1] == .none { throw PyExc.notImplemented("rsplit(None,n)") }
        let sp = try strOrBytes(a[1])
        let m = sp.count
        if m == 0 { throw PyExc.valueError("empty separator") }
        var splits = splitsIn
        var ranges: [(Int, Int)] = []
        var last = s.count
        while true {
            var i = last - m
            while true {
                if splits == 0 || i < 0 { break }
                var j = 0
                while j < m && s[i + j] == sp[j] { j += 1 }
                if j == m { break }
                i -= 1
            }
            if i < 0 || splits == 0 {
                ranges.append((0, last))
                break
            }
            ranges.append((i + m, last))
            last = i
            splits -= 1
        }
        return try listOf(type, s, ranges.reversed())
    }

    static func splitlines(_ a: UnsafeMutablePointer<Obj>, _ n: Int, _ nKw: Int) throws(PyExc) -> Obj {
        let kw = KwArgs(a, n, nKw)
        try kw.check([Qstr("keepends")])
        var keep = false
        if n > 1 { keep = try Runtime.isTrue(a[1]) } else if let k = kw.get(Qstr("keepends")) { keep = try Runtime.isTrue(k) }
        let me = selfOf(a[0])
        let type = typeOf(me)
        let s = bytesOf(me)
        let top = s.count
        var ranges: [(Int, Int)] = []
        var i = 0
        while i < top {
            let start = i
            var match = 0
            while i < top {
                if s[i] == 0x0A { match = 1; break }
                if s[i] == 0x0D { match = i + 1 < top && s[i + 1] == 0x0A ? 2 : 1; break }
                i += 1
            }
            ranges.append((start, i + (keep ? match : 0)))
            i += match
        }
        return try listOf(type, s, ranges)
    }

    static func partition(_ selfIn: Obj, _ arg: Obj, forward: Bool) throws(PyExc) -> Obj {
        let me = selfOf(selfIn)
        let type = typeOf(me)
        try checkArg(type, arg)
        let s = bytesOf(me), sp = bytesOf(arg)
        if sp.isEmpty { throw PyExc.valueError("empty separator") }
        let hold = try PyStack.pushObjs(3); defer { PyStack.pop(to: hold) }
        let pos = findBytes(s, 0, s.count, sp, forward: forward)
        if pos < 0 {
            let e = try emptyOf(type)
            hold[0] = forward ? me : e
            hold[1] = e
            hold[2] = forward ? e : me
        } else {
            hold[0] = try makeOf(type, s[0..<pos])
            hold[1] = typeOf(arg) == type ? arg : try makeOf(type, sp[0..<sp.count])
            hold[2] = try makeOf(type, s[(pos + sp.count)...])
        }
        return try Tuple.make(hold, 3)
    }

    // MARK: - stripping, replacing, case

    static func strip(_ a: UnsafeMutablePointer<Obj>, _ n: Int, left: Bool, right: Bool) throws(PyExc) -> Obj {
        let me = selfOf(a[0])
        let type = typeOf(me)
        var chars: [UInt8] = [0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C]
        if n > 1 && a[1] != .none {
            try checkArg(type, a[1])
            chars = Array(bytesOf(a[1]))
        }
        let s = bytesOf(me)
        var lo = 0, hi = s.count
        if left { while lo < hi && chars.contains(s[lo]) { lo += 1 } }
        if right { while hi > lo && chars.contains(s[hi - 1]) { hi -= 1 } }
        if lo == hi { return try emptyOf(type) }
        if hi - lo == s.count { return me }
        return try makeOf(type, s[lo..<hi])
    }

    static func replace(_ a: UnsafeMutablePointer<Obj>, _ n: Int) throws(PyExc) -> Obj {
        let me = selfOf(a[0])
        var maxRep = -1
        if n == 4 {
            maxRep = try IntOps.toInt(a[3])
            if maxRep == 0 { return me }
            if maxRep < 0 { maxRep = -1 }
        }
        let type = typeOf(me)
        try checkArg(type, a[1])
        try checkArg(type, a[2])
        let s = bytesOf(me), old = bytesOf(a[1]), new = bytesOf(a[2])
        if old.count > s.count { return me }
        var out: [UInt8] = []
        var done = 0
        var i = 0
        if old.isEmpty {
            // Built in host memory: at most one copy of `new` around every character.
            try Heap.checkTemporary(try Heap.size(s.count + 1, new.count, s.count))
            out += new
            done = 1
            // An empty pattern matches between characters (code points for str).
            while done != maxRep && i < s.count {
                var k = i + 1
                if type == Types.str { while k < s.count && isCont(s[k]) { k += 1 } }
                out += s[i..<k]
                out += new
                done += 1
                i = k
            }
            out += s[i...]
        } else {
            // Count the matches, then write the result once at its final size (finding them
            // again: cheaper than keeping their positions in an array).
            if old.count == 1 {
                let o = old[0]
                for c in s where c == o { done += 1 }
                if maxRep >= 0 && done > maxRep { done = maxRep }
            }
            while old.count > 1 && done != maxRep {
                let f = findBytes(s, i, s.count, old, forward: true)
                if f < 0 { break }
                i = f + old.count
                done += 1
            }
            if done == 0 { return me }
            let matches = done
            let size = s.count + matches * (new.count - old.count)
            if old.count == 1 && new.count == 1 {
                // One byte for another (str: one ASCII character for another): a single pass.
                let o = old[0], r = new[0]
                return try makeFilled(type, size) { d in
                    var left = matches
                    for i in 0..<s.count {
                        let c = s[i]
                        if c == o && left > 0 { d[i] = r; left -= 1 } else { d[i] = c }
                    }
                }
            }
            return try makeFilled(type, size) { d in
                var src = 0, dst = 0
                for _ in 0..<matches {
                    let f = findBytes(s, src, s.count, old, forward: true)
                    let k = f - src
                    if k > 0 { (d + dst).update(from: s.baseAddress! + src, count: k) }
                    dst += k
                    if new.count > 0 { (d + dst).update(from: new.baseAddress!, count: new.count) }
                    dst += new.count
                    src = f + old.count
                }
                if s.count > src { (d + dst).update(from: s.baseAddress! + src, count: s.count - src) }
            }
        }
        return try makeOf(type, out)
    }

    static func caseConvert(_ o: Obj, upper: Bool) throws(PyExc) -> Obj {
        let me = selfOf(o)
        let s = bytesOf(me)
        return try makeFilled(typeOf(me), s.count) { d in
            for i in 0..<s.count {
                let c = s[i]
                d[i] = (upper ? isLower(c) : isUpper(c)) ? c ^ 0x20 : c
            }
        }
    }

    static func isType(_ o: Obj, _ f: (UInt8) -> Bool, cased: Bool) -> Obj {
        let s = bytesOf(selfOf(o))
        if s.isEmpty { return .false }
        if !cased {
            for c in s where !f(c) { return .false }
            return .true
        }
        var sawAlpha = false
        for c in s where isAlpha(c) {
            sawAlpha = true
            if !f(c) { return .false }
        }
        return Obj(bool: sawAlpha)
    }

    static func center(_ o: Obj, _ widthObj: Obj) throws(PyExc) -> Obj {
        let me = selfOf(o)
        let type = typeOf(me)
        let s = bytesOf(me)
        let width = try IntOps.toInt(widthObj)
        let chars = type == Types.str ? charCount(s, 0, s.count) : s.count
        if chars >= width { return me }
        let pad = width - chars
        try Heap.checkTemporary(try Heap.size(pad, 1, s.count))
        let left = pad / 2
        var out = [UInt8](repeating: 0x20, count: left)
        out += s
        out += [UInt8](repeating: 0x20, count: pad - left)
        return try makeOf(type, out)
    }

    // MARK: - encoding, hex

    enum Encoding { case utf8, ascii }

    static func encoding(_ o: Obj) throws(PyExc) -> Encoding {
        guard Str.isStr(o) else { throw badImplicitConversion(o) }
        switch Str.string(o) {
        case "utf-8", "utf8": return .utf8
        case "ascii": return .ascii
        default: throw PyExc.make(Exceptions.LookupError, "unknown encoding: \(Str.string(o))")
        }
    }

    static func valid(_ e: Encoding, _ s: Bytes) -> Bool {
        var need = 0
        for c in s {
            if need > 0 {
                if isCont(c) { need -= 1 } else { return false }
            } else if e == .utf8 && c >= 0xC0 {
                if c >= 0xF8 { return false }
                need = c >= 0xF0 ? 3 : (c >= 0xE0 ? 2 : 1)
            } else if c >= 0x80 {
                return false
            }
        }
        return need == 0
    }

    /// bytes.decode / str(bytes, encoding, errors).
    public static func decode(_ s: Bytes, _ encodingObj: Obj?, _ errorsObj: Obj?) throws(PyExc) -> Obj {
        var e = Encoding.utf8
        if let eo = encodingObj { e = try encoding(eo) }
        if valid(e, s) { return try Str.make(bytes: s) }
        var errors = ""
        if let eo = errorsObj, eo != .none {
            guard Str.isStr(eo) else { throw badImplicitConversion(eo) }
            errors = Str.string(eo)
        }
        if errors != "ignore" && errors != "replace" { throw PyExc.make(Exceptions.UnicodeError) }
        let replace = errors == "replace"
        let fffd: [UInt8] = [0xEF, 0xBF, 0xBD]
        var out: [UInt8] = []
        var i = 0
        while i < s.count {
            let c = s[i]
            if c < 0x80 {
                out.append(c); i += 1
            } else if e == .utf8 && c >= 0xC0 && c < 0xF8 {
                let need = c >= 0xF0 ? 3 : (c >= 0xE0 ? 2 : 1)
                let begin = i
                i += 1
                var got = 0
                while got < need && i < s.count && isCont(s[i]) { got += 1; i += 1 }
                if got == need { out += s[begin..<i] } else if replace { out += fffd }
            } else {
                if replace { out += fffd }
                i += 1
            }
        }
        return try Str.make(bytes: out)
    }

    static func hex(_ a: UnsafeMutablePointer<Obj>, _ n: Int) throws(PyExc) -> Obj {
        let s = bytesOf(selfOf(a[0]))
        if s.isEmpty { return Obj(qstr: .empty) }
        var sep: UInt8? = nil
        if n > 1 { sep = try strOrBytes(a[1]).first ?? 0 }
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(s.count * 3)
        for (i, c) in s.enumerated() {
            if i > 0, let sp = sep { out.append(sp) }
            out.append(digits[Int(c >> 4)])
            out.append(digits[Int(c & 15)])
        }
        return try Str.make(bytes: out)
    }

    static func fromhex(_ type: Obj, _ data: Obj) throws(PyExc) -> Obj {
        guard Str.isStr(data) || BytesMethods.isBuffer(data) else {
            throw PyExc.typeError("object with buffer protocol required")
        }
        let s = bytesOf(data)
        func val(_ c: UInt8) -> Int? {
            if isDigit(c) { return Int(c - 0x30) }
            let l = c | 0x20
            if l >= 0x61 && l <= 0x66 { return Int(l - 0x61 + 10) }
            return nil
        }
        var out: [UInt8] = []
        var i = 0
        while i < s.count {
            let c1 = s[i]; i += 1
            if isSpace(c1) { continue }
            guard i < s.count, let h = val(c1), let l = val(s[i]) else { throw PyExc.valueError("non-hex digit") }
            i += 1
            out.append(UInt8(h << 4 | l))
        }
        return try makeOf(type == Types.bytearray ? Types.bytearray : Types.bytes, out)
    }
}
