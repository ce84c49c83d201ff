"""Shared test helpers: lint an invented list given as YAML text."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from lint.config import Config

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser as the package tomli (a runtime dependency there, as lint/config.py reads it)
    import tomli as tomllib
from lint.engine import check_paths

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
os.environ.setdefault("POWERLINT_CACHE_DIR", tempfile.mkdtemp(prefix="powerlint-cache-"))


def cli_runner():
    """A click test runner that keeps stdout and stderr apart (click before 8.2 mixes them unless asked;
    8.2 keeps both and dropped the option)."""
    from click.testing import CliRunner

    try:
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()


@contextlib.contextmanager
def working_directory(path: Path):
    """Run the block with `path` as the current directory (contextlib.chdir needs Python 3.11)."""
    before = os.getcwd()
    os.chdir(path)
    try:
        yield path
    finally:
        os.chdir(before)


def write_list(tmp_path: Path, body: str, name: str = "list.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    return path


def lint(tmp_path: Path, body: str, select: list[str] | None = None, **config) -> list:
    """Findings of the selected rules on an invented list."""
    path = write_list(tmp_path, body)
    result = check_paths([str(path)], Config(select=select or ["ALL"], **config))
    assert not result.errors, result.errors
    return result.findings


@pytest.fixture
def lint_yaml(tmp_path):
    return lambda body, select=None, **config: lint(tmp_path, body, select, **config)
