import MicroPython

/// os.dupterm: the REPL's terminals. Two slots; at every boot UART0 is put in slot 1 (and
/// WebREPL takes slot 0 when it runs). Everything the REPL and print() write goes to every
/// slot; UART0's input reaches the REPL through its receive interrupt, other streams' input
/// when `os.dupterm_notify()` is called (a socket's callback does it), as on the ESP8266.
enum Dupterm {
    static let slotCount = 2
    /// The slot UART0 is attached to at boot.
    static let uartSlot = 1

    /// The stream in each slot (NULL: empty), kept alive for the collector.
    nonisolated(unsafe) static var slots: [PortRoot] = []
    /// True for a slot that holds UART0 itself.
    nonisolated(unsafe) static var slotIsUART0 = [Bool](repeating: false, count: slotCount)
    /// Set while a slot's write is running, so its error message is not written back into it.
    nonisolated(unsafe) static var writing = false

    static var board: Board { Board.current }

    /// Builds os.dupterm and os.dupterm_notify (while the runtime starts).
    static func install() {
        slots = (0..<slotCount).map { _ in PortRoots.allocate() }
        guard let os = ModuleBuilder(extending: "os") else { return }
        os.function("dupterm", 1, 2) { (a, n, _) throws(PyExc) in
            let index = n > 1 ? try IntOps.toInt(a[1]) : 0
            guard index >= 0 && index < slotCount else { throw PyExc.valueError("invalid dupterm index") }
            let previous = slots[index].value.isNull ? Obj.none : slots[index].value
            try attach(a[0] == .none ? .null : a[0], slot: index)
            return previous
        }
        os.function("dupterm_notify", 1, 1) { (_, _, _) throws(PyExc) in
            try pollStreams()
            return .none
        }
    }

    /// Puts `stream` (NULL: nothing) in `slot`, and routes UART0's input to the REPL while it
    /// is in a slot.
    static func attach(_ stream: Obj, slot: Int) throws(PyExc) {
        if !stream.isNull && !isUART0(stream) && !hasMethod(stream, "write") {
            throw PyExc.typeError("stream operation not supported")
        }
        slots[slot].value = stream
        slotIsUART0[slot] = !stream.isNull && isUART0(stream)
        board.uart0.replInput = slotIsUART0.contains(true) ? board.stdin : nil
    }

    /// At every boot: slot 0 empty, UART0 in slot 1.
    static func reset() throws(PyExc) {
        guard slots.count == slotCount else { return }
        for i in 0..<slotCount { slots[i].value = .null; slotIsUART0[i] = false }
        let uart = try board.uartObject?(0) ?? .none
        slots[uartSlot].value = uart
        slotIsUART0[uartSlot] = true
        board.uart0.replInput = board.stdin
    }

    static func isUART0(_ o: Obj) -> Bool { board.uartIdentity?(o) == 0 }

    static func hasMethod(_ o: Obj, _ name: String) -> Bool {
        (try? Runtime.loadAttr(o, Qstr(name))) != nil
    }

    /// REPL and program output to every terminal.
    static func write(_ bytes: UnsafeRawBufferPointer) {
        if bytes.isEmpty || slots.count != slotCount { return }
        for i in 0..<slotCount {
            if slotIsUART0[i] { board.uart0.transmit(bytes); continue }
            let s = slots[i].value
            if s.isNull || writing { continue }
            writing = true
            do throws(PyExc) {
                let b = try ModSupport.bytes(Array(bytes))
                _ = try Runtime.callMethodByName(s, Qstr("write"), [b])
                writing = false
            } catch {
                writing = false
                deactivate(i, "dupterm: Exception in write() method, deactivating: ", error)
            }
        }
    }

    static func write(text: String) { Array(text.utf8).withUnsafeBytes { write($0) } }

    /// Moves what the slots' streams have to read into the REPL's input (os.dupterm_notify).
    static func pollStreams() throws(PyExc) {
        for i in 0..<slotCount where !slotIsUART0[i] && !slots[i].value.isNull {
            while true {
                let got: Obj
                do throws(PyExc) {
                    got = try Runtime.callMethodByName(slots[i].value, Qstr("read"), [Obj(small: 1)])
                } catch {
                    deactivate(i, "dupterm: Exception in read() method, deactivating: ", error)
                    break
                }
                if got == .none { break }
                let data = try ModSupport.bufferView(got)
                if data.isEmpty {
                    deactivate(i, "dupterm: EOF received, deactivating\n", nil)
                    break
                }
                board.stdin.push(UnsafeRawBufferPointer(data))
            }
        }
    }

    static func deactivate(_ slot: Int, _ message: String, _ error: PyExc?) {
        slots[slot].value = .null
        slotIsUART0[slot] = false
        board.uart0.replInput = slotIsUART0.contains(true) ? board.stdin : nil
        var text = Array(message.utf8)
        if let e = error {
            var p = Printer()
            Traceback.format(e.obj, &p)
            text += p.bytes
        }
        text.withUnsafeBytes { BoardConsole.writeCooked($0) }
    }
}
