import MicroPython

/// The ESP8266 build of MicroPython as the language core sees it (the board's mpconfigport.h):
/// identity strings of esp8266-port-facts §1, REPR_C single floats, no complex, 32-bit words,
/// a 38 KiB heap, an 8 KiB C stack and time counted from 2000.
public enum ESP8266Port {
    public static let machine = "ESP module with ESP8266"
    public static let buildDate = "2026-11-25"

    public static var configuration: PortConfiguration {
        var c = PortConfiguration(
            platform: "esp8266", machine: machine, buildName: "ESP8266_GENERIC",
            defaultHeapBytes: 38 * 1024, floats: .immediateSingle, complexNumbers: false, epochYear: 2000,
            wordBits: 32,
            // 8 KiB of C stack, less about 1 KiB that the SDK and the REPL's frames hold.
            cStackBytes: 8192 - 1024, cStackFrameBytes: 120, cStackSlotBytes: 4,
            valueStackWords: 64 * 1024, hostFilesystems: false)
        c.version = (1, 29, 0, "")
        c.buildDate = buildDate
        c.mpyArch = 9   // xtensa
        c.moduleFeatures = .esp8266
        c.uname = .init(sysname: "esp8266", nodename: "esp8266", release: "2.2.0-dev(9422289)",
                        version: "\(c.versionTag) on \(buildDate)", machine: machine)
        return c
    }
}
