/// What a class written in Swift implements beyond its methods: MicroPython's type slots and
/// protocols. The core consults them where it would call a C type's slot: `call` when an
/// instance is called, `next` when it is iterated, `loadAttribute`/`storeAttribute` when an
/// attribute is not among the class's members, `buffer` wherever a bytes-like object is
/// accepted, `stream` for the read/write/ioctl of streams (UART, sockets, select.poll).
public final class NativeProtocols {
    /// Reads into the buffer; the count read (0: end of stream), or nil when no data is
    /// there yet on a non-blocking stream (MicroPython's EAGAIN).
    public typealias Read = (_ self: Obj, _ into: UnsafeMutableRawBufferPointer) throws(PyExc) -> Int?
    /// Writes from the buffer; the count written, or nil when it would block.
    public typealias Write = (_ self: Obj, _ from: UnsafeRawBufferPointer) throws(PyExc) -> Int?
    /// A stream control request (MP_STREAM_POLL, FLUSH, CLOSE...): its result.
    public typealias Ioctl = (_ self: Obj, _ request: Int, _ argument: Int) throws(PyExc) -> Int

    public struct Stream {
        public var read: Read?
        public var write: Write?
        public var ioctl: Ioctl?
        /// Text streams read and write str; binary ones bytes.
        public var isText: Bool
        /// Whether the class has a flush() method (a stream with an ioctl has close() and,
        /// unless this is false, flush()).
        public var hasFlush: Bool
        public init(read: Read? = nil, write: Write? = nil, ioctl: Ioctl? = nil, isText: Bool = false, hasFlush: Bool = true) {
            self.read = read; self.write = write; self.ioctl = ioctl; self.isText = isText; self.hasFlush = hasFlush
        }
    }

    public var stream: Stream?
    /// The object's bytes (nil: it has none now). `writable` says whether they may change.
    public var buffer: ((_ self: Obj) -> UnsafeMutableRawBufferPointer?)?
    public var bufferIsWritable = false
    /// The next item of an iterator instance, or NULL at the end.
    public var next: ((_ self: Obj) throws(PyExc) -> Obj)?
    /// Calling an instance: positional arguments, then keyword name/value pairs.
    public var call: ((_ self: Obj, _ args: UnsafeMutablePointer<Obj>, _ nPos: Int, _ nKw: Int) throws(PyExc) -> Obj)?
    /// An attribute that is not a member of the class: its value, or nil for AttributeError.
    public var loadAttribute: ((_ self: Obj, _ name: Qstr) throws(PyExc) -> Obj?)?
    /// Stores (value NULL: deletes) an attribute; false for AttributeError.
    public var storeAttribute: ((_ self: Obj, _ name: Qstr, _ value: Obj) throws(PyExc) -> Bool)?

    public init() {}

    // The table the types' protocol word indexes (ROM: filled while the runtime starts).
    nonisolated(unsafe) static var table: [NativeProtocols] = []

    /// The protocols of `type`, if it is a native class that has them.
    @inline(__always) public static func of(type t: Obj) -> NativeProtocols? {
        guard TypeObject.flags(t) & TypeFlags.nativeProtocols != 0 else { return nil }
        return table[Int(words(t)[NativeClass.protocolWord])]
    }

    /// The protocols of the object's type, for objects made by a native class.
    @inline(__always) public static func of(_ o: Obj) -> NativeProtocols? {
        kindOf(o) == .nativeObject ? of(type: typeOf(o)) : nil
    }

    /// The bytes of a native object with the buffer protocol.
    static func bytes(_ o: Obj) -> (UnsafeMutablePointer<UInt8>, Int)? {
        guard let p = of(o), let get = p.buffer, let b = get(o), let base = b.baseAddress else { return nil }
        return (base.assumingMemoryBound(to: UInt8.self), b.count)
    }
}
