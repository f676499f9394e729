import MicroPython
import XCTest
@testable import ESP8266

/// The board model outside Python: the RTC's counter wrap and drift, deep sleep, the stdin
/// ring's interrupt character, board events — on a manual clock, so hours pass at once.
final class BoardModelTests: XCTestCase {
    static let second: Int64 = 1_000_000_000
    static let hour = 3600 * second
    /// One wrap of the RTC's 32-bit counter: 7 h 45 min.
    static let wrap = Int64(27_900) * second

    func makeBoard() -> Board {
        Board(flash: FlashImage(memorySize: 4 * 1024 * 1024), clock: BoardClock(manual: true))
    }

    /// The RTC's time in seconds, rounded (its 6.5 µs ticks make it fall a little short).
    func seconds(_ rtc: RTCModel) -> Int64 { (rtc.microsecondsSince2000() + 500_000) / 1_000_000 }

    func testFreshRTCStartsAt2000() {
        let b = makeBoard()
        XCTAssertEqual(seconds(b.rtc), 0)
        b.clock.advance(by: 90 * Self.second)
        XCTAssertEqual(seconds(b.rtc), 90)
    }

    func testWrapIsCaughtWhenReadOftenEnough() {
        let b = makeBoard()
        b.rtc.set(microsecondsSince2000: 1_000_000_000_000)
        // Read every 7 hours, for 24 hours: every wrap is seen.
        for _ in 0..<3 {
            b.clock.advance(by: 7 * Self.hour)
            _ = b.rtc.microsecondsSince2000()
        }
        b.clock.advance(by: 3 * Self.hour)
        XCTAssertEqual(seconds(b.rtc), 1_000_000 + 24 * 3600)
    }

    func testWrapIsLostWithoutARead() {
        let b = makeBoard()
        b.rtc.set(microsecondsSince2000: 1_000_000_000_000)
        // Eight hours without reading the clock: the counter wrapped unseen.
        b.clock.advance(by: 8 * Self.hour)
        XCTAssertEqual(seconds(b.rtc), 1_000_000 + 8 * 3600 - Self.wrap / Self.second)
    }

    func testDriftMakesTheRTCRunFast() {
        let b = makeBoard()
        b.rtc.driftPPM = 10_000   // 1 %
        b.clock.advance(by: 100 * Self.second)
        XCTAssertEqual(seconds(b.rtc), 101)
    }

    func testDeepSleepKeepsWallTimeAndRestartsTheCounter() {
        let b = makeBoard()
        b.clock.advance(by: 10 * Self.second)
        b.rtc.deepSleep(nanoseconds: 60 * Self.second)
        b.clock.advance(by: 60 * Self.second)
        XCTAssertEqual(seconds(b.rtc), 70)
        XCTAssertEqual(b.rtc.ticks(), 0)
    }

    func testUserMemoryLimit() {
        let b = makeBoard()
        XCTAssertTrue(b.rtc.setUserMemory([UInt8](repeating: 1, count: RTCModel.userMemoryBytes)))
        XCTAssertFalse(b.rtc.setUserMemory([UInt8](repeating: 1, count: RTCModel.userMemoryBytes + 1)))
    }

    func testInterruptCharacterIsCaughtOnArrival() {
        let b = makeBoard()
        VM.pendingInterrupt = false
        b.stdin.interruptChar = 3
        [UInt8]([0x61, 0x62, 0x03, 0x63]).withUnsafeBytes { b.stdin.push($0) }
        XCTAssertTrue(VM.pendingInterrupt)
        // The interrupt character is not queued; what came before and after it is.
        XCTAssertEqual(b.stdin.pop(max: 10), [0x61, 0x62, 0x63])
        VM.pendingInterrupt = false
        b.stdin.interruptChar = -1
        [UInt8]([0x03]).withUnsafeBytes { b.stdin.push($0) }
        XCTAssertFalse(VM.pendingInterrupt)
        XCTAssertEqual(b.stdin.pop(), 0x03)
    }

    func testUARTInputGoesToTheREPLOnlyWhileAttached() {
        let b = makeBoard()
        b.uart0.replInput = b.stdin
        [UInt8]([0x41]).withUnsafeBytes { b.uart0.receive($0) }
        XCTAssertEqual(b.stdin.count, 1)
        XCTAssertEqual(b.uart0.available, 0)
        b.uart0.replInput = nil
        [UInt8]([0x42]).withUnsafeBytes { b.uart0.receive($0) }
        XCTAssertEqual(b.uart0.takeByte(), 0x42)
    }

    func testEventsRunWhenDue() throws {
        let b = makeBoard()
        var fired: [Int] = []
        b.events.schedule(at: 5 * Self.second) { () throws(PyExc) in fired.append(2) }
        b.events.schedule(at: 2 * Self.second) { () throws(PyExc) in fired.append(1) }
        let cancelled = b.events.schedule(at: 3 * Self.second) { () throws(PyExc) in fired.append(9) }
        b.events.cancel(cancelled)
        try b.events.service()
        XCTAssertEqual(fired, [])
        XCTAssertEqual(b.events.nextDeadline, 2 * Self.second)
        b.clock.wait(until: 10 * Self.second)
        try b.events.service()
        XCTAssertEqual(fired, [1, 2])
        XCTAssertNil(b.events.nextDeadline)
    }

    func testHardResetRestoresPowerOnState() {
        let b = makeBoard()
        b.cpuFrequency = 160_000_000
        var hooked = false
        b.hardResetHooks.append { hooked = true }
        b.events.schedule(at: Self.second) { () throws(PyExc) in }
        b.hardReset(cause: .softReset)
        XCTAssertEqual(b.resetCause, .softReset)
        XCTAssertEqual(b.cpuFrequency, 80_000_000)
        XCTAssertNil(b.events.nextDeadline)
        XCTAssertTrue(hooked)
    }
}
