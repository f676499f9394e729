/// websocket: the RFC 6455 framing stream WebREPL talks through (extmod/modwebsocket.c's
/// behaviour). Reads take frames apart: 7- or 16-bit lengths (a 64-bit length closes the
/// underlying stream with EIO), masked or not, a continuation frame keeping the previous data
/// type, ping and pong skipped, close answered with an empty close frame and read as the end
/// of the stream. Writes send one unmasked final frame per write, text or binary as set with
/// ioctl(9, type); ioctl(8) is the type of the last data frame read.
///
/// The object is 8 words, 2 blocks as MicroPython's on a 32-bit build, addressed by byte:
/// [type, stream, message size, mask[4], state to_recv mask_pos buf_pos, buf[6] opts ws_flags,
/// last_flags].
public enum WebsocketModule {
    // Frame header facts.
    static let opcodeMask: UInt8 = 0x0F, finalFrame: UInt8 = 0x80, maskedBit: UInt8 = 0x80, lengthMask: UInt8 = 0x7F
    static let frameContinuation: UInt8 = 0, frameText: UInt8 = 1, frameBinary: UInt8 = 2, frameClose: UInt8 = 8
    static let length16 = 126, length64 = 127
    static let maxPayload = 0x10000
    /// opts: the data type to send, and whether writes switch the stream to blocking.
    static let blockingWrite: UInt8 = 0x80

    // Read states.
    static let stateHeader: UInt8 = 0, stateOptions: UInt8 = 1, statePayload: UInt8 = 2, stateControl: UInt8 = 3
    static let headerBytes: UInt8 = 2, extendedLengthBytes = 2, maskBytes = 4

    // Byte offsets in the object.
    static let streamWord = 1
    static let messageSizeOffset = 8, maskOffset = 12, stateOffset = 16, toReceiveOffset = 17
    static let maskPositionOffset = 18, bufferPositionOffset = 19, bufferOffset = 20, bufferSize = 6
    static let optionsOffset = 26, dataFlagsOffset = 27, lastFlagsOffset = 28
    static let objectBytes = 32

    nonisolated(unsafe) static var websocketClass: NativeClass!

    /// A websocket object's fields.
    struct State {
        let base: UnsafeMutablePointer<UInt8>

        init(_ o: Obj) { base = UnsafeMutableRawPointer(words(o)).assumingMemoryBound(to: UInt8.self) }

        var messageSize: UInt32 {
            get { UnsafeMutableRawPointer(base + messageSizeOffset).assumingMemoryBound(to: UInt32.self).pointee }
            nonmutating set { UnsafeMutableRawPointer(base + messageSizeOffset).assumingMemoryBound(to: UInt32.self).pointee = newValue }
        }
        var mask: UnsafeMutablePointer<UInt8> { base + maskOffset }
        var buffer: UnsafeMutablePointer<UInt8> { base + bufferOffset }
        subscript(_ offset: Int) -> UInt8 {
            get { base[offset] }
            nonmutating set { base[offset] = newValue }
        }
    }

    // MARK: the underlying stream

    /// Reads up to `n` bytes of stream `s`: the count (0 at its end), nil when nothing is
    /// there yet (EAGAIN); errors raise OSError.
    static func streamRead(_ s: Obj, _ into: UnsafeMutablePointer<UInt8>, _ n: Int) throws(PyExc) -> Int? {
        if IoModule.isStream(s) {
            try IoModule.check(s)
            let p = IoModule.pos(s)
            let count = max(0, min(n, IoModule.length(s) - p))
            into.update(from: IoModule.data(s) + p, count: count)
            words(s)[3] = UInt32(p + count)
            return count
        }
        if let p = NativeProtocols.of(s), let read = p.stream?.read {
            return try read(s, UnsafeMutableRawBufferPointer(start: into, count: n))
        }
        // Other streams (files, io.IOBase subclasses): their readinto.
        let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
        hold[0] = try ByteArray.make(count: n)
        let r = try Runtime.callMethodByName(s, Qstr("readinto"), [hold[0]])
        if r == .none { return nil }
        let got = try IntOps.toInt(r)
        if got < 0 { throw PyExc.osError(-got) }
        let count = min(got, n)
        into.update(from: BytesMethods.data(hold[0]).0, count: count)
        return count
    }

    /// Writes all of `bytes` to stream `s`; nil, or the errno that stopped it.
    static func streamWriteAll(_ s: Obj, _ bytes: UnsafeRawBufferPointer) throws(PyExc) -> Int? {
        if bytes.isEmpty { return nil }
        if IoModule.isStream(s) {
            try IoModule.check(s)
            try IoModule.write(s, bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), bytes.count)
            return nil
        }
        if let p = NativeProtocols.of(s), let write = p.stream?.write {
            var done = 0
            while done < bytes.count {
                guard let n = try write(s, UnsafeRawBufferPointer(rebasing: bytes[done...])) else { return Errno.EAGAIN }
                if n == 0 { return Errno.EIO }
                done += n
            }
            return nil
        }
        let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
        hold[0] = try Str.make(bytes: Array(bytes), type: Types.bytes)
        let r = try Runtime.callMethodByName(s, Qstr("write"), [hold[0]])
        if r == .none { return Errno.EAGAIN }
        let n = try IntOps.toInt(r)
        return n < 0 ? -n : nil
    }

    static func isStream(_ s: Obj) -> Bool {
        if IoModule.isStream(s) || SelectModule.isUserStream(s) || FileObjects.isFile(s) { return true }
        if let p = NativeProtocols.of(s), let st = p.stream, st.read != nil, st.write != nil, st.ioctl != nil { return true }
        return false
    }

    // MARK: framing

    /// Writes a frame header and its payload; the payload's length, nil for EAGAIN.
    static func writeFrame(_ o: Obj, _ header: [UInt8], _ source: UnsafeRawBufferPointer) throws(PyExc) -> Int? {
        // The payload is copied first: the Python code below (setblocking, a Python stream's
        // write) may change or move the buffer it came from.
        let payload = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, source.count), alignment: 1)
        defer { payload.deallocate() }
        if source.count > 0 { payload.baseAddress!.copyMemory(from: source.baseAddress!, byteCount: source.count) }
        let ws = State(o)
        let s = field(o, streamWord)
        let blocking = ws[optionsOffset] & blockingWrite != 0
        if blocking { _ = try Runtime.callMethodByName(s, Qstr("setblocking"), [.true]) }
        let h = UnsafeMutableRawBufferPointer.allocate(byteCount: header.count, alignment: 1)
        defer { h.deallocate() }
        for (i, b) in header.enumerated() { h[i] = b }
        var error = try streamWriteAll(s, UnsafeRawBufferPointer(h))
        if error == nil { error = try streamWriteAll(s, UnsafeRawBufferPointer(rebasing: payload[0..<source.count])) }
        if blocking { _ = try Runtime.callMethodByName(s, Qstr("setblocking"), [.false]) }
        if let e = error {
            if e == Errno.EAGAIN { return nil }
            throw PyExc.osError(e)
        }
        return source.count
    }

    static func write(_ o: Obj, _ data: UnsafeRawBufferPointer) throws(PyExc) -> Int? {
        // C's stream layer never calls the write function for nothing (mp_stream_rw's loop):
        // an empty write sends no frame.
        if data.isEmpty { return 0 }
        if data.count >= maxPayload { throw PyExc.osError(Errno.ENOBUFS) }
        let first = finalFrame | (State(o)[optionsOffset] & opcodeMask)
        let header: [UInt8] = data.count < length16
            ? [first, UInt8(data.count)]
            : [first, UInt8(length16), UInt8(data.count >> 8), UInt8(data.count & 0xFF)]
        return try writeFrame(o, header, data)
    }

    static func startHeader(_ ws: State) {
        ws[stateOffset] = stateHeader
        ws[toReceiveOffset] = headerBytes
        ws[maskPositionOffset] = 0
        ws[bufferPositionOffset] = 0
    }

    /// Reads payload bytes of data frames into `out`: the count, 0 at the end (the stream's,
    /// or a close frame), nil when the stream has nothing yet.
    static func read(_ o: Obj, _ out: UnsafeMutableRawBufferPointer) throws(PyExc) -> Int? {
        let ws = State(o)
        let s = field(o, streamWord)
        let dest = out.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? ws.buffer
        while true {
            let pending = Int(ws[toReceiveOffset])
            if pending != 0 {
                let at = Int(ws[bufferPositionOffset])
                guard at + pending <= bufferSize else { throw PyExc.osError(Errno.EIO) }
                guard let n = try streamRead(s, ws.buffer + at, pending) else { return nil }
                if n == 0 { return 0 }
                ws[bufferPositionOffset] = UInt8(at + n)
                ws[toReceiveOffset] = UInt8(pending - n)
                if pending - n != 0 { return nil }
            }
            switch ws[stateOffset] {
            case stateHeader:
                let flags = ws.buffer[0], lengthByte = ws.buffer[1]
                ws[lastFlagsOffset] = flags
                let opcode = flags & opcodeMask
                // Control frames may come between the pieces of a message: only data frames
                // set the type a continuation keeps.
                if opcode == frameContinuation {
                    ws[dataFlagsOffset] = (ws[dataFlagsOffset] & opcodeMask) | (flags & ~opcodeMask)
                } else {
                    ws[dataFlagsOffset] = flags
                }
                for i in 0..<maskBytes { ws.mask[i] = 0 }
                var more = 0
                let length = Int(lengthByte & lengthMask)
                if length == length64 {
                    // Not supported, and the framing can't be recovered.
                    try DeflateModule.closeStream(s)
                    throw PyExc.osError(Errno.EIO)
                }
                if length == length16 { more += extendedLengthBytes }
                if lengthByte & maskedBit != 0 { more += maskBytes }
                ws[bufferPositionOffset] = 0
                ws[toReceiveOffset] = UInt8(more)
                ws.messageSize = UInt32(length)
                if more != 0 {
                    ws[stateOffset] = stateOptions
                } else {
                    ws[stateOffset] = opcode >= frameClose ? stateControl : statePayload
                }
            case stateOptions:
                let got = Int(ws[bufferPositionOffset])
                if got & extendedLengthBytes != 0 {
                    ws.messageSize = UInt32(ws.buffer[0]) << 8 | UInt32(ws.buffer[1])
                }
                if got & maskBytes != 0 {
                    for i in 0..<maskBytes { ws.mask[i] = ws.buffer[got - maskBytes + i] }
                }
                ws[bufferPositionOffset] = 0
                ws[stateOffset] = ws[lastFlagsOffset] & opcodeMask >= frameClose ? stateControl : statePayload
            default:
                var got = 0
                if ws.messageSize != 0 {
                    let want = min(out.count, Int(ws.messageSize))
                    guard let n = try streamRead(s, dest, want) else { return nil }
                    if n == 0 { return 0 }
                    for i in 0..<n {
                        dest[i] ^= ws.mask[Int(ws[maskPositionOffset] & 3)]
                        ws[maskPositionOffset] &+= 1
                    }
                    ws.messageSize -= UInt32(n)
                    got = n
                }
                if ws.messageSize == 0 {
                    let wasControl = ws[stateOffset] == stateControl
                    startHeader(ws)
                    if wasControl {
                        if ws[lastFlagsOffset] & opcodeMask == frameClose {
                            // Answer with an empty close frame (errors ignored); the end of the stream.
                            _ = try? writeFrame(o, [finalFrame | frameClose, 0], UnsafeRawBufferPointer(start: nil, count: 0))
                            return 0
                        }
                        continue   // ping, pong: skipped
                    }
                }
                // An empty data frame is not the end of the stream.
                if got != 0 { return got }
            }
        }
    }

    static func ioctl(_ o: Obj, _ request: Int, _ argument: Int) throws(PyExc) -> Int {
        let ws = State(o)
        switch request {
        case StreamIoctl.close:
            try DeflateModule.closeStream(field(o, streamWord))
            return 0
        case StreamIoctl.getDataOptions:
            return Int(ws[dataFlagsOffset] & opcodeMask)
        case StreamIoctl.setDataOptions:
            let current = Int(ws[optionsOffset] & opcodeMask)
            ws[optionsOffset] = (ws[optionsOffset] & ~opcodeMask) | (UInt8(truncatingIfNeeded: argument) & opcodeMask)
            return current
        default:
            return -1
        }
    }

    static func install() {
        let m = ModuleBuilder("websocket", extensible: true)
        let cls = NativeClass("websocket", in: m)
        websocketClass = cls
        cls.constructor(1, 2) { (a, nPos, _) throws(PyExc) in
            guard isStream(a[1]) else { throw PyExc.make(Exceptions.OSError, "stream operation not supported") }
            let o = Obj(offset: try Heap.allocate(bytes: objectBytes))
            setField(o, 0, cls.type)
            setField(o, streamWord, a[1])
            let ws = State(o)
            startHeader(ws)
            ws[optionsOffset] = frameText
            if nPos > 2 && a[2] == .true { ws[optionsOffset] |= blockingWrite }
            return o
        }
        let slots = NativeProtocols()
        slots.stream = .init(
            read: { (o, into) throws(PyExc) in try read(o, into) },
            write: { (o, from) throws(PyExc) in try write(o, from) },
            ioctl: { (o, request, argument) throws(PyExc) in try ioctl(o, request, argument) },
            hasFlush: false)
        cls.implement(slots)
        // ioctl(request[, arg]): the stream control call; an unknown request is OSError EINVAL.
        cls.method("ioctl", 2, 3) { (a, nPos, _) throws(PyExc) in
            let request = try IntOps.toInt(a[1])
            let argument = nPos > 2 ? try IntOps.toInt(a[2]) : 0
            let r = try ioctl(a[0], request, argument)
            if r < 0 { throw PyExc.osError(Errno.EINVAL) }
            return Obj(small: r)
        }
    }
}
