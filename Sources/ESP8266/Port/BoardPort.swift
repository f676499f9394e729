import MicroPython

extension ESP8266Port {
    /// Connects the runtime to `board` before Python runs: the board's clock becomes the one
    /// every time source reads, and its events (timers, watchdog, alarms) are serviced wherever
    /// the interpreter runs pending work.
    public static func attach(_ board: Board) {
        Board.current = board
        MicroPythonRuntime.clock = board.clock
        MicroPythonRuntime.portEvents = { () throws(PyExc) in try board.events.service() }
        Scheduler.depth = 4   // MICROPY_SCHEDULER_DEPTH on the ESP8266
        MachineModule.connect(board)
    }
}
