"""The server: import and load once, then fork a child per command.

A child is the check a fresh process would run: it takes the client's standard streams as its own, its
working directory, environment, umask and arguments, runs `lint.cli.run` and reports the exit code. What the
server loads before forking (`warm`) depends on the installation alone; what a user's files decide
(configuration, knowledge directory, law database, caches) every child reads afresh, as a new process does.
Before each command the server compares its code, data and libraries with those installed (an upgrade, an
edited source tree): when they differ it declines (the client runs the check itself) and exits. It exits
after IDLE seconds without a command, or on `powerlint daemon stop`.
"""

from __future__ import annotations

import fcntl
import importlib
import io
import marshal
import os
import pkgutil
import signal
import socket
import sys
import time

from . import IDLE, client

_HELD = {signal.SIGCHLD, signal.SIGTERM}  # blocked while a child is forked


# The packages whose modules a check imports, some only on first use (the office-file readers and writers of
# lint.importer, lint.report and lint.export are left to the commands that need them)
CHECKING = ("lint", "lint.analysis", "lint.checks", "lint.citations", "lint.formats", "lint.kb", "lint.text")


def warm() -> None:
    """Import every module a check uses (and numpy, for comparing lists), and load what the rules
    read on first use from the installation: the rules/ data files, the character model, the division index,
    OpenCC's converter.

    Only what the installation decides, never what a user's configuration or knowledge directory does (each
    child reads those itself): every loader called here reads the package's own files or a library's."""
    from ..heap import permanent

    with permanent():
        for name in CHECKING:
            for module in pkgutil.iter_modules(importlib.import_module(name).__path__):
                if not module.ispkg:
                    importlib.import_module(f"{name}.{module.name}")
        import numpy  # noqa: F401 - loaded: a child comparing lists scores names by cdist (lint.analysis.nearest)

        from .. import data
        from ..analysis import divisions, t2s, textmodel
        from ..registry import all_rules

        all_rules()
        for path in sorted(data.rules_dir().glob("*.yaml")):
            data.load(path.name)
        textmodel.model()
        divisions.find_places("")
        divisions.find_places("", short=True)
        t2s.converter()


def fingerprint() -> str:
    """The installed code, rules data and libraries as they are now: the findings cache's fingerprint of the
    package's modules, sizes and times of rules/, and times of the directories Python imports from (installing,
    upgrading or removing a library changes them)."""
    from .. import data
    from ..cache import _stats, code_fingerprint

    places = []
    for entry in sys.path:
        try:
            places.append((entry, os.stat(entry or ".").st_mtime_ns))
        except OSError:
            places.append((entry, None))
    return repr((code_fingerprint(), _stats(str(data.rules_dir())), places))


class Server:
    """One installation's server at `path` (and its lock file `path.lock`, which holds its process id)."""

    def __init__(self, path: str):
        self.path = path
        self.served = 0
        self.started = time.time()
        self.listener: socket.socket | None = None
        self.lock: int | None = None
        self.children: dict[int, socket.socket] = {}  # child → its client's connection, answered when it ends

    def run(self) -> None:
        if not self._claim():
            return
        signal.signal(signal.SIGCHLD, self._reap)
        signal.signal(signal.SIGTERM, _stop)
        try:
            warm()
            self.known = fingerprint()
            self.listener.settimeout(IDLE)
            while True:
                try:
                    conn, _ = self.listener.accept()
                except socket.timeout:
                    if not self.children:
                        return
                    continue
                conn.settimeout(10)  # a client that connects and sends nothing does not hold the server
                if not self._answer(conn):
                    return
        except (SystemExit, KeyboardInterrupt, Exception):  # stopped, or the installation gone: clients check alone
            return
        finally:
            self._release()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the children left are waited for here
            for pid in list(self.children):  # every client gets its child's exit code before the server ends
                self._ended(pid, os.waitpid(pid, 0)[1])

    def _claim(self) -> bool:
        """Hold the lock and listen at the socket path; False when another server holds it."""
        try:
            self.lock = os.open(self.path + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(self.lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._release()
            return False
        os.ftruncate(self.lock, 0)
        os.write(self.lock, str(os.getpid()).encode())
        try:
            os.unlink(self.path)  # a socket left by a server that was killed
        except FileNotFoundError:
            pass
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old = os.umask(0o177)
        try:
            self.listener.bind(self.path)
            self.listener.listen(16)
        except OSError:
            self._release()
            return False
        finally:
            os.umask(old)
        return True

    def _release(self) -> None:
        """Stop listening, remove the socket and give up the lock (a new server can start at once)."""
        if self.listener is not None:
            self.listener.close()
            self.listener = None
            try:
                os.unlink(self.path)
            except OSError:
                pass
        if self.lock is not None:
            os.close(self.lock)
            self.lock = None

    def _answer(self, conn: socket.socket) -> bool:
        """Answer one request (a command runs in a child, `conn` answered when it ends); False when the server
        should stop."""
        fds: list[int] = []
        try:
            body, fds = _receive(conn)
            kind, ident, argv, cwd, env, streams, umask = marshal.loads(body)
        except (OSError, ValueError, EOFError, TypeError):
            _close(fds)
            conn.close()
            return True
        keep = True
        if ident != client.identity():
            _reply(conn, client.DECLINED)
        elif kind == "status":
            _reply(conn, f"I{os.getpid()} {self.served} {int(self.started)}".encode())
        elif kind == "stop":
            self._release()
            _reply(conn, b"K")
            keep = False
        elif kind != "run" or len(fds) != 3:
            _reply(conn, client.DECLINED)
        elif fingerprint() != self.known:  # code, data or libraries changed since the server loaded them
            self._release()  # first: the client starts a new server at once
            _reply(conn, client.DECLINED)
            keep = False
        else:
            self._fork(conn, fds, argv, cwd, env, streams, umask)
            return True
        _close(fds)
        conn.close()
        return keep

    def _fork(self, conn: socket.socket, fds: list[int], *command) -> None:
        """Run the command in a child; the client learns its process id now, its exit code when it ends."""
        # its end is handled once it is known as ours; a SIGTERM passed on at once finds the child's own handling
        signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
        try:
            pid = os.fork()
            if pid == 0:  # the child keeps none of the server's sockets: its clients', the listener, the lock
                for other in (conn, self.listener, *self.children.values()):
                    other.close()
                os.close(self.lock)
                _child(fds, *command)
            self.served += 1
            self.children[pid] = conn
            _close(fds)
            try:
                conn.sendall(f"P{pid}\n".encode())
            except OSError:
                pass
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)

    def _reap(self, *_) -> None:
        """Collect ended children (their CPU time counts as the server's children's) and answer their clients."""
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            self._ended(pid, status)

    def _ended(self, pid: int, status: int) -> None:
        conn = self.children.pop(pid, None)
        if conn is not None:
            _reply(conn, f"X{os.waitstatus_to_exitcode(status)}".encode())
            conn.close()


def serve(path: str) -> None:
    """Serve at `path` until idle, outdated or stopped; nothing if another server already serves there."""
    Server(path).run()


def _receive(conn: socket.socket) -> tuple[bytes, list[int]]:
    data, fds, _, _ = socket.recv_fds(conn, 1 << 16, 3)
    fds = list(fds)
    try:
        while len(data) < 8:
            data += _more(conn, 1 << 16)
        size = int.from_bytes(data[:8], "big")
        body = data[8:]
        while len(body) < size:
            body += _more(conn, size - len(body))
    except EOFError:
        _close(fds)
        raise
    return body, fds


def _more(conn: socket.socket, size: int) -> bytes:
    chunk = conn.recv(size)
    if not chunk:
        raise EOFError
    return chunk


def _child(fds: list[int], argv: list, cwd: str, env: dict, streams: list, umask: int) -> None:
    """Run the command as the client's own process would, and end with its exit code (never returns)."""
    code = 2
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)
        for fd, target in zip(fds, (0, 1, 2)):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(cwd)
        os.umask(umask)
        os.environ.clear()
        os.environ.update(env)
        sys.argv = list(argv)
        sys.stdin, sys.stdout, sys.stderr = (_stream(fd, *streams[fd]) for fd in (0, 1, 2))
        sys.__stdin__, sys.__stdout__, sys.__stderr__ = sys.stdin, sys.stdout, sys.stderr
        code = _run()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _run() -> int:
    """`lint.cli.run` (the installed command's own), its exit code."""
    from ..cli import run

    try:
        run()
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


def _stream(fd: int, encoding: str, errors: str) -> io.TextIOWrapper:
    """A text stream on descriptor `fd` as the client's Python made it (line-buffered on a terminal)."""
    raw = open(fd, "rb" if fd == 0 else "wb", closefd=False)
    return io.TextIOWrapper(raw, encoding=encoding, errors=errors, line_buffering=os.isatty(fd),
                            write_through=fd == 2)


def _reply(conn: socket.socket, line: bytes) -> None:
    try:
        conn.sendall(line + b"\n")
    except OSError:  # the client is gone
        pass


def _stop(*_) -> None:
    raise SystemExit(0)


def _close(fds: list[int]) -> None:
    for fd in fds:
        os.close(fd)
