#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MicroPython

/// One of the chip's UARTs as the board sees it: bytes received from the outside world (a
/// terminal, mpremote), bytes transmitted to it. Reception happens on another thread (the host
/// transport's reader), as the chip's RX interrupt does; the interpreter takes bytes out.
///
/// While UART0 carries the REPL, the RX "interrupt" turns the interrupt character into a pending
/// KeyboardInterrupt instead of queueing it, exactly when it arrives.
public final class UARTChannel: @unchecked Sendable {
    public let id: Int
    /// Where transmitted bytes go (the host transport); nil: onto a wire nobody listens to.
    public var transmitSink: ((UnsafeRawBufferPointer) -> Void)?
    /// The receive queue: bytes beyond this are dropped, as the chip's ring buffer drops them
    /// (larger than the chip's 256 bytes, because a host delivers bursts faster than 115200 baud).
    public static let receiveCapacity = 16 * 1024
    /// True while the REPL owns this UART (dupterm slot 1): Ctrl-C interrupts running code.
    public var carriesREPL = false
    /// Set by the REPL while Python code runs; the character that raises KeyboardInterrupt then.
    public var interruptChar: Int = -1

    private var queue: [UInt8] = []
    private var head = 0
    private var mutex = pthread_mutex_t()
    private let clock: BoardClock

    public init(id: Int, clock: BoardClock) {
        self.id = id
        self.clock = clock
        pthread_mutex_init(&mutex, nil)
    }

    /// Bytes arriving on RX (any thread).
    public func receive(_ bytes: UnsafeRawBufferPointer) {
        pthread_mutex_lock(&mutex)
        for b in bytes {
            if carriesREPL && interruptChar >= 0 && Int(b) == interruptChar {
                // The ISR's job: drop what was queued and interrupt the program now.
                queue.removeAll(keepingCapacity: true)
                head = 0
                VM.pendingInterrupt = true
                continue
            }
            if queue.count - head < UARTChannel.receiveCapacity { queue.append(b) }
        }
        pthread_mutex_unlock(&mutex)
        clock.wake()
    }

    /// How many received bytes wait.
    public var available: Int {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return queue.count - head
    }

    /// Takes up to `max` received bytes (none: empty array).
    public func take(max: Int) -> [UInt8] {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        let n = min(max, queue.count - head)
        let out = Array(queue[head..<head + n])
        head += n
        if head == queue.count { queue.removeAll(keepingCapacity: true); head = 0 }
        return out
    }

    /// Takes one received byte, if any.
    public func takeByte() -> UInt8? {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        guard head < queue.count else { return nil }
        let b = queue[head]
        head += 1
        if head == queue.count { queue.removeAll(keepingCapacity: true); head = 0 }
        return b
    }

    /// Bytes sent on TX.
    public func transmit(_ bytes: UnsafeRawBufferPointer) {
        transmitSink?(bytes)
    }
}
