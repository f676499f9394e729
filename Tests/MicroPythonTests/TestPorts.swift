import MicroPython

/// A port configured like the ESP8266 build (the core's tests can't depend on the ESP8266 target).
enum ESP8266Like {
    static var configuration: PortConfiguration {
        var c = PortConfiguration(platform: "esp8266", machine: "test board", buildName: "test",
                                  defaultHeapBytes: 38 * 1024, floats: .immediateSingle, complexNumbers: false,
                                  epochYear: 2000, wordBits: 32, cStackBytes: 7168, cStackFrameBytes: 120,
                                  cStackSlotBytes: 4, valueStackWords: 64 * 1024, hostFilesystems: false)
        c.modules = [ExamplePortModule.install]
        return c
    }
}

/// The runtime is global and starts once per test process: every test class shares this one.
enum TestRuntime {
    // No native stack top is given, so the collector scans only the explicit roots and the
    // value stack (tests that run Python set Heap.stackTop for their duration).
    /// False when another test target's tests started the runtime first (with another port)
    /// in this process: these tests are then skipped; run them alone (`swift test --skip
    /// ESP8266Tests`, as scripts/test does).
    static let started: Bool = {
        if MicroPythonRuntime.isStarted { return false }
        MicroPythonRuntime.initialise(port: ESP8266Like.configuration, heapBytes: 38 * 1024, argv: [],
                                      stackTop: nil, nativeStackSize: 0)
        return true
    }()

    static let sharedMessage = "the runtime was started by another test target in this process (run: swift test --skip ESP8266Tests)"
}
