#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MicroPython

/// The board's deadlines: machine.Timer expiries, the watchdog, RTC alarms. Each has an action
/// that runs on the interpreter's thread when the interpreter next looks (a backward jump, a
/// wait, the REPL waiting for input), as the SDK runs os_timer callbacks from its task loop.
/// A ticker thread sleeps until the earliest deadline and then raises `VM.pendingHook` and wakes
/// the clock, so a busy loop or a sleep notices it; an idle board costs no CPU.
public final class BoardEvents: @unchecked Sendable {
    public typealias Action = () throws(PyExc) -> Void

    struct Entry {
        let id: Int
        let deadline: Int64
        let action: Action
    }

    private let clock: BoardClock
    private var entries: [Entry] = []
    private var nextID = 1
    private let condition = MonotonicCondition()
    private var tickerStarted = false

    init(clock: BoardClock) {
        self.clock = clock
    }

    /// Runs `action` once the clock reaches `deadline` (board monotonic ns); returns an id for `cancel`.
    @discardableResult
    public func schedule(at deadline: Int64, _ action: @escaping Action) -> Int {
        condition.lock()
        let id = nextID
        nextID += 1
        entries.append(Entry(id: id, deadline: deadline, action: action))
        startTickerLocked()
        condition.signal()
        condition.unlock()
        return id
    }

    public func cancel(_ id: Int) {
        condition.lock()
        entries.removeAll { $0.id == id }
        condition.unlock()
    }

    public func cancelAll() {
        condition.lock()
        entries.removeAll()
        condition.unlock()
    }

    /// The earliest deadline, if any.
    public var nextDeadline: Int64? {
        condition.lock()
        defer { condition.unlock() }
        return entries.map(\.deadline).min()
    }

    /// Runs every action that is due (on the interpreter's thread), earliest first.
    public func service() throws(PyExc) {
        while true {
            condition.lock()
            let now = clock.monotonicNanoseconds()
            var best = -1
            for (i, e) in entries.enumerated() where e.deadline <= now && (best < 0 || e.deadline < entries[best].deadline) {
                best = i
            }
            if best < 0 { condition.unlock(); return }
            let e = entries.remove(at: best)
            condition.unlock()
            try e.action()
        }
    }

    private func startTickerLocked() {
        if tickerStarted { return }
        tickerStarted = true
        startThread { [self] in tick() }
    }

    /// The ticker: waits for the earliest deadline, then tells the interpreter.
    private func tick() {
        condition.lock()
        var signalled: Int64 = .min
        while true {
            let next = entries.map(\.deadline).min()
            let now = clock.monotonicNanoseconds()
            if let d = next, d <= now {
                if d != signalled {
                    signalled = d
                    VM.pendingHook = true
                    clock.wake()
                }
                // Give the interpreter a moment to take it before looking again.
                timedWait(now + 1_000_000)
            } else if let d = next {
                timedWait(d)
            } else {
                condition.wait()
            }
        }
    }

    private func timedWait(_ boardDeadline: Int64) {
        condition.wait(untilHost: MonotonicCondition.now() + (boardDeadline - clock.monotonicNanoseconds()))
    }
}
