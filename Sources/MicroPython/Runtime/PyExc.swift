/// A Python exception in flight: Swift's typed throws carry the exception object's word.
/// Anything user code can cause travels this way; a VM bug is a precondition failure instead.
public struct PyExc: Error {
    public var obj: Obj
    @inline(__always) public init(_ obj: Obj) { self.obj = obj }

    /// Makes an exception of `type` with one str argument (allocating; MemoryError on failure).
    public static func make(_ type: Obj, _ message: String) -> PyExc {
        do throws(PyExc) {
            // Without memory for the message, the exception goes without it (as C's does).
            // Without memory for the message, it goes into the emergency buffer (as C's does
            // with MICROPY_ENABLE_EMERGENCY_EXCEPTION_BUF), else the exception goes without it.
            guard let msg = (try? Str.make(message)) ?? Exceptions.emergencyMessage(message) else { return make(type) }
            return PyExc(try Exceptions.instantiate(type, msg))
        } catch {
            return error
        }
    }

    public static func make(_ type: Obj) -> PyExc {
        do throws(PyExc) { return PyExc(try Exceptions.instantiate(type)) } catch { return error }
    }

    public static func typeError(_ m: String) -> PyExc { make(Exceptions.TypeError, m) }
    public static func valueError(_ m: String) -> PyExc { make(Exceptions.ValueError, m) }
    public static func indexError(_ m: String) -> PyExc { make(Exceptions.IndexError, m) }
    public static func attributeError(_ m: String) -> PyExc { make(Exceptions.AttributeError, m) }
    public static func nameError(_ m: String) -> PyExc { make(Exceptions.NameError, m) }
    public static func overflowError(_ m: String) -> PyExc { make(Exceptions.OverflowError, m) }
    /// machine.mem16/mem32's error for an address that is not a multiple of the access size
    /// (the address printed as 8 hex digits, as MicroPython's %08x).
    public static func unalignedAddress(_ address: UInt64, _ bytes: Int) -> PyExc {
        let hex = String(address, radix: 16)
        return valueError("address \(String(repeating: "0", count: max(0, 8 - hex.count)) + hex) is not aligned to \(bytes) bytes")
    }
    public static func zeroDivision(_ m: String = "divide by zero") -> PyExc { make(Exceptions.ZeroDivisionError, m) }
    public static func notImplemented(_ m: String) -> PyExc { make(Exceptions.NotImplementedError, m) }
    public static func runtimeError(_ m: String) -> PyExc { make(Exceptions.RuntimeError, m) }
    public static func keyError(_ key: Obj) -> PyExc {
        do throws(PyExc) { return PyExc(try Exceptions.instantiate(Exceptions.KeyError, key)) } catch { return error }
    }
    public static func osError(_ errno: Int) -> PyExc {
        do throws(PyExc) { return PyExc(try Exceptions.instantiate(Exceptions.OSError, Obj(small: errno))) } catch { return error }
    }
}

/// Exception messages that tests compare byte for byte.
public enum Msg {
    public static let recursion = "maximum recursion depth exceeded"
    /// What str, bytes, tuple and array slicing raise for a step other than 1 (as MicroPython).
    public static let onlyStepOne = "only slices with step=1 (aka None) are supported"
    public static let divByZero = "divide by zero"
    public static let noActiveException = "no active exception to reraise"
    public static let localBeforeAssignment = "local variable referenced before assignment"
    public static let generatorRunning = "generator already executing"
    public static let badOpcode = "opcode"
    public static let notIterable = "object not iterable"
}

extension PyExc {
    /// A method of type `expected` called on another object (MicroPython's checked_fun_call):
    /// the unix build's detailed text names both types, the ESP8266's normal one neither.
    public static func wrongSelf(_ expected: String, _ got: Obj) -> PyExc {
        MicroPythonRuntime.port.detailedErrors
            ? typeError("argument should be a '\(expected)' not a '\(typeName(got))'")
            : typeError("argument has wrong type")
    }
}

extension Runtime {
    /// mp_warning: "Warning: <text>" on the error output (MICROPY_WARNINGS, on in both profiles).
    static func warn(_ text: String) {
        let line = Array("Warning: \(text)\n".utf8)
        line.withUnsafeBufferPointer { Builtins.writeStderr($0) }
    }
}
