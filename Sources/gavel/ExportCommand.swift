import ArgumentParser
import Foundation
import GavelCore
import GavelTerminalText
import GavelSchedule

/// `gavel export AGENDA --format ics`: the agenda for attendees' calendars.
struct ExportAgenda: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case ics
    }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the agenda as iCalendar so attendees can put the track in their calendars.",
        discussion: """
        Each topic becomes an event at its planned time (topics of a slot follow one another from \
        the slot's start), in UTC with X-WR-TIMEZONE naming the agenda's zone. A calendar needs \
        times: a slot without a start is an error unless --start is given, which starts the first \
        slot without a start there and each later one where the previous slot ends. \
        `gavel import` of the file gives back the same agenda.
        """
    )

    @Argument(help: "The agenda file (TOML).")
    var agenda: String

    @Option(help: "The output format.")
    var format: Format = .ics

    @Option(help: "Where slots without a start begin, e.g. 2012-08-29T09:00 (in the agenda's time zone).")
    var start: String?

    @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.")
    var output: String?

    func run() throws {
        let loaded = try AgendaLoading.load(agenda).agenda
        var firstStart: Date?
        if let start {
            guard let d = LocalTime.parse(start, zone: loaded.timeZone) else {
                throw ValidationError("--start must be a date and time such as 2012-08-29T09:00")
            }
            firstStart = d
        }
        let text: String
        switch ICalendarWriter.scheduled(loaded, firstStart: firstStart).flatMap({ ICalendarWriter.ics($0, stamp: Date()) }) {
        case .success(let t): text = t
        case .failure(let failure):
            Console.error("\(agenda): \(failure.description)")
            throw ExitCode(65)
        }
        if let output {
            try ScheduleOutput.write(text, to: output, verifyAgenda: false)
            Console.error("wrote \(output)")
        } else {
            print(text, terminator: "")
        }
    }
}

/// Writing what plan, import and export produce.
enum ScheduleOutput {
    /// Writes `text` atomically; an agenda is first read back with `AgendaParser`, so a file
    /// `gavel check` would refuse is never written.
    static func write(_ text: String, to path: String, verifyAgenda: Bool) throws {
        if verifyAgenda {
            do {
                _ = try AgendaParser.parse(text, file: path)
            } catch {
                Console.error("\(path): not written, the agenda would not read back: \(error.description)")
                throw ExitCode(70)
            }
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            Console.error("\(path): cannot write: \(error.localizedDescription)")
            throw ExitCode(73)
        }
    }
}
