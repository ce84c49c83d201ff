"""`--fix` on the seed lists: every comment and item kept, minimal edits, idempotent, atomic."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from lint import engine
from lint.cli import main
from lint.config import Config
from lint.digest import text_digest
from lint.engine import check_paths, lint_loaded
from lint.findings import Finding
from lint.fixer import fix_text
from lint.loader import load_text
from lint.registry import all_rules

from .conftest import ROOT, cli_runner

SEEDS = sorted((ROOT / "lists").glob("*.yaml"))


def run(*args):
    result = CliRunner().invoke(main, ["check", "--no-cache", *map(str, args)])
    assert "Traceback" not in result.output
    return result


def comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.lstrip().startswith("#")]


@pytest.mark.parametrize("flag", ["--fix", "--unsafe-fixes"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_fix_keeps_comments_items_and_is_idempotent(tmp_path, seed, flag):
    target = tmp_path / seed.name
    shutil.copy(seed, target)
    original = seed.read_text(encoding="utf-8")
    (tmp_path / "note.yaml").write_text(original.replace("items:\n", "# 维护者的注释\nitems:\n", 1), encoding="utf-8")
    run(flag, tmp_path)
    for path, source in ((target, original), (tmp_path / "note.yaml", None)):
        fixed = path.read_text(encoding="utf-8")
        source = source if source is not None else original.replace("items:\n", "# 维护者的注释\nitems:\n", 1)
        assert comments(fixed) == comments(source)
        before, after = load_text(source, "a").plist, load_text(fixed, "a").plist
        assert [i.label for i in after.items] == [i.label for i in before.items] or flag == "--unsafe-fixes"
        assert len(after.items) == len(before.items)
        assert [list(i.fields) for i in after.items] == [list(i.fields) for i in before.items]
        assert len(fixed.splitlines()) == len(source.splitlines())  # edits stay inside values
    once = {p.name: p.read_bytes() for p in tmp_path.glob("*.yaml")}
    run(flag, tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.glob("*.yaml")} == once


def test_safe_fixes_on_guazhou_are_the_expected_ones(tmp_path):
    target = tmp_path / "guazhou-ybj.yaml"
    shutil.copy(ROOT / "lists" / "guazhou-ybj.yaml", target)
    before = run(target, "--format", "json", "--select", "OCR001,OCR006").output
    assert "行处政罚" in before
    run(target, "--fix")
    fixed = target.read_text(encoding="utf-8")
    assert "power_type: 行政处罚" in fixed and "行处政罚" not in fixed
    assert "瓜州县医疗保障局" in fixed and "瓜州县医疗保障 局" not in fixed
    assert "行监督" in fixed  # ambiguous (行政监督 or 行政检查): never fixed automatically
    assert "医疗救助分分" in fixed  # names are only suggested (unsafe), not changed by --fix


def test_diff_shows_fixes_without_writing(tmp_path):
    target = tmp_path / "guazhou-ybj.yaml"
    shutil.copy(ROOT / "lists" / "guazhou-ybj.yaml", target)
    original = target.read_bytes()
    result = run(target, "--diff")
    assert "-    power_type: 行处政罚" in result.output and "+    power_type: 行政处罚" in result.output
    assert target.read_bytes() == original and result.exit_code == 1  # as `check`: the list has errors


def test_diff_exits_as_check_does(tmp_path):
    """--diff changes what is printed, not the exit code: 0 clean, 1 findings at --fail-on, 2 a file unreadable."""
    target = tmp_path / "guazhou-ybj.yaml"
    shutil.copy(ROOT / "lists" / "guazhou-ybj.yaml", target)
    assert run(target, "--diff", "--fail-on", "error").exit_code == run(target).exit_code == 1
    assert run(target, "--diff", "--select", "NUM005").exit_code == run(target, "--select", "NUM005").exit_code == 0
    (tmp_path / "bad.yaml").write_text("items: [\n", encoding="utf-8")
    result = run(tmp_path, "--diff", "--select", "NUM005")
    assert result.exit_code == 2 and "bad.yaml:2: YAML 语法错误" in result.output


def test_gb18030_file_stays_gb18030(tmp_path):
    target = tmp_path / "g.yaml"
    target.write_bytes((ROOT / "lists" / "guazhou-ybj.yaml").read_text(encoding="utf-8").encode("gb18030"))
    run(target, "--fix")
    assert "行政处罚" in target.read_bytes().decode("gb18030")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_findings_after_fix_are_those_of_a_check_of_the_fixed_text(seed):
    """The fixer's first pass runs only the rules that can fix; what it returns must still be a full check."""

    text = seed.read_text(encoding="utf-8")
    for unsafe in (False, True):
        outcome = fix_text(text, str(seed), Config(), unsafe=unsafe)
        full = sorted(lint_loaded(load_text(outcome.fixed, str(seed)), Config()), key=Finding.sort_key)
        assert outcome.remaining == full and full


def test_a_list_nothing_is_fixed_in_gets_every_rules_findings():
    seed = ROOT / "lists" / "tianshui-ybj.yaml"
    text = seed.read_text(encoding="utf-8")
    config = Config(select=["NUM001", "OCR001", "STG"])  # OCR001 can fix, but finds nothing to fix here
    outcome = fix_text(text, str(seed), config)
    assert not outcome.changed
    assert outcome.remaining == sorted(lint_loaded(load_text(text, str(seed)), config), key=Finding.sort_key)


def test_only_rules_that_document_a_fix_give_fixes():
    """The fixer's first pass skips rules without `fix_doc`: none of them may give a fix."""

    found = check_paths([str(ROOT / "lists"), str(ROOT / "tests" / "fixtures" / "rules")], Config()).findings
    assert any(f.fix for f in found)
    assert {f.code for f in found if f.fix} <= {code for code, rule in all_rules().items() if rule.fix_doc}


def test_check_after_fix_uses_the_fixers_findings_only_for_the_text_it_wrote(tmp_path, monkeypatch):
    target = tmp_path / "guazhou-ybj.yaml"
    shutil.copy(ROOT / "lists" / "guazhou-ybj.yaml", target)
    expected = run(target, "--fix", "--format", "json").output
    shutil.copy(ROOT / "lists" / "guazhou-ybj.yaml", target)
    checked = []
    real = engine.lint_loaded
    monkeypatch.setattr(engine, "lint_loaded", lambda loaded, *a, **k: checked.append(loaded) or real(loaded, *a, **k))
    assert run(target, "--fix", "--format", "json").output == expected
    assert checked == []  # the fixer calls lint_loaded through its own import; the check found its findings known
    outcome = fix_text(target.read_text(encoding="utf-8"), str(target), Config())
    stale = {str(target): (text_digest("# 别的文本\n" + outcome.fixed), [])}  # the file no longer holds that text
    result = check_paths([str(target)], Config(), known=stale)
    assert len(checked) == 1 and result.findings


def test_fix_reports_the_number_the_summary_promised(tmp_path):
    """The summary's 「其中 N 个可用 --fix 自动修复」 counts findings; --fix says how many findings it fixed, not how
    many edits (a document number's two brackets are one finding, two edits)."""
    import re

    for seed in SEEDS:
        shutil.copy(seed, tmp_path / seed.name)
    promised = re.search(r"其中 (\d+) 个可用 --fix 自动修复", run(tmp_path).output)
    fixing = cli_runner().invoke(main, ["check", "--no-cache", "--fix", str(tmp_path)])
    fixed = sum(map(int, re.findall(r"已修复 (\d+) 个问题", fixing.stderr)))
    assert promised and int(promised.group(1)) == fixed > 0
    assert "可用 --fix" not in run(tmp_path).output  # nothing fixable is left


def test_edits_on_one_span_are_chosen_by_content_not_by_hashing():
    from lint.findings import Edit
    from lint.fixer import apply_edits

    edits = [Edit(0, 1, "乙"), Edit(0, 1, "甲")]
    assert apply_edits("丙丁", edits) == apply_edits("丙丁", edits[::-1]) == ("乙丁", 1)  # 乙 < 甲 in code points
