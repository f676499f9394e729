#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mutex and a condition whose timed waits run on the host's monotonic clock: what the
/// board's threads (the interpreter, the event ticker, transport readers) wait and wake with.
final class MonotonicCondition: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var condition = pthread_cond_t()

    init() {
        pthread_mutex_init(&mutex, nil)
        var attr = pthread_condattr_t()
        pthread_condattr_init(&attr)
        #if canImport(Glibc)
        pthread_condattr_setclock(&attr, CLOCK_MONOTONIC)
        #endif
        pthread_cond_init(&condition, &attr)
        pthread_condattr_destroy(&attr)
    }

    /// The host's monotonic clock, in nanoseconds.
    static func now() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }

    func lock() { pthread_mutex_lock(&mutex) }
    func unlock() { pthread_mutex_unlock(&mutex) }
    func signal() { pthread_cond_signal(&condition) }

    /// Waits (the lock held) for a signal.
    func wait() { pthread_cond_wait(&condition, &mutex) }

    /// Waits (the lock held) for a signal or until the host's monotonic clock reaches `deadline`.
    func wait(untilHost deadline: Int64) {
        #if canImport(Glibc)
        var ts = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        _ = pthread_cond_timedwait(&condition, &mutex, &ts)
        #else
        let left = max(0, deadline - MonotonicCondition.now())
        var ts = timespec(tv_sec: Int(left / 1_000_000_000), tv_nsec: Int(left % 1_000_000_000))
        _ = pthread_cond_timedwait_relative_np(&condition, &mutex, &ts)
        #endif
    }
}

/// Runs `body` on a new detached thread.
func startThread(_ body: @escaping () -> Void) {
    final class Box { let body: () -> Void; init(_ b: @escaping () -> Void) { body = b } }
    let box = Unmanaged.passRetained(Box(body))
    var thread = pthread_t()
    let rc = pthread_create(&thread, nil, { arg in
        let b = Unmanaged<Box>.fromOpaque(arg!).takeRetainedValue()
        b.body()
        return nil
    }, box.toOpaque())
    if rc != 0 { box.release(); return }
    pthread_detach(thread)
}
