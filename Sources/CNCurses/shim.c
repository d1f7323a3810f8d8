#include "CNCurses.h"
#include <signal.h>
#include <pthread.h>
#include <unistd.h>
#include <errno.h>
#include <sys/ioctl.h>
#include <termios.h>

// The write end of the run loop's self-pipe: a signal handler only writes the signal's number.
static volatile sig_atomic_t signal_pipe_fd = -1;

static void on_signal(int sig) {
    int saved = errno;
    unsigned char byte = (unsigned char)sig;
    if (signal_pipe_fd >= 0) { ssize_t ignored = write(signal_pipe_fd, &byte, 1); (void)ignored; }
    errno = saved;
}

static const int watched[] = { SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT };

int cn_signals_install(int write_fd) {
    signal_pipe_fd = write_fd;
    sigset_t set;
    sigemptyset(&set);
    for (unsigned i = 0; i < sizeof watched / sizeof watched[0]; i++) {
        struct sigaction sa;
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        if (sigaction(watched[i], &sa, NULL) != 0) return -1;
        sigaddset(&set, watched[i]);
    }
    // A parent (a test runner, a shell script) may have blocked them: unblock, or resize and Ctrl-C do nothing.
    return pthread_sigmask(SIG_UNBLOCK, &set, NULL) == 0 ? 0 : -1;
}

void cn_signals_restore_default(void) {
    for (unsigned i = 0; i < sizeof watched / sizeof watched[0]; i++) signal(watched[i], SIG_DFL);
    signal_pipe_fd = -1;
}

int cn_signal_tstp(void) { return SIGTSTP; }
int cn_signal_cont(void) { return SIGCONT; }
int cn_signal_winch(void) { return SIGWINCH; }
int cn_signal_int(void) { return SIGINT; }
int cn_signal_term(void) { return SIGTERM; }
int cn_signal_hup(void) { return SIGHUP; }

void cn_stop_self(void) {
    // Stop with the default action, then take the handler back once continued.
    struct sigaction dfl, old;
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    dfl.sa_flags = 0;
    sigaction(SIGTSTP, &dfl, &old);
    kill(getpid(), SIGTSTP);
    sigaction(SIGTSTP, &old, NULL);
}

int cn_window_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

#include <term.h>

int cn_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}
