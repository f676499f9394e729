/// sys, gc and micropython.
public enum CoreModules {
    /// The platform string, version text and the `_mpy` value the host profile reports.
    nonisolated(unsafe) public static var exitHook: ((Int) -> Never)? = nil

    static func install() {
        let sys = ModuleBuilder("sys")
        let port = MicroPythonRuntime.port
        sys.set("platform", Str.makeStatic(port.platform))
        sys.set("byteorder", Obj(qstr: .little))
        sys.set("maxsize", try! IntOps.make(port.wordBits >= 64 ? Int(Int64.max) : Int(Int32.max)))
        sys.set("version", Str.makeStatic(port.sysVersion))
        let vi = Tuple.makeStatic([Obj(small: 3), Obj(small: 4), Obj(small: 0)])
        sys.set("version_info", vi)
        sys.set("implementation", AttrTuple.makeStatic([
            ("name", Str.makeStatic("micropython")),
            ("version", Tuple.makeStatic([Obj(small: port.version.0), Obj(small: port.version.1),
                                          Obj(small: port.version.2), Str.makeStatic(port.version.3)])),
            ("_machine", Str.makeStatic(port.machine)),
            ("_mpy", Obj(small: port.mpyValue)),
            ("_build", Str.makeStatic(port.buildName)),
        ]))
        sys.function("exit", 0, 1) { (a, n, _) throws(PyExc) in
            throw PyExc(try Exceptions.instantiate(Exceptions.SystemExit, n == 1 ? a[0] : .null))
        }
        if MicroPythonRuntime.port.moduleFeatures.contains(.sysExcInfo) {
            // (type, value, None) of the exception an except clause is handling, as the C
            // VM's cur_exception: the last one caught, until a handler ends normally.
            sys.function("exc_info", 0, 0) { (_, _, _) throws(PyExc) in
                let e = Heap.roots[Root.currentException]
                if e.isNull { return try ModSupport.tuple(3) { _ in .none } }
                return try ModSupport.tuple(3) { i in i == 0 ? typeOf(e) : (i == 1 ? e : .none) }
            }
        }
        sys.function("print_exception", 1, 2) { (a, n, _) throws(PyExc) in
            let file = n == 2 ? a[1] : .none
            var p = Printer()
            Traceback.format(a[0], &p)
            if n == 1 || file == Heap.roots[Root.stdout] {
                Builtins.out(p.bytes)
            } else if IoModule.isStream(file) {
                try IoModule.check(file)
                let text = p.bytes
                let n = text.count
                let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(n, 1))
                defer { copy.deallocate() }
                copy.initialize(from: text, count: n)
                try IoModule.write(file, copy, n)
            } else if let write = NativeProtocols.of(file)?.stream?.write {
                let text = p.bytes
                let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(text.count, 1), alignment: 1)
                defer { copy.deallocate() }
                copy.copyBytes(from: text)
                _ = try write(file, UnsafeRawBufferPointer(rebasing: copy[0..<text.count]))
            } else if FileObjects.isFile(file) {
                let text = try Str.make(bytes: p.bytes, type: typeOf(file) == FileObjects.textIO ? Types.str : Types.bytes)
                _ = try Runtime.callMethodByName(file, .write, [text])
            } else {
                // As MicroPython: only a native stream will do (not None, nor a Python object
                // with a write method).
                throw PyExc.make(Exceptions.OSError, "stream operation not supported")
            }
            return .none
        }
        // sys.modules, sys.path and sys.argv live in the GC heap: made anew by every session
        // (startSession), as mp_init makes them.
        sys.set("modules", .none)
        sys.set("path", .none)
        sys.set("argv", .none)
        Heap.roots[Root.sysModule] = sys.module
        installStdio(sys)

        let gc = ModuleBuilder("gc")
        gc.function("collect", 0, 0) { (_, _, _) throws(PyExc) in
            // Zero the dead native stack first, so the collector's own frames cannot carry
            // stale pointers left by earlier, deeper calls (the scan is conservative).
            Heap.scrubStack()
            Heap.collect()
            return .none
        }
        // In the C module's table order (help() lists it).
        gc.function("disable", 0, 0) { (_, _, _) throws(PyExc) in Heap.autoCollect = false; return .none }
        gc.function("enable", 0, 0) { (_, _, _) throws(PyExc) in Heap.autoCollect = true; return .none }
        gc.function("isenabled", 0, 0) { (_, _, _) throws(PyExc) in Obj(bool: Heap.autoCollect) }
        gc.function("mem_free", 0, 0) { (_, _, _) throws(PyExc) in try IntOps.make(Heap.freeBytes()) }
        gc.function("mem_alloc", 0, 0) { (_, _, _) throws(PyExc) in try IntOps.make(Heap.usedBytes()) }
        gc.function("threshold", 0, 1) { (a, n, _) throws(PyExc) in
            if n == 0 { return try IntOps.make(Heap.thresholdBlocks < 0 ? -1 : Heap.thresholdBlocks * 16) }
            let v = try IntOps.toInt(a[0])
            Heap.thresholdBlocks = v < 0 ? -1 : v / 16
            return .none
        }

        let mp = ModuleBuilder("micropython")
        mp.function("const", 1, 1) { (a, _, _) throws(PyExc) in a[0] }
        mp.function("opt_level", 0, 1) { (a, n, _) throws(PyExc) in
            if n == 0 { return Obj(small: Runtime.compilerOptions.optimizationLevel) }
            Runtime.compilerOptions.optimizationLevel = try IntOps.toInt(a[0])
            return .none
        }
        mp.function("mem_info", 0, 1) { (a, n, _) throws(PyExc) in
            let (one, two, maxBlock, maxFree) = Heap.fragmentation()
            var s = ""
            if MicroPythonRuntime.port.moduleFeatures.contains(.memStats) {
                let st = Heap.allocationStats()
                s += "mem: total=\(st.total), current=\(st.current), peak=\(st.peak)\n"
            }
            s += "stack: \(VM.stackUsed) out of \(VM.stackLimit)\n"
            s += "GC: total: \(Heap.totalBytes), used: \(Heap.usedBytes()), free: \(Heap.freeBytes())\n"
            s += " No. of 1-blocks: \(one), 2-blocks: \(two), max blk sz: \(maxBlock), max free sz: \(maxFree)\n"
            // With an argument, the block map as well, marking heads by type as MicroPython does.
            if n == 1, try Runtime.isTrue(a[0]) { s += Heap.layout(symbol: blockSymbol) }
            Builtins.out(s)
            return .none
        }
        mp.function("qstr_info", 0, 1) { (_, n, _) throws(PyExc) in
            // The heap pools only, as MicroPython counts them (its ROM pools are left out).
            let i = QstrPool.info()
            Builtins.out("qstr pool: n_pool=\(i.pools), n_qstr=\(i.qstrs), n_str_data_bytes=\(i.dataBytes), n_total_bytes=\(i.totalBytes)\n")
            // With an argument, the heap qstrs too, newest pool first.
            if n == 1 { for q in QstrPool.heapQstrs() { Builtins.out("Q(\(q.string))\n") } }
            return .none
        }
        if MicroPythonRuntime.port.moduleFeatures.contains(.memStats) {
            // Bytes allocated ever, now (less explicit frees) and at most (MICROPY_MEM_STATS).
            mp.function("mem_total", 0, 0) { (_, _, _) throws(PyExc) in try IntOps.make(Heap.allocationStats().total) }
            mp.function("mem_current", 0, 0) { (_, _, _) throws(PyExc) in try IntOps.make(Heap.allocationStats().current) }
            mp.function("mem_peak", 0, 0) { (_, _, _) throws(PyExc) in try IntOps.make(Heap.allocationStats().peak) }
        }
        if MicroPythonRuntime.port.moduleFeatures.contains(.ringIO) { RingIOClass.install(mp) }
        mp.function("stack_use", 0, 0) { (_, _, _) throws(PyExc) in Obj(small: VM.stackUsed) }
        mp.function("heap_lock", 0, 0) { (_, _, _) throws(PyExc) in Heap.lockDepth += 1; return .none }
        mp.function("heap_unlock", 0, 0) { (_, _, _) throws(PyExc) in
            if Heap.lockDepth > 0 { Heap.lockDepth -= 1 }
            return Obj(small: Heap.lockDepth)
        }
        mp.function("heap_locked", 0, 0) { (_, _, _) throws(PyExc) in Obj(small: Heap.lockDepth) }
        let kbdIntr = Native.make("kbd_intr", 1, 1) { (a, _, _) throws(PyExc) in
            Runtime.interruptChar = try IntOps.toInt(a[0])
            return .none
        }
        mp.set("kbd_intr", kbdIntr)
        Scheduler.kbdIntrFunction = kbdIntr
        mp.function("schedule", 2, 2) { (a, _, _) throws(PyExc) in
            // schedule(kbd_intr, None) schedules a KeyboardInterrupt (a single static entry,
            // as MicroPython's scheduler node: scheduling it again while pending is a no-op).
            if a[0] == Scheduler.kbdIntrFunction {
                Scheduler.scheduleInterrupt()
                return .none
            }
            if !(try Scheduler.schedule(a[0], a[1])) { throw PyExc.runtimeError("schedule queue full") }
            return .none
        }
        mp.function("alloc_emergency_exception_buf", 1, 1) { (_, _, _) throws(PyExc) in .none }
    }
}

extension CoreModules {
    /// sys.stdin/stdout/stderr: static stream objects [type, fd] whose write() goes to the
    /// host's output hooks.
    /// Makes this session's sys.modules, sys.path (the port's initial entries) and sys.argv.
    static func startSession(argv: [String], path: [String]) throws(PyExc) {
        let sysDict = Module.globals(Heap.roots[Root.sysModule])
        let modules = try Dict.make()
        Heap.roots[Root.modules] = modules
        try Dict.set(sysDict, Obj(qstr: Qstr("modules")), modules)
        let p = try List.make(count: 0)
        Heap.roots[Root.sysPath] = p
        try Dict.set(sysDict, Obj(qstr: Qstr("path")), p)
        for e in path { try List.append(p, try Str.make(e)) }
        let av = try List.make(count: 0)
        Heap.roots[Root.sysArgv] = av
        try Dict.set(sysDict, Obj(qstr: Qstr("argv")), av)
        for s in argv { try List.append(av, try Str.make(s)) }
    }

    static func installStdio(_ sys: ModuleBuilder) { Stdio.install(sys) }
}

extension Runtime {
    /// The character that raises KeyboardInterrupt (-1: none), set by micropython.kbd_intr.
    nonisolated(unsafe) public static var interruptChar = 3
}

/// The character mem_info(1) shows for a head block whose first word is `w`.
private func blockSymbol(_ w: UInt32) -> Character {
    let t = Obj(raw: w)
    switch t {
    case Types.tuple: return "T"
    case Types.list: return "L"
    case Types.dict: return "D"
    case Types.str, Types.bytes: return "S"
    case Types.bytearray: return "A"
    case Types.float: return "F"
    case Types.function: return "B"
    case Types.module: return "M"
    default: return "h"
    }
}
