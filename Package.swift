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
        .library(name: "AetAgents", targets: ["AetAgents"]),
        .library(name: "AetWorkspace", targets: ["AetWorkspace"]),
        .library(name: "AetScheduler", targets: ["AetScheduler"]),
        .library(name: "AetCLI", targets: ["AetCLI"]),
        .library(name: "AetModels", targets: ["AetModels"]),
        .library(name: "AetTesting", targets: ["AetTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
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
            name: "AetAgents",
            dependencies: [
                "AetCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AetWorkspace",
            dependencies: [
                "AetCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AetScheduler",
            dependencies: [
                "AetAgents",
                "AetCore",
                "AetStore",
                "AetWorkspace",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AetModels",
            dependencies: [
                "AetCore",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AetBench",
            dependencies: [
                "AetCore",
                "AetStore",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AetTesting",
            dependencies: [
                "AetAgents",
                "AetCore",
                "AetWorkspace",
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AetCLI",
            dependencies: [
                "AetAgents",
                "AetBench",
                "AetCore",
                "AetModels",
                "AetScheduler",
                "AetStore",
                "AetWorkspace",
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
            dependencies: ["AetCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AetAgentsTests",
            dependencies: [
                "AetAgents",
                "AetCore",
                "AetModels",
                "AetTesting",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AetSchedulerTests",
            dependencies: [
                "AetAgents",
                "AetCore",
                "AetModels",
                "AetScheduler",
                "AetStore",
                "AetTesting",
                "AetWorkspace",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AetWorkspaceTests",
            dependencies: ["AetWorkspace", "AetCore", "AetTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AetModelsTests",
            dependencies: [
                "AetCore",
                "AetModels",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AetStoreTests",
            dependencies: [
                "AetBench",
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
                "AetAgents",
                "AetCLI",
                "AetCore",
                "AetModels",
                "AetScheduler",
                "AetStore",
                "AetTesting",
                "AetWorkspace",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
