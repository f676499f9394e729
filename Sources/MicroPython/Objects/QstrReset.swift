/// Soft reset of the qstr pool: back to the qstrs the ROM was built with. Chunks taken after
/// the ROM are freed; the index and the presence table are rebuilt from the ROM's qstrs.
extension QstrPool {
    nonisolated(unsafe) static var romCount = 0
    nonisolated(unsafe) static var romChunkAddress: UInt = 0
    nonisolated(unsafe) static var romChunkUsed = 0
    nonisolated(unsafe) static var romChunkSize = 0
    /// Chunks allocated after the ROM was sealed (freed by a reset).
    nonisolated(unsafe) static var laterChunks: [UnsafeMutablePointer<UInt8>] = []

    /// Called once the ROM is built: what a reset returns to.
    static func sealROM() {
        romCount = count
        romChunkAddress = chunkAddress
        romChunkUsed = chunkUsed
        romChunkSize = chunkSize
    }

    static func resetToROM() {
        guard romCount > 0, count > romCount || chunkAddress != romChunkAddress else { return }
        for c in laterChunks { c.deallocate() }
        laterChunks.removeAll(keepingCapacity: true)
        count = romCount
        chunkAddress = romChunkAddress
        chunkUsed = romChunkUsed
        chunkSize = romChunkSize
        presence.initialize(repeating: 0, count: 256)
        index.initialize(repeating: 0, count: indexSize)
        for q in 1..<count {
            let n = Int(lengths[q])
            if n > 0 { presence[Int(starts[q][0])] |= presenceBit(n) }
            insertIndex(UInt32(q))
        }
    }
}
