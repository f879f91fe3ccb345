// swift-tools-version:6.2
import PackageDescription

/// One settings array shared by every target (STYLE.md §2).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
]

let package = Package(
    name: "aet",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "aet", targets: ["aet"]),
        .library(name: "AetCore", targets: ["AetCore"]),
        .library(name: "AetStore", targets: ["AetStore"]),
        .library(name: "AetCLI", targets: ["AetCLI"]),
        .library(name: "AetTesting", targets: ["AetTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        .target(
            name: "AetCore",
            dependencies: [],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AetStore",
            dependencies: [
                "AetCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AetTesting",
            dependencies: [
                "AetCore",
                "AetStore",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AetCLI",
            dependencies: [
                "AetCore",
                "AetStore",
                "AetTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "aet",
            dependencies: ["AetCLI"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AetCoreTests",
            dependencies: ["AetCore", "AetTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AetStoreTests",
            dependencies: [
                "AetCore",
                "AetStore",
                "AetTesting",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AetCLITests",
            dependencies: [
                "AetCLI",
                "AetCore",
                "AetStore",
                "AetTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
