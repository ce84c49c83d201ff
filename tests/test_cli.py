"""The `powerlint check` contract: output lines, JSON keys, exit codes, configuration."""

from __future__ import annotations

import json
import re
import textwrap

from click.testing import CliRunner

from lint.cli import main
from lint.findings import CATEGORIES, SEVERITY_NAMES

from .conftest import ROOT, working_directory

MINIMAL = ROOT / "tests" / "data" / "minimal.yaml"


def run(*args, cwd=None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, list(map(str, args)))
    with working_directory(cwd):
        return runner.invoke(main, list(map(str, args)))


def test_text_output_line_format_and_summary():
    result = run("check", MINIMAL, "--select", "SCH")
    lines = result.output.splitlines()
    assert f"{MINIMAL}:22:5: SCH004 [警告] 行使主体为空" in lines[0]
    assert lines[0].endswith("(序号 2)")
    assert lines[-1].startswith("检查了 1 个文件，发现 2 个问题")
    assert result.exit_code == 1


def test_json_contract_keys_and_positions():
    result = run("check", MINIMAL, "--select", "SCH", "--format", "json")
    findings = json.loads(result.output)
    assert [f["code"] for f in findings] == ["SCH004", "SCH005"]
    for finding in findings:
        assert set(finding) == {"code", "category", "severity", "message", "path", "line", "column",
                                "item", "field", "fix"}
        assert finding["category"] in CATEGORIES
        assert finding["severity"] in ("error", "warning", "info")
        assert finding["item"] == "2"
    assert (findings[0]["line"], findings[0]["column"], findings[0]["field"]) == (22, 5, "body")


def test_exit_codes_follow_fail_on(tmp_path):
    assert run("check", MINIMAL, "--select", "SCH004").exit_code == 0  # warning only
    assert run("check", MINIMAL, "--select", "SCH004", "--fail-on", "warning").exit_code == 1
    assert run("check", MINIMAL, "--select", "SCH005").exit_code == 1
    assert run("check", MINIMAL, "--fail-on", "fatal").exit_code == 2
    assert run("check", MINIMAL, "--select", "XYZ").exit_code == 2


def test_quiet_and_statistics():
    quiet = run("check", MINIMAL, "--select", "SCH", "-q")
    assert "检查了" not in quiet.output and "SCH005" in quiet.output
    stats = run("check", MINIMAL, "--select", "SCH", "--statistics")
    assert "SCH004" in stats.output and "合计" in stats.output


def _config_case(tmp_path, name, content):
    (tmp_path / name).write_text(textwrap.dedent(content), encoding="utf-8")
    target = tmp_path / "lists"
    target.mkdir()
    (target / "a.yaml").write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def test_config_in_pyproject_selects_and_overrides(tmp_path):
    target = _config_case(tmp_path, "pyproject.toml", """
        [tool.powerlint]
        select = ["SCH"]
        ignore = ["SCH005"]
        severity = {SCH004 = "error"}
        """)
    result = run("check", target, "--format", "json")
    findings = json.loads(result.output)
    assert [(f["code"], f["severity"]) for f in findings] == [("SCH004", "error")]
    assert result.exit_code == 1


def test_config_yaml_fail_on_and_per_file_ignores(tmp_path):
    target = _config_case(tmp_path, ".powerlint.yaml", """
        select: [SCH]
        fail-on: warning
        per-file-ignores:
          "a.yaml": [SCH005]
        """)
    result = run("check", target, "--format", "json")
    assert [f["code"] for f in json.loads(result.output)] == ["SCH004"]
    assert result.exit_code == 1


def test_unknown_config_key_is_a_clear_error(tmp_path):
    target = _config_case(tmp_path, ".powerlint.yaml", "selcet: [SCH]\n")
    result = run("check", target)
    assert result.exit_code == 2
    assert "未知的配置项 selcet" in result.output


def test_rules_and_rule_docs():
    listing = run("rules")
    assert "SCH005" in listing.output and listing.exit_code == 0
    doc = run("rule", "sch005")
    assert "## 为什么重要" in doc.output and "## 示例" in doc.output
    assert "类别：格式　默认级别：错误" in doc.output  # Chinese labels, as in the report
    assert "类别：依据引用" in run("rule", "CIT001").output
    assert run("rule", "NOPE1").exit_code == 2


def test_schema_command_prints_the_json_schema():
    schema = json.loads(run("schema").output)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "number" in schema["$defs"]["item"]["properties"]


def test_rule_table_in_readme_is_current():
    from lint.cli import rules_table

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert rules_table() in readme, "README 的规则表已过期：运行 powerlint rules --format markdown 更新"


def test_every_rule_declares_docs():
    from lint.registry import all_rules

    rules = all_rules()
    assert {"SCH001", "SCH002", "SCH006"} <= set(rules)
    for rule in rules.values():
        for attribute in ("code", "name", "category", "severity", "summary", "what", "why", "example"):
            assert getattr(rule, attribute), (rule, attribute)
        assert re.fullmatch(r"[A-Z]{3}\d{3}", rule.code), rule.code
        # the example is a line as `check` prints it (the SARIF rule help and `powerlint rule` show it as written)
        assert f"{rule.code} [{SEVERITY_NAMES[rule.severity]}] " in rule.example, rule.example
    prefixes: dict[str, set[str]] = {}
    for rule in rules.values():
        prefixes.setdefault(rule.category, set()).add(rule.code[:3])
    assert all(len(p) == 1 for p in prefixes.values()), prefixes  # one code prefix per category
    assert len({p for ps in prefixes.values() for p in ps}) == len(prefixes), prefixes  # and one category per prefix


def test_one_severity_vocabulary_chinese_shown_both_accepted(tmp_path):
    """Text output says 错误/警告/提示 as the README, rule table and report do; configuration and --fail-on
    accept the Chinese words and the English keys alike."""
    from .conftest import cli_runner

    runner = cli_runner()
    out = runner.invoke(main, ["check", "--no-cache", "--select", "SCH", str(MINIMAL)]).output
    assert "SCH004 [警告] 行使主体为空" in out and "[warning]" not in out and "[error]" not in out
    (tmp_path / ".powerlint.yaml").write_text("severity: {SCH004: 错误}\nfail-on: 警告\n", encoding="utf-8")
    target = tmp_path / "a.yaml"
    target.write_text(open(MINIMAL, encoding="utf-8").read(), encoding="utf-8")
    chinese = runner.invoke(main, ["check", "--no-cache", "--select", "SCH004", str(target)])
    assert chinese.exit_code == 1 and "SCH004 [错误]" in chinese.output
    (tmp_path / ".powerlint.yaml").write_text("severity: {SCH004: info}\n", encoding="utf-8")
    english = runner.invoke(main, ["check", "--no-cache", "--select", "SCH004", str(target), "--fail-on", "提示"])
    assert english.exit_code == 1 and "SCH004 [提示]" in english.output
    (tmp_path / ".powerlint.yaml").write_text("severity: {SCH004: 严重}\n", encoding="utf-8")
    wrong = runner.invoke(main, ["check", "--no-cache", str(target)])
    assert wrong.exit_code == 2 and "应为 {代码: 错误|警告|提示}" in wrong.output + (wrong.stderr if hasattr(wrong, "stderr") else "")
    assert "[错误]" in runner.invoke(main, ["rule", "JUR001"]).output


def test_what_a_user_is_told(tmp_path):
    """-o still prints the summary (stderr); --baseline says how many known problems it hid; a baseline saved
    with a BOM is read; export does not overwrite without --force; a missing knowledge-dir is an error; schema
    and documents-file messages carry no English."""
    from .conftest import cli_runner

    runner = cli_runner()
    target = tmp_path / "a.yaml"
    target.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    out = runner.invoke(main, ["check", "--no-cache", "--select", "SCH", str(target), "-o", str(tmp_path / "r.txt")])
    assert "发现 2 个问题" in out.stderr and out.stdout == ""
    base = tmp_path / "base.json"
    assert runner.invoke(main, ["baseline", "--select", "SCH", str(target), "-o", str(base)]).exit_code == 0
    base.write_bytes(b"\xef\xbb\xbf" + base.read_bytes())
    hidden = runner.invoke(main, ["check", "--no-cache", "--select", "SCH", str(target), "--baseline", str(base)])
    assert hidden.exit_code == 0 and "已记录的 2 个问题未报告" in hidden.stderr, hidden.stderr
    out_file = tmp_path / "out.html"
    out_file.write_text("人工改过", encoding="utf-8")
    refused = runner.invoke(main, ["export", str(target), "-o", str(out_file)])
    assert refused.exit_code == 2 and "已存在，未覆盖" in refused.stderr and out_file.read_text(encoding="utf-8") == "人工改过"
    assert runner.invoke(main, ["export", str(target), "-o", str(out_file), "--force"]).exit_code == 0
    for setting, words in (("knowledge-dir: 不存在的目录/", "knowledge-dir 指向的"), ("documents: 没有这个.yaml", "文件不存在")):
        (tmp_path / ".powerlint.yaml").write_text(setting + "\n", encoding="utf-8")
        result = runner.invoke(main, ["check", "--no-cache", str(target)])
        assert result.exit_code == 2 and words in result.stderr and "Errno" not in result.stderr, result.stderr
    (tmp_path / ".powerlint.yaml").unlink()
    target.write_text(MINIMAL.read_text(encoding="utf-8").replace("format: powerlist/1", "format: powerlist/9"),
                      encoding="utf-8")
    schema = runner.invoke(main, ["check", "--no-cache", "--select", "SCH001", str(target)]).stdout
    assert "SCH001" in schema and "应为 powerlist/1" in schema and "expected" not in schema, schema
