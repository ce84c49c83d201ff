"""The client side: find the server of this installation and hand it the command.

Imported first by `powerlint check --daemon` (lint/entry.py), so it imports only what costs next to nothing
(`marshal`, `zlib`; `socket` and `signal`, whose `enum` the command's own wrapper has imported already): the
point is to spend little more than Python's own start before the server takes over.
"""

from __future__ import annotations

import marshal
import os
import signal
import socket
import sys
import zlib

from .. import __version__
from . import OPTION

DECLINED = b"S"  # the server will not run the command (its code is no longer the installed code)


def wanted(argv: list[str]) -> bool:
    """Whether the command is `powerlint check … --daemon` on a system with a resident process."""
    if len(argv) < 2 or argv[1] != "check" or not supported():
        return False
    words = argv[2:argv.index("--")] if "--" in argv else argv[2:]
    return OPTION in words


def supported() -> bool:
    """Descriptor passing and fork: Linux, macOS and the other Unix systems."""
    return os.name == "posix" and hasattr(socket, "send_fds") and hasattr(os, "fork")


def identity() -> str:
    """What a server shares with its clients: the environment (interpreter and libraries), the package and its
    version."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return "\0".join((sys.prefix, sys.version, package, __version__))


def directory() -> str:
    """The user's directory of servers: $XDG_RUNTIME_DIR/powerlint, else powerlint-UID in the temporary
    directory. Hand-written, as lint.compiled.cache_dir is: platformdirs' user_runtime_dir would cost its import
    (5 ms) in every client, which is meant to cost little more than Python's start."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        return os.path.join(runtime, "powerlint")
    return os.path.join(os.environ.get("TMPDIR") or "/tmp", f"powerlint-{os.getuid()}")


def address() -> str | None:
    """The socket path of this installation's server (its lock file: the same with .lock), in a directory only
    this user can enter, created 0700; None where that cannot be had (another user's directory, one others
    can enter, a path too long for a socket)."""
    where = directory()
    try:
        os.makedirs(where, mode=0o700, exist_ok=True)
        info = os.lstat(where)
    except OSError:
        return None
    path = os.path.join(where, f"{zlib.crc32(identity().encode()):08x}.sock")
    if os.path.islink(where) or info.st_uid != os.getuid() or info.st_mode & 0o077 or len(path.encode()) > 100:
        return None
    return path


def connect(path: str) -> socket.socket | None:
    """A connection to the server at `path`, or None when none answers there."""
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(path)
    except OSError:
        conn.close()
        return None
    return conn


def send(conn: socket.socket, kind: str, fds: list[int] = ()) -> None:
    """A request (`run`, `status`, `stop`): marshalled, as both ends are the same interpreter (`identity`)."""
    old = os.umask(0)
    os.umask(old)
    streams = [(s.encoding, s.errors) if s is not None else ("utf-8", "strict")
               for s in (sys.stdin, sys.stdout, sys.stderr)]
    body = marshal.dumps((kind, identity(), list(sys.argv), os.getcwd(), dict(os.environ), streams, old))
    socket.send_fds(conn, [len(body).to_bytes(8, "big") + body], list(fds))


class Answer:
    """The server's answer, line by line (a Ctrl-C between two reads loses nothing)."""

    def __init__(self, conn: socket.socket):
        self.conn, self.buffer = conn, b""

    def line(self) -> bytes | None:
        """The next line without its newline; None at the end."""
        while b"\n" not in self.buffer:
            chunk = self.conn.recv(256)
            if not chunk:
                rest, self.buffer = self.buffer, b""
                return rest or None
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line


def forward() -> int | None:
    """Run this process's command in this installation's server, with this process's standard streams: its
    exit code, or None when no server took it (the caller then runs the check itself)."""
    path = address()
    conn = connect(path) if path else None
    if conn is None:
        return None
    signals = Signals()
    with conn:
        try:
            send(conn, "run", [0, 1, 2])
            code = _outcome(Answer(conn), signals)
        except OSError:  # the server went away
            code = None if signals.child is None else _cut_short()
    if code is None:
        signals.restore()
        if signals.pending:  # stopped before any child started: as the command would have been
            return 128 + signals.pending[0]
    return code


class Signals:
    """Ctrl-C, SIGTERM and SIGHUP sent to this process, passed on to the child once it has started (kept until
    then: one sent while the server forks is not lost)."""

    PASSED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

    def __init__(self):
        self.child: int | None = None
        self.pending: list[int] = []
        self.before = {number: signal.signal(number, self._received) for number in self.PASSED}

    def _received(self, number: int, _) -> None:
        if self.child is None:
            self.pending.append(number)
        else:
            os.kill(self.child, number)

    def started(self, child: int) -> None:
        self.child = child
        for number in self.pending:
            os.kill(child, number)

    def restore(self) -> None:
        for number, handler in self.before.items():
            signal.signal(number, handler)


def _outcome(answer: Answer, signals: Signals) -> int | None:
    """`P<pid>` when the child starts, `X<code>` when it has ended (negative: the signal that ended it)."""
    while True:
        line = answer.line()
        if line == DECLINED or (line is None and signals.child is None):
            return None
        if line is not None and line[:1] == b"P":
            signals.started(int(line[1:]))
            continue
        code = int(line[1:]) if line is not None and line[:1] == b"X" else None
        if code is not None and code >= 0:
            return code
        if code is None:
            return _cut_short()
        if -code not in Signals.PASSED:
            _cut_short()
        return 128 - code


def _cut_short() -> int:
    sys.stderr.write("powerlint：常驻进程在检查中途退出，结果可能不完整；请不带 --daemon 重新运行。\n")
    return 2


def start() -> None:
    """Start this installation's server in the background, for the next commands (not in CI, where every run
    is a fresh machine and a server would outlive the job)."""
    path = address()
    if path is None or os.environ.get("CI"):
        return
    import subprocess

    try:
        subprocess.Popen([sys.executable, "-m", "lint.daemon", path], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, cwd="/")
    except OSError:
        pass
