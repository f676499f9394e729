/// Generator instances: [type, frame...] where the frame (see Frame.swift) is embedded in the
/// object, so a suspended generator keeps its locals, operand stack and handlers in the heap.
/// Frame word 4 = what MicroPython keeps in `pend_exc`: 0 when idle, `running` while the
/// generator executes, otherwise the exception pend_throw() left for the next resume.
/// Frame word 5 = 1 once started, 2 once finished.
public enum Generator {
    public enum Outcome { case yielded, returned, raised }

    @inline(__always) static func frame(_ g: Obj) -> UnsafeMutablePointer<UInt32> { words(g) + 1 }
    /// Frame word 4 while the generator runs: the map sentinel, which no program can hold.
    static let running = Obj.sentinel.raw

    static func make(_ fun: Obj, cells: UnsafeMutablePointer<Obj>?, _ nCells: Int,
                     _ args: UnsafeMutablePointer<Obj>, _ nPos: Int, _ nKw: Int) throws(PyExc) -> Obj {
        let rc = Function.rawCode(fun)
        let size = 1 + Frame.words(nState: RawCodeObj.nState(rc), nExc: RawCodeObj.nExcStack(rc))
        let g = Obj(offset: try Heap.allocate(bytes: 4 * size))
        setField(g, 0, Types.generator)
        let f = frame(g)
        f[0] = fun.raw
        f[2] = UInt32(bitPattern: -1)
        try Runtime.bindArguments(fun, f, cells: cells, nCells, args, nPos, nKw)
        return g
    }

    /// Frame word 1 (the ip) of a native generator, whose resume point is in its own code state.
    static let nativeMark: UInt32 = 0xFFFF_FFFF

    @inline(__always) static func isNative(_ f: UnsafeMutablePointer<UInt32>) -> Bool { f[1] == nativeMark }

    /// Resumes `g`, sending `send` (or raising `throwing` inside it). `result` receives the
    /// yielded value, the return value, or the exception.
    public static func resume(_ g: Obj, send: Obj, throwing: Obj, result: inout Obj) throws(PyExc) -> Outcome {
        if kindOf(g) != .generator {
            // yield from a non-generator iterator: use its __next__/send/throw.
            return try resumeIterator(g, send: send, throwing: throwing, result: &result)
        }
        let f = frame(g)
        if f[5] == 2 {
            // (The value goes back as given: whoever raises it makes it an exception.)
            if !throwing.isNull { result = throwing; return .raised }
            result = .none
            return .returned
        }
        if f[4] == running { throw PyExc.valueError(Msg.generatorRunning) }
        var throwing = throwing
        if f[4] != 0 { throwing = Obj(raw: f[4]) }   // left by pend_throw(): it wins
        if f[5] == 0 {
            if throwing.isNull && send != .none {
                throw PyExc.typeError("can't send non-None value to a just-started generator")
            }
            f[5] = 1
        } else if throwing.isNull {
            // The yielded value is still on top of the stack: the sent value replaces it.
            let sp = Int(Int32(bitPattern: f[2]))
            UnsafeMutableRawPointer(f + Frame.headerWords).assumingMemoryBound(to: Obj.self)[sp] = send
        }
        f[4] = running
        if isNative(f) { return resumeNative(g, f, send: send, throwing: throwing, result: &result) }
        let cost = try VM.enter(nState: 0)
        defer { VM.leave(cost) }
        do throws(PyExc) {
            let v = try VM.run(f, inject: throwing)
            f[4] = 0
            if VM.yielded {
                VM.yielded = false
                result = v
                return .yielded
            }
            f[5] = 2
            result = v
            return .returned
        } catch {
            f[4] = 0
            f[5] = 2
            var e = error.obj
            if isInstance(e, Exceptions.StopIteration) {
                e = PyExc.runtimeError("generator raised StopIteration").obj
            }
            result = e
            return .raised
        }
    }

    /// A native generator's resume (NativeCode), out of line so the bytecode path stays small.
    @inline(never)
    static func resumeNative(_ g: Obj, _ f: UnsafeMutablePointer<UInt32>, send: Obj, throwing: Obj, result: inout Obj) -> Outcome {
        // Machine code keeps its own code state after the frame header (NativeCode).
        defer { f[4] = 0 }
        do throws(PyExc) {
            let outcome = try NativeCode.resumeGenerator(g, send: send, throwing: throwing, result: &result)
            if outcome != .yielded { f[5] = 2 }
            return outcome
        } catch {
            f[5] = 2
            result = error.obj
            return .raised
        }
    }

    static func resumeIterator(_ it: Obj, send: Obj, throwing: Obj, result: inout Obj) throws(PyExc) -> Outcome {
        do throws(PyExc) {
            if !throwing.isNull {
                let dest = try PyStack.pushObjs(3)
                defer { PyStack.pop(to: dest) }
                if isGeneratorExit(throwing) {
                    // close() reaches a delegated-to iterator as its close(), never its throw().
                    if (try Runtime.findAttr(it, .close, dest)) == true {
                        result = try Runtime.callMethod(dest, 0, 0)
                        return .returned
                    }
                } else if (try Runtime.findAttr(it, .throw, dest)) == true {
                    dest[2] = throwing
                    result = try Runtime.callMethod(dest, 1, 0)
                    return .yielded
                }
                result = throwing
                return .raised
            }
            if send == .none {
                // The value of the StopIteration that ended the iterator is the result of the
                // yield from (a Task's __next__ raises StopIteration(value) to return from await).
                Heap.roots[Root.stopIterationArg] = .null
                let v = try Runtime.iterNext(it)
                if v.isNull {
                    let value = Heap.roots[Root.stopIterationArg]
                    Heap.roots[Root.stopIterationArg] = .null
                    result = value.isNull ? .none : value
                    return .returned
                }
                result = v
                return .yielded
            }
            result = try Runtime.callMethodByName(it, .send, [send])
            return .yielded
        } catch {
            if isInstance(error.obj, Exceptions.StopIteration) {
                result = Exceptions.stopIterationValue(error.obj)
                return .returned
            }
            result = error.obj
            return .raised
        }
    }

    // MARK: methods

    static func send(_ g: Obj, _ v: Obj) throws(PyExc) -> Obj {
        var r = Obj.null
        switch try resume(g, send: v, throwing: .null, result: &r) {
        case .yielded: return r
        case .returned:
            throw PyExc(try Exceptions.instantiate(Exceptions.StopIteration, r == .none ? .null : r))
        case .raised: throw PyExc(r)
        }
    }

    /// Whether a thrown value is GeneratorExit (an instance or the class, or a subclass).
    static func isGeneratorExit(_ x: Obj) -> Bool {
        Exceptions.isExceptionType(x) ? isSubclass(x, Exceptions.GeneratorExit) : isInstance(x, Exceptions.GeneratorExit)
    }

    static func throwInto(_ g: Obj, _ e: Obj) throws(PyExc) -> Obj {
        var r = Obj.null
        switch try resume(g, send: .none, throwing: e, result: &r) {
        case .yielded: return r
        case .returned:
            throw PyExc(try Exceptions.instantiate(Exceptions.StopIteration, r == .none ? .null : r))
        case .raised: throw PyExc(try Exceptions.normalise(r))
        }
    }

    /// pend_throw(exc): `exc` is raised inside the generator when it next resumes, whatever
    /// that resume sends; None cancels. Returns what was pending before (None if nothing).
    static func pendThrow(_ g: Obj, _ e: Obj) throws(PyExc) -> Obj {
        let f = frame(g)
        if f[4] == running { throw PyExc.valueError(Msg.generatorRunning) }
        let previous = f[4] == 0 ? Obj.none : Obj(raw: f[4])
        f[4] = e == .none ? 0 : e.raw
        return previous
    }

    static func close(_ g: Obj) throws(PyExc) -> Obj {
        let f = frame(g)
        if f[5] != 1 { f[5] = 2; return .none }
        let exc = try Exceptions.instantiate(Exceptions.GeneratorExit)
        var r = Obj.null
        switch try resume(g, send: .none, throwing: exc, result: &r) {
        case .yielded: throw PyExc.runtimeError("generator ignored GeneratorExit")
        case .returned: return .none
        case .raised:
            if isInstance(r, Exceptions.GeneratorExit) || isInstance(r, Exceptions.StopIteration) { return .none }
            throw PyExc(r)
        }
    }
}
