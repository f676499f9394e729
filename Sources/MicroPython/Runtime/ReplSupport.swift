/// What the REPL engine (the MicroPythonREPL target) needs from the runtime beyond its usual API.
extension Runtime {
    /// The attribute `name` of `o` (a method comes back unbound), or nil when the lookup fails
    /// for any reason: tab completion probes every candidate name this way.
    public static func attributeIfPresent(_ o: Obj, _ name: Qstr) -> Obj? {
        do {
            let dest = try PyStack.pushObjs(2)
            defer { PyStack.pop(to: dest) }
            guard try findAttr(o, name, dest) == true else { return nil }
            return dest[0]
        } catch {
            return nil
        }
    }
}

extension Exceptions {
    /// The preallocated KeyboardInterrupt with its traceback cleared (raw-paste input cut by ^C).
    public static func keyboardInterruptCleared() -> Obj { keyboardInterrupt() }
}
