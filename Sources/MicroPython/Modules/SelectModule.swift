#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// select: poll objects and select.select over anything with the stream ioctl (extmod/modselect.c).
///
/// A poll object is [type, map, iteration state, flags, reused tuple]; its map (a dict keyed by
/// id(obj), as MicroPython's map of mp_obj_id) holds one entry object per registered stream:
/// [type, stream, host fd or -1, events | revents << 16], 16 bytes as MicroPython's poll_obj_t.
/// Waiting polls every object once per millisecond through `MicroPythonRuntime.sleep`, so
/// Ctrl-C and scheduled callbacks run while select waits.
public enum SelectModule {
    /// ipoll flag: stop polling an object once it has been reported.
    static let oneShot = 1
    /// The poll result of a closed host descriptor (POLLNVAL).
    static let pollInvalid = 0x20
    /// The stream ioctl that asks for a host file descriptor (MP_STREAM_GET_FILENO).
    static let getFileno = 10
    /// Milliseconds between two polls of the objects while waiting.
    static let pollPeriodMilliseconds = 1
    static let nanosecondsPerMillisecond: Int64 = 1_000_000
    static let eventMask: UInt32 = 0xFFFF
    static let errnoNoEntry = 2
    static let errnoInvalid = 22

    nonisolated(unsafe) static var pollClass: NativeClass!
    nonisolated(unsafe) static var entryClass: NativeClass!
    nonisolated(unsafe) static var stdioType = Obj.null
    nonisolated(unsafe) static var ioBase = Obj.null

    // Poll object fields.
    nonisolated(unsafe) static var pollMap: NativeField<Obj>!
    nonisolated(unsafe) static var iterCount: NativeField<Int32>!
    nonisolated(unsafe) static var iterIndex: NativeField<Int32>!
    nonisolated(unsafe) static var pollFlags: NativeField<Int32>!
    nonisolated(unsafe) static var retTuple: NativeField<Obj>!
    // Entry fields.
    nonisolated(unsafe) static var entryStream: NativeField<Obj>!
    nonisolated(unsafe) static var entryFd: NativeField<Int32>!
    nonisolated(unsafe) static var entryEvents: NativeField<UInt32>!

    static var isHost: Bool { MicroPythonRuntime.port.hostFilesystems }

    static func events(_ e: Obj) -> Int { Int(entryEvents[e] & eventMask) }
    static func revents(_ e: Obj) -> Int { Int(entryEvents[e] >> 16) }
    static func setEvents(_ e: Obj, _ v: Int) { entryEvents[e] = (entryEvents[e] & ~eventMask) | (UInt32(truncatingIfNeeded: v) & eventMask) }
    static func setRevents(_ e: Obj, _ v: Int) { entryEvents[e] = (entryEvents[e] & eventMask) | (UInt32(truncatingIfNeeded: v) << 16) }

    static func unsupported() -> PyExc { PyExc.make(Exceptions.OSError, "stream operation not supported") }

    static func isUserStream(_ o: Obj) -> Bool {
        kindOf(o) == .instance && !ioBase.isNull && isSubclass(typeOf(o), ioBase)
    }

    /// A user stream's ioctl(request, arg): its result, negative results raised as OSError.
    static func userIoctl(_ o: Obj, _ request: Int, _ arg: Int) throws(PyExc) -> Int {
        let r = try IntOps.toInt(try Runtime.callMethodByName(o, Qstr("ioctl"), [Obj(small: request), Obj(small: arg)]))
        if r < 0 { throw PyExc.osError(-r) }
        return r
    }

    /// The host descriptor that stands for `o` on the host profile (the unix port's POSIX
    /// optimisation), or -1. Raises for objects that are not streams.
    static func descriptor(_ o: Obj) throws(PyExc) -> Int32 {
        if IntOps.isInt(o) {
            guard isHost else { throw unsupported() }
            let fd = try IntOps.toInt(o)
            if fd < 0 || fd > Int(Int32.max) { throw PyExc.make(Exceptions.ValueError) }
            return Int32(fd)
        }
        if o.isPointer && typeOf(o) == stdioType { return Int32(field(o, 1).smallValue) }
        if FileObjects.isFile(o) {
            // Files are polled through their object (a closed one raises here, as on the unix port).
            _ = try FileObjects.state(o)
            return -1
        }
        if let p = NativeProtocols.of(o), p.stream?.ioctl != nil { return -1 }
        if IoModule.isStream(o) { return -1 }
        if isUserStream(o) {
            if isHost {
                // The unix port asks every stream for a descriptor first; failing is fine.
                if let fd = try? userIoctl(o, getFileno, 0), fd >= 0, fd <= Int(Int32.max) { return Int32(fd) }
            }
            return -1
        }
        throw unsupported()
    }

    /// One poll of a stream that has no host descriptor: MP_STREAM_POLL through its ioctl.
    static func pollStream(_ o: Obj, _ events: Int) throws(PyExc) -> Int {
        if let p = NativeProtocols.of(o), let ioctl = p.stream?.ioctl {
            // A native ioctl raises its own errors; a bare -1 (MP_STREAM_ERROR) means "not supported".
            let r = try ioctl(o, StreamIoctl.poll, events)
            if r < 0 { throw PyExc.osError(r == -1 ? errnoInvalid : -r) }
            return r
        }
        if FileObjects.isFile(o) {
            // Host files are always readable and writable; littlefs and FAT files have no poll.
            guard let s = try? FileObjects.state(o) else { return pollInvalid }
            if s.vfs.driver.kind != .posix { throw PyExc.osError(errnoInvalid) }
            return events & (StreamIoctl.pollIn | StreamIoctl.pollOut)
        }
        if IoModule.isStream(o) { throw PyExc.osError(errnoInvalid) }
        if isUserStream(o) { return try userIoctl(o, StreamIoctl.poll, events) }
        throw unsupported()
    }

    // MARK: poll sets (a map of entries)

    static func key(_ o: Obj) throws(PyExc) -> Obj { try IntOps.make(Int(o.raw)) }

    /// Adds objects to the map with `events` (or-ed into an existing entry's when `orEvents`).
    static func add(_ map: Obj, _ o: Obj, _ ev: Int, orEvents: Bool) throws(PyExc) {
        let roots = try PyStack.pushObjs(2); defer { PyStack.pop(to: roots) }
        roots[0] = try key(o)
        if let e = try Dict.get(map, roots[0]), !e.isNull {
            setEvents(e, orEvents ? events(e) | ev : ev)
            return
        }
        let fd = try descriptor(o)
        roots[1] = try entryClass.make()
        let e = roots[1]
        entryStream[e] = o
        entryFd[e] = fd
        entryEvents[e] = 0
        setEvents(e, ev)
        try Dict.set(map, roots[0], e)
    }

    /// Polls every entry once; the count of ready ones (their revents are stored). Entries
    /// with a host descriptor go to one poll(2) call, as the unix port makes (so too many
    /// descriptors fail with its EINVAL); the others are asked through their ioctl.
    static func pollOnce(_ map: Obj, _ rwx: inout [Int]) throws(PyExc) -> Int {
        let m = Dict.map(map)
        var fds: [pollfd] = []
        var i = 0
        while let slot = m.next(from: &i) {
            let e = slot[1]
            if entryFd[e] >= 0 { fds.append(pollfd(fd: entryFd[e], events: Int16(truncatingIfNeeded: events(e)), revents: 0)) }
        }
        if !fds.isEmpty {
            let n = fds.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t($0.count), 0) }
            if n < 0 {
                let err = Int(errno)
                if err != Int(EINTR) { throw PyExc.osError(err) }
                for k in fds.indices { fds[k].revents = 0 }
            }
        }
        var ready = 0
        var next = 0
        i = 0
        while let slot = m.next(from: &i) {
            let e = slot[1]
            let r: Int
            if entryFd[e] >= 0 {
                // (A user ioctl above may have changed the set: an entry added since is not ready.)
                r = next < fds.count && fds[next].fd == entryFd[e] ? Int(UInt16(bitPattern: fds[next].revents)) : 0
                next += 1
            } else {
                r = try pollStream(entryStream[e], events(e))
            }
            setRevents(e, r)
            if r == 0 { continue }
            ready += 1
            if r & StreamIoctl.pollIn != 0 { rwx[0] += 1 }
            if r & StreamIoctl.pollOut != 0 { rwx[1] += 1 }
            if r & ~(StreamIoctl.pollIn | StreamIoctl.pollOut) != 0 { rwx[2] += 1 }
        }
        return ready
    }

    /// Polls until something is ready or `timeoutMs` (negative: no limit) has passed.
    static func wait(_ map: Obj, _ timeoutMs: Int, _ rwx: inout [Int]) throws(PyExc) -> Int {
        let clock = MicroPythonRuntime.clock
        let start = clock.monotonicNanoseconds()
        if VM.pendingInterrupt || VM.pendingHook { try Runtime.handlePending() }
        while true {
            for k in rwx.indices { rwx[k] = 0 }
            let n = try pollOnce(map, &rwx)
            let elapsed = (clock.monotonicNanoseconds() - start) / nanosecondsPerMillisecond
            if n > 0 || (timeoutMs >= 0 && elapsed >= Int64(timeoutMs)) { return n }
            var slice = Int64(pollPeriodMilliseconds)
            if timeoutMs >= 0 { slice = min(slice, Int64(timeoutMs) - elapsed) }
            try MicroPythonRuntime.sleep(nanoseconds: slice * nanosecondsPerMillisecond)
        }
    }

    // MARK: poll objects

    static func pollTimeout(_ a: UnsafeMutablePointer<Obj>, _ nPos: Int) throws(PyExc) -> Int {
        guard nPos > 1, a[1] != .none else { return -1 }
        let t = try IntOps.toInt(a[1])
        return t >= 0 ? t : -1
    }

    static func pollInternal(_ a: UnsafeMutablePointer<Obj>, _ nPos: Int) throws(PyExc) -> Int {
        let p = a[0]
        let timeout = try pollTimeout(a, nPos)
        pollFlags[p] = nPos > 2 ? Int32(truncatingIfNeeded: try IntOps.toInt(a[2])) : 0
        var rwx = [0, 0, 0]
        return try wait(pollMap[p], timeout, &rwx)
    }

    static func next(_ p: Obj) throws(PyExc) -> Obj {
        if iterCount[p] == 0 { return .null }
        iterCount[p] -= 1
        let m = Dict.map(pollMap[p])
        var i = Int(iterIndex[p])
        while let slot = m.next(from: &i) {
            iterIndex[p] = Int32(i)
            let e = slot[1]
            if revents(e) == 0 { continue }
            let t = retTuple[p]
            Tuple.items(t)[0] = entryStream[e]
            Tuple.items(t)[1] = Obj(small: revents(e))
            if Int(pollFlags[p]) & oneShot != 0 { setEvents(e, 0) }
            return t
        }
        iterCount[p] = 0
        return .null
    }

    // MARK: select.select

    static func array(_ o: Obj) throws(PyExc) -> (UnsafeMutablePointer<Obj>, Int) {
        guard let items = ModSupport.items(o) else { throw PyExc.typeError("object '\(typeName(o))' isn't a tuple or list") }
        return items
    }

    static func select(_ a: UnsafeMutablePointer<Obj>, _ nPos: Int) throws(PyExc) -> Obj {
        var timeout = -1
        if nPos > 3 && a[3] != .none {
            let seconds = try ModSupport.float(a[3])
            if seconds >= 0 { timeout = seconds * 1000 >= Double(Int32.max) ? Int(Int32.max) : Int(seconds * 1000) }
        }
        let roots = try PyStack.pushObjs(4); defer { PyStack.pop(to: roots) }
        roots[0] = try Dict.make()
        let map = roots[0]
        let masks = [StreamIoctl.pollIn, StreamIoctl.pollOut, StreamIoctl.pollError | StreamIoctl.pollHangUp]
        for k in 0..<3 {
            let (items, n) = try array(a[k])
            for i in 0..<n { try add(map, items[i], masks[k], orEvents: true) }
        }
        var rwx = [0, 0, 0]
        _ = try wait(map, timeout, &rwx)
        for k in 0..<3 { roots[1 + k] = try List.make(count: 0) }
        var i = 0
        let m = Dict.map(map)
        while let slot = m.next(from: &i) {
            let e = slot[1], r = revents(e)
            if r & StreamIoctl.pollIn != 0 { try List.append(roots[1], entryStream[e]) }
            if r & StreamIoctl.pollOut != 0 { try List.append(roots[2], entryStream[e]) }
            if r & ~(StreamIoctl.pollIn | StreamIoctl.pollOut) != 0 { try List.append(roots[3], entryStream[e]) }
        }
        return try Tuple.make(roots + 1, 3)
    }

    static func install() {
        if let sys = ModuleRegistry.module("sys"), let stdin = try? Dict.get(Module.globals(sys), Obj(qstr: Qstr("stdin"))) {
            stdioType = typeOf(stdin)
        }
        if let io = ModuleRegistry.module("io"), let b = try? Dict.get(Module.globals(io), Obj(qstr: Qstr("IOBase"))) {
            ioBase = b
        }
        let m = ModuleBuilder("select", extensible: true)

        let entry = NativeClass("pollentry")
        entryClass = entry
        entryStream = entry.field(Obj.self)
        entryFd = entry.field(Int32.self)
        entryEvents = entry.field(UInt32.self)

        let poll = NativeClass("poll")
        pollClass = poll
        pollMap = poll.field(Obj.self)
        iterCount = poll.field(Int32.self)
        iterIndex = poll.field(Int32.self)
        pollFlags = poll.field(Int32.self)
        retTuple = poll.field(Obj.self)

        poll.method("register", 2, 3) { (a, nPos, _) throws(PyExc) in
            let ev = nPos > 2 ? try IntOps.toInt(a[2]) : StreamIoctl.pollIn | StreamIoctl.pollOut
            try add(pollMap[a[0]], a[1], ev, orEvents: false)
            return .none
        }
        poll.method("unregister", 2, 2) { (a, _, _) throws(PyExc) in
            _ = try Dict.map(pollMap[a[0]]).remove(try key(a[1]))
            return .none
        }
        poll.method("modify", 3, 3) { (a, _, _) throws(PyExc) in
            guard let e = try Dict.get(pollMap[a[0]], try key(a[1])), !e.isNull else { throw PyExc.osError(errnoNoEntry) }
            setEvents(e, try IntOps.toInt(a[2]))
            return .none
        }
        poll.method("poll", 1, 2) { (a, nPos, _) throws(PyExc) in
            _ = try pollInternal(a, nPos)
            let roots = try PyStack.pushObjs(1); defer { PyStack.pop(to: roots) }
            roots[0] = try List.make(count: 0)
            var i = 0
            let m = Dict.map(pollMap[a[0]])
            while let slot = m.next(from: &i) {
                let e = slot[1]
                if revents(e) != 0 { try List.append(roots[0], try Tuple.make2(entryStream[e], Obj(small: revents(e)))) }
            }
            return roots[0]
        }
        poll.method("ipoll", 1, 3) { (a, nPos, _) throws(PyExc) in
            let p = a[0]
            if retTuple[p].isNull { retTuple[p] = try Tuple.make2(.none, .none) }
            let n = try pollInternal(a, nPos)
            iterCount[p] = Int32(truncatingIfNeeded: n)
            iterIndex[p] = 0
            return p
        }
        let slots = NativeProtocols()
        slots.next = { (o) throws(PyExc) in try next(o) }
        poll.implement(slots)

        m.function("poll", 0, 0) { (_, _, _) throws(PyExc) in
            let roots = try PyStack.pushObjs(1); defer { PyStack.pop(to: roots) }
            roots[0] = try poll.make()
            pollMap[roots[0]] = try Dict.make()
            return roots[0]
        }
        if MicroPythonRuntime.port.moduleFeatures.contains(.selectSelect) {
            m.function("select", 3, 4) { (a, nPos, _) throws(PyExc) in try select(a, nPos) }
        }
        m.set("POLLIN", Obj(small: StreamIoctl.pollIn))
        m.set("POLLOUT", Obj(small: StreamIoctl.pollOut))
        m.set("POLLERR", Obj(small: StreamIoctl.pollError))
        m.set("POLLHUP", Obj(small: StreamIoctl.pollHangUp))
    }
}
