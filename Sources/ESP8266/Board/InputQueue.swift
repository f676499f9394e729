#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MicroPython

/// A byte queue filled by another thread (a host transport's reader) and emptied by the
/// interpreter: a UART's receive buffer, or the REPL's stdin ring buffer. The stdin ring turns
/// the interrupt character into a pending KeyboardInterrupt the moment it arrives, as the
/// firmware's UART interrupt handler does, instead of queueing it.
public final class InputQueue: @unchecked Sendable {
    /// Bytes beyond this are dropped, as a full ring buffer drops them. The REPL's ring is far
    /// larger than the chip's 256 bytes: a host tool sends a script at once, where a real UART
    /// would deliver it at 115 200 baud while the REPL keeps up.
    public let capacity: Int
    /// The character that raises KeyboardInterrupt while code runs (-1: none). The REPL's
    /// stdin ring follows micropython.kbd_intr (`Runtime.interruptChar`), as the firmware's
    /// UART handler reads mp_interrupt_char.
    public var interruptChar: Int {
        get { followsKeyboardInterrupt ? Runtime.interruptChar : ownInterruptChar }
        set { if followsKeyboardInterrupt { Runtime.interruptChar = newValue } else { ownInterruptChar = newValue } }
    }
    private var ownInterruptChar = -1
    private let followsKeyboardInterrupt: Bool

    private var bytes: [UInt8] = []
    private var head = 0
    private var mutex = pthread_mutex_t()
    private let clock: BoardClock

    public init(capacity: Int, clock: BoardClock, followsKeyboardInterrupt: Bool = false) {
        self.capacity = capacity
        self.followsKeyboardInterrupt = followsKeyboardInterrupt
        self.clock = clock
        pthread_mutex_init(&mutex, nil)
    }

    /// Bytes arriving (any thread).
    public func push(_ data: UnsafeRawBufferPointer) {
        pthread_mutex_lock(&mutex)
        let interruptChar = self.interruptChar
        for b in data {
            if interruptChar >= 0 && Int(b) == interruptChar {
                // Interrupt now; the character itself is not queued.
                VM.pendingInterrupt = true
                continue
            }
            if bytes.count - head < capacity { bytes.append(b) }
        }
        pthread_mutex_unlock(&mutex)
        clock.wake()
    }

    public func push(byte: UInt8) { withUnsafeBytes(of: byte) { push($0) } }

    public var count: Int {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return bytes.count - head
    }

    public func pop() -> UInt8? {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        guard head < bytes.count else { return nil }
        let b = bytes[head]
        head += 1
        if head == bytes.count { bytes.removeAll(keepingCapacity: true); head = 0 }
        return b
    }

    public func pop(max: Int) -> [UInt8] {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        let n = Swift.min(max, bytes.count - head)
        let out = Array(bytes[head..<head + n])
        head += n
        if head == bytes.count { bytes.removeAll(keepingCapacity: true); head = 0 }
        return out
    }

    public func clear() {
        pthread_mutex_lock(&mutex)
        bytes.removeAll()
        head = 0
        pthread_mutex_unlock(&mutex)
    }
}
