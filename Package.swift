// swift-tools-version:6.0
import PackageDescription

// Layers, bottom up: the compiler (source -> CompiledModule, pure Swift, no heap),
// the MicroPython core (heap, objects, VM, runtime, portable modules), then executables.
let fast: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-enforce-exclusivity=unchecked", "-wmo"], .when(configuration: .release)),
]

let package = Package(
    name: "MicroPythonESP8266",
    products: [
        .library(name: "MicroPython", targets: ["MicroPython"]),
        .executable(name: "micropython", targets: ["micropython"]),
    ],
    targets: [
        .target(name: "CSupport"),
        .target(name: "MicroPythonCompiler", swiftSettings: fast),
        .target(name: "MicroPython", dependencies: ["MicroPythonCompiler", "CSupport"], swiftSettings: fast),
        .executableTarget(name: "micropython", dependencies: ["MicroPython"], swiftSettings: fast),
        .testTarget(name: "MicroPythonCompilerTests", dependencies: ["MicroPythonCompiler"]),
        .testTarget(name: "MicroPythonTests", dependencies: ["MicroPython"]),
    ],
    swiftLanguageModes: [.v5]
)
