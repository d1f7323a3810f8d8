import Foundation
import GavelCore
@testable import GavelSchedule
import Testing

@Suite struct PlannerTests {
    func example() throws -> Submissions {
        try SubmissionsParser.load(path: Fixtures.example("lpc2012-virt-submissions.toml"))
    }

    @Test func theExampleSubmissionsAreTheExampleTopics() throws {
        let submissions = try example()
        let agenda = try AgendaParser.load(path: Fixtures.example("lpc2012-virt.toml")).agenda
        #expect(submissions.entries.count == 17)
        for (_, topic) in agenda.allTopics {
            let match = submissions.entries.first { $0.id == topic.id }
            #expect(match?.title == topic.title, "\(topic.id)")
            #expect(match?.speakers == topic.speakers, "\(topic.id)")
            #expect(match?.kind == topic.kind, "\(topic.id)")
        }
        #expect(submissions.capacity == 270 * 60)
    }

    @Test func theExamplePlanGroupsLikeTheExampleAgenda() throws {
        let submissions = try example()
        let plan = Planner.plan(submissions)
        #expect(plan.rejected.isEmpty)
        #expect(plan.demoted.isEmpty)
        #expect(plan.agenda.slots.map(\.id) == ["x86", "mm", "arm", "security-storage", "networking"])
        #expect(plan.agenda.slots.map(\.title) == ["x86", "Memory management", "ARM", "Security and storage", "Networking"])
        #expect(plan.agenda.slots.map(\.length) == [45, 45, 45, 45, 90].map { $0 * 60 })
        let networking = try #require(plan.agenda.slot(id: "networking"))
        #expect(networking.topics.suffix(4).allSatisfy { $0.kind == .lightning })
        #expect(networking.topics.prefix(4).map(\.id) == ["vfio", "semi-assignment", "virtio-net-scaling", "overlays-migration"])
        #expect(plan.agenda.totalLength == 270 * 60)
        for slot in plan.agenda.slots {
            #expect(slot.plannedLength <= slot.length, "\(slot.id) overbooked")
            for topic in slot.topics where topic.kind == .talk {
                #expect(topic.length >= 15 * 60 && topic.length % 300 == 0, "\(topic.id): \(topic.length)")
            }
        }
        #expect(plan.reasons.contains { $0.contains("security + storage") && $0.contains("merged") })
        #expect(plan.reasons.contains { $0.contains("networking") && $0.contains("double slot") })
        #expect(plan.reasons.contains { $0.hasPrefix("lightning talks") && $0.contains("networking") })
        #expect(plan.tradeOffs.first?.label == "take all")
        #expect(plan.tradeOffs.first?.secondsPerTalk == 250 * 60 / 13)
    }

    @Test func thePlannedAgendaPassesCheckAndIsDeterministic() throws {
        let submissions = try example()
        let plan = Planner.plan(submissions)
        let text = AgendaWriter.toml(plan.agenda)
        let parsed = try AgendaParser.parse(text, file: "planned.toml")
        #expect(parsed.agenda == plan.agenda)
        #expect(parsed.warnings.isEmpty)
        let again = Planner.plan(try example())
        #expect(again.agenda == plan.agenda)
        #expect(PlanReport.render(again, submissions) == PlanReport.render(plan, submissions))
    }

    static let crowded = """
    title = "Crowded"
    timezone = "UTC"
    slot_length = "30m"
    slots = ["2024-01-01T09:00", "2024-01-01T09:30"]
    min_topic = "15m"
    [[submission]]
    title = "A1"
    category = "a"
    [[submission]]
    title = "A2"
    category = "a"
    [[submission]]
    title = "A3"
    category = "a"
    [[submission]]
    title = "B1"
    category = "b"
    [[submission]]
    title = "B2"
    category = "b"
    [[submission]]
    title = "C1"
    category = "c"
    """

    @Test func tooManyTalksRejectsFromTheBiggestCategoryLastSubmittedFirst() throws {
        let s = try SubmissionsParser.parse(Self.crowded, file: "crowded.toml")
        let plan = Planner.plan(s)
        #expect(plan.rejected.map(\.title) == ["A3", "B2"])
        let titles = plan.agenda.allTopics.map(\.topic.title)
        #expect(Set(titles) == ["A1", "A2", "B1", "C1"])
        #expect(plan.tradeOffs.first { $0.rejected == 2 }?.fits == true)
        #expect(plan.tradeOffs.first?.fits == false)
        // Down to what fits: 2 rejections (60 min / 4 talks = 15 min) or 3 demotions (45 min / 3 talks).
        #expect(plan.tradeOffs.map(\.label) == ["take all", "reject 1", "demote 1 to lightning", "reject 2", "demote 2 to lightning",
                                                 "reject 3", "demote 3 to lightning"])
        #expect(plan.tradeOffs.map(\.secondsPerTalk) == [600, 720, 660, 900, 750, 1200, 900])
        let demoted = Planner.plan(s, demote: true)
        #expect(demoted.rejected.isEmpty == false || demoted.demoted.isEmpty == false)
        for (_, t) in demoted.agenda.allTopics where t.kind == .talk { #expect(t.length >= 15 * 60) }
    }

    static let busy = """
    title = "Busy"
    timezone = "Europe/Paris"
    slot_length = "45m"
    slots = ["2024-01-01T09:00", "2024-01-01T10:00"]
    min_topic = "15m"
    [[submission]]
    title = "Talk of Ann"
    speakers = ["Ann"]
    category = "first"
    [[submission]]
    title = "Talk of Bob"
    speakers = ["Bob"]
    category = "second"
    [[submission]]
    title = "Other talk of Bob"
    speakers = ["Bob"]
    category = "second"
    [[busy]]
    speaker = "Ann"
    from = "2024-01-01T08:30"
    to = "2024-01-01T09:40"
    """

    @Test func busyTimesAreAvoidedByOrderingSlots() throws {
        let s = try SubmissionsParser.parse(Self.busy, file: "busy.toml")
        let plan = Planner.plan(s)
        #expect(plan.conflicts.isEmpty)
        #expect(plan.agenda.slots.first?.topics.first?.speakers == ["Bob"])
        #expect(plan.reasons.contains { $0.contains("every [[busy]] time avoided") })
    }

    @Test func anUnavoidableConflictIsNamed() throws {
        let text = Self.busy + """

        [[busy]]
        speaker = "Ann"
        from = "2024-01-01T09:40"
        to = "2024-01-01T11:00"
        """
        let s = try SubmissionsParser.parse(text, file: "busy.toml")
        let plan = Planner.plan(s)
        #expect(plan.conflicts.count == 1)
        #expect(plan.conflicts.first?.speaker == "Ann")
        #expect(plan.reasons.contains { $0.hasPrefix("unavoidable conflict: Ann is busy") && $0.contains("Talk of Ann") })
    }

    @Test func badSubmissionsAreReportedWithTheirLine() throws {
        let text = """
        title = "Bad"
        slot_length = "45m"
        slots = 2
        min_topic = "fifteen"
        [[submission]]
        title = "X"
        kind = "keynote"
        """
        do {
            _ = try SubmissionsParser.parse(text, file: "bad.toml")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.line) == [4, 7])
            #expect(error.description.contains("bad.toml:7: unknown kind \"keynote\""))
        }
    }
}

@Suite struct TimedPlannerTests {
    func example(slots: String, extra: String = "") throws -> Submissions {
        let text = try String(contentsOfFile: Fixtures.example("lpc2012-virt-submissions.toml"), encoding: .utf8)
            .replacingOccurrences(of: "slots = 6", with: "slots = \(slots)") + extra
        return try SubmissionsParser.parse(text, file: "timed.toml")
    }

    @Test func slotsGetTheirStartsAndABusySpeakerIsMovedWithinTheSlot() throws {
        let s = try example(slots: #"["2012-08-29T09:00", "2012-08-29T09:50", "2012-08-29T11:00", "2012-08-29T13:30", "2012-08-29T14:20", "2012-08-29T15:30"]"#,
                            extra: "\n[[busy]]\nspeaker = \"Alex Williamson\"\nfrom = \"2012-08-29T13:00\"\nto = \"2012-08-29T15:00\"\n")
        let plan = Planner.plan(s)
        #expect(plan.conflicts.isEmpty)
        #expect(plan.agenda.slots.map { $0.start.map { LocalTime.hhmm($0, zone: s.timeZone) } } == ["09:00", "09:50", "11:00", "13:30", "14:20"])
        let networking = try #require(plan.agenda.slot(id: "networking"))
        #expect(networking.topics.firstIndex { $0.id == "vfio" } == 3)
        #expect(plan.reasons.contains { $0.hasPrefix("networking: talks reordered") })
        #expect(try AgendaParser.parse(AgendaWriter.toml(plan.agenda), file: "p.toml").agenda == plan.agenda)
    }

    @Test func slotsFarApartMakeParts() throws {
        let s = try example(slots: #"["2012-08-29T08:00", "2012-08-29T10:00", "2012-08-29T12:00", "2012-08-29T14:00", "2012-08-29T16:00", "2012-08-29T18:00"]"#)
        let plan = Planner.plan(s)
        #expect(plan.agenda.slots.contains { $0.title == "Networking (part 1)" })
        #expect(plan.agenda.slots.contains { $0.title == "Networking (part 2)" })
        #expect(plan.reasons.contains { $0 == "networking: its slots are not adjacent, so it runs in 2 parts" })
        #expect(plan.agenda.slots.allSatisfy { $0.length == 45 * 60 && $0.plannedLength <= $0.length })
        for (_, t) in plan.agenda.allTopics where t.kind == .talk { #expect(t.length >= 15 * 60) }
    }
}
