"""`powerlint report` over many lists: what it needs of each list is computed where the list is checked (in the
workers with --jobs) and no list's model outlives its check; the report is the same with and without --jobs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import weakref
from pathlib import Path

import pytest

import lint.report
from lint.config import Config
from lint.report import make_report, render

from .conftest import ROOT, write_list
from .test_report import HEAD, LIST_A

SEED_LISTS = sorted((ROOT / "lists").glob("*.yaml"))
# the same power typed otherwise in the second list: a cross-list row; a document of the law database only
OTHER = HEAD.format(title="乙市医疗保障局权责清单") + """\
  - number: '1'
    name: 对骗取医保基金支出的处罚
    power_type: 行政强制
    basis:
      - 《中华人民共和国社会保险法》第八十八条
      - 《中华人民共和国行政处罚法》第二十八条
"""


def _lists(tmp_path) -> list[str]:
    return [str(write_list(tmp_path, LIST_A, "a.yaml")), str(write_list(tmp_path, OTHER, "b.yaml")),
            *map(str, SEED_LISTS)]


def _every_format(report) -> list[bytes]:
    report = dataclasses.replace(report, generated="")
    out = []
    for ext in ("json", "md", "html"):
        out.append(render(report, Path(f"r.{ext}")))
    return out


def test_report_with_jobs_is_the_report_of_one_process(tmp_path):
    config = Config(as_of=dt.date(2026, 11, 22))
    one = make_report(_lists(tmp_path), config)
    two = make_report(_lists(tmp_path), config, jobs=2)
    assert one.cross and one.coverage and one.items and one.findings
    assert _every_format(two) == _every_format(one)


def test_report_with_jobs_and_a_catalogue(tmp_path):
    paths = _lists(tmp_path)
    config = Config(as_of=dt.date(2026, 11, 22), catalogue=Path(paths[0]))
    one, two = make_report(paths, config), make_report(paths, config, jobs=2)
    assert one.catalogue and one.conformance
    assert _every_format(two) == _every_format(one)


def test_the_report_is_built_from_parts_not_models(tmp_path, monkeypatch):
    """While the report is built, no list's model is alive: each was dropped after its check."""
    import lint.engine

    loaded, alive = [], []
    load_text, build = lint.engine.load_text, lint.report.build

    def loading(*args, **kwargs):
        out = load_text(*args, **kwargs)
        loaded.append(weakref.ref(out.plist))
        return out

    def counting(*args, **kwargs):
        gc.collect()
        alive.append(sum(ref() is not None for ref in loaded))
        return build(*args, **kwargs)

    monkeypatch.setattr(lint.engine, "load_text", loading)
    monkeypatch.setattr(lint.report, "build", counting)
    report = make_report(_lists(tmp_path), Config(as_of=dt.date(2026, 11, 22)))
    assert len(loaded) == len(report.lists) == 2 + len(SEED_LISTS) and alive == [0]


@pytest.mark.skipif(len(SEED_LISTS) < 4, reason="lists/ 中还没有导入四份种子清单")
def test_kb_coverage_and_the_report_count_the_same_citations(tmp_path):
    """`powerlint kb coverage` and the report's coverage table: one function over the same per-list parts."""
    from click.testing import CliRunner

    from lint.cli import main

    report = make_report([str(ROOT / "lists")], Config(as_of=dt.date(2026, 11, 22)))
    result = CliRunner().invoke(main, ["kb", "coverage", str(ROOT / "lists"), "--as-of", "2026-11-22"])
    lines = result.output.splitlines()[1:1 + len(report.coverage)]
    assert [int(line.split("\t")[0]) for line in lines] == [r.citations for r in report.coverage]
    assert sum(r.citations for r in report.coverage) > 50


def test_report_command_takes_jobs(tmp_path):
    import json

    from click.testing import CliRunner

    from lint.cli import main

    paths = _lists(tmp_path)[:2]
    out = {}
    for jobs in ("1", "2"):
        target = tmp_path / f"r{jobs}.json"
        result = CliRunner().invoke(main, ["report", *paths, "-o", str(target), "--as-of", "2026-11-22", "--jobs", jobs])
        assert result.exit_code == 0, result.output
        out[jobs] = {k: v for k, v in json.loads(target.read_text(encoding="utf-8")).items() if k != "generated"}
    assert out["2"] == out["1"] and len(out["1"]["lists"]) == 2


def test_kept_parts_follow_the_lists_and_findings_lose_their_fixes(tmp_path):
    from lint.engine import check_paths
    from lint.report.parts import list_part

    fixable = OTHER.replace("第二十八条", "第二十八条\n      - 《社会保险基金财务制度》（财社[2017]144号）第二条")  # brackets
    paths = [_lists(tmp_path)[0], str(write_list(tmp_path, fixable, "c.yaml"))]
    config = Config(as_of=dt.date(2026, 11, 22))
    assert any(f.fix for f in check_paths(paths, config).findings)  # something here can be fixed
    result = check_paths(paths, config, keep=(list_part,), fixes=False, jobs=2)
    assert [p.path for p in result.kept[list_part]] == result.paths
    assert result.findings and not any(f.fix for f in result.findings)
