#ifndef CNCURSES_H
#define CNCURSES_H
// Wide-character curses: these must come before curses.h (see STYLE.md: pkgConfig drops them).
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <string.h>
#include <unistd.h>
#include <locale.h>
#include <wchar.h>
#include <stdio.h>
#include <curses.h>

// Swift cannot import function-like macros or C globals under strict concurrency: these wrappers
// are the only way GavelTUI reaches them. Every one is a plain pass-through.

static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
static inline int cn_err(void) { return ERR; }
static inline int cn_ok(void) { return OK; }
static inline int cn_key_code_yes(void) { return KEY_CODE_YES; }

static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_dim(void) { return A_DIM; }

static inline int cn_key_resize(void) { return KEY_RESIZE; }
static inline int cn_key_up(void) { return KEY_UP; }
static inline int cn_key_down(void) { return KEY_DOWN; }
static inline int cn_key_left(void) { return KEY_LEFT; }
static inline int cn_key_right(void) { return KEY_RIGHT; }
static inline int cn_key_home(void) { return KEY_HOME; }
static inline int cn_key_end(void) { return KEY_END; }
static inline int cn_key_backspace(void) { return KEY_BACKSPACE; }
static inline int cn_key_dc(void) { return KEY_DC; }
static inline int cn_key_enter(void) { return KEY_ENTER; }
static inline int cn_key_btab(void) { return KEY_BTAB; }
static inline int cn_key_ppage(void) { return KEY_PPAGE; }
static inline int cn_key_npage(void) { return KEY_NPAGE; }
static inline int cn_key_f0(void) { return KEY_F0; }

static inline FILE *cn_stdin(void) { return stdin; }
static inline FILE *cn_stdout(void) { return stdout; }

/// Reads one key: returns get_wch's status (OK, KEY_CODE_YES or ERR) and stores its value.
static inline int cn_get_wch(WINDOW *win, unsigned int *value) {
    wint_t ch = 0;
    int status = wget_wch(win, &ch);
    *value = (unsigned int)ch;
    return status;
}

/// Writes a control sequence straight to the terminal (modes curses does not manage, such as
/// bracketed paste), after whatever stdio holds.
static inline void cn_write_stdout(const char *text) {
    fflush(stdout);
    size_t n = strlen(text);
    while (n > 0) {
        ssize_t w = write(1, text, n);
        if (w <= 0) break;
        text += w;
        n -= (size_t)w;
    }
}

/// The columns the C library (and so curses) gives a wide character.
/// (POSIX declares it; glibc's wchar.h only with _XOPEN_SOURCE, which this header does not set.)
int wcwidth(wchar_t c);
static inline int cn_wcwidth(wchar_t c) { return wcwidth(c); }

/// Makes one cell (setcchar) of a run for cn_put_cells.
static inline int cn_set_cell(cchar_t *cell, const wchar_t *text, attr_t attrs, short pair) {
    return setcchar(cell, text, attrs, pair, NULL);
}

/// Copies a run of cells into row y from column x (wadd_wchnstr): no wrapping, no scrolling
/// (the bottom-right corner included), the cursor not advanced.
static inline int cn_put_cells(WINDOW *win, int y, int x, const cchar_t *cells, int n) {
    if (wmove(win, y, x) == ERR) return ERR;
    return wadd_wchnstr(win, cells, n);
}

/// Puts one wide character with attributes and a colour pair at (y, x).
static inline int cn_put_cell(WINDOW *win, int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(win, y, x, &cell);
}

/// Like cn_put_cell, but for the bottom-right corner, where adding a character would scroll.
static inline int cn_put_corner(WINDOW *win, int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) != OK) return ERR;
    return mvwins_wch(win, y, x, &cell);
}
// Signals reach the run loop through a self-pipe: each handler writes the signal's number to it.
int cn_signals_install(int write_fd);
void cn_signals_restore_default(void);
int cn_signal_tstp(void);
int cn_signal_cont(void);
int cn_signal_winch(void);
int cn_signal_int(void);
int cn_signal_term(void);
int cn_signal_hup(void);
/// Stops the process as SIGTSTP would (after the caller restored the terminal); returns once continued.
void cn_stop_self(void);
/// The terminal's size from the kernel; 0 on success.
int cn_window_size(int fd, int *rows, int *cols);
/// Whether the current terminal can move its cursor (a "dumb" terminal cannot show a screen).
int cn_can_address_cursor(void);
#endif
