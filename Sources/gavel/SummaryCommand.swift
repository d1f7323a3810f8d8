import ArgumentParser
import Foundation
import GavelCore
import GavelStore
import GavelTerminalText
import GavelSummary

/// `gavel summary AGENDA`: a slot's summary, or the whole microconference's, at any time.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print or write the summary of a slot or of the whole microconference.",
        discussion: """
        Reads the session (STEM.gavel beside the agenda, or --session PATH) without changing it \
        and prints the summary as it stands now: the whole microconference, or one slot with \
        --slot ID. Gavel also writes STEM-summary/SLOT-ID.md and STEM-summary/index.md by \
        itself when a slot ends. JSON's shape is documented in the README and stays stable.
        """
    )

    @Argument(help: "The agenda file (TOML).")
    var agenda: String

    @Option(help: "Only this slot (its id in the agenda).")
    var slot: String?

    @Option(help: "Markdown; MediaWiki for wikis; JSON for scripts; text for e-mail.")
    var format: SummaryFormat = .markdown

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of printing.")
    var output: String?

    @Option(help: "The session file (default: beside the agenda, with the extension .gavel).")
    var session: String?

    func run() throws {
        let agenda = try AgendaLoading.load(self.agenda).agenda
        if let slot, agenda.slot(id: slot) == nil {
            throw Self.fail("\(self.agenda): no slot \"\(slot)\"; its slots are: "
                                    + agenda.slots.map(\.id).joined(separator: ", "), code: 64)
        }
        let sessionPath = SessionOpening.path(agendaPath: self.agenda, sessionPath: session)
        var store: (any SessionLog)?
        var events: [SessionEvent] = []
        if FileManager.default.fileExists(atPath: sessionPath) {
            do {
                store = try SessionOpening.open(agendaPath: self.agenda, sessionPath: session, readOnly: true)
                events = try store?.newEvents() ?? []
            } catch {
                throw Self.fail("cannot read the session: \(error)", code: 1)
            }
        } else if session != nil {
            throw Self.fail("\(sessionPath): no such session file", code: 66)
        }
        // No session yet: the summary shows the plan.
        let folded = Session(agenda: agenda, events: events)
        let now = Date()
        // Bytes, not a String: a whole conference's summary is tens of megabytes, and a String of
        // it would check every byte again.
        let bytes: [UInt8]
        let model: Any
        var layout: SummaryDocument?
        if let slot {
            guard let slotModel = SummaryBuilder.slot(folded, id: slot, at: now) else {
                throw Self.fail("\(self.agenda): no slot \"\(slot)\"", code: 64)
            }
            bytes = format.renderBytes(slotModel, context: SummaryBuilder.context(folded, at: now), keepingLayout: &layout)
            model = slotModel
        } else {
            let dayModel = SummaryBuilder.day(folded, at: now)
            bytes = format.renderBytes(dayModel, keepingLayout: &layout)
            model = dayModel
        }
        if let output {
            do {
                try AtomicFile.write(bytes: bytes, to: output)
            } catch {
                throw Self.fail(error.description, code: 73)
            }
        } else if isatty(STDOUT_FILENO) == 1 {
            // On a terminal, a bidi override typed into a note must not reorder what follows it.
            Console.raw(TerminalText.escapedLines(String(decoding: bytes, as: UTF8.self)))
        } else {
            Console.raw(bytes: bytes)
        }
        CommandEnd.success(keeping: (store, events, folded, model, layout, bytes))
    }
}

extension SummaryCommand {
    static func fail(_ message: String, code: Int32) -> CLIError {
        CLIError(message, code: CLIError.Code(rawValue: code) ?? .software)
    }
}

extension SummaryFormat: ExpressibleByArgument {}
