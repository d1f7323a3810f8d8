// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Gavel",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gavel", targets: ["gavel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // Agenda model and parsing, the session engine, notes: no terminal, no SQLite.
        .target(name: "GavelCore"),
        // Measuring and escaping text for a terminal (widths, escapes, `gavel check`'s table, the
        // command line's output), without curses: the views, the summaries' text format, `gavel plan`
        // and `gavel import` all need it, and only GavelTUI may link ncurses.
        .target(name: "GavelTerminalText", dependencies: ["GavelCore"]),
        // The C shim over libncursesw; only GavelTUI's terminal backend imports it.
        .target(name: "CNCurses", linkerSettings: [.linkedLibrary("ncursesw")]),
        // Views rendered into a cell buffer, themes, the line editor, the ncurses backend, the run loop.
        .target(name: "GavelTUI", dependencies: ["GavelCore", "GavelTerminalText", "CNCurses"]),
        // The session's events and notes in SQLite (GRDB).
        .target(name: "GavelStore", dependencies: [
            "GavelCore", .product(name: "GRDB", package: "GRDB.swift"),
            // sqlite3_file_control, to keep SQLite from deleting log files by name (SessionFiles).
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // The C shim over libqrencode (Debian's libqrencode-dev); only GavelWeb's QR encoder imports it.
        .target(name: "CQREncode", linkerSettings: [.linkedLibrary("qrencode")]),
        // The web companion: speaker, notes and chair-remote pages and the JSON feed, over its own
        // connection to the session file (Hummingbird 2); QR codes of the links.
        .target(name: "GavelWeb", dependencies: [
            "GavelCore", "GavelStore", "CQREncode",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
        // Summaries of slots and of the whole microconference in Markdown, MediaWiki, JSON and text.
        .target(name: "GavelSummary", dependencies: ["GavelCore", "GavelTerminalText"]),
        // Planning a track from submissions; importing frab XML and iCalendar; exporting iCalendar.
        .target(name: "GavelSchedule", dependencies: ["GavelCore", "GavelTerminalText"]),
        .executableTarget(
            name: "gavel",
            dependencies: [
                "GavelCore", "GavelTerminalText", "GavelTUI", "GavelStore", "GavelSummary", "GavelSchedule", "GavelWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Test doubles (a manual clock, a log in memory, a terminal in memory) and the seeded
        // generator every property, fuzz and hardening test draws from.
        .target(name: "GavelTestSupport", dependencies: ["GavelCore", "GavelTUI"], path: "Tests/GavelTestSupport"),
        .testTarget(name: "GavelCoreTests", dependencies: ["GavelCore", "GavelTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "GavelTerminalTextTests", dependencies: ["GavelTerminalText", "GavelCore"]),
        .testTarget(name: "GavelTUITests", dependencies: ["GavelTestSupport", "GavelTUI", "GavelCore"], exclude: ["__Snapshots__", "Corpus"]),
        .testTarget(name: "GavelStoreTests", dependencies: ["GavelTestSupport", "GavelStore", "GavelCore"]),
        .testTarget(name: "GavelWebTests", dependencies: [
            "GavelTestSupport", "GavelWeb", "GavelStore", "GavelCore",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
        .testTarget(name: "GavelSummaryTests", dependencies: ["GavelTestSupport", "GavelSummary", "GavelCore"], exclude: ["Golden"]),
        .testTarget(name: "GavelScheduleTests", dependencies: ["GavelTestSupport", "GavelSchedule", "GavelCore"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
