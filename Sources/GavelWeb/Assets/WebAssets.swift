/// Every page, script and style of the companion, inside the binary: nothing is fetched from
/// anywhere else (a conference LAN has no internet, and a CDN would tell a third party who is
/// where). Pages hold no inline script or style, so `Content-Security-Policy: default-src 'self'`
/// holds; scripts insert every text as text (`textContent`), never as markup.
public enum WebAssets {
    public struct Asset: Sendable {
        public var contentType: String
        public var body: String
    }

    /// The static files under `/assets/`; `theme.css` is made from the server's theme.
    public static func asset(named name: String, theme: WebTheme) -> Asset? {
        switch name {
        case "theme.css": Asset(contentType: "text/css; charset=utf-8", body: theme.css)
        case "gavel.css": Asset(contentType: "text/css; charset=utf-8", body: style)
        case "gavel.js": Asset(contentType: "text/javascript; charset=utf-8", body: commonScript)
        case "speaker.js": Asset(contentType: "text/javascript; charset=utf-8", body: speakerScript)
        case "notes.js": Asset(contentType: "text/javascript; charset=utf-8", body: notesScript)
        case "remote.js": Asset(contentType: "text/javascript; charset=utf-8", body: remoteScript)
        default: nil
        }
    }

    /// The HTML of a role's page (the same for every token: the script reads it from the address).
    public static func page(for role: WebRole) -> String {
        switch role {
        case .speaker: document(title: "speaker", script: "speaker.js", bodyClass: "speaker", body: speakerBody)
        case .notes: document(title: "notes", script: "notes.js", bodyClass: "notes", body: notesBody)
        case .remote: document(title: "chair remote", script: "remote.js", bodyClass: "remote", body: remoteBody)
        case .feed: ""
        }
    }

    static func document(title: String, script: String, bodyClass: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
        <meta name="referrer" content="no-referrer">
        <meta name="color-scheme" content="dark light">
        <title>Gavel · \(title)</title>
        <link rel="stylesheet" href="/assets/theme.css">
        <link rel="stylesheet" href="/assets/gavel.css">
        <script src="/assets/gavel.js" defer></script>
        <script src="/assets/\(script)" defer></script>
        </head>
        <body class="\(bodyClass) phase-ready">
        \(body)
        </body>
        </html>

        """
    }

    static let speakerBody = """
        <main id="screen">
          <div id="message" hidden></div>
          <header><h1 id="title">Gavel</h1><p id="speakers"></p></header>
          <div id="clock" aria-live="off">--:--</div>
          <p id="words"></p>
          <footer><span id="slot"></span><span id="status">connecting…</span></footer>
        </main>
        """

    static let notesBody = """
        <header id="bar">
          <div><h1 id="title">Gavel</h1><p id="speakers"></p></div>
          <div id="side"><span id="clock">--:--</span><span id="words"></span></div>
        </header>
        <form id="line" autocomplete="off">
          <input id="text" name="text" maxlength="4096" placeholder="a: action @owner · d: decision · q: question · or discussion" aria-label="note">
          <button id="send" type="submit">Save</button>
        </form>
        <p id="hint"><label>Name <input id="name" maxlength="40" placeholder="your name"></label> <span id="editing" hidden>editing a note · <button id="cancel" type="button">cancel</button></span></p>
        <p id="error" role="alert" hidden></p>
        <ul id="notes"></ul>
        <footer><span id="slot"></span><span id="status">connecting…</span></footer>
        """

    static let remoteBody = """
        <header id="bar">
          <div><h1 id="title">Gavel</h1><p id="speakers"></p></div>
          <div id="side"><span id="clock">--:--</span><span id="words"></span></div>
        </header>
        <div id="buttons">
          <button id="toggle" data-command="toggle">Start</button>
          <button id="previous" data-command="previous">◀ Previous</button>
          <button id="next" data-command="next">Next ▶</button>
          <button id="minus" data-command="minus">−1 min</button>
          <button id="plus" data-command="plus">+1 min</button>
        </div>
        <form id="say">
          <select id="preset" aria-label="a preset message"></select>
          <input id="text" maxlength="200" placeholder="or type a message" aria-label="a message for the speaker">
          <button id="send" type="submit">Show the speaker</button>
          <button id="clear" type="button">Clear</button>
        </form>
        <p id="error" role="alert" hidden></p>
        <ol id="topics"></ol>
        <footer><span id="slot"></span><span id="status">connecting…</span></footer>
        """
}
