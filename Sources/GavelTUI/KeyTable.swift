import GavelCore

/// Every request a user can make, listed once. The key table binds them to keys per context and
/// role; dispatch, the legend bar and the `?` help are all read from it.
public enum UserCommand: String, Sendable, Hashable, CaseIterable {
    case toggle, next, previous, moreTime, lessTime
    case focusNotes, pickSlot, endSlot, nextView, nextTheme, help, quit, undo, suspend, interrupt
    case messageSpeaker, rebalance, webLinks
    // Note line
    case saveNote, escape, leaveNotes, selectEarlier, selectLater
    case caretLeft, caretRight, lineStart, lineEnd, deleteBack, deleteForward, deleteWord, deleteToStart
    // A selected note
    case editNote, deleteNote, moveNote, deselect
    // Lists (slot picker, topic picker) and questions
    case listUp, listDown, choose, cancel, yes, no
}

/// Where keys are read: each context has its own bindings, and no key is bound twice in one.
public enum KeyContext: String, Sendable, Hashable, CaseIterable {
    /// The chair's command keys (chair console with the keys focused, the speaker view shown on
    /// the chair's terminal, the notes view after Esc).
    case keys
    /// A view that only watches (`gavel speaker`).
    case watch
    /// Typing in the note line.
    case noteLine
    /// A note of the topic is selected in the note list.
    case selectedNote
    /// A list to pick from (slots, topics).
    case picker
    /// A yes/no question.
    case confirm
}

/// What a binding's predicates look at: the session at this turn's instant and the front's state.
public struct KeyState: Sendable {
    public var snapshot: Snapshot?
    public var ui: UIState
    /// The session's own judgement of the chair's commands at this instant, when asked.
    public var decide: @Sendable (Session.Command) -> Session.Decision
    /// Notes of the topic on screen.
    public var notes: Int
    /// This view's author has a note change to take back.
    public var canUndo: Bool
    /// Where the selected note is among the topic's notes, oldest first.
    public var selectedIndex: Int?
    /// The session has web links to show (a session file; not a memory-only test session).
    public var hasWebLinks: Bool

    public init(snapshot: Snapshot?, ui: UIState, notes: Int = 0, canUndo: Bool = false, selectedIndex: Int? = nil,
                hasWebLinks: Bool = false, decide: @escaping @Sendable (Session.Command) -> Session.Decision) {
        self.snapshot = snapshot
        self.hasWebLinks = hasWebLinks
        self.ui = ui
        self.selectedIndex = selectedIndex
        self.notes = notes
        self.canUndo = canUndo
        self.decide = decide
    }

    /// Why `command` means nothing now, as the session decides it; nil when it means something.
    func refusal(_ command: Session.Command) -> String? {
        if case .refuse(let reason) = decide(command) { return reason }
        return nil
    }

    var hasEnded: Bool { snapshot?.hasEnded ?? true }
}

public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var command: UserCommand
    public var help: String
    public var contexts: Set<KeyContext>
    public var roles: Set<Role>
    /// Which legend items stay when the bar is too narrow: lower stays longer; nil: help only.
    public var rank: Int?
    /// The legend's word now (`space start` / `space pause`).
    var word: @Sendable (KeyState) -> String
    /// Why the command means nothing now, or nil when it does: an unavailable key is not offered
    /// in the legend, and pressed, says why.
    var unavailable: @Sendable (KeyState) -> String?

    /// How the legend and help name the keys: `Tab/i`.
    public var label: String { keys.map(\.description).joined(separator: "/") }
}

public enum KeyTable {
    static let chair: Set<Role> = [.chair]
    static let writers: Set<Role> = [.chair, .notes]
    static let everyone: Set<Role> = Set(Role.allCases)
    static let typing: Set<KeyContext> = [.noteLine, .selectedNote]

    static func bind(_ keys: [Key], _ command: UserCommand, _ help: String, in contexts: Set<KeyContext>,
                     roles: Set<Role>, rank: Int? = nil, word: String? = nil,
                     wordNow: (@Sendable (KeyState) -> String)? = nil,
                     unless unavailable: @escaping @Sendable (KeyState) -> String? = { _ in nil }) -> KeyBinding {
        let fixed = word ?? command.rawValue
        return KeyBinding(keys: keys, command: command, help: help, contexts: contexts, roles: roles, rank: rank,
                          word: wordNow ?? { _ in fixed }, unavailable: unavailable)
    }

    public static let bindings: [KeyBinding] = [
        // The chair's timer keys.
        bind([.char(" ")], .toggle, "start / pause / resume the topic", in: [.keys], roles: chair, rank: 0,
             wordNow: { s in
                 guard let t = s.snapshot?.currentTopic else { return "start" }
                 if s.snapshot?.autoNextIn != nil { return "hold" }
                 return t.isRunning ? "pause" : (t.hasStarted && !t.isFinished ? "resume" : "start")
             }, unless: { $0.refusal(.toggle) }),
        bind([.char("n")], .next, "next topic (it starts if this one ran)", in: [.keys], roles: chair, rank: 1, word: "next",
             unless: { $0.refusal(.next) }),
        bind([.char("p")], .previous, "previous topic", in: [.keys], roles: chair, rank: 3, word: "prev",
             unless: { $0.refusal(.previous) }),
        bind([.char("+"), .char("=")], .moreTime, "one minute more", in: [.keys], roles: chair, rank: 2, word: "+1m",
             unless: { $0.refusal(.adjust(seconds: 60)) }),
        bind([.char("-")], .lessTime, "one minute less", in: [.keys], roles: chair, rank: 4, word: "-1m",
             unless: { $0.refusal(.adjust(seconds: -60)) }),
        bind([.tab, .char("i")], .focusNotes, "type a note", in: [.keys], roles: chair, rank: 1, word: "note",
             unless: { s in s.snapshot?.currentTopic == nil ? "no topic to take notes on" : nil }),
        bind([.up], .selectEarlier, "select the latest note", in: [.keys], roles: chair,
             unless: { s in s.ui.view != .chair ? "Up selects notes in the chair console" : (s.notes == 0 ? "no notes on this topic yet" : nil) }),
        bind([.char("s")], .pickSlot, "pick the slot", in: [.keys], roles: chair, rank: 3,
             wordNow: { s in s.hasEnded ? "next slot" : "slot" }),
        bind([.char("E")], .endSlot, "end the slot now (asks)", in: [.keys], roles: chair, rank: 4, word: "end",
             unless: { $0.refusal(.endSlot) }),
        bind([.char("m")], .messageSpeaker, "show the speaker a message", in: [.keys], roles: chair, rank: 3,
             word: "message", unless: { s in s.hasEnded ? "the slot has ended; nobody is speaking" : nil }),
        bind([.char("r")], .rebalance, "share the time left among topics to come", in: [.keys], roles: chair, rank: 5,
             word: "rebalance", unless: { $0.refusal(.rebalance) }),
        bind([.char("u"), .ctrl("z")], .undo, "undo your last note change, rebalance", in: [.keys], roles: chair, rank: 5, word: "undo",
             unless: { $0.canUndo ? nil : "nothing of yours to undo" }),
        bind([.char("w")], .webLinks, "the web links as QR codes (speaker, notes)", in: [.keys], roles: chair, rank: 6, word: "links",
             unless: { $0.hasWebLinks ? nil : "no web links for this session" }),
        bind([.char("v")], .nextView, "next view (chair, speaker, notes)", in: [.keys], roles: chair, rank: 4, word: "view"),
        bind([.char("t")], .nextTheme, "next theme", in: [.keys], roles: chair, rank: 5, word: "theme"),

        // The speaker's screen: nothing in it changes the session or leaves the countdown.
        bind([.ctrl("z")], .suspend, "suspend (fg resumes)", in: [.watch], roles: [.speaker]),

        // Everyone.
        bind([.char("?"), .function(1)], .help, "this help", in: [.keys, .watch], roles: everyone, rank: 0, word: "help"),
        bind([.function(1)], .help, "this help", in: typing, roles: writers, rank: 0, word: "help"),
        bind([.char("q")], .quit, "quit (asks while a topic runs)", in: [.keys, .watch], roles: everyone, rank: 0, word: "quit"),
        bind([.ctrl("c")], .interrupt, "quit at once (a draft is kept)", in: Set(KeyContext.allCases), roles: everyone,
             wordNow: { _ in "quit" }),

        // The note line.
        bind([.enter], .saveNote, "save the note", in: [.noteLine], roles: writers, rank: 0,
             wordNow: { s in
                 if s.ui.composingMessage != nil { return "show the speaker" }
                 return s.ui.editing != nil ? "save edit" : (s.ui.view == .chair ? "save, back to keys" : "save")
             },
             unless: { s in s.ui.editor.isEmpty && s.ui.editing == nil ? "the line is empty" : nil }),
        bind([.escape], .escape, "leave the line (or stop editing)", in: [.noteLine], roles: writers, rank: 1,
             wordNow: { s in s.ui.composingMessage != nil ? "cancel" : (s.ui.editing != nil ? "stop editing" : "keys") },
             unless: { s in s.ui.editing != nil || s.ui.composingMessage != nil || s.ui.role == .chair ? nil : "the note line always has the keys here" }),
        bind([.tab], .leaveNotes, "back to the chair's keys", in: [.noteLine], roles: chair,
             unless: { s in s.ui.view == .chair ? nil : "Esc gives the keys back" }),
        bind([.up], .selectEarlier, "select an earlier note", in: typing, roles: writers, rank: 3, word: "notes",
             unless: { s in s.notes == 0 ? "no notes on this topic yet" : (s.selectedIndex == 0 ? "this is the earliest note" : nil) }),
        bind([.down], .selectLater, "select a later note", in: typing, roles: writers),
        bind([.ctrl("z")], .undo, "undo your last note change, rebalance", in: typing, roles: writers, rank: 4, word: "undo",
             unless: { $0.canUndo ? nil : "nothing of yours to undo" }),
        bind([.left], .caretLeft, "move left", in: [.noteLine], roles: writers),
        bind([.right], .caretRight, "move right", in: [.noteLine], roles: writers),
        bind([.home, .ctrl("a")], .lineStart, "start of the line", in: [.noteLine], roles: writers),
        bind([.end, .ctrl("e")], .lineEnd, "end of the line", in: [.noteLine], roles: writers),
        bind([.backspace], .deleteBack, "delete before the caret", in: [.noteLine], roles: writers),
        bind([.delete], .deleteForward, "delete after the caret", in: [.noteLine], roles: writers),
        bind([.ctrl("w")], .deleteWord, "delete the word before", in: [.noteLine], roles: writers),
        bind([.ctrl("u")], .deleteToStart, "delete to the line's start", in: [.noteLine], roles: writers),

        // A selected note.
        bind([.enter], .editNote, "edit it in the line", in: [.selectedNote], roles: writers, rank: 0, word: "edit"),
        bind([.ctrl("d")], .deleteNote, "delete it", in: [.selectedNote], roles: writers, rank: 1, word: "delete"),
        bind([.char("m")], .moveNote, "move it to another topic", in: [.selectedNote], roles: writers, rank: 2, word: "move"),
        bind([.escape, .tab], .deselect, "back to the line", in: [.selectedNote], roles: writers, rank: 0, word: "back"),

        // Lists and questions.
        bind([.up, .char("k")], .listUp, "up", in: [.picker], roles: everyone, rank: 1, word: "up"),
        bind([.down, .char("j")], .listDown, "down", in: [.picker], roles: everyone, rank: 1, word: "down"),
        bind([.enter], .choose, "choose", in: [.picker], roles: everyone, rank: 0, word: "choose"),
        bind([.escape, .char("q")], .cancel, "cancel", in: [.picker], roles: everyone, rank: 0, word: "cancel"),
        bind([.char("y"), .char("Y")], .yes, "yes", in: [.confirm], roles: everyone, rank: 0, word: "yes"),
        bind([.char("n"), .char("N"), .escape], .no, "no", in: [.confirm], roles: everyone, rank: 0, word: "no"),
    ]

    /// The binding `key` has in `context` for `role`, or nil.
    public static func binding(for key: Key, in context: KeyContext, role: Role) -> KeyBinding? {
        bindings.first { $0.contexts.contains(context) && $0.roles.contains(role) && $0.keys.contains(key) }
    }

    /// The bindings of a context for a role, in table order.
    public static func bindings(in context: KeyContext, role: Role) -> [KeyBinding] {
        byContextAndRole[context]?[role] ?? []
    }

    /// The bindings of each context and role, picked out once (the legend asks every frame).
    private static let byContextAndRole: [KeyContext: [Role: [KeyBinding]]] = Dictionary(uniqueKeysWithValues:
        KeyContext.allCases.map { context in
            (context, Dictionary(uniqueKeysWithValues: Role.allCases.map { role in
                (role, bindings.filter { $0.contexts.contains(context) && $0.roles.contains(role) })
            }))
        })

    /// What the legend offers now: the available bindings with a legend rank, as `key word`.
    static func legend(in context: KeyContext, _ state: KeyState) -> [(keys: String, word: String, rank: Int)] {
        bindings(in: context, role: state.ui.role).compactMap { b in
            guard let rank = b.rank, b.unavailable(state) == nil else { return nil }
            // After the slot's time ran out, + extends the slot and - means nothing.
            let extending = b.command == .moreTime && state.refusal(.adjust(seconds: -60)) != nil
            let keys = b.command == .moreTime ? (extending ? "+" : "+/-") : (b.keys.first?.description ?? "")
            let word = b.command == .moreTime ? (extending ? "extend slot" : "time") : b.word(state)
            // `-` shares the `+/- time` item.
            if b.command == .lessTime { return nil }
            return (keys, word, rank)
        }
    }

    /// Keys bound more than once in one context for one role, for the test that forbids it.
    public static func duplicates() -> [(KeyContext, Role, Key)] {
        var out: [(KeyContext, Role, Key)] = []
        for context in KeyContext.allCases {
            for role in Role.allCases {
                var seen: Set<Key> = []
                for b in bindings(in: context, role: role) {
                    for k in b.keys where !seen.insert(k).inserted { out.append((context, role, k)) }
                }
            }
        }
        return out
    }
}
