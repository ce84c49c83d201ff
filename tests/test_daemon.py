"""`powerlint check --daemon`: the resident process runs the check the command itself would run.

Every test gives the server a runtime directory of its own and stops it at the end."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from lint.daemon import client

from .conftest import ROOT

COMMAND = Path(sys.executable).parent / "powerlint"
pytestmark = pytest.mark.skipif(not client.supported() or not COMMAND.exists(),
                                reason="the resident process needs Unix and the installed powerlint command")
LISTS = sorted(str(p) for p in (ROOT / "lists").glob("*.yaml"))


@pytest.fixture
def runtime(tmp_path):
    """The environment of a user with no server running yet (a short runtime directory: a socket path has
    ~100 bytes at most)."""
    where = tempfile.mkdtemp(prefix="pl-")
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTHONDONTWRITEBYTECODE")}
    env.update(XDG_RUNTIME_DIR=where, POWERLINT_DATA_CACHE=str(tmp_path / "data"),
               POWERLINT_CACHE_DIR=str(tmp_path / "cache"))
    yield env
    powerlint("daemon", "stop", env=env)
    for pid in _pids(env):
        _kill(pid)
    shutil.rmtree(where, ignore_errors=True)


def powerlint(*args, env, cwd=ROOT, **options) -> subprocess.CompletedProcess:
    return subprocess.run([str(COMMAND), *map(str, args)], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=120, **options)


def _pids(env) -> list[int]:
    found = []
    for lock in Path(env["XDG_RUNTIME_DIR"], "powerlint").glob("*.lock"):
        text = lock.read_text()
        if text.strip().isdigit():
            found.append(int(text))
    return found


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def served(env) -> int | None:
    """How many checks the server has run (None: no server answers)."""
    status = powerlint("daemon", "status", env=env)
    if status.returncode:
        return None
    return int(status.stdout.split("已处理 ")[1].split(" ")[0])


def wait_for_server(env) -> int:
    for _ in range(300):
        count = served(env)
        if count is not None:
            return count
        time.sleep(0.05)
    raise AssertionError("the server did not start")


def same(a: subprocess.CompletedProcess, b: subprocess.CompletedProcess) -> None:
    assert (a.returncode, a.stdout, a.stderr) == (b.returncode, b.stdout, b.stderr)


def test_a_check_through_the_server_is_the_check_itself(runtime, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("meta: [\nitems: {", encoding="utf-8")
    cases = [[*LISTS, "--as-of", "2026-11-22"],
             [LISTS[0], "--as-of", "2026-11-22", "--format", "json", "--no-cache"],
             [str(broken), LISTS[1], "--statistics"],
             [LISTS[0], "--select", "NOPE"],
             [str(tmp_path / "missing.yaml"), LISTS[0]],
             [*LISTS, "--as-of", "2026-11-22", "--jobs", "2", "--no-cache"]]
    for case in cases:
        alone = powerlint("check", *case, env=runtime)
        first = powerlint("check", *case, "--daemon", env=runtime)  # the first starts the server, checks itself
        same(first, alone)
    before = wait_for_server(runtime)
    for case in cases:
        alone = powerlint("check", *case, env=runtime)
        same(powerlint("check", *case, "--daemon", env=runtime), alone)
    assert served(runtime) == before + len(cases)
    assert {r.returncode for r in (powerlint("check", *c, env=runtime) for c in cases)} >= {1, 2}


def test_checks_at_the_same_time_each_get_their_own_result(runtime):
    powerlint("check", LISTS[0], "--daemon", env=runtime)
    wait_for_server(runtime)
    alone = {path: powerlint("check", path, "--format", "json", env=runtime) for path in LISTS}
    running = {path: subprocess.Popen([str(COMMAND), "check", path, "--format", "json", "--daemon"], env=runtime,
                                      cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for path in LISTS}
    for path, process in running.items():
        out, err = process.communicate(timeout=120)
        assert (process.returncode, out, err) == (alone[path].returncode, alone[path].stdout, alone[path].stderr)
    assert served(runtime) == len(LISTS)


def test_the_server_works_in_the_clients_directory_with_its_environment_and_umask(runtime, tmp_path):
    work = tmp_path / "department"
    (work / "lists").mkdir(parents=True)
    shutil.copy(LISTS[0], work / "lists" / "own.yaml")
    (work / ".powerlint.yaml").write_text("select: [NUM]\n", encoding="utf-8")
    powerlint("check", "--daemon", env=runtime, cwd=work)
    wait_for_server(runtime)
    env = {**runtime, "POWERLINT_CACHE_DIR": str(tmp_path / "own-cache")}
    result = powerlint("check", "--daemon", "--format", "json", "-o", "out.json", env=env, cwd=work,
                       preexec_fn=lambda: os.umask(0o077))
    assert (tmp_path / "own-cache").exists()  # its environment
    alone = powerlint("check", "--format", "json", "-o", "alone.json", env=env, cwd=work)
    assert result.returncode == alone.returncode and result.stderr == alone.stderr
    written = work / "out.json"
    assert written.read_bytes() == (work / "alone.json").read_bytes()
    findings = json.loads(written.read_text(encoding="utf-8"))
    assert findings and {f["code"][:3] for f in findings} == {"NUM"}  # its configuration, found from its cwd
    assert {Path(f["path"]).name for f in findings} == {"own.yaml"}  # its default lists/
    assert written.stat().st_mode & 0o777 == 0o600  # its umask
    assert served(runtime) == 1


def test_a_server_killed_or_outdated_leaves_the_check_to_the_command(runtime, tmp_path):
    library = tmp_path / "site"  # a directory Python imports from: installing a library there changes it
    library.mkdir()
    env = {**runtime, "PYTHONPATH": str(library)}
    alone = powerlint("check", LISTS[0], env=env)
    powerlint("check", LISTS[0], "--daemon", env=env)
    wait_for_server(env)
    for pid in _pids(env):
        os.kill(pid, signal.SIGKILL)  # its socket stays behind
    time.sleep(0.2)
    assert list(Path(env["XDG_RUNTIME_DIR"], "powerlint").glob("*.sock"))
    same(powerlint("check", LISTS[0], "--daemon", env=env), alone)  # checked in-process, a new server started
    assert wait_for_server(env) == 0
    (library / "newly_installed.py").write_text("", encoding="utf-8")
    same(powerlint("check", LISTS[0], "--daemon", env=env), alone)  # the server declines, then exits
    assert wait_for_server(env) == 0  # a new one, started by that check
    same(powerlint("check", LISTS[0], "--daemon", env=env), alone)
    assert served(env) == 1


@pytest.mark.parametrize("sent, code", [(signal.SIGINT, 130), (signal.SIGTERM, 128 + signal.SIGTERM)])
def test_a_signal_to_the_command_stops_the_check_it_started(runtime, tmp_path, sent, code):
    powerlint("check", LISTS[0], "--daemon", env=runtime)
    wait_for_server(runtime)
    fifo = tmp_path / "baseline.json"
    os.mkfifo(fifo)  # reading the baseline waits for a writer that never comes
    command = [str(COMMAND), "check", LISTS[0], "--baseline", str(fifo)]
    waiting = subprocess.Popen([*command, "--daemon"], env=runtime, cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    try:
        for _ in range(300):
            if served(runtime) == 1:
                break
            time.sleep(0.05)
        time.sleep(0.3)  # the client has the child's process id
        waiting.send_signal(sent)
        waiting.wait(timeout=60)
    finally:
        waiting.kill()
        waiting.communicate()
    assert waiting.returncode == code
    alone = subprocess.Popen(command, env=runtime, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1.5)
    alone.send_signal(sent)
    alone.communicate(timeout=60)
    assert alone.returncode in (code, -sent)  # the command itself: the same code (a shell reads -N as 128+N)


def test_a_signal_before_the_child_starts_is_passed_on_when_it_does():
    before = signal.getsignal(signal.SIGTERM)
    signals = client.Signals()
    try:
        os.kill(os.getpid(), signal.SIGTERM)  # while the server forks: kept, not lost
        assert signals.pending == [signal.SIGTERM]
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        signals.started(child.pid)
        assert child.wait(timeout=30) == -signal.SIGTERM
    finally:
        signals.restore()
    assert signal.getsignal(signal.SIGTERM) == before


def test_status_and_stop(runtime):
    none = powerlint("daemon", "status", env=runtime)
    assert none.returncode == 1 and "没有运行中的常驻进程" in none.stdout
    powerlint("check", LISTS[0], "--daemon", env=runtime)
    wait_for_server(runtime)
    assert "常驻进程运行中" in powerlint("daemon", "status", env=runtime).stdout
    stopped = powerlint("daemon", "stop", env=runtime)
    assert stopped.returncode == 0 and "已停止" in stopped.stdout
    assert served(runtime) is None
    assert not list(Path(runtime["XDG_RUNTIME_DIR"], "powerlint").glob("*.sock"))


@pytest.mark.parametrize("argv, wanted", [
    (["powerlint", "check", "lists/a.yaml", "--daemon"], True),
    (["powerlint", "check", "--daemon"], True),
    (["powerlint", "check", "lists/a.yaml"], False),
    (["powerlint", "report", "--daemon"], False),
    (["powerlint", "check", "--", "--daemon"], False),  # a file of that name
    (["powerlint"], False),
])
def test_only_check_with_the_option_goes_to_the_server(argv, wanted):
    assert client.wanted(argv) is wanted


def test_a_directory_others_can_enter_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert client.address().startswith(str(tmp_path / "powerlint"))
    os.chmod(tmp_path / "powerlint", 0o755)
    assert client.address() is None
    (tmp_path / "powerlint").rmdir()
    (tmp_path / "elsewhere").mkdir(mode=0o700)
    (tmp_path / "powerlint").symlink_to(tmp_path / "elsewhere")
    assert client.address() is None


def test_no_server_is_started_in_ci(tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: started.append(a[0]))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setenv("CI", "true")
    client.start()
    assert started == []
    monkeypatch.delenv("CI")
    client.start()
    assert started == [[sys.executable, "-m", "lint.daemon", client.address()]]
