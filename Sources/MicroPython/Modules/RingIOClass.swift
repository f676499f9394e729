/// micropython.RingIO: a byte ring buffer that is a stream (py/objringio.c), for passing data
/// between an interrupt handler or a task and a reader; `select.poll` and asyncio wait on it.
///
/// Instance: [type, storage, size | get index << 16, put index | own << 16], one GC block as
/// the C object. The storage is a block of its own (RingIO(n): n + 1 bytes, one always kept
/// free to tell full from empty) or a writable buffer object the program gave, whose whole
/// length is the ring.
enum RingIOClass {
    static func install(_ module: ModuleBuilder) {
        let cls = NativeClass("RingIO", in: module)
        let storage = cls.field(Obj.self)
        let sizeAndGet = cls.field(UInt32.self)
        let putAndOwn = cls.field(UInt32.self)
        func size(_ o: Obj) -> Int { Int(sizeAndGet[o] & 0xFFFF) }
        func getIndex(_ o: Obj) -> Int { Int(sizeAndGet[o] >> 16) }
        func putIndex(_ o: Obj) -> Int { Int(putAndOwn[o] & 0xFFFF) }
        func setGet(_ o: Obj, _ i: Int) { sizeAndGet[o] = sizeAndGet[o] & 0xFFFF | UInt32(i) << 16 }
        func setPut(_ o: Obj, _ i: Int) { putAndOwn[o] = putAndOwn[o] & 0xFFFF_0000 | UInt32(i) }
        /// The ring's bytes, where they are now.
        func bytes(_ o: Obj) throws(PyExc) -> UnsafeMutablePointer<UInt8> {
            if putAndOwn[o] >> 16 != 0 { return arenaBytes(storage[o].raw) }
            let (p, n) = try ModSupport.writeBuffer(storage[o])
            // A buffer that shrank since: its ring is gone with it.
            guard n >= size(o) else { throw PyExc.make(Exceptions.ValueError) }
            return p
        }
        func available(_ o: Obj) -> Int {
            let n = size(o)
            return (putIndex(o) - getIndex(o) + n) % n
        }
        func free(_ o: Obj) -> Int { size(o) - available(o) - 1 }
        /// Visits `n` ring positions from `start` (k-th byte, its index), and gives the index after.
        func walk(_ o: Obj, from start: Int, _ n: Int, _ visit: (Int, Int) -> Void) -> Int {
            let total = size(o)
            var i = start
            for k in 0..<n {
                visit(k, i)
                i += 1
                if i == total { i = 0 }
            }
            return i
        }
        cls.constructor(1, 1) { (a, _, _) throws(PyExc) in
            let length: Int
            var given = Obj.null
            if let (_, n) = try? ModSupport.writeBuffer(a[1]) {
                length = n
                given = a[1]
            } else {
                length = try IntOps.toInt(a[1]) + 1
            }
            if length < 2 || length > Int(UInt16.max) { throw PyExc.make(Exceptions.ValueError) }
            let hold = try PyStack.pushObjs(1)
            defer { PyStack.pop(to: hold) }
            if given.isNull { hold[0] = Obj(offset: try Heap.allocate(bytes: length)) }
            let o = try cls.make()
            storage[o] = given.isNull ? hold[0] : given
            sizeAndGet[o] = UInt32(length)
            putAndOwn[o] = given.isNull ? 1 << 16 : 0
            return o
        }
        cls.method("any", 1, 1) { (a, _, _) throws(PyExc) in Obj(small: available(a[0])) }
        let slots = NativeProtocols()
        slots.stream = .init(
            read: { (o, into) throws(PyExc) in
                let n = min(into.count, available(o))
                let p = try bytes(o)
                setGet(o, walk(o, from: getIndex(o), n) { k, i in into[k] = p[i] })
                return n
            },
            write: { (o, from) throws(PyExc) in
                let n = min(from.count, free(o))
                let p = try bytes(o)
                setPut(o, walk(o, from: putIndex(o), n) { k, i in p[i] = from[k] })
                return n
            },
            ioctl: { (o, request, argument) throws(PyExc) in
                switch request {
                case StreamIoctl.poll:
                    var ready = 0
                    if argument & StreamIoctl.pollIn != 0 && available(o) > 0 { ready |= StreamIoctl.pollIn }
                    if argument & StreamIoctl.pollOut != 0 && free(o) > 0 {
                        ready |= StreamIoctl.pollOut
                    }
                    return ready
                case StreamIoctl.close:
                    return 0
                default:
                    return -1
                }
            },
            hasFlush: false)
        cls.implement(slots)
    }
}
