/// Swift objects (a mounted filesystem, an open file, a directory iterator) that heap objects
/// refer to by a small-int index. The heap object's finaliser releases the slot, so the Swift
/// side lives exactly as long as the Python object.
enum HostObjects {
    nonisolated(unsafe) static var slots: [AnyObject?] = []
    nonisolated(unsafe) static var freeSlots: [Int] = []

    static func add(_ o: AnyObject) -> Obj {
        if let i = freeSlots.popLast() {
            slots[i] = o
            return Obj(small: i)
        }
        slots.append(o)
        return Obj(small: slots.count - 1)
    }

    static func get(_ handle: Obj) -> AnyObject? {
        guard handle.isSmallInt else { return nil }
        let i = handle.smallValue
        return i >= 0 && i < slots.count ? slots[i] : nil
    }

    static func release(_ handle: Obj) {
        guard handle.isSmallInt else { return }
        let i = handle.smallValue
        guard i >= 0 && i < slots.count, slots[i] != nil else { return }
        slots[i] = nil
        freeSlots.append(i)
    }
}

extension HostObjects {
    /// A soft reset: the heap objects that referred to these are gone (their finalisers ran).
    static func removeAll() {
        slots.removeAll()
        freeSlots.removeAll()
    }
}
