import MicroPython

/// The SDK's software timers (os_timer) that machine.Timer arms: each timer is a slot with a
/// period, one-shot or periodic, whose expiry is a board event. A periodic timer is re-armed
/// from its previous deadline, so it does not drift.
public final class VirtualTimers {
    public typealias Action = () throws(PyExc) -> Void

    struct Slot {
        var event: Int?
        var period: Int64
        var periodic: Bool
        var deadline: Int64
        var action: Action?
    }

    private unowned let board: Board
    private var slots: [Slot] = []

    init(board: Board) { self.board = board }

    /// A new, disarmed timer; its number for `arm`/`disarm`.
    public func make() -> Int {
        slots.append(Slot(event: nil, period: 0, periodic: false, deadline: 0, action: nil))
        return slots.count - 1
    }

    /// Arms timer `n` to run `action` after `period` nanoseconds (and every `period` after that
    /// when `periodic`).
    public func arm(_ n: Int, period: Int64, periodic: Bool, action: @escaping Action) {
        guard slots.indices.contains(n) else { return }
        disarm(n)
        slots[n].period = max(period, 1)
        slots[n].periodic = periodic
        slots[n].action = action
        schedule(n, at: board.clock.monotonicNanoseconds() + slots[n].period)
    }

    private func schedule(_ n: Int, at deadline: Int64) {
        slots[n].deadline = deadline
        slots[n].event = board.events.schedule(at: deadline) { [unowned self] () throws(PyExc) in
            try self.fire(n)
        }
    }

    private func fire(_ n: Int) throws(PyExc) {
        guard slots.indices.contains(n), let action = slots[n].action else { return }
        slots[n].event = nil
        if slots[n].periodic {
            // Catch up without a burst if the interpreter was away for several periods.
            var next = slots[n].deadline + slots[n].period
            let now = board.clock.monotonicNanoseconds()
            if next <= now { next = now + slots[n].period }
            schedule(n, at: next)
        } else {
            slots[n].action = nil
        }
        try action()
    }

    public func disarm(_ n: Int) {
        guard slots.indices.contains(n) else { return }
        if let e = slots[n].event { board.events.cancel(e) }
        slots[n].event = nil
        slots[n].action = nil
    }

    public func isArmed(_ n: Int) -> Bool { slots.indices.contains(n) && slots[n].action != nil }

    /// Every timer stops (soft reset: their callbacks belonged to the old heap) and the
    /// slots are forgotten.
    public func disarmAll() {
        for n in slots.indices { disarm(n) }
        slots.removeAll()
    }

    /// The chip restarted: the events are already gone.
    func powerOn() { slots.removeAll() }
}
