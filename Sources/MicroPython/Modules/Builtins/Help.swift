/// help(): the port's welcome text, help(obj) listing an object's members, and
/// help('modules') listing every module the firmware has (MICROPY_PY_BUILTINS_HELP_MODULES).
extension Builtins {
    /// MicroPython's text for ports that give none of their own.
    public static let defaultHelpText = """
        Welcome to MicroPython!

        For online docs please visit http://docs.micropython.org/

        Control commands:
          CTRL-A        -- on a blank line, enter raw REPL mode
          CTRL-B        -- on a blank line, enter normal REPL mode
          CTRL-C        -- interrupt a running program
          CTRL-D        -- on a blank line, exit or do a soft reset
          CTRL-E        -- on a blank line, enter paste mode

        For further help on a specific object, type help(obj)

        """

    static let helpColumns = 4, helpColumnWidth = 18

    static func installHelp() {
        function("help", 0, 1) { (a, n, _) throws(PyExc) in
            if n == 0 {
                out(MicroPythonRuntime.port.helpText ?? defaultHelpText)
            } else if a[0] == Obj(qstr: Qstr("modules")) {
                printModules()
            } else {
                try printMembers(a[0])
            }
            return .none
        }
    }

    static func printMembers(_ o: Obj) throws(PyExc) {
        var type = typeOf(o)
        out("object " + (try Runtime.strString(o)) + " is of type " + TypeObject.name(type).string + "\n")
        var members = Obj.null
        if kindOf(o) == .module {
            members = Module.globals(o)
        } else {
            if type == Types.type { type = o }
            let d = field(type, 3)
            if !d.isNull && kindOf(d) == .dict { members = d }
        }
        guard !members.isNull else { return }
        let map = Dict.map(members)
        func line(_ k: Obj, _ v: Obj) throws(PyExc) {
            out("  " + (try Runtime.strString(k)) + " -- " + (try Runtime.strString(v)) + "\n")
        }
        // A builtin module's or type's members in the order they were declared (as a C
        // build's ROM table), then any added later.
        let declared = Dict.declaredKeys(members) ?? []
        for k in declared {
            if let slot = try map.lookup(k) { try line(k, slot[1]) }
        }
        var i = 0
        while let slot = map.next(from: &i) {
            if declared.contains(slot[0]) { continue }
            try line(slot[0], slot[1])
        }
    }

    /// Built-in and frozen module names, sorted, in columns filled top to bottom.
    static func printModules() {
        var names = Set(ModuleRegistry.names)
        names.insert("__main__")
        for p in FrozenModules.paths where p.hasSuffix(".py") { names.insert(String(p.dropLast(3))) }
        let list = names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let rows = (list.count + helpColumns - 1) / helpColumns
        for r in 0..<rows {
            var line = ""
            var j = r
            while true {
                line += list[j]
                j += rows
                if j >= list.count { break }
                var gap = helpColumnWidth - list[j - rows].utf8.count
                while gap < 1 { gap += helpColumnWidth }
                line += String(repeating: " ", count: gap)
            }
            out(line + "\n")
        }
        out("Plus any modules on the filesystem\n")
    }
}
