import ArgumentParser
import Foundation
import GavelCore
import GavelStore
import GavelTerminalText
import GavelSummary
import GavelTUI
import GavelWeb

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

    /// The terminal device of standard input (`/dev/pts/3`), or empty.
    static var terminalDevice: String {
        guard let name = ttyname(STDIN_FILENO) else { return "" }
        return String(cString: name)
    }

    static func fail(_ message: String, code: CLIError.Code) -> CLIError { CLIError(message, code: code) }

    /// Runs a view in `role`. Everything that can fail (the agenda, the theme, the slot, the
    /// session file, the terminal) is checked before anything is recorded: a launch that fails
    /// leaves the session exactly as it was for every other view.
    static func launch(agendaPath: String, sessionPath: String?, view: ViewKind, role: Role,
                       slot: String?, theme themeName: String?, by: String?, startTopic: Bool = false,
                       summaryMode: SummaryFileMode = .private, serve: WebServer.Listen? = nil) throws {
        var agenda: Agenda
        do {
            agenda = try AgendaLoading.load(agendaPath).agenda
        } catch {
            throw CLIError("", code: .dataError)
        }
        let catalog = ThemeCatalog()
        var theme: Theme
        do {
            theme = try catalog.initial(requested: themeName)
        } catch {
            Console.error(error.diagnostics)
            throw CLIError("", code: .dataError)
        }
        if let slot, agenda.slot(id: slot) == nil {
            throw fail("\(agendaPath): no slot \"\(slot)\"; its slots are: \(agenda.slots.map(\.id).joined(separator: ", "))", code: .usage)
        }
        let author = by ?? loginName
        let log: SessionLog
        do {
            // A writer's check of every page runs while the first frame is drawn; nothing is
            // written before it is done, and a damage it finds ends the view.
            log = try SessionStore(path: SessionOpening.path(agendaPath: agendaPath, sessionPath: sessionPath),
                                   readOnly: !role.records,
                                   view: ViewIdentity(author: author, role: role, terminal: terminalDevice),
                                   options: .init(pageCheck: .beforeFirstWrite))
        } catch let error as SessionStoreError {
            throw fail("cannot open the session: \(error)", code: CLIError.code(for: error))
        } catch {
            throw fail("cannot open the session: \(error)", code: .ioError)
        }
        // Times the agenda gives without a zone are read in the session's zone, the one it was made
        // in: a view under another TZ shows them, it does not move them.
        var zoneNote: String?
        if !agenda.namesTimeZone, let store = log as? SessionStore, let id = store.timeZoneIdentifier, let zone = TimeZone(identifier: id),
           zone.identifier != agenda.timeZone.identifier, let again = try? AgendaParser.load(path: agendaPath, defaultTimeZone: zone) {
            agenda = again.agenda
            if agenda.timeZone.identifier == zone.identifier {
                zoneNote = "times are in \(zone.identifier), the session's zone (this terminal's is \(TimeZone.current.identifier))"
            }
        }
        let live: LiveSession
        // A view that records nothing at launch draws its first frame from what that frame needs
        // of the log (the note being edited in its draft included), then reads the rest.
        let firstFrameFirst = slot == nil && !(startTopic && role.steers)
        let claimed: Result<Draft?, any Error>? = firstFrameFirst && role.writesNotes ? Result { try log.claimDraft() } : nil
        do {
            let clock = SystemClock()
            if firstFrameFirst {
                let draftNote = (try? claimed?.get())??.editing?.noteID
                live = try LiveSession.opening(agenda: agenda, log: log, clock: clock, author: author, role: role,
                                               draftNote: draftNote, at: clock.now())
            } else {
                live = try LiveSession(agenda: agenda, log: log, clock: clock, author: author, role: role)
            }
        } catch let error as SessionStoreError {
            throw fail("cannot read the session: \(error)", code: CLIError.code(for: error))
        } catch {
            throw fail("cannot read the session: \(error)", code: .ioError)
        }

        // The web companion, on its own session connection and threads: never the console's.
        let web = try serve.map {
            try WebServing.start(agenda: agenda, agendaPath: agendaPath, sessionPath: SessionOpening.path(agendaPath: agendaPath, sessionPath: sessionPath),
                                 listen: $0, theme: theme)
        }
        defer { web?.stop() }

        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal()
        } catch {
            throw fail(error.description, code: .osError)
        }
        // Only now, with a screen to show it on, is what the launch asks for recorded.
        if !firstFrameFirst {
            do {
                try log.checkBeforeWriting()
            } catch {
                terminal.close()
                throw fail("cannot open the session: \(error)", code: (error as? SessionStoreError).map(CLIError.code(for:)) ?? .ioError)
            }
        }
        do {
            let now = live.clock.now()
            if let slot, role.steers, live.session.currentSlotID(at: now) != slot {
                _ = try live.perform(.openSlot(slot), at: now)
            }
            if startTopic, role.steers { try live.startCurrentTopic(at: now) }
        } catch {
            terminal.close()
            throw fail("cannot record in the session: \(error)", code: .ioError)
        }
        if terminal.colors == 0 { theme = Theme.mono }
        let model = AppModel(
            live: live, view: view, theme: theme, themeNames: catalog.names(),
            glyphs: terminal.unicode ? .unicode : .ascii,
            loadTheme: { name in try? catalog.load(name) },
            effects: role.records ? Self.summaryWriter(agendaPath: agendaPath, mode: summaryMode, log: log, steers: role.steers) : CollectingSink()
        )
        if let claimed { model.restoreDraft(claimed) }
        if let zoneNote { model.state.message = .init(zoneNote, isError: false) }
        // The agenda is read again when its file changes (a title filled in, a topic renamed).
        model.agendaSource = AgendaFile(path: agendaPath, zone: agenda.timeZone)
        model.announceOrphans()
        if role == .chair, let store = log as? SessionStore { model.webLinks = { LinksCommand.codes(store) } }
        let app = App(model: model, terminal: terminal)
        let exit = app.run()
        terminal.close()
        if case .failed = exit, let error = app.failure {
            throw fail("cannot open the session: \(error)", code: (error as? SessionStoreError).map(CLIError.code(for:)) ?? .ioError)
        }
        // What the session store did by itself and the views did not show (permissions tightened,
        // log files rebuilt), said once the screen is back.
        if let store = log as? SessionStore {
            while let notice = store.takeNotice() { Console.error("gavel: " + notice) }
        }
        if case .signal(let number) = exit { throw ExitCode(128 + number) }
    }
}

extension ViewLauncher {
    /// The summaries of a view that records, with the permissions `--summary-mode` gives them; once a
    /// slot's summary is written, the session file is checkpointed, so a copy of it alone (a backup,
    /// the file handed to a co-chair) holds the whole slot.
    static func summaryWriter(agendaPath: String, mode: SummaryFileMode, log: SessionLog, steers: Bool) -> SummaryWriter {
        let checkpoint = (log as? SessionStore)?.backgroundCheckpoint
        return SummaryWriter(agendaPath: agendaPath, mode: mode, steers: steers) { ended in
            if ended { checkpoint?.run() }
        }
    }
}

extension ViewKind: ExpressibleByArgument {}
