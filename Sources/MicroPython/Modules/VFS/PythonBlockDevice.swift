import Storage

/// A `BlockDevice` whose blocks come from a Python object with MicroPython's block-device
/// protocol: `readblocks(n, buf[, off])`, `writeblocks(n, buf[, off])` and `ioctl(op, arg)`
/// (or the old `count()`/`sync()` pair). littlefs uses the extended three-argument form and
/// erases through `ioctl(6, n)`; FAT uses whole blocks.
///
/// An exception raised by the Python code is kept in a root and the Storage layer sees EIO;
/// `VfsErrors.raise` then re-raises the original exception.
final class PythonBlockDevice: BlockDevice {
    let device: Obj
    let blockSize: Int
    let blockCount: Int
    let hasIoctl: Bool
    let hasWrite: Bool
    /// The old protocol's optional sync() (devices without ioctl).
    let hasSync: Bool
    /// littlefs's three-argument readblocks/writeblocks (FAT: two arguments, whole blocks).
    let extended: Bool

    /// The protocol's method names, interned while the ROM is built (a lazily made Swift
    /// global would hold a session qstr that a soft reset drops).
    enum Names {
        nonisolated(unsafe) static var readblocks = Qstr(id: 0), writeblocks = Qstr(id: 0)
        nonisolated(unsafe) static var ioctl = Qstr(id: 0), sync = Qstr(id: 0), count = Qstr(id: 0)

        static func install() {
            (readblocks, writeblocks) = (Qstr("readblocks"), Qstr("writeblocks"))
            (ioctl, sync, count) = (Qstr("ioctl"), Qstr("sync"), Qstr("count"))
        }
    }

    enum Ioctl {
        static let initialise = 1, deinitialise = 2, sync = 3, blockCount = 4, blockSize = 5, erase = 6
    }

    /// `extended`: the littlefs convention (block size must be reported by ioctl).
    init(_ device: Obj, extended: Bool) throws(PyExc) {
        self.device = device
        self.extended = extended
        let d = try PyStack.pushObjs(2); defer { PyStack.pop(to: d) }
        hasIoctl = try Runtime.findAttr(device, Names.ioctl, d) == true
        hasWrite = try Runtime.findAttr(device, Names.writeblocks, d) == true
        let syncFound = try Runtime.findAttr(device, Names.sync, d) == true
        hasSync = !hasIoctl && syncFound
        guard try Runtime.findAttr(device, Names.readblocks, d) == true else {
            throw PyExc.attributeError("'\(TypeObject.name(typeOf(device)).string)' object has no attribute 'readblocks'")
        }
        if hasIoctl {
            _ = try Runtime.callMethodByName(device, Qstr("ioctl"), [Obj(small: Ioctl.initialise), Obj(small: extended ? 1 : 0)])
            let bs = try Runtime.callMethodByName(device, Qstr("ioctl"), [Obj(small: Ioctl.blockSize), Obj(small: 0)])
            blockSize = bs == .none && !extended ? 512 : try IntOps.toInt(bs)
            blockCount = try IntOps.toInt(try Runtime.callMethodByName(device, Qstr("ioctl"), [Obj(small: Ioctl.blockCount), Obj(small: 0)]))
        } else {
            blockSize = 512
            blockCount = try IntOps.toInt(try Runtime.callMethodByName(device, Qstr("count"), []))
        }
        if blockSize <= 0 || blockSize > VfsScratch.capacity { throw PyExc.osError(22) }
    }

    /// Runs Python code for the Storage layer: a Python exception is parked, EIO goes down.
    private func guarded(_ body: () throws(PyExc) -> Obj) throws(StorageError) -> Obj {
        do throws(PyExc) { return try body() } catch {
            if Heap.roots[Root.vfsPending].isNull { Heap.roots[Root.vfsPending] = error.obj }
            throw StorageError.io
        }
    }

    /// MicroPython's reading of a readblocks/writeblocks result: None or 0 is success, a
    /// negative int is -errno, a positive int is EINVAL.
    private func check(_ r: Obj) throws(StorageError) {
        if r == .none { return }
        let v = try guarded { () throws(PyExc) in Obj(small: try IntOps.toInt(r)) }.smallValue
        // FatFs only knows that the disk failed (EIO).
        if v != 0 && !extended { throw StorageError.io }
        if v > 0 { throw StorageError.invalid }
        if v < 0 { throw StorageError(errno: Int32(truncatingIfNeeded: -v)) }
    }

    /// Calls readblocks/writeblocks for `count` bytes from (`block`, `offset`), in pieces the
    /// scratch view can hold: `before` fills the view for a piece, `after` empties it.
    private func transfer(_ method: Qstr, block: Int, offset: Int, count: Int,
                          before: (_ done: Int, _ n: Int) -> Void = { _, _ in },
                          after: (_ done: Int, _ n: Int) -> Void = { _, _ in }) throws(StorageError) {
        // Whole blocks at offset 0 may use the two-argument form (FAT); littlefs never does.
        let extended = self.extended || offset != 0 || count % blockSize != 0
        let chunk = extended ? VfsScratch.capacity : VfsScratch.capacity / blockSize * blockSize
        var done = 0
        while done < count {
            let n = min(chunk, count - done)
            before(done, n)
            var args = [Obj(small: extended ? block : block + done / blockSize), VfsScratch.view(n)]
            if extended { args.append(Obj(small: offset + done)) }
            try check(try guarded { () throws(PyExc) in try Runtime.callMethodByName(device, method, args) })
            after(done, n)
            done += n
        }
    }

    func read(block: Int, offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(StorageError) {
        try transfer(Names.readblocks, block: block, offset: offset, count: buffer.count, after: { done, n in
            (buffer.baseAddress! + done).copyMemory(from: VfsScratch.bytes, byteCount: n)
        })
    }

    func write(block: Int, offset: Int, from buffer: UnsafeRawBufferPointer) throws(StorageError) {
        guard hasWrite else { throw StorageError.readOnly }
        try transfer(Names.writeblocks, block: block, offset: offset, count: buffer.count, before: { done, n in
            VfsScratch.bytes.copyMemory(from: buffer.baseAddress! + done, byteCount: n)
        })
    }

    func erase(block: Int) throws(StorageError) {
        let r = try ioctl(Ioctl.erase, block)
        let v = try guarded { () throws(PyExc) in Obj(small: try IntOps.toInt(r)) }.smallValue
        if v != 0 { throw StorageError(errno: Int32(truncatingIfNeeded: v < 0 ? -v : v)) }
    }

    func sync() throws(StorageError) {
        if hasIoctl {
            _ = try ioctl(Ioctl.sync, 0)
        } else {
            if hasSync { _ = try guarded { () throws(PyExc) in try Runtime.callMethodByName(device, Names.sync, []) } }
        }
    }

    func ioctl(_ op: Int, _ arg: Int) throws(StorageError) -> Obj {
        guard hasIoctl else { return .none }
        return try guarded { () throws(PyExc) in
            try Runtime.callMethodByName(device, Names.ioctl, [Obj(small: op), Obj(small: arg)])
        }
    }
}

/// The buffer Python block devices see: a memoryview over a static 4 KiB bytearray (the
/// ESP8266's largest sector), so that block I/O allocates nothing on the GC heap, as in
/// MicroPython where the view points at C memory.
enum VfsScratch {
    static let capacity = 4096
    nonisolated(unsafe) static var bytes = UnsafeMutableRawPointer(bitPattern: 16)!

    static func install() {
        let array = Obj(offset: Heap.allocateStatic(bytes: 16))
        setField(array, 0, Types.bytearray)
        let data = Heap.allocateStatic(bytes: capacity)
        words(array)[2] = UInt32(capacity)
        words(array)[3] = data
        bytes = UnsafeMutableRawPointer(arenaBytes(data))
        Heap.roots[Root.vfsScratch] = try! MemoryView.make(array, offset: 0, length: capacity)
    }

    /// A soft reset: no data of the last session stays in the buffer.
    static func clear() {
        bytes.initializeMemory(as: UInt8.self, repeating: 0, count: capacity)
        _ = view(capacity)
    }

    static func view(_ count: Int) -> Obj {
        let v = Heap.roots[Root.vfsScratch]
        words(v)[3] = UInt32(count)
        return v
    }
}
