// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Attest",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "attest", targets: ["attest"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
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
        // Benchmarks that print numbers (never run by the tests): `swift run -c release attest-bench`.
        .executableTarget(
            name: "attest-bench",
            dependencies: [
                "AttestCore", "AttestStore", "AttestCredentials", "AttestScheduling",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // Helpers shared by the test targets: test clock, pseudo-terminal harness, fixtures.
        .target(name: "AttestTestSupport", dependencies: ["AttestCore"]),
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
