#ifndef CNCURSES_H
#define CNCURSES_H
// Wide-character curses: these must come before curses.h (see STYLE.md: pkgConfig drops them).
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <curses.h>
#endif
