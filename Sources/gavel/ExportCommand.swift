import ArgumentParser
import Foundation
import GavelCore
import GavelTerminalText
import GavelSchedule
import GavelStore

/// `gavel export AGENDA`: the planned schedule, or (`--actual`) what happened, as iCalendar,
/// frab XML, JSON or CSV.
struct ExportAgenda: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case ics, frab, json, csv
    }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the agenda, or with --actual what happened, as iCalendar, frab XML, JSON or CSV.",
        discussion: """
        Planned: each topic at its published start, else where its slot's topics laid end to end \
        put it. A calendar or frab file needs times: a slot without a start is an error unless \
        --start is given, which starts the first slot without a start there and each later one \
        where the previous slot ends. `gavel import` of an ics export gives back the same agenda. \
        --actual reads the session (STEM.gavel beside the agenda, or --session PATH) without \
        changing it and writes, for each topic held, its source ref, planned start and length, \
        actual start and end with every start and stop, and the overrun, in local time and UTC: \
        frab events carry the actual start and duration, so tools that read the published \
        schedule read the real one; importing the export gives the actual times as the \
        schedule. The agenda's private notes are never exported. DTSTAMP (and nothing else) \
        depends on --stamp: by default SOURCE_DATE_EPOCH, else the last session event \
        (--actual), else the agenda file's modification time, so two exports are identical.
        """
    )

    @Argument(help: "The agenda file (TOML).")
    var agenda: String

    @Option(help: "ics (calendars), frab (schedule XML), json (scripts; see the README), csv (spreadsheets).")
    var format: Format = .ics

    @Flag(help: "What happened, from the session, instead of the plan.")
    var actual = false

    @Option(help: "The session file for --actual (default: beside the agenda, with the extension .gavel).")
    var session: String?

    @Option(help: "Where slots without a start begin, e.g. 2012-08-29T09:00 (in the agenda's time zone).")
    var start: String?

    @Option(help: "The iCalendar DTSTAMP: now, or a date and time such as 2024-02-03T12:00 (in the agenda's zone).")
    var stamp: String?

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
        var scheduled = loaded
        switch ICalendarWriter.scheduled(loaded, firstStart: firstStart) {
        case .success(let a): scheduled = a
        case .failure(let failure):
            // JSON and CSV can say a planned start is unknown, and actual times need none; a
            // planned calendar or schedule does.
            if !actual, format == .ics || format == .frab {
                Console.error("\(agenda): \(failure.description)")
                throw ExitCode(65)
            }
        }
        let export: ScheduleExport
        if actual {
            let times = try readActual(scheduled)
            if !times.topics.values.contains(where: \.held) {
                Console.error("\(agenda): no topic has been held in the session yet; the export lists none")
            }
            export = .actual(scheduled, times: times, stamp: try stampDate(zone: loaded.timeZone, lastEvent: times.lastEvent))
        } else {
            export = .planned(scheduled, stamp: try stampDate(zone: loaded.timeZone, lastEvent: nil))
        }
        let text: String
        switch format {
        case .ics: text = ICalendarWriter.ics(export)
        case .frab: text = FrabWriter.xml(export)
        case .json: text = ScheduleTables.json(export)
        case .csv: text = ScheduleTables.csv(export)
        }
        if let output {
            try ScheduleOutput.write(text, to: output, verifyAgenda: false)
            Console.error("wrote \(output)")
        } else {
            print(text, terminator: "")
        }
    }

    /// The session's events, replayed: read-only, the file never changed.
    func readActual(_ agenda: Agenda) throws -> ActualTimes {
        let path = SessionOpening.path(agendaPath: self.agenda, sessionPath: session)
        guard FileManager.default.fileExists(atPath: path) else {
            Console.error("gavel: \(path): no session file; --actual needs the session the track was run with (--session PATH)")
            throw ExitCode(66)
        }
        let events: [SessionEvent]
        do {
            let store = try SessionStore(path: path, readOnly: true)
            events = try store.newEvents()
        } catch {
            Console.error("gavel: cannot read the session: \(error)")
            throw ExitCode(1)
        }
        let now = Date()
        var times = ActualTimes(agenda: agenda, events: events, asOf: now)
        // A finished record is described as of its last event, so two exports of it are the same.
        if let last = times.lastEvent, !times.topics.values.contains(where: { $0.intervals.contains(where: \.open) }) {
            times = ActualTimes(agenda: agenda, events: events, asOf: last)
        }
        return times
    }

    func stampDate(zone: TimeZone, lastEvent: Date?) throws -> Date {
        if let stamp {
            if stamp == "now" { return Date() }
            guard let d = LocalTime.parse(stamp, zone: zone) else {
                throw ValidationError("--stamp must be now or a date and time such as 2024-02-03T12:00")
            }
            return d
        }
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = TimeInterval(epoch) {
            return Date(timeIntervalSince1970: seconds)
        }
        if let lastEvent { return Date(timeIntervalSince1970: lastEvent.timeIntervalSince1970.rounded(.down)) }
        let modified = (try? FileManager.default.attributesOfItem(atPath: agenda)[.modificationDate]) as? Date
        return Date(timeIntervalSince1970: (modified ?? Date(timeIntervalSince1970: 0)).timeIntervalSince1970.rounded(.down))
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
