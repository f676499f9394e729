import CSupport

/// Brings up the runtime, and takes it back to its just-started state (soft reset).
///
/// Two parts, as on a MicroPython firmware:
/// - the "ROM", built once per process by `initialise`: qstrs of the core's names, builtin
///   types, functions and modules in the arena's static region, never collected;
/// - the session, made by `startSession` in the GC heap: sys.modules, sys.path, sys.argv,
///   __main__. `softReset` ends a session (finalisers of every object, the heap wiped, every
///   piece of mutable interpreter state back to its start value) and starts a new one, as
///   MicroPython's gc_sweep_all + mp_deinit + gc_init + mp_init.
public enum MicroPythonRuntime {
    /// The port this runtime was started for.
    nonisolated(unsafe) public private(set) static var port = PortConfiguration.unix
    nonisolated(unsafe) static var started = false
    /// Whether `initialise` has run in this process.
    public static var isStarted: Bool { started }
    nonisolated(unsafe) static var sessionArgv: [String] = []

    /// Port hooks run at every soft reset, after every object's finaliser and before the heap
    /// is wiped: a port drops what it keeps for the session (IRQ handlers, timers...).
    nonisolated(unsafe) public static var resetHooks: [() -> Void] = []

    /// Starts the runtime once per process. `heapBytes` nil: the port's default heap.
    public static func initialise(port: PortConfiguration, heapBytes: Int? = nil, argv: [String],
                                  stackTop: UnsafeMutableRawPointer?, nativeStackSize: Int) {
        precondition(!started, "the runtime starts once per process; use softReset() to start again")
        started = true
        self.port = port
        sessionArgv = argv
        Float.immediate = port.floats == .immediateSingle
        Complex.enabled = port.complexNumbers
        Runtime.compilerOptions.allowComplex = port.complexNumbers
        Runtime.compilerOptions.floatModel = Float.model
        Runtime.compilerOptions.nativeWordBits = port.wordBits
        Runtime.compilerOptions.foldModuleConstants = port.compilerOptimisations
        Runtime.compilerOptions.tripleTupleAssign = port.compilerOptimisations
        Runtime.compilerOptions.returnIfExpr = port.compilerOptimisations
        Runtime.compilerOptions.detailedErrors = port.detailedErrors
        Viper.wordBits = port.wordBits >= 64 ? 64 : 32
        Classes.userSetattr = port.moduleFeatures.contains(.delattrSetattr)
        MapRef.hashMask = port.wordBits >= 64 ? UInt.max : UInt(UInt32.max)
        QstrPool.start()
        Heap.initialise(heapBytes: heapBytes ?? port.defaultHeapBytes)
        Heap.stackTop = stackTop
        if let top = stackTop {
            // Leave a margin below the limit for the native code that raises the error.
            VM.nativeStackLimit = UInt(bitPattern: top) - UInt(nativeStackSize) + 256 * 1024
        }
        VM.stackLimit = port.cStackBytes
        VM.frameCost = port.cStackFrameBytes
        VM.slotCost = port.cStackSlotBytes
        PyStack.initialise(words: port.valueStackWords)
        Heap.allocatingStatic = true
        Classes.startCache()
        Types.create()
        Exceptions.create()
        Slice.createScratch()
        Builtins.install()
        CoreModules.install()
        for install in ModuleRegistry.core { install() }
        for install in port.modules { install() }
        // The portable frozen modules a port did not freeze into its ROM: compiled on import.
        for m in FrozenLibrary.modules where !FrozenModules.contains(m.path) {
            FrozenModules.register(path: m.path, source: m.source)
        }
        Heap.allocatingStatic = false
        RuntimeState.sealROM()
        Heap.finaliser = { o in Finalisers.run(o) }
        do throws(PyExc) { try startSession() } catch { preconditionFailure("the heap is too small to start") }
    }

    /// Makes the session's objects in the GC heap.
    static func startSession() throws(PyExc) {
        try CoreModules.startSession(argv: sessionArgv, path: port.initialSysPath)
        let main = try Module.make(name: .__main__)
        Heap.roots[Root.mainGlobals] = Module.globals(main)
        try Dict.set(Import.modules, Obj(qstr: .__main__), main)
        Runtime.locals = Module.globals(main)
        Runtime.globalsNow = Module.globals(main)
    }

    /// Soft reset: runs the finaliser of every object that has one (files are flushed and
    /// closed), drops every object and everything the interpreter keeps for a session, and
    /// starts a new session. The ROM and the settings made at start-up (heap size, gcstress,
    /// the port) stay. Call it from the interpreter's thread, with no Python code running.
    public static func softReset() {
        Heap.sweepAll()
        for hook in resetHooks { hook() }
        RuntimeState.reset()
        do throws(PyExc) { try startSession() } catch { preconditionFailure("the heap is too small to start") }
    }
}

/// Finalisers run by the collector for unreachable objects that asked for one.
public enum Finalisers {
    nonisolated(unsafe) public static var native: [(Obj) -> Bool] = []
    static func run(_ o: Obj) {
        for f in native where f(o) { return }
        if kindOf(o) == .instance, let d = Classes.lookup(typeOf(o), .__del__) {
            let saved = Heap.collecting
            _ = try? Runtime.invoke(d, o)
            Heap.collecting = saved
        }
    }
}
