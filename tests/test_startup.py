"""Start-up mechanisms of a one-list run (issue 16): they change when work is done, never what is found."""

from __future__ import annotations

import gc

import pytest

from lint.heap import permanent
from lint.registry import all_rules

from .conftest import tomllib


def test_permanent_pauses_the_collector_then_freezes_what_was_built():
    assert gc.isenabled()
    before = gc.get_freeze_count()
    with permanent():
        assert not gc.isenabled()
        kept = [[n] for n in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() >= before + len(kept)
    gc.disable()
    try:
        with permanent():
            pass
        assert not gc.isenabled()  # a collector the caller had paused stays paused
    finally:
        gc.enable()


def test_every_rule_family_is_imported_once_and_every_rule_listed():
    first = all_rules()
    assert all_rules() == first
    assert {rule.__module__ for rule in first.values()} >= {"lint.checks.catalogue", "lint.checks.crosslist",
                                                            "lint.checks.code", "lint.checks.stage"}


def _fresh(monkeypatch, tmp_path):
    from lint import rx

    monkeypatch.setenv("POWERLINT_DATA_CACHE", str(tmp_path))
    monkeypatch.setattr(rx, "_table", {})
    return rx


def test_remembered_patterns_come_back_compiled_and_equal_to_re_compile(tmp_path, monkeypatch):
    import re

    rx = _fresh(monkeypatch, tmp_path)
    pattern = r"(?P<name>[\u4e00-\u9fff]{2,8})(?:局|委员会)(?=\s*第)" + str(tmp_path.name)  # unique to this test
    first = re.compile(pattern, re.MULTILINE)
    rx.remember()
    assert len(list(tmp_path.glob("regex-*.pickle"))) == 1
    re.purge()
    monkeypatch.setattr(rx, "_table", {})
    rx.warm()
    assert (pattern, int(re.MULTILINE)) in rx._table
    again = re.compile(pattern, re.MULTILINE)
    assert again is re._cache[str, pattern, int(re.MULTILINE)]  # from the remembered program, not compiled anew
    assert again == first and again.groupindex == first.groupindex and again.flags == first.flags
    text = "甘肃省医疗保障局 第三条；国家卫生健康委员会第五条"
    assert [m.groupdict() for m in again.finditer(text + tmp_path.name)] == \
        [m.groupdict() for m in first.finditer(text + tmp_path.name)]


def test_remember_uses_no_program_it_cannot_verify_and_stays_bounded(tmp_path, monkeypatch):
    import re

    rx = _fresh(monkeypatch, tmp_path)
    pattern = "wrong-program-" + tmp_path.name
    monkeypatch.setattr(rx, "_program", lambda pattern, flags: (flags, [0], 0, {}, (None,)))  # a wrong program
    first = re.compile(pattern)
    rx.remember()
    assert rx._table[pattern, 0] is None  # refused, and not tried again
    re.purge()
    monkeypatch.setattr(rx, "_table", {})
    rx.warm()
    assert (str, pattern, 0) not in re._cache and rx._table[pattern, 0] is None
    assert re.compile(pattern) == first
    monkeypatch.undo()
    rx = _fresh(monkeypatch, tmp_path)
    monkeypatch.setattr(rx, "LIMIT", 5)
    monkeypatch.setattr(rx, "_table", {(f"earlier-{n}", 0): None for n in range(5)})  # an earlier run's
    for n in range(8):
        re.compile(f"bounded-{n}-{tmp_path.name}")
    rx.remember()
    import pickle

    from lint.compiled import _payload

    (stored,) = tmp_path.glob("regex-*.pickle")
    kept = pickle.loads(_payload(stored.read_bytes(), stored.name))  # too many: only this run's patterns, at most as many as re keeps
    assert set(kept) == {(k[1], k[2]) for k in re._cache if isinstance(k, tuple) and len(k) == 3 and k[0] is str}
    assert len(kept) <= re._MAXCACHE and not any(p.startswith("earlier-") for p, _ in kept)


def test_a_run_with_more_patterns_than_fit_before_writes_the_table_once(tmp_path, monkeypatch):
    """A run whose patterns and the table's come to more than 400 finds all of them the next time, so the table
    is not written again (with room for 400 it was, in every run: 7–8 ms)."""
    import re

    from lint import compiled

    rx = _fresh(monkeypatch, tmp_path)
    for n in range(450):
        re.compile(f"many-{n}-{tmp_path.name}")
    rx.remember()
    writes = []
    monkeypatch.setattr(compiled, "store", lambda *args: writes.append(args))
    monkeypatch.setattr(rx, "_table", {})  # the next process
    rx.warm()
    rx.remember()
    assert writes == [] and len(rx._table) >= 450


def test_without_usable_internals_or_cache_nothing_happens(tmp_path, monkeypatch):
    import re

    rx = _fresh(monkeypatch, tmp_path)
    monkeypatch.setattr(rx, "_compiler", None)
    re.compile("no-internals-" + tmp_path.name)
    rx.remember()
    rx.warm()
    assert not list(tmp_path.glob("regex-*.pickle")) and rx._table == {}
    blocker = tmp_path / "file"
    blocker.write_text("")
    rx = _fresh(monkeypatch, blocker / "sub")  # an unwritable cache directory
    re.compile("unwritable-" + tmp_path.name)
    rx.remember()
    rx.warm()
    assert re.compile("unwritable-" + tmp_path.name).pattern == "unwritable-" + tmp_path.name


def test_a_fresh_process_knows_every_rule_and_selects_each(tmp_path):
    """What a pre-commit process imports lazily never hides a rule: `rules`, `rule CODE` and `--select CODE`."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]

    def powerlint(*args):
        return subprocess.run([sys.executable, "-c", "from lint.cli import run; run()", *args], cwd=root,
                              capture_output=True, text=True, env={**os.environ, "POWERLINT_DATA_CACHE": str(tmp_path)})

    listed = json.loads(powerlint("rules", "--format", "json").stdout)
    codes = {rule["code"] for rule in listed}
    assert codes == set(all_rules())
    for code in ("XLS001", "CAT003", "COD002", "OCR003"):
        assert powerlint("rule", code).returncode == 0
    checked = powerlint("check", "lists/tianshui-ybj.yaml", "--no-cache", "--select", "COD002,CIT001", "--format", "json")
    assert "CIT001" in {f["code"] for f in json.loads(checked.stdout)} <= {"COD002", "CIT001"}


def test_the_entry_point_imports_the_cli_with_the_collector_paused_then_runs_it():
    """`powerlint` is lint.entry:run: the CLI's modules are frozen out of the collector, which is enabled again."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    assert tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]["powerlint"] == \
        "lint.entry:run"
    probe = ("import gc, sys; sys.argv = ['powerlint', '--version']\n"
             "from lint.entry import run\n"
             "during = []  # collections while the CLI's modules were imported\n"
             "gc.callbacks.append(lambda phase, info: during.append(1) if phase == 'start' and 'lint.cli' in "
             "sys.modules and not hasattr(sys.modules['lint.cli'], 'run') else None)\n"
             "gc.set_threshold(1)\n"
             "try:\n    run()\nexcept SystemExit:\n    pass\n"
             "print('click' in sys.modules, len(during), gc.isenabled())")
    out = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, check=True).stdout
    assert out.startswith("powerlint ")
    assert out.splitlines()[-1] == "True 0 True"


# Which of the watched modules powerlint's own code imports first in a fresh process (a dependency that imports
# one of them, as some older releases do, is not ours to judge): a finder notes the file that asked for each.
_IMPORTED_BY_US = (
    "import os, sys\n"
    "ROOT = os.path.join(os.getcwd(), 'lint') + os.sep\n"
    "WATCHED = set(sys.argv[1:])\n"
    "ours = set()\n"
    "class Watch:\n"
    "    @staticmethod\n"
    "    def find_spec(name, path=None, target=None):\n"
    "        if name in WATCHED or name.split('.')[0] in WATCHED:\n"
    "            frame = sys._getframe(1)\n"
    "            while frame and (frame.f_code.co_filename.startswith('<frozen')\n"
    "                             or frame.f_code.co_filename.endswith(os.path.join('importlib', '__init__.py'))):\n"
    "                frame = frame.f_back\n"
    "            if frame and frame.f_code.co_filename.startswith(ROOT):\n"
    "                ours.add(name.split('.')[0] if name.split('.')[0] in WATCHED else name)\n"
    "        return None\n"
    "sys.meta_path.insert(0, Watch)\n"
    "sys.argv = ['powerlint', *os.environ['POWERLINT_PROBE_ARGS'].split()]\n"
    "from lint.entry import run\n"
    "try:\n    run()\nexcept SystemExit:\n    pass\n"
    "print(sorted(ours))"
)


def _imported_by_us(root, env: dict, args: str, watched: list[str]) -> str:
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", _IMPORTED_BY_US, *watched], cwd=root,
                          env={**env, "POWERLINT_PROBE_ARGS": args}, capture_output=True, text=True).stdout


def test_a_one_list_run_without_a_cache_loads_neither_openssl_nor_stdnum(tmp_path):
    """hashlib (OpenSSL, 3–6 ms) only for caches, baselines and cross-list views; python-stdnum only for
    credit codes that are not plain ASCII (lint/analysis/uscc.py); the cross-list and catalogue analysis only
    when lists are compared (lint/analysis/listview.py)."""
    import os
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    watched = ["hashlib", "_hashlib", "stdnum", "ssl", "lint.analysis.crosslist", "lint.analysis.catalogue"]
    env = {**os.environ, "POWERLINT_DATA_CACHE": str(tmp_path)}
    for _ in range(2):  # the first run builds the data cache
        out = _imported_by_us(root, env, "check lists/tianshui-ybj.yaml --no-cache -q", watched)
    assert out.splitlines()[-1] == "[]"


def test_the_corpus_rules_share_one_digest_made_by_the_cross_list_analysis():
    """One view per list however many corpus rules read it (the engine keeps each digest once)."""
    from lint.analysis import crosslist, listview
    from lint.registry import all_rules

    corpus = [rule for rule in all_rules().values() if rule.corpus]
    assert len(corpus) >= 7 and {rule.digest for rule in corpus} == {listview.view}
    from pathlib import Path

    from lint.loader import load_text

    path = Path(__file__).resolve().parents[1] / "lists" / "tianshui-ybj.yaml"
    plist = load_text(path.read_text(encoding="utf-8"), str(path)).plist
    assert listview.view(plist) == crosslist.view(plist)


def test_a_cached_run_of_one_list_does_not_load_openssl(tmp_path):
    """The findings cache keys with CPython's own BLAKE2b (lint/digest.py), not hashlib's OpenSSL (3–5 ms of a
    pre-commit run); a second run hits the entry the first wrote, with the same output."""
    import os
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "POWERLINT_DATA_CACHE": str(tmp_path / "data"), "POWERLINT_CACHE_DIR": str(tmp_path / "c")}
    runs = [_imported_by_us(root, env, "check lists/tianshui-ybj.yaml", ["hashlib", "_hashlib"]) for _ in range(2)]
    assert runs[0] == runs[1] and runs[1].splitlines()[-1] == "[]"
    assert len(list((tmp_path / "c").rglob("*"))) > 3  # the entry was written


def test_the_cache_digest_is_hashlibs_blake2b():
    import hashlib

    from lint import digest

    for data in (b"", b"x", "天水市医疗保障局".encode() * 1000):
        assert digest.hexdigest(data) == hashlib.blake2b(data, digest_size=32).hexdigest()
        hasher = digest.digest()
        hasher.update(data[:3])
        hasher.update(data[3:])
        assert hasher.hexdigest() == hashlib.blake2b(data, digest_size=32).hexdigest()


@pytest.mark.parametrize("target", ["lists/tianshui-ybj.yaml", "lists"])
def test_yaml_lists_are_checked_without_the_importer_or_numpy(target):
    """Reading published files (the importer, openpyxl and numpy: 0.3 s of a hook run) is for published files: the
    hook's check of one YAML list with every rule imports none of it (OCR011's column labels live in lint.model),
    nor does a check comparing a few lists (numpy: ~0.1 s; lint.analysis.nearest scores so few names without it)."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    # numpy only where rapidfuzz itself does not bring it (rapidfuzz 3.0, the declared minimum, imports it)
    watched = "('openpyxl',)" if _rapidfuzz_imports_numpy() else "('openpyxl', 'numpy')"
    probe = (f"import sys\nfrom lint.cli import run\nsys.argv = ['powerlint', 'check', '{target}', '--no-cache', '-q']\n"
             "try:\n    run()\nexcept SystemExit:\n    pass\n"
             f"print(sorted(m for m in sys.modules if m.split('.')[0] in {watched} or m.startswith('lint.importer')))")
    proc = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True)
    assert proc.stdout.splitlines()[-1] == "[]", proc.stderr[-2000:]


def _rapidfuzz_imports_numpy() -> bool:
    import subprocess
    import sys

    probe = "import sys, rapidfuzz.process, rapidfuzz.distance.LCSseq\nprint('numpy' in sys.modules)"
    return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout.strip() == "True"
