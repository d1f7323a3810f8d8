import Foundation
import GavelCore
@testable import GavelSchedule
import Testing

/// What every schedule input must satisfy, accepted or not: no crash; a refusal names the file
/// (and a line inside it); an accepted file imports, and an imported agenda is one `gavel check`
/// reads back.
enum ScheduleFuzzCheck {
    /// Returns whether the file was accepted, so a suite can tell it tried both paths.
    @discardableResult
    static func read(_ bytes: [UInt8], file: String) -> Bool {
        let schedule: ScheduleFile
        do {
            schedule = try ScheduleReading.read(Data(bytes), file: file, fallbackZone: TimeZone(identifier: "UTC"))
        } catch {
            #expect(FuzzMutator.checkNames(error.diagnostics, file: file, input: bytes), "\(error.description)")
            return false
        }
        if !schedule.warnings.isEmpty {
            #expect(FuzzMutator.checkNames(schedule.warnings, file: file, input: bytes), "\(schedule.warnings.prefix(3))")
        }
        for options in [ScheduleImport.Options(), ScheduleImport.Options(day: 1)] {
            switch ScheduleImport.run(schedule, options: options) {
            case .choose(let listing):
                #expect(!listing.render().isEmpty)
            case .agenda(let agenda):
                let text = AgendaWriter.toml(agenda)
                do {
                    _ = try AgendaParser.parse(text, file: "imported.toml", defaultTimeZone: TimeZone(identifier: "UTC") ?? .current)
                } catch {
                    Issue.record("the imported agenda does not read back: \(error.description)\n\(text)")
                }
            }
        }
        return true
    }
}
