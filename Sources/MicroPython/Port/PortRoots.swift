/// Root slots a port asks for: objects the collector must keep although no Python object
/// refers to them (pin IRQ handlers, UART receive buffers, timer callbacks), as a C port's
/// MP_STATE_PORT / MICROPY_PORT_ROOT_POINTERS. Slots are handed out while the runtime starts
/// and keep their index for the process; their values are cleared by every soft reset.
public struct PortRoot {
    let index: Int

    /// The object held (NULL when none).
    public var value: Obj {
        get { PortRoots.slots[index] }
        nonmutating set { PortRoots.slots[index] = newValue }
    }
}

public enum PortRoots {
    /// Room for every port root (a fixed table, scanned with the named roots).
    public static let capacity = 64
    nonisolated(unsafe) static var used = 0
    nonisolated(unsafe) static var slotsAddress: UInt = 0
    static var slots: UnsafeMutablePointer<Obj> {
        UnsafeMutablePointer<Obj>(bitPattern: slotsAddress).unsafelyUnwrapped
    }

    static func start() {
        if slotsAddress != 0 { return }
        let p = UnsafeMutablePointer<Obj>.allocate(capacity: capacity)
        p.initialize(repeating: .null, count: capacity)
        slotsAddress = UInt(bitPattern: p)
    }

    /// A new root slot, holding NULL.
    public static func allocate() -> PortRoot {
        start()
        precondition(used < capacity, "more than \(capacity) port roots")
        used += 1
        return PortRoot(index: used - 1)
    }

    static func clear() {
        if slotsAddress != 0 { slots.initialize(repeating: .null, count: capacity) }
    }

    /// For the collector: the table as words.
    static func scan(_ visit: (UnsafePointer<UInt32>, Int) -> Void) {
        guard slotsAddress != 0 else { return }
        visit(UnsafeRawPointer(slots).assumingMemoryBound(to: UInt32.self), used)
    }
}
