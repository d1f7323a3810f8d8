import ArgumentParser
import Foundation
import GavelCore
import GavelTUI

/// Opens one of the views on an agenda's session in this terminal and runs it until the user
/// quits. `gavel run`, `gavel demo`, `gavel speaker` and `gavel notes` are thin wrappers of it.
enum ViewLauncher {
    /// The name notes are recorded under when `--by` is not given: the login name.
    static var loginName: String {
        let env = ProcessInfo.processInfo.environment
        if let user = env["USER"] ?? env["LOGNAME"], !user.isEmpty { return user }
        let name = NSUserName()
        return name.isEmpty ? "chair" : name
    }

    static func fail(_ message: String, code: Int32) -> ExitCode {
        FileHandle.standardError.write(Data(("gavel: " + message + "\n").utf8))
        return ExitCode(code)
    }

    static func launch(agendaPath: String, sessionPath: String?, view: ViewKind, readOnly: Bool,
                       slot: String?, theme themeName: String?, by: String?, startTopic: Bool = false) throws {
        let agenda = try AgendaLoading.load(agendaPath).agenda
        let catalog = ThemeCatalog()
        var theme: Theme
        do {
            theme = try catalog.initial(requested: themeName)
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(65)
        }
        if let slot, agenda.slot(id: slot) == nil {
            throw fail("\(agendaPath): no slot \"\(slot)\"; its slots are: \(agenda.slots.map(\.id).joined(separator: ", "))", code: 64)
        }
        let log: SessionLog
        do {
            log = try SessionOpening.open(agendaPath: agendaPath, sessionPath: sessionPath, readOnly: readOnly)
        } catch let error as ExitCode {
            throw error
        } catch {
            throw fail("cannot open the session: \(error)", code: 1)
        }
        let author = by ?? loginName
        let live: LiveSession
        do {
            live = try LiveSession(agenda: agenda, log: log, clock: SystemClock(), author: author)
            if let slot, !readOnly, live.session.currentSlotID(at: live.now) != slot {
                try live.perform(.openSlot(slot))
            }
            if startTopic, !readOnly { try live.startCurrentTopic() }
        } catch {
            throw fail("cannot read the session: \(error)", code: 1)
        }

        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal()
        } catch {
            throw fail(error.description, code: 1)
        }
        if terminal.colors == 0 { theme = Theme.mono }
        let model = AppModel(
            live: live, view: view, readOnly: readOnly, theme: theme, themeNames: catalog.names(),
            loadTheme: { name in try? catalog.load(name) },
            onEffects: { effects in SummaryHook.perform(effects, live: live, agendaPath: agendaPath) }
        )
        let app = App(model: model, terminal: terminal)
        let exit = app.run()
        terminal.close()
        if case .signal(let number) = exit { throw ExitCode(128 + number) }
    }
}

extension ViewKind: ExpressibleByArgument {}
