import Foundation
import GavelCore

/// The formats a summary can be written in.
public enum SummaryFormat: String, Sendable, CaseIterable {
    case markdown
    case mediawiki
    case json
    case text

    /// A slot's summary at `now`, or nil when the agenda has no slot `id`.
    public func slot(_ session: Session, id: String, at now: Date) -> String? {
        guard let slot = SummaryBuilder.slot(session, id: id, at: now) else { return nil }
        return render(slot, context: SummaryBuilder.context(session, at: now))
    }

    /// The whole microconference at `now`.
    public func day(_ session: Session, at now: Date) -> String {
        render(SummaryBuilder.day(session, at: now))
    }

    public func render(_ slot: SlotSummary, context: SummaryContext) -> String {
        String(decoding: renderBytes(slot, context: context), as: UTF8.self)
    }

    public func render(_ day: DaySummary) -> String {
        String(decoding: renderBytes(day), as: UTF8.self)
    }

    /// `render` as UTF-8 bytes, for a file or a pipe: the text of a whole conference's summary is
    /// tens of megabytes, and making a String of it checks every byte again.
    public func renderBytes(_ slot: SlotSummary, context: SummaryContext) -> [UInt8] {
        var layout: SummaryDocument?
        return renderBytes(slot, context: context, keepingLayout: &layout)
    }

    public func renderBytes(_ day: DaySummary) -> [UInt8] {
        var layout: SummaryDocument?
        return renderBytes(day, keepingLayout: &layout)
    }

    /// `renderBytes`, handing the laid-out document back rather than taking it apart: a process
    /// about to exit keeps it (freeing the layout of a whole day's notes, one object at a time,
    /// was a tenth of the index summary's time). JSON is written without one.
    public func renderBytes(_ slot: SlotSummary, context: SummaryContext, keepingLayout layout: inout SummaryDocument?) -> [UInt8] {
        switch self {
        case .json: return JSONRenderer.slot(slot, context: context)
        default:
            layout = SummaryLayout.slot(slot, context: context)
            return spell(layout!)
        }
    }

    public func renderBytes(_ day: DaySummary, keepingLayout layout: inout SummaryDocument?) -> [UInt8] {
        switch self {
        case .json: return JSONRenderer.day(day)
        default:
            layout = SummaryLayout.day(day)
            return spell(layout!)
        }
    }

    func spell(_ document: SummaryDocument) -> [UInt8] {
        switch self {
        case .markdown: MarkdownRenderer.render(document)
        case .mediawiki: MediaWikiRenderer.render(document)
        case .text: Array(PlainTextRenderer.render(document).utf8)
        case .json: []
        }
    }
}
