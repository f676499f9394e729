/// Exception objects: [type, traceback count, traceback data, args tuple] (16 bytes, as
/// mp_obj_exception_t). The traceback data is an array of (file qstr, line, function qstr) word
/// triples appended as the exception leaves each frame. Instances of Python subclasses are
/// class instances whose native part (word 4) is such an object.
public enum Exceptions {
    nonisolated(unsafe) public static var BaseException = Obj(raw: 0)
    nonisolated(unsafe) public static var SystemExit = Obj(raw: 0)
    nonisolated(unsafe) public static var KeyboardInterrupt = Obj(raw: 0)
    nonisolated(unsafe) public static var GeneratorExit = Obj(raw: 0)
    nonisolated(unsafe) public static var Exception = Obj(raw: 0)
    nonisolated(unsafe) public static var StopIteration = Obj(raw: 0)
    nonisolated(unsafe) public static var StopAsyncIteration = Obj(raw: 0)
    nonisolated(unsafe) public static var ArithmeticError = Obj(raw: 0)
    nonisolated(unsafe) public static var OverflowError = Obj(raw: 0)
    nonisolated(unsafe) public static var ZeroDivisionError = Obj(raw: 0)
    nonisolated(unsafe) public static var AssertionError = Obj(raw: 0)
    nonisolated(unsafe) public static var AttributeError = Obj(raw: 0)
    nonisolated(unsafe) public static var EOFError = Obj(raw: 0)
    nonisolated(unsafe) public static var ImportError = Obj(raw: 0)
    nonisolated(unsafe) public static var LookupError = Obj(raw: 0)
    nonisolated(unsafe) public static var IndexError = Obj(raw: 0)
    nonisolated(unsafe) public static var KeyError = Obj(raw: 0)
    nonisolated(unsafe) public static var MemoryError = Obj(raw: 0)
    nonisolated(unsafe) public static var NameError = Obj(raw: 0)
    nonisolated(unsafe) public static var OSError = Obj(raw: 0)
    nonisolated(unsafe) public static var RuntimeError = Obj(raw: 0)
    nonisolated(unsafe) public static var NotImplementedError = Obj(raw: 0)
    nonisolated(unsafe) public static var SyntaxError = Obj(raw: 0)
    nonisolated(unsafe) public static var IndentationError = Obj(raw: 0)
    nonisolated(unsafe) public static var TypeError = Obj(raw: 0)
    nonisolated(unsafe) public static var ValueError = Obj(raw: 0)
    nonisolated(unsafe) public static var UnicodeError = Obj(raw: 0)
    /// Raised when a viper function does not type-check (compile time).
    nonisolated(unsafe) public static var ViperTypeError = Obj(raw: 0)

    /// Preallocated instances raised without allocating.
    nonisolated(unsafe) static var memoryErrorInstance = Obj(raw: 0)
    nonisolated(unsafe) static var recursionInstance = Obj(raw: 0)
    /// MemoryError while the heap is locked (micropython.heap_lock, hard callbacks): its
    /// message is ROM text, so it needs no allocation, as in C.
    nonisolated(unsafe) static var heapLockedInstance = Obj(raw: 0)
    nonisolated(unsafe) static var keyboardInterruptInstance = Obj(raw: 0)
    /// MicroPython's emergency exception object: what a new builtin exception becomes when the
    /// heap can't hold it (locked or full), with no args, so that `raise ValueError` or the
    /// StopIteration ending a generator still work without memory, as in C (one at a time).
    nonisolated(unsafe) static var emergencyInstance = Obj(raw: 0)

    /// All exception types, in the order they are installed as builtins.
    nonisolated(unsafe) public static var all: [Obj] = []

    static func create() {
        func make(_ name: Qstr, _ base: Obj) -> Obj {
            let t = TypeObject.makeBuiltin(name, .exception, base: base,
                                           flags: TypeFlags.exception | TypeFlags.subclassable)
            all.append(t)
            return t
        }
        BaseException = make(.BaseException, Types.object)
        SystemExit = make(.SystemExit, BaseException)
        KeyboardInterrupt = make(.KeyboardInterrupt, BaseException)
        GeneratorExit = make(.GeneratorExit, BaseException)
        Exception = make(.Exception, BaseException)
        StopIteration = make(.StopIteration, Exception)
        StopAsyncIteration = make(.StopAsyncIteration, Exception)
        ArithmeticError = make(.ArithmeticError, Exception)
        OverflowError = make(.OverflowError, ArithmeticError)
        ZeroDivisionError = make(.ZeroDivisionError, ArithmeticError)
        AssertionError = make(.AssertionError, Exception)
        AttributeError = make(.AttributeError, Exception)
        EOFError = make(.EOFError, Exception)
        ImportError = make(.ImportError, Exception)
        LookupError = make(.LookupError, Exception)
        IndexError = make(.IndexError, LookupError)
        KeyError = make(.KeyError, LookupError)
        MemoryError = make(.MemoryError, Exception)
        NameError = make(.NameError, Exception)
        OSError = make(.OSError, Exception)
        RuntimeError = make(.RuntimeError, Exception)
        NotImplementedError = make(.NotImplementedError, RuntimeError)
        SyntaxError = make(.SyntaxError, Exception)
        IndentationError = make(.IndentationError, SyntaxError)
        TypeError = make(.TypeError, Exception)
        ValueError = make(.ValueError, Exception)
        UnicodeError = make(.UnicodeError, ValueError)
        ViperTypeError = make(Qstr("ViperTypeError"), TypeError)
        Types.baseException = BaseException

        memoryErrorInstance = makeStatic(MemoryError, nil)
        // Room for a short traceback outside the pool (MicroPython's emergency buffer), so an
        // uncaught MemoryError raised with the heap full still shows where it happened.
        words(memoryErrorInstance)[2] = Heap.allocateStatic(bytes: 12 * staticTracebackEntries)
        // The same for any exception whose traceback can't be allocated (the heap is full).
        emergencyTraceback = Heap.allocateStatic(bytes: 12 * staticTracebackEntries)
        recursionInstance = makeStatic(RuntimeError, Msg.recursion)
        heapLockedInstance = makeStatic(MemoryError, "memory allocation failed, heap is locked")
        keyboardInterruptInstance = makeStatic(KeyboardInterrupt, nil)
        emergencyInstance = makeStatic(Exception, nil)
        emergencyArgs = Heap.allocateStatic(bytes: emergencyBufferBytes)
        Heap.memoryError = memoryErrorInstance
    }

    /// MicroPython's emergency exception buffer: where the emergency exception's args tuple
    /// (and a message str with its bytes) go when the heap can't hold them (locked or full).
    /// Layout: tuple [type, count, items...] at 0, str [type, hash, length, data] at
    /// `emergencyStrOffset`, its bytes after it.
    static let emergencyBufferBytes = 256
    static let emergencyMaxArgs = 4
    static let emergencyStrOffset = 32
    static let emergencyStrData = 48
    nonisolated(unsafe) static var emergencyArgs: UInt32 = 0

    /// A str of `message` in the emergency buffer (cut to fit), for an exception made while
    /// the heap can't hold its message; nil without a buffer.
    static func emergencyMessage(_ message: String) -> Obj? {
        if emergencyArgs == 0 { return nil }
        let o = Obj(offset: emergencyArgs + UInt32(emergencyStrOffset))
        let room = emergencyBufferBytes - emergencyStrData - 1
        var utf8 = Array(message.utf8)
        if utf8.count > room {
            // Cut to fit, without a partial character at the end.
            utf8.removeLast(utf8.count - room)
            while let last = utf8.last, last >= 0x80 { utf8.removeLast() }
        }
        let d = arenaBytes(emergencyArgs + UInt32(emergencyStrData))
        d.update(from: utf8, count: utf8.count)
        d[utf8.count] = 0
        setField(o, 0, Types.str)
        words(o)[1] = QstrPool.hash(d, utf8.count)
        words(o)[2] = UInt32(utf8.count)
        words(o)[3] = emergencyArgs + UInt32(emergencyStrData)
        return o
    }

    static let staticTracebackEntries = 8
    /// Shared by exceptions raised with the heap full (one at a time, as C's emergency buffer).
    nonisolated(unsafe) static var emergencyTraceback: UInt32 = 0
    nonisolated(unsafe) static var makingMemoryError = false

    /// The MemoryError for a failed request of `bytes`: a fresh one with the C port's message
    /// while the heap still has room for it (a huge request), else the preallocated one.
    @inline(never)
    public static func memoryError(bytes: UInt) -> Obj {
        if !makingMemoryError && Heap.lockDepth == 0 && !Heap.collecting {
            makingMemoryError = true
            defer { makingMemoryError = false }
            if let msg = try? Str.make("memory allocation failed, allocating \(bytes) bytes"),
               let e = try? instantiate(MemoryError, msg) { return e }
        }
        if Heap.lockDepth > 0 && !Heap.collecting {
            words(heapLockedInstance)[1] = 0
            words(heapLockedInstance)[2] = 0
            return heapLockedInstance
        }
        words(memoryErrorInstance)[1] = 0
        return memoryErrorInstance
    }

    static func makeStatic(_ type: Obj, _ msg: String?) -> Obj {
        let e = Obj(offset: Heap.allocateStatic(bytes: 16))
        setField(e, 0, type)
        setField(e, 3, msg.map { Tuple.makeStatic([Str.makeStatic($0)]) } ?? Tuple.empty)
        return e
    }

    /// The recursion error: a fresh RuntimeError (so it gets a traceback, as MicroPython's
    /// does), or the preallocated one when even that allocation fails.
    static func recursionError() -> Obj {
        if let msg = try? Str.make(Msg.recursion), let e = try? instantiate(RuntimeError, msg) { return e }
        words(recursionInstance)[1] = 0
        words(recursionInstance)[2] = 0
        return recursionInstance
    }

    public static func keyboardInterrupt() -> Obj {
        words(keyboardInterruptInstance)[1] = 0
        words(keyboardInterruptInstance)[2] = 0
        return keyboardInterruptInstance
    }

    public static func isException(_ o: Obj) -> Bool {
        o.isPointer && TypeObject.flags(typeOf(o)) & TypeFlags.exception != 0
    }

    public static func isExceptionType(_ t: Obj) -> Bool {
        t.isPointer && field(t, 0) == Types.type && TypeObject.flags(t) & TypeFlags.exception != 0
    }

    /// The native exception part of an exception instance.
    @inline(__always) public static func native(_ e: Obj) -> Obj {
        TypeObject.kind(typeOf(e)) == .exception ? e : field(e, 4)
    }

    public static func args(_ e: Obj) -> Obj { field(native(e), 3) }

    /// A new native exception object of builtin exception type `type` (or the native part of a
    /// subclass instance) with the given args tuple.
    public static func makeNative(_ type: Obj, args: Obj) throws(PyExc) -> Obj {
        guard let off = try? Heap.allocate(bytes: 16) else {
            return emergency(type, Tuple.items(args), Tuple.count(args))
        }
        let e = Obj(offset: off)
        setField(e, 0, type)
        setField(e, 3, args)
        return e
    }

    /// The emergency exception object, now of builtin exception type `type`, without args or
    /// traceback (its args are never a heap object: nothing would keep one alive).
    static func emergency(_ type: Obj, _ items: UnsafePointer<Obj>? = nil, _ n: Int = 0) -> Obj {
        setField(emergencyInstance, 0, type)
        words(emergencyInstance)[1] = 0
        words(emergencyInstance)[2] = emergencyTraceback
        if emergencyTraceback != 0 {
            arenaBytes(emergencyTraceback).initialize(repeating: 0, count: 12 * staticTracebackEntries)
        }
        var args = Tuple.empty
        Heap.roots[Root.emergency] = .null
        // The args go into the emergency buffer. Nothing scans it, so the first item is kept
        // alive by a root; further items only when they are not in the GC pool.
        if let items = items, n > 0, n <= emergencyMaxArgs, emergencyArgs != 0,
           (1..<n).allSatisfy({ !Heap.inPool(items[$0]) }) {
            let t = Obj(offset: emergencyArgs)
            setField(t, 0, Types.tuple)
            words(t)[1] = UInt32(n)
            for i in 0..<n { setField(t, 2 + i, items[i]) }
            Heap.roots[Root.emergency] = items[0]
            args = t
        }
        setField(emergencyInstance, 3, args)
        return emergencyInstance
    }

    /// Instantiates an exception type (builtin or Python subclass) with up to two arguments.
    public static func instantiate(_ type: Obj, _ a: Obj = .null, _ b: Obj = .null) throws(PyExc) -> Obj {
        let n = a.isNull ? 0 : (b.isNull ? 1 : 2)
        if TypeObject.kind(type) == .exception {
            guard let t = try? Tuple.make(count: n) else {
                let items = [a, b]
                return items.withUnsafeBufferPointer { emergency(type, $0.baseAddress, n) }
            }
            if n > 0 { setField(t, 2, a) }
            if n > 1 { setField(t, 3, b) }
            return try makeNative(type, args: t)
        }
        let args = try PyStack.pushObjs(2)
        args[0] = a; args[1] = b
        defer { PyStack.pop(to: args) }
        return try Runtime.call(type, args, n, 0)
    }

    /// The traceback-data word of the native part of an exception subclass instance whose
    /// __init__ is running and has not called the base's yet: MicroPython's native part is
    /// not made until then, and raising the instance is a TypeError. (Never a data offset:
    /// those are block-aligned.)
    static let incompleteMark: UInt32 = 1

    static func markIncomplete(_ native: Obj) {
        if native.isPointer && native.raw >= Heap.poolStart { words(native)[2] = incompleteMark }
    }

    static func markComplete(_ native: Obj) {
        if native.isPointer && native.raw >= Heap.poolStart && TypeObject.kind(typeOf(native)) == .exception
            && words(native)[2] == incompleteMark {
            words(native)[2] = 0
        }
    }

    /// Converts what `raise X` names into an exception instance (a class is instantiated).
    public static func normalise(_ x: Obj) throws(PyExc) -> Obj {
        if isException(x) {
            if words(native(x))[2] != incompleteMark { return x }
            throw PyExc.typeError("exceptions must derive from BaseException")
        }
        if isExceptionType(x) {
            // A class whose __new__ returns something else is not an exception either.
            let made = try Runtime.call(x, UnsafeMutablePointer<Obj>(bitPattern: 8)!, 0, 0)
            if isException(made) { return made }
        }
        throw PyExc.typeError("exceptions must derive from BaseException")
    }

    /// Appends one traceback entry (file, line, function) to `e`, if there is memory for it.
    public static func addTraceback(_ e: Obj, file: Qstr, line: Int, function: Qstr) {
        let n = native(e)
        let count = Int(words(n)[1])
        let off = words(n)[2]
        var data = off
        if n.raw < Heap.poolStart {
            // Static instances carry no traceback, but the preallocated MemoryError has a
            // fixed buffer (it keeps the innermost entries).
            if (n != memoryErrorInstance && n != emergencyInstance) || off == 0 || count >= staticTracebackEntries { return }
        } else if off == emergencyTraceback && off != 0 {
            if count >= staticTracebackEntries { return }
        } else if count >= Heap.allocationBytes(off) / 12 {
            let saved = Heap.lockDepth
            Heap.lockDepth = 0
            defer { Heap.lockDepth = saved }
            if let grown = try? Heap.reallocate(off, bytes: 12 * (count + 4)) {
                data = grown
            } else if count == 0 {
                // The heap is full: the emergency buffer keeps the innermost entries.
                data = emergencyTraceback
            } else {
                return
            }
            words(n)[2] = data
        }
        let p = UnsafeMutablePointer<UInt32>(bitPattern: arenaBase &+ UInt(data)).unsafelyUnwrapped + 3 * count
        p[0] = file.id
        p[1] = UInt32(line)
        p[2] = function.id
        words(n)[1] = UInt32(count + 1)
    }

    public static func traceback(_ e: Obj) -> [(Qstr, Int, Qstr)] {
        let n = native(e)
        let count = Int(words(n)[1])
        if count == 0 { return [] }
        let p = UnsafeMutablePointer<UInt32>(bitPattern: arenaBase &+ UInt(words(n)[2])).unsafelyUnwrapped
        return (0..<count).map { (Qstr(id: p[3 * $0]), Int(p[3 * $0 + 1]), Qstr(id: p[3 * $0 + 2])) }
    }

    public static func clearTraceback(_ e: Obj) {
        let n = native(e)
        if n.raw < Heap.poolStart { return }
        words(n)[1] = 0
    }

    /// The `value` of a StopIteration (its first arg, or None).
    public static func stopIterationValue(_ e: Obj) -> Obj {
        let a = args(e)
        return Tuple.count(a) > 0 ? Tuple.item(a, 0) : .none
    }
}

extension Exceptions {
    /// Drops the tracebacks the preallocated (static) exceptions carry into the GC heap.
    static func clearPreallocated() {
        for e in [recursionInstance, keyboardInterruptInstance, heapLockedInstance, emergencyInstance] {
            words(e)[1] = 0
            words(e)[2] = 0
        }
        // The emergency exception goes back to its first state (a reset leaves the static
        // region as it found it).
        setField(emergencyInstance, 0, Exception)
        setField(emergencyInstance, 3, Tuple.empty)
        if emergencyArgs != 0 { arenaBytes(emergencyArgs).initialize(repeating: 0, count: emergencyBufferBytes) }
        // The preallocated MemoryError keeps its static traceback buffer; only its entries go.
        words(memoryErrorInstance)[1] = 0
        for buffer in [words(memoryErrorInstance)[2], emergencyTraceback] where buffer != 0 {
            arenaBytes(buffer).initialize(repeating: 0, count: 12 * staticTracebackEntries)
        }
    }
}
