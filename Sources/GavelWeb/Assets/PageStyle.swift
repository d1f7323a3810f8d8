extension WebAssets {
    /// `/assets/gavel.css`: system fonts only (nothing to download); the theme's colours come from
    /// `/assets/theme.css` as custom properties. The speaker's countdown fills the screen in portrait
    /// (bounded by the width) and landscape (bounded by the height).
    static let style = #"""
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; background: var(--background); color: var(--text);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
body { --phase: var(--accent); }
body.phase-ready { --phase: var(--accent); }
body.phase-running { --phase: var(--ok); }
body.phase-warn { --phase: var(--warn); }
body.phase-urgent { --phase: var(--urgent); }
body.phase-overtime { --phase: var(--over); }
body.phase-paused, body.phase-ended { --phase: var(--accent); }
h1 { margin: 0; font-weight: 700; }
p { margin: 0; }
[hidden] { display: none !important; }
button { font: inherit; color: var(--background); background: var(--text); border: 0; border-radius: 0.4em;
  padding: 0.5em 0.9em; cursor: pointer; }
button:active { filter: brightness(0.8); }
input { font: inherit; color: var(--text); background: transparent; border: 1px solid var(--text);
  border-radius: 0.3em; padding: 0.5em; }
footer { display: flex; justify-content: space-between; gap: 1em; opacity: 0.75; font-size: 0.9em; }

/* Speaker */
body.speaker { overflow: hidden; user-select: none; -webkit-user-select: none; }
.speaker #screen { height: 100vh; height: 100dvh; display: flex; flex-direction: column; padding: 2vh 3vw;
  padding: max(2vh, env(safe-area-inset-top)) max(3vw, env(safe-area-inset-right)) max(2vh, env(safe-area-inset-bottom)) max(3vw, env(safe-area-inset-left)); }
.speaker header { text-align: center; }
.speaker #title { font-size: clamp(1.2rem, min(6vw, 7vh), 4rem); line-height: 1.15; overflow-wrap: anywhere; }
.speaker #speakers { font-size: clamp(1rem, min(4vw, 4.5vh), 2.6rem); opacity: 0.85; }
.speaker #clock { flex: 1; display: flex; align-items: center; justify-content: center; color: var(--phase);
  font-weight: 700; font-variant-numeric: tabular-nums; line-height: 1; white-space: nowrap;
  font-size: min(30vw, 52vh); font-size: min(30vw, 52dvh); letter-spacing: -0.02em; }
.speaker #clock.long { font-size: min(24vw, 48vh); }
.speaker #clock.longer { font-size: min(20vw, 44vh); }
.speaker #words { text-align: center; font-weight: 800; min-height: 1.2em; color: var(--phase);
  font-size: clamp(1.2rem, min(8vw, 9vh), 5rem); letter-spacing: 0.05em; }
body.speaker.phase-urgent #words, body.speaker.phase-overtime #words, body.speaker.phase-ended #words {
  color: var(--background); background: var(--phase); border-radius: 0.2em; align-self: center; padding: 0 0.4em; }
.speaker #message { font-size: clamp(1.5rem, min(9vw, 10vh), 6rem); font-weight: 800; text-align: center;
  color: var(--background); background: var(--accent); border-radius: 0.2em; padding: 0.1em 0.4em; }
.speaker footer { font-size: clamp(0.9rem, min(3vw, 3.5vh), 1.8rem); }
@media (orientation: portrait) {
  .speaker #clock { font-size: 30vw; }
  .speaker #clock.long { font-size: 24vw; }
  .speaker #clock.longer { font-size: 20vw; }
}

/* Notes and remote */
body.notes, body.remote { padding: 0.8em; max-width: 60em; margin: 0 auto; display: flex; flex-direction: column; gap: 0.7em; }
#bar { display: flex; justify-content: space-between; align-items: flex-start; gap: 1em;
  border-bottom: 2px solid var(--phase); padding-bottom: 0.5em; }
#bar #title { font-size: 1.3em; overflow-wrap: anywhere; }
#bar #speakers { opacity: 0.8; }
#side { text-align: right; white-space: nowrap; }
#side #clock { display: block; font-size: 2em; font-weight: 700; font-variant-numeric: tabular-nums; color: var(--phase); }
#side #words { font-weight: 700; color: var(--phase); }
#line { display: flex; gap: 0.5em; }
#line input { flex: 1; min-width: 0; }
#hint { font-size: 0.9em; opacity: 0.85; }
#hint input { padding: 0.2em 0.4em; width: 12em; }
#error { color: var(--urgent); font-weight: 700; }
#notes, #topics { list-style: none; margin: 0; padding: 0; }
.note, .topic { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.5em; padding: 0.5em 0;
  border-bottom: 1px solid color-mix(in srgb, var(--text) 25%, transparent); }
.note .text, .topic .text { flex: 1 1 12em; overflow-wrap: anywhere; white-space: pre-wrap; }
.note .meta, .topic .meta { font-size: 0.85em; opacity: 0.7; }
.note .kind { font-size: 0.75em; font-weight: 800; padding: 0.1em 0.4em; border-radius: 0.3em; color: var(--background); background: var(--accent); }
.note.kind-action .kind { background: var(--warn); }
.note.kind-decision .kind { background: var(--ok); }
.note.kind-question .kind { background: var(--over); }
.note.pending { opacity: 0.6; }
.note button { font-size: 0.8em; padding: 0.2em 0.6em; }
#buttons { display: grid; grid-template-columns: 1fr 1fr; gap: 0.6em; }
#buttons button { font-size: 1.4em; padding: 0.8em 0.4em; }
#buttons #toggle { grid-column: 1 / 3; background: var(--phase); }
.topic.current { font-weight: 700; }
.topic.finished { opacity: 0.6; }
"""#
}
