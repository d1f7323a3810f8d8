import ArgumentParser
import Foundation
import GavelStore
import GavelTUI
import GavelWeb

/// `gavel links AGENDA [--renew]`: the web companion's links with their tokens, as full URLs of the
/// server running on the session (address and port), and the speaker and notes links as QR codes.
struct LinksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links",
        abstract: "Print the web links of the session (and QR codes); --renew replaces every token.",
        discussion: """
        Each link has its own 128-bit secret token, kept in the session file: speaker (reads only), \
        notes (adds notes), remote (steers the clock: keep it to the co-chair) and feed (JSON for \
        integrations). --renew makes new tokens at once: pages opened with the old links stop \
        working (a running server sees the change within a second).
        """
    )

    @OptionGroup var options: SessionOptions

    @Flag(help: "Replace every token: the old links stop working.")
    var renew = false

    @Flag(name: .customLong("qr"), inversion: .prefixedNo, help: "Draw the speaker and notes links as QR codes.")
    var qr = true

    func run() throws {
        guard FileManager.default.fileExists(atPath: options.agenda) else {
            throw ViewLauncher.fail("\(options.agenda): no such agenda file", code: .noInput)
        }
        let sessionPath = SessionOpening.path(agendaPath: options.agenda, sessionPath: options.session)
        let links: SessionLinks
        do {
            links = try WebLinks.read(try SessionStore(path: sessionPath), renew: renew)
        } catch let error as SessionStoreError {
            throw ViewLauncher.fail("cannot open the session: \(error)", code: CLIError.code(for: error))
        } catch {
            throw ViewLauncher.fail("cannot open the session: \(error)", code: .ioError)
        }
        var out = ""
        if !links.serverRunning {
            out += "No server runs on \(sessionPath) now; these links work once `gavel serve \(options.agenda)` "
                + "(or `gavel run --serve \(WebServer.Listen.defaultPort)`) listens on port \(WebServer.Listen.defaultPort).\n"
        }
        if renew { out += "New tokens: the old links no longer work.\n" }
        out += Self.linkLines(links)
        if qr { out += "\n" + Self.qrCodes(links) }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// One line per role and address: `speaker  http://10.0.0.5:8470/s/TOKEN`.
    static func linkLines(_ links: SessionLinks) -> String {
        var out = ""
        for role in WebRole.allCases {
            for base in links.bases {
                guard let url = links.url(role, base: base) else { continue }
                out += role.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0) + " " + url + "\n"
            }
        }
        return out
    }

    /// The speaker and notes links (on the first address) as QR codes for this terminal: half
    /// blocks with UTF-8, reverse-video spaces without; white on black forced when writing to a
    /// terminal, so the code reads right on a light background too.
    static func qrCodes(_ links: SessionLinks) -> String {
        let unicode = Self.localeIsUTF8
        let colour = isatty(STDOUT_FILENO) == 1
        var out = ""
        for role in [WebRole.speaker, .notes] {
            guard let text = links.qrText(role), let url = links.url(role), let code = try? QRCode.encode(text) else { continue }
            let size = QRCodeView.footprint(size: code.size, unicode: unicode)
            var buffer = Buffer(width: size.width, height: size.height)
            QRCodeView.draw(size: code.size, isDark: code.isDark, into: &buffer, x: 0, y: 0, unicode: unicode)
            out += "\(role.rawValue): \(url)\n" + terminalText(buffer, colour: colour) + "\n"
        }
        return out
    }

    /// The speaker and notes links with their QR codes, for the chair console's `w` overlay.
    static func codes(_ store: SessionStore) -> WebLinkCodes? {
        guard let links = try? WebLinks.read(store) else { return nil }
        var codes: [WebLinkCodes.Code] = []
        for role in [WebRole.speaker, .notes] {
            guard let text = links.qrText(role), let url = links.url(role), let code = try? QRCode.encode(text) else { continue }
            var dark: [Bool] = []
            dark.reserveCapacity(code.size * code.size)
            for y in 0..<code.size { for x in 0..<code.size { dark.append(code.isDark(x: x, y: y)) } }
            codes.append(.init(role: role.rawValue, url: url, size: code.size, dark: dark))
        }
        return WebLinkCodes(codes: codes, serverRunning: links.serverRunning)
    }

    /// The buffer's rows with the escapes for reverse video (and, on a terminal, the colours).
    static func terminalText(_ buffer: Buffer, colour: Bool) -> String {
        var out = ""
        for y in 0..<buffer.height {
            if colour { out += "\u{1B}[97;40m" }
            var reversed = false
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if cell.style.reverse != reversed {
                    out += cell.style.reverse ? "\u{1B}[7m" : "\u{1B}[27m"
                    reversed = cell.style.reverse
                }
                out.append(cell.character)
            }
            if reversed || colour { out += "\u{1B}[0m" }
            out += "\n"
        }
        return out
    }

    static var localeIsUTF8: Bool {
        let env = ProcessInfo.processInfo.environment
        let value = [env["LC_ALL"], env["LC_CTYPE"], env["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        let lower = value.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }
}
