"""Trust (issue 11): Chinese for every refusal, honest summaries, plain answers to ordinary mistakes,
a cache that knows its inputs, and baselines that survive a maintainer's edits."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from lint import loader, yamlerrors
from lint.cli import main
from lint.config import Config, ConfigError, parse_size
from lint.source import InputError

from .conftest import ROOT, cli_runner, tomllib

GOOD = (ROOT / "tests" / "data" / "minimal.yaml").read_text(encoding="utf-8")
DAYAO = ROOT / "lists" / "dayao-ybj.yaml"
POWERLINT = [sys.executable, "-c", "from lint.cli import run; run()"]
ENGLISH = re.compile(r"\b(?!YAML\b)[A-Za-z]{3,}\b")  # a word of a library's English (YAML is our term)


def invoke(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def split(*args):
    """stdout and stderr apart."""
    result = cli_runner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def run_cli(*args, cwd=None, env=None):
    proc = subprocess.run([*POWERLINT, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})
    return proc.returncode, proc.stdout, proc.stderr


# ---------------------------------------------------------------- 1. Chinese for every refusal

MALFORMED = {
    "deep-flow": ("meta: {}\nitems: " + "[" * 5000 + "]" * 5000 + "\n", "YAML 嵌套过深"),
    "deep-block": ("meta: {}\nitems:\n" + "- " * 5000 + "x\n", "YAML 嵌套过深"),
    "flow-seq": ("meta: {}\nitems: [a, b\n", "YAML 语法错误"),
    "flow-map": ("meta: {a: 1\nitems: []\n", "YAML 语法错误"),
    "colon": ("meta: a: b\nitems: []\n", "YAML 语法错误"),
    "tab": ("meta:\n\t- b\nitems: []\n", "YAML 语法错误"),
    "quote": ("meta: {}\nitems:\n  - name: \"abc\n", "YAML 语法错误"),
    "escape": ("meta: {}\nitems:\n  - name: \"\\q\"\n", "YAML 语法错误"),
    "alias": ("meta: {}\nitems: [*nope]\n", "清单中不允许使用 YAML 锚点/别名"),
    "indent": ("meta: {}\nitems:\n  - name: a\n   body: b\n", "YAML 语法错误"),
}


@pytest.mark.parametrize("parser", ["libyaml", "python"])
@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_yaml_refusals_name_the_cause_in_chinese_with_either_parser(monkeypatch, parser, case):
    if parser == "libyaml" and not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML without libyaml")
    monkeypatch.setattr(loader, "Loader", yaml.CSafeLoader if parser == "libyaml" else yaml.SafeLoader)
    text, kind = MALFORMED[case]
    with pytest.raises(InputError) as caught:
        loader.load_text(text, "x.yaml")
    assert caught.value.message.startswith(kind), caught.value.message
    assert not ENGLISH.search(caught.value.message), caught.value.message
    if kind == "YAML 语法错误":
        assert isinstance(caught.value.line, int) and 1 <= caught.value.line <= text.count("\n") + 1


def test_a_parser_problem_nobody_has_seen_still_gets_chinese():
    mark = yaml.Mark("x.yaml", 0, 6, 2, None, None)
    exc = yaml.MarkedYAMLError(context="while doing a brand new thing", problem="found a novel obstacle",
                               problem_mark=mark)
    message, line = yamlerrors.describe(exc)
    assert message.startswith("YAML 语法错误") and not ENGLISH.search(message) and line == 7


@pytest.mark.parametrize("args", [
    ["check", "--bogus"], ["check", "--format", "xml"], ["check", "--jobs", "0"], ["nocommand"],
    ["kb", "show", "社会保险法"], ["rule"], ["report"], ["check", "--fail-on"], ["kb", "import", "/nonexistent.md"],
])
def test_click_usage_errors_are_chinese(args):
    result = invoke(*args)
    assert result.exit_code == 2
    message = next(line for line in result.output.splitlines() if line.startswith("错误："))
    from lint.formats import FORMATS

    words = [w for w in re.split(r"[\s，；：、？（）]+", message) if w and not w.startswith("-") and w not in args
             and not w.isupper() and w not in FORMATS]  # option names, the user's own words and metavars are not English prose
    assert not ENGLISH.search(" ".join(words)), message
    assert "Error" not in result.output and "Usage" not in result.output


def test_a_config_with_broken_yaml_is_reported_in_chinese(tmp_path):
    (tmp_path / ".powerlint.yaml").write_text("select: [SCH\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    result = invoke("check", "--no-cache", tmp_path / "a.yaml")
    assert result.exit_code == 2 and "YAML 语法错误" in result.output
    assert not ENGLISH.search(result.output.split("YAML 语法错误", 1)[1])


def test_minimum_constraints_are_the_declared_lower_bounds():
    """constraints/minimum.txt (installed by .ci/run's minimum-releases run) pins exactly pyproject's minimums."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {}
    for spec in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
        name, low = re.match(r"([A-Za-z0-9_.-]+)\s*>=\s*([0-9.]+)", spec).groups()
        declared[name.lower().replace("_", "-")] = low
    pinned = dict(re.match(r"([A-Za-z0-9_.-]+)==([0-9.]+)", line).groups()
                  for line in (ROOT / "constraints" / "minimum.txt").read_text(encoding="utf-8").splitlines()
                  if line.strip() and not line.startswith("#"))
    from packaging.version import Version

    assert {k.lower(): Version(v) for k, v in pinned.items()} == {k: Version(v) for k, v in declared.items()}


# ---------------------------------------------------------------- 2. summaries never lie


def test_an_unusable_file_is_never_called_clean(tmp_path):
    (tmp_path / "bad.yaml").write_bytes(bytes(range(256)) * 4)
    alone = invoke("check", "--no-cache", "--select", "SCH", tmp_path / "bad.yaml")
    assert alone.exit_code == 2 and "未发现问题" not in alone.output and "没有检查任何文件" in alone.output
    (tmp_path / "good.yaml").write_text(GOOD.replace("    body: null\n", ""), encoding="utf-8")
    both = invoke("check", "--no-cache", "--select", "SCH004", tmp_path)
    assert both.exit_code == 2
    assert "检查了 1 个文件（另有 1 个文件无法检查：这是二进制文件 1" in both.output


def test_files_not_checked_are_in_sarif_junit_and_github_output(tmp_path):
    (tmp_path / "bad.yaml").write_text("meta: {}\nitems: [a, b\n", encoding="utf-8")
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    sarif = json.loads(split("check", "--no-cache", "--select", "SCH", "--format", "sarif", tmp_path).stdout)
    invocation = sarif["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["error"] and notes[0]["message"]["text"].startswith("YAML 语法错误")
    junit = split("check", "--no-cache", "--select", "SCH", "--format", "junit", tmp_path).stdout
    assert 'errors="1"' in junit and "bad.yaml 无法检查" in junit
    github = split("check", "--no-cache", "--select", "SCH", "--format", "github", tmp_path).stdout
    assert re.search(r"^::error file=.*bad\.yaml::", github, re.M)


def test_max_file_size_is_a_setting(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / ".powerlint.yaml").write_text("max-file-size: 500B\n", encoding="utf-8")
    result = invoke("check", "--no-cache", "--select", "SCH", tmp_path / "a.yaml")
    assert result.exit_code == 2 and "文件过大" in result.output and "上限 500 字节" in result.output
    assert invoke("check", "--no-cache", "--select", "SCH", "--max-file-size", "5MB", tmp_path / "a.yaml").exit_code == 1
    assert invoke("check", "--max-file-size", "lots", tmp_path / "a.yaml").exit_code == 2
    assert parse_size("200MB", "x") == 200 * 1024 ** 2 and parse_size("1.5 GB", "x") == int(1.5 * 1024 ** 3)
    assert Config().max_file_size == 200 * 1024 ** 2
    with pytest.raises(ConfigError):
        parse_size("-3MB", "x")


# ---------------------------------------------------------------- 3. ordinary mistakes


@pytest.mark.parametrize("command", ["check", "baseline", "report", "export", "import"])
def test_output_into_a_missing_directory_creates_it_and_says_so(tmp_path, command):
    source = tmp_path / "a.yaml"
    source.write_text(GOOD, encoding="utf-8")
    suffix = {"check": ".txt", "baseline": ".json", "report": ".md", "export": ".html", "import": ".yaml"}[command]
    target = tmp_path / "new" / "deeper" / f"out{suffix}"
    if command == "import":
        source = ROOT / "tests" / "data" / "raw" if (ROOT / "tests" / "data" / "raw").is_dir() else source
        raw = tmp_path / "raw.tsv"
        raw.write_text("序号\t事项名称\t权力类型\t实施依据\n1\t对某行为的处罚\t行政处罚\t《某法》第一条\n", encoding="utf-8")
        source = raw
    args = [command, source, "-o", target] + (["--as-of", "2026-11-22"] if command in ("check", "baseline", "report") else [])
    result = invoke(*args)
    assert result.exit_code in (0, 1), result.output
    assert target.is_file() and f"目录 {target.parent} 不存在，已创建" in result.output


def test_output_under_a_file_is_a_plain_error(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = invoke("check", "--no-cache", tmp_path / "a.yaml", "-o", tmp_path / "file" / "out.txt")
    assert result.exit_code == 2 and "是一个文件，不是目录" in result.output and "内部错误" not in result.output


def test_an_impossible_date_in_the_config_is_a_config_error(tmp_path):
    (tmp_path / ".powerlint.yaml").write_text("as-of: 2026-11-31\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    result = invoke("check", "--no-cache", tmp_path / "a.yaml")
    assert result.exit_code == 2 and "as-of" in result.output and "2026-11-31" in result.output
    assert "内部错误" not in result.output


def test_compare_with_a_missing_file_says_so(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    result = invoke("report", tmp_path / "a.yaml", "-o", tmp_path / "r.md", "--compare", tmp_path / "nope.json")
    assert result.exit_code == 2 and "nope.json" in result.output and "不是存在的文件" in result.output


def _repo(tmp_path) -> Path:
    repo = tmp_path / "repo"
    (repo / "lists").mkdir(parents=True)
    (repo / "lists" / "a.yaml").write_text(GOOD, encoding="utf-8")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x.invalid"}
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "v1"]):
        subprocess.run(["git", *args], cwd=repo, check=True, env=env, capture_output=True)
    return repo


@pytest.mark.skipif(shutil.which("git") is None, reason="git 不可用")
def test_changed_since_a_revision_the_repository_lacks(tmp_path):
    code, out, err = run_cli("check", "--changed-since", "HEAD~1", cwd=_repo(tmp_path))
    assert code == 2 and "HEAD~1" in err and "fatal" not in err and "错误：" in err


@pytest.mark.skipif(shutil.which("git") is None, reason="git 不可用")
def test_default_path_missing_says_where_it_looked_and_leaves_no_cache(tmp_path):
    repo = _repo(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "POWERLINT_CACHE_DIR"}
    proc = subprocess.run([*POWERLINT, "check"], cwd=repo / "lists", capture_output=True, text=True, env=env)
    assert proc.returncode == 2 and "未发现问题" not in proc.stdout + proc.stderr
    assert str(repo / "lists") in proc.stderr and str(repo) in proc.stderr
    assert not (repo / "lists" / ".powerlint_cache").exists()
    proc = subprocess.run([*POWERLINT, "check", "--select", "SCH", "a.yaml"], cwd=repo / "lists",
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 1
    assert (repo / ".powerlint_cache").is_dir() and not (repo / "lists" / ".powerlint_cache").exists()


def test_import_refuses_to_overwrite_unless_forced(tmp_path):
    raw = tmp_path / "raw.tsv"
    raw.write_text("序号\t事项名称\t权力类型\t实施依据\n1\t对某行为的处罚\t行政处罚\t《某法》第一条\n", encoding="utf-8")
    target = tmp_path / "list.yaml"
    target.write_text("# 人工改过\n", encoding="utf-8")
    refused = invoke("import", raw, "-o", target)
    assert refused.exit_code == 2 and "--force" in refused.output
    assert target.read_text(encoding="utf-8") == "# 人工改过\n"
    assert invoke("import", raw, "-o", target, "--force").exit_code == 0
    assert "对某行为的处罚" in target.read_text(encoding="utf-8")


# ---------------------------------------------------------------- 4. the cache knows its inputs

STATUTE_LIST = GOOD.replace("《中华人民共和国社会保险法》第八十七条", "《示例管理条例》第九条")


def test_kb_import_invalidates_the_cache(tmp_path):
    (tmp_path / ".powerlint.yaml").write_text("knowledge-dir: kb\nas-of: 2026-11-22\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text(STATUTE_LIST, encoding="utf-8")
    env = {"POWERLINT_CACHE_DIR": str(tmp_path / "cache")}
    code, before, _ = run_cli("check", "--select", "CIT003", "a.yaml", cwd=tmp_path, env=env)
    assert "CIT003" not in before
    (tmp_path / "statute.md").write_text("# 示例管理条例\n第一条 为了示例，制定本条例。\n第二条 本条例自公布之日起施行。\n",
                                         encoding="utf-8")
    code, out, err = run_cli("kb", "import", "statute.md", "--title", "示例管理条例", cwd=tmp_path, env=env)
    assert code == 0, err
    code, after, _ = run_cli("check", "--select", "CIT003", "a.yaml", cwd=tmp_path, env=env)
    assert "CIT003" in after


def test_cache_key_changes_with_the_law_database_and_knowledge(tmp_path, monkeypatch):
    from lint import cache
    from lint.kb import lawdb

    config = Config(knowledge_dir=tmp_path / "kb")
    first = cache.inputs(config)
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "x.yaml").write_text("title: x\n", encoding="utf-8")
    assert cache.inputs(config) != first
    other = tmp_path / "other.db"
    other.write_bytes(b"")
    monkeypatch.setenv("POWERLINT_LAW_DB", str(other))
    lawdb.path.cache_clear()
    try:
        assert cache.inputs(config)[-1] != first[-1]
    finally:
        monkeypatch.delenv("POWERLINT_LAW_DB")
        lawdb.path.cache_clear()


def test_knowledge_fingerprint_follows_every_file_below_the_directory(tmp_path):
    import os

    from lint import cache

    kb = tmp_path / "kb"
    (kb / "statutes").mkdir(parents=True)
    statute = kb / "statutes" / "a.yaml"
    statute.write_text("title: a\n", encoding="utf-8")
    first = cache.directory_fingerprint(kb)
    assert cache.directory_fingerprint(kb) == first  # the same state, the same key
    os.utime(statute, ns=(1, 1))  # re-imported: same size, another time
    touched = cache.directory_fingerprint(kb)
    (kb / "index.json").write_text("{}", encoding="utf-8")
    indexed = cache.directory_fingerprint(kb)
    assert len({first, touched, indexed}) == 3 and cache.directory_fingerprint(tmp_path / "none") == "none"


def test_a_missing_law_database_is_said_once_in_every_format(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    env = {"POWERLINT_LAW_DB": str(tmp_path / "nowhere.db")}
    code, out, err = run_cli("check", "--no-cache", "a.yaml", cwd=tmp_path, env=env)
    assert (out + err).count("法律数据库不可用") == 1 and "nowhere.db" in out and "CIT001" in out
    code, out, err = run_cli("check", "--no-cache", "--format", "json", "a.yaml", cwd=tmp_path, env=env)
    assert isinstance(json.loads(out), list) and err.count("法律数据库不可用") == 1
    code, out, err = run_cli("check", "--no-cache", "--format", "sarif", "a.yaml", cwd=tmp_path, env=env)
    notes = json.loads(out)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["warning"] and "法律数据库不可用" in notes[0]["message"]["text"]
    code, out, err = run_cli("check", "--no-cache", "--select", "SCH", "a.yaml", cwd=tmp_path, env=env)
    assert "法律数据库" not in out + err  # no article check enabled: nothing missed


# ---------------------------------------------------------------- 5. baselines survive real edits


def _items(text: str) -> tuple[str, list[str]]:
    head, _, rest = text.partition("items:\n")
    return head + "items:\n", ["  - number:" + block for block in rest.split("  - number:")[1:]]


def _renumber(blocks: list[str]) -> list[str]:
    return [re.sub(r"^  - number: '\d+'", f"  - number: '{i}'", b, count=1) for i, b in enumerate(blocks, 1)]


def _baseline_then(tmp_path, edit, seed=DAYAO) -> tuple[list[dict], str]:
    """Baseline a copy of a seed, edit it, check against the baseline: (new findings, stderr)."""
    path = tmp_path / "list.yaml"
    shutil.copy(seed, path)
    base = tmp_path / "base.json"
    assert invoke("baseline", path, "-o", base, "--as-of", "2026-11-22").exit_code == 0
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = split("check", "--no-cache", "--as-of", "2026-11-22", "--format", "json", "--baseline", base, path)
    return json.loads(result.stdout), result.stderr


def _delete_second(text):
    head, blocks = _items(text)
    return head + "".join(_renumber(blocks[:1] + blocks[2:]))


@pytest.mark.parametrize("seed", ["dayao-ybj", "tianshui-ybj"])  # without and with power codes
def test_baseline_delete_one_item_and_renumber(tmp_path, seed):
    seed = ROOT / "lists" / f"{seed}.yaml"
    second_label = _items(seed.read_text(encoding="utf-8"))[1][1].split("'")[1]
    new, err = _baseline_then(tmp_path, _delete_second, seed)
    assert new == []
    gone = int(re.search(r"基线中有 (\d+) 个问题已不再出现", err).group(1))
    second = [line for line in invoke("check", "--no-cache", "--as-of", "2026-11-22", "-q", seed).output.splitlines()
              if line.endswith(f"(序号 {second_label})")]
    assert gone == len(second) > 0


def test_baseline_renumber_all_and_one(tmp_path):
    assert _baseline_then(tmp_path, lambda t: re.sub(r"number: '(\d+)'", lambda m: f"number: '{int(m[1]) + 100}'", t))[0] == []
    new, _ = _baseline_then(tmp_path, lambda t: t.replace("number: '3'", "number: '30'", 1))
    assert new and {f["code"] for f in new} <= {"NUM001"}  # only the numbering itself is new


def test_baseline_insert_an_item(tmp_path):
    def insert(text):
        head, blocks = _items(text)
        extra = "  - number: '2'\n    name: 对新增违法行为的处罚\n    power_type: 行处罚\n    body: 大姚县医疗保障局\n"
        return head + "".join(_renumber(blocks[:1] + [extra] + blocks[1:]))

    new, _ = _baseline_then(tmp_path, insert)
    assert new and {f["item"] for f in new} == {"2"} and "OCR001" in {f["code"] for f in new}


@pytest.mark.parametrize("seed", ["dayao-ybj", "tianshui-ybj"])
def test_baseline_reorder_items(tmp_path, seed):
    def reorder(text):
        head, blocks = _items(text)
        return head + "".join(_renumber(blocks[::-1]))

    assert _baseline_then(tmp_path, reorder, ROOT / "lists" / f"{seed}.yaml")[0] == []


def test_baseline_rename_slightly(tmp_path):
    def rename(text):
        head, blocks = _items(text)
        blocks[3] = re.sub(r"(\n    name: )(.+)", lambda m: m[1] + m[2].rstrip() + "等", blocks[3], count=1)
        return head + "".join(blocks)

    assert _baseline_then(tmp_path, rename)[0] == []


def test_baseline_survives_fix(tmp_path):
    def fix(text):
        path = tmp_path / "list.yaml"
        invoke("check", "--no-cache", "--as-of", "2026-11-22", "--fix", path)
        return path.read_text(encoding="utf-8")

    new, _ = _baseline_then(tmp_path, fix)
    assert new == []


def test_old_baseline_files_still_work_and_ask_to_regenerate(tmp_path):
    path = tmp_path / "list.yaml"
    shutil.copy(DAYAO, path)
    from lint.engine import check_paths
    from lint.config import Config as C
    import datetime as dt

    findings = check_paths([str(path)], C(as_of=dt.date(2026, 11, 22))).findings
    old = {"version": 1, "tool": "powerlint", "findings": [
        {"path": "list.yaml", "fingerprint": f.legacy_fingerprint(), "code": f.code, "item": f.item,
         "message": f.message} for f in findings]}
    (tmp_path / "old.json").write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    result = split("check", "--no-cache", "--as-of", "2026-11-22", "--format", "json", "--baseline",
                   tmp_path / "old.json", path)
    assert json.loads(result.stdout) == [] and "重新生成" in result.stderr


def test_report_compare_after_deleting_one_item(tmp_path):
    from lint.report import make_report
    from lint.config import Config as C
    import datetime as dt

    path = tmp_path / "list.yaml"
    shutil.copy(DAYAO, path)
    before = tmp_path / "before.json"
    assert invoke("report", path, "-o", before, "--as-of", "2026-11-22").exit_code == 0
    path.write_text(_delete_second(path.read_text(encoding="utf-8")), encoding="utf-8")
    changes = make_report([str(path)], C(as_of=dt.date(2026, 11, 22)), str(before)).changes
    assert changes.new == [] and changes.added == []
    assert [r.item for r in changes.removed] == ["2"] and changes.fixed and {f.item for f in changes.fixed} == {"2"}


def test_streamed_items_match_with_either_parser(monkeypatch):
    """Items are built one at a time from the parser's events; libyaml and the pure-Python parser agree."""
    text = DAYAO.read_text(encoding="utf-8")
    fast = loader.load_text(text, "x.yaml")
    monkeypatch.setattr(loader, "Loader", yaml.SafeLoader)
    slow = loader.load_text(text, "x.yaml")
    assert [(i.label, i.line, i.text("name")) for i in fast.plist.items] == \
        [(i.label, i.line, i.text("name")) for i in slow.plist.items]
    assert len(fast.plist.items) == text.count("\n  - number:")
    assert [(p.line, p.message) for p in fast.problems] == [(p.line, p.message) for p in slow.problems]


def test_a_missing_law_database_is_said_in_the_report(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    env = {"POWERLINT_LAW_DB": str(tmp_path / "nowhere.db")}
    code, out, err = run_cli("report", "a.yaml", "-o", "r.json", "--as-of", "2026-11-22", cwd=tmp_path, env=env)
    assert code == 0 and err.count("法律数据库不可用") == 1
    assert "法律数据库不可用" in json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["not_run"][0]


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["report", "--help"], ["kb", "--help"], ["--version"]])
def test_help_pages_are_chinese(args):
    result = invoke(*args)
    assert result.exit_code == 0
    for english in ("Usage", "Options", "Commands", "Show this message", "default:", ", version", "[required]"):
        assert english not in result.output, english


def test_report_compare_with_a_report_written_before_item_identities(tmp_path):
    """A report JSON without identities (older powerlint) still compares: items by name."""
    from lint.report import make_report
    from lint.config import Config as C
    import datetime as dt

    path = tmp_path / "list.yaml"
    shutil.copy(DAYAO, path)
    before = tmp_path / "before.json"
    assert invoke("report", path, "-o", before, "--as-of", "2026-11-22").exit_code == 0
    data = json.loads(before.read_text(encoding="utf-8"))
    for row in data["items"]:
        row.pop("identity")
    for row in data["findings"]:
        row.pop("item_id"), row.pop("evidence")
    before.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    path.write_text(_delete_second(path.read_text(encoding="utf-8")), encoding="utf-8")
    changes = make_report([str(path)], C(as_of=dt.date(2026, 11, 22)), str(before)).changes
    assert changes.added == [] and [r.item for r in changes.removed] == ["2"]
    assert changes.new == [] and {f.item for f in changes.fixed} == {"2"}


def test_pyproject_config_with_broken_toml_is_chinese(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.powerlint]\nselect = [\"SCH\"\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    result = invoke("check", "--no-cache", tmp_path / "a.yaml")
    assert result.exit_code == 2 and "TOML 语法错误" in result.output
    assert not ENGLISH.search(result.output.split("TOML 语法错误", 1)[1])
