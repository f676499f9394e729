import Crypto

/// hashlib: sha256, sha1 and md5 objects with update() and digest() (extmod/modhashlib.c),
/// computed by swift-crypto. After digest() the object is final: update() and digest() raise
/// ValueError("hash is final"), as MicroPython's.
///
/// An object is [type, final flag, host handle] padded to the size of MicroPython's object on a
/// 32-bit build (its 8-byte header and the C library's context), so hashing costs the same heap.
/// The hasher itself lives on the Swift side and is released by the object's finaliser.
public enum HashlibModule {
    enum Algorithm {
        case sha256, sha1, md5

        /// Bytes of MicroPython's hash object: 8 bytes of header and the C hash context
        /// (crypto-algorithms' SHA-256 context, axTLS's SHA-1 and MD5 contexts).
        var objectBytes: Int {
            let header = 8
            switch self {
            case .sha256: return header + 112
            case .sha1: return header + 96
            case .md5: return header + 88
            }
        }
    }

    /// The running hash of one object.
    final class Hasher {
        var sha256 = SHA256()
        var sha1 = Insecure.SHA1()
        var md5 = Insecure.MD5()
        let algorithm: Algorithm

        init(_ a: Algorithm) { algorithm = a }

        func update(_ b: UnsafeBufferPointer<UInt8>) {
            let raw = UnsafeRawBufferPointer(b)
            switch algorithm {
            case .sha256: sha256.update(bufferPointer: raw)
            case .sha1: sha1.update(bufferPointer: raw)
            case .md5: md5.update(bufferPointer: raw)
            }
        }

        func finish() -> [UInt8] {
            switch algorithm {
            case .sha256: return Array(sha256.finalize())
            case .sha1: return Array(sha1.finalize())
            case .md5: return Array(md5.finalize())
            }
        }
    }

    nonisolated(unsafe) static var classes: [NativeClass] = []

    static func isHash(_ o: Obj) -> Bool { classes.contains { $0.isInstance(o) } }

    static func hasher(_ o: Obj) throws(PyExc) -> Hasher {
        if words(o)[1] != 0 { throw PyExc.valueError("hash is final") }
        guard let h = HostObjects.get(field(o, 2)) as? Hasher else { throw PyExc.valueError("hash is final") }
        return h
    }

    static func update(_ o: Obj, _ data: Obj) throws(PyExc) {
        let h = try hasher(o)
        h.update(try ModSupport.bufferView(data))
    }

    static func addClass(_ name: String, _ algorithm: Algorithm, _ m: ModuleBuilder) {
        let cls = NativeClass(name, in: m)
        classes.append(cls)
        cls.constructor(0, 1) { (a, nPos, _) throws(PyExc) in
            let o = Obj(offset: try Heap.allocate(bytes: algorithm.objectBytes, finaliser: true))
            setField(o, 0, cls.type)
            setField(o, 2, HostObjects.add(Hasher(algorithm)))
            if nPos > 1 {
                let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
                hold[0] = o
                try update(o, a[1])
            }
            return o
        }
        cls.method("update", 2, 2) { (a, _, _) throws(PyExc) in
            try update(a[0], a[1])
            return .none
        }
        cls.method("digest", 1, 1) { (a, _, _) throws(PyExc) in
            let h = try hasher(a[0])
            words(a[0])[1] = 1
            HostObjects.release(field(a[0], 2))
            setField(a[0], 2, .none)
            return try ModSupport.bytes(h.finish())
        }
    }

    static func install() {
        let m = ModuleBuilder("hashlib", extensible: true)
        let features = MicroPythonRuntime.port.moduleFeatures
        addClass("sha256", .sha256, m)
        if features.contains(.hashlibSHA1) { addClass("sha1", .sha1, m) }
        if features.contains(.hashlibMD5) { addClass("md5", .md5, m) }
        Finalisers.native.append { o in
            guard isHash(o) else { return false }
            HostObjects.release(field(o, 2))
            setField(o, 2, .none)
            return true
        }
    }
}
