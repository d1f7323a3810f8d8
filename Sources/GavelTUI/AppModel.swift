import Foundation
import GavelCore

/// The front's state machine: a key in, the session and the UI state changed, and what the run
/// loop must do next out. Every chair command goes through `LiveSession.perform`, every note
/// change through `LiveSession.record`, and the effects they return go to `onEffects`.
public final class AppModel {
    public let live: LiveSession
    public var state: UIState
    public private(set) var theme: Theme
    public let themeNames: [String]
    let loadTheme: (String) -> Theme?
    let onEffects: ([Session.Effect]) -> String?
    /// The slot this view is pinned to by `--slot`, until the chair opens another.
    public private(set) var draftDirty = false

    public enum Outcome: Equatable {
        case none
        case quit
        case suspend
    }

    public init(live: LiveSession, view: ViewKind, readOnly: Bool, theme: Theme, themeNames: [String],
                loadTheme: @escaping (String) -> Theme?, onEffects: @escaping ([Session.Effect]) -> String?) {
        self.live = live
        self.state = UIState(view: view, readOnly: readOnly)
        self.theme = theme
        self.themeNames = themeNames
        self.loadTheme = loadTheme
        self.onEffects = onEffects
        // A chair killed between a slot's end and its summary left it unwritten: write what ended.
        if !readOnly { deliver(live.startupEffects) }
    }

    var session: Session { live.session }

    /// The frame's input at the live clock's now.
    public func frame(width: Int, height: Int) -> Frame {
        let snapshot = live.snapshot()
        var notes: [Note] = []
        if let s = snapshot, let topic = s.currentTopic { notes = self.notes(slot: s.slot.id, topic: topic.topic.id) }
        return Frame(snapshot: snapshot, notes: notes, state: state, theme: theme, width: width, height: height)
    }

    // MARK: - Drafts

    /// The new note being typed, wherever it is while a note is edited.
    public var draftText: String { state.editing?.stashedDraft ?? state.editor.text }

    public func restoreDraft() {
        guard !state.readOnly, let draft = try? live.log.loadDraft(by: live.author), !draft.isEmpty else { return }
        state.editor.set(draft)
    }

    /// Saves the draft now; returns false (and shows why) when it could not.
    @discardableResult
    public func saveDraft() -> Bool {
        draftDirty = false
        do {
            try live.log.saveDraft(draftText, by: live.author)
            return true
        } catch {
            state.message = .init("could not keep the draft: \(error)", isError: true)
            return false
        }
    }

    // MARK: - Effects

    func deliver(_ effects: [Session.Effect]) {
        guard !effects.isEmpty, let problem = onEffects(effects) else { return }
        state.message = .init(problem, isError: true)
    }

    /// Records what time alone caused and what other processes wrote; passes effects on.
    public func tick() {
        do {
            // A read-only view records nothing, and leaves effects (summaries) to the chair's process.
            if state.readOnly {
                try live.sync()
                return
            }
            deliver(try live.tick())
        } catch {
            state.message = .init("could not record the slot's end: \(error)", isError: true)
        }
    }

    // MARK: - Keys

    public func handle(_ event: InputEvent) -> Outcome {
        guard case .key(let key) = event else { return .none }
        let before = draftText
        let outcome = handle(key)
        if draftText != before { draftDirty = true }
        return outcome
    }

    func handle(_ key: Key) -> Outcome {
        if state.overlay == .help {
            state.overlay = nil
            return key == .ctrl("c") ? .quit : .none
        }
        let context = state.context
        let command = KeyTable.command(for: key, in: context, readOnly: state.readOnly)
        if command != nil || !(context == .noteLine || context == .selectedNote) {
            // A key that is not text clears the last message.
            if command != nil { state.message = nil }
        }
        if let command { return perform(command, context: context) }
        switch context {
        case .noteLine:
            state.message = nil
            edit(key)
        case .selectedNote:
            // Typing while a note is selected goes back to the note line.
            if case .char = key {
                state.selectedNote = nil
                edit(key)
            }
        case .notesCommand:
            // Any other key after Esc returns to the note line.
            state.commandPending = false
        default:
            break
        }
        return .none
    }

    func edit(_ key: Key) {
        switch key {
        case .char(let c): state.editor.insert(String(c))
        case .left: state.editor.left()
        case .right: state.editor.right()
        case .home, .ctrl("a"): state.editor.home()
        case .end, .ctrl("e"): state.editor.end()
        case .backspace: state.editor.backspace()
        case .delete: state.editor.deleteForward()
        case .ctrl("w"): state.editor.deleteWord()
        case .ctrl("u"): state.editor.deleteToStart()
        default: break
        }
    }

    /// Text pasted or typed in one go (used by tests).
    public func type(_ text: String) {
        for ch in text { _ = handle(.key(.char(ch))) }
    }

    func perform(_ command: UserCommand, context: KeyContext) -> Outcome {
        if context == .notesCommand { state.commandPending = false }
        switch command {
        case .toggle: chair(.toggle)
        case .next: chair(.next)
        case .previous: chair(.previous)
        case .moreTime: chair(.adjust(seconds: 60))
        case .lessTime: chair(.adjust(seconds: -60))
        case .focusNotes:
            state.noteFocus = true
        case .pickSlot:
            let current = live.snapshot()?.slotIndex ?? 0
            state.overlay = .slotPicker(index: current)
        case .endSlot:
            if live.snapshot()?.hasEnded == false { state.overlay = .confirmEndSlot }
        case .nextView:
            state.view = state.view.next
            state.selectedNote = nil
            state.commandPending = false
        case .nextTheme:
            cycleTheme()
        case .help:
            state.overlay = .help
        case .quit:
            if !state.readOnly, live.snapshot()?.currentTopic?.isRunning == true {
                state.overlay = .confirmQuit
            } else {
                return .quit
            }
        case .interrupt:
            return .quit
        case .suspend:
            return .suspend
        case .undo:
            undo()
        case .saveNote:
            saveNote()
        case .leaveNotes:
            if state.view == .notes { state.commandPending = true } else { state.noteFocus = false }
            cancelEditing()
        case .selectEarlier:
            // From the chair's keys, Up goes to the note line and selects the latest note.
            if state.view == .chair, !state.noteFocus { state.noteFocus = true }
            select(by: -1)
        case .selectLater:
            select(by: 1)
        case .editNote:
            beginEditing()
        case .deleteNote:
            deleteSelected()
        case .moveNote:
            beginMove()
        case .deselect:
            state.selectedNote = nil
        case .listUp, .listDown:
            moveInList(command == .listUp ? -1 : 1)
        case .choose:
            choose()
        case .cancel, .no:
            state.overlay = nil
        case .yes:
            let overlay = state.overlay
            state.overlay = nil
            if overlay == .confirmQuit { return .quit }
            if overlay == .confirmEndSlot { chair(.endSlot) }
        }
        return .none
    }

    func chair(_ command: Session.Command) {
        guard !state.readOnly else { return }
        do {
            if let effects = try live.perform(command) { deliver(effects) }
        } catch {
            state.message = .init("could not record that: \(error)", isError: true)
        }
    }

    func record(_ action: SessionEvent.Action, failure: String) -> Bool {
        do {
            deliver(try live.record(action))
            return true
        } catch {
            state.message = .init("\(failure): \(error)", isError: true)
            return false
        }
    }

    func cycleTheme() {
        guard !themeNames.isEmpty else { return }
        let i = themeNames.firstIndex(of: theme.name) ?? -1
        for step in 1...themeNames.count {
            let name = themeNames[(i + step) % themeNames.count]
            if let t = loadTheme(name) {
                theme = t
                state.message = .init("theme: \(name)", isError: false)
                return
            }
        }
    }

    // MARK: - Notes

    /// Notes of the topic on the clock.
    var currentNotes: [Note] {
        guard let s = live.snapshot(), let topic = s.currentTopic else { return [] }
        return notes(slot: s.slot.id, topic: topic.topic.id)
    }

    /// A topic's live notes, kept until the session applies another event: filtering 10,000 notes
    /// again for every frame cost ~3 ms of each keystroke (bench/keystroke.py).
    private var notesMemo: (slot: String, topic: String, eventCount: Int, notes: [Note])?

    func notes(slot: String, topic: String) -> [Note] {
        if let memo = notesMemo, memo.slot == slot, memo.topic == topic, memo.eventCount == session.eventCount {
            return memo.notes
        }
        let notes = session.notes(slot: slot, topic: topic)
        notesMemo = (slot, topic, session.eventCount, notes)
        return notes
    }

    func saveNote() {
        let text = state.editor.text.trimmingCharacters(in: .whitespaces)
        if let editing = state.editing {
            if !text.isEmpty, session.notes[editing.noteID]?.text != text {
                guard record(.noteEdited(id: editing.noteID, text: text, undo: false), failure: "could not save the edit") else { return }
            }
            state.editor.set(editing.stashedDraft)
            state.editing = nil
            state.selectedNote = nil
            return
        }
        guard !text.isEmpty, let s = live.snapshot(), let topic = s.currentTopic else { return }
        do {
            let (_, effects) = try live.addNote(text, slot: s.slot.id, topic: topic.topic.id)
            deliver(effects)
        } catch {
            // The note stays in the line, so nothing typed is lost.
            state.message = .init("could not save the note (it is still in the line): \(error)", isError: true)
            return
        }
        state.editor.clear()
        draftDirty = false
        saveDraft()
    }

    func select(by step: Int) {
        let notes = currentNotes
        guard !notes.isEmpty else { return }
        if let selected = state.selectedNote, let i = notes.firstIndex(where: { $0.id == selected }) {
            let j = i + step
            state.selectedNote = j >= notes.count ? nil : notes[max(0, j)].id
        } else if step < 0 {
            state.selectedNote = notes[notes.count - 1].id
        }
    }

    func beginEditing() {
        guard let id = state.selectedNote, let note = session.notes[id] else { return }
        state.editing = .init(noteID: id, stashedDraft: state.editing?.stashedDraft ?? state.editor.text)
        state.editor.set(note.text)
        state.selectedNote = nil
    }

    func cancelEditing() {
        guard let editing = state.editing else { return }
        state.editor.set(editing.stashedDraft)
        state.editing = nil
    }

    func deleteSelected() {
        guard let id = state.selectedNote else { return }
        let notes = currentNotes
        let index = notes.firstIndex(where: { $0.id == id })
        guard record(.noteDeleted(id: id), failure: "could not delete the note") else { return }
        let rest = currentNotes
        if let index, !rest.isEmpty { state.selectedNote = rest[min(index, rest.count - 1)].id } else { state.selectedNote = nil }
        state.message = .init("note deleted (Ctrl-Z undoes)", isError: false)
    }

    func undo() {
        guard let action = session.undoAction() else {
            state.message = .init("nothing to undo", isError: false)
            return
        }
        if record(action, failure: "could not undo") {
            state.message = .init("undone", isError: false)
        }
    }

    func beginMove() {
        guard let id = state.selectedNote, let note = session.notes[id] else { return }
        let all = session.agenda.allTopics
        let index = all.firstIndex(where: { $0.slot.id == note.slot && $0.topic.id == note.topic }) ?? 0
        state.overlay = .topicPicker(noteID: id, index: index)
    }

    func moveInList(_ step: Int) {
        switch state.overlay {
        case .slotPicker(let i):
            state.overlay = .slotPicker(index: max(0, min(session.agenda.slots.count - 1, i + step)))
        case .topicPicker(let id, let i):
            state.overlay = .topicPicker(noteID: id, index: max(0, min(session.agenda.allTopics.count - 1, i + step)))
        default: break
        }
    }

    func choose() {
        let overlay = state.overlay
        state.overlay = nil
        switch overlay {
        case .slotPicker(let i):
            guard session.agenda.slots.indices.contains(i) else { return }
            let id = session.agenda.slots[i].id
            if live.snapshot()?.slot.id != id { chair(.openSlot(id)) }
            state.selectedNote = nil
        case .topicPicker(let noteID, let i):
            let all = session.agenda.allTopics
            guard all.indices.contains(i) else { return }
            let target = all[i]
            if record(.noteMoved(id: noteID, slot: target.slot.id, topic: target.topic.id, undo: false), failure: "could not move the note") {
                state.message = .init("note moved to \(TerminalText.escaped(target.topic.title)) (Ctrl-Z undoes)", isError: false)
                state.selectedNote = nil
            }
        default: break
        }
    }
}
