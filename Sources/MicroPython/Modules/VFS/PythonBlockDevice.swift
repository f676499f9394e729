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
    /// littlefs's three-argument readblocks/writeblocks (FAT: two arguments, whole blocks).
    let extended: Bool

    enum Ioctl {
        static let initialise = 1, deinitialise = 2, sync = 3, blockCount = 4, blockSize = 5, erase = 6
    }

    /// `extended`: the littlefs convention (block size must be reported by ioctl).
    init(_ device: Obj, extended: Bool) throws(PyExc) {
        self.device = device
        self.extended = extended
        let d = try PyStack.pushObjs(2); defer { PyStack.pop(to: d) }
        hasIoctl = try Runtime.findAttr(device, Qstr("ioctl"), d) == true
        hasWrite = try Runtime.findAttr(device, Qstr("writeblocks"), d) == true
        guard try Runtime.findAttr(device, Qstr("readblocks"), d) == true else {
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

    private func transfer(_ method: String, block: Int, offset: Int, count: Int, extended: Bool) throws(StorageError) -> Obj {
        let view = VfsScratch.view(count)
        var args = [Obj(small: block), view]
        if extended { args.append(Obj(small: offset)) }
        return try guarded { () throws(PyExc) in try Runtime.callMethodByName(device, Qstr(method), args) }
    }

    func read(block: Int, offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(StorageError) {
        let extended = self.extended || offset != 0 || buffer.count % blockSize != 0
        var done = 0, b = block
        let chunk = extended ? VfsScratch.capacity : VfsScratch.capacity / blockSize * blockSize
        while done < buffer.count {
            let n = min(chunk, buffer.count - done)
            let r = try transfer("readblocks", block: b, offset: offset + done, count: n, extended: extended)
            try check(r)
            (buffer.baseAddress! + done).copyMemory(from: VfsScratch.bytes, byteCount: n)
            done += n
            if !extended { b += n / blockSize }
        }
    }

    func write(block: Int, offset: Int, from buffer: UnsafeRawBufferPointer) throws(StorageError) {
        guard hasWrite else { throw StorageError.readOnly }
        let extended = self.extended || offset != 0 || buffer.count % blockSize != 0
        var done = 0, b = block
        let chunk = extended ? VfsScratch.capacity : VfsScratch.capacity / blockSize * blockSize
        while done < buffer.count {
            let n = min(chunk, buffer.count - done)
            VfsScratch.bytes.copyMemory(from: buffer.baseAddress! + done, byteCount: n)
            let r = try transfer("writeblocks", block: b, offset: offset + done, count: n, extended: extended)
            try check(r)
            done += n
            if !extended { b += n / blockSize }
        }
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
            let hasSync = try guarded { () throws(PyExc) in
                let d = try PyStack.pushObjs(2); defer { PyStack.pop(to: d) }
                return try Runtime.findAttr(device, Qstr("sync"), d) == true ? .true : .false
            } == .true
            if hasSync { _ = try guarded { () throws(PyExc) in try Runtime.callMethodByName(device, Qstr("sync"), []) } }
        }
    }

    func ioctl(_ op: Int, _ arg: Int) throws(StorageError) -> Obj {
        guard hasIoctl else { return .none }
        return try guarded { () throws(PyExc) in
            try Runtime.callMethodByName(device, Qstr("ioctl"), [Obj(small: op), Obj(small: arg)])
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

    static func view(_ count: Int) -> Obj {
        let v = Heap.roots[Root.vfsScratch]
        words(v)[3] = UInt32(count)
        return v
    }
}
