// Every view measures and escapes text with `TextWidth` and `TerminalText`, which live in
// GavelTerminalText (without curses, so the summaries, `gavel plan` and `gavel import` can use them
// too). Re-exported here so the drawing module reads as one vocabulary: a view file needs no
// import of its own for the text it draws.
@_exported import GavelTerminalText
