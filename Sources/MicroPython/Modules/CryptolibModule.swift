import Crypto
import _CryptoExtras

/// cryptolib: the aes class (extmod/modcryptolib.c): ECB (1), CBC (2) and, on the host profile,
/// CTR (6); encrypt/decrypt with an optional output buffer. The AES block function is
/// swift-crypto's; the modes are built on it here, with their state kept in the object.
///
/// An aes object has the size MicroPython's has on a 32-bit axTLS build (its AES context with
/// the expanded key schedule, plus the CTR state for CTR objects). Its bytes hold: word 1 the
/// mode, key direction and key length; word 2 the CTR offset; then the key, the chaining
/// value (IV or counter) and the last encrypted counter block.
public enum CryptolibModule {
    static let modeECB = 1
    static let modeCBC = 2
    static let modeCTR = 6
    static let blockBytes = 16
    static let shortKeyBytes = 16
    static let longKeyBytes = 32

    /// MicroPython's object: header word, axTLS's AES context (rounds and key size, 480 bytes of
    /// key schedule, IV) and the mode byte; CTR objects add the offset and a counter block.
    static let objectBytes = 4 + (4 + 480 + 16) + 4
    static let ctrStateBytes = 4 + 16

    // Byte offsets of the state inside the object.
    static let keyOffset = 12
    static let chainOffset = keyOffset + longKeyBytes
    static let counterBlockOffset = chainOffset + blockBytes

    /// Which way the key has been used (MicroPython sets it on first use and then refuses the other).
    static let directionNone: UInt32 = 0, directionEncrypt: UInt32 = 1, directionDecrypt: UInt32 = 2

    nonisolated(unsafe) static var aesClass: NativeClass!

    // Word 1 holds the mode in its low byte, the key direction in the next, the key length above.
    static let byteMask: UInt32 = 0xFF, directionShift: UInt32 = 8, keyLengthShift: UInt32 = 16
    static func mode(_ o: Obj) -> Int { Int(words(o)[1] & byteMask) }
    static func direction(_ o: Obj) -> UInt32 { (words(o)[1] >> directionShift) & byteMask }
    static func keyLength(_ o: Obj) -> Int { Int(words(o)[1] >> keyLengthShift) }
    static func bytes(_ o: Obj, _ offset: Int) -> UnsafeMutablePointer<UInt8> {
        UnsafeMutableRawPointer(words(o)).advanced(by: offset).assumingMemoryBound(to: UInt8.self)
    }

    static func key(_ o: Obj) -> SymmetricKey {
        SymmetricKey(data: UnsafeBufferPointer(start: bytes(o, keyOffset), count: keyLength(o)))
    }

    /// One block through the AES block function (forward or inverse), in place.
    static func permute(_ block: inout [UInt8], _ key: SymmetricKey, encrypt: Bool) throws(PyExc) {
        do {
            if encrypt { try AES.permute(&block, key: key) } else { try AES.inversePermute(&block, key: key) }
        } catch {
            throw PyExc.valueError("key")
        }
    }

    static func make(_ a: UnsafeMutablePointer<Obj>, _ nPos: Int) throws(PyExc) -> Obj {
        let m = try IntOps.toInt(a[2])
        let ctr = MicroPythonRuntime.port.moduleFeatures.contains(.cryptolibCTR)
        guard m == modeECB || m == modeCBC || (ctr && m == modeCTR) else { throw PyExc.valueError("mode") }
        let o = Obj(offset: try Heap.allocate(bytes: objectBytes + (m == modeCTR ? ctrStateBytes : 0)))
        setField(o, 0, aesClass.type)
        let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
        hold[0] = o
        let keyBytes = try ModSupport.bufferView(a[1])
        guard keyBytes.count == shortKeyBytes || keyBytes.count == longKeyBytes else { throw PyExc.valueError("key") }
        if nPos > 3 && a[3] != .none {
            let iv = try ModSupport.bufferView(a[3])
            guard iv.count == blockBytes else { throw PyExc.valueError("IV") }
            bytes(o, chainOffset).update(from: iv.baseAddress!, count: blockBytes)
        } else if m != modeECB {
            throw PyExc.valueError("IV")
        }
        bytes(o, keyOffset).update(from: keyBytes.baseAddress!, count: keyBytes.count)
        words(o)[1] = UInt32(m) | UInt32(keyBytes.count) << keyLengthShift
        return o
    }

    static func process(_ a: UnsafeMutablePointer<Obj>, _ nPos: Int, encrypt: Bool) throws(PyExc) -> Obj {
        let o = a[0]
        let input = try ModSupport.readBuffer(a[1])
        let m = mode(o)
        if m != modeCTR && input.count % blockBytes != 0 { throw PyExc.valueError("blksize % 16") }
        var out: (UnsafeMutablePointer<UInt8>, Int)? = nil
        if nPos > 2 {
            let w = try ModSupport.writeBuffer(a[2])
            if w.1 < input.count { throw PyExc.valueError("output too small") }
            out = w
        }
        let wanted = encrypt ? directionEncrypt : directionDecrypt
        switch direction(o) {
        case directionNone: words(o)[1] |= wanted << directionShift
        case wanted: break
        default: throw PyExc.valueError("can't encrypt & decrypt")
        }
        let k = key(o)
        var result = [UInt8](repeating: 0, count: input.count)
        let chain = bytes(o, chainOffset)
        var block = [UInt8](repeating: 0, count: blockBytes)
        switch m {
        case modeECB, modeCBC:
            var i = 0
            while i < input.count {
                for j in 0..<blockBytes { block[j] = input[i + j] }
                if m == modeCBC && encrypt { for j in 0..<blockBytes { block[j] ^= chain[j] } }
                try permute(&block, k, encrypt: encrypt)
                if m == modeCBC {
                    if encrypt {
                        for j in 0..<blockBytes { chain[j] = block[j] }
                    } else {
                        for j in 0..<blockBytes { block[j] ^= chain[j]; chain[j] = input[i + j] }
                    }
                }
                for j in 0..<blockBytes { result[i + j] = block[j] }
                i += blockBytes
            }
        default:
            // CTR: a key stream of encrypted big-endian counters, resumed at the stored offset.
            var offset = Int(words(o)[2])
            let stream = bytes(o, counterBlockOffset)
            for i in 0..<input.count {
                if offset == 0 {
                    for j in 0..<blockBytes { block[j] = chain[j] }
                    try permute(&block, k, encrypt: true)
                    for j in 0..<blockBytes { stream[j] = block[j] }
                    var j = blockBytes - 1
                    while j >= 0 {
                        chain[j] &+= 1
                        if chain[j] != 0 { break }
                        j -= 1
                    }
                }
                result[i] = input[i] ^ stream[offset]
                offset = (offset + 1) % blockBytes
            }
            words(o)[2] = UInt32(offset)
        }
        if let (p, _) = out {
            for (i, b) in result.enumerated() { p[i] = b }
            return a[2]
        }
        return try ModSupport.bytes(result)
    }

    static func install() {
        let features = MicroPythonRuntime.port.moduleFeatures
        guard features.contains(.cryptolib) else { return }
        let m = ModuleBuilder("cryptolib", extensible: true)
        let aes = NativeClass("aes", in: m)
        aesClass = aes
        aes.constructor(2, 3) { (a, nPos, _) throws(PyExc) in try make(a, nPos) }
        aes.method("encrypt", 2, 3) { (a, nPos, _) throws(PyExc) in try process(a, nPos, encrypt: true) }
        aes.method("decrypt", 2, 3) { (a, nPos, _) throws(PyExc) in try process(a, nPos, encrypt: false) }
        if features.contains(.cryptolibConstants) {
            m.set("MODE_ECB", Obj(small: modeECB))
            m.set("MODE_CBC", Obj(small: modeCBC))
            if features.contains(.cryptolibCTR) { m.set("MODE_CTR", Obj(small: modeCTR)) }
        }
    }
}
