/// Printing uncaught exceptions as MicroPython does.
public enum Traceback {
    public static func format(_ e: Obj, _ p: inout Printer) {
        let tb = Exceptions.traceback(e)
        if !tb.isEmpty {
            p.write("Traceback (most recent call last):\n")
            for (file, line, fn) in tb.reversed() {
                p.write("  File \"\(file.string)\", line \(line)")
                if fn != .empty { p.write(", in \(fn.string)") }
                p.write("\n")
            }
        }
        do throws(PyExc) {
            try Runtime.write(e, &p, .exc)
        } catch {
            p.write("<exception str() failed>")
        }
        p.byte(0x0A)
    }
}
