/// Builds native modules in the static region at start-up (as MicroPython's are in ROM).
public struct ModuleBuilder {
    public let module: Obj
    let globals: Obj

    /// `extensible`: a file on sys.path may take the module's name and `import u<name>` finds
    /// it (MP_REGISTER_EXTENSIBLE_MODULE); see ModuleRegistry.
    public init(_ name: String, extensible: Bool = false) {
        module = Obj(offset: Heap.allocateStatic(bytes: 16))
        setField(module, 0, Types.module)
        globals = Dict.makeStatic()
        setField(module, 1, globals)
        set("__name__", Obj(qstr: Qstr(name)))
        ModuleRegistry.add(name, module, extensible: extensible)
    }

    /// Adds to a module that is already built (a port's functions in a core module, as
    /// `os.dupterm` joins `os` on boards).
    public init?(extending name: String) {
        guard let m = ModuleRegistry.module(name) else { return nil }
        module = m
        globals = field(m, 1)
    }

    public func set(_ name: String, _ v: Obj) { try! Dict.map(globals).setWhileBuildingROM(Obj(qstr: Qstr(name)), v) }

    public func function(_ name: String, _ minArgs: Int, _ maxArgs: Int, kw: Bool = false, _ fn: @escaping NativeFn) {
        set(name, Native.make(name, minArgs, maxArgs, kw: kw, fn))
    }
}
