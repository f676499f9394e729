/// io: StringIO and BytesIO (py/objstringio.c). Object layout, 4 words as mp_obj_stringio_t:
/// [type, buffer (GC allocation, capacity = its size), length, position]; a closed object has
/// length 0xFFFFFFFF.
public enum IoModule {
    nonisolated(unsafe) public static var stringIO = Obj(raw: 0)
    nonisolated(unsafe) public static var bytesIO = Obj(raw: 0)
    nonisolated(unsafe) public static var ioBase = Obj(raw: 0)

    /// True for an instance of a Python subclass of io.IOBase (a stream through readinto/write).
    static func isUserStream(_ o: Obj) -> Bool {
        !ioBase.isNull && ioBase.raw != 0 && kindOf(o) == .instance && isSubclass(typeOf(o), ioBase)
    }

    /// Everything a user stream's readinto gives, `chunk` bytes at a time, as the stream
    /// protocol reads it; a readinto reporting more than it was given is OSError(EIO).
    static func readAll(userStream o: Obj, chunk: Int) throws(PyExc) -> [UInt8] {
        var out: [UInt8] = []
        let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
        while true {
            let buf = try ByteArray.make([UInt8](repeating: 0, count: chunk))
            hold[0] = buf
            let r = try Runtime.callMethodByName(o, Qstr("readinto"), [buf])
            if r == .none { throw PyExc.osError(Errno.EAGAIN) }
            let got = try IntOps.toInt(r)
            if got > chunk || got < 0 { throw PyExc.osError(Errno.EIO) }
            if got == 0 { return out }
            let (p, _) = BytesMethods.data(buf)
            out.append(contentsOf: UnsafeBufferPointer(start: p, count: got))
        }
    }
    static let closedMark: UInt32 = 0xFFFF_FFFF

    static func isStream(_ o: Obj) -> Bool {
        o.isPointer && (typeOf(o) == stringIO || typeOf(o) == bytesIO)
    }

    static func check(_ o: Obj) throws(PyExc) {
        guard isStream(o) else { throw PyExc.typeError("expected a StringIO or BytesIO") }
        if words(o)[2] == closedMark { throw PyExc.valueError("I/O operation on closed file") }
    }

    /// The StringIO/BytesIO behind a method's self: itself, or the native part of an
    /// instance of a Python subclass.
    static func unwrap(_ o: Obj) throws(PyExc) -> Obj {
        let n = kindOf(o) == .instance ? Classes.nativePart(o) : o
        guard isStream(n) else { throw PyExc.typeError("expected a StringIO or BytesIO") }
        return n
    }

    /// `unwrap`, and ValueError once closed.
    static func open(_ o: Obj) throws(PyExc) -> Obj {
        let n = try unwrap(o)
        try check(n)
        return n
    }

    static func length(_ o: Obj) -> Int { Int(words(o)[2]) }
    static func pos(_ o: Obj) -> Int { Int(words(o)[3]) }
    static func data(_ o: Obj) -> UnsafeMutablePointer<UInt8> { arenaBytes(words(o)[1]) }

    static func make(_ type: Obj, capacity: Int) throws(PyExc) -> Obj {
        let o = Obj(offset: try Heap.allocate(bytes: 16))
        setField(o, 0, type)
        words(o)[1] = try Heap.allocate(bytes: max(16, capacity))
        return o
    }

    static func write(_ o: Obj, _ bytes: UnsafePointer<UInt8>, _ n: Int) throws(PyExc) {
        let p = pos(o), len = length(o)
        let newPos = p + n
        if newPos > Heap.allocationBytes(words(o)[1]) {
            // vstr growth: the needed size plus 16 bytes.
            words(o)[1] = try Heap.reallocate(words(o)[1], bytes: newPos + 16)
        }
        let d = data(o)
        if p > len { (d + len).initialize(repeating: 0, count: p - len) }
        (d + p).update(from: bytes, count: n)
        words(o)[3] = UInt32(newPos)
        if newPos > len { words(o)[2] = UInt32(newPos) }
    }

    /// The result object (str or bytes) of `n` bytes at `start`.
    static func result(_ o: Obj, _ start: Int, _ n: Int) throws(PyExc) -> Obj {
        let t = typeOf(o) == stringIO ? Types.str : Types.bytes
        if n == 0 { return t == Types.str ? Obj(qstr: .empty) : try Str.make(bytes: [], type: t) }
        // Copy first: the allocation of the result may trigger a collection (the buffer stays put).
        return try Str.make(data(o) + start, n, type: t)
    }

    /// Bytes to read for `count` items from the position (characters for StringIO).
    static func span(_ o: Obj, _ count: Int) -> Int {
        let p = pos(o), len = length(o)
        let avail = max(0, len - p)
        if count < 0 { return avail }
        if typeOf(o) != stringIO { return min(count, avail) }
        let d = data(o)
        var i = p, chars = 0
        while i < len && chars < count {
            i += 1
            while i < len && d[i] & 0xC0 == 0x80 { i += 1 }
            chars += 1
        }
        return i - p
    }

    static func readline(_ o: Obj, _ limit: Int) throws(PyExc) -> Obj {
        let p = pos(o)
        let maxBytes = span(o, limit)
        let d = data(o)
        var n = 0
        while n < maxBytes {
            n += 1
            if d[p + n - 1] == 0x0A { break }
        }
        let r = try result(o, p, n)
        words(o)[3] = UInt32(p + n)
        return r
    }

    static func install() {
        let m = ModuleBuilder("io", extensible: true)
        stringIO = TypeObject.makeBuiltin(Qstr("StringIO"), .nativeObject, base: Types.object, flags: TypeFlags.subclassable)
        bytesIO = TypeObject.makeBuiltin(Qstr("BytesIO"), .nativeObject, base: Types.object, flags: TypeFlags.subclassable)
        for t in [stringIO, bytesIO] {
            Builtins.constructor(t, 0, 1) { (a, n, _) throws(PyExc) in
                if n > 1 && IntOps.isInt(a[1]) {
                    return try make(a[0], capacity: try IntOps.toInt(a[1]))
                }
                if n > 1 {
                    let initial = try ModSupport.readBuffer(a[1])
                    let o = try make(a[0], capacity: initial.count)
                    let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
                    hold[0] = o
                    let tmp = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, initial.count))
                    defer { tmp.deallocate() }
                    for (i, b) in initial.enumerated() { tmp[i] = b }
                    try write(o, tmp, initial.count)
                    words(o)[3] = 0
                    return o
                }
                return try make(a[0], capacity: 16)
            }
            Builtins.method(t, "read", 1, 2) { (a, n, _) throws(PyExc) in
                let s = try open(a[0])
                let count = n > 1 && a[1] != .none ? try IntOps.toInt(a[1]) : -1
                let k = span(s, count)
                let r = try result(s, pos(s), k)
                words(s)[3] = UInt32(pos(s) + k)
                return r
            }
            Builtins.method(t, "readline", 1, 2) { (a, n, _) throws(PyExc) in
                let s = try open(a[0])
                return try readline(s, n > 1 && a[1] != .none ? try IntOps.toInt(a[1]) : -1)
            }
            Builtins.method(t, "readinto", 2, 3) { (a, n, _) throws(PyExc) in
                let s = try open(a[0])
                let (buf, cap) = try ModSupport.writeBuffer(a[1])
                var want = cap
                if n > 2 { want = min(want, try IntOps.toInt(a[2])) }
                let k = min(want, max(0, length(s) - pos(s)))
                if k > 0 { buf.update(from: data(s) + pos(s), count: k) }
                words(s)[3] = UInt32(pos(s) + k)
                return Obj(small: k)
            }
            Builtins.method(t, "write", 2, 4) { (a, nPos, _) throws(PyExc) in
                let s = try open(a[0])
                let b = Array(try NativeStreamMethods.writeSlice(try ModSupport.bufferView(a[1]), a, nPos))
                let tmp = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, b.count))
                defer { tmp.deallocate() }
                for (i, x) in b.enumerated() { tmp[i] = x }
                try write(s, tmp, b.count)
                return Obj(small: b.count)
            }
            Builtins.method(t, "seek", 2, 3) { (a, n, _) throws(PyExc) in
                let s = try open(a[0])
                let offset = try IntOps.toInt(a[1])
                let whence = n > 2 ? try IntOps.toInt(a[2]) : 0
                var ref = 0
                switch whence {
                case 0: ref = 0
                case 1: ref = pos(s)
                case 2: ref = length(s)
                default: throw PyExc.osError(22)
                }
                if whence == 0 && offset < 0 { throw PyExc.osError(22) }
                let (sum, o) = ref.addingReportingOverflow(offset)
                let newPos = o ? (offset < 0 ? 0 : Int.max) : max(0, sum)
                // A position past anything the heap could hold: a later write fails with
                // MemoryError (the stored position is 32-bit).
                words(s)[3] = UInt32(min(newPos, Heap.poolBytes + 1))
                return try IntOps.make(newPos)
            }
            Builtins.method(t, "tell", 1, 1) { (a, _, _) throws(PyExc) in
                let s = try open(a[0])
                return try IntOps.make(pos(s))
            }
            Builtins.method(t, "flush", 1, 1) { (a, _, _) throws(PyExc) in
                _ = try open(a[0])
                return .none
            }
            Builtins.method(t, "close", 1, 1) { (a, _, _) throws(PyExc) in
                let s = try unwrap(a[0])
                if words(s)[2] != closedMark {
                    Heap.release(words(s)[1])
                    words(s)[1] = 0
                    words(s)[2] = closedMark
                }
                return .none
            }
            Builtins.method(t, "getvalue", 1, 1) { (a, _, _) throws(PyExc) in
                let s = try open(a[0])
                return try result(s, 0, length(s))
            }
            Builtins.method(t, "__repr__", 1, 1) { (a, _, _) throws(PyExc) in
                let s = try unwrap(a[0])
                let name = typeOf(s) == stringIO ? "StringIO" : "BytesIO"
                return try Str.make("<io.\(name) 0x\(String(s.raw, radix: 16))>")
            }
            Builtins.method(t, "__enter__", 1, 1) { (a, _, _) throws(PyExc) in a[0] }
            Builtins.method(t, "__exit__", 1, Native.varArgs) { (a, _, _) throws(PyExc) in
                _ = try Runtime.callMethodByName(a[0], Qstr("close"), [])
                return .none
            }
            // Protocol methods, for the runtime's iteration hook on native objects.
            Builtins.method(t, "__iter__", 1, 1) { (a, _, _) throws(PyExc) in a[0] }
            Builtins.method(t, "__next__", 1, 1) { (a, _, _) throws(PyExc) in
                let s = try open(a[0])
                let line = try readline(s, -1)
                if try Runtime.length(line) == 0 { throw PyExc.make(Exceptions.StopIteration) }
                return line
            }
        }
        // io.IOBase: the base of user streams; adds no state of its own (MicroPython's
        // stream protocol calls the subclass's readinto/write/ioctl).
        let iobase = TypeObject.makeBuiltin(Qstr("IOBase"), .object, base: Types.object, flags: TypeFlags.hasProtocol)
        m.set("IOBase", iobase)
        ioBase = iobase
        m.set("StringIO", stringIO)
        m.set("BytesIO", bytesIO)
    }
}
