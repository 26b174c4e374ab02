// swift-tools-version: 6.0
import PackageDescription
import Foundation

/// The network's loops (the sparse first layer, activations, the optimiser) are written for
/// the compiler to vectorise, and Swift only uses the vector instructions of the CPU it is told
/// about; by default that is the x86-64 of 2003, without AVX or fused multiply-add, which made
/// training several times slower. So build for this machine's CPU, as `-march=native` does.
/// The app is built where it runs (`scripts/run`); set DIGITS_PORTABLE=1 for a binary to copy
/// to older x86 machines.
///
/// Swift never fuses `a + x * w` into one instruction, and `addingProduct` is a library call per
/// lane on a CPU without fused multiply-add, so the kernels use it only where the build's CPU
/// has it (`FUSED_MULTIPLY_ADD`): every 64-bit ARM CPU, and an x86 Linux one whose flags in
/// /proc/cpuinfo list it (an Intel Mac, without that file, goes without: slower, not wrong).
/// The first layer's block kernels hold a block of 128 outputs in registers only where the CPU
/// has AVX-512's 32 wide registers (`WIDE_VECTOR_REGISTERS`); elsewhere they go 32 outputs at a
/// time (`DenseLayer.registerGroup`).
let cpuSettings: [SwiftSetting] = {
    #if arch(arm64)
    return [.define("FUSED_MULTIPLY_ADD")]
    #elseif arch(x86_64)
    if ProcessInfo.processInfo.environment["DIGITS_PORTABLE"] == nil {
        let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("flags") }?.split(whereSeparator: \.isWhitespace) ?? []
        return [.unsafeFlags(["-target-cpu", "native"])] + (flags.contains("fma") ? [.define("FUSED_MULTIPLY_ADD")] : [])
            + (flags.contains("avx512f") ? [.define("WIDE_VECTOR_REGISTERS")] : [])
    }
    return []
    #else
    return []
    #endif
}()

let package = Package(
    name: "digits",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "digits", targets: ["digits"]),
        .library(name: "DigitsCore", targets: ["DigitsCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // System-library shims: the only places that name C libraries.
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib",
                       providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses",
                       providers: [.apt(["libncurses-dev"])]),
        // libjpeg-dev is libjpeg62-turbo-dev on Debian and libjpeg-turbo8-dev on Ubuntu.
        .systemLibrary(name: "CPNG", path: "Sources/CPNG",
                       providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CJPEG", path: "Sources/CJPEG",
                       providers: [.apt(["libjpeg-dev"])]),
        // The C side of image decoding: libpng and libjpeg report errors by longjmp, so every
        // call into them, and every setjmp, stays in these C files (see image_codecs.h).
        .target(
            name: "CImageCodecs",
            dependencies: ["CPNG", "CJPEG"],
            linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("jpeg")]
        ),

        .target(
            name: "DigitsCore",
            dependencies: ["CBLAS", "CZlib", "CImageCodecs"],
            swiftSettings: cpuSettings,
            linkerSettings: [
                .linkedLibrary("openblas", .when(platforms: [.linux])),
                .linkedFramework("Accelerate", .when(platforms: [.macOS])),
            ]
        ),
        // The screens, widgets, layouts and the frame: pure values. No ncurses here, and
        // (checked by ModuleBoundaryTests) no threads and no file access: effects ask for those.
        .target(
            name: "DigitsTUI",
            dependencies: ["DigitsCore"]
        ),
        // The terminal runtime: the ncurses backend, signals, the event loop and the effect
        // runner, which owns every thread the screens' effects start.
        .target(
            name: "DigitsTerminal",
            dependencies: ["DigitsCore", "DigitsTUI", "CNcurses"]
        ),
        .executableTarget(
            name: "digits",
            dependencies: [
                "DigitsCore", "DigitsTUI", "DigitsTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Every parser of outside bytes wrapped for a fuzzer, and the libFuzzer entry point
        // (see scripts/fuzz). The targets are a library so FuzzCorpusTests can replay the corpus.
        .target(
            name: "DigitsFuzz",
            dependencies: ["DigitsCore"]
        ),
        .executableTarget(
            name: "digits-fuzz",
            dependencies: ["DigitsFuzz"]
        ),
        .testTarget(name: "DigitsCoreTests", dependencies: ["DigitsCore"]),
        // Snapshots/ holds the golden screen files, read from the source tree (see Snapshot.swift).
        .testTarget(name: "DigitsTUITests", dependencies: ["DigitsTUI", "DigitsCore"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "DigitsTerminalTests", dependencies: ["DigitsTerminal", "DigitsTUI", "DigitsCore"]),
        .testTarget(name: "DigitsFuzzTests", dependencies: ["DigitsFuzz"]),
        .testTarget(name: "EndToEndTests", dependencies: ["DigitsCore"]),
    ]
)
