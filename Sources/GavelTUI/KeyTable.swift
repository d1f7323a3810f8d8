/// Every request a user can make, listed once. The key table below binds them to keys per
/// context; dispatch, the legend bar and the `?` help overlay are all read from it.
public enum UserCommand: String, Sendable, Hashable, CaseIterable {
    case toggle, next, previous, moreTime, lessTime
    case focusNotes, pickSlot, endSlot, nextView, nextTheme, help, quit, undo, suspend, interrupt
    // Note line
    case saveNote, leaveNotes, selectEarlier, selectLater
    // A selected note
    case editNote, deleteNote, moveNote, deselect
    // Lists (slot picker, topic picker) and questions
    case listUp, listDown, choose, cancel, yes, no
}

/// Where keys are read: each context has its own bindings, and no key is bound twice in one.
public enum KeyContext: String, Sendable, Hashable, CaseIterable {
    /// The chair console with the keys focused.
    case chair
    /// The speaker view.
    case speaker
    /// The notes view after Esc: the next key is a command.
    case notesCommand
    /// Typing in the note line (chair console or notes view).
    case noteLine
    /// A note of the topic is selected in the note list.
    case selectedNote
    /// A list to pick from (slots, topics).
    case picker
    /// A yes/no question.
    case confirm
}

public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var command: UserCommand
    public var help: String
    public var contexts: Set<KeyContext>
    /// Shown in the legend bar (the rest only in `?`).
    public var inLegend: Bool
    /// Allowed in a read-only view (one that may not change the session).
    public var readOnlySafe: Bool

    /// The word in the legend bar.
    public var short: String { KeyTable.shortNames[command] ?? command.rawValue }

    /// How the legend and help name the keys: `Tab/i`.
    public var label: String { keys.map(\.description).joined(separator: "/") }
}

public enum KeyTable {
    static let timer: Set<KeyContext> = [.chair, .speaker, .notesCommand]
    static let views: Set<KeyContext> = [.chair, .speaker, .notesCommand]

    public static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.char(" ")], command: .toggle, help: "start / pause / resume", contexts: timer, inLegend: true, readOnlySafe: false),
        KeyBinding(keys: [.char("n")], command: .next, help: "next topic", contexts: timer, inLegend: true, readOnlySafe: false),
        KeyBinding(keys: [.char("p")], command: .previous, help: "previous topic", contexts: timer, inLegend: true, readOnlySafe: false),
        KeyBinding(keys: [.char("+"), .char("=")], command: .moreTime, help: "one minute more", contexts: timer, inLegend: false, readOnlySafe: false),
        KeyBinding(keys: [.char("-")], command: .lessTime, help: "one minute less", contexts: timer, inLegend: false, readOnlySafe: false),
        KeyBinding(keys: [.tab, .char("i")], command: .focusNotes, help: "type a note", contexts: [.chair], inLegend: true, readOnlySafe: false),
        KeyBinding(keys: [.char("s")], command: .pickSlot, help: "pick the slot", contexts: timer, inLegend: true, readOnlySafe: false),
        KeyBinding(keys: [.char("E")], command: .endSlot, help: "end the slot (asks)", contexts: timer, inLegend: true, readOnlySafe: false),
        KeyBinding(keys: [.char("u")], command: .undo, help: "undo note edit/delete/move", contexts: [.chair, .notesCommand], inLegend: false, readOnlySafe: false),
        KeyBinding(keys: [.char("v")], command: .nextView, help: "next view", contexts: views, inLegend: true, readOnlySafe: true),
        KeyBinding(keys: [.char("t")], command: .nextTheme, help: "next theme", contexts: views, inLegend: true, readOnlySafe: true),
        KeyBinding(keys: [.char("?")], command: .help, help: "this help", contexts: views, inLegend: true, readOnlySafe: true),
        KeyBinding(keys: [.char("q")], command: .quit, help: "quit (asks if running)", contexts: views, inLegend: true, readOnlySafe: true),
        KeyBinding(keys: [.ctrl("z")], command: .suspend, help: "suspend (fg resumes)", contexts: views, inLegend: false, readOnlySafe: true),
        KeyBinding(keys: [.ctrl("c")], command: .interrupt, help: "quit at once", contexts: Set(KeyContext.allCases), inLegend: false, readOnlySafe: true),

        KeyBinding(keys: [.enter], command: .saveNote, help: "save the note", contexts: [.noteLine], inLegend: true, readOnlySafe: false),
        KeyBinding(keys: [.escape], command: .leaveNotes, help: "leave the note line", contexts: [.noteLine], inLegend: true, readOnlySafe: true),
        KeyBinding(keys: [.tab], command: .leaveNotes, help: "leave the note line", contexts: [.noteLine], inLegend: false, readOnlySafe: true),
        KeyBinding(keys: [.up], command: .selectEarlier, help: "select an earlier note", contexts: [.chair, .noteLine, .selectedNote], inLegend: true, readOnlySafe: false),
        KeyBinding(keys: [.down], command: .selectLater, help: "select a later note", contexts: [.noteLine, .selectedNote], inLegend: false, readOnlySafe: false),
        KeyBinding(keys: [.ctrl("z")], command: .undo, help: "undo note edit/delete/move", contexts: [.noteLine, .selectedNote], inLegend: true, readOnlySafe: false),

        KeyBinding(keys: [.enter], command: .editNote, help: "edit it in the note line", contexts: [.selectedNote], inLegend: true, readOnlySafe: false),
        KeyBinding(keys: [.ctrl("d")], command: .deleteNote, help: "delete it", contexts: [.selectedNote], inLegend: true, readOnlySafe: false),
        KeyBinding(keys: [.char("m")], command: .moveNote, help: "move it to another topic", contexts: [.selectedNote], inLegend: true, readOnlySafe: false),
        KeyBinding(keys: [.escape, .tab], command: .deselect, help: "back to the note line", contexts: [.selectedNote], inLegend: true, readOnlySafe: true),

        KeyBinding(keys: [.up, .char("k")], command: .listUp, help: "up", contexts: [.picker], inLegend: true, readOnlySafe: true),
        KeyBinding(keys: [.down, .char("j")], command: .listDown, help: "down", contexts: [.picker], inLegend: true, readOnlySafe: true),
        KeyBinding(keys: [.enter], command: .choose, help: "choose", contexts: [.picker], inLegend: true, readOnlySafe: true),
        KeyBinding(keys: [.escape, .char("q")], command: .cancel, help: "cancel", contexts: [.picker], inLegend: true, readOnlySafe: true),

        KeyBinding(keys: [.char("y"), .char("Y")], command: .yes, help: "yes", contexts: [.confirm], inLegend: true, readOnlySafe: true),
        KeyBinding(keys: [.char("n"), .char("N"), .escape], command: .no, help: "no", contexts: [.confirm], inLegend: true, readOnlySafe: true),
    ]

    static let shortNames: [UserCommand: String] = [
        .toggle: "start", .next: "next", .previous: "prev", .moreTime: "+1m", .lessTime: "-1m",
        .focusNotes: "note", .pickSlot: "slot", .endSlot: "end", .nextView: "view", .nextTheme: "theme",
        .help: "help", .quit: "quit", .undo: "undo", .suspend: "suspend", .interrupt: "quit now",
        .saveNote: "save", .leaveNotes: "keys", .selectEarlier: "earlier notes", .selectLater: "later",
        .editNote: "edit", .deleteNote: "delete", .moveNote: "move", .deselect: "back",
        .listUp: "up", .listDown: "down", .choose: "choose", .cancel: "cancel", .yes: "yes", .no: "no",
    ]

    /// The command `key` means in `context`, or nil.
    public static func command(for key: Key, in context: KeyContext, readOnly: Bool = false) -> UserCommand? {
        for b in bindings where b.contexts.contains(context) && b.keys.contains(key) {
            return readOnly && !b.readOnlySafe ? nil : b.command
        }
        return nil
    }

    /// The bindings of a context, in table order.
    public static func bindings(in context: KeyContext, readOnly: Bool = false) -> [KeyBinding] {
        bindings.filter { $0.contexts.contains(context) && (!readOnly || $0.readOnlySafe) }
    }

    /// Keys bound more than once in one context, for the test that forbids it.
    public static func duplicates() -> [(KeyContext, Key)] {
        var out: [(KeyContext, Key)] = []
        for context in KeyContext.allCases {
            var seen: Set<Key> = []
            for b in bindings where b.contexts.contains(context) {
                for k in b.keys where !seen.insert(k).inserted { out.append((context, k)) }
            }
        }
        return out
    }
}
