import Foundation
import GavelCore
import GavelStore
import GavelTestSupport
@testable import GavelWeb

/// A folder that disappears with the test.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/gavel-web-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { "\(path)/\(name)" }
}

enum WebFixtures {
    static let t0 = Date(timeIntervalSince1970: 1_346_270_400)

    /// Two slots; the first has a talk, a talk whose title is markup, and a lightning talk.
    static let agenda = Agenda(
        title: "Virtualization <MC>", event: "LPC 2012", room: nil, timeZone: TimeZone(identifier: "UTC")!,
        defaults: Agenda.Defaults(topic: 20 * 60, lightning: 5 * 60, warn: [300, 120]),
        slots: [
            Slot(id: "x86", title: "x86", length: 45 * 60, topics: [
                Topic(id: "avic", title: "AMD's AVIC", speakers: ["Joerg Roedel"], length: 20 * 60),
                Topic(id: "markup", title: "<img src=x onerror=alert(1)>", speakers: [], length: 15 * 60),
                Topic(id: "lt", title: "Lightning", speakers: ["A", "B"], length: 5 * 60, kind: .lightning),
            ]),
            Slot(id: "mm", title: "Memory", length: 45 * 60, topics: [
                Topic(id: "numa", title: "NUMA", speakers: ["Dario"], length: 15 * 60),
            ]),
        ])

    /// A started hub on a fresh session file.
    static func hub(_ folder: TemporaryFolder, clock: ManualClock = ManualClock(t0)) throws -> SessionHub {
        let hub = try SessionHub(agenda: agenda, sessionPath: folder.file("track.gavel"), clock: clock)
        hub.start()
        return hub
    }

    /// Every event the session file holds, read by a connection of its own.
    static func events(_ folder: TemporaryFolder) throws -> [SessionEvent] {
        try SessionStore(path: folder.file("track.gavel")).newEvents()
    }

    static func json(_ text: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw CocoaError(.coderReadCorrupt)
        }
        return object
    }
}
