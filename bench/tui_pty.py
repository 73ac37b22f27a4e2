"""An app running in a real pseudo-terminal, driven as a person at a terminal drives it.

`Terminal` starts a command in a pty of a given size, writes keys to it and reads what the app
writes back, until a frame shows what the caller waits for (a regular expression over the
output with the escape sequences taken out). The time of a key is from writing its bytes to
reading the frame that shows its result; the app's CPU time (user + system, every thread) is
read from /proc.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Sequence

#: CSI and OSC sequences, charset switches and other single escapes: what is not text.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
                      r"|\x1b[()][0-9A-Za-z]|\x1b[=>78]")
KEYS = {"pagedown": b"\x1b[6~", "pageup": b"\x1b[5~", "backspace": b"\x7f",
        "escape": b"\x1b", "enter": b"\r", "ctrl+q": b"\x11", "down": b"\x1b[B"}
TICK = os.sysconf("SC_CLK_TCK")


def text_of(output: bytes) -> str:
    """What the output says, without its escape sequences."""
    return _ESCAPES.sub("", output.decode("utf-8", "replace"))


class Timeout(Exception):
    """The awaited frame did not come."""


class Terminal:
    """A command in a pty of `size` (columns, lines)."""

    def __init__(self, argv: Sequence[str], size: tuple[int, int], cwd: str,
                 env: dict[str, str] | None = None) -> None:
        master, slave = pty.openpty()
        columns, lines = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        environment = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor",
                       "COLUMNS": str(columns), "LINES": str(lines), **(env or {})}
        environment.pop("TEXTUAL", None)
        self.proc = subprocess.Popen(list(argv), stdin=slave, stdout=slave, stderr=slave,
                                     cwd=cwd, env=environment, start_new_session=True,
                                     close_fds=True)
        os.close(slave)
        self.master = master
        os.set_blocking(master, False)
        self.seen = b""  # output since the last key (or the last `clear`)

    # --- output --------------------------------------------------------------------------

    def _read(self, timeout: float) -> bytes:
        ready, _, _ = select.select([self.master], [], [], max(timeout, 0))
        if not ready:
            return b""
        try:
            return os.read(self.master, 1 << 20)
        except (BlockingIOError, OSError):
            return b""

    def wait_for(self, pattern: re.Pattern[str], timeout: float = 60.0) -> tuple[float, re.Match[str]]:
        """Read until the output since the last key shows the pattern; (time read, match)."""
        end = time.perf_counter() + timeout
        while True:
            found = pattern.search(text_of(self.seen))
            if found:
                return time.perf_counter(), found
            left = end - time.perf_counter()
            if left <= 0 or self.proc.poll() is not None:
                raise Timeout(f"no {pattern.pattern!r} in {text_of(self.seen)[-300:]!r}")
            chunk = self._read(min(left, 0.5))
            self.seen += chunk
            if chunk:
                self._answer_queries(chunk)

    def _answer_queries(self, chunk: bytes) -> None:
        # Textual asks whether the terminal does synchronized output (mode 2026); a terminal
        # that does answers "set", and the app then wraps each frame in begin/end markers.
        if b"\x1b[?2026$p" in chunk:
            os.write(self.master, b"\x1b[?2026;2$y")

    def drain(self, quiet: float = 0.3, most: float = 5.0) -> None:
        """Read until the app has written nothing for `quiet` seconds (or `most` passed)."""
        end = time.perf_counter() + most
        while time.perf_counter() < end:
            chunk = self._read(quiet)
            if not chunk:
                return
            self._answer_queries(chunk)

    def clear(self) -> None:
        """Forget the output read so far."""
        self.seen = b""

    # --- input ---------------------------------------------------------------------------

    def press(self, key: str) -> float:
        """Write one key (a character or a name in KEYS); returns when it was written."""
        self.seen = b""
        data = KEYS.get(key, key.encode())
        started = time.perf_counter()
        os.write(self.master, data)
        return started

    # --- the process ---------------------------------------------------------------------

    def cpu(self) -> float:
        """The app's CPU seconds so far (user + system, all threads)."""
        with open(f"/proc/{self.proc.pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK

    def rss(self) -> tuple[float, float]:
        """Resident memory now and at its peak, in MiB."""
        values = {}
        with open(f"/proc/{self.proc.pid}/status", encoding="ascii") as status:
            for line in status:
                name, _, rest = line.partition(":")
                if name in ("VmRSS", "VmHWM"):
                    values[name] = int(rest.split()[0]) / 1024
        return values["VmRSS"], values["VmHWM"]

    def close(self) -> None:
        """Quit the app (Ctrl+Q), or end it if it does not go."""
        try:
            os.write(self.master, KEYS["ctrl+q"])
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=5)
        finally:
            os.close(self.master)
