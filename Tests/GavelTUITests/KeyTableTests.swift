import Foundation
import GavelCore
import GavelTestSupport
import Testing
@testable import GavelTUI

@Suite struct KeyTableTests {
    @Test func noContextBindsAKeyTwice() {
        let dups = KeyTable.duplicates()
        #expect(dups.isEmpty, "bound twice: \(dups.map { "\($0.0) \($0.1): \($0.2)" })")
    }

    static func command(_ key: Key, _ context: KeyContext, _ role: Role = .chair) -> UserCommand? {
        KeyTable.binding(for: key, in: context, role: role)?.command
    }

    @Test func theContractKeys() {
        let chair: [(Key, UserCommand)] = [
            (.char(" "), .toggle), (.char("n"), .next), (.char("p"), .previous), (.char("+"), .moreTime),
            (.char("-"), .lessTime), (.tab, .focusNotes), (.char("i"), .focusNotes), (.char("s"), .pickSlot),
            (.char("E"), .endSlot), (.char("v"), .nextView), (.char("t"), .nextTheme), (.char("?"), .help),
            (.char("q"), .quit), (.char("u"), .undo), (.ctrl("z"), .undo),
        ]
        for (key, command) in chair { #expect(Self.command(key, .keys) == command, "\(key)") }
        #expect(Self.command(.enter, .noteLine) == .saveNote)
        #expect(Self.command(.escape, .noteLine) == .escape)
        #expect(Self.command(.tab, .noteLine) == .leaveNotes)
        #expect(Self.command(.up, .noteLine) == .selectEarlier)
        #expect(Self.command(.ctrl("z"), .noteLine) == .undo)
        #expect(Self.command(.ctrl("w"), .noteLine) == .deleteWord)
        #expect(Self.command(.ctrl("u"), .noteLine) == .deleteToStart)
        #expect(Self.command(.ctrl("a"), .noteLine) == .lineStart)
        #expect(Self.command(.ctrl("e"), .noteLine) == .lineEnd)
        #expect(Self.command(.enter, .selectedNote) == .editNote)
        #expect(Self.command(.ctrl("d"), .selectedNote) == .deleteNote)
        #expect(Self.command(.char("m"), .selectedNote) == .moveNote)
        #expect(Self.command(.char("y"), .confirm) == .yes)
    }

    @Test func typingIsNeverACommandInTheNoteLine() {
        for role in [Role.chair, .notes] {
            for ch in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 +-?!.,:;@#会✓" {
                #expect(Self.command(.char(ch), .noteLine, role) == nil, "\(ch)")
            }
        }
    }

    /// Roles are capabilities: the speaker's screen has no key that changes anything or leaves
    /// the countdown; a note-taker's has no timer key at all, in any context.
    @Test func rolesHaveOnlyTheirKeys() {
        for context in KeyContext.allCases {
            for b in KeyTable.bindings(in: context, role: .speaker) {
                #expect([.help, .quit, .suspend, .interrupt, .listUp, .listDown, .choose, .cancel, .yes, .no].contains(b.command),
                        "the speaker has \(b.command) in \(context)")
            }
            for b in KeyTable.bindings(in: context, role: .notes) {
                #expect(![.toggle, .next, .previous, .moreTime, .lessTime, .pickSlot, .endSlot, .nextView, .nextTheme,
                          .focusNotes, .leaveNotes].contains(b.command), "a note-taker has \(b.command) in \(context)")
            }
        }
    }

    @Test func everyCommandHasAKeyAndHelp() {
        let bound = Set(KeyTable.bindings.map(\.command))
        for command in UserCommand.allCases {
            #expect(bound.contains(command), "\(command) has no key")
        }
        for b in KeyTable.bindings { #expect(!b.help.isEmpty) }
    }

    /// Every key of a view is in its help, whole, on one of its pages, at 80x24 and at the
    /// smallest full chair console.
    @Test(arguments: [Role.chair, .notes, .speaker])
    func helpHasEveryKeyUncut(role: Role) throws {
        for (w, h) in [(80, 24), (56, 16), (120, 40)] {
            let f = try Fixture(view: role == .speaker ? .speaker : (role == .notes ? .notes : .chair), role: role)
            f.press(role == .chair || role == .speaker ? .char("?") : .function(1))
            var pages: [String] = []
            for _ in 0..<10 {
                pages.append(f.render(width: w, height: h).text)
                guard case .help(let page) = f.model.state.overlay, page + 1 < f.model.viewState.helpPages else { break }
                f.press(.char(" "))
            }
            let all = pages.joined(separator: "\n")
            let rows = Overlays.helpRows(role: role)
            for row in rows where !row.isHeading {
                let line = all.split(separator: "\n").first { $0.contains(row.keys + " ") && $0.contains(row.text) }
                #expect(line != nil, "\(role) at \(w)x\(h): \(row.keys) \(row.text) missing or cut")
            }
            for key in ["Ctrl-W", "Ctrl-U", "Ctrl-A", "Ctrl-E"] where role != .speaker {
                #expect(all.contains(key), "\(key) in the help at \(w)x\(h)")
            }
            f.press(.char("x"))
            #expect(f.model.state.overlay == nil, "a key that is not space closes the help")
        }
    }

    /// The legend never offers a key that does nothing: in every state a chair meets, each key
    /// the legend shows changes the session, the screen's state, or quits.
    @Test func theLegendOffersOnlyKeysThatDoSomething() throws {
        let scenarios: [(String, (Fixture) -> Void)] = [
            ("ready", { _ in }),
            ("running", { f in f.press(.char(" ")); f.clock.advance(30) }),
            ("paused", { f in f.press(.char(" ")); f.clock.advance(30); f.press(.char(" ")) }),
            ("time ran out", { f in f.press(.char(" ")); f.clock.advance(46 * 60); f.model.tick() }),
            ("ended by the chair", { f in f.press(.char(" "), .char("E"), .char("y")) }),
            ("in the note line", { f in f.press(.char(" "), .tab); f.model.type("draft") }),
            ("with notes", { f in f.press(.char(" "), .tab); f.model.type("a: @ada do it"); f.press(.enter) }),
            ("a note selected", { f in f.press(.tab); f.model.type("one"); f.press(.enter, .up) }),
            ("a note taker's line", { f in f.press(.char(" ")); f.model.state = UIState(view: .notes, role: .chair) }),
        ]
        for (name, setUp) in scenarios {
            let probe = try Fixture()
            setUp(probe)
            let legend = probe.render(width: 200, height: 24).lines[23]
            let items = KeyTable.legend(in: probe.model.state.context, probe.model.keyState(at: probe.clock.now()))
            #expect(!items.isEmpty)
            for item in items {
                let key: Key = switch item.keys {
                case "space": .char(" ")
                case "+/-": .char("+")
                case "Tab": .tab
                case "Enter": .enter
                case "Esc": .escape
                case "Up": .up
                case "F1": .function(1)
                case let k where k.count == 1: .char(k.first!)
                default: .ctrl("c")
                }
                #expect(legend.contains(item.keys + " " + item.word), "\(name): legend shows \(item.keys)")
                let f = try Fixture()
                setUp(f)
                let events = f.log.events.count, theme = f.model.theme
                var state = f.model.state
                let outcome = f.model.handle(.key(key))
                // A message saying why nothing happened is not something happening.
                state.message = f.model.state.message
                let changed = f.log.events.count != events || f.model.state != state || f.model.theme != theme
                    || outcome != .none
                #expect(changed, "\(name): the legend offers \(item.keys) \(item.word), which does nothing")
            }
        }
    }

    @Test func afterTheSlotEndsTheLegendOffersTheNextSlot() throws {
        let f = try Fixture()
        f.press(.char(" "))
        f.clock.advance(46 * 60)
        f.model.tick()
        let legend = f.render().lines[23]
        #expect(legend.contains("s next slot"), "\(legend)")
        for gone in ["space", "+/- time", "E end", "n next"] { #expect(!legend.contains(gone), "\(gone) offered: \(legend)") }
        // Pressed anyway, a key says why it does nothing.
        f.press(.char(" "))
        #expect(f.model.state.message?.text.contains("s picks the next one") == true)
    }
}
