@testable import MicroPython

/// The port API's example (docs/port-api.md): a module `board` with a class `Led` that a port
/// could define, using every kind of slot. It is registered by the test port's configuration.
enum ExamplePortModule {
    /// What the collector must keep although no Python object refers to it: the callback.
    nonisolated(unsafe) static var callbackRoot = PortRoot.unset

    static func install() {
        let board = ModuleBuilder("board")
        callbackRoot = PortRoots.allocate()

        let led = NativeClass("Led", in: board)
        let pin = led.field(Int32.self)        // the GPIO number
        let level = led.field(Bool.self)       // on or off
        let blinks = led.field(Int32.self)     // counts down while iterating
        let log = led.field(Obj.self)          // a bytearray: what was written to the LED's stream

        led.constructor(1, 1) { (a, _, _) throws(PyExc) in
            let n = try IntOps.toInt(a[1])
            guard (0...16).contains(n) else { throw PyExc.valueError("invalid pin") }
            let o = try led.make()
            pin[o] = Int32(n)
            blinks[o] = 3
            let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
            hold[0] = o
            log[o] = try ByteArray.make([])
            return o
        }
        led.method("on", 1, 1) { (a, _, _) throws(PyExc) in level[a[0]] = true; return .none }
        led.method("off", 1, 1) { (a, _, _) throws(PyExc) in level[a[0]] = false; return .none }
        led.method("value", 1, 2) { (a, nPos, _) throws(PyExc) in
            if nPos == 1 { return Obj(small: level[a[0]] ? 1 : 0) }
            level[a[0]] = try Runtime.isTrue(a[1])
            return .none
        }
        led.constant("MAX_PIN", Obj(small: 16))
        board.function("on_change", 1, 1) { (a, _, _) throws(PyExc) in
            callbackRoot.value = a[0]
            return .none
        }
        board.function("fire", 0, 0) { (_, _, _) throws(PyExc) in
            let cb = callbackRoot.value
            return cb.isNull ? .none : try Runtime.invoke(cb, Obj(small: 1))
        }

        let protocols = NativeProtocols()
        // Calling an Led toggles it and returns the new level.
        protocols.call = { (o, _, nPos, _) throws(PyExc) in
            guard nPos == 0 else { throw PyExc.typeError("Led() takes no arguments") }
            level[o] = !level[o]
            return Obj(bool: level[o])
        }
        // Iterating an Led blinks it: 1, 0, 1... then ends.
        protocols.next = { o throws(PyExc) in
            if blinks[o] == 0 { return .null }
            blinks[o] -= 1
            level[o] = !level[o]
            return Obj(small: level[o] ? 1 : 0)
        }
        // `led.pin` is computed; `led.pin = n` is refused, `led.brightness` is not an attribute.
        protocols.loadAttribute = { (o, name) throws(PyExc) in
            name.string == "pin" ? Obj(small: Int(pin[o])) : nil
        }
        protocols.storeAttribute = { (_, name, _) throws(PyExc) in
            if name.string == "pin" { throw PyExc.attributeError("can't set attribute") }
            return false
        }
        // Its bytes are those written to it (read-only as a buffer).
        protocols.buffer = { o in
            let (p, n) = BytesMethods.data(log[o])
            return UnsafeMutableRawBufferPointer(start: p, count: n)
        }
        // A stream: writes are logged; reads give the log back, once.
        protocols.stream = .init(
            read: { (o, into) throws(PyExc) in
                let (p, n) = BytesMethods.data(log[o])
                let count = min(n, into.count)
                if count > 0 { into.baseAddress!.copyMemory(from: p, byteCount: count) }
                log[o] = try ByteArray.make(Array(UnsafeBufferPointer(start: p + count, count: n - count)))
                return count
            },
            write: { (o, from) throws(PyExc) in
                let old = log[o]
                let (p, n) = BytesMethods.data(old)
                log[o] = try ByteArray.make(Array(UnsafeBufferPointer(start: p, count: n)) + Array(from))
                return from.count
            },
            // select.poll asks with StreamIoctl.poll: readable while the log has bytes, always writable.
            ioctl: { (o, request, events) throws(PyExc) in
                switch request {
                case StreamIoctl.flush: return 0
                case StreamIoctl.poll:
                    let ready = ByteArray.count(log[o]) > 0 ? StreamIoctl.pollIn | StreamIoctl.pollOut : StreamIoctl.pollOut
                    return ready & events
                default: return -1
                }
            })
        led.implement(protocols)
    }
}

extension PortRoot {
    /// A placeholder before the port allocates its roots.
    static var unset: PortRoot { PortRoot(index: 0) }
}
