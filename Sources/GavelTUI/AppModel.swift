import Foundation
import GavelCore

/// The front's model, in the shape of an Elm loop: the run loop reads the clock once per turn and
/// hands that instant to `handle` (each input) and then `step`, which records what time caused,
/// draws the frame, and says when the frame next changes or something next falls due. Nothing in
/// here reads a clock for the session's time.
public final class AppModel {
    public let live: LiveSession
    public var state: UIState
    /// View state kept between frames (the note line's scroll), as stateful widgets keep theirs.
    public var viewState = ViewState()
    public private(set) var theme: Theme
    public let themeNames: [String]
    /// How this terminal draws: block characters in UTF-8, reverse-video spaces otherwise.
    public var glyphs: Glyphs
    let loadTheme: (String) -> Theme?
    /// Performs the engine's effects (summaries) off the loop.
    public let effects: EffectSink
    /// Where the agenda is read again when its file changes; nil when it is not watched.
    public var agendaSource: AgendaSource?
    /// Typing changed the draft since it was last kept.
    public private(set) var draftDirty = false
    /// The boot-time instant by which a dirty draft is kept.
    private var draftDue: TimeInterval?

    /// Reads the web links and encodes their QR codes when `w` opens them; nil: none to show.
    public var webLinks: (() -> WebLinkCodes?)?
    private var shownLinks: WebLinkCodes?

    public enum Outcome: Equatable {
        case none
        case quit
        case suspend
    }

    public init(live: LiveSession, view: ViewKind, theme: Theme, themeNames: [String], glyphs: Glyphs = .unicode,
                loadTheme: @escaping (String) -> Theme?, effects: EffectSink) {
        self.live = live
        self.state = UIState(view: view, role: live.role)
        self.theme = theme
        self.themeNames = themeNames
        self.glyphs = glyphs
        self.loadTheme = loadTheme
        self.effects = effects
        // A chair killed between a slot's end and its summary left it unwritten: write what ended.
        if live.role.records, !live.startupEffects.isEmpty {
            effects.performAtStartup(live.startupEffects, session: session, at: Date())
        }
    }

    var session: Session { live.session }

    // MARK: - The snapshot of this turn

    private var memo: (now: Date, events: Int, snapshot: Snapshot?)?

    /// The session at `now`, computed once per instant and state.
    public func snapshot(at now: Date) -> Snapshot? {
        if let memo, memo.now == now, memo.events == session.eventCount { return memo.snapshot }
        let snapshot = session.snapshot(at: now)
        memo = (now, session.eventCount, snapshot)
        return snapshot
    }

    func keyState(at now: Date) -> KeyState {
        let session = self.session
        let canUndo = if case .success = session.undoAction(by: live.author) { true } else { false }
        let notes = currentNotes(at: now)
        return KeyState(snapshot: snapshot(at: now), ui: state, notes: notes.count, canUndo: canUndo,
                        selectedIndex: state.selectedNote.flatMap { id in notes.firstIndex { $0.id == id } },
                        hasWebLinks: webLinks != nil,
                        decide: DecisionMemo(session, at: now).decide)
    }

    // MARK: - One turn

    /// What one turn of the loop shows, and when it must wake at the latest.
    public struct Turn {
        public var buffer: Buffer
        /// The frame's snapshot, for the bell and flash at phase changes.
        public var snapshot: Snapshot?
        /// The next instant (session time) at which the frame changes by time alone or something
        /// falls due; the loop may sleep until then.
        public var wakeAt: Date
        /// When a dirty draft must be kept, in seconds of the boot-time clock.
        public var draftDue: TimeInterval?
    }

    /// Records what time caused by `now` (and, with `readLog`, what other processes wrote), keeps
    /// a draft that is due, and draws the frame at `now`.
    public func step(at now: Date, uptime: TimeInterval, width: Int, height: Int, readLog: Bool) -> Turn {
        do {
            deliver(try live.step(at: now, readLog: readLog), at: now)
        } catch {
            state.message = .init("could not read or record the session: \(error)", isError: true)
        }
        if let due = draftDue, uptime >= due { saveDraft() }
        do {
            try live.log.maintain()
        } catch {
            state.message = .init("the session file needs attention: \(error)", isError: true)
        }
        if let notice = live.log.takeNotice() { state.message = .init(notice, isError: false) }
        for notice in effects.takeNotices() { state.message = notice }
        let snapshot = snapshot(at: now)
        let frame = makeFrame(snapshot, at: now, width: width, height: height)
        let buffer = Screen.render(frame, state: &viewState)
        let wake = WakePlan.next(after: snapshot, at: now, view: state.view, session: session)
        return Turn(buffer: buffer, snapshot: snapshot, wakeAt: wake, draftDue: draftDue)
    }

    func makeFrame(_ snapshot: Snapshot?, at now: Date, width: Int, height: Int) -> Frame {
        var notes: [Note] = []
        if let s = snapshot, let topic = s.currentTopic { notes = self.notes(slot: s.slot.id, topic: topic.topic.id) }
        var frame = Frame(snapshot: snapshot, notes: notes, state: state, theme: theme, width: width, height: height,
                          glyphs: glyphs, keys: keyState(at: now))
        if case .slotPicker = state.overlay { frame.slotStates = slotStates(at: now) }
        if case .webLinks = state.overlay { frame.webLinks = shownLinks }
        return frame
    }

    /// Every slot's progress at `now`, for the slot picker.
    func slotStates(at now: Date) -> [SlotState] {
        session.agenda.slots.map { slot in
            if let end = session.derivedEnd(slot.id, at: now) { return SlotState(slot: slot, progress: .ended(at: end.at, cause: end.cause)) }
            // A slot whose clock never ran has no deadline: no snapshot needed to say so (a
            // conference's picker lists 120 slots, most not started).
            guard session.runs[slot.id]?.firstStart != nil else { return SlotState(slot: slot, progress: .notStarted) }
            if let s = session.snapshot(at: now, slot: slot.id), s.deadline != nil {
                return SlotState(slot: slot, progress: .running(left: s.slotShown))
            }
            return SlotState(slot: slot, progress: .notStarted)
        }
    }

    /// What the frame at `now` is drawn from.
    public func frame(at now: Date, width: Int, height: Int) -> Frame {
        makeFrame(snapshot(at: now), at: now, width: width, height: height)
    }

    /// The frame at `now`, drawn (for tests and tools; the loop uses `step`).
    public func render(at now: Date, width: Int, height: Int) -> Buffer {
        Screen.render(makeFrame(snapshot(at: now), at: now, width: width, height: height), state: &viewState)
    }

    // MARK: - The agenda

    /// Reads the agenda again after its file changed, at the turn's instant: everything takes the
    /// new ids, titles and lengths; a file that does not parse leaves the last good agenda and
    /// says why (on screens that record; the speaker's shows nothing of it).
    public func reloadAgenda(at now: Date) {
        guard let source = agendaSource else { return }
        switch source.load() {
        case .failure(let error):
            if state.role.records {
                state.message = .init("agenda not reloaded, the last good one stays: \(error.message)", isError: true)
            }
        case .success(let agenda):
            guard agenda != session.agenda else { return }
            do {
                deliver(try live.replaceAgenda(agenda), at: now)
                memo = nil
                notesMemo = nil
                if let id = state.selectedNote, session.notes[id] == nil { state.selectedNote = nil }
                if state.role.records { state.message = .init("agenda reloaded", isError: false) }
                announceOrphans()
            } catch {
                state.message = .init("could not read the session again: \(error)", isError: true)
            }
        }
    }

    /// Says, on a screen that records, which ids of the session the agenda lost (the first, and
    /// how many), with the `[renamed]` line that maps it.
    public func announceOrphans() {
        // Told once the whole log is read (`finishLoading`): a first frame's part names only some.
        guard state.role.records, live.loaded else { return }
        let orphans = session.orphans
        guard let first = orphans.first else { return }
        let more = orphans.count > 1 ? " (and \(orphans.count - 1) more: gavel check --session)" : ""
        state.message = .init(first.message + more, isError: true)
    }

    // MARK: - Drafts

    /// The line as it would be restored: what is typed, and the note being edited in it.
    public var draft: Draft {
        // A message to the speaker is not a note: the note put aside is the draft.
        if let stash = state.composingMessage { return Draft(line: stash) }
        if let editing = state.editing {
            return Draft(line: state.editor.text, editing: .init(noteID: editing.noteID, base: editing.base, stashed: editing.stashedDraft))
        }
        return Draft(line: state.editor.text)
    }

    /// The new note being typed, wherever it is while a note is edited.
    public var draftText: String { state.editing?.stashedDraft ?? state.editor.text }

    /// Takes back this view's line from before a crash, a kill or a lost terminal (once: the
    /// line is claimed from the session).
    public func restoreDraft() {
        guard state.role.writesNotes, !draftClaimed else { return }
        restoreDraft(Result { try live.log.claimDraft() })
    }

    /// Takes back the line `claimed` from the session before this model was made (for a first
    /// frame that shows it; `live` must hold the note it edits).
    public func restoreDraft(_ claimed: Result<Draft?, any Error>) {
        guard state.role.writesNotes, !draftClaimed else { return }
        draftClaimed = true
        do {
            guard let draft = try claimed.get() else { return }
            if let editing = draft.editing, session.notes[editing.noteID].map({ !$0.deleted }) == true {
                state.editing = .init(noteID: editing.noteID, base: editing.base, stashedDraft: editing.stashed)
            } else if let editing = draft.editing {
                // The note went away meanwhile: keep both texts in the line, nothing lost.
                state.editor.set([editing.stashed, draft.line].filter { !$0.isEmpty }.joined(separator: " "))
                return
            }
            state.editor.set(draft.line)
            if state.view == .chair, !draft.line.isEmpty, state.editing != nil { state.noteFocus = true }
        } catch {
            state.message = .init("could not read the draft: \(error)", isError: true)
        }
    }

    private var draftClaimed = false

    // MARK: - The first frame

    /// The first frame at `now`, drawn from the part of the log `live` read for it
    /// (`LiveSession.opening`); nil when that part does not draw it (the whole log is read
    /// first). Records nothing: `finishLoading` follows, before any input or step.
    public func firstFrame(at now: Date, width: Int, height: Int) -> Buffer? {
        guard live.drawsFirstFrame(at: now) else { return nil }
        if let notice = live.log.takeNotice() { state.message = .init(notice, isError: false) }
        return render(at: now, width: width, height: height)
    }

    /// Reads the whole log after a first frame drawn from part of it: what the old events ask
    /// for (summaries of slots that ended while no chair ran) is done, and the ids the agenda
    /// lost are named.
    public func finishLoading(at now: Date) {
        guard !live.loaded else { return }
        do {
            try live.finishLoading()
        } catch {
            state.message = .init("could not read the session: \(error)", isError: true)
            return
        }
        memo = nil
        notesMemo = nil
        if live.role.records, !live.startupEffects.isEmpty {
            effects.performAtStartup(live.startupEffects, session: session, at: now)
        }
        announceOrphans()
    }

    /// Keeps the draft now; returns false (and shows why) when it could not.
    @discardableResult
    public func saveDraft() -> Bool {
        draftDirty = false
        draftDue = nil
        guard state.role.writesNotes else { return true }
        do {
            try live.log.saveDraft(draft)
            return true
        } catch {
            state.message = .init("could not keep the draft: \(error)", isError: true)
            return false
        }
    }

    // MARK: - Effects

    func deliver(_ effects: [Session.Effect], at now: Date) {
        guard !effects.isEmpty, live.role.records else { return }
        self.effects.perform(effects, session: session, at: now)
    }

    // MARK: - Input

    /// Handles one input at the turn's instant `now`; `uptime` is the boot-time clock (when the
    /// draft is due).
    public func handle(_ event: InputEvent, at now: Date, uptime: TimeInterval = 0) -> Outcome {
        let before = draft
        var outcome = Outcome.none
        switch event {
        case .key(let key): outcome = handle(key, at: now)
        case .text(let text): outcome = type(text, at: now)
        case .resize: break
        }
        if draft != before {
            draftDirty = true
            if draftDue == nil { draftDue = uptime + 1 }
        }
        return outcome
    }

    /// Text in one go (a paste, or a burst of typing): runs into the note line are inserted whole.
    func type(_ text: String, at now: Date) -> Outcome {
        var rest = Substring(text)
        while let first = rest.first {
            if state.context == .noteLine {
                insert(String(rest), at: now)
                return .none
            }
            let outcome = handle(.char(first), at: now)
            if outcome != .none { return outcome }
            rest = rest.dropFirst()
        }
        return .none
    }

    func handle(_ key: Key, at now: Date) -> Outcome {
        if case .help(let page) = state.overlay {
            // Space turns the page; any other key closes the help.
            if key == .char(" ") || key == .pageDown, page + 1 < viewState.helpPages {
                state.overlay = .help(page: page + 1)
            } else {
                state.overlay = nil
            }
            return key == .ctrl("c") ? .quit : .none
        }
        if case .webLinks(let index) = state.overlay {
            // Space shows the next role's code; any other key closes them.
            if key == .char(" ") || key == .right, let links = shownLinks, index + 1 < links.codes.count {
                state.overlay = .webLinks(index: index + 1)
            } else {
                state.overlay = nil
            }
            return key == .ctrl("c") ? .quit : .none
        }
        let context = state.context
        if let binding = KeyTable.binding(for: key, in: context, role: state.role) {
            if let reason = binding.unavailable(keyState(at: now)) {
                state.message = .init(reason, isError: false)
                return .none
            }
            if context != .noteLine { state.message = nil }
            return perform(binding.command, at: now)
        }
        switch context {
        case .noteLine:
            if case .char(let c) = key { insert(String(c), at: now) }
        case .selectedNote:
            // Typing while a note is selected goes back to the note line.
            if case .char(let c) = key {
                state.selectedNote = nil
                insert(String(c), at: now)
            }
        case .keys where state.view == .notes && state.commandPending:
            // After Esc, a key that is no command goes back to the line, typed.
            state.commandPending = false
            if case .char(let c) = key { insert(String(c), at: now) }
        default:
            break
        }
        return .none
    }

    /// Types into the note line; the line belongs to the topic running when it was started.
    func insert(_ text: String, at now: Date) {
        if state.editor.isEmpty, state.editing == nil, let s = snapshot(at: now), let topic = s.currentTopic {
            state.lineTopic = .init(slot: s.slot.id, topic: topic.topic.id)
        }
        if !state.editor.insert(text) {
            state.message = .init("a note holds at most \(LineEditor.maximumLength) characters; the rest was left out", isError: true)
        } else if state.message?.isError == false {
            state.message = nil
        }
    }

    func perform(_ command: UserCommand, at now: Date) -> Outcome {
        switch command {
        case .toggle: chair(.toggle, at: now)
        case .next: chair(.next, at: now)
        case .previous: chair(.previous, at: now)
        case .moreTime: chair(.adjust(seconds: 60), at: now)
        case .lessTime: chair(.adjust(seconds: -60), at: now)
        case .focusNotes:
            if state.view == .chair { state.noteFocus = true } else { state.commandPending = false }
        case .pickSlot:
            // Once the slot has ended, the list opens on the next one (the legend's `s next slot`).
            let shown = snapshot(at: now)
            let next = shown.map { $0.hasEnded && $0.nextSlot != nil } ?? false
            state.overlay = .slotPicker(index: (shown?.slotIndex ?? 0) + (next ? 1 : 0))
        case .messageSpeaker:
            state.overlay = .messagePicker(index: 0)
        case .rebalance:
            chair(.rebalance, at: now)
        case .endSlot:
            state.overlay = .confirmEndSlot
        case .nextView:
            state.view = state.view.next
            state.selectedNote = nil
            state.commandPending = false
        case .nextTheme:
            cycleTheme()
        case .help:
            state.overlay = .help(page: 0)
        case .webLinks:
            shownLinks = webLinks?()
            if let links = shownLinks, !links.codes.isEmpty {
                state.overlay = .webLinks(index: 0)
            } else {
                state.message = .init("no web links for this session (gavel links says why)", isError: true)
            }
        case .quit:
            if state.role == .chair, snapshot(at: now)?.currentTopic?.isRunning == true {
                state.overlay = .confirmQuit
            } else {
                return .quit
            }
        case .interrupt:
            return .quit
        case .suspend:
            return .suspend
        case .undo:
            undo(at: now)
        case .saveNote:
            saveNote(at: now)
        case .escape:
            if let stash = state.composingMessage {
                state.editor.set(stash)
                state.composingMessage = nil
            } else if state.editing != nil {
                cancelEditing()
            } else if state.view == .notes {
                state.commandPending = true
            } else {
                state.noteFocus = false
            }
        case .leaveNotes:
            cancelEditing()
            state.noteFocus = false
        case .selectEarlier:
            // From the chair's keys, Up goes to the note line and selects the latest note.
            if state.view == .chair, !state.noteFocus { state.noteFocus = true }
            select(by: -1, at: now)
        case .selectLater:
            select(by: 1, at: now)
        case .caretLeft: state.editor.left()
        case .caretRight: state.editor.right()
        case .lineStart: state.editor.home()
        case .lineEnd: state.editor.end()
        case .deleteBack: state.editor.backspace()
        case .deleteForward: state.editor.deleteForward()
        case .deleteWord: state.editor.deleteWord()
        case .deleteToStart: state.editor.deleteToStart()
        case .editNote:
            beginEditing()
        case .deleteNote:
            deleteSelected(at: now)
        case .moveNote:
            beginMove()
        case .deselect:
            state.selectedNote = nil
        case .listUp, .listDown:
            moveInList(command == .listUp ? -1 : 1)
        case .choose:
            choose(at: now)
        case .cancel, .no:
            state.overlay = nil
        case .yes:
            let overlay = state.overlay
            state.overlay = nil
            switch overlay {
            case .confirmQuit: return .quit
            case .confirmEndSlot: chair(.endSlot, at: now)
            case .confirmCommand(let command, _): chair(command, at: now, confirmed: true)
            default: break
            }
        }
        if state.editor.isEmpty, state.editing == nil { state.lineTopic = nil }
        return .none
    }

    func chair(_ command: Session.Command, at now: Date, confirmed: Bool = false) {
        guard state.role.steers else { return }
        do {
            let outcome = try live.perform(command, at: now, confirmed: confirmed)
            deliver(outcome.effects, at: now)
            switch outcome.answer {
            case .recorded: break
            case .asked(let question): state.overlay = .confirmCommand(command, question)
            case .refused(let reason): state.message = .init(reason, isError: false)
            }
        } catch {
            state.message = .init("could not record that: \(error)", isError: true)
        }
    }

    /// Runs a note write; shows why it failed. Returns the answer, or nil when it failed.
    func write(_ failure: String, at now: Date, _ body: () throws -> LiveSession.Outcome) -> LiveSession.Answer? {
        do {
            let outcome = try body()
            deliver(outcome.effects, at: now)
            return outcome.answer
        } catch {
            state.message = .init("\(failure): \(error)", isError: true)
            return nil
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

    /// Notes of the topic on the clock at `now`.
    func currentNotes(at now: Date) -> [Note] {
        guard let s = snapshot(at: now), let topic = s.currentTopic else { return [] }
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

    func saveNote(at now: Date) {
        let text = state.editor.text.trimmingCharacters(in: .whitespaces)
        if let stash = state.composingMessage {
            // The line held a message to the speaker: send it, and give the note back its line.
            guard !text.isEmpty else { return }
            chair(.message(text), at: now)
            state.editor.set(stash)
            state.composingMessage = nil
            if state.view == .chair, stash.isEmpty { state.noteFocus = false }
            return
        }
        if let editing = state.editing {
            if !text.isEmpty, session.notes[editing.noteID]?.text != text {
                let answer = write("could not save the edit", at: now) { try live.editNote(editing.noteID, text: text, base: editing.base, at: now) }
                switch answer {
                case nil: return
                case .refused(let why)?:
                    // Somebody else changed it: the text stays in the line, nothing is lost.
                    state.message = .init(why, isError: true)
                    return
                default: break
                }
            }
            state.editor.set(editing.stashedDraft)
            state.editing = nil
            state.selectedNote = nil
            if state.view == .chair { state.noteFocus = false }
            return
        }
        guard !text.isEmpty else {
            // A line of only spaces is cleared, not saved.
            state.editor.clear()
            state.lineTopic = nil
            return
        }
        guard let target = state.lineTopic ?? snapshot(at: now)?.currentTopic.flatMap({ t in
            snapshot(at: now).map { UIState.TopicRef(slot: $0.slot.id, topic: t.topic.id) }
        }) else { return }
        guard write("could not save the note (it is still in the line)", at: now, {
            try live.addNote(text, slot: target.slot, topic: target.topic, at: now).outcome
        }) != nil else { return }
        state.editor.clear()
        state.lineTopic = nil
        draftDirty = false
        draftDue = nil
        // The chair's keys come back after a note: space then starts or pauses, as the legend says.
        if state.view == .chair { state.noteFocus = false }
    }

    func select(by step: Int, at now: Date) {
        let notes = currentNotes(at: now)
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
        state.editing = .init(noteID: id, base: note.version, stashedDraft: state.editing?.stashedDraft ?? state.editor.text)
        state.editor.set(note.text)
        state.selectedNote = nil
    }

    func cancelEditing() {
        guard let editing = state.editing else { return }
        state.editor.set(editing.stashedDraft)
        state.editing = nil
    }

    func deleteSelected(at now: Date) {
        guard let id = state.selectedNote else { return }
        guard write("could not delete the note", at: now, { try live.record(.noteDeleted(id: id), at: now) }) != nil else { return }
        // Back to the line: a second Ctrl-D never deletes a neighbour by surprise.
        state.selectedNote = nil
        state.message = .init("note deleted (Ctrl-Z undoes)", isError: false)
    }

    func undo(at now: Date) {
        switch write("could not undo", at: now, { try live.undo(at: now) }) {
        case .recorded?: state.message = .init("undone", isError: false)
        case .refused(let why)?: state.message = .init(why, isError: false)
        default: break
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
        case .messagePicker(let i):
            state.overlay = .messagePicker(index: max(0, min(messageChoices.count - 1, i + step)))
        default: break
        }
    }

    /// What the message picker offers: the agenda's presets, typing one, and clearing the one shown.
    public enum MessageChoice: Equatable {
        case preset(String)
        case type
        case clear
    }

    var messageChoices: [MessageChoice] {
        session.agenda.defaults.messages.map(MessageChoice.preset) + [.type, .clear]
    }

    func choose(at now: Date) {
        let overlay = state.overlay
        state.overlay = nil
        switch overlay {
        case .slotPicker(let i):
            guard session.agenda.slots.indices.contains(i) else { return }
            let id = session.agenda.slots[i].id
            if snapshot(at: now)?.slot.id != id { chair(.openSlot(id), at: now) }
            state.selectedNote = nil
        case .messagePicker(let i):
            let choices = messageChoices
            guard choices.indices.contains(i) else { return }
            switch choices[i] {
            case .preset(let text): chair(.message(text), at: now)
            case .clear: chair(.message(nil), at: now)
            case .type:
                state.composingMessage = state.editing == nil ? state.editor.text : nil
                if state.editing != nil { cancelEditing(); state.composingMessage = state.editor.text }
                state.editor.clear()
                state.selectedNote = nil
                state.commandPending = false
            }
        case .topicPicker(let noteID, let i):
            let all = session.agenda.allTopics
            guard all.indices.contains(i) else { return }
            let target = all[i]
            if write("could not move the note", at: now, {
                try live.record(.noteMoved(id: noteID, slot: target.slot.id, topic: target.topic.id, undo: false), at: now)
            }) != nil {
                state.message = .init("note moved to \(target.topic.title) (Ctrl-Z undoes)", isError: false)
                state.selectedNote = nil
            }
        default: break
        }
    }
}

/// The session's decisions at one instant, each asked once: a frame's legend and help ask about
/// the same commands several times (and a rebalance or a start works out a snapshot to answer).
final class DecisionMemo: @unchecked Sendable {
    private let session: Session
    private let now: Date
    private let lock = NSLock()
    private var known: [(Session.Command, Session.Decision)] = []
    /// The slot, run and topic every command is decided against, found at the first decision.
    private var ground: Result<Session.DecisionGround, Session.Refusal>?

    init(_ session: Session, at now: Date) {
        self.session = session
        self.now = now
    }

    @Sendable func decide(_ command: Session.Command) -> Session.Decision {
        if let hit = lock.withLock({ known.first { $0.0 == command }?.1 }) { return hit }
        let ground = lock.withLock { self.ground } ?? session.decisionGround(at: now)
        let decision = session.decide(command, at: now, ground: ground)
        lock.withLock {
            self.ground = ground
            known.append((command, decision))
        }
        return decision
    }
}
