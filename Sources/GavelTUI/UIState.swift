/// The three views a session can be shown in.
public enum ViewKind: String, Sendable, Equatable, CaseIterable {
    case chair, speaker, notes

    public var next: ViewKind {
        let all = Self.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }
}

/// What the front shows besides the session: the view, focus, the note line, what is selected,
/// any overlay, and the last message. Pure data; the app changes it in response to keys.
public struct UIState: Sendable, Equatable {
    public var view: ViewKind
    /// A view attached to someone else's session: no key may change it.
    public var readOnly: Bool
    /// Chair console: the note line has the focus.
    public var noteFocus = false
    /// Notes view: Esc was pressed, so the next key is a command.
    public var commandPending = false
    public var editor = LineEditor()
    /// The note selected in the list (Up/Down from the note line).
    public var selectedNote: String?
    /// The note being edited in the note line, and the draft put aside for it.
    public var editing: Editing?
    public var overlay: Overlay?
    public var message: Message?

    public struct Editing: Sendable, Equatable {
        public var noteID: String
        public var stashedDraft: String
    }

    public enum Overlay: Sendable, Equatable {
        case help
        case confirmQuit
        case confirmEndSlot
        /// Picking a slot; the highlighted row.
        case slotPicker(index: Int)
        /// Picking the topic to move a note to; the highlighted row of the agenda's topics.
        case topicPicker(noteID: String, index: Int)
    }

    public struct Message: Sendable, Equatable {
        public var text: String
        public var isError: Bool
        public init(_ text: String, isError: Bool) {
            self.text = text
            self.isError = isError
        }
    }

    public init(view: ViewKind = .chair, readOnly: Bool = false) {
        self.view = view
        self.readOnly = readOnly
    }

    /// Whether typed text goes to the note line.
    public var typingNote: Bool {
        guard !readOnly, overlay == nil else { return false }
        switch view {
        case .chair: return noteFocus
        case .notes: return !commandPending
        case .speaker: return false
        }
    }

    /// Where keys are read now.
    public var context: KeyContext {
        switch overlay {
        case .confirmQuit, .confirmEndSlot: return .confirm
        case .slotPicker, .topicPicker: return .picker
        case .help, nil: break
        }
        if typingNote { return selectedNote != nil ? .selectedNote : .noteLine }
        switch view {
        case .chair: return .chair
        case .speaker: return .speaker
        case .notes: return .notesCommand
        }
    }
}
