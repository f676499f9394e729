import Foundation
import XCTest
@testable import ESP8266
@testable import MicroPython
import Storage

/// The runtime starts once per process: the machine tests share one board and one runtime,
/// configured as the ESP8266 port (machine, _onewire), with the frozen drivers read from the
/// source tree.
enum MachineTestRuntime {
    static let driversFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/ESP8266/Frozen/modules").standardized.path

    /// nil when another test target started the runtime first in this process (with its own
    /// port): the machine tests are skipped then; run them alone (`swift test --filter
    /// ESP8266Tests`, as scripts/test does).
    static let started: Board? = MicroPythonRuntime.isStarted ? nil : board

    static let board: Board = {
        let b = Board(flash: FlashImage(memorySize: 4 << 20))
        ESP8266Port.attach(b)
        MicroPythonRuntime.initialise(port: ESP8266Port.configuration, argv: [], stackTop: nil, nativeStackSize: 0)
        Import.readFile = { path in FileManager.default.contents(atPath: path).map { Array($0) } }
        Import.isDirectory = { path in
            var dir: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &dir) && dir.boolValue
        }
        return b
    }()
}

final class MachineTests: XCTestCase {
    var board: Board { MachineTestRuntime.board }

    override func setUpWithError() throws {
        try XCTSkipIf(MachineTestRuntime.started == nil,
                      "the runtime was started by another test target in this process (run: swift test --filter ESP8266Tests)")
        board.hardReset(cause: .powerOn)
        board.hardware.i2c.detachAll()
        board.hardware.spi.detachAll()
        board.hardware.oneWire.detachAll()
        board.hardware.dht.detachAll()
        MicroPythonRuntime.softReset()
    }

    /// Runs `source` in the current session; the repr of `result`, or the exception's text.
    @inline(never) func run(_ source: String) -> String {
        var marker = 0
        Heap.stackTop = withUnsafeMutablePointer(to: &marker) { UnsafeMutableRawPointer($0) }
        defer { Heap.stackTop = nil }
        do throws(PyExc) {
            let g = Heap.roots[Root.mainGlobals]
            _ = try Runtime.execSource(Array(source.utf8), fileName: "<test>", globals: g)
            guard let r = try Dict.get(g, Obj(qstr: Qstr("result"))) else { return "no result" }
            return Str.string(try Runtime.repr(r))
        } catch {
            let e = error.obj
            let args = Exceptions.args(e)
            let msg = Tuple.count(args) > 0 ? ((try? Runtime.strString(Tuple.item(args, 0))) ?? "?") : ""
            return "\(TypeObject.name(typeOf(e)).string): \(msg)"
        }
    }

    // MARK: - GPIO model

    func testExternalDriveReachesInputsOnly() {
        let g = board.gpio
        g.setMode(4, number: GPIOBank.Direction.input.rawValue)
        XCTAssertEqual(g.read(4), 0)
        g.drive(pin: 4, level: 1)
        XCTAssertEqual(g.read(4), 1)
        g.setPullUp(4, true)
        g.release(pin: 4)
        XCTAssertEqual(g.read(4), 1, "the pull-up holds a released input high")
        g.setPullUp(4, false)
        XCTAssertEqual(g.read(4), 0)
        // A push-pull output shows its latch; open drain is a wired AND.
        g.setMode(5, number: GPIOBank.Direction.output.rawValue)
        g.write(5, 1)
        g.drive(pin: 5, level: 0)
        XCTAssertEqual(g.read(5), 1)
        g.setMode(13, number: GPIOBank.Direction.openDrain.rawValue)
        g.write(13, 1)
        g.drive(pin: 13, level: 0)
        XCTAssertEqual(g.read(13), 0)
        g.drive(pin: 13, level: 1)
        XCTAssertEqual(g.read(13), 1)
        g.write(13, 0)
        XCTAssertEqual(g.read(13), 0)
    }

    func testEdgesAreLoggedAndMatchTriggers() {
        let g = board.gpio
        var fired: [Int] = []
        let saved = g.interruptSink
        g.interruptSink = { fired.append($0) }
        defer { g.interruptSink = saved }
        g.clearLog()
        g.setTrigger(4, GPIOBank.triggerFalling)
        g.drive(pin: 4, level: 1)
        g.drive(pin: 4, level: 1)
        g.drive(pin: 4, level: 0)
        g.setTrigger(4, GPIOBank.triggerRising | GPIOBank.triggerFalling)
        g.drive(pin: 4, level: 1)
        XCTAssertEqual(fired, [4, 4])
        XCTAssertEqual(g.log.map(\.level), [1, 0, 1])
        XCTAssertEqual(g.log.map(\.pin), [4, 4, 4])
        XCTAssertTrue(zip(g.log, g.log.dropFirst()).allSatisfy { $0.time <= $1.time })
    }

    func testHardResetRestoresPowerOnState() {
        let g = board.gpio
        g.setMode(2, number: GPIOBank.Direction.output.rawValue)
        g.write(2, 1)
        board.hardware.pwm.start()
        board.hardware.pwm.add(2)
        board.hardware.pwm.setFrequency(900)
        board.hardReset(cause: .softReset)
        XCTAssertEqual(g.direction[2], .input)
        XCTAssertEqual(g.read(2), 0)
        XCTAssertFalse(board.hardware.pwm.isActive(2))
        XCTAssertEqual(board.hardware.pwm.frequency, PWMController.defaultFrequency)
        XCTAssertEqual(board.resetCause, .softReset)
    }

    // MARK: - Pins and IRQs from Python

    func testPinIRQFromExternalDrive() {
        XCTAssertEqual(run("""
            from machine import Pin
            seen = []
            p = Pin(14, Pin.IN)
            p.irq(lambda pin: seen.append(pin.value()), Pin.IRQ_RISING)
            """), "no result")
        board.gpio.drive(pin: 14, level: 1)
        board.gpio.drive(pin: 14, level: 0)
        board.gpio.drive(pin: 14, level: 1)
        XCTAssertEqual(run("import time\ntime.sleep_ms(1)\nresult = seen"), "[1, 1]")
    }

    func testHandlersAndTimersOutliveCollections() {
        XCTAssertEqual(run("""
            import gc, time
            from machine import Pin, Timer
            hits = []
            Pin(13, Pin.IN).irq(lambda p: hits.append('pin'), Pin.IRQ_FALLING)
            Timer(-1).init(period=5, mode=Timer.ONE_SHOT, callback=lambda t: hits.append('timer'))
            gc.collect()
            junk = [bytearray(64) for i in range(100)]
            junk = None
            gc.collect()
            """), "no result")
        board.gpio.drive(pin: 13, level: 1)
        board.gpio.drive(pin: 13, level: 0)
        XCTAssertEqual(run("time.sleep_ms(20)\nresult = sorted(hits)"), "['pin', 'timer']")
    }

    func testSoftResetDropsHandlersAndTimersButKeepsPins() {
        XCTAssertEqual(run("""
            from machine import Pin, Timer, PWM
            p = Pin(4, Pin.OUT, value=1)
            p.irq(lambda pin: None)
            PWM(Pin(5), freq=300, duty=100)
            t = Timer(-1)
            t.init(period=1000, callback=lambda t: None)
            result = Pin(4).irq().trigger()
            """), "3")
        XCTAssertNotNil(board.events.nextDeadline)
        MicroPythonRuntime.softReset()
        XCTAssertNil(board.events.nextDeadline, "machine.Timer stops at a soft reset")
        XCTAssertEqual(run("from machine import Pin, PWM\nresult = (Pin(4).value(), Pin(4).irq().trigger(), PWM(Pin(5)).freq())"),
                       "(1, 0, 300)")
    }

    func testTimePulseFollowsPlannedChanges() {
        let now = board.clock.monotonicNanoseconds()
        board.gpio.drive(pin: 12, level: 1, at: now + 3_000_000)
        board.gpio.drive(pin: 12, level: 0, at: now + 5_000_000)
        let r = run("from machine import time_pulse_us, Pin\nresult = time_pulse_us(Pin(12, Pin.IN), 1, 100000)")
        XCTAssertEqual(Int(r) ?? 0, 2000, accuracy: 1)
        XCTAssertEqual(board.gpio.read(12), 0)
    }

    func testUARTReadsTheChannelUnlessTheREPLOwnsIt() {
        var sent: [UInt8] = []
        board.uart1.transmitSink = { sent += Array($0) }
        let repl = board.uart0.replInput
        board.uart0.replInput = nil
        defer { board.uart1.transmitSink = nil; board.uart0.replInput = repl }
        XCTAssertEqual(run("from machine import UART\nu1 = UART(1)\nresult = u1.write(b'to the wire')"), "11")
        XCTAssertEqual(sent, Array("to the wire".utf8))
        "hello\nworld".utf8CString.dropLast().withUnsafeBytes { board.uart0.receive($0) }
        XCTAssertEqual(run("u = UART(0, timeout=5)\nresult = (u.any(), u.readline(), u.read(3), u.read(), u.read())"),
                       "(1, b'hello\\n', b'wor', b'ld', None)")
        // Attached to the REPL (dupterm), UART0's input goes to the REPL's ring instead.
        board.uart0.replInput = board.stdin
        Array("typed".utf8).withUnsafeBytes { board.uart0.receive($0) }
        XCTAssertEqual(run("result = (u.any(), u.read())"), "(0, None)")
        XCTAssertEqual(board.stdin.count, 5, "the REPL's bytes stay for the REPL")
        board.stdin.clear()
    }

    // MARK: - Buses

    func testI2CWithNothingAttachedAndWithADevice() {
        XCTAssertEqual(run("from machine import I2C, Pin\ni2c = I2C(scl=Pin(5), sda=Pin(4))\nresult = i2c.scan()"), "[]")
        XCTAssertEqual(run("i2c.writeto(0x50, b'x')"), "OSError: 19")
        let eeprom = I2CRegisterDevice(address: 0x50)
        board.hardware.i2c.attach(eeprom, scl: 5, sda: 4)
        XCTAssertEqual(run("result = i2c.scan()"), "[80]")
        XCTAssertEqual(run("result = i2c.writeto(0x50, b'\\x10abc')"), "4")
        XCTAssertEqual(Array(eeprom.registers[0x10..<0x13]), Array("abc".utf8))
        XCTAssertEqual(run("i2c.writeto_mem(0x50, 0x20, b'hey')\nresult = i2c.readfrom_mem(0x50, 0x20, 3)"), "b'hey'")
        XCTAssertEqual(run("b = bytearray(2)\ni2c.readfrom_mem_into(0x50, 0x11, b)\nresult = b"), "bytearray(b'bc')")
        XCTAssertEqual(run("result = I2C(scl=Pin(14), sda=Pin(2)).scan()"), "[]", "other pins are another bus")
    }

    func testSPIDeviceAnswersWhileSelected() {
        final class Echo: SPIDevice {
            var got: [UInt8] = []
            func exchange(_ byte: UInt8) -> UInt8 { got.append(byte); return byte ^ 0xFF }
        }
        let dev = Echo()
        board.hardware.spi.attach(dev, chipSelect: 15)
        XCTAssertEqual(run("""
            from machine import SPI, Pin
            cs = Pin(15, Pin.OUT, value=1)
            spi = SPI(1)
            a = spi.read(2, 0x0F)
            cs(0)
            b = spi.read(2, 0x0F)
            cs(1)
            result = (a, b)
            """), "(b'\\xff\\xff', b'\\xf0\\xf0')")
        XCTAssertEqual(dev.got, [0x0F, 0x0F])
    }

    func testOneWireThermometersThroughTheDrivers() {
        let a = DS18X20Model(serial: 0x0000_1122_3344, temperature: 21.5)
        let b = DS18X20Model(serial: 0x0000_5566_7788, temperature: -10.125)
        let c = DS18X20Model(serial: 0x0000_0000_0099, temperature: 30.375, family: DS18X20Model.familyS20)
        for d in [a, b, c] { board.hardware.oneWire.attach(d, pin: 12) }
        XCTAssertEqual(run("""
            import sys
            sys.path.append('\(MachineTestRuntime.driversFolder)')
            import onewire, ds18x20
            from machine import Pin
            ow = onewire.OneWire(Pin(12))
            ds = ds18x20.DS18X20(ow)
            roms = ds.scan()
            ds.convert_temp()
            result = sorted((bytes(r), ds.read_temp(r)) for r in roms)
            """), "[(b'\(Self.escaped(c.rom))', 30.375), (b'\(Self.escaped(a.rom))', 21.5), (b'\(Self.escaped(b.rom))', -10.125)]")
        XCTAssertEqual(run("result = ow.crc8(roms[0])"), "0")
    }

    static func escaped(_ bytes: [UInt8]) -> String {
        bytes.map { b -> String in
            if b >= 0x20 && b < 0x7F && b != 0x5C && b != 0x27 { return String(UnicodeScalar(b)) }
            return "\\x" + (b < 16 ? "0" : "") + String(b, radix: 16)
        }.joined()
    }

    func testDHTSensors() {
        board.hardware.dht.attach(DHT22Model(humidity: 55.5, temperature: -3.2), pin: 4)
        board.hardware.dht.attach(DHT11Model(humidity: 40, temperature: 22), pin: 5)
        XCTAssertEqual(run("""
            import sys
            sys.path.append('\(MachineTestRuntime.driversFolder)')
            import dht, machine
            from machine import Pin
            b = bytearray(5)
            machine.dht_readinto(Pin(4), b)
            d = dht.DHT22(Pin(4))
            d.measure()
            e = dht.DHT11(Pin(5))
            e.measure()
            result = (bytes(b), round(d.humidity(), 1), round(d.temperature(), 1), e.humidity(), e.temperature())
            """), "(b'\\x02+\\x80 \\xcd', 55.5, -3.2, 40, 22)")
        XCTAssertEqual(run("dht.DHT22(Pin(13)).measure()"), "OSError: 110")
    }

    func testBitstreamIsLogged() {
        XCTAssertEqual(run("""
            import sys
            sys.path.append('\(MachineTestRuntime.driversFolder)')
            import neopixel
            from machine import Pin
            np = neopixel.NeoPixel(Pin(4), 2)
            np[0] = (1, 2, 3)
            np[1] = (4, 5, 6)
            np.write()
            """), "no result")
        let t = board.hardware.bitstreams.transfers.last
        XCTAssertEqual(t?.pin, 4)
        XCTAssertEqual(t?.bytes, [2, 1, 3, 5, 4, 6])
        XCTAssertEqual(t?.kind, .highLow(timingNanoseconds: [400, 850, 800, 450]))
    }

    /// An SSD1306 on the I2C bus: keeps each transfer (START to STOP) it receives.
    final class SSD1306Recorder: I2CDevice {
        let address = 0x3C
        var transfers: [[UInt8]] = []
        var current: [UInt8]?
        func begin(read: Bool) -> Bool {
            if let c = current { transfers.append(c) }
            current = []
            return !read
        }
        func write(_ byte: UInt8) -> Bool { current?.append(byte); return true }
        func read(ack: Bool) -> UInt8 { 0xFF }
        func end() {
            if let c = current { transfers.append(c) }
            current = nil
        }
    }

    func testSSD1306DriverSendsCommandsAndPixelsOverI2C() {
        let panel = SSD1306Recorder()
        board.hardware.i2c.attach(panel, scl: 5, sda: 4)
        XCTAssertEqual(run("""
            import sys
            sys.path.append('\(MachineTestRuntime.driversFolder)')
            import ssd1306
            from machine import I2C, Pin
            i2c = I2C(scl=Pin(5), sda=Pin(4))
            oled = ssd1306.SSD1306_I2C(128, 32, i2c)
            result = (oled.width, oled.pages)
            """), "(128, 4)")
        // Initialisation: one [0x80, command] transfer per byte, then the cleared RAM.
        let initCommands: [UInt8] = [0xAE, 0x20, 0x00, 0x40, 0xA1, 0xA8, 0x1F, 0xC8, 0xD3, 0x00, 0xDA, 0x02,
                                     0xD5, 0x80, 0xD9, 0xF1, 0xDB, 0x30, 0x81, 0xFF, 0xA4, 0xA6, 0xAD, 0x30,
                                     0x8D, 0x14, 0xAF, 0x21, 0x00, 0x7F, 0x22, 0x00, 0x03]
        XCTAssertEqual(panel.transfers.count, initCommands.count + 1)
        XCTAssertEqual(panel.transfers.dropLast(), initCommands.map { [0x80, $0] }[...])
        XCTAssertEqual(panel.transfers.last, [0x40] + [UInt8](repeating: 0, count: 512))
        panel.transfers = []
        XCTAssertEqual(run("""
            oled.fill(0)
            oled.text('A', 0, 0)
            oled.hline(0, 31, 128, 1)
            oled.contrast(0x10)
            oled.invert(True)
            oled.show()
            result = 'shown'
            """), "'shown'")
        XCTAssertEqual(panel.transfers.count, 3 + 6 + 1)
        XCTAssertEqual(panel.transfers[0..<3], [[0x80, 0x81], [0x80, 0x10], [0x80, 0xA7]])
        guard let data = panel.transfers.last, data.count == 513 else { return XCTFail("no data transfer") }
        XCTAssertEqual(data[0], 0x40)
        // 'A' in page 0, as MONO_VLSB columns; the bottom row (bit 7 of page 3) across the panel.
        XCTAssertEqual(Array(data[1...8]), [0x00, 0x7C, 0x7E, 0x0B, 0x0B, 0x7E, 0x7C, 0x00])
        XCTAssertEqual(Array(data[385...512]), [UInt8](repeating: 0x80, count: 128))
        board.hardware.i2c.detachAll()
        XCTAssertEqual(run("oled.show()"), "OSError: 19")
    }

    func testAPA102WriteClocksOutFramesAndPixels() {
        let hw = board.hardware!
        hw.apa102Write(clockPin: 14, dataPin: 13, pixels: [1, 2, 3, 31, 4, 5, 6, 7])
        let t = hw.bitstreams.transfers.last
        XCTAssertEqual(t?.kind, .apa102(clockPin: 14))
        XCTAssertEqual(t?.pin, 13)
        XCTAssertEqual(t?.bytes, [0, 0, 0, 0, 0xFF, 3, 2, 1, 0xE7, 6, 5, 4, 0xFF, 0xFF, 0xFF, 0xFF])
        XCTAssertEqual(board.gpio.outputLatch(13), 1)
        XCTAssertEqual(board.gpio.outputLatch(14), 0)
    }

    func testLimitsGiveExceptionsNotTraps() {
        XCTAssertEqual(run("from machine import RTC\nRTC().alarm(0, 2**40)"), "OverflowError: overflow converting long int to machine word")
        XCTAssertEqual(run("from machine import SPI\nSPI(1).read(2**30)"), "MemoryError: memory allocation failed, allocating 1073741824 bytes")
        XCTAssertEqual(run("from machine import Timer\nTimer(0).init(freq=0)"), "ValueError: invalid freq")
        XCTAssertEqual(run("import machine\nmachine.mem32[2**40] = 1\nresult = machine.mem32[0]"), "0")
    }

    // MARK: - Watchdog and timers

    func testWatchdogResetsTheChipWhenNotFed() {
        board.hardware.watchdog.timeoutNanoseconds = 20_000_000
        defer {
            board.hardware.watchdog.timeoutNanoseconds = Int64(WatchdogModel.timeoutMilliseconds) * 1_000_000
            VM.abandoning = false
        }
        XCTAssertEqual(run("""
            import time
            from machine import WDT
            w = WDT()
            for i in range(5):
                time.sleep_ms(5)
                w.feed()
            result = 'fed'
            """), "'fed'")
        XCTAssertNil(board.pendingReset)
        XCTAssertEqual(run("time.sleep_ms(60)\nresult = 'survived'"), "SystemExit: ")
        // machine.WDT starves the SDK's software watchdog: its reset reason is 3 (no constant).
        XCTAssertEqual(board.takeResetRequest(), .hard(.softWatchdog))
        VM.abandoning = false
        board.hardReset(cause: .softWatchdog)
        XCTAssertFalse(board.hardware.watchdog.running)
        XCTAssertEqual(run("import machine\nresult = machine.reset_cause()"), "3")
    }

    func testVirtualTimersPeriodicAndOneShot() throws {
        let timers = board.hardware.timers
        var periodic = 0, oneShot = 0
        let p = timers.make(), o = timers.make()
        timers.arm(p, period: 5_000_000, periodic: true) { () throws(PyExc) in periodic += 1 }
        timers.arm(o, period: 5_000_000, periodic: false) { () throws(PyExc) in oneShot += 1 }
        let end = board.clock.monotonicNanoseconds() + 28_000_000
        while board.clock.monotonicNanoseconds() < end {
            board.clock.wait(until: end)
            do { try board.events.service() } catch { XCTFail("timer action threw") }
        }
        timers.disarm(p)
        XCTAssertTrue((4...6).contains(periodic), "\(periodic)")
        XCTAssertEqual(oneShot, 1)
        XCTAssertFalse(timers.isArmed(o))
    }

    func testDeepSleepHonoursTheRTCAlarm() {
        defer { VM.abandoning = false }
        XCTAssertEqual(run("""
            import machine
            r = machine.RTC()
            r.memory(b'kept')
            r.alarm(r.ALARM0, 250)
            r.irq(trigger=r.ALARM0, wake=machine.DEEPSLEEP)
            machine.deepsleep(1000)
            """), "SystemExit: ")
        guard case .deepSleep(let ns)? = board.takeResetRequest(), let sleep = ns else { return XCTFail("no deep sleep") }
        XCTAssertEqual(Double(sleep), 250_000_000, accuracy: 5_000_000)
        XCTAssertEqual(board.rtc.userMemory, Array("kept".utf8))
        // A hard reset forgets the alarm but not the RTC's memory.
        board.hardReset(cause: .deepSleep)
        XCTAssertEqual(run("import machine\nr = machine.RTC()\nresult = (r.alarm_left(), r.memory(), machine.reset_cause())"), "(0, b'kept', 5)")
        // Without the alarm's wake: the argument is the time (at least 1 ms); none sleeps until reset.
        XCTAssertEqual(run("machine.deepsleep(-5)"), "SystemExit: ")
        XCTAssertEqual(board.takeResetRequest(), .deepSleep(nanoseconds: 1_000_000))
        XCTAssertEqual(run("machine.deepsleep()"), "SystemExit: ")
        XCTAssertEqual(board.takeResetRequest(), .deepSleep(nanoseconds: nil))
        XCTAssertEqual(run("machine.reset()"), "SystemExit: ")
        XCTAssertEqual(board.takeResetRequest(), .hard(.softReset))
    }
}
