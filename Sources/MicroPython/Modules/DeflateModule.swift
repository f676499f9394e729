/// deflate: DeflateIO, a stream that decompresses what it reads from another stream (raw
/// DEFLATE, zlib or gzip, the format found from the header in AUTO) and, where the port has
/// compression, compresses what is written to it (extmod/moddeflate.c over uzlib).
///
/// The inflater and the compressor are written here; their state lives in GC blocks of the
/// sizes MicroPython allocates on a 32-bit build (the DeflateIO object, a decompressor state
/// of 1296 bytes or a compressor state of 48, and a window of 2**wbits bytes), allocated on
/// the first read or write. Compression is uzlib's: greedy LZ77 over the window, the longest
/// (then the nearest) match of 3 bytes or more, one final block with the fixed Huffman codes.
public enum DeflateModule {
    static let formatAuto = 0, formatRaw = 1, formatZlib = 2, formatGzip = 3
    static let defaultWindowBits = 8
    static let minWindowBits = 5, maxWindowBits = 15
    static let errnoInvalid = 22
    static let errnoAgain = 11

    /// Facts of the DEFLATE, zlib and gzip formats (RFC 1951, 1950, 1952).
    enum Format {
        static let codeLengthLimit = 16          // code lengths are 1...15; table[0] is unused
        static let literalSymbols = 288, distanceSymbols = 32, codeLengthSymbols = 19
        static let endOfBlock = 256, firstLengthSymbol = 257
        static let storedBlock = 0, fixedBlock = 1, dynamicBlock = 2
        // Repeat codes of the code-length alphabet.
        static let repeatPrevious = 16, repeatZeroShort = 17, repeatZeroLong = 18
        // The fixed code: literal/length code lengths by symbol range, and the distance codes.
        static let fixedNineBitStart = 144, fixedSevenBitStart = 256, fixedEightBitAgain = 280
        static let fixedDistanceBits: UInt8 = 5
        static let adlerModulus: UInt32 = 65521
        static let gzipID1: UInt8 = 0x1F, gzipID2: UInt8 = 0x8B, methodDeflate: UInt8 = 8
        static let gzipHeaderCRC: UInt8 = 2, gzipExtra: UInt8 = 4, gzipName: UInt8 = 8, gzipComment: UInt8 = 16
        static let gzipReserved: UInt8 = 0xE0
        static let gzipFixedHeaderRest = 6       // MTIME, XFL, OS after ID1 ID2 CM FLG
        static let gzipWindowBits = 15
        static let zlibCheckModulus = 31, zlibPresetDictionary: UInt8 = 0x20, zlibMaxWindowCode: UInt8 = 7
        static let zlibWindowBitsBase = 8
        static let storedLengthMask = 0xFFFF
    }

    // DeflateIO object words: [type, stream, settings, decompressor, compressor].
    static let streamWord = 1, settingsWord = 2, readWord = 3, writeWord = 4
    static var objectWords: Int { compressionEnabled ? 5 : 4 }
    nonisolated(unsafe) static var compressionEnabled = false
    nonisolated(unsafe) static var deflateClass: NativeClass!

    static func format(_ o: Obj) -> Int { Int(words(o)[settingsWord] & 0xFF) }
    static func windowBits(_ o: Obj) -> Int { Int((words(o)[settingsWord] >> 8) & 0xFF) }
    static func closesStream(_ o: Obj) -> Bool { words(o)[settingsWord] >> 16 != 0 }

    // MARK: checksums

    static func adler32(_ b: UnsafeRawBufferPointer, _ start: UInt32) -> UInt32 {
        let modulus = Format.adlerModulus
        var a = start & 0xFFFF, s = start >> 16
        for x in b {
            a = (a + UInt32(x)) % modulus
            s = (s + a) % modulus
        }
        return s << 16 | a
    }

    /// CRC-32 without the final inversion (the caller keeps it inverted, as uzlib does).
    static func crc32(_ b: UnsafeRawBufferPointer, _ start: UInt32) -> UInt32 {
        var c = start
        for x in b { c = BinasciiModule.crcTable[Int((c ^ UInt32(x)) & 0xFF)] ^ (c >> 8) }
        return c
    }

    // MARK: the underlying stream

    /// The outcome of one byte read from the underlying stream.
    enum ByteRead { case byte(UInt8), end, error(Int) }

    static func isUserStream(_ s: Obj) -> Bool { SelectModule.isUserStream(s) }

    /// Raises MicroPython's error unless `s` can be read (or written).
    static func checkStream(_ s: Obj, write: Bool) throws(PyExc) {
        if IoModule.isStream(s) || isUserStream(s) || FileObjects.isFile(s) { return }
        if let p = NativeProtocols.of(s), let st = p.stream, write ? st.write != nil : st.read != nil { return }
        throw PyExc.make(Exceptions.OSError, "stream operation not supported")
    }

    static func readByte(_ s: Obj) throws(PyExc) -> ByteRead {
        if IoModule.isStream(s) {
            try IoModule.check(s)
            let p = IoModule.pos(s)
            if p >= IoModule.length(s) { return .end }
            words(s)[3] = UInt32(p + 1)
            return .byte(IoModule.data(s)[p])
        }
        if let p = NativeProtocols.of(s), let read = p.stream?.read {
            let one = UnsafeMutableRawBufferPointer.allocate(byteCount: 1, alignment: 1)
            defer { one.deallocate() }
            guard let n = try read(s, one) else { return .error(errnoAgain) }
            return n == 0 ? .end : .byte(one[0])
        }
        // Python streams: readinto a 1-byte bytearray (io.IOBase's stream protocol).
        let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
        hold[0] = try ByteArray.make(count: 1)
        let r = try Runtime.callMethodByName(s, Qstr("readinto"), [hold[0]])
        if r == .none { return .error(errnoAgain) }
        let n = try IntOps.toInt(r)
        if n < 0 { return .error(-n) }
        return n == 0 ? .end : .byte(BytesMethods.data(hold[0]).0[0])
    }

    /// Writes `b` to the underlying stream: nil, or the error code of a failed write.
    static func writeBytes(_ s: Obj, _ b: [UInt8]) throws(PyExc) -> Int? {
        if IoModule.isStream(s) {
            try IoModule.check(s)
            let tmp = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, b.count))
            defer { tmp.deallocate() }
            for (i, x) in b.enumerated() { tmp[i] = x }
            try IoModule.write(s, tmp, b.count)
            return nil
        }
        if let p = NativeProtocols.of(s), let write = p.stream?.write {
            let tmp = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, b.count), alignment: 1)
            defer { tmp.deallocate() }
            for (i, x) in b.enumerated() { tmp[i] = x }
            return try write(s, UnsafeRawBufferPointer(rebasing: tmp[0..<b.count])) == nil ? errnoAgain : nil
        }
        let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
        hold[0] = try ByteArray.make(b)
        let r = try Runtime.callMethodByName(s, Qstr("write"), [hold[0]])
        if r == .none { return errnoAgain }
        let n = try IntOps.toInt(r)
        return n < 0 ? -n : nil
    }

    static func closeStream(_ s: Obj) throws(PyExc) {
        if let p = NativeProtocols.of(s), let ioctl = p.stream?.ioctl {
            let r = try ioctl(s, StreamIoctl.close, 0)
            if r < 0 { throw PyExc.osError(r == -1 ? errnoInvalid : -r) }
            return
        }
        if isUserStream(s) {
            _ = try SelectModule.userIoctl(s, StreamIoctl.close, 0)
            return
        }
        _ = try Runtime.callMethodByName(s, Qstr("close"), [])
    }

    // MARK: decompression

    /// The decompressor's state: one GC block, addressed by word (and the trees by halfword).
    struct Inflater {
        static let stateBytes = 1296   // MicroPython's mp_obj_deflateio_read_t on 32 bits
        // Words of the state block.
        static let window = 0, tag = 1, bitCount = 2, checksum = 3, checksumKind = 4, blockType = 5
        static let finalBlock = 6, remaining = 7, copyFrom = 8, windowSize = 9, windowIndex = 10
        static let finished = 11, failed = 12
        /// Byte offset of the trees: literal/length then distance, each 16 counts and 288 symbols.
        static let treesOffset = 64
        static let treeHalfwords = Format.codeLengthLimit + Format.literalSymbols
        static let checksumNone: UInt32 = 0, checksumAdler: UInt32 = 1, checksumCRC: UInt32 = 2
        static let noBlock = UInt32.max

        static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                                        67, 83, 99, 115, 131, 163, 195, 227, 258]
        static let lengthBits: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
        static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
                                          1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
        static let distanceBits: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
        /// The order code-length code lengths come in.
        static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

        enum Status { case more, blockEnd, dataError }

        let w: UnsafeMutablePointer<UInt32>
        let stream: Obj

        subscript(_ i: Int) -> UInt32 {
            get { w[i] }
            nonmutating set { w[i] = newValue }
        }

        func tree(_ k: Int) -> UnsafeMutablePointer<UInt16> {
            UnsafeMutableRawPointer(w).advanced(by: Inflater.treesOffset + 2 * Inflater.treeHalfwords * k)
                .assumingMemoryBound(to: UInt16.self)
        }
        var dictionary: UnsafeMutablePointer<UInt8> { arenaBytes(self[Inflater.window]) }

        /// The next byte of the underlying stream; its end is EOFError, a read error OSError.
        func byte() throws(PyExc) -> UInt8 {
            switch try readByte(stream) {
            case .byte(let b): return b
            case .end: throw PyExc.make(Exceptions.EOFError)
            case .error(let e): throw PyExc.osError(e)
            }
        }

        func bit() throws(PyExc) -> UInt32 {
            if self[Inflater.bitCount] == 0 {
                self[Inflater.tag] = UInt32(try byte())
                self[Inflater.bitCount] = 8
            }
            let b = self[Inflater.tag] & 1
            self[Inflater.tag] >>= 1
            self[Inflater.bitCount] -= 1
            return b
        }

        func bits(_ n: Int, _ base: Int) throws(PyExc) -> Int {
            var v = 0
            for i in 0..<n { v |= Int(try bit()) << i }
            return v + base
        }

        /// Fills tree `k` from code lengths: counts per length, then symbols by (length, symbol).
        func build(_ k: Int, _ lengths: ArraySlice<UInt8>) {
            let t = tree(k)
            for i in 0..<Inflater.treeHalfwords { t[i] = 0 }
            for l in lengths { t[Int(l)] += 1 }
            t[0] = 0
            let limit = Format.codeLengthLimit
            var offsets = [Int](repeating: 0, count: limit)
            var sum = 0
            for l in 0..<limit {
                offsets[l] = sum
                sum += Int(t[l])
            }
            for (i, l) in lengths.enumerated() where l != 0 {
                t[limit + offsets[Int(l)]] = UInt16(i)
                offsets[Int(l)] += 1
            }
        }

        /// The next symbol of tree `k` (canonical code, read bit by bit), or nil for a code
        /// that is not in the tree.
        func symbol(_ k: Int) throws(PyExc) -> Int? {
            let t = tree(k)
            var code = 0, first = 0, index = 0
            for len in 1..<Format.codeLengthLimit {
                code |= Int(try bit())
                let count = Int(t[len])
                if code - first < count { return Int(t[Format.codeLengthLimit + index + code - first]) }
                index += count
                first = (first + count) << 1
                code <<= 1
            }
            return nil
        }

        func startBlock() throws(PyExc) -> Status {
            self[Inflater.finalBlock] = try bit()
            let type = try bits(2, 0)
            self[Inflater.blockType] = UInt32(type)
            if type == Format.fixedBlock {
                var lengths = [UInt8](repeating: 8, count: Format.literalSymbols)
                for i in Format.fixedNineBitStart..<Format.fixedSevenBitStart { lengths[i] = 9 }
                for i in Format.fixedSevenBitStart..<Format.fixedEightBitAgain { lengths[i] = 7 }
                build(0, lengths[...])
                build(1, [UInt8](repeating: Format.fixedDistanceBits, count: Format.distanceSymbols)[...])
            } else if type == Format.dynamicBlock {
                return try dynamicTrees()
            }
            return .more
        }

        func dynamicTrees() throws(PyExc) -> Status {
            let literals = try bits(5, 257), distances = try bits(5, 1), codeLengths = try bits(4, 4)
            var lengths = [UInt8](repeating: 0, count: Format.literalSymbols + Format.distanceSymbols)
            for i in 0..<codeLengths { lengths[Inflater.codeLengthOrder[i]] = UInt8(try bits(3, 0)) }
            build(0, lengths[0..<Format.codeLengthSymbols])
            let limit = literals + distances
            for i in 0..<Format.codeLengthSymbols { lengths[i] = 0 }
            var n = 0
            while n < limit {
                guard let sym = try symbol(0) else { return .dataError }
                var fill: UInt8 = 0
                let repeatCount: Int
                switch sym {
                case Format.repeatPrevious:
                    if n == 0 { return .dataError }
                    fill = lengths[n - 1]
                    repeatCount = try bits(2, 3)
                case Format.repeatZeroShort: repeatCount = try bits(3, 3)
                case Format.repeatZeroLong: repeatCount = try bits(7, 11)
                default:
                    lengths[n] = UInt8(sym)
                    n += 1
                    continue
                }
                if n + repeatCount > limit { return .dataError }
                for _ in 0..<repeatCount {
                    lengths[n] = fill
                    n += 1
                }
            }
            build(0, lengths[0..<literals])
            build(1, lengths[literals..<limit])
            return .more
        }

        func put(_ c: UInt8, _ out: UnsafeMutablePointer<UInt8>, _ produced: inout Int) {
            out[produced] = c
            produced += 1
            dictionary[Int(self[Inflater.windowIndex])] = c
            self[Inflater.windowIndex] += 1
            if self[Inflater.windowIndex] == self[Inflater.windowSize] { self[Inflater.windowIndex] = 0 }
        }

        /// One step of a Huffman block: a literal, the block's end, or one byte of a match.
        func huffmanStep(_ out: UnsafeMutablePointer<UInt8>, _ produced: inout Int) throws(PyExc) -> Status {
            if self[Inflater.remaining] == 0 {
                guard let sym = try symbol(0) else { return .dataError }
                if sym < Format.endOfBlock {
                    put(UInt8(sym), out, &produced)
                    return .more
                }
                if sym == Format.endOfBlock { return .blockEnd }
                let l = sym - Format.firstLengthSymbol
                if l >= Inflater.lengthBase.count { return .dataError }
                self[Inflater.remaining] = UInt32(try bits(Inflater.lengthBits[l], Inflater.lengthBase[l]))
                guard let d = try symbol(1), d < Inflater.distanceBase.count else { return .dataError }
                let distance = try bits(Inflater.distanceBits[d], Inflater.distanceBase[d])
                let size = Int(self[Inflater.windowSize])
                if distance > size { return .dataError }
                var from = Int(self[Inflater.windowIndex]) - distance
                if from < 0 { from += size }
                self[Inflater.copyFrom] = UInt32(from)
            }
            let from = Int(self[Inflater.copyFrom])
            put(dictionary[from], out, &produced)
            self[Inflater.copyFrom] = from + 1 == Int(self[Inflater.windowSize]) ? 0 : UInt32(from + 1)
            self[Inflater.remaining] -= 1
            return .more
        }

        /// One step of a stored block: one byte, or its end.
        func storedStep(_ out: UnsafeMutablePointer<UInt8>, _ produced: inout Int) throws(PyExc) -> Status {
            if self[Inflater.remaining] == 0 {
                let length = Int(try byte()) | Int(try byte()) << 8
                let inverse = Int(try byte()) | Int(try byte()) << 8
                if length != (~inverse & Format.storedLengthMask) { return .dataError }
                self[Inflater.remaining] = UInt32(length + 1)
                self[Inflater.bitCount] = 0
            }
            self[Inflater.remaining] -= 1
            if self[Inflater.remaining] == 0 { return .blockEnd }
            put(try byte(), out, &produced)
            return .more
        }

        func step(_ out: UnsafeMutablePointer<UInt8>, _ produced: inout Int) throws(PyExc) -> Status {
            switch Int(self[Inflater.blockType]) {
            case Format.storedBlock: return try storedStep(out, &produced)
            case Format.fixedBlock, Format.dynamicBlock: return try huffmanStep(out, &produced)
            default: return .dataError
            }
        }

        /// Fills `out` (at least one byte) unless the stream ends first: the count, and whether
        /// the last block ended; nil for corrupt data.
        func inflate(_ out: UnsafeMutablePointer<UInt8>, _ limit: Int) throws(PyExc) -> (Int, Bool)? {
            var produced = 0
            repeat {
                if self[Inflater.blockType] == Inflater.noBlock {
                    if try startBlock() == .dataError { return nil }
                }
                var s = try step(out, &produced)
                while s == .blockEnd && self[Inflater.finalBlock] == 0 {
                    if try startBlock() == .dataError { return nil }
                    s = try step(out, &produced)
                }
                switch s {
                case .dataError: return nil
                case .blockEnd: return (produced, true)
                case .more: break
                }
            } while produced < limit
            return (produced, false)
        }

        func word32(bigEndian: Bool) throws(PyExc) -> UInt32 {
            var v: UInt32 = 0
            for i in 0..<4 {
                let b = UInt32(try byte())
                v = bigEndian ? v << 8 | b : v | b << UInt32(8 * i)
            }
            return v
        }

        /// inflate, with the checksum kept and checked against the trailer at the end.
        func inflateChecked(_ out: UnsafeMutablePointer<UInt8>, _ limit: Int) throws(PyExc) -> (Int, Bool)? {
            guard let (n, done) = try inflate(out, limit) else { return nil }
            let produced = UnsafeRawBufferPointer(start: out, count: n)
            switch self[Inflater.checksumKind] {
            case Inflater.checksumAdler: self[Inflater.checksum] = adler32(produced, self[Inflater.checksum])
            case Inflater.checksumCRC: self[Inflater.checksum] = crc32(produced, self[Inflater.checksum])
            default: break
            }
            if done {
                switch self[Inflater.checksumKind] {
                case Inflater.checksumAdler:
                    if try word32(bigEndian: true) != self[Inflater.checksum] { return nil }
                case Inflater.checksumCRC:
                    if try word32(bigEndian: false) != ~self[Inflater.checksum] { return nil }
                    _ = try word32(bigEndian: false)   // the uncompressed size, not checked
                default: break
                }
            }
            return (n, done)
        }

        /// Reads a zlib or gzip header: its window bits and whether it was gzip, or nil.
        func header() throws(PyExc) -> (Int, Bool)? {
            let cmf = try byte(), flg = try byte()
            if cmf == Format.gzipID1 && flg == Format.gzipID2 {
                if try byte() != Format.methodDeflate { return nil }
                let flags = try byte()
                if flags & Format.gzipReserved != 0 { return nil }
                for _ in 0..<Format.gzipFixedHeaderRest { _ = try byte() }
                if flags & Format.gzipExtra != 0 {
                    let extra = Int(try byte()) | Int(try byte()) << 8
                    for _ in 0..<extra { _ = try byte() }
                }
                if flags & Format.gzipName != 0 { while try byte() != 0 {} }
                if flags & Format.gzipComment != 0 { while try byte() != 0 {} }
                if flags & Format.gzipHeaderCRC != 0 { _ = try byte(); _ = try byte() }
                self[Inflater.checksumKind] = Inflater.checksumCRC
                self[Inflater.checksum] = ~0
                return (Format.gzipWindowBits, true)
            }
            let check = (256 * Int(cmf) + Int(flg)) % Format.zlibCheckModulus
            if check != 0 || cmf & 0x0F != Format.methodDeflate || cmf >> 4 > Format.zlibMaxWindowCode
                || flg & Format.zlibPresetDictionary != 0 { return nil }
            self[Inflater.checksumKind] = Inflater.checksumAdler
            self[Inflater.checksum] = 1
            return (Int(cmf >> 4) + Format.zlibWindowBitsBase, false)
        }
    }

    /// The decompressor of `o`, made on the first read (header read, window allocated).
    static func inflater(_ o: Obj) throws(PyExc) -> Inflater? {
        let s = field(o, streamWord)
        if s.isNull { return nil }
        if words(o)[readWord] != 0 {
            let i = Inflater(w: UnsafeMutableRawPointer(arenaBytes(words(o)[readWord])).assumingMemoryBound(to: UInt32.self), stream: s)
            return i[Inflater.failed] != 0 ? nil : i
        }
        try checkStream(s, write: false)
        let block = try Heap.allocate(bytes: Inflater.stateBytes)
        words(o)[readWord] = block
        let i = Inflater(w: UnsafeMutableRawPointer(arenaBytes(block)).assumingMemoryBound(to: UInt32.self), stream: s)
        i[Inflater.blockType] = Inflater.noBlock
        i[Inflater.failed] = 1
        var bits = windowBits(o)
        let f = format(o)
        if f == formatRaw {
            if bits == 0 { bits = defaultWindowBits }
        } else {
            guard let (headerBits, gzip) = try i.header() else { return nil }
            if (f == formatZlib && gzip) || (f == formatGzip && !gzip) { return nil }
            if bits == 0 || headerBits < bits { bits = headerBits }
        }
        let window = try Heap.allocate(bytes: 1 << bits)
        i[Inflater.window] = window
        i[Inflater.windowSize] = UInt32(1 << bits)
        i[Inflater.failed] = 0
        return i
    }

    static func read(_ o: Obj, _ into: UnsafeMutableRawBufferPointer) throws(PyExc) -> Int? {
        guard let i = try inflater(o) else { throw PyExc.osError(errnoInvalid) }
        if i[Inflater.finished] != 0 || into.count == 0 { return 0 }
        let out = into.baseAddress!.assumingMemoryBound(to: UInt8.self)
        guard let (n, done) = try i.inflateChecked(out, into.count) else { throw PyExc.osError(errnoInvalid) }
        if done { i[Inflater.finished] = 1 }
        return n
    }

    // MARK: compression

    /// The compressor's state block (MicroPython's mp_obj_deflateio_write_t: 48 bytes).
    struct Compressor {
        static let stateBytes = 44
        static let window = 0, inputLength = 1, checksum = 2, bitBuffer = 3, bitCount = 4
        static let historySize = 5, historyStart = 6, historyLength = 7
        static let minMatch = 3, maxMatch = 258
        static let endOfBlockBits = 7

        let w: UnsafeMutablePointer<UInt32>
        let stream: Obj

        subscript(_ i: Int) -> UInt32 {
            get { w[i] }
            nonmutating set { w[i] = newValue }
        }
        var history: UnsafeMutablePointer<UInt8> { arenaBytes(self[Compressor.window]) }

        /// Adds bits (least significant first); each completed byte goes to the stream at once.
        func put(_ value: Int, _ count: Int) throws(PyExc) {
            var buffer = UInt64(self[Compressor.bitBuffer]) | UInt64(value) << UInt64(self[Compressor.bitCount])
            var n = Int(self[Compressor.bitCount]) + count
            while n >= 8 {
                let b = UInt8(truncatingIfNeeded: buffer)
                buffer >>= 8
                n -= 8
                self[Compressor.bitBuffer] = UInt32(truncatingIfNeeded: buffer)
                self[Compressor.bitCount] = UInt32(n)
                if let e = try writeBytes(stream, [b]) { throw PyExc.osError(e) }
            }
            self[Compressor.bitBuffer] = UInt32(truncatingIfNeeded: buffer)
            self[Compressor.bitCount] = UInt32(n)
        }

        /// A Huffman code (sent most significant bit first).
        func putCode(_ code: Int, _ length: Int) throws(PyExc) {
            var reversed = 0
            for i in 0..<length where code & (1 << i) != 0 { reversed |= 1 << (length - 1 - i) }
            try put(reversed, length)
        }

        /// A literal with the fixed code: 0-143 as 8 bits from 0x30, 144-255 as 9 bits from 0x190.
        func literal(_ c: UInt8) throws(PyExc) {
            let firstEightBitCode = 0x30, firstNineBitCode = 0x190
            if Int(c) < Format.fixedNineBitStart {
                try putCode(firstEightBitCode + Int(c), 8)
            } else {
                try putCode(firstNineBitCode + Int(c) - Format.fixedNineBitStart, 9)
            }
        }

        /// A length/distance pair; lengths over 258 go as several pairs (never one under 3).
        func match(_ distance: Int, _ length: Int) throws(PyExc) {
            var left = length
            while left > 0 {
                let part = left > 260 ? Compressor.maxMatch : left <= Compressor.maxMatch ? left : left - Compressor.minMatch
                left -= part
                var code = Inflater.lengthBase.count - 1
                while Inflater.lengthBase[code] > part { code -= 1 }
                let symbol = Format.firstLengthSymbol + code
                let firstEightBitLengthCode = 0xC0
                if symbol < Format.fixedEightBitAgain {
                    try putCode(symbol - Format.fixedSevenBitStart, 7)
                } else {
                    try putCode(firstEightBitLengthCode + symbol - Format.fixedEightBitAgain, 8)
                }
                try put(part - Inflater.lengthBase[code], Inflater.lengthBits[code])
                var d = Inflater.distanceBase.count - 1
                while Inflater.distanceBase[d] > distance { d -= 1 }
                try putCode(d, Int(Format.fixedDistanceBits))
                try put(distance - Inflater.distanceBase[d], Inflater.distanceBits[d])
            }
        }

        /// The longest match (the nearest of equal ones) of `src` in the history followed by
        /// `src` itself: (length, distance), length 0 for none of at least 3 bytes.
        func longestMatch(_ src: UnsafePointer<UInt8>, _ count: Int) -> (Int, Int) {
            let size = Int(self[Compressor.historySize]), start = Int(self[Compressor.historyStart])
            let length = Int(self[Compressor.historyLength])
            let h = history
            var best = 0, bestDistance = 0
            for from in 0..<length {
                var n = 0
                while n <= Compressor.maxMatch && n < count {
                    let k = from + n
                    let c = k < length ? h[(start + k) & (size - 1)] : src[k - length]
                    if src[n] != c { break }
                    n += 1
                }
                if n >= Compressor.minMatch && n >= best {
                    best = n
                    bestDistance = length - from
                }
            }
            return (best, bestDistance)
        }

        func compress(_ data: UnsafePointer<UInt8>, _ count: Int) throws(PyExc) {
            var i = 0
            let size = Int(self[Compressor.historySize])
            while i < count {
                var (n, distance) = longestMatch(data + i, count - i)
                if n == 0 {
                    try literal(data[i])
                    n = 1
                } else {
                    try match(distance, n)
                }
                for _ in 0..<n {
                    let start = Int(self[Compressor.historyStart]), length = Int(self[Compressor.historyLength])
                    history[(start + length) & (size - 1)] = data[i]
                    if length == size {
                        self[Compressor.historyStart] = UInt32((start + 1) & (size - 1))
                    } else {
                        self[Compressor.historyLength] = UInt32(length + 1)
                    }
                    i += 1
                }
            }
        }
    }

    static func compressor(_ o: Obj, _ c: UInt32) -> Compressor {
        Compressor(w: UnsafeMutableRawPointer(arenaBytes(c)).assumingMemoryBound(to: UInt32.self), stream: field(o, streamWord))
    }

    /// The compressor of `o`, made on the first write (window, state, header, block start);
    /// nil when the stream is closed or the header could not be written.
    static func startCompressor(_ o: Obj) throws(PyExc) -> Compressor? {
        let s = field(o, streamWord)
        if s.isNull { return nil }
        if words(o)[writeWord] != 0 { return compressor(o, words(o)[writeWord]) }
        try checkStream(s, write: true)
        var bits = windowBits(o)
        if bits == 0 { bits = defaultWindowBits }
        // The window first: if it can't be had, the object stays as it was.
        let window = try Heap.allocate(bytes: 1 << bits)
        let hold = try PyStack.pushObjs(1); defer { PyStack.pop(to: hold) }
        hold[0] = Obj(offset: window)
        let state = try Heap.allocate(bytes: Compressor.stateBytes)
        words(o)[writeWord] = state
        let c = compressor(o, state)
        c[Compressor.window] = window
        c[Compressor.historySize] = UInt32(1 << bits)
        var header: [UInt8] = []
        switch format(o) {
        case formatZlib:
            // CMF: deflate with the window's bits; FLG: default level, check bits so that
            // CMF * 256 + FLG is a multiple of 31.
            let cmf: Int = Int(Format.methodDeflate) | max(bits - Format.zlibWindowBitsBase, 1) << 4
            let flagBase = 0x80
            let check: Int = Format.zlibCheckModulus - (cmf * 256 + flagBase) % Format.zlibCheckModulus
            header = [UInt8(cmf), UInt8(flagBase + check)]
            c[Compressor.checksum] = 1
        case formatGzip:
            // No flags, MTIME 0, XFL 4 (fastest), OS 3 (unix), as MicroPython writes it.
            header = [Format.gzipID1, Format.gzipID2, Format.methodDeflate, 0, 0, 0, 0, 0, 4, 3]
            c[Compressor.checksum] = ~0
        default: break
        }
        if !header.isEmpty, try writeBytes(s, header) != nil { return nil }
        // A final block with the fixed codes: BFINAL 1, BTYPE 01.
        try c.put(3, 3)
        return c
    }

    static func write(_ o: Obj, _ from: UnsafeRawBufferPointer) throws(PyExc) -> Int? {
        guard let c = try startCompressor(o) else { throw PyExc.osError(errnoInvalid) }
        c[Compressor.inputLength] &+= UInt32(truncatingIfNeeded: from.count)
        switch format(o) {
        case formatZlib: c[Compressor.checksum] = adler32(from, c[Compressor.checksum])
        case formatGzip: c[Compressor.checksum] = crc32(from, c[Compressor.checksum])
        default: break
        }
        // The data may be the caller's object's bytes: copy them, writes to the stream run Python.
        let copy = [UInt8](from)
        let tmp = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, copy.count))
        defer { tmp.deallocate() }
        for (i, b) in copy.enumerated() { tmp[i] = b }
        try c.compress(tmp, copy.count)
        return from.count
    }

    static func close(_ o: Obj) throws(PyExc) {
        let s = field(o, streamWord)
        if s.isNull { return }
        var failure: Int? = nil
        if compressionEnabled && words(o)[writeWord] != 0 {
            let c = compressor(o, words(o)[writeWord])
            // The end-of-block code and seven bits of padding; whole bytes only are sent.
            try c.put(0, 2 * Compressor.endOfBlockBits)
            let sum = c[Compressor.checksum]
            var footer: [UInt8] = []
            switch format(o) {
            case formatZlib:
                footer = [UInt8(sum >> 24), UInt8(sum >> 16 & 0xFF), UInt8(sum >> 8 & 0xFF), UInt8(sum & 0xFF)]
            case formatGzip:
                let crc = ~sum, n = c[Compressor.inputLength]
                for v in [crc, n] { for k in 0..<4 { footer.append(UInt8(truncatingIfNeeded: v >> UInt32(8 * k))) } }
            default: break
            }
            if !footer.isEmpty { failure = try writeBytes(s, footer) }
        }
        if closesStream(o) { try closeStream(s) }
        setField(o, streamWord, .null)
        if let e = failure { throw PyExc.osError(e) }
    }

    static func install() {
        compressionEnabled = MicroPythonRuntime.port.moduleFeatures.contains(.deflateCompress)
        let m = ModuleBuilder("deflate")
        let cls = NativeClass("DeflateIO", in: m)
        deflateClass = cls
        cls.constructor(1, 4) { (a, nPos, _) throws(PyExc) in
            let f = nPos > 2 ? try IntOps.toInt(a[2]) : formatAuto
            let bits = nPos > 3 ? try IntOps.toInt(a[3]) : 0
            if f < formatAuto || f > formatGzip { throw PyExc.valueError("format") }
            if bits != 0 && (bits < minWindowBits || bits > maxWindowBits) { throw PyExc.valueError("wbits") }
            let o = Obj(offset: try Heap.allocate(bytes: 4 * objectWords))
            setField(o, 0, cls.type)
            setField(o, streamWord, a[1])
            var closes: UInt32 = 0
            if nPos > 4, try Runtime.isTrue(a[4]) { closes = 1 }
            words(o)[settingsWord] = UInt32(f) | UInt32(bits) << 8 | closes << 16
            return o
        }
        let slots = NativeProtocols()
        slots.stream = .init(
            read: { (o, into) throws(PyExc) in try read(o, into) },
            write: compressionEnabled ? { (o, from) throws(PyExc) in try write(o, from) } : nil)
        cls.implement(slots)
        cls.method("close", 1, 1) { (a, _, _) throws(PyExc) in
            try close(a[0])
            return .none
        }
        cls.method("__enter__", 1, 1) { (a, _, _) throws(PyExc) in a[0] }
        cls.method("__exit__", 1, 4) { (a, _, _) throws(PyExc) in
            try close(a[0])
            return .none
        }
        m.set("AUTO", Obj(small: formatAuto))
        m.set("RAW", Obj(small: formatRaw))
        m.set("ZLIB", Obj(small: formatZlib))
        m.set("GZIP", Obj(small: formatGzip))
    }
}
