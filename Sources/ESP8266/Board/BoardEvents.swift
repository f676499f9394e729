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
    private var mutex = pthread_mutex_t()
    private var condition = pthread_cond_t()
    private var tickerStarted = false

    init(clock: BoardClock) {
        self.clock = clock
        pthread_mutex_init(&mutex, nil)
        var attr = pthread_condattr_t()
        pthread_condattr_init(&attr)
        #if canImport(Glibc)
        pthread_condattr_setclock(&attr, CLOCK_MONOTONIC)
        #endif
        pthread_cond_init(&condition, &attr)
        pthread_condattr_destroy(&attr)
    }

    /// Runs `action` once the clock reaches `deadline` (board monotonic ns); returns an id for `cancel`.
    @discardableResult
    public func schedule(at deadline: Int64, _ action: @escaping Action) -> Int {
        pthread_mutex_lock(&mutex)
        let id = nextID
        nextID += 1
        entries.append(Entry(id: id, deadline: deadline, action: action))
        startTickerLocked()
        pthread_cond_signal(&condition)
        pthread_mutex_unlock(&mutex)
        return id
    }

    public func cancel(_ id: Int) {
        pthread_mutex_lock(&mutex)
        entries.removeAll { $0.id == id }
        pthread_mutex_unlock(&mutex)
    }

    public func cancelAll() {
        pthread_mutex_lock(&mutex)
        entries.removeAll()
        pthread_mutex_unlock(&mutex)
    }

    /// The earliest deadline, if any.
    public var nextDeadline: Int64? {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return entries.map(\.deadline).min()
    }

    /// Runs every action that is due (on the interpreter's thread), earliest first.
    public func service() throws(PyExc) {
        while true {
            pthread_mutex_lock(&mutex)
            let now = clock.monotonicNanoseconds()
            var best = -1
            for (i, e) in entries.enumerated() where e.deadline <= now && (best < 0 || e.deadline < entries[best].deadline) {
                best = i
            }
            if best < 0 { pthread_mutex_unlock(&mutex); return }
            let e = entries.remove(at: best)
            pthread_mutex_unlock(&mutex)
            try e.action()
        }
    }

    private func startTickerLocked() {
        if tickerStarted { return }
        tickerStarted = true
        let box = Unmanaged.passRetained(self)
        var thread = pthread_t()
        let rc = pthread_create(&thread, nil, { arg in
            let events = Unmanaged<BoardEvents>.fromOpaque(arg!).takeRetainedValue()
            events.tick()
            return nil
        }, box.toOpaque())
        if rc != 0 { box.release(); tickerStarted = false }
    }

    /// The ticker: waits for the earliest deadline, then tells the interpreter.
    private func tick() {
        pthread_mutex_lock(&mutex)
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
                pthread_cond_wait(&condition, &mutex)
            }
        }
    }

    private func timedWait(_ boardDeadline: Int64) {
        let host = BoardClock.hostMonotonic() + (boardDeadline - clock.monotonicNanoseconds())
        var ts = timespec(tv_sec: Int(host / 1_000_000_000), tv_nsec: Int(host % 1_000_000_000))
        #if canImport(Glibc)
        _ = pthread_cond_timedwait(&condition, &mutex, &ts)
        #else
        let left = max(0, boardDeadline - clock.monotonicNanoseconds())
        ts = timespec(tv_sec: Int(left / 1_000_000_000), tv_nsec: Int(left % 1_000_000_000))
        _ = pthread_cond_timedwait_relative_np(&condition, &mutex, &ts)
        #endif
    }
}
