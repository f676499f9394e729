extension LittleFS2 {
    /// Geometry and limits for a littlefs v2 volume. The defaults are the ones MicroPython's
    /// `VfsLfs2` uses on the ESP8266 (read/prog size 32, 32-byte lookahead bitmap,
    /// `block_cycles` 100, cache of `min(blockSize, 4 * max(readSize, progSize))` bytes).
    /// Block size and count always come from the device.
    public struct Configuration: Equatable {
        public var readSize: Int
        public var progSize: Int
        /// Size of the lookahead bitmap in bytes (8 blocks per byte).
        public var lookaheadSize: Int
        /// Erase cycles before a metadata pair is moved; -1 disables wear levelling.
        public var blockCycles: Int
        /// Cache size in bytes; nil means `min(blockSize, 4 * max(readSize, progSize))`.
        public var cacheSize: Int?
        public var nameMax: Int
        public var fileMax: Int
        public var attrMax: Int
        /// Largest file kept inline in its directory; nil means littlefs's default
        /// (`min(cacheSize, attrMax, blockSize / 8)`), 0 disables inline files.
        public var inlineMax: Int?

        public init(readSize: Int = 32, progSize: Int = 32, lookaheadSize: Int = 32,
                    blockCycles: Int = 100, cacheSize: Int? = nil, nameMax: Int = 255,
                    fileMax: Int = 2_147_483_647, attrMax: Int = 1022, inlineMax: Int? = nil) {
            self.readSize = readSize; self.progSize = progSize
            self.lookaheadSize = lookaheadSize; self.blockCycles = blockCycles
            self.cacheSize = cacheSize; self.nameMax = nameMax
            self.fileMax = fileMax; self.attrMax = attrMax; self.inlineMax = inlineMax
        }

        func effectiveCacheSize(blockSize: Int) -> Int {
            cacheSize ?? min(blockSize, 4 * max(readSize, progSize))
        }
    }
}
