import MicroPython

/// machine.mem8, mem16, mem32: subscripted by address over the board's memory map.
enum MachineMemory {
    static let sizes = [1, 2, 4]

    static func install(_ m: ModuleBuilder) {
        let mem = NativeClass("mem")
        let size = mem.field(Int32.self)

        func address(_ o: Obj, _ index: Obj) throws(PyExc) -> UInt32 {
            let a = try MachineArgs.truncated32(index)
            let align = UInt32(size[o])
            if a & (align - 1) != 0 { throw PyExc.unalignedAddress(UInt64(a), Int(align)) }
            return a
        }
        mem.method("__getitem__", 2, 2) { (a, _, _) throws(PyExc) in
            let addr = try address(a[0], a[1])
            let v = try MachineArgs.board.hardware.memory.read(addr, size: Int(size[a[0]]))
            return try MachineArgs.int(Int(v))
        }
        mem.method("__setitem__", 3, 3) { (a, _, _) throws(PyExc) in
            let addr = try address(a[0], a[1])
            let v = try MachineArgs.truncated32(a[2])
            try MachineArgs.board.hardware.memory.write(addr, size: Int(size[a[0]]), v)
            return .none
        }
        mem.method("__repr__", 1, 1) { (a, _, _) throws(PyExc) in
            try Str.make("<\(8 * Int(size[a[0]]))-bit memory>")
        }
        installAddressSpace()
        for s in sizes {
            let o = try! mem.make()
            size[o] = Int32(s)
            m.set("mem\(8 * s)", o)
        }
    }

    /// The chip's register blocks and its data RAM (what machine.mem reaches) as uctypes sees
    /// them: uctypes.struct/bytes_at over these addresses read and write the board's model.
    static let addressRanges: [Swift.Range<UInt64>] = [
        UInt64(dportStart)..<UInt64(MemoryMap.dramEnd),
        UInt64(peripheralStart)..<UInt64(peripheralEnd),
    ]
    /// DPORT/eFuse registers start the 0x3FF0_0000 block; the IO peripherals (GPIO...) 0x6000_0000.
    static let dportStart: UInt32 = 0x3FF0_0000
    static let peripheralStart: UInt32 = 0x6000_0000
    static let peripheralEnd: UInt32 = 0x6000_2000

    static func installAddressSpace() {
        AddressSpace.port = AddressSpace.PortMemory(
            claims: { address, size in
                addressRanges.contains { $0.contains(address) && address + UInt64(size) <= $0.upperBound }
            },
            read: { (address, size) throws(PyExc) in
                try MachineArgs.board.hardware.memory.read(address, size: size)
            },
            write: { (address, size, value) throws(PyExc) in
                try MachineArgs.board.hardware.memory.write(address, size: size, value)
            })
    }
}
