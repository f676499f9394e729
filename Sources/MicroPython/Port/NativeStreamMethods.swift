/// MicroPython's stream protocol: ioctl requests and poll flags (py/stream.h), and the
/// Python methods every stream has, written once over a class's read/write/ioctl slots.
public enum StreamIoctl {
    public static let flush = 1, seek = 2, poll = 3, close = 4, timeout = 5
    /// A stream's data options (websocket: the frame type of what it writes and last read).
    public static let getDataOptions = 8, setDataOptions = 9
    /// select.poll's event bits.
    public static let pollIn = 0x0001, pollOut = 0x0004, pollError = 0x0008, pollHangUp = 0x0010
}

enum NativeStreamMethods {
    /// The part of `b` that stream write's optional offset and length arguments select
    /// (a[2] is max_len with three arguments; a[2] the offset and a[3] max_len with four).
    static func writeSlice(_ b: UnsafeBufferPointer<UInt8>, _ a: UnsafeMutablePointer<Obj>, _ nPos: Int) throws(PyExc) -> UnsafeBufferPointer<UInt8> {
        var offset = 0, length = b.count
        if nPos == 3 {
            length = try IntOps.toInt(a[2])
        } else if nPos == 4 {
            offset = min(max(0, try IntOps.toInt(a[2])), b.count)
            length = try IntOps.toInt(a[3])
        }
        let n = length < 0 ? b.count - offset : min(length, b.count - offset)
        return UnsafeBufferPointer(rebasing: b[offset..<offset + n])
    }

    static func install(_ cls: NativeClass, _ s: NativeProtocols.Stream) {
        let resultType = s.isText ? Types.str : Types.bytes
        if let read = s.read {
            // read([n]): up to n bytes (all until the end without n); None if nothing is there yet.
            cls.method("read", 1, 2) { (a, nPos, _) throws(PyExc) in
                let limit = nPos > 1 && a[1] != .none ? try IntOps.toInt(a[1]) : -1
                var out: [UInt8] = []
                // The stdlib's closure-taking buffer accessors can't pass typed throws through.
                let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 256, alignment: 1)
                defer { chunk.deallocate() }
                while limit < 0 || out.count < limit {
                    let want = limit < 0 ? chunk.count : min(chunk.count, limit - out.count)
                    guard let n = try read(a[0], UnsafeMutableRawBufferPointer(rebasing: chunk[0..<want])) else {
                        if out.isEmpty { return .none }
                        break
                    }
                    if n == 0 { break }
                    out += chunk[0..<n]
                }
                return try Str.make(bytes: out, type: resultType)
            }
            // readinto(buf[, n]): the count read into buf, or None.
            cls.method("readinto", 2, 3) { (a, nPos, _) throws(PyExc) in
                let (_, size) = try ModSupport.writeBuffer(a[1])
                let n = nPos > 2 ? min(size, max(0, try IntOps.toInt(a[2]))) : size
                // Read into host memory: a read that runs Python code (a stream over a Python
                // stream) may resize the target while it runs; copy into where it is afterwards.
                let tmp = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, n), alignment: 1)
                defer { tmp.deallocate() }
                guard let got = try read(a[0], UnsafeMutableRawBufferPointer(rebasing: tmp[0..<n])) else { return .none }
                let (p, now) = try ModSupport.writeBuffer(a[1])
                let count = min(got, now)
                if count > 0 { UnsafeMutableRawPointer(p).copyMemory(from: tmp.baseAddress!, byteCount: count) }
                return Obj(small: got)
            }
            // readline(): up to and including the next newline.
            cls.method("readline", 1, 2) { (a, nPos, _) throws(PyExc) in
                let limit = nPos > 1 && a[1] != .none ? try IntOps.toInt(a[1]) : -1
                var out: [UInt8] = []
                let c = UnsafeMutableRawBufferPointer.allocate(byteCount: 1, alignment: 1)
                defer { c.deallocate() }
                while limit < 0 || out.count < limit {
                    guard let n = try read(a[0], c) else {
                        if out.isEmpty { return .none }
                        break
                    }
                    if n == 0 { break }
                    out.append(c[0])
                    if c[0] == 0x0A { break }
                }
                return try Str.make(bytes: out, type: resultType)
            }
        }
        if let write = s.write {
            // write(buf[, max_len]) or write(buf, off, max_len): the count written, or None
            // when it would block.
            cls.method("write", 2, 4) { (a, nPos, _) throws(PyExc) in
                let b = try NativeStreamMethods.writeSlice(try ModSupport.bufferView(a[1]), a, nPos)
                guard let n = try write(a[0], UnsafeRawBufferPointer(b)) else { return .none }
                return Obj(small: n)
            }
        }
        if let ioctl = s.ioctl, s.hasFlush {
            cls.method("flush", 1, 1) { (a, _, _) throws(PyExc) in _ = try ioctl(a[0], StreamIoctl.flush, 0); return .none }
        }
        if let ioctl = s.ioctl {
            cls.method("close", 1, 1) { (a, _, _) throws(PyExc) in _ = try ioctl(a[0], StreamIoctl.close, 0); return .none }
        }
    }
}
