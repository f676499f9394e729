import MicroPython
import Storage

/// `esp`: the ESP8266-specific functions (facts §13), acting on the board's flash and power.
enum EspModule {
    static let sleepNone = 0, sleepLight = 1, sleepModem = 2
    /// Where the REPL's UART sends the SDK's debug log (-1: off, as at boot).
    nonisolated(unsafe) static var debugUART = -1
    nonisolated(unsafe) static var sleepType = sleepModem
    /// Free bytes of the SDK's own heap (not the GC heap) with WiFi idle, and where it lies.
    static let sdkFreeHeap = 26_304
    static let sdkHeapStart = 0x3FFF_7CB8
    /// esp.malloc's blocks (address → size): the SDK heap as a debugging aid sees it.
    nonisolated(unsafe) static var sdkBlocks: [Int: Int] = [:]
    nonisolated(unsafe) static var sdkNext = sdkHeapStart
    /// Free WiFi driver buffers by type (esf_free_bufs): TX, management TX (long, short), 7, RX.
    static let wifiBuffers = [8, 4, 4, 0, 7]
    /// The flash is memory-mapped only in its first MiB; native code placed there must fit.
    static let mappedFlashBytes = 1024 * 1024
    /// Offset of the firmware's size word in flash (the firmware image header area).
    static let firmwareSizeOffset = 0x8FFC

    static var board: Board { Board.current }

    static func flashError(_ e: StorageError) -> PyExc { PyExc.osError(Int(e.errno)) }

    static func install() {
        // The SDK's state goes back to its power-on values when the chip restarts.
        Board.current?.hardResetHooks.append {
            debugUART = -1
            sleepType = sleepModem
            sdkBlocks = [:]
            sdkNext = sdkHeapStart
        }
        let m = ModuleBuilder("esp")
        m.function("osdebug", 1, 1) { (a, _, _) throws(PyExc) in
            debugUART = a[0] == .none ? -1 : try IntOps.toInt(a[0])
            return .none
        }
        m.function("sleep_type", 0, 1) { (a, n, _) throws(PyExc) in
            if n == 0 { return Obj(small: sleepType) }
            sleepType = try IntOps.toInt(a[0])
            return .none
        }
        m.function("deepsleep", 0, 2) { (a, n, _) throws(PyExc) in
            // Microseconds; 0 sleeps until the reset pin wakes the chip.
            let us = n > 0 ? try IntOps.toInt(a[0]) : 0
            let ns: Int64? = us == 0 ? nil : Int64(max(us, 0)) * 1000
            board.rtc.deepSleep(nanoseconds: ns ?? 0)
            throw board.requestReset(.deepSleep(nanoseconds: ns))
        }
        m.function("flash_id", 0, 0) { (_, _, _) throws(PyExc) in Obj(small: flashID(board.flash.size)) }
        m.function("flash_size", 0, 0) { (_, _, _) throws(PyExc) in Obj(small: board.flash.size) }
        m.function("flash_user_start", 0, 0) { (_, _, _) throws(PyExc) in Obj(small: board.flash.layout.userStart) }
        m.function("flash_read", 2, 2) { (a, _, _) throws(PyExc) in
            let offset = try IntOps.toInt(a[0])
            if a[1].isSmallInt || kindOf(a[1]) == .int {
                let n = try IntOps.toInt(a[1])
                if n < 0 { throw PyExc.osError(Errno.EIO) }
                let bytes = try ModSupport.bytes([UInt8](repeating: 0, count: n))
                let (p, _) = BytesMethods.data(bytes)
                do throws(StorageError) {
                    try board.flash.read(at: offset, into: UnsafeMutableRawBufferPointer(start: p, count: n))
                } catch { throw flashError(error) }
                return bytes
            }
            let (p, n) = try ModSupport.writeBuffer(a[1])
            do throws(StorageError) {
                try board.flash.read(at: offset, into: UnsafeMutableRawBufferPointer(start: p, count: n))
            } catch { throw flashError(error) }
            return .none
        }
        m.function("flash_write", 2, 2) { (a, _, _) throws(PyExc) in
            let offset = try IntOps.toInt(a[0])
            let data = try ModSupport.bufferView(a[1])
            if data.count % 4 != 0 { throw PyExc.valueError("len must be multiple of 4") }
            do throws(StorageError) {
                try board.flash.write(at: offset, from: UnsafeRawBufferPointer(data))
            } catch { throw flashError(error) }
            return .none
        }
        m.function("flash_erase", 1, 1) { (a, _, _) throws(PyExc) in
            let sector = try IntOps.toInt(a[0])
            do throws(StorageError) { try board.flash.erase(sector: sector) } catch { throw flashError(error) }
            return .none
        }
        m.function("check_fw", 0, 0) { (_, _, _) throws(PyExc) in
            // The firmware of a virtual board is not in its flash image: the check reads what
            // the image holds at the firmware's place, as the chip would.
            let word = try readFlash(at: firmwareSizeOffset, count: 4)
            let size = UInt32(word[0]) | UInt32(word[1]) << 8 | UInt32(word[2]) << 16 | UInt32(word[3]) << 24
            Builtins.out("size: \(Int32(bitPattern: size))\n")
            if size > UInt32(mappedFlashBytes) || size < 4 {
                Builtins.out("Invalid size\n")
                return .false
            }
            let image = try readFlash(at: 0, count: Int(size) + 16)
            let digest = MD5.digest(image[4..<Int(size)])
            Builtins.out("md5: " + digest.map { hex2($0) }.joined() + "\n")
            return Obj(bool: Array(image[Int(size)..<Int(size) + 16]) == digest)
        }
        m.function("apa102_write", 3, 3) { (a, _, _) throws(PyExc) in
            let clockPin = try MachinePin.number(a[0]), dataPin = try MachinePin.number(a[1])
            let data = Array(try ModSupport.bufferView(a[2]))
            board.hardware.apa102Write(clockPin: clockPin, dataPin: dataPin, pixels: data)
            return .none
        }
        m.function("freemem", 0, 0) { (_, _, _) throws(PyExc) in
            Obj(small: sdkFreeHeap - sdkBlocks.values.reduce(0, +))
        }
        m.function("malloc", 1, 1) { (a, _, _) throws(PyExc) in
            // Returns 0 when the SDK heap has no room, as os_malloc's NULL.
            let size = max(0, try IntOps.toInt(a[0]))
            let rounded = (size + 7) & ~7
            if rounded > sdkFreeHeap - sdkBlocks.values.reduce(0, +) { return Obj(small: 0) }
            let address = sdkNext
            sdkNext += rounded + 8
            sdkBlocks[address] = rounded
            return try IntOps.make(address)
        }
        m.function("free", 1, 1) { (a, _, _) throws(PyExc) in
            sdkBlocks[try IntOps.toInt(a[0])] = nil
            if sdkBlocks.isEmpty { sdkNext = sdkHeapStart }
            return .none
        }
        m.function("esf_free_bufs", 1, 1) { (a, _, _) throws(PyExc) in
            let i = try IntOps.toInt(a[0])
            return Obj(small: i >= 0 && i < wifiBuffers.count ? wifiBuffers[i] : -1)
        }
        m.function("meminfo", 0, 0) { (_, _, _) throws(PyExc) in
            // The SDK's memory map (system_print_meminfo) of this firmware's link.
            Builtins.out("data  : 0x3ffe8000 ~ 0x3ffe8388, len: 904\n")
            Builtins.out("rodata: 0x3ffe8390 ~ 0x3ffe9ef8, len: 7016\n")
            Builtins.out("bss   : 0x3ffe9ef8 ~ 0x3fff7cb8, len: 56768\n")
            Builtins.out("heap  : 0x3fff7cb8 ~ 0x3fffc000, len: 17224\n")
            return .none
        }
        m.function("set_native_code_location", 2, 2) { (a, _, _) throws(PyExc) in
            if a[0] == .none && a[1] == .none { return .none }
            let start = try IntOps.toInt(a[0]), length = try IntOps.toInt(a[1])
            if start + length > mappedFlashBytes { throw PyExc.valueError("flash location must be below 1MByte") }
            return .none
        }
        m.set("SLEEP_NONE", Obj(small: sleepNone))
        m.set("SLEEP_LIGHT", Obj(small: sleepLight))
        m.set("SLEEP_MODEM", Obj(small: sleepModem))
    }

    static func readFlash(at offset: Int, count: Int) throws(PyExc) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        let failure: StorageError? = out.withUnsafeMutableBytes { b in
            do throws(StorageError) { try board.flash.read(at: offset, into: b); return nil } catch { return error }
        }
        if let failure { throw flashError(failure) }
        return out
    }

    static func hex2(_ b: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
    }

    /// The JEDEC id the SDK reports (a Winbond part; its capacity byte is log2 of the size).
    static func flashID(_ size: Int) -> Int {
        let manufacturer = 0xEF, memoryType = 0x40
        return manufacturer | memoryType << 8 | (size.trailingZeroBitCount) << 16
    }
}
