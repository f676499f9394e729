import MicroPythonCompiler

/// import: sys.modules, builtin modules, then .py/.mpy files and packages along sys.path.
/// The core reads files only through the host hooks below, so the board can supply its VFS.
public enum Import {
    /// Reads a whole file, or nil if it does not exist.
    nonisolated(unsafe) public static var readFile: (String) -> [UInt8]? = { _ in nil }
    /// True if the path is a directory.
    nonisolated(unsafe) public static var isDirectory: (String) -> Bool = { _ in false }

    static var modules: Obj { Heap.roots[Root.modules] }

    /// An import statement: `builtins.__import__ = f` takes it over.
    public static func importStatement(_ name: Qstr, fromList: Obj, level: Obj, globals: Obj) throws(PyExc) -> Obj {
        let over = Heap.roots[Root.builtinsOverride]
        if !over.isNull, let s = Dict.map(over).lookupQstr(Obj(qstr: .__import__)) {
            return try Runtime.invoke(s[1], Obj(qstr: name), globals, Obj.none, fromList, level)
        }
        return try importName(name, fromList: fromList, level: level, globals: globals)
    }

    /// The import machinery itself (the builtin __import__).
    public static func importName(_ name: Qstr, fromList: Obj, level: Obj, globals: Obj) throws(PyExc) -> Obj {
        var full = name.string
        let lvl = level.isSmallInt ? level.smallValue : 0
        if lvl > 0 {
            // Relative import: resolve against the importing module's package.
            var pkg = ""
            if let n = try Dict.get(globals, Obj(qstr: .__name__)), Str.isStr(n) { pkg = Str.string(n) }
            let isPackage = try Dict.get(globals, Obj(qstr: .__path__)) != nil
            var parts = pkg.split(separator: ".").map(String.init)
            if !isPackage { parts = Array(parts.dropLast()) }
            if lvl - 1 > parts.count || parts.isEmpty && pkg.isEmpty {
                throw PyExc.make(Exceptions.ImportError, "can't perform relative import")
            }
            parts = Array(parts.dropLast(lvl - 1))
            if parts.isEmpty { throw PyExc.make(Exceptions.ImportError, "can't perform relative import") }
            full = (parts + (full.isEmpty ? [] : [full])).joined(separator: ".")
        }
        let components = full.split(separator: ".").map(String.init)
        var prefix = ""
        var top = Obj.null, leaf = Obj.null
        var parentPath: String? = nil
        for c in components {
            prefix = prefix.isEmpty ? c : prefix + "." + c
            let m = try importOne(prefix, component: c, parentPath: parentPath, parent: leaf)
            if top.isNull { top = m }
            leaf = m
            parentPath = try packagePath(m)
        }
        let hasFromList = fromList != .none && !fromList.isNull && (kindOf(fromList) != .tuple || Tuple.count(fromList) > 0)
        return hasFromList ? leaf : top
    }

    static func packagePath(_ m: Obj) throws(PyExc) -> String? {
        guard kindOf(m) == .module, let p = try Dict.get(Module.globals(m), Obj(qstr: .__path__)), Str.isStr(p) else { return nil }
        return Str.string(p)
    }

    static func importOne(_ fullName: String, component: String, parentPath: String?, parent: Obj) throws(PyExc) -> Obj {
        let key = try Str.make(fullName)
        // An empty sys.path forces a built-in: loaded modules of the name (the file module
        // that extends it, being imported) are passed over, as in MicroPython.
        if parentPath != nil || !searchPathIsEmpty(), let m = try Dict.get(modules, key) { return m }
        // Built-ins are not entered in sys.modules (as in MicroPython).
        if parentPath == nil, let m = ModuleRegistry.beforePath(fullName) { return m }
        let dirs: [String]
        if let p = parentPath { dirs = [p] } else { dirs = try searchPath() }
        for dir in dirs {
            let base = dir.isEmpty ? component : (dir == "/" ? "/" + component : dir + "/" + component)
            if dir == FrozenModules.pathPrefix || dir.hasPrefix(FrozenModules.pathPrefix + "/") {
                if let m = try importFrozen(fullName, base: base, key: key, parent: parent, component: component) { return m }
                continue
            }
            if isDirectoryAnywhere(base) {
                let initPy = base + "/__init__.py"
                let src = try readFileAnywhere(initPy)
                let m = try newModule(fullName, file: src == nil ? nil : initPy)
                try Dict.set(Module.globals(m), Obj(qstr: .__path__), try Str.make(base))
                try registerAndRun(m, key: key, source: src, fileName: initPy, parent: parent, component: component)
                return m
            }
            if let src = try readFileAnywhere(base + ".py") {
                let m = try newModule(fullName, file: base + ".py")
                try registerAndRun(m, key: key, source: src, fileName: base + ".py", parent: parent, component: component)
                return m
            }
            if let bin = try readFileAnywhere(base + ".mpy") {
                let m = try newModule(fullName, file: base + ".mpy")
                try registerAndRun(m, key: key, mpy: bin, fileName: base + ".mpy", parent: parent, component: component)
                return m
            }
        }
        if parentPath == nil, let m = ModuleRegistry.afterPath(fullName) { return m }
        throw PyExc.make(Exceptions.ImportError, "no module named '\(fullName)'")
    }

    /// A frozen module or package at `base` (".frozen/name"), run from the ROM.
    static func importFrozen(_ fullName: String, base: String, key: Obj, parent: Obj, component: String) throws(PyExc) -> Obj? {
        let isPackage = FrozenModules.isFolder(base)
        let file = isPackage ? base + "/__init__.py" : base + ".py"
        let entry = FrozenModules.entry(file)
        if entry == nil, let src = FrozenModules.source(file) {
            // Registered, not compiled yet: imported as a file would be.
            let m = try newModule(fullName, file: file)
            let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
            hold[0] = m
            if isPackage { try Dict.set(Module.globals(m), Obj(qstr: .__path__), try Str.make(base)) }
            try registerAndRun(m, key: key, source: Array(src.utf8), fileName: file, parent: parent, component: component)
            return m
        }
        if entry == nil && !isPackage { return nil }
        let m = try newModule(fullName, file: entry == nil ? nil : file)
        let hold = try PyStack.pushObjs(2); defer { PyStack.pop(to: hold) }
        hold[0] = m; hold[1] = key
        if isPackage { try Dict.set(Module.globals(m), Obj(qstr: .__path__), try Str.make(base)) }
        try Dict.set(modules, key, m)
        if let e = entry {
            do throws(PyExc) { try FrozenModules.run(e, globals: Module.globals(m)) } catch {
                _ = try? Dict.map(modules).remove(key)
                throw error
            }
        }
        if !parent.isNull && kindOf(parent) == .module {
            try Dict.set(Module.globals(parent), Obj(qstr: Qstr(component)), m)
        }
        return m
    }

    /// Paths under a mounted filesystem are read through the VFS (as MicroPython's import
    /// does); other paths through the host hooks.
    static func isDirectoryAnywhere(_ path: String) -> Bool {
        if let st = VfsImport.stat(path) { return st == .directory }
        return isDirectory(path)
    }

    static func readFileAnywhere(_ path: String) throws(PyExc) -> [UInt8]? {
        if let st = VfsImport.stat(path) { return st == .file ? try VfsImport.read(path) : nil }
        return readFile(path)
    }

    static func searchPathIsEmpty() -> Bool {
        let p = Heap.roots[Root.sysPath]
        switch kindOf(p) {
        case .list: return List.count(p) == 0
        case .tuple: return Tuple.count(p) == 0
        default: return true
        }
    }

    static func searchPath() throws(PyExc) -> [String] {
        // A list, or the tuple a program may have put in its place.
        let p = Heap.roots[Root.sysPath]
        var out: [String] = []
        switch kindOf(p) {
        case .list: for i in 0..<List.count(p) where Str.isStr(List.item(p, i)) { out.append(Str.string(List.item(p, i))) }
        case .tuple: for i in 0..<Tuple.count(p) where Str.isStr(Tuple.item(p, i)) { out.append(Str.string(Tuple.item(p, i))) }
        default: break
        }
        return out
    }

    /// The module `-m` runs: imported under its name, but its __name__ is "__main__".
    nonisolated(unsafe) public static var mainModuleName: String? = nil

    static func newModule(_ name: String, file: String?) throws(PyExc) -> Obj {
        let m = try Module.make(name: try QstrPool.intern(data: name == mainModuleName ? "__main__" : name))
        if name == mainModuleName {
            // As the unix port: sys.modules['__main__'] is this module (unittest.main() looks
            // there), and its real name is kept in its __main__ global.
            let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
            hold[0] = m
            try Dict.set(modules, Obj(qstr: .__main__), m)
            try Dict.set(Module.globals(m), Obj(qstr: .__main__), Obj(qstr: try QstrPool.intern(data: name)))
        }
        if let f = file, MicroPythonRuntime.port.moduleFileAttribute {
            let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
            hold[0] = m
            // A qstr, as C stores the lexer's source name (interned for the code anyway).
            try Dict.set(Module.globals(m), Obj(qstr: .__file__), Obj(qstr: try QstrPool.intern(data: f)))
        }
        return m
    }

    static func registerAndRun(_ m: Obj, key: Obj, source: [UInt8]? = nil, mpy: [UInt8]? = nil, fileName: String,
                               parent: Obj, component: String) throws(PyExc) {
        let hold = try PyStack.pushObjs(2); defer { PyStack.pop(to: hold) }
        hold[0] = m; hold[1] = key
        try Dict.set(modules, key, m)
        do throws(PyExc) {
            if let src = source {
                try Runtime.execSource(src, fileName: fileName, globals: Module.globals(m))
            } else if let bin = mpy, let (ctx, rc) = try MpyLoader.load(bin, globals: Module.globals(m)) {
                try Runtime.execLoaded(context: ctx, rawCode: rc, globals: Module.globals(m))
            } else if let bin = mpy {
                let compiled: CompiledModule
                do throws(MpyError) { compiled = try readMpy(bin, floatModel: Float.model, nativeArch: UInt8(MicroPythonRuntime.port.mpyArch)) } catch { throw PyExc.valueError(error.message) }
                try Runtime.execCompiled(compiled, globals: Module.globals(m))
            }
        } catch {
            _ = try? Dict.map(modules).remove(key)
            throw error
        }
        if !parent.isNull && kindOf(parent) == .module {
            try Dict.set(Module.globals(parent), Obj(qstr: Qstr(component)), m)
        }
    }

    public static func importFrom(_ module: Obj, _ name: Qstr) throws(PyExc) -> Obj {
        let dest = try PyStack.pushObjs(2); defer { PyStack.pop(to: dest) }
        if (try Runtime.findAttr(module, name, dest)) == true {
            if dest[1].isNull { return dest[0] }
            return try BoundMethod.make(dest[0], dest[1])
        }
        // A submodule of a package not imported yet.
        if kindOf(module) == .module, let path = try packagePath(module),
           let n = try Dict.get(Module.globals(module), Obj(qstr: .__name__)) {
            return try importOne(Str.string(n) + "." + name.string, component: name.string, parentPath: path, parent: module)
        }
        throw PyExc.make(Exceptions.ImportError, "can't import name \(name.string)")
    }

    /// `from m import *` (mp_import_all): the names of `__all__` when m has one, else every
    /// name of m's `__dict__` not starting with an underscore. m may be any object.
    public static func importStar(_ module: Obj, into target: Obj) throws(PyExc) {
        let dest = try PyStack.pushObjs(3)
        defer { PyStack.pop(to: dest) }
        var all = Obj.null
        do throws(PyExc) { all = try Runtime.loadAttr(module, .__all__) } catch {
            if !isInstance(error.obj, Exceptions.AttributeError) { throw error }
        }
        if !all.isNull {
            dest[0] = all
            let it = try Runtime.getIter(all)
            dest[1] = it
            while true {
                let name = try Runtime.iterNext(it)
                if name.isNull { break }
                guard Str.isStr(name) else { throw PyExc.typeError("can't convert '\(typeName(name))' object to str implicitly") }
                dest[2] = name
                let q = try QstrPool.intern(data: Str.string(name))
                try Dict.set(target, Obj(qstr: q), try Runtime.loadAttr(module, q))
            }
            return
        }
        let g = kindOf(module) == .module ? Module.globals(module) : try Runtime.loadAttr(module, .__dict__)
        guard kindOf(g) == .dict else { throw PyExc.typeError("expected a dict") }
        dest[0] = g
        let m = Dict.map(g)
        var i = 0
        while let s = m.next(from: &i) {
            let k = s[0]
            if Str.isStr(k) && Str.length(k) > 0 && Str.data(k).0[0] == 0x5F { continue }
            try Dict.set(target, k, s[1])
        }
    }
}

extension Runtime {
    /// Globals of the code running now.
    nonisolated(unsafe) public static var globalsNow = Obj(raw: 0)

    public static func currentGlobals() -> Obj { globalsNow.isNull ? Heap.roots[Root.mainGlobals] : globalsNow }

    nonisolated(unsafe) public static var compilerOptions = CompilerOptions()

    /// Called with everything compiled from source (the unix port's `-v -v` lists it).
    nonisolated(unsafe) public static var compiledHook: ((CompiledModule) -> Void)? = nil

    public static func compile(_ src: [UInt8], fileName: String, mode: CompileMode) throws(PyExc) -> CompiledModule {
        do throws(CompileError) {
            let compiled = try compilePython(src, fileName: fileName, mode: mode, options: compilerOptions)
            compiledHook?(compiled)
            return compiled
        } catch {
            switch error.kind {
            case .notImplementedError:
                // Raised by MicroPython's native emitter itself: no traceback entry.
                throw PyExc.make(Exceptions.NotImplementedError, error.message)
            case .runtimeError:
                // A limit of the bytecode format, found after parsing (emitbc.c's overflow).
                throw PyExc.make(Exceptions.RuntimeError, error.message)
            case .viperTypeError:
                let e = PyExc.make(Exceptions.ViperTypeError, error.message)
                Exceptions.addTraceback(e.obj, file: try QstrPool.intern(data: fileName), line: error.line,
                                        function: try QstrPool.intern(data: error.function ?? ""))
                throw e
            default:
                break
            }
            let type = error.kind == .indentationError ? Exceptions.IndentationError : Exceptions.SyntaxError
            let e = PyExc.make(type, error.message)
            // The C lexer interns the file name first, on the heap like any program data.
            Exceptions.addTraceback(e.obj, file: try QstrPool.intern(data: fileName), line: error.line, function: .empty)
            throw e
        }
    }

    /// Makes the module-level function of compiled code bound to `globals`.
    public static func moduleFunction(_ compiled: CompiledModule, globals: Obj) throws(PyExc) -> Obj {
        let (ctx, rc) = try Loader.load(compiled, globals: globals)
        let hold = try PyStack.pushObjs(2); defer { PyStack.pop(to: hold) }
        hold[0] = ctx; hold[1] = rc
        return try Function.make(rc, context: ctx, defaults: .null, kwDefaults: .null)
    }

    /// Runs loaded module code (MpyLoader's) with its globals as the name namespace.
    static func execLoaded(context ctx: Obj, rawCode rc: Obj, globals: Obj) throws(PyExc) {
        let hold = try PyStack.pushObjs(3); defer { PyStack.pop(to: hold) }
        hold[0] = ctx; hold[1] = rc
        hold[2] = try Function.make(rc, context: ctx, defaults: .null, kwDefaults: .null)
        let saved = Runtime.locals
        Runtime.locals = globals
        defer { Runtime.locals = saved }
        _ = try call(hold[2], hold + 2, 0, 0)
    }

    /// Runs compiled module code with `locals` (default: the globals) as the name namespace.
    @discardableResult
    public static func execCompiled(_ compiled: CompiledModule, globals: Obj, locals: Obj = .null) throws(PyExc) -> Obj {
        let f = try moduleFunction(compiled, globals: globals)
        let saved = Runtime.locals
        Runtime.locals = locals.isNull ? globals : locals
        defer { Runtime.locals = saved }
        let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
        hold[0] = f
        return try call(f, hold, 0, 0)
    }

    @discardableResult
    public static func execSource(_ src: [UInt8], fileName: String, globals: Obj, mode: CompileMode = .file) throws(PyExc) -> Obj {
        let compiled = try compile(src, fileName: fileName, mode: mode)
        return try execCompiled(compiled, globals: globals)
    }

    /// exec()/eval() of a str, bytes or compiled code object.
    static func evalSource(_ code: Obj, globals: Obj, locals: Obj, mode: CompileMode) throws(PyExc) -> Obj {
        // The namespaces are used as dict tables: anything else is a (bare) TypeError, as in C.
        for ns in [globals, locals] where !ns.isNull && ns != .none && kindOf(ns) != .dict {
            throw PyExc.make(Exceptions.TypeError)
        }
        let g = globals.isNull || globals == .none ? currentGlobals() : globals
        let l = locals.isNull || locals == .none ? (globals.isNull || globals == .none ? Runtime.locals : g) : locals
        if kindOf(code) == .function {
            let saved = Runtime.locals
            Runtime.locals = l
            defer { Runtime.locals = saved }
            return try invoke(code)
        }
        guard Str.isStr(code) || BytesMethods.isBuffer(code) else { throw PyExc.typeError("object with buffer protocol required") }
        let (p, n) = BytesMethods.data(code)
        let compiled = try compile(Array(UnsafeBufferPointer(start: p, count: n)), fileName: "<string>", mode: mode)
        return try execCompiled(compiled, globals: g, locals: l)
    }

    static func compileToFunction(_ src: String, fileName: String, mode: CompileMode, globals: Obj) throws(PyExc) -> Obj {
        let compiled = try compile(Array(src.utf8), fileName: fileName, mode: mode)
        return try moduleFunction(compiled, globals: globals)
    }

    /// len() of any sized object.
    public static func length(_ o: Obj) throws(PyExc) -> Int {
        if o.isQstr { return UTF8Util.count(Str.data(o).0, Str.data(o).1) }
        switch kindOf(o) {
        case .str:
            let (p, n) = Str.data(o)
            return UTF8Util.count(p, n)
        case .bytes: return Str.length(o)
        case .bytearray: return ByteArray.count(o)
        case .memoryview: return MemoryView.count(o)
        case .list: return List.count(o)
        case .tuple: return Tuple.count(o)
        case .dict: return Dict.count(o)
        case .set, .frozenset: return SetObj.count(o)
        case .range: return Range.length(o)
        case .iterator:
            switch Iteration.kind(o) {
            case .keysView, .valuesView, .itemsView: return Dict.count(field(o, 2))
            default: break
            }
        case .nativeObject:
            if let m = Classes.lookup(typeOf(o), .__len__) { return try IntOps.toInt(try invokeMethod(m, o)) }
        case .instance:
            if let m = Classes.lookup(typeOf(o), .__len__) { return try IntOps.toInt(try invokeMethod(m, o)) }
            let n = Classes.nativePart(o)
            if !n.isNull && NativeSlots.hasUnaryOp(n) {
                // A number's operator is asked for the length: C's small int one falls through
                // to its invert (len(IntSubclass(5)) is -6), the others decline it.
                if n.isSmallInt { return ~n.smallValue }
                if IntOps.isInt(n) || Float.isFloat(n) || Complex.isComplex(n) {
                    throw PyExc.typeError("unsupported type for __len__: '\(typeName(n))'")
                }
                return try length(n)
            }
        default: break
        }
        throw PyExc.typeError("object of type '\(typeName(o))' has no len()")
    }
}
