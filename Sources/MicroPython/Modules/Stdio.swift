/// sys.stdin, sys.stdout and sys.stderr: static stream objects, <io.TextIOWrapper fd>, each
/// with a binary twin in `.buffer` (<io.FileIO fd>), as MICROPY_PY_SYS_STDIO_BUFFER gives them.
/// Output goes to `Builtins.writeStdout`/`writeStderr`. Input comes byte by byte from the port's
/// `readByte` (a board's UART); a port without it supplies lines through `Builtins.readLine`.
public enum Stdio {
    /// Waits for one byte of standard input; nil at the end of input.
    nonisolated(unsafe) public static var readByte: (() throws(PyExc) -> UInt8?)? = nil
    /// Whether a byte of input is waiting (select.poll on sys.stdin).
    nonisolated(unsafe) public static var inputAvailable: (() -> Bool)? = nil
    /// Where sys.stdout.buffer writes, uncooked (a board's text output turns "\n" into
    /// "\r\n"; binary output must not); nil: `Builtins.writeStdout`.
    nonisolated(unsafe) public static var writeBinaryStdout: ((UnsafeBufferPointer<UInt8>) -> Void)? = nil

    /// The rest of the last line read through Builtins.readLine.
    nonisolated(unsafe) static var pendingLine: [UInt8] = []

    static let stdinFD = 0, stdoutFD = 1, stderrFD = 2

    static func install(_ sys: ModuleBuilder) {
        let text = NativeClass("TextIOWrapper")
        let binary = NativeClass("FileIO")
        // Both classes: [type, fd, twin].
        let fd = text.field(Int32.self), twin = text.field(Obj.self)
        _ = binary.field(Int32.self)
        _ = binary.field(Obj.self)

        for (cls, isText) in [(text, true), (binary, false)] {
            let slots = NativeProtocols()
            slots.stream = .init(
                read: { (o, into) throws(PyExc) in
                    if fd[o] != Int32(stdinFD) { throw PyExc.osError(Errno.EBADF) }
                    return try read(into, text: isText)
                },
                write: { (o, from) throws(PyExc) in
                    let b = from.bindMemory(to: UInt8.self)
                    switch Int(fd[o]) {
                    case stdoutFD where !isText && writeBinaryStdout != nil: writeBinaryStdout?(b)
                    case stdoutFD: Builtins.writeStdout(b)
                    case stderrFD: Builtins.writeStderr(b)
                    default: throw PyExc.osError(Errno.EBADF)
                    }
                    return from.count
                },
                ioctl: { (o, request, argument) throws(PyExc) in
                    switch request {
                    case StreamIoctl.poll:
                        var ready = 0
                        if fd[o] == Int32(stdinFD) {
                            if inputAvailable?() ?? true { ready |= StreamIoctl.pollIn }
                        } else {
                            ready |= StreamIoctl.pollOut
                        }
                        return ready & argument
                    case StreamIoctl.flush, StreamIoctl.close: return 0
                    default: throw PyExc.osError(Errno.EINVAL)
                    }
                },
                isText: isText)
            if isText {
                slots.loadAttribute = { (o, name) throws(PyExc) in name == Qstr("buffer") ? twin[o] : nil }
            }
            cls.implement(slots)
            let label = isText ? "TextIOWrapper" : "FileIO"
            cls.method("__repr__", 1, 1) { (a, _, _) throws(PyExc) in try Str.make("<io.\(label) \(fd[a[0]])>") }
            if MicroPythonRuntime.port.moduleFeatures.contains(.stdioFileno) {
                cls.method("fileno", 1, 1) { (a, _, _) throws(PyExc) in Obj(small: Int(fd[try cls.checkSelf(a[0])])) }
            }
        }

        func stream(_ n: Int) -> Obj {
            let t = Obj(offset: Heap.allocateStatic(bytes: 12))
            let b = Obj(offset: Heap.allocateStatic(bytes: 12))
            setField(t, 0, text.type)
            setField(b, 0, binary.type)
            fd[t] = Int32(n)
            fd[b] = Int32(n)
            twin[t] = b
            twin[b] = t
            return t
        }
        let out = stream(stdoutFD)
        Heap.roots[Root.stdout] = out
        sys.set("stdin", stream(stdinFD))
        sys.set("stdout", out)
        sys.set("stderr", stream(stderrFD))
    }

    /// Reads into `into`: from the port's byte source, every byte (waiting for each) with a
    /// text stream's CR read as LF, as a terminal's Enter; from lines, what the line has left.
    /// 0 at the end of input.
    static func read(_ into: UnsafeMutableRawBufferPointer, text: Bool) throws(PyExc) -> Int {
        if into.count == 0 { return 0 }
        if let next = readByte {
            var n = 0
            while n < into.count, let b = try next() {
                into[n] = text && b == 0x0D ? 0x0A : b
                n += 1
            }
            return n
        }
        if pendingLine.isEmpty {
            guard let line = Builtins.readLine("") else { return 0 }
            pendingLine = Array(line.utf8) + [0x0A]
        }
        let n = min(into.count, pendingLine.count)
        for i in 0..<n { into[i] = pendingLine[i] }
        pendingLine.removeFirst(n)
        return n
    }
}
