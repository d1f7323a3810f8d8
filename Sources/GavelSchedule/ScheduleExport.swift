import Foundation
import GavelCore

/// The rows every export format writes: each topic with its slot, its planned start and length,
/// and (for `--actual`) what happened. The agenda's private `note` is not part of it, so no
/// format can leak it.
public struct ScheduleExport: Sendable {
    public struct Row: Sendable {
        public var slot: Slot
        public var topic: Topic
        public var room: String?
        /// Published start, else where the slot's topics laid end to end put it; nil when the
        /// slot has no start.
        public var plannedStart: Date?
        public var plannedSeconds: Int
        public var actual: ActualTimes.TopicTiming?
    }

    public enum Kind: String, Sendable { case planned, actual }

    public var agenda: Agenda
    public var kind: Kind
    public var rows: [Row]
    /// The instant the export describes (`--actual`), and the stamp written as DTSTAMP.
    public var asOf: Date?
    public var stamp: Date

    /// The planned schedule; slots need starts (see `ICalendarWriter.scheduled`).
    public static func planned(_ agenda: Agenda, stamp: Date) -> ScheduleExport {
        ScheduleExport(agenda: agenda, kind: .planned, rows: rows(agenda, actual: nil), asOf: nil, stamp: stamp)
    }

    /// What happened: only topics that were held (for a second or more, what the formats hold).
    public static func actual(_ agenda: Agenda, times: ActualTimes, stamp: Date) -> ScheduleExport {
        var export = ScheduleExport(agenda: agenda, kind: .actual, rows: [], asOf: times.asOf, stamp: stamp)
        export.rows = rows(agenda, actual: times).filter { $0.actual?.held == true && (export.shown($0)?.seconds ?? 0) > 0 }
        return export
    }

    static func rows(_ agenda: Agenda, actual: ActualTimes?) -> [Row] {
        var out: [Row] = []
        for slot in agenda.slots {
            var at = slot.start
            for topic in slot.topics {
                let start = topic.start ?? at
                out.append(Row(slot: slot, topic: topic, room: slot.room ?? agenda.room, plannedStart: start,
                               plannedSeconds: topic.length, actual: actual?.timing(slot: slot.id, topic: topic.id)))
                at = start.map { $0.addingTimeInterval(TimeInterval(topic.length)) }
            }
        }
        return out
    }

    /// The start and length a schedule format shows: the actual span when held, else the plan.
    func shown(_ row: Row) -> (start: Date, seconds: Int)? {
        if kind == .actual, let a = row.actual, let s = a.start, let e = a.end {
            let start = Self.whole(s)
            return (start, Int(Self.whole(e).timeIntervalSince(start)))
        }
        guard let s = row.plannedStart else { return nil }
        return (s, row.plannedSeconds)
    }

    /// Seconds are what the formats hold; fractions are dropped the same way everywhere.
    static func whole(_ d: Date) -> Date { Date(timeIntervalSince1970: d.timeIntervalSince1970.rounded(.down)) }

    /// `2012-08-29T09:00:12-07:00`.
    static func localTime(_ d: Date, zone: TimeZone) -> String {
        let w = whole(d)
        let offset = zone.secondsFromGMT(for: w)
        return LocalTime.format(w, zone: zone) + ISOTime.offsetText(offset)
    }

    /// `2012-08-29T16:00:12Z`.
    static func utcTime(_ d: Date) -> String {
        LocalTime.format(whole(d), zone: TimeZone(secondsFromGMT: 0) ?? .current) + "Z"
    }

    /// A stable identifier for a topic that has none from its source: the same agenda gives the
    /// same one every time (two FNV-1a hashes shaped as a UUID).
    static func stableUUID(_ text: String) -> String {
        func fnv(_ seed: UInt64) -> UInt64 {
            var h = seed
            for b in text.utf8 { h ^= UInt64(b); h = h &* 0x100_0000_01b3 }
            return h
        }
        let a = fnv(0xcbf2_9ce4_8422_2325), b = fnv(0x8422_2325_cbf2_9ce4)
        let hex = String(format: "%016llx%016llx", a, b)
        let c = Array(hex)
        return "\(String(c[0..<8]))-\(String(c[8..<12]))-8\(String(c[13..<16]))-\(String(c[16..<20]))-\(String(c[20..<32]))"
    }

    func guid(_ row: Row) -> String {
        if let ref = row.topic.ref, ref.hasPrefix("frab:") { return String(ref.dropFirst(5)) }
        return Self.stableUUID("gavel:\(agenda.title):\(row.slot.id):\(row.topic.id)")
    }
}
