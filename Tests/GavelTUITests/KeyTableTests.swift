import Testing
@testable import GavelTUI

@Suite struct KeyTableTests {
    @Test func noContextBindsAKeyTwice() {
        let dups = KeyTable.duplicates()
        #expect(dups.isEmpty, "bound twice: \(dups.map { "\($0.0): \($0.1)" })")
    }

    @Test func theContractKeys() {
        let chair: [(Key, UserCommand)] = [
            (.char(" "), .toggle), (.char("n"), .next), (.char("p"), .previous), (.char("+"), .moreTime),
            (.char("-"), .lessTime), (.tab, .focusNotes), (.char("i"), .focusNotes), (.char("s"), .pickSlot),
            (.char("E"), .endSlot), (.char("v"), .nextView), (.char("t"), .nextTheme), (.char("?"), .help),
            (.char("q"), .quit),
        ]
        for (key, command) in chair { #expect(KeyTable.command(for: key, in: .chair) == command, "\(key)") }
        #expect(KeyTable.command(for: .enter, in: .noteLine) == .saveNote)
        #expect(KeyTable.command(for: .escape, in: .noteLine) == .leaveNotes)
        #expect(KeyTable.command(for: .tab, in: .noteLine) == .leaveNotes)
        #expect(KeyTable.command(for: .up, in: .noteLine) == .selectEarlier)
        #expect(KeyTable.command(for: .ctrl("z"), in: .noteLine) == .undo)
        #expect(KeyTable.command(for: .enter, in: .selectedNote) == .editNote)
        #expect(KeyTable.command(for: .ctrl("d"), in: .selectedNote) == .deleteNote)
        #expect(KeyTable.command(for: .char("m"), in: .selectedNote) == .moveNote)
        #expect(KeyTable.command(for: .char("y"), in: .confirm) == .yes)
    }

    @Test func typingIsNeverACommandInTheNoteLine() {
        for ch in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 +-?!.,:;@#会✓" {
            #expect(KeyTable.command(for: .char(ch), in: .noteLine) == nil, "\(ch)")
        }
    }

    @Test func readOnlyViewsCannotChangeTheSession() {
        for context in KeyContext.allCases {
            for b in KeyTable.bindings(in: context, readOnly: true) {
                #expect([.nextView, .nextTheme, .help, .quit, .suspend, .interrupt, .leaveNotes, .selectEarlier,
                         .selectLater, .deselect, .listUp, .listDown, .choose, .cancel, .yes, .no].contains(b.command),
                        "\(b.command) in \(context)")
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

    @Test func helpOverlayAndLegendComeFromTheTable() throws {
        let f = try Fixture()
        f.press(.char("?"))
        let help = f.render(width: 100, height: 40).text
        for b in KeyTable.bindings(in: .chair) { #expect(help.contains(b.help), "\(b.help)") }
        f.press(.char("x"))
        #expect(f.model.state.overlay == nil, "any key closes the help")
        let legend = f.render().lines[23]
        #expect(legend.contains("space start") && legend.contains("q quit") && legend.contains("? help"))
    }
}
