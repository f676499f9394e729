/// Every piece of state the interpreter changes while Python runs, and how a soft reset puts
/// it back. The state stays in its subsystems' static storage (fixed addresses keep the hot
/// paths free of indirection); this is the one place that knows all of it. Anything else static
/// is ROM: written while the runtime starts, read-only afterwards (builtin types, functions,
/// modules, their method tables, the builtin-type attribute cache, the native-function table).
///
/// | state | where | after reset |
/// |---|---|---|
/// | GC pool, allocation and finaliser tables | Heap | all blocks free |
/// | collector settings: threshold, enabled, heap lock, counters | Heap | start values |
/// | named roots: sys.modules/path/argv, __main__, scheduler queue, builtins overrides, current exception, traceback, vfs mounts and cwd, scratch | Heap.roots | as the ROM left them, then a new session |
/// | port roots | PortRoots | NULL |
/// | value stack | PyStack | empty |
/// | call depth, modelled C stack use, pending interrupt and scheduler flags | VM | zero |
/// | the current globals and locals | Runtime | the new __main__ |
/// | the interrupt character (micropython.kbd_intr) | Runtime | Ctrl-C |
/// | preallocated exceptions' tracebacks | Exceptions | none |
/// | dynamic qstrs | QstrPool | those of the ROM |
/// | the large-map index | MapIndex | none |
/// | uctypes' exposed buffer regions | AddressSpace | none |
/// | Swift objects behind heap objects (files, filesystems) | HostObjects | none |
/// | the block-device buffer Python block devices see | VfsScratch | zeroes |
/// | the unread rest of a stdin line | Stdio | empty |
public enum RuntimeState {
    /// The named roots as the ROM left them (sys and stdout are static objects).
    nonisolated(unsafe) static var romRoots: [Obj] = []

    /// Called once the ROM is built.
    static func sealROM() {
        romRoots = (0..<Root.count).map { Heap.roots[$0] }
        QstrPool.sealROM()
    }

    static func reset() {
        MapIndex.invalidate()
        Heap.resetPool()
        AddressSpace.reset()
        NativeObjects.reset()
        NativeCode.reset()
        for i in 0..<Root.count { Heap.roots[i] = romRoots[i] }
        PortRoots.clear()
        PyStack.top = PyStack.base
        VM.resetSession()
        Runtime.locals = .null
        Runtime.globalsNow = .null
        Runtime.interruptChar = 3
        Exceptions.clearPreallocated()
        Slice.scratchBusy = false
        Scheduler.running = false
        Scheduler.interruptScheduled = false
        QstrPool.reset()
        HostObjects.removeAll()
        VfsScratch.clear()
        Stdio.pendingLine = []
        Viper.reset()
    }
}
