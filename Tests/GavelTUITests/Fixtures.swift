import Foundation
import GavelCore
@testable import GavelTUI

/// The example microconference with a manual clock, for tests that drive the front.
struct Fixture {
    let clock: ManualClock
    let live: LiveSession
    let model: AppModel
    var effects: [Session.Effect] { collected.effects }
    let collected: Collected

    final class Collected: @unchecked Sendable { var effects: [Session.Effect] = [] }

    /// 2012-08-29 17:00:00 UTC (10:00 in San Diego).
    static let start = Date(timeIntervalSince1970: 1_346_259_600)

    static func agenda() throws -> Agenda {
        try AgendaParser.parse(BundledExample.source, file: BundledExample.fileName).agenda
    }

    init(view: ViewKind = .chair, readOnly: Bool = false, theme: Theme? = nil, log: SessionLog = MemoryLog()) throws {
        clock = ManualClock(Self.start)
        live = try LiveSession(agenda: try Self.agenda(), log: log, clock: clock, author: "tester")
        let collected = Collected()
        self.collected = collected
        let catalog = ThemeCatalog(userDirectory: nil)
        model = AppModel(live: live, view: view, readOnly: readOnly, theme: try theme ?? catalog.load("default"),
                         themeNames: catalog.names(), loadTheme: { try? catalog.load($0) },
                         onEffects: { collected.effects += $0; return nil })
    }

    func press(_ keys: Key...) {
        for key in keys { _ = model.handle(.key(key)) }
    }

    func render(width: Int = 80, height: Int = 24) -> Buffer {
        Screen.render(model.frame(width: width, height: height))
    }
}

/// A log whose writes fail, like a full disk.
final class FailingLog: SessionLog {
    var failing = false
    private let inner = MemoryLog()
    struct DiskFull: Error, CustomStringConvertible { var description: String { "No space left on device" } }
    func append(_ event: SessionEvent) throws {
        if failing { throw DiskFull() }
        try inner.append(event)
    }
    func newEvents() throws -> [SessionEvent] { try inner.newEvents() }
    func saveDraft(_ text: String, by: String) throws {
        if failing { throw DiskFull() }
        try inner.saveDraft(text, by: by)
    }
    func loadDraft(by: String) throws -> String? { try inner.loadDraft(by: by) }
    var changeDescriptor: Int32? { nil }
    func acknowledgeChange() {}
}
