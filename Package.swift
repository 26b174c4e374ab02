// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "digits",
    platforms: [.macOS(.v14)],
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

        .target(
            name: "DigitsCore",
            dependencies: ["CBLAS", "CZlib"],
            linkerSettings: [
                .linkedLibrary("openblas", .when(platforms: [.linux])),
                .linkedFramework("Accelerate", .when(platforms: [.macOS])),
            ]
        ),
        .target(
            name: "DigitsTUI",
            dependencies: ["DigitsCore", "CNcurses"]
        ),
        .executableTarget(
            name: "digits",
            dependencies: [
                "DigitsCore", "DigitsTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "DigitsCoreTests", dependencies: ["DigitsCore"]),
        .testTarget(name: "DigitsTUITests", dependencies: ["DigitsTUI", "DigitsCore"]),
        .testTarget(name: "EndToEndTests", dependencies: ["DigitsCore"]),
    ]
)
