/// The checksum littlefs uses everywhere: CRC-32 with the reflected polynomial
/// 0xEDB88320, seeded by the caller (normally 0xFFFFFFFF) and without a final inversion.
enum LFS2CRC {
    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        return c
    }

    @inline(__always)
    static func update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var c = crc
        table.withUnsafeBufferPointer { t in
            for b in bytes { c = (c >> 8) ^ t[Int((c ^ UInt32(b)) & 0xFF)] }
        }
        return c
    }

    static func update(_ crc: UInt32, _ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { update(crc, $0) }
    }

    static func update(_ crc: UInt32, le32 value: UInt32) -> UInt32 {
        withUnsafeBytes(of: value.littleEndian) { update(crc, $0) }
    }
}
