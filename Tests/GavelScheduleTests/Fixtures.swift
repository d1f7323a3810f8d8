import Foundation
import GavelCore

/// Paths of the fixture files beside these tests and of the repository's examples.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    static func example(_ name: String) -> String { repository.appendingPathComponent("examples").appendingPathComponent(name).path }

    static func zone(_ name: String) -> TimeZone {
        TimeZone(identifier: name) ?? TimeZone(secondsFromGMT: 0) ?? .current
    }

    static func date(_ local: String, _ zoneName: String) -> Date {
        LocalTime.parse(local, zone: zone(zoneName)) ?? .distantPast
    }
}
