import MicroPython

/// The `_onewire` module (its `__name__` is 'onewire', as on the firmware): bit-banged 1-wire
/// primitives on a GPIO, over the board's 1-wire bus model.
public enum OneWireModule {
    static let bitsPerByte = 8

    static func bus() throws(PyExc) -> OneWireBusModel { try MachineArgs.board.hardware.oneWire }

    /// The GPIO of a pin argument (the driver configures it open-drain with a pull-up).
    static func prepare(_ o: Obj) throws(PyExc) -> Int { try MachinePin.number(o) }

    public static func install() {
        let m = ModuleBuilder("_onewire")
        m.set("__name__", Obj(qstr: Qstr("onewire")))
        m.function("reset", 1, 1) { (a, _, _) throws(PyExc) in
            let n = try prepare(a[0])
            return Obj(bool: try bus().reset(pin: n))
        }
        m.function("readbit", 1, 1) { (a, _, _) throws(PyExc) in
            let n = try prepare(a[0])
            return Obj(small: try bus().readBit(pin: n) ? 1 : 0)
        }
        m.function("readbyte", 1, 1) { (a, _, _) throws(PyExc) in
            let n = try prepare(a[0])
            let b = try bus()
            var v = 0
            for i in 0..<bitsPerByte where b.readBit(pin: n) { v |= 1 << i }
            return Obj(small: v)
        }
        m.function("writebit", 2, 2) { (a, _, _) throws(PyExc) in
            let n = try prepare(a[0])
            try bus().writeBit(pin: n, try MachineArgs.toInt(a[1]) != 0)
            return .none
        }
        m.function("writebyte", 2, 2) { (a, _, _) throws(PyExc) in
            let n = try prepare(a[0])
            let v = try MachineArgs.toInt(a[1])
            let b = try bus()
            for i in 0..<bitsPerByte { b.writeBit(pin: n, v >> i & 1 == 1) }
            return .none
        }
        m.function("crc8", 1, 1) { (a, _, _) throws(PyExc) in
            Obj(small: Int(DallasCRC.crc8(try ModSupport.bufferView(a[0]))))
        }
    }
}
