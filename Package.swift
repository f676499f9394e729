// swift-tools-version:6.0
import PackageDescription

// Layers, bottom up: the compiler (source -> CompiledModule, pure Swift, no heap),
// the MicroPython core (heap, objects, VM, runtime, portable modules), then executables.
// Swift 6.3.1's SIL dead-store elimination drops a store through a pointer at a negative offset
// when a store at offset 0 follows (`sp[-1] = a; sp[0] = b`), which the VM does all the time:
// the pass is disabled until that is fixed (repro in docs/notes/swift-dse-bug.md).
// Concrete generic types' metadata comes from direct accessor calls, not from their mangled names:
// instantiating one by name (the default) demangles it and checks its generic requirements,
// and the first check of a conformance (String: Hashable for the first [String: X]) scans every
// conformance record in the binary, a quarter of a million instructions at each start.
let fast: [SwiftSetting] = [
    .unsafeFlags(["-O", "-enforce-exclusivity=unchecked", "-wmo",
                  "-Xllvm", "-sil-disable-pass=dead-store-elimination",
                  "-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"],
                 .when(configuration: .release)),
]

// Release builds on Linux are static executables: the Swift runtime, Foundation (which
// swift-crypto brings), the C++ library and libc are all linked in, with no dynamic loader at
// start. Linked dynamically, `micropython -c pass` spent most of its time in the loader:
// resolving the C++ library's symbols, applying about 83,000 position-independent relocations
// and, with the exported symbol table the Swift driver asks for, a linear `dladdr` scan in the
// runtime's start-up. The Foundation archives need their C parts named, and the C++ and maths
// libraries again after them. (glibc warns that its user-database and dlopen functions, which
// Foundation references, need the shared glibc of the same version at run time if called.)
let staticRuntime: [LinkerSetting] = [.unsafeFlags([
    "-static-executable", "-lCoreFoundation", "-l_FoundationCShims", "-l_FoundationCollections",
    "-l_FoundationICU", "-lswiftSynchronization", "-lstdc++", "-lm"],
    .when(platforms: [.linux], configuration: .release))]

let package = Package(
    name: "MicroPythonESP8266",
    products: [
        .library(name: "MicroPython", targets: ["MicroPython"]),
        .library(name: "MicroPythonREPL", targets: ["MicroPythonREPL"]),
        .executable(name: "micropython", targets: ["micropython"]),
        .executable(name: "esp8266", targets: ["esp8266"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // SHA-1/SHA-256/MD5 for hashlib, the AES block function for cryptolib.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .target(name: "CSupport"),
        .target(name: "MicroPythonCompiler", swiftSettings: fast),
        // Block devices and filesystems (littlefs, FAT): pure Swift, no Python objects.
        .target(name: "Storage", swiftSettings: fast),
        .target(name: "MicroPython", dependencies: [
            "MicroPythonCompiler", "Storage", "CSupport",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ], exclude: ["Frozen/library"], swiftSettings: fast),
        // The REPL as a byte-stream engine, shared by the unix command and the board's UART.
        .target(name: "MicroPythonREPL", dependencies: ["MicroPython", "MicroPythonCompiler"]),
        // The ESP8266 port: board model (flash, ...), on top of the language core.
        // Frozen/modules holds the Python modules frozen into the firmware (_boot, flashbdev,
        // drivers); scripts/gen-frozen.py turns them into Frozen/FrozenSources.swift.
        .target(name: "ESP8266", dependencies: ["MicroPython", "MicroPythonREPL", "Storage", "CSupport"], exclude: ["Frozen/modules"], swiftSettings: fast),
        // The ESP8266 port is linked for `-X profile=esp8266` (its configuration of the core).
        // Linked as a static executable in release builds (see `staticRuntime`).
        .executableTarget(name: "micropython", dependencies: ["MicroPython", "ESP8266", "MicroPythonREPL"],
                          swiftSettings: fast, linkerSettings: staticRuntime),
        .executableTarget(name: "esp8266", dependencies: [
            "ESP8266", "Storage", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: fast, linkerSettings: staticRuntime),
        // Programs/ is read from the source tree (#filePath), not bundled.
        .testTarget(name: "MicroPythonCompilerTests", dependencies: ["MicroPythonCompiler"], exclude: ["Programs"]),
        .testTarget(name: "MicroPythonTests", dependencies: ["MicroPython", "MicroPythonREPL"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage"]),
        .testTarget(name: "ESP8266Tests", dependencies: ["ESP8266", "MicroPython", "Storage"]),
    ],
    swiftLanguageModes: [.v5]
)
