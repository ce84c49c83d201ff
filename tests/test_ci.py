"""CI on every supported Python (issue 29): the versions pyproject.toml declares, and how .ci/pythons finds them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT, tomllib

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
needs_bash = pytest.mark.skipif(shutil.which("bash") is None or shutil.which("timeout") is None,
                                reason=".ci/pythons is a bash script (with coreutils' timeout)")


def _minor(version: str) -> int:
    major, minor = version.split(".")
    assert major == "3"
    return int(minor)


def test_the_tested_pythons_run_from_the_lowest_allowed_without_gaps():
    """.ci/run tests the versions of the classifiers: the first is requires-python's lower bound, none is missing."""
    tested = [_minor(m.group(1)) for c in PROJECT["classifiers"]
              if (m := re.fullmatch(r"Programming Language :: Python :: (3\.\d+)", c))]
    lowest = _minor(re.fullmatch(r">=\s*(3\.\d+)", PROJECT["requires-python"]).group(1))
    assert tested == list(range(lowest, lowest + len(tested))) and len(tested) >= 4
    assert sys.version_info[:2] >= (3, lowest)


def _fake(folder, name: str, body: str):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def _pythons(path_dirs, *versions) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": os.pathsep.join(map(str, [*path_dirs, *os.environ["PATH"].split(os.pathsep)]))}
    return subprocess.run(["bash", str(ROOT / ".ci" / "pythons"), *versions], capture_output=True, text=True,
                          env=env, timeout=300)


@needs_bash
def test_pythons_runs_each_candidate_and_keeps_the_first_real_cpython_of_the_version(tmp_path):
    """A shim whose version is not installed, a PyPy and another version are passed over; a version found nowhere
    gets a note, not a line."""
    _fake(tmp_path / "shim", "python3.97", "echo 'pyenv: version 3.97 is not installed' >&2; exit 127")
    _fake(tmp_path / "pypy", "python3.97", f"echo PyPy 3.97 {tmp_path / 'pypy' / 'python3.97'}")
    _fake(tmp_path / "other", "python3.97", f"echo CPython 3.96 {tmp_path / 'other' / 'python3.97'}")
    real = _fake(tmp_path / "real", "python3.97", f"echo CPython 3.97 {tmp_path / 'real' / 'python3.97'}")
    _fake(tmp_path / "later", "python3.97", f"echo CPython 3.97 {tmp_path / 'later' / 'python3.97'}")
    folders = [tmp_path / name for name in ("shim", "pypy", "other", "real", "later")]
    found = _pythons(folders, "3.97", "3.98")
    assert found.returncode == 0, found.stderr
    assert found.stdout.splitlines() == [f"3.97 {real}"]
    assert "3.98" in found.stderr and "3.97" not in found.stderr


@needs_bash
def test_pythons_finds_the_running_interpreter_by_its_version():
    version = "%d.%d" % sys.version_info[:2]
    found = _pythons([os.path.dirname(sys.executable)], version)
    assert found.returncode == 0, found.stderr
    ((name, path),) = [line.split(" ", 1) for line in found.stdout.splitlines()]
    assert name == version
    probe = subprocess.run([path, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"], capture_output=True,
                           text=True, timeout=60)
    assert probe.stdout.strip() == version
