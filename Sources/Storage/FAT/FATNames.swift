// File names on FAT with long-name support: validating a name, deriving its 8.3 short name
// (code page 437) and numbered aliases, the short-name checksum, and case folding.

/// A name prepared for lookup or creation in a directory.
struct FATName {
    /// The long name as UTF-16 (trailing dots and spaces removed).
    var long: [UInt16]
    /// The 11-byte short name in directory form.
    var short: [UInt8]
    /// The short name is not an exact rendering of the long one (needs a numbered alias).
    var lossy: Bool
    /// A long-name entry must be stored with it.
    var needsLong: Bool
    /// The NT case byte (0x08 body lower case, 0x10 extension lower case) for pure 8.3 names.
    var caseFlags: UInt8

    /// Prepares one path component. Throws EINVAL for a name FAT cannot hold.
    ///
    /// MicroPython's FatFs is built for OEM code page 437 names (FF_LFN_UNICODE 0), so each
    /// byte of the UTF-8 name is taken as one code page 437 character: the long name holds
    /// those characters, at most 255 of them, and listing turns them back into the same bytes.
    init(_ component: Substring) throws(StorageError) {
        var units = [UInt16]()
        for b in component.utf8 {
            if b < 0x20 || b == 0x7F { throw .invalid }
            if Array("\"*:<>?|".utf8).contains(b) { throw .invalid }
            units.append(b < 0x80 ? UInt16(b) : UInt16(CodePage437.toUnicode[Int(b) - 0x80]))
        }
        while let l = units.last, l == 0x20 || l == 0x2E { units.removeLast() }
        guard !units.isEmpty, units.count <= 255 else { throw .invalid }
        long = units
        (short, lossy, needsLong, caseFlags) = FATName.shortForm(units)
    }

    /// Derives the directory-form short name of a long name.
    static func shortForm(_ lfn: [UInt16]) -> ([UInt8], Bool, Bool, UInt8) {
        var out = [UInt8](repeating: 0x20, count: 11)
        var lossy = false, needsLong = false
        var si = 0
        while si < lfn.count && lfn[si] == 0x20 { si += 1 }
        if si > 0 || (si < lfn.count && lfn[si] == 0x2E) { lossy = true; needsLong = true }
        // position just after the last dot (0: none)
        var di = lfn.count
        while di > 0 && lfn[di - 1] != 0x2E { di -= 1 }
        var i = 0, limit = 8
        var caps: UInt8 = 0
        while si < lfn.count {
            var wc = UInt32(lfn[si]); si += 1
            if wc == 0x20 || (wc == 0x2E && si != di) { lossy = true; needsLong = true; continue }
            if i >= limit || si == di {
                if limit == 11 { lossy = true; needsLong = true; break }
                if si != di { lossy = true; needsLong = true }
                if si > di { break }
                si = di; i = 8; limit = 11; caps <<= 2
                continue
            }
            if wc >= 0x80 {
                needsLong = true
                wc = UInt32(CodePage437.fromUnicode(UInt16(wc)))
                if wc >= 0x80 { wc = UInt32(CodePage437.upper[Int(wc) - 0x80]) }
            }
            if wc == 0 || Array("+,;=[]".utf8).contains(UInt8(truncatingIfNeeded: wc)) && wc < 0x80 {
                wc = 0x5F; lossy = true; needsLong = true
            } else if wc >= 0x41 && wc <= 0x5A {
                caps |= 2
            } else if wc >= 0x61 && wc <= 0x7A {
                caps |= 1; wc -= 0x20
            }
            out[i] = UInt8(wc); i += 1
        }
        if out[0] == 0xE5 { out[0] = 0x05 }
        if limit == 8 { caps <<= 2 }
        if caps & 0x0C == 0x0C || caps & 0x03 == 0x03 { needsLong = true }
        var flags: UInt8 = 0
        if !needsLong {
            if caps & 0x01 != 0 { flags |= 0x10 }
            if caps & 0x04 != 0 { flags |= 0x08 }
        }
        return (out, lossy, needsLong, flags)
    }

    /// The short name with a "~N" tail for collision number `seq` (a hash of the long name
    /// replaces the number after the first few attempts).
    static func numbered(_ base: [UInt8], long: [UInt16], seq: Int) -> [UInt8] {
        var dst = base
        var n = UInt32(seq)
        if seq > 5 {
            var sr = UInt32(seq)
            for var wc in long {
                for _ in 0..<16 {
                    sr = (sr << 1) &+ UInt32(wc & 1)
                    wc >>= 1
                    if sr & 0x10000 != 0 { sr ^= 0x11021 }
                }
            }
            n = sr
        }
        var digits = [UInt8](repeating: 0, count: 8)
        var i = 7
        repeat {
            var c = UInt8(n % 16) + 0x30
            if c > 0x39 { c += 7 }
            digits[i] = c; i -= 1
            n /= 16
        } while n != 0 && i > 0
        digits[i] = 0x7E
        var j = 0
        while j < i && dst[j] != 0x20 { j += 1 }
        while j < 8 {
            dst[j] = i < 8 ? digits[i] : 0x20
            if i < 8 { i += 1 }
            j += 1
        }
        return dst
    }

    /// Checksum of a short name, stored in each of its long-name entries.
    static func checksum(_ sfn: [UInt8]) -> UInt8 {
        var sum: UInt8 = 0
        for k in 0..<11 { sum = ((sum & 1) << 7) &+ (sum >> 1) &+ sfn[k] }
        return sum
    }

    /// The name bytes of a long name (code page 437 characters back to bytes), or nil when a
    /// character has no code page 437 byte (FatFs then shows the short name).
    static func bytes(long units: [UInt16]) -> [UInt8]? {
        var out = [UInt8]()
        out.reserveCapacity(units.count)
        for u in units {
            if u < 0x80 { out.append(UInt8(u)); continue }
            let b = CodePage437.fromUnicode(u)
            if b == 0 { return nil }
            out.append(b)
        }
        return out
    }

    /// The name bytes of an entry that has only a short name (lower-cased per its NT flags).
    static func bytes(short sfn: [UInt8], caseFlags: UInt8) -> [UInt8] {
        var out = [UInt8]()
        func add(_ b: UInt8, lower: Bool) { out.append(lower && b >= 0x41 && b <= 0x5A ? b + 0x20 : b) }
        var body = sfn[0..<8]
        while let l = body.last, l == 0x20 { body.removeLast() }
        for (k, b) in body.enumerated() { add(k == 0 && b == 0x05 ? 0xE5 : b, lower: caseFlags & 0x08 != 0) }
        var ext = sfn[8..<11]
        while let l = ext.last, l == 0x20 { ext.removeLast() }
        if !ext.isEmpty {
            out.append(0x2E)
            for b in ext { add(b, lower: caseFlags & 0x10 != 0) }
        }
        return out
    }

    /// Upper-cases one UTF-16 unit for case-insensitive comparison.
    @inline(__always) static func fold(_ u: UInt16) -> UInt16 {
        if u < 0x80 { return u >= 0x61 && u <= 0x7A ? u - 0x20 : u }
        guard let s = Unicode.Scalar(u) else { return u }
        let up = s.properties.uppercaseMapping.utf16
        return up.count == 1 ? up.first! : u
    }

    static func sameIgnoringCase(_ a: [UInt16], _ b: [UInt16]) -> Bool {
        guard a.count == b.count else { return false }
        for k in 0..<a.count where a[k] != b[k] && fold(a[k]) != fold(b[k]) { return false }
        return true
    }
}

/// Code page 437, the OEM character set of short names.
enum CodePage437 {
    /// Unicode of bytes 0x80...0xFF.
    static let toUnicode: [UInt32] = [
        0xC7, 0xFC, 0xE9, 0xE2, 0xE4, 0xE0, 0xE5, 0xE7, 0xEA, 0xEB, 0xE8, 0xEF, 0xEE, 0xEC, 0xC4, 0xC5,
        0xC9, 0xE6, 0xC6, 0xF4, 0xF6, 0xF2, 0xFB, 0xF9, 0xFF, 0xD6, 0xDC, 0xA2, 0xA3, 0xA5, 0x20A7, 0x192,
        0xE1, 0xED, 0xF3, 0xFA, 0xF1, 0xD1, 0xAA, 0xBA, 0xBF, 0x2310, 0xAC, 0xBD, 0xBC, 0xA1, 0xAB, 0xBB,
        0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556, 0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510,
        0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F, 0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567,
        0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B, 0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,
        0x3B1, 0xDF, 0x393, 0x3C0, 0x3A3, 0x3C3, 0xB5, 0x3C4, 0x3A6, 0x398, 0x3A9, 0x3B4, 0x221E, 0x3C6, 0x3B5, 0x2229,
        0x2261, 0xB1, 0x2265, 0x2264, 0x2320, 0x2321, 0xF7, 0x2248, 0xB0, 0x2219, 0xB7, 0x221A, 0x207F, 0xB2, 0x25A0, 0xA0,
    ]

    /// Upper-case equivalents (as FAT short names store them) of bytes 0x80...0xFF.
    static let upper: [UInt8] = {
        var t = (0..<128).map { UInt8($0 + 0x80) }
        let pairs: [(Int, UInt8)] = [
            (0x81, 0x9A), (0x82, 0x45), (0x83, 0x41), (0x84, 0x8E), (0x85, 0x41), (0x86, 0x8F), (0x87, 0x80),
            (0x88, 0x45), (0x89, 0x45), (0x8A, 0x45), (0x8B, 0x49), (0x8C, 0x49), (0x8D, 0x49),
            (0x91, 0x92), (0x93, 0x4F), (0x94, 0x99), (0x95, 0x4F), (0x96, 0x55), (0x97, 0x55), (0x98, 0x59),
            (0xA0, 0x41), (0xA1, 0x49), (0xA2, 0x4F), (0xA3, 0x55), (0xA4, 0xA5),
        ]
        for (k, v) in pairs { t[k - 0x80] = v }
        return t
    }()

    /// The byte for a non-ASCII Unicode unit, or 0 when code page 437 lacks it.
    static func fromUnicode(_ u: UInt16) -> UInt8 {
        for k in 0..<128 where toUnicode[k] == UInt32(u) { return UInt8(k + 0x80) }
        return 0
    }
}
