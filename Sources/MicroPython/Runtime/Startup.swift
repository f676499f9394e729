import CSupport

/// The two profiles of the same VM.
public enum Profile: String {
    /// The unix port's feature set: boxed double floats, a large heap.
    case host
    /// The ESP8266 build: immediate 30-bit floats, no complex, a 38 KiB heap.
    case esp8266
}

/// Brings up a runtime: arena, qstrs, types, builtins and core modules.
public enum MicroPythonRuntime {
    nonisolated(unsafe) public static var profile = Profile.host
    nonisolated(unsafe) static var started = false

    public static func initialise(profile: Profile, heapBytes: Int, argv: [String], stackTop: UnsafeMutableRawPointer?,
                                  nativeStackSize: Int) {
        precondition(!started, "runtime already initialised")
        started = true
        self.profile = profile
        Float.immediate = profile == .esp8266
        Runtime.compilerOptions.allowComplex = profile == .host
        QstrPool.start()
        Heap.initialise(heapBytes: heapBytes)
        Heap.stackTop = stackTop
        if let top = stackTop {
            // Leave a margin below the limit for the native code that raises the error.
            VM.nativeStackLimit = UInt(bitPattern: top) - UInt(nativeStackSize) + 256 * 1024
        }
        if profile == .esp8266 {
            VM.stackLimit = 8192 - 1024
            VM.frameCost = 120
            VM.slotCost = 4
        }
        PyStack.initialise(words: profile == .esp8266 ? 64 * 1024 : 1024 * 1024)
        Heap.allocatingStatic = true
        Classes.startCache()
        Types.create()
        Exceptions.create()
        Builtins.install()
        do throws(PyExc) { try CoreModules.install(argv: argv) } catch { preconditionFailure("start-up failed") }
        ExtraModules.install()
        Heap.allocatingStatic = false
        QstrPool.sealROM()
        Heap.finaliser = { o in Finalisers.run(o) }
        let main = try! Module.make(name: .__main__)
        Heap.roots[Root.mainGlobals] = Module.globals(main)
        try! Dict.set(Import.modules, Obj(qstr: .__main__), main)
        Runtime.locals = Module.globals(main)
        Runtime.globalsNow = Module.globals(main)
    }
}

/// Registry for modules defined outside the core start-up (math, ports...).
public enum ExtraModules {
    nonisolated(unsafe) public static var installers: [() -> Void] = []
    static func install() {
        MathModule.install()
        ErrnoModule.install()
        HeapqModule.install()
        BinasciiModule.install()
        RandomModule.install()
        TimeModule.install()
        StructModule.install()
        JsonModule.install()
        IoModule.install()
        ArrayModule.install()
        CollectionsModule.install()
        VfsModule.install()
        for i in installers { i() }
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
