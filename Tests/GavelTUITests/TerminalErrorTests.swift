import Testing
@testable import GavelTUI

/// `TERM` can hold anything, and the error that quotes it is printed to the terminal: before, an
/// unknown `TERM` of `\e]2;pwned\a` retitled the window of whoever ran gavel.
@Suite struct TerminalErrorTests {
    @Test(arguments: [CursesTerminal.OpenError.unknownTerm("x\u{1b}]2;pwned\u{7}\u{202e}"),
                      .cannotAddress("x\u{1b}]2;pwned\u{7}\u{202e}")])
    func theQuotedTermIsEscaped(error: CursesTerminal.OpenError) {
        let text = error.description
        #expect(text.contains("x^[]2;pwned^G\\u{202e}"), "\(text)")
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x202E })
    }
}
