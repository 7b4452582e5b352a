// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Attest",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "attest", targets: ["attest"]),
        .executable(name: "attest-registry", targets: ["attest-registry"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The organisation registry only (never linked into `attest`, whose start-up stays free of NIO).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // The C library libedit, wrapped the GRDB way: a module map plus static inline shims for varargs.
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // Line editing: the only module that touches libedit (and only one file in it does).
        .target(name: "LineEditor", dependencies: ["CLibEdit"]),
        // The system zlib, for compressed PNG image data and gzip'd status lists.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Deflate/inflate (zlib and gzip containers) with bounded decompression.
        .target(name: "AttestCompression", dependencies: ["CZlib"]),
        // The commit the binary was built from, stamped by the scripts (a generated header, "" without one).
        .target(name: "CAttestBuild"),
        // JSON-LD expansion to RDF, RDFC-1.0 canonicalisation, Data Integrity (eddsa-rdfc-2022) proofs,
        // did:key and Bitstring Status Lists, from contexts bundled in the binary (pure: never fetches).
        .target(
            name: "AttestLinkedData",
            dependencies: ["AttestCompression", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["Contexts/SOURCES.md"]
        ),
        // The pure core: model, JSON with positions, validation, quiz engine, scoring, credential rules.
        .target(name: "AttestCore"),
        // Scheduling: the FSRS-6 memory model per question, due reviews, parameter fitting and plans (pure).
        .target(name: "AttestScheduling", dependencies: ["AttestCore"]),
        // The local SQLite store (GRDB).
        .target(
            name: "AttestStore",
            dependencies: [
                "AttestCore", "AttestScheduling", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // Open Badges 3.0 credentials: building, signing (ES256 VC-JWT), baking and verifying; issuer keyrings (scrypt).
        .target(
            name: "AttestCredentials",
            dependencies: [
                "AttestCore", "AttestCompression", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // Commands, REPL and terminal rendering: everything the executable needs.
        .target(
            name: "AttestCLI",
            dependencies: [
                "AttestCore", "AttestStore", "AttestCredentials", "AttestScheduling", "AttestLinkedData", "LineEditor",
                "CAttestBuild",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(name: "attest", dependencies: ["AttestCLI"]),
        // The organisation registry: HTTP routes, PostgreSQL schema and queries, idempotent submissions.
        .target(
            name: "AttestRegistry",
            dependencies: [
                "AttestCLI", "AttestCore", "AttestCredentials", "AttestLinkedData",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // `attest registry serve|token|stats|export` run this binary, found beside `attest`.
        .executableTarget(name: "attest-registry", dependencies: ["AttestRegistry"]),
        // Benchmarks that print numbers (never run by the tests): `swift run -c release attest-bench`.
        .executableTarget(
            name: "attest-bench",
            dependencies: [
                "AttestCore", "AttestStore", "AttestCredentials", "AttestScheduling",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The registry's load test (scripts/registry-load): prints numbers, never run by the tests.
        .executableTarget(
            name: "registry-load",
            dependencies: ["AttestCLI", "AttestCredentials", "AttestRegistry", "AttestTestSupport"]
        ),
        // Helpers shared by the test targets: test clock, pseudo-terminal harness, fixtures.
        .target(name: "AttestTestSupport", dependencies: ["AttestCore"]),
        .testTarget(
            name: "AttestRegistryTests",
            dependencies: [
                "AttestRegistry", "AttestCLI", "AttestCredentials", "AttestLinkedData", "AttestStore", "AttestTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "AttestCoreTests", dependencies: ["AttestCore", "AttestTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "AttestSchedulingTests", dependencies: ["AttestScheduling", "AttestTestSupport"], exclude: ["Fixtures"]
        ),
        .testTarget(name: "LineEditorTests", dependencies: ["LineEditor", "AttestTestSupport"]),
        .testTarget(name: "AttestCompressionTests", dependencies: ["AttestCompression"]),
        .testTarget(
            name: "AttestLinkedDataTests",
            dependencies: ["AttestLinkedData", "AttestTestSupport", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "AttestStoreTests", dependencies: ["AttestStore", "AttestTestSupport"]),
        .testTarget(
            name: "AttestCredentialsTests", dependencies: ["AttestCredentials", "AttestCompression", "AttestTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "AttestCLITests", dependencies: ["AttestCLI", "AttestLinkedData", "AttestTestSupport"], exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
