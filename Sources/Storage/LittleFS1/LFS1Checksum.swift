extension LittleFS1 {
    /// The CRC-32 littlefs v1 protects metadata with: the reflected 0xEDB88320 polynomial,
    /// started at 0xFFFFFFFF and never inverted at the end. Appending the little-endian CRC of
    /// some bytes to those bytes makes the CRC of the whole come out as zero, which is how a
    /// metadata block is checked.
    struct Checksum {
        static let table: [UInt32] = (0..<256).map { (n: Int) -> UInt32 in
            var c = UInt32(n)
            for _ in 0..<8 {
                c = (c & 1) != 0 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1
            }
            return c
        }

        private(set) var value: UInt32 = 0xFFFF_FFFF

        mutating func update(_ bytes: UnsafeRawBufferPointer) {
            var c = value
            Checksum.table.withUnsafeBufferPointer { t in
                for b in bytes {
                    c = (c >> 8) ^ t[Int((c ^ UInt32(b)) & 0xFF)]
                }
            }
            value = c
        }

        mutating func update(_ bytes: [UInt8]) {
            bytes.withUnsafeBytes { update($0) }
        }
    }
}
