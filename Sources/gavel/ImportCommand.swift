import ArgumentParser
import Foundation
import GavelCore
import GavelTerminalText
import GavelSchedule

/// `gavel import FILE`: a published schedule (frab XML or iCalendar) to an agenda.
struct ImportSchedule: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Make an agenda from a published schedule: frab/pentabarf XML or iCalendar (.ics).",
        discussion: """
        The events of one room on one day become topics; a gap of --gap or more between two \
        events starts a new slot; lightning event types become lightning topics. A day is the \
        file's own conference day (frab <day>, which may run past midnight), else the date in \
        the agenda's time zone. When the file has several rooms or days and --room/--date/--day \
        do not choose one, the rooms and days are listed with their event counts (exit 2). \
        Each topic keeps its published start (start = "10:30") and its source (ref = \
        "frab:GUID" or "ics:UID", event_id, url). An event with a start and no end takes no \
        time: it ends the slot and becomes a note on the next topic. Events that overlap in the \
        room become separate slots. An event that cannot be read is skipped with a FILE:LINE \
        warning. Times without a zone are wall times in --timezone (labelled, never converted); \
        when the file names no zone and --timezone is not given the zone is a guess, said here \
        and by `gavel check` until timezone_guess is removed from the agenda. Files written by \
        `gavel export` come back as the same agenda (less private notes). The agenda is printed \
        as TOML, or written with -o. A file that cannot be read: FILE:LINE: message, exit 65.
        """
    )

    @Argument(help: "The schedule: frab XML (schedule.xml) or iCalendar (.ics).")
    var file: String

    @Option(help: "The room to import (as the file names it; case does not matter).")
    var room: String?

    @Option(help: "The day to import, YYYY-MM-DD.")
    var date: String?

    @Option(help: "The day to import by number (1 = the file's first day).")
    var day: Int?

    @Option(help: "Only events of this track (category).")
    var track: String?

    @Option(help: "A gap this long or longer between events starts a new slot.")
    var gap: String = "10m"

    @Option(help: "The zone of times the file gives without one (IANA or Windows name, e.g. Europe/Brussels).")
    var timezone: String?

    @Option(name: [.short, .customLong("output")], help: "Write the agenda to this file instead of printing it.")
    var output: String?

    func validate() throws {
        if date != nil, day != nil { throw ValidationError("give --date or --day, not both") }
        if let date, LocalTime.parse("\(date)T00:00", zone: TimeZone(identifier: "UTC") ?? .current) == nil {
            throw ValidationError("--date must be YYYY-MM-DD, e.g. 2024-02-03")
        }
        if let day, day < 1 { throw ValidationError("--day counts from 1") }
        if case .failure(let e) = DurationText.seconds(gap) { throw ValidationError("--gap: \(e.message)") }
        if let timezone, ScheduleReading.zone(named: timezone) == nil {
            throw ValidationError("--timezone: unknown time zone \"\(timezone)\"; use an IANA name such as Europe/Brussels")
        }
    }

    func run() throws {
        let zone = timezone.flatMap { ScheduleReading.zone(named: $0) }
        let schedule: ScheduleFile
        do {
            schedule = try ScheduleReading.read(path: file, fallbackZone: zone)
        } catch {
            Console.error(error.diagnostics)
            throw ExitCode(65)
        }
        Console.error(schedule.warnings)
        if let zone, let named = schedule.timeZone, schedule.zoneGuess == nil, named.identifier != zone.identifier {
            Console.error("\(file): the file names its zone, \(named.identifier); --timezone \(zone.identifier) only labels times given without one")
        }
        let gapSeconds = (try? DurationText.seconds(gap).get()) ?? 600
        let options = ScheduleImport.Options(room: room, date: date, day: day, track: track, gap: gapSeconds, timeZone: zone)
        var notices: [Diagnostic] = []
        let outcome = ScheduleImport.run(schedule, options: options, notices: &notices)
        Console.error(notices)
        switch outcome {
        case .choose(let listing):
            FileHandle.standardError.write(Data(TerminalText.escapedLines(listing.render()).utf8))
            throw ExitCode(2)
        case .agenda(let agenda):
            if let guess = agenda.timeZoneGuess {
                Console.error("\(file): the time zone \(agenda.timeZone.identifier) is a guess (\(guess)); pass --timezone, or set timezone in the agenda and remove timezone_guess")
            }
            let text = AgendaWriter.toml(agenda, header: ["Imported by `gavel import \((file as NSString).lastPathComponent)`."])
            if let output {
                try ScheduleOutput.write(text, to: output, verifyAgenda: true)
                Console.out(PlanTable.render(agenda))
                Console.error("wrote \(output)")
            } else {
                print(text, terminator: "")
            }
        }
    }
}
