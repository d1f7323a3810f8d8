"""ptyrun.py - the pseudo-terminal plumbing the bench drivers share: start a program in its own
pty at a size, read what it writes (answering a cursor-position query so curses does not wait),
and stop it and its process group for sure."""
import fcntl
import os
import pty
import signal
import struct
import termios
import time


def spawn(cmd, rows=24, cols=80):
    """Starts cmd in a new pty of rows x cols with TERM=xterm-256color; returns (pid, fd)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ.setdefault("LANG", "C.UTF-8")
        try:
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return pid, fd


def read_chunk(fd):
    """What the program wrote, or b"" once it is gone; answers a cursor-position query."""
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        return b""
    if b"\x1b[6n" in chunk:
        os.write(fd, b"\x1b[1;1R")
    return chunk


def stop(pid, fd):
    """SIGTERM, then SIGKILL, to the program's process group (or the program), then closes fd."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pid, sig)
        except (ProcessLookupError, PermissionError):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                break
        time.sleep(0.1)
        try:
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                break
        except ChildProcessError:
            break
    os.close(fd)
