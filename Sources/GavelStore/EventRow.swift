import GavelCore

/// The parts of an event that get their own columns, for people reading the file with `sqlite3`.
struct EventRow {
    var slot: String?
    var topic: String?
    var note: String?
    var text: String?
    var author: String?
    var seconds: Int?
    var cause: String?
    var undo: Bool?

    init(_ event: SessionEvent) {
        switch event.action {
        case .openSlot(let slot):
            self.slot = slot
        case .start(let slot, let topic), .pause(let slot, let topic), .next(let slot, let topic),
             .previous(let slot, let topic):
            self.slot = slot
            self.topic = topic
        case .adjust(let slot, let topic, let seconds, _):
            self.slot = slot
            self.topic = topic
            self.seconds = seconds
        case .undoAdjustments:
            break
        case .message(let slot, let topic, let text):
            self.slot = slot
            self.topic = topic
            self.text = text
        case .holdAutoNext(let slot, let topic):
            self.slot = slot
            self.topic = topic
        case .extendSlot(let slot, let seconds):
            self.slot = slot
            self.seconds = seconds
        case .endSlot(let slot, let cause):
            self.slot = slot
            self.cause = cause.rawValue
        case .noteAdded(let id, let slot, let topic, let text, let by):
            note = id
            self.slot = slot
            self.topic = topic
            self.text = text
            author = by
        case .noteEdited(let id, let text, let undo, _):
            note = id
            self.text = text
            self.undo = undo
        case .noteDeleted(let id), .noteRestored(let id):
            note = id
        case .noteMoved(let id, let slot, let topic, let undo):
            note = id
            self.slot = slot
            self.topic = topic
            self.undo = undo
        case .clockJump(let seconds, _, _):
            self.seconds = Int(seconds.rounded())
        case .clockBase:
            break
        }
    }
}
