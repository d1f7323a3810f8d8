import ArgumentParser
import Foundation
import GavelCore
import GavelTerminalText
import GavelSchedule

/// `gavel plan SUBMISSIONS [-o AGENDA]`: from the call for proposals to an agenda.
struct PlanTrack: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan a track from its submissions: trade-offs, slots by category, busy times.",
        discussion: """
        Reads a submissions file (TOML: title, slot_length, slots, min_topic, [[submission]] with \
        title, speakers, category, kind; optional [[busy]] with speaker, from, to; optional \
        [categories] slot titles). Prints the trade-off table (take all, or reject or demote some \
        talks: the minutes each discussion gets), the proposed agenda, one line for each choice, \
        and every busy time it could not avoid. Deterministic: the same file gives the same plan. \
        -o writes the agenda as a file `gavel check` accepts. A bad file: FILE:LINE: message, exit 65.
        """
    )

    @Argument(help: "The submissions file (TOML).")
    var submissions: String

    @Option(name: [.short, .customLong("output")], help: "Write the proposed agenda to this file.")
    var output: String?

    @Flag(help: "Make room by turning talks into lightning talks instead of rejecting them.")
    var demote = false

    func run() throws {
        let input: Submissions
        do {
            input = try SubmissionsParser.load(path: submissions)
        } catch {
            Console.error(error.diagnostics)
            throw ExitCode(65)
        }
        let plan = Planner.plan(input, demote: demote)
        // Titles, speakers and reasons come from the submissions file: shown, never obeyed.
        Console.out(PlanReport.render(plan, input))
        guard let output else { return }
        guard !plan.agenda.slots.isEmpty else {
            Console.error("\(output): not written: the plan has no slots")
            throw ExitCode(1)
        }
        let text = AgendaWriter.toml(plan.agenda, header: [
            "Planned by `gavel plan \((submissions as NSString).lastPathComponent)`; edit freely, then `gavel check` it.",
        ])
        try ScheduleOutput.write(text, to: output, verifyAgenda: true)
        Console.error("wrote \(output)")
    }
}
