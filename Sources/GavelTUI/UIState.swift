import GavelCore

/// The three views a session can be shown in.
public enum ViewKind: String, Sendable, Equatable, CaseIterable {
    case chair, speaker, notes

    public var next: ViewKind {
        let all = Self.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }
}

/// What the front shows besides the session: the view, focus, the note line, what is selected,
/// any overlay, and the last message. Pure data; the model changes it in response to keys.
public struct UIState: Sendable, Equatable {
    public var view: ViewKind
    /// What this view may do (see `Role`): it decides which keys exist at all.
    public let role: Role
    /// Chair console: the note line has the focus.
    public var noteFocus = false
    /// The chair's notes view after Esc: the next key is a command.
    public var commandPending = false
    public var editor = LineEditor()
    /// Where the line being typed belongs: the topic that ran when its first character was typed.
    public var lineTopic: TopicRef?
    /// The note selected in the list (Up/Down from the note line).
    public var selectedNote: String?
    /// The note being edited in the note line, and the draft put aside for it.
    public var editing: Editing?
    /// The line holds a message to the speaker being typed; the note draft put aside for it.
    public var composingMessage: String?
    public var overlay: Overlay?
    public var message: Message?

    public struct TopicRef: Sendable, Equatable {
        public var slot: String
        public var topic: String
    }

    public struct Editing: Sendable, Equatable {
        public var noteID: String
        /// The note's version when it was taken into the line.
        public var base: Int
        public var stashedDraft: String
    }

    public enum Overlay: Sendable, Equatable {
        /// The help, at a page.
        case help(page: Int)
        case confirmQuit
        case confirmEndSlot
        /// A chair's command that asked a question first (`Session.Question`).
        case confirmCommand(Session.Command, Session.Question)
        /// Picking a slot; the highlighted row.
        case slotPicker(index: Int)
        /// Picking the topic to move a note to; the highlighted row of the agenda's topics.
        case topicPicker(noteID: String, index: Int)
        /// Picking a message for the speaker: the presets, then "type one", then "clear".
        case messagePicker(index: Int)
        /// The web links and their QR codes, one role at a time.
        case webLinks(index: Int)
    }

    public struct Message: Sendable, Equatable {
        public var text: String
        public var isError: Bool
        public init(_ text: String, isError: Bool) {
            self.text = text
            self.isError = isError
        }
    }

    public init(view: ViewKind = .chair, role: Role = .chair) {
        self.role = role
        // A speaker's screen shows the countdown, whatever it was asked for.
        self.view = role == .speaker ? .speaker : (role == .notes ? .notes : view)
    }

    /// A view that may not change the session.
    public var readOnly: Bool { !role.records }

    /// Whether typed text goes to the note line.
    public var typingNote: Bool {
        guard role.writesNotes, overlay == nil else { return false }
        switch view {
        case .chair: return noteFocus || composingMessage != nil
        case .notes: return !commandPending || composingMessage != nil
        case .speaker: return false
        }
    }

    /// Where keys are read now.
    public var context: KeyContext {
        switch overlay {
        case .confirmQuit, .confirmEndSlot, .confirmCommand: return .confirm
        case .slotPicker, .topicPicker, .messagePicker: return .picker
        case .help, .webLinks, nil: break
        }
        if typingNote { return selectedNote != nil ? .selectedNote : .noteLine }
        return role == .chair ? .keys : .watch
    }
}
