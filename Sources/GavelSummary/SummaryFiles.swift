import Foundation
import GavelCore

/// Where an agenda's summaries live: `STEM-summary/` beside `STEM.toml`, one `SLOT-ID.md` a slot
/// and `index.md` for the whole microconference. File names come only from slot ids, sanitised, and
/// the folder must be a real folder of the user's (`SummaryFolder`), so nothing is ever written
/// outside it. Files and folder are private (0600/0700) unless `mode` says otherwise.
public struct SummaryFiles: Sendable, Equatable {
    public let folder: String
    public let mode: SummaryFileMode

    public init(agendaPath: String, mode: SummaryFileMode = .private) {
        let url = URL(fileURLWithPath: agendaPath)
        let stem = url.deletingPathExtension().lastPathComponent
        folder = url.deletingLastPathComponent().appendingPathComponent(stem + "-summary").path
        self.mode = mode
    }

    public var indexPath: String { (folder as NSString).appendingPathComponent(SummaryFileName.index) }

    public func slotPath(_ slotID: String) -> String {
        (folder as NSString).appendingPathComponent(Self.fileName(slot: slotID))
    }

    /// `SLOT-ID.md`, sanitised (see `SummaryFileName`).
    public static func fileName(slot slotID: String) -> String { SummaryFileName.of(slot: slotID) }

    /// Writes the summary of each of `slots` and then the index, in Markdown, as they stand at
    /// `now`. Returns the paths written. Stops at the first failure, naming its path; whatever was
    /// written before it is complete, and calling again later writes everything afresh.
    @discardableResult
    public func write(_ session: Session, slots: [String], at now: Date) throws(SummaryWriteError) -> [String] {
        let target = try SummaryFolder(path: folder, mode: mode)
        var written: [String] = []
        for id in slots {
            guard let text = SummaryFormat.markdown.slot(session, id: id, at: now) else { continue }
            written.append(try target.write(text, named: Self.fileName(slot: id)))
        }
        written.append(try target.write(SummaryFormat.markdown.day(session, at: now), named: SummaryFileName.index))
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
