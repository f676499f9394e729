import MicroPython

/// One of the chip's UARTs as the board sees it: bytes received from the outside world (a
/// terminal, mpremote), bytes transmitted to it. Reception happens on another thread (the host
/// transport's reader), as the chip's RX interrupt does.
///
/// While UART0 carries the REPL (it sits in a dupterm slot), what it receives goes to the
/// REPL's stdin ring, which catches Ctrl-C; otherwise to its own receive buffer for
/// machine.UART.read().
public final class UARTChannel: @unchecked Sendable {
    public let id: Int
    /// Where transmitted bytes go (the host transport); nil: onto a wire nobody listens to.
    public var transmitSink: ((UnsafeRawBufferPointer) -> Void)?
    /// The UART's own receive buffer.
    public let rx: InputQueue
    /// The REPL's stdin ring while this UART carries the REPL, else nil.
    public var replInput: InputQueue?
    public var carriesREPL: Bool { replInput != nil }

    public init(id: Int, clock: BoardClock) {
        self.id = id
        rx = InputQueue(capacity: 16 * 1024, clock: clock)
    }

    /// Bytes arriving on RX (any thread).
    public func receive(_ bytes: UnsafeRawBufferPointer) {
        (replInput ?? rx).push(bytes)
    }

    /// How many received bytes wait in the UART's own buffer.
    public var available: Int { rx.count }

    /// Takes up to `max` bytes from the UART's own buffer.
    public func take(max: Int) -> [UInt8] { rx.pop(max: max) }

    public func takeByte() -> UInt8? { rx.pop() }

    /// Bytes sent on TX.
    public func transmit(_ bytes: UnsafeRawBufferPointer) {
        transmitSink?(bytes)
    }
}
