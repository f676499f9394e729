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
        c.helpText = helpText
        c.moduleFileAttribute = false
        c.pathMax = 128
        c.initialSysPath = ["", FrozenModules.pathPrefix, "/lib", "/"]
        c.moduleFeatures = .esp8266
        c.compilerOptimisations = false
        c.detailedErrors = false
        c.uname = .init(sysname: "esp8266", nodename: "esp8266", release: "2.2.0-dev(9422289)",
                        version: "\(c.versionTag) on \(buildDate)", machine: machine)
        c.modules = [MachineModule.install, OneWireModule.install, EspModule.install, Dupterm.install,
                     ESP8266Port.installFrozenModules]
        return c
    }
}

extension ESP8266Port {
    /// What help() prints on the board.
    static let helpText = #"""
        Welcome to MicroPython!

        For online docs please visit http://docs.micropython.org/

        For diagnostic information to include in bug reports execute 'import port_diag'.

        Basic WiFi configuration:

        import network
        sta_if = network.WLAN(network.WLAN.IF_STA); sta_if.active(True)
        sta_if.scan()                             # Scan for available access points
        sta_if.connect("<AP_name>", "<key>") # Connect to an AP
        sta_if.isconnected()                      # Check for successful connection
        # Change name/password of ESP8266's AP:
        ap_if = network.WLAN(network.WLAN.IF_AP)
        ap_if.config(ssid="<AP_NAME>", security=network.AUTH_WPA_WPA2_PSK, key="<key>")

        Control commands:
          CTRL-A        -- on a blank line, enter raw REPL mode
          CTRL-B        -- on a blank line, enter normal REPL mode
          CTRL-C        -- interrupt a running program
          CTRL-D        -- on a blank line, do a soft reset of the board
          CTRL-E        -- on a blank line, enter paste mode

        For further help on a specific object, type help(obj)

        """#

    /// The firmware's frozen Python modules, the portable ones and the board's, compiled into
    /// the ROM (`.frozen` on sys.path).
    static func installFrozenModules() {
        for m in FrozenLibrary.modules + FrozenSources.modules { FrozenModules.freeze(path: m.path, source: m.source) }
    }
}
