"""Every rule on its own fixture list, compared with an expected snapshot (ruff's way).

tests/fixtures/rules/<CODE>.yaml is a small invented list with text that must trigger the rule and text that must
stay quiet; tests/snapshots/<CODE>.txt holds the rule's findings on it, one `line:column CODE message` a line.
A rule that compares lists (XLS, CAT) has a directory tests/fixtures/rules/<CODE>/ of several lists instead, with
the standard catalogue as catalogue.yaml when the rule needs one; its snapshot lines are `file:line:column CODE
message` (the file's name in the directory).
After a deliberate change of a rule's output, rewrite the snapshots and review the diff:

    POWERLINT_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_rule_snapshots.py
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import tempfile
from pathlib import Path

import pytest
import yaml

from lint.config import Config
from lint.engine import check_paths
from lint.findings import SEVERITY_NAMES
from lint.kb import store
from lint.registry import all_rules

from .conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "rules"
SNAPSHOTS = ROOT / "tests" / "snapshots"
AS_OF = dt.date(2026, 11, 22)  # the date the seeds are measured on (DOC rules depend on it)
UPDATE = os.environ.get("POWERLINT_UPDATE_SNAPSHOTS") == "1"
CATALOGUE = "catalogue.yaml"  # in a directory fixture: the standard catalogue the CAT rules compare with
CODES = sorted(all_rules())


@functools.cache
def knowledge() -> Path:
    """A knowledge directory holding only the invented statute 示例医疗保障促进条例 (tests/data); national laws come
    from the law database installed with the project."""
    directory = Path(tempfile.mkdtemp(prefix="powerlint-snapshots-"))
    statute = ROOT / "tests" / "data" / "invented_statute.md"
    store.save(directory, "示例医疗保障促进条例", store.parse_statute(statute.read_text(encoding="utf-8")), "test")
    return directory


def fixture(code: str) -> Path | None:
    """The rule's fixture: a list file, or a directory of lists for a rule comparing lists; None when missing."""
    return next((p for p in (FIXTURES / f"{code}.yaml", FIXTURES / code) if p.exists()), None)


def fixture_config(path: Path, **options) -> Config:
    """The configuration a fixture is checked with: a directory's catalogue.yaml is the standard catalogue."""
    catalogue = path / CATALOGUE if path.is_dir() and (path / CATALOGUE).is_file() else None
    return Config(as_of=AS_OF, knowledge_dir=knowledge(), catalogue=catalogue, **options)


def findings(code: str) -> list:
    """The rule's findings on its fixture (the other rules do not take part)."""
    path = fixture(code)
    result = check_paths([str(path)], fixture_config(path, select=[code]))
    assert not result.errors, result.errors
    return sorted(result.findings, key=lambda f: (f.path, f.line, f.column, f.message))


def snapshot(code: str) -> str:
    prefix = (lambda f: f"{Path(f.path).name}:") if fixture(code).is_dir() else (lambda f: "")
    return "".join(f"{prefix(f)}{f.line}:{f.column} {f.code} {f.message}\n" for f in findings(code))


def test_every_rule_has_a_fixture_and_a_snapshot():
    missing = [c for c in CODES if fixture(c) is None or not (SNAPSHOTS / f"{c}.txt").is_file()]
    assert not missing, ("rules without tests/fixtures/rules/<CODE>.yaml (or <CODE>/) and tests/snapshots/<CODE>.txt: "
                         f"{missing}")
    fixtures = [p.stem for p in FIXTURES.glob("*.yaml")] + [p.name for p in FIXTURES.iterdir() if p.is_dir()]
    orphans = sorted({*fixtures, *(p.stem for p in SNAPSHOTS.glob("*.txt"))} - set(CODES))
    assert not orphans, f"fixtures or snapshots of no registered rule: {orphans}"


@pytest.mark.parametrize("code", CODES)
def test_snapshot(code):
    if fixture(code) is None:
        pytest.skip("no fixture (reported by test_every_rule_has_a_fixture_and_a_snapshot)")
    text = snapshot(code)
    path = SNAPSHOTS / f"{code}.txt"
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text, f"{code} finds nothing on its fixture"
    assert path.read_text(encoding="utf-8") == text


def fixture_items(path: Path) -> list[tuple[str, str]]:
    """(file name, 序号) of every item of the fixture's lists (a directory's catalogue is not checked)."""
    files = sorted(p for p in path.glob("*.yaml") if p.name != CATALOGUE) if path.is_dir() else [path]
    return [(p.name, str(i.get("number"))) for p in files
            for i in yaml.safe_load(p.read_text(encoding="utf-8")).get("items") or []]


@pytest.mark.parametrize("code", CODES)
def test_fixture_has_a_quiet_item(code):
    """Precision: the fixture holds at least one item the rule must leave alone (clean text)."""
    path = fixture(code)
    if path is None:
        pytest.skip("no fixture")
    flagged = {(Path(f.path).name, f.item) for f in findings(code)}
    assert [i for i in fixture_items(path) if i not in flagged], f"every item of {code}'s fixture is flagged: add clean text"


_NUMBERS = re.compile(r"\d+(\.\d+)?")


def test_documented_examples_match_real_output():
    """Each rule's `example` (shown by `powerlint rule CODE`) has the code, severity and message shape of a
    finding the rule emits on its fixture: numbers and the text in quotes or title marks masked."""
    wrong = []
    for code, rule in all_rules().items():
        if fixture(code) is None:
            continue
        example = re.match(r"\S+:\d+:\d+: (\w+) \[(\w+)\] (.*)", rule.example)
        assert example, f"{code}: example is not `file:line:column: CODE [severity] message`: {rule.example}"
        got = findings(code)
        if example[1] != code or not any(SEVERITY_NAMES[f.severity] == example[2] and _fits(example[3], f.message)
                                         for f in got):
            wrong.append(f"{code}: {rule.example}\n    real: {[f'[{f.severity}] {f.message}' for f in got][:2]}")
    assert not wrong, "\n".join(wrong)


def _shape(message: str) -> str:
    """A message with what varies masked: text in 《》 “” 「」 and numbers (the example's 「(序号 N)」 cut)."""
    message = re.sub(r" \(序号 [^)]*\)$", "", message)
    for pattern in (r"《[^》]*》", r"“[^”]*”", r"「[^」]*」"):
        message = re.sub(pattern, "#", message)
    return _NUMBERS.sub("0", message)


def _fits(example: str, message: str) -> bool:
    """Whether the example's shape is the message's, … in the example standing for any text."""
    at = 0
    for piece in filter(None, re.split("…+", _shape(example))):
        at = _shape(message).find(piece, at)
        if at < 0:
            return False
        at += len(piece)
    return True
