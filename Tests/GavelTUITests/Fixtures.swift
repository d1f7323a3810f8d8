import Foundation
import GavelCore
import GavelTestSupport
@testable import GavelTUI

/// The example microconference with a manual clock, for tests that drive the front.
struct Fixture {
    let clock: ManualClock
    let live: LiveSession
    let model: AppModel
    let log: MemoryLog
    var effects: [Session.Effect] { sink.effects }
    let sink = CollectingSink()

    /// 2012-08-29 17:00:00 UTC (10:00 in San Diego).
    static let start = Date(timeIntervalSince1970: 1_346_259_600)

    static func agenda() throws -> Agenda {
        try AgendaParser.parse(BundledExample.source, file: BundledExample.fileName).agenda
    }

    /// A view in `role` (`readOnly`: the speaker's) on `log` (a fresh session unless given), by
    /// `author`, at `clock` (a fresh one at `start` unless given).
    init(view: ViewKind = .chair, readOnly: Bool = false, role: Role? = nil, theme: Theme? = nil, log: MemoryLog? = nil,
         author: String = "tester", clock: ManualClock? = nil, glyphs: Glyphs = .unicode, agenda: Agenda? = nil) throws {
        self.clock = clock ?? ManualClock(Self.start)
        let log = log ?? MemoryLog()
        self.log = log
        let role = role ?? (readOnly ? .speaker : .chair)
        live = try LiveSession(agenda: try agenda ?? Self.agenda(), log: log, clock: self.clock, author: author, role: role)
        let catalog = ThemeCatalog(userDirectory: nil)
        model = AppModel(live: live, view: view, theme: try theme ?? catalog.load("default"),
                         themeNames: catalog.names(), glyphs: glyphs, loadTheme: { try? catalog.load($0) },
                         effects: sink)
    }

    /// Another view on the same session (another process): its own log on the same storage.
    func other(view: ViewKind = .chair, role: Role = .chair, author: String = "other") throws -> Fixture {
        try Fixture(view: view, role: role, log: MemoryLog(storage: log.storage, view: author + "-" + role.rawValue),
                    author: author, clock: clock)
    }

    func press(_ keys: Key...) {
        for key in keys { model.handle(.key(key)) }
    }

    func render(width: Int = 80, height: Int = 24) -> Buffer {
        model.render(width: width, height: height)
    }
}
