/// errno: the error numbers of MicroPython's ports (py/mperrno.h, Linux values) and the
/// errorcode dict (number -> name).
public enum ErrnoModule {
    static let codes: [(String, Int)] = [
        ("EPERM", 1), ("ENOENT", 2), ("EIO", 5), ("EBADF", 9), ("EAGAIN", 11), ("ENOMEM", 12),
        ("EACCES", 13), ("EEXIST", 17), ("ENODEV", 19), ("EISDIR", 21), ("EINVAL", 22),
        ("EOPNOTSUPP", 95), ("EADDRINUSE", 98), ("ECONNABORTED", 103), ("ECONNRESET", 104),
        ("ENOBUFS", 105), ("ENOTCONN", 107), ("ETIMEDOUT", 110), ("ECONNREFUSED", 111),
        ("EHOSTUNREACH", 113), ("EALREADY", 114), ("EINPROGRESS", 115),
    ]

    /// The name of an errno value, as OSError's message uses it.
    public static func name(_ n: Int) -> String? { codes.first { $0.1 == n }?.0 }

    static func install() {
        let m = ModuleBuilder("errno", extensible: true)
        let table = Dict.makeStatic()
        for (name, v) in codes {
            m.set(name, Obj(small: v))
            try! Dict.set(table, Obj(small: v), Obj(qstr: Qstr(name)))
        }
        Dict.map(table).makeFixed()
        m.set("errorcode", table)
    }
}
