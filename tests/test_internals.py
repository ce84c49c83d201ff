"""The CPython internals used for speed (issue 29): lint/rx.py hands `re` programs for `_sre.compile` ready-made,
lint/digest.py takes BLAKE2b from `_blake2`. On an interpreter without them each falls back to the public way;
here the fallback is forced and must give exactly what the fast path gives (.ci/run runs this on every Python)."""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import subprocess
import sys

import pytest

from lint import digest, rx

from .conftest import ROOT

DATA = [b"", b"x", "天水市医疗保障局".encode() * 1000, bytes(range(256)) * 300]

# A `powerlint` process; with "fallback", lint/rx.py finds no usable internals, as on an interpreter without them.
# It prints how many remembered programs were put into re's cache before the rules compiled their patterns.
PROBE = """
import sys
from lint import rx
if sys.argv[1] == "fallback":
    rx._compiler = None
from lint import cli  # warms re's cache (the fast path)
loaded = sum(program is not None for program in rx._table.values())
sys.argv = ["powerlint", *sys.argv[2:]]
try:
    cli.run()
except SystemExit:
    pass
print(loaded)
"""


def _digests(module) -> list[str]:
    hashers = []
    for data in DATA:
        hasher = module.digest()
        hasher.update(data[:7])
        hasher.update(data[7:])
        hashers.append(hasher.hexdigest())
    return [module.hexdigest(data) for data in DATA] + hashers


def test_digest_without_cpythons_blake2_module_gives_the_same_digests(monkeypatch):
    """Without `_blake2` lint/digest.py takes hashlib's BLAKE2b (on CPython hashlib's is `_blake2`'s own, so this
    checks the fallback's import and its use: the same digests, the same cache keys)."""
    fast = _digests(digest)
    monkeypatch.setitem(sys.modules, "_blake2", None)  # `import _blake2` now fails
    try:
        fallback = importlib.reload(digest)
        assert fallback.blake2b is hashlib.blake2b
        assert _digests(fallback) == fast
    finally:
        monkeypatch.undo()
        importlib.reload(digest)
    assert len(fast[0]) == 64 and len(set(fast)) == len(DATA)


def test_digest_uses_cpythons_blake2_module_where_there_is_one():
    blake2 = pytest.importorskip("_blake2", reason="this interpreter has no _blake2: lint/digest.py uses hashlib")
    assert digest.blake2b is blake2.blake2b


def _check(mode: str, data_cache, out) -> tuple[int, list]:
    args = ["check", "lists/", "--no-cache", "--as-of", "2026-11-22", "--format", "json", "-o", str(out)]
    proc = subprocess.run([sys.executable, "-c", PROBE, mode, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env={**os.environ, "POWERLINT_DATA_CACHE": str(data_cache)})
    assert proc.returncode in (0, 1), proc.stderr
    return int(proc.stdout.split()[-1]), json.loads(out.read_text(encoding="utf-8"))


def test_remembered_regex_programs_find_what_re_compile_finds(tmp_path):
    """Every finding on the seed lists is the same whether the patterns come from remembered programs or `re`
    compiles each of them (the fallback)."""
    if not rx._usable():
        pytest.skip("this interpreter's re has not the internals lint/rx.py uses: no fast path to compare")
    data = tmp_path / "data"
    none, first = _check("fast", data, tmp_path / "first.json")  # compiles every pattern, remembers the programs
    loaded, fast = _check("fast", data, tmp_path / "fast.json")
    skipped, fallback = _check("fallback", data, tmp_path / "fallback.json")
    assert none == 0 and skipped == 0 and loaded >= 100  # the second run did take the fast path
    assert len(first) >= 100 and fast == first and fallback == first
