"""`--fix` on the seed lists: every comment and item kept, minimal edits, idempotent, atomic."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from lint.cli import main
from lint.loader import load_text

from .conftest import ROOT

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
