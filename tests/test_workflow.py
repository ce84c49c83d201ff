"""Maintainer workflow: baseline, cache, --changed-since, suppressions, atomic writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from click.testing import CliRunner

from lint.cli import main
from lint.fixer import apply_edits
from lint.findings import Edit

from .conftest import ROOT, cli_runner

MINIMAL = (ROOT / "tests" / "data" / "minimal.yaml").read_text(encoding="utf-8")
NEW_ITEM = """items:
  - number: '0'
    name: 新增事项
    power_type: 行政检查
    body:
    basis: []
"""


def invoke(*args):
    result = cli_runner().invoke(main, list(map(str, args)))
    assert "Traceback" not in result.output + result.stderr
    return result


def codes(result):
    return [(f["code"], f["item"]) for f in json.loads(result.stdout)]


def test_baseline_survives_inserting_an_item_at_the_top(tmp_path):
    lst = tmp_path / "a.yaml"
    lst.write_text(MINIMAL, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    assert invoke("baseline", lst, "-o", baseline, "--select", "SCH").exit_code == 0
    assert invoke("check", lst, "--select", "SCH", "--baseline", baseline).exit_code == 0
    lst.write_text(MINIMAL.replace("items:\n", NEW_ITEM), encoding="utf-8")
    result = invoke("check", lst, "--select", "SCH", "--baseline", baseline, "--format", "json")
    assert codes(result) == [("SCH004", "0"), ("SCH005", "0")]  # only the new item; old ones shifted lines


def test_baseline_reports_fixed_findings_as_gone(tmp_path):
    lst = tmp_path / "a.yaml"
    lst.write_text(MINIMAL, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    invoke("baseline", lst, "-o", baseline, "--select", "SCH")
    lst.write_text(MINIMAL.replace("    body:\n", "    body: 示例县医疗保障局\n"), encoding="utf-8")
    result = invoke("check", lst, "--select", "SCH", "--baseline", baseline)
    assert "基线中有 1 个问题已不再出现" in result.stderr


def test_invalid_baseline_is_a_clear_error(tmp_path):
    bad = tmp_path / "b.json"
    bad.write_text("{}", encoding="utf-8")
    result = invoke("check", ROOT / "tests" / "data" / "minimal.yaml", "--baseline", bad)
    assert result.exit_code == 2 and "不是有效的基线文件" in result.stderr


def test_cache_answers_unchanged_files_and_notices_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("POWERLINT_CACHE_DIR", str(tmp_path / "c"))
    lst = tmp_path / "a.yaml"
    lst.write_text(MINIMAL, encoding="utf-8")
    first = invoke("check", lst, "--select", "SCH", "--format", "json")
    cached = list((tmp_path / "c" / ".powerlint_cache").rglob("*"))
    assert any(p.is_file() and p.name != ".gitignore" for p in cached)
    assert invoke("check", lst, "--select", "SCH", "--format", "json").output == first.output
    lst.write_text(MINIMAL.replace("    body:\n", "    body: 示例县医疗保障局\n"), encoding="utf-8")
    assert codes(invoke("check", lst, "--select", "SCH", "--format", "json")) == [("SCH005", "2")]


def test_a_corrupted_findings_cache_is_a_miss_never_a_result(tmp_path, monkeypatch):
    """Entries replaced by an empty list, by entries of another shape, by another entry's file or cut short:
    each run reports what the checks find (no 「未发现问题」 from `[]`, no 「内部错误」 from a wrong shape)."""
    monkeypatch.setenv("POWERLINT_CACHE_DIR", str(tmp_path / "c"))
    lst = tmp_path / "a.yaml"
    lst.write_text(MINIMAL, encoding="utf-8")
    other = tmp_path / "b.yaml"
    other.write_text(MINIMAL.replace("    body:\n", "    body: 示例县医疗保障局\n"), encoding="utf-8")
    args = ("check", lst, "--select", "SCH", "--format", "json")
    first = invoke(*args)
    assert codes(first)
    invoke("check", other, "--select", "SCH", "--format", "json")
    entries = [p for p in (tmp_path / "c" / ".powerlint_cache").rglob("*") if p.is_file() and p.name != ".gitignore"]
    assert len(entries) == 2
    stored = [p.read_bytes() for p in entries]
    swapped = stored[::-1]  # each entry under the other's key
    for damage in ([b"[]"] * 2, [b'[{"code": 1}]'] * 2, [b'{"a": 1}'] * 2, [b"[[1, 2]]"] * 2, swapped,
                   [b[:-5] for b in stored]):
        for path, content in zip(entries, damage):
            path.write_bytes(content)
        result = invoke(*args)
        assert (result.exit_code, result.output) == (first.exit_code, first.output), damage


def test_item_suppression_needs_known_codes(lint_yaml):
    findings = lint_yaml(MINIMAL.replace("    body:\n", """    body:
    lint-ignore:
      - codes: [SCH004, XYZ123]
"""), select=["SCH"])
    got = sorted((f.code, f.item, f.evidence) for f in findings if f.code != "SCH005")
    assert got == [("SCH007", "2", "XYZ123"), ("SCH007", "2", "no-reason")]
    assert "SCH004" not in {f.code for f in findings} and "SCH005" in {f.code for f in findings}


def test_changed_since_reports_only_changed_lists(tmp_path):
    repo = tmp_path / "repo"
    (repo / "lists").mkdir(parents=True)
    for name in ("a.yaml", "b.yaml"):
        (repo / "lists" / name).write_text(MINIMAL, encoding="utf-8")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@e"}
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "init"]):
        subprocess.run(["git", *args], cwd=repo, check=True, env=env)
    (repo / "lists" / "b.yaml").write_text(MINIMAL.replace("number: '2'", "number: '3'"), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", "from lint.cli import run; run()", "check", "lists",
                           "--select", "SCH", "--changed-since", "HEAD", "--format", "json", "--no-cache"],
                          cwd=repo, capture_output=True, text=True)
    findings = json.loads(proc.stdout)
    assert {f["path"] for f in findings} == {"lists/b.yaml"} and proc.returncode == 1


def test_apply_edits_skips_overlaps_and_keeps_the_rest():
    text = "abcdef"
    fixed, count = apply_edits(text, [Edit(1, 3, "X"), Edit(2, 4, "Y"), Edit(5, 6, "Z")])
    assert (fixed, count) == ("aXdeZ", 2)


def test_output_file_is_written(tmp_path):
    out = tmp_path / "out.json"
    invoke("check", ROOT / "tests" / "data" / "minimal.yaml", "--select", "SCH", "--format", "json", "-o", out)
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 2
