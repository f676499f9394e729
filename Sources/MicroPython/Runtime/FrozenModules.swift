import MicroPythonCompiler

/// Modules frozen into the firmware, found through the `.frozen` entry of sys.path.
///
/// - `freeze`: compiled while the runtime starts, their bytecode, names and constants in the
///   ROM (MicroPython's frozen .mpy modules). Importing one costs the heap only its module
///   object, context and globals, and what running it makes. A board freezes its modules so.
/// - `register`: kept as source and compiled into the heap when first imported, like a file;
///   a host that starts often (the `micropython` command) does not pay for compiling modules
///   it never imports.
public enum FrozenModules {
    /// The sys.path entry under which frozen modules appear.
    public static let pathPrefix = ".frozen"

    struct Entry {
        /// The ROM context the import copies: qstr table and constant table offsets.
        let qstrTable: UInt32
        let constantTable: UInt32
        let rawCode: Obj
    }

    /// By path below `.frozen`: "name.py", "package/__init__.py", "package/sub.py".
    nonisolated(unsafe) static var entries: [String: Entry] = [:]
    /// Registered modules, compiled when imported.
    nonisolated(unsafe) static var sources: [String: String] = [:]
    /// Folders that hold frozen modules (packages).
    nonisolated(unsafe) static var folders: Set<String> = []

    /// Compiles `source` into the ROM as `.frozen/<path>`. Call while the runtime starts (from a
    /// port's module installer); a module that does not compile stops the start, as a firmware
    /// build would.
    public static func freeze(path: String, source: String) {
        precondition(Heap.allocatingStatic, "frozen modules are built while the runtime starts")
        do throws(PyExc) {
            let compiled = try Runtime.compile(Array(source.utf8), fileName: pathPrefix + "/" + path, mode: .file)
            let (ctx, rc) = try Loader.load(compiled, globals: .null)
            entries[path] = Entry(qstrTable: words(ctx)[2], constantTable: words(ctx)[3], rawCode: rc)
        } catch {
            preconditionFailure("frozen module \(path) does not compile (line numbers in its traceback)")
        }
        addFolders(path)
    }

    /// Keeps `source` as `.frozen/<path>`, compiled when first imported (into the heap).
    public static func register(path: String, source: String) {
        guard entries[path] == nil else { return }
        sources[path] = source
        addFolders(path)
    }

    /// True if `path` (below `.frozen`) is frozen or registered.
    public static func contains(_ path: String) -> Bool { entries[path] != nil || sources[path] != nil }

    /// Records every folder above `path` ("a/b/c.py": "a/b" and "a"). Works on the UTF-8 bytes:
    /// `joined(separator:)` on split parts is unspecialised generic code whose first call looks up
    /// protocol conformances at run time, which cost every start a few hundred thousand
    /// instructions. (Frozen paths have no empty components.)
    static func addFolders(_ path: String) {
        let bytes = Array(path.utf8)
        var end = bytes.count
        while let slash = bytes[..<end].lastIndex(of: UInt8(ascii: "/")) {
            if slash > 0 { folders.insert(String(decoding: bytes[..<slash], as: UTF8.self)) }
            end = slash
        }
    }

    /// The frozen path for a filesystem-style path (".frozen/x.py" → "x.py"), if it is frozen.
    static func relative(_ path: String) -> String? {
        guard path.hasPrefix(pathPrefix + "/") else { return nil }
        return String(path.dropFirst(pathPrefix.count + 1))
    }

    static func isFolder(_ path: String) -> Bool {
        guard let r = relative(path) else { return false }
        return folders.contains(r)
    }

    static func entry(_ path: String) -> Entry? {
        guard let r = relative(path) else { return nil }
        return entries[r]
    }

    static func source(_ path: String) -> String? {
        guard let r = relative(path) else { return nil }
        return sources[r]
    }

    /// Every frozen module's path (help('modules')).
    public static var paths: [String] { (Array(entries.keys) + Array(sources.keys)).sorted() }

    /// Runs the frozen module at `path` (below `.frozen`) with `globals`, as
    /// pyexec_frozen_module runs _boot.py in __main__; false if there is no such module.
    public static func execute(path: String, globals: Obj) throws(PyExc) -> Bool {
        guard let e = entries[path] else { return false }
        try run(e, globals: globals)
        return true
    }

    /// Runs a frozen module's code with `globals`: a fresh context on the heap, sharing the
    /// ROM's tables.
    static func run(_ e: Entry, globals: Obj) throws(PyExc) {
        let ctx = Obj(offset: try Heap.allocate(bytes: 16))
        setField(ctx, 0, Types.module)
        setField(ctx, 1, globals)
        words(ctx)[2] = e.qstrTable
        words(ctx)[3] = e.constantTable
        let hold = try PyStack.pushObjs(2); defer { PyStack.pop(to: hold) }
        hold[0] = ctx
        hold[1] = try Function.make(e.rawCode, context: ctx, defaults: .null, kwDefaults: .null)
        let saved = Runtime.locals
        Runtime.locals = globals
        defer { Runtime.locals = saved }
        _ = try Runtime.call(hold[1], hold + 1, 0, 0)
    }
}
