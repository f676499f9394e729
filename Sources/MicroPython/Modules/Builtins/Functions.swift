import MicroPythonCompiler

/// Builtin functions (print, len, min, sorted...).
extension Builtins {
    static func installFunctions() {
        function("print", 0, Native.varArgs, kw: true) { (a, n, nKw) throws(PyExc) in
            let kw = KwArgs(a, n, nKw)
            try kw.check([.sep, .end, .file])
            let sep = kw.get(.sep) ?? .none
            let end = kw.get(.end) ?? .none
            let file = kw.get(.file) ?? .none
            if sep != .none && !Str.isStr(sep) { throw StrMethods.badImplicitConversion(sep) }
            if end != .none && !Str.isStr(end) { throw StrMethods.badImplicitConversion(end) }
            if file != .none && file != Heap.roots[Root.stdout] {
                try printToStream(file, a, n, sep: sep, end: end)
                return .none
            }
            // C's print streams: what came before an instance (whose __str__ may print) goes
            // out first, and what came before an error stays written.
            var p = Printer()
            do throws(PyExc) {
                for i in 0..<n {
                    if i > 0 { if sep == .none { p.byte(0x20) } else { p.write(Str.buffer(sep)) } }
                    if kindOf(a[i]) == .instance && !p.bytes.isEmpty {
                        out(p.bytes)
                        p.bytes.removeAll(keepingCapacity: true)
                    }
                    try Runtime.write(a[i], &p, .str)
                }
            } catch {
                if !p.bytes.isEmpty { out(p.bytes) }
                throw error
            }
            if end == .none { p.byte(0x0A) } else { p.write(Str.buffer(end)) }
            out(p.bytes)
            return .none
        }
        replPrint = Native.make("__repl_print__", 1, 1) { (a, _, _) throws(PyExc) in
            if a[0] != .none {
                var p = Printer()
                try Runtime.write(a[0], &p, .repr)
                p.byte(0x0A)
                out(p.bytes)
            }
            return .none
        }
        add("__repl_print__", replPrint)
        function("len", 1, 1) { (a, _, _) throws(PyExc) in try IntOps.make(try Runtime.length(a[0])) }
        function("abs", 1, 1) { (a, _, _) throws(PyExc) in try absolute(a[0]) }
        // all/any/sum/min/max walk builtin containers in Python-stack slots: no heap iterator.
        function("all", 1, 1) { (a, _, _) throws(PyExc) in
            let s = try PyStack.pushObjs(Iteration.slotCount); defer { PyStack.pop(to: s) }
            try Iteration.start(a[0], slots: s)
            while true {
                let v = try Iteration.next(stackSlots: s)
                if v.isNull { return .true }
                if !(try Runtime.isTrue(v)) { return .false }
            }
        }
        function("any", 1, 1) { (a, _, _) throws(PyExc) in
            let s = try PyStack.pushObjs(Iteration.slotCount); defer { PyStack.pop(to: s) }
            try Iteration.start(a[0], slots: s)
            while true {
                let v = try Iteration.next(stackSlots: s)
                if v.isNull { return .false }
                if try Runtime.isTrue(v) { return .true }
            }
        }
        function("bin", 1, 1) { (a, _, _) throws(PyExc) in try radixString(a[0], 2, "0b") }
        function("oct", 1, 1) { (a, _, _) throws(PyExc) in try radixString(a[0], 8, "0o") }
        function("hex", 1, 1) { (a, _, _) throws(PyExc) in try radixString(a[0], 16, "0x") }
        function("callable", 1, 1) { (a, _, _) throws(PyExc) in
            switch kindOf(a[0]) {
            case .function, .closure, .builtinFunction, .checkedFunction, .boundMethod, .type: return .true
            case .instance: return Obj(bool: Classes.lookup(typeOf(a[0]), .__call__) != nil)
            default: return .false
            }
        }
        function("chr", 1, 1) { (a, _, _) throws(PyExc) in
            let c = try IntOps.toInt(a[0])
            guard c >= 0 && c < 0x110000 else {
                throw PyExc.valueError("char not in range(0x110000)")
            }
            return try Str.make(bytes: UTF8Util.encode(UInt32(c)))
        }
        function("ord", 1, 1) { (a, _, _) throws(PyExc) in
            let (p, n) = BytesMethods.data(a[0])
            if Str.isStr(a[0]) {
                let cps = UTF8Util.count(p, n)
                if cps != 1 { throw PyExc.typeError("ord() expected a character, but string of length \(cps) found") }
                return Obj(small: Int(UTF8Util.decodeFirst(p, n)))
            }
            if n != 1 { throw PyExc.typeError("ord() expected a character, but string of length \(n) found") }
            return Obj(small: Int(p[0]))
        }
        function("divmod", 2, 2) { (a, _, _) throws(PyExc) in
            if Complex.isComplex(a[0]) || Complex.isComplex(a[1]) {
                // complex has no divmod (MP_BINARY_OP_DIVMOD is not among its operators).
                // A bool on the left goes in as an int (bool's operators forward to int's).
                let left = a[0] == .true || a[0] == .false ? "int" : typeName(a[0])
                throw PyExc.typeError("unsupported types for __divmod__: '\(left)', '\(typeName(a[1]))'")
            }
            // MP_BINARY_OP_DIVMOD: numbers, or a class's own __divmod__; nothing else.
            func isNumber(_ o: Obj) -> Bool { let k = kindOf(o); return k == .int || k == .bool || k == .float }
            var left = a[0]
            if !isNumber(a[0]) || !isNumber(a[1]) {
                if kindOf(a[0]) == .instance, let m = Classes.lookup(typeOf(a[0]), Qstr("__divmod__")) {
                    return try Runtime.invokeMethod(m, a[0], a[1])
                }
                // An int or float subclass on the left works as its native part.
                let n = kindOf(a[0]) == .instance ? Classes.nativePart(a[0]) : Obj.null
                guard !n.isNull && isNumber(n) && isNumber(a[1]) else {
                    throw PyExc.typeError("unsupported types for __divmod__: '\(typeName(a[0]))', '\(typeName(a[1]))'")
                }
                left = n
            }
            let q = try Runtime.binaryOp(BinOp.floorDiv, left, a[1])
            let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
            hold[0] = q
            let r = try Runtime.binaryOp(BinOp.mod, left, a[1])
            return try Tuple.make2(q, r)
        }
        function("getattr", 2, 3) { (a, n, _) throws(PyExc) in
            let name = try qstrArg(a[1])
            if n == 3 {
                let dest = try PyStack.pushObjs(2)
                defer { PyStack.pop(to: dest) }
                do throws(PyExc) {
                    // Absent: the default, without making an AttributeError first (as
                    // mp_load_attr_default), so a miss allocates nothing.
                    if try Runtime.findAttr(a[0], name, dest) != true { return a[2] }
                } catch {
                    if isInstance(error.obj, Exceptions.AttributeError) { return a[2] }
                    throw error
                }
                return dest[1].isNull ? dest[0] : try BoundMethod.make(dest[0], dest[1])
            }
            return try Runtime.loadAttr(a[0], name)
        }
        function("setattr", 3, 3) { (a, _, _) throws(PyExc) in
            try Runtime.storeAttr(a[0], try qstrArg(a[1]), a[2]); return .none
        }
        function("delattr", 2, 2) { (a, _, _) throws(PyExc) in
            try Runtime.storeAttr(a[0], try qstrArg(a[1]), .null); return .none
        }
        function("hasattr", 2, 2) { (a, _, _) throws(PyExc) in
            let name = try qstrArg(a[1])
            let dest = try PyStack.pushObjs(2); defer { PyStack.pop(to: dest) }
            do throws(PyExc) { return Obj(bool: try Runtime.findAttr(a[0], name, dest) == true) } catch {
                if isInstance(error.obj, Exceptions.AttributeError) { return .false }
                throw error
            }
        }
        function("hash", 1, 1) { (a, _, _) throws(PyExc) in try IntOps.make(try Runtime.hash(a[0])) }
        function("id", 1, 1) { (a, _, _) throws(PyExc) in try IntOps.make(Int(a[0].raw)) }
        function("isinstance", 2, 2) { (a, _, _) throws(PyExc) in Obj(bool: try classCheck(typeOf(a[0]), a[1])) }
        function("issubclass", 2, 2) { (a, _, _) throws(PyExc) in
            guard kindOf(a[0]) == .type else { throw PyExc.typeError("issubclass() arg 1 must be a class") }
            return Obj(bool: try classCheck(a[0], a[1]))
        }
        // One argument only: neither C build has iter(callable, sentinel).
        function("iter", 1, 1) { (a, _, _) throws(PyExc) in try Runtime.getIter(a[0]) }
        function("next", 1, 2) { (a, n, _) throws(PyExc) in
            // A generator's return value travels in its StopIteration.
            if n == 1 && kindOf(a[0]) == .generator { return try Generator.send(a[0], .none) }
            // A class's __next__ raises its own StopIteration through next(it).
            if n == 1 && kindOf(a[0]) == .instance, let m = Classes.lookup(typeOf(a[0]), .__next__) {
                return try Runtime.invoke(m, a[0])
            }
            let v = try Runtime.iterNext(a[0])
            if v.isNull {
                if n == 2 { return a[1] }
                a[0] = Heap.roots[Root.stopIterationArg]
                Heap.roots[Root.stopIterationArg] = .null
                throw PyExc(try Exceptions.instantiate(Exceptions.StopIteration, a[0]))
            }
            return v
        }
        function("max", 1, Native.varArgs, kw: true) { (a, n, nKw) throws(PyExc) in try minMax(a, n, nKw, max: true) }
        function("min", 1, Native.varArgs, kw: true) { (a, n, nKw) throws(PyExc) in try minMax(a, n, nKw, max: false) }
        function("pow", 2, 3) { (a, n, _) throws(PyExc) in
            if n == 3 && a[2] != .none {
                guard MicroPythonRuntime.port.moduleFeatures.contains(.pow3) else {
                    throw PyExc.make(Exceptions.NotImplementedError, "3-arg pow() not supported")
                }
                guard IntOps.isInt(a[0]) && IntOps.isInt(a[1]) && IntOps.isInt(a[2]) else {
                    throw PyExc.typeError("pow() with 3 arguments requires integers")
                }
                if IntOps.isZero(a[2]) { throw PyExc.valueError("divide by zero") }
                // A negative exponent gives 0 (mpz_pow3_inpl consumes no bits of it).
                guard let r = IntOps.big(a[0]).power(IntOps.big(a[1]), modulus: IntOps.big(a[2])) else {
                    return Obj(small: 0)
                }
                return try IntOps.store(r)
            }
            return try Runtime.binaryOp(BinOp.pow, a[0], a[1])
        }
        function("repr", 1, 1) { (a, _, _) throws(PyExc) in try Runtime.repr(a[0]) }
        function("round", 1, 2) { (a, n, _) throws(PyExc) in try round(a[0], n == 2 ? a[1] : .none) }
        function("sorted", 1, 1, kw: true) { (a, n, nKw) throws(PyExc) in
            let l = try listFrom(a[0])
            let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
            hold[0] = l
            let kw = KwArgs(a, n, nKw)
            try kw.check([.key, .reverse])
            try ListSort.sort(l, key: kw.get(.key) ?? .none, reverse: try Runtime.isTrue(kw.get(.reverse) ?? .false))
            return l
        }
        function("sum", 1, 2) { (a, n, _) throws(PyExc) in
            var acc = n == 2 ? a[1] : Obj(small: 0)
            let hold = try PyStack.pushObjs(1 + Iteration.slotCount); defer { PyStack.pop(to: hold) }
            let s = hold + 1
            try Iteration.start(a[0], slots: s)
            while true {
                let v = try Iteration.next(stackSlots: s)
                if v.isNull { return acc }
                if acc.isSmallInt && v.isSmallInt && Obj.fitsSmall(acc.smallValue + v.smallValue) {
                    acc = Obj(small: acc.smallValue + v.smallValue)
                } else {
                    acc = try Runtime.binaryOp(BinOp.add, acc, v)
                }
                hold[0] = acc
            }
        }
        function("dir", 0, 1) { (a, n, _) throws(PyExc) in try dir(n == 0 ? .null : a[0]) }
        function("globals", 0, 0) { (_, _, _) throws(PyExc) in Runtime.currentGlobals() }
        function("locals", 0, 0) { (_, _, _) throws(PyExc) in Runtime.locals.isNull ? Runtime.currentGlobals() : Runtime.locals }
        function("input", 0, 1) { (a, n, _) throws(PyExc) in
            let prompt = n == 1 ? try Runtime.strString(a[0]) : ""
            out(prompt)
            guard let line = readLine(prompt) else {
                // Ctrl-C while waiting for the line is a KeyboardInterrupt, not the end of input.
                if VM.pendingInterrupt { try Runtime.handlePending() }
                throw PyExc(try Exceptions.instantiate(Exceptions.EOFError))
            }
            return try Str.make(line)
        }
        function("exec", 1, 3) { (a, n, _) throws(PyExc) in
            try Runtime.evalSource(a[0], globals: n > 1 ? a[1] : .null, locals: n > 2 ? a[2] : .null, mode: .file)
        }
        function("eval", 1, 3) { (a, n, _) throws(PyExc) in
            try Runtime.evalSource(a[0], globals: n > 1 ? a[1] : .null, locals: n > 2 ? a[2] : .null, mode: .eval)
        }
        if MicroPythonRuntime.port.moduleFeatures.contains(.builtinCompile) {
            function("compile", 3, 3) { (a, _, _) throws(PyExc) in
                for i in 0..<3 where !Str.isStr(a[i]) { throw StrMethods.badImplicitConversion(a[i]) }
                let mode = Str.string(a[2])
                let m: CompileMode
                switch mode {
                case "eval": m = .eval
                case "single": m = .single
                case "exec": m = .file
                default: throw PyExc.valueError("bad compile mode")
                }
                return try Runtime.compileToFunction(Str.string(a[0]), fileName: Str.string(a[1]), mode: m, globals: Runtime.currentGlobals())
            }
        }
        function("__import__", 1, 5) { (a, n, _) throws(PyExc) in
            guard Str.isStr(a[0]) else { throw PyExc.make(Exceptions.TypeError) }
            let level = n > 4 ? try IntOps.toInt(a[4]) : 0
            if level < 0 || (level == 0 && Str.length(a[0]) == 0) { throw PyExc.make(Exceptions.ValueError) }
            var globals = Runtime.currentGlobals()
            if level > 0 && n > 1 && a[1] != .none {
                // A relative import reads the package from the globals it is given.
                guard kindOf(a[1]) == .dict else { throw PyExc.make(Exceptions.TypeError) }
                globals = a[1]
            }
            return try Import.importName(try qstrArg(a[0]), fromList: n > 3 ? a[3] : .none,
                                         level: Obj(small: level), globals: globals)
        }
        buildClass = Native.make("__build_class__", 2, Native.varArgs, kw: true) { (a, n, nKw) throws(PyExc) in
            try buildClassBody(a, n, nKw)
        }
        add("__build_class__", buildClass)
        // Last, so that it takes a free slot without moving any other builtin's.
        if MicroPythonRuntime.port.moduleFeatures.contains(.builtinExecfile) {
            // execfile(path[, globals[, locals]]): the file's source, opened as open() opens it.
            function("execfile", 1, 3) { (a, n, _) throws(PyExc) in
                guard Str.isStr(a[0]) && !BytesMethods.isBuffer(a[0]) else { throw StrMethods.badImplicitConversion(a[0]) }
                let hold = try PyStack.pushObjs(2)
                defer { PyStack.pop(to: hold) }
                hold[0] = try Runtime.invoke(try Runtime.loadBuiltin(Obj(qstr: .open)), a[0], Obj(qstr: .rb))
                // What the filesystem gave must be a stream (mp_get_stream_raise): a file, or
                // an object with read or readinto (an io.IOBase subclass).
                let dest = try PyStack.pushObjs(3)
                defer { PyStack.pop(to: dest) }
                if try Runtime.findAttr(hold[0], .read, dest) == true {
                    hold[1] = try Runtime.callMethod(dest, 0, 0)
                } else if try Runtime.findAttr(hold[0], .readinto, dest) == true {
                    hold[1] = try Str.make(bytes: try IoModule.readAll(userStream: hold[0], chunk: 256), type: Types.bytes)
                } else {
                    throw PyExc.osError(Errno.EINVAL)
                }
                _ = try? Runtime.callMethodByName(hold[0], .close, [])
                return try Runtime.evalSource(hold[1], globals: n > 1 ? a[1] : .null, locals: n > 2 ? a[2] : .null, mode: .file)
            }
        }
    }

    /// abs(x): numbers, __abs__, and the native part of a subclass of a number type.
    static func absolute(_ x: Obj) throws(PyExc) -> Obj {
        if x.isSmallInt { return try IntOps.make(abs(x.smallValue)) }
        switch kindOf(x) {
        case .int: return IntOps.big(x).signum < 0 ? try Runtime.unaryOp(UnaryOp.negative, x) : x
        case .bool: return Obj(small: x == .true ? 1 : 0)
        case .float: return try Float.make(Swift.abs(Float.value(x)))
        case .complex: return try Float.make(Complex.magnitude(x))
        default:
            if let m = Classes.lookup(typeOf(x), .__abs__) { return try Runtime.invoke(m, x) }
            if kindOf(x) == .instance {
                let n = Classes.nativePart(x)
                // A native part with operators answers (its type named if it has no abs);
                // without them the instance fails as itself.
                if !n.isNull && NativeSlots.hasUnaryOp(n) { return try absolute(n) }
            }
            throw PyExc.typeError("unsupported type for __abs__: '\(typeName(x))'")
        }
    }

    static func qstrArg(_ o: Obj) throws(PyExc) -> Qstr {
        guard Str.isStr(o) else { throw PyExc.typeError("attribute name must be string, not '\(typeName(o))'") }
        return try Str.intern(o)
    }

    static func classCheck(_ t: Obj, _ spec: Obj) throws(PyExc) -> Bool {
        if kindOf(spec) == .tuple {
            for i in 0..<Tuple.count(spec) where try classCheck(t, Tuple.item(spec, i)) { return true }
            return false
        }
        guard kindOf(spec) == .type else { throw PyExc.typeError("issubclass() arg 2 must be a class or a tuple of classes") }
        // C's bool type names no base, so isinstance(True, int) and issubclass(bool, int) are
        // False there, although bools take part in int arithmetic.
        if t == Types.bool && spec == Types.int { return false }
        return isSubclass(t, spec)
    }

    static func radixString(_ o: Obj, _ radix: Int, _ prefix: String) throws(PyExc) -> Obj {
        var v = o
        if !IntOps.isInt(o) {
            // C's bin is '{:#b}'.format(x), which formats only ints; oct and hex also take an
            // int subclass's value or a class's __int__ (but call no __index__).
            var n = kindOf(o) == .instance ? Classes.nativePart(o) : Obj.null
            if radix != 2 && kindOf(o) == .instance && (n.isNull || !IntOps.isInt(n)),
               let m = Classes.lookup(typeOf(o), .__int__) {
                n = try Runtime.invokeMethod(m, o)
            }
            guard radix != 2, !n.isNull, IntOps.isInt(n) else {
                if radix == 2 { throw PyExc.valueError("unknown format code 'b' for object of type '\(typeName(o))'") }
                throw PyExc.typeError("can't convert \(typeName(o)) to int")
            }
            v = n
        }
        var s = IntOps.string(v == .true ? Obj(small: 1) : (v == .false ? Obj(small: 0) : v), radix: radix)
        if s.hasPrefix("-") { s.removeFirst(); return try Str.make("-" + prefix + s) }
        return try Str.make(prefix + s)
    }

    /// print(..., file=stream): each item, separator and end is one write to the stream, as
    /// MicroPython's print does; a write that reports more bytes than it was given is an
    /// OSError(EIO), as mp_stream_rw makes it.
    static func printToStream(_ file: Obj, _ a: UnsafeMutablePointer<Obj>, _ n: Int, sep: Obj, end: Obj) throws(PyExc) {
        func put(_ bytes: [UInt8]) throws(PyExc) {
            if bytes.isEmpty { return }
            // A Python stream (io.IOBase) is given the bytes, as the stream protocol does.
            let piece = IoModule.isUserStream(file) ? try ByteArray.make(bytes) : try Str.make(bytes: bytes)
            let r = try Runtime.callMethodByName(file, .write, [piece])
            if r.isSmallInt && r.smallValue > bytes.count { throw PyExc.osError(Errno.EIO) }
        }
        for i in 0..<n {
            if i > 0 { try put(sep == .none ? [0x20] : Array(Str.buffer(sep))) }
            var p = Printer()
            try Runtime.write(a[i], &p, .str)
            try put(p.bytes)
        }
        try put(end == .none ? [0x0A] : Array(Str.buffer(end)))
    }

    static func minMax(_ a: UnsafeMutablePointer<Obj>, _ n: Int, _ nKw: Int, max: Bool) throws(PyExc) -> Obj {
        let kw = KwArgs(a, n, nKw)
        // key=None is called like any other key (mp_builtin_min_max only asks whether key= is given).
        let key = kw.get(.key) ?? .null
        let def = kw.get(.default)
        let hold = try PyStack.pushObjs(3 + Iteration.slotCount); defer { PyStack.pop(to: hold) }
        var best = Obj.null, bestKey = Obj.null
        func consider(_ v: Obj) throws(PyExc) {
            let k = key.isNull ? v : try Runtime.invoke(key, v)
            // As mp_builtin_min_max: max asks item > best (__gt__), min item < best (__lt__).
            let better = best.isNull ? true : (max ? try Runtime.more(k, bestKey) : try Runtime.less(k, bestKey))
            if better {
                best = v; bestKey = k
                hold[1] = best; hold[2] = bestKey
            }
        }
        if n == 1 {
            let slots = hold + 3
            try Iteration.start(a[0], slots: slots)
            while true {
                let v = try Iteration.next(stackSlots: slots)
                if v.isNull { break }
                try consider(v)
            }
        } else {
            // Several arguments are compared where they are, as MicroPython does: no heap use.
            for i in 0..<n { try consider(a[i]) }
        }
        if best.isNull {
            if let d = def { return d }
            throw PyExc.valueError("arg is an empty sequence")
        }
        return best
    }

    static func round(_ x: Obj, _ nd: Obj) throws(PyExc) -> Obj {
        if IntOps.isInt(x) {
            if nd == .none ? true : try IntOps.toInt(nd) >= 0 { return x == .true ? Obj(small: 1) : (x == .false ? Obj(small: 0) : x) }
            // 10**k as an int (a double would overflow an Int from k = 19); when 10**k is
            // more than twice |x| the result is 0 (and k may be anything up to 2**63).
            let v = try IntOps.toInt(nd)
            let k = v == Int.min ? Int.max : -v
            if Double(k) > Double(IntOps.big(x).bitLength) * 0.30103 + 2 { return Obj(small: 0) }
            let p = try Runtime.binaryOp(BinOp.pow, Obj(small: 10), Obj(small: k))
            let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
            hold[0] = p
            // Half to even, as for floats: round(25, -1) == 20, round(35, -1) == 40.
            let hold2 = try PyStack.pushObjs(2); defer { PyStack.pop(to: hold2) }
            var q = try Runtime.binaryOp(BinOp.floorDiv, x, p)
            hold2[0] = q
            let r = try Runtime.binaryOp(BinOp.mod, x, p)
            hold2[1] = r
            let twice = try Runtime.binaryOp(BinOp.mul, r, Obj(small: 2))
            let above = try Runtime.binaryOp(BinOp.more, twice, p) == .true
            let half = try Runtime.binaryOp(BinOp.equal, twice, p) == .true
            let odd = !IntOps.isZero(try Runtime.binaryOp(BinOp.and, q, Obj(small: 1)))
            if above || (half && odd) { q = try Runtime.binaryOp(BinOp.add, q, Obj(small: 1)); hold2[0] = q }
            return try Runtime.binaryOp(BinOp.mul, q, p)
        }
        if Float.isFloat(x) {
            let d = Float.value(x)
            if nd == .none {
                if d.isNaN { throw PyExc.valueError("can't convert NaN to int") }
                if d.isInfinite { throw PyExc.overflowError("can't convert inf to int") }
                let r = d.rounded(.toNearestOrEven)
                if let b = BigIntValue(truncating: r) { return try IntOps.store(b) }
                return try IntOps.make(Int(r))
            }
            // As C: nearbyint(x * 10**n) / 10**n in the profile's precision (an overflowing
            // or vanishing power gives NaN there, and here).
            let digits = try IntOps.toInt(nd)
            if Float.immediate {
                let m = Swift.Float(Math.pow(10, Double(digits)))
                let f = Swift.Float(d)
                return try Float.make(Double((f * m).rounded(.toNearestOrEven) / m))
            }
            let m = Math.pow(10, Double(digits))
            return try Float.make((d * m).rounded(.toNearestOrEven) / m)
        }
        if let m = Classes.lookup(typeOf(x), .__round__) {
            return nd == .none ? try Runtime.invoke(m, x) : try Runtime.invoke(m, x, nd)
        }
        // C takes the value as a float: a class's __float__ gives it.
        if kindOf(x) == .instance, let m = Classes.lookup(typeOf(x), .__float__) {
            let f = try Runtime.invokeMethod(m, x)
            if Float.isFloat(f) { return try round(f, nd) }
        }
        throw PyExc.typeError("can't convert \(typeName(x)) to float")
    }

    /// dir(o). C's dir probes every qstr with a method lookup, so it lists what lookup finds
    /// (names every object, module, type, function and exception answers to, such as
    /// `__class__`, `__dict__`, `__bases__`, `args`) in the qstr pool's order: MicroPython's
    /// static qstrs first, then the firmware's other names (sorted), then the program's own
    /// in the order they were interned. The same names are listed here in that order.
    static func dir(_ o: Obj) throws(PyExc) -> Obj {
        // An instance whose class defines __dir__ answers for itself (not a class: dir(C)
        // lists C's attributes).
        if kindOf(o) == .instance, let m = Classes.lookup(typeOf(o), .__dir__) {
            return try Runtime.invokeMethod(m, o)
        }
        let l = try List.make(count: 0)
        let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
        hold[0] = l
        if o.isNull {
            // The local names, in their dict's order.
            let m = Dict.map(Runtime.locals.isNull ? Runtime.currentGlobals() : Runtime.locals)
            var i = 0
            while let s = m.next(from: &i) { try List.append(l, s[0]) }
            return l
        }
        var names: [Qstr] = []
        func add(_ q: Qstr) { if !names.contains(q) { names.append(q) } }
        func addKeys(_ d: Obj) {
            if d.isNull { return }
            let m = Dict.map(d)
            var i = 0
            while let s = m.next(from: &i) { if s[0].isQstr { add(s[0].qstrValue) } }
        }
        func addTypeKeys(_ t: Obj) {
            Builtins.addTypeKeys(t) { (type, d) in
                // A builtin exception's __init__ is not found through its instances in C.
                if TypeObject.kind(type) == .exception && !TypeObject.isUserClass(type) {
                    let m = Dict.map(d)
                    var i = 0
                    while let s = m.next(from: &i) { if s[0].isQstr && s[0].qstrValue != .__init__ { add(s[0].qstrValue) } }
                } else {
                    addKeys(d)
                }
            }
        }
        add(.__class__)
        switch kindOf(o) {
        case .module:
            addKeys(Module.globals(o))
            add(.__dict__)
        case .instance:
            let m = Classes.attrs(o)
            var i = 0
            while let s = m.next(from: &i) { if s[0].isQstr { add(s[0].qstrValue) } }
            addTypeKeys(typeOf(o))
            // A class made by a metaclass: its own attributes are its native type's.
            let n = Classes.nativePart(o)
            if !n.isNull && kindOf(n) == .type { addTypeKeys(n) }
            if TypeObject.kind(TypeObject.nativeBase(typeOf(o))) == .exception { exceptionNames(add) }
            add(.__dict__)
        case .type:
            addTypeKeys(o)
            add(.__name__); add(.__bases__); add(.__dict__)
        case .function, .closure, .generatorFunction:
            add(.__name__); add(.__globals__)
        case .boundMethod:
            let f = field(o, 1)
            if [.function, .closure, .generatorFunction].contains(kindOf(f)) { add(.__name__); add(.__globals__) }
        case .exception:
            addTypeKeys(typeOf(o))
            exceptionNames(add)
        case .range:
            add(.start); add(.step); add(.stop)
        case .object:
            add(.__init__); add(.__new__)
            if MicroPythonRuntime.port.moduleFeatures.contains(.delattrSetattr) { add(.__delattr__); add(.__setattr__) }
        case .bool:
            break
        default:
            addTypeKeys(typeOf(o))
        }
        // Each name's place computed once (it looks the name up as a string).
        let placed = names.map { (cOrder($0), $0) }.sorted { $0.0 < $1.0 }
        for (_, q) in placed { try List.append(l, Obj(qstr: q)) }
        return l
    }

    /// What every exception answers to (C's exception attributes: args, and value and errno
    /// as args[0] on any exception).
    static func exceptionNames(_ add: (Qstr) -> Void) {
        add(.args); add(.value); add(.errno)
    }

    /// Where C's qstr pool has `q`: (0, number) for a static qstr, (1, 0) for another name of
    /// the firmware (then sorted by its bytes), (2, id) for one the program interned.
    static func cOrder(_ q: Qstr) -> (Int, Int, String) {
        let s = q.string
        if let i = mpyStaticQstrIndex(s) { return (0, i, "") }
        // (Our start-up interns a few one-letter names the C firmware does not have.)
        if Int(q.id) < QstrPool.romCount && s.utf8.count > 1 { return (1, 0, s) }
        return (2, Int(q.id), "")
    }

    /// Each class of `t`'s bases (depth first, `object` left out) and its locals dict.
    static func addTypeKeys(_ t: Obj, _ add: (Obj, Obj) -> Void) {
        add(t, TypeObject.locals(t))
        let b = TypeObject.bases(t)
        if b.isNull { return }
        for i in 0..<Tuple.count(b) where Tuple.item(b, i) != Types.object { addTypeKeys(Tuple.item(b, i), add) }
    }

    /// __build_class__(body, name, *bases): runs the body with a fresh namespace, makes the class,
    /// and fills the body's __class__ cell.
    /// As in C it takes no keywords (class X(metaclass=M) is a TypeError): the metaclass is the
    /// type of the first base.
    static func buildClassBody(_ a: UnsafeMutablePointer<Obj>, _ n: Int, _ nKw: Int) throws(PyExc) -> Obj {
        if nKw > 0 { throw PyExc.typeError("function doesn't take keyword arguments") }
        let body = a[0]
        let name = try Str.intern(a[1])
        let hold = try PyStack.pushObjs(3); defer { PyStack.pop(to: hold) }
        let ns = try Dict.make()
        hold[0] = ns
        let bases = try Tuple.make(a + 2, n - 2)
        hold[1] = bases
        let savedLocals = Runtime.locals
        Runtime.locals = ns
        let cell: Obj
        do throws(PyExc) {
            cell = try Runtime.call(body, a, 0, 0)
        } catch {
            Runtime.locals = savedLocals
            throw error
        }
        Runtime.locals = savedLocals
        let meta = n > 2 && kindOf(a[2]) == .type ? typeOf(a[2]) : Types.type
        let cls: Obj
        if meta != Types.type {
            cls = try Runtime.invoke(meta, a[1], bases, ns)
        } else {
            cls = try Classes.makeClass(name: name, bases: bases, dict: ns)
        }
        hold[2] = cls
        if kindOf(cell) == .cell { setField(cell, 1, cls) }
        // __set_name__ on descriptors defined in the body, each one the body made even if an
        // earlier __set_name__ replaced or deleted it (a snapshot of the namespace's items).
        let m = Dict.map(ns)
        var any = false
        var k = 0
        while !any, let s = m.next(from: &k) {
            any = kindOf(s[1]) == .instance && Classes.lookup(typeOf(s[1]), .__set_name__) != nil
        }
        if !any { return cls }
        let snapshot = try Tuple.make(count: 2 * Dict.count(ns))
        let keep = try PyStack.pushObjs(1)
        defer { PyStack.pop(to: keep) }
        keep[0] = snapshot
        let items = Tuple.items(snapshot)
        var i = 0, n = 0
        while let s = m.next(from: &i) { items[n] = s[0]; items[n + 1] = s[1]; n += 2 }
        for j in stride(from: 0, to: n, by: 2) {
            let v = items[j + 1]
            if kindOf(v) == .instance, let sn = Classes.lookup(typeOf(v), .__set_name__) {
                _ = try Runtime.invoke(sn, v, cls, items[j])
            }
        }
        return cls
    }
}
