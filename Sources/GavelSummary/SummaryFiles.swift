import Foundation
import GavelCore

/// Where an agenda's summaries live: `STEM-summary/` beside `STEM.toml`, one `SLOT-ID.md` a slot
/// and `index.md` for the whole microconference. File names come only from slot ids, sanitised, so
/// nothing is ever written outside that folder.
public struct SummaryFiles: Sendable, Equatable {
    public let folder: String

    public init(agendaPath: String) {
        let url = URL(fileURLWithPath: agendaPath)
        let stem = url.deletingPathExtension().lastPathComponent
        folder = url.deletingLastPathComponent().appendingPathComponent(stem + "-summary").path
    }

    public var indexPath: String { (folder as NSString).appendingPathComponent("index.md") }

    public func slotPath(_ slotID: String) -> String {
        (folder as NSString).appendingPathComponent(Self.fileName(slot: slotID))
    }

    /// `SLOT-ID.md` with every character but ASCII letters, digits, `-` and `_` made `-` (no `.`,
    /// `/` or `\` survives), at most 64 of them; a slot whose name would be `index` (or nothing)
    /// gets a `slot-` prefix so it cannot replace the index.
    public static func fileName(slot slotID: String) -> String {
        var name = ""
        for scalar in slotID.unicodeScalars.prefix(64) {
            let c = Character(scalar)
            name.append(scalar.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_") ? c : "-")
        }
        if name.isEmpty || name.lowercased() == "index" { name = "slot-" + name }
        return name + ".md"
    }

    /// Writes the summary of each of `slots` and then the index, in Markdown, as they stand at
    /// `now`. Returns the paths written. Stops at the first failure, naming its path; whatever was
    /// written before it is complete, and calling again later writes everything afresh.
    @discardableResult
    public func write(_ session: Session, slots: [String], at now: Date) throws(SummaryWriteError) -> [String] {
        try AtomicFile.makeFolder(folder)
        var written: [String] = []
        for id in slots {
            guard let text = SummaryFormat.markdown.slot(session, id: id, at: now) else { continue }
            let path = slotPath(id)
            try AtomicFile.write(text, to: path)
            written.append(path)
        }
        try AtomicFile.write(SummaryFormat.markdown.day(session, at: now), to: indexPath)
        written.append(indexPath)
        return written
    }

    /// The slots whose summaries `effects` ask to (re)write, each once, in order.
    public static func slotsToWrite(_ effects: [Session.Effect]) -> [String] {
        var out: [String] = []
        for effect in effects {
            let id: String
            switch effect {
            case .slotEnded(let slot, _): id = slot
            case .summaryStale(let slot): id = slot
            }
            if !out.contains(id) { out.append(id) }
        }
        return out
    }
}
