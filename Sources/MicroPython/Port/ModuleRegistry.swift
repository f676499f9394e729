/// The table of built-in modules, as MicroPython's MP_REGISTER_MODULE and
/// MP_REGISTER_EXTENSIBLE_MODULE build it at compile time. The core registers its portable
/// modules; a port adds its own (machine, esp, network...) through `PortConfiguration.modules`
/// before the runtime starts. Each installer builds its module in the static region with
/// `ModuleBuilder`, which records it here.
///
/// Import order (py/builtinimport.c): sys.modules, then a non-extensible built-in (it can't be
/// shadowed), then sys.path, then an extensible built-in. `ufoo` names the built-in `foo` when
/// `foo` is extensible (the old way of forcing the built-in), and `usys` is always `sys`.
public enum ModuleRegistry {
    /// Builds one or more modules with `ModuleBuilder`; runs once, while the runtime starts.
    public typealias Installer = () -> Void

    nonisolated(unsafe) static var fixed: [String: Obj] = [:]
    nonisolated(unsafe) static var extensible: [String: Obj] = [:]

    /// The portable modules every port has, in the order they are built.
    static let core: [Installer] = [
        MathModule.install, ErrnoModule.install, HeapqModule.install, BinasciiModule.install,
        RandomModule.install, TimeModule.install, StructModule.install, JsonModule.install,
        IoModule.install, ArrayModule.install, CollectionsModule.install, VfsModule.install,
        ReModule.install, SelectModule.install, HashlibModule.install, CryptolibModule.install,
        DeflateModule.install, FramebufModule.install, WebsocketModule.install,
    ]

    /// Records a module built by `ModuleBuilder`.
    static func add(_ name: String, _ module: Obj, extensible isExtensible: Bool) {
        if isExtensible { extensible[name] = module } else { fixed[name] = module }
    }

    /// The module `import name` finds before searching sys.path, or nil.
    static func beforePath(_ name: String) -> Obj? {
        if let m = fixed[name] { return m }
        if name == "usys" { return fixed["sys"] }
        if name.hasPrefix("u"), let m = extensible[String(name.dropFirst())] { return m }
        return nil
    }

    /// The module `import name` finds when sys.path has no such file, or nil.
    static func afterPath(_ name: String) -> Obj? { extensible[name] }

    /// A built-in module by name, whatever its kind (for the core's own use).
    public static func module(_ name: String) -> Obj? { fixed[name] ?? extensible[name] }

    /// Every built-in module's name, sorted (help('modules')).
    public static var names: [String] { (Array(fixed.keys) + Array(extensible.keys)).sorted() }
}
