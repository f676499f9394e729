/// The 32-bit address space that machine code from .mpy files runs in: a model, never the
/// host's memory.
///
///     0x3FFC0000 ... 0x3FFFFFFF   the machine stack (256 KiB, grows down)
///     0x40200000 ...              the image: loaded machine code, and the read-only tables
///                                 MicroPython's code reads through pointers (function and
///                                 module-context records, qstr and constant tables, the
///                                 function table), laid out as on a 32-bit C build
///     0xFFFF0000 ...              trap addresses: the function table's entries, and the
///                                 return address that hands control back to the runtime
///     anything else               exposed memory (`AddressSpace`: buffers a program got an
///                                 address for, the port's registers), else a fault
///
/// Addresses are chosen where the ESP8266 has its RAM and its flash-mapped code, so pointers
/// look as they would on the chip. The image is written only while a .mpy file loads; the
/// code itself can only write its stack and exposed memory.
enum NativeMemory {
    static let stackBase: UInt32 = 0x3FFC_0000
    static let stackSize: UInt32 = 0x4_0000
    static var stackTop: UInt32 { stackBase &+ stackSize }
    static let imageBase: UInt32 = 0x4020_0000
    /// The image never grows past this (16 MiB, as the largest flash the chip maps).
    static let imageLimit: Int = 16 << 20
    static let trapBase: UInt32 = 0xFFFF_0000
    /// The return address given to machine code that the runtime calls.
    static let returnToHost: UInt32 = 0xFFFF_FF00

    nonisolated(unsafe) static var stack: UnsafeMutablePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: Int(stackSize))
        p.initialize(repeating: 0, count: Int(stackSize))
        return p
    }()
    nonisolated(unsafe) static var image = UnsafeMutablePointer<UInt8>.allocate(capacity: 0)
    nonisolated(unsafe) static var imageCapacity = 0
    nonisolated(unsafe) static var imageUsed = 0

    /// Zeroed, writable data of native modules (their BSS), below the stack.
    static let dataBase: UInt32 = 0x3FF0_0000
    static let dataSize = 0xC_0000
    nonisolated(unsafe) static var data: UnsafeMutablePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: dataSize)
        p.initialize(repeating: 0, count: dataSize)
        return p
    }()
    nonisolated(unsafe) static var dataUsed = 0

    /// Forgets every loaded image (soft reset: the modules that referred to it are gone).
    static func reset() {
        imageUsed = 0
        if dataUsed > 0 { data.update(repeating: 0, count: dataUsed) }
        dataUsed = 0
    }

    /// Reserves `count` zeroed bytes of data, 4-byte aligned.
    static func reserveData(_ count: Int) throws(PyExc) -> UInt32 {
        let start = (dataUsed + 3) & ~3
        guard count >= 0, start + count <= dataSize else { throw PyExc.make(Exceptions.MemoryError) }
        dataUsed = start + count
        return dataBase + UInt32(start)
    }

    /// Reserves `count` bytes of image, 4-byte aligned, and returns their address.
    static func reserve(_ count: Int) throws(PyExc) -> UInt32 {
        let start = (imageUsed + 3) & ~3
        let end = start + count
        guard end <= imageLimit else { throw PyExc.make(Exceptions.MemoryError) }
        if end > imageCapacity {
            var cap = max(4096, imageCapacity)
            while cap < end { cap *= 2 }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: cap)
            grown.initialize(repeating: 0, count: cap)
            if imageUsed > 0 { grown.update(from: image, count: imageUsed) }
            image.deallocate()
            image = grown
            imageCapacity = cap
        }
        imageUsed = end
        return imageBase &+ UInt32(start)
    }

    /// Writes loader data into the image.
    static func put(_ address: UInt32, _ bytes: [UInt8]) {
        let off = Int(address &- imageBase)
        for (i, b) in bytes.enumerated() { image[off + i] = b }
    }

    static func putWord(_ address: UInt32, _ w: UInt32) {
        let off = Int(address &- imageBase)
        for i in 0..<4 { image[off + i] = UInt8(truncatingIfNeeded: w >> UInt32(8 * i)) }
    }

    static func putHalf(_ address: UInt32, _ h: UInt16) {
        let off = Int(address &- imageBase)
        image[off] = UInt8(truncatingIfNeeded: h)
        image[off + 1] = UInt8(truncatingIfNeeded: h >> 8)
    }

    /// The host bytes behind `count` bytes at `address` in the stack or the image, or nil.
    @inline(__always) static func direct(_ address: UInt32, _ count: Int, write: Bool) -> UnsafeMutablePointer<UInt8>? {
        let s = address &- stackBase
        if s < stackSize && UInt32(count) <= stackSize &- s { return stack + Int(s) }
        let d = Int(address &- dataBase)
        if address >= dataBase && d + count <= dataUsed { return data + d }
        if write { return nil }
        let i = Int(address &- imageBase)
        if address >= imageBase && i + count <= imageUsed { return image + i }
        return nil
    }

    /// Reads 1, 2 or 4 bytes, little-endian, zero-extended.
    @inline(__always) static func load(_ address: UInt32, _ size: Int) throws(PyExc) -> UInt32 {
        if let p = direct(address, size, write: false) {
            var v: UInt32 = 0
            for i in 0..<size { v |= UInt32(p[i]) << UInt32(8 * i) }
            return v
        }
        if let cell = cell(containing: address, size) { return field(cell, 1).raw }
        // type(exc) of a caught exception, read from its first word (a `with` block's exit).
        if size == 4 && address & 3 == 0 && NativeObjects.given.contains(address) && Obj(raw: address).isPointer {
            return NativeObjects.give(field(Obj(raw: address), 0))
        }
        return UInt32(truncatingIfNeeded: try AddressSpace.load(UInt64(address), size))
    }

    /// Writes the low `size` bytes of `value`.
    @inline(__always) static func store(_ address: UInt32, _ size: Int, _ value: UInt32) throws(PyExc) {
        if let p = direct(address, size, write: true) {
            for i in 0..<size { p[i] = UInt8(truncatingIfNeeded: value >> UInt32(8 * i)) }
            return
        }
        if let cell = cell(containing: address, size) {
            setField(cell, 1, try NativeObjects.take(value))
            return
        }
        if address >= imageBase && address < imageBase &+ UInt32(imageLimit) { throw AddressSpace.fault() }
        try AddressSpace.store(UInt64(address), size, UInt64(value))
    }

    /// Code reads and writes a closed-over variable in its cell object directly (the word
    /// after the type, as mp_obj_cell_t): the one heap word it may touch, in a cell it was given.
    static func cell(containing address: UInt32, _ size: Int) -> Obj? {
        guard size == 4, address & 15 == 4 else { return nil }
        let c = Obj(raw: address &- 4)
        guard NativeObjects.given.contains(c.raw), field(c, 0) == Types.cell else { return nil }
        return c
    }

    /// The stack's words from `sp` up, for the collector (objects held by running code).
    static func liveStack(from sp: UInt32) -> (UnsafeMutablePointer<UInt32>, Int)? {
        let s = sp &- stackBase
        guard s < stackSize else { return nil }
        let start = (s + 3) & ~3
        let p = UnsafeMutableRawPointer(stack + Int(start)).assumingMemoryBound(to: UInt32.self)
        return (p, Int((stackSize - start) >> 2))
    }
}
