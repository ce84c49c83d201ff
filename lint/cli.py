"""The `powerlint` command line."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .config import Config, ConfigError, check_severity, find_config, load_config, parse_date
from .engine import check_paths
from .findings import severity_rank
from .formats import FORMATS
from .registry import all_rules
from .source import InputError

DEFAULT_PATHS = ("lists",)


def _fail(message: str) -> None:
    click.echo(f"错误：{message}", err=True)
    sys.exit(2)


def _resolve_config(config_path: str | None, paths: tuple[str, ...]) -> Config:
    try:
        if config_path:
            return load_config(Path(config_path))
        start = Path(paths[0]) if paths and Path(paths[0]).exists() else Path.cwd()
        return load_config(find_config(start))
    except ConfigError as exc:
        _fail(str(exc))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="powerlint")
def main() -> None:
    """powerlint：权责清单合规一致性检查工具。"""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True, help="输出格式")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="达到该严重程度即退出码 1（默认 error）")
@click.option("--select", help="只启用这些规则（逗号分隔的代码或前缀）")
@click.option("--ignore", help="不启用这些规则（逗号分隔的代码或前缀）")
@click.option("--as-of", help="时效性检查依据的日期 YYYY-MM-DD（默认今天）")
@click.option("--config", "config_path", type=click.Path(), help="配置文件（.powerlint.yaml 或 pyproject.toml）")
@click.option("--statistics", is_flag=True, help="只输出每条规则的问题数")
@click.option("-q", "--quiet", is_flag=True, help="只输出问题，不输出汇总")
def check(paths, fmt, fail_on, select, ignore, as_of, config_path, statistics, quiet) -> None:
    """检查权责清单（默认 lists/）。"""
    paths = paths or DEFAULT_PATHS
    config = _resolve_config(config_path, paths)
    try:
        if select:
            config.select = [s.strip() for s in select.split(",") if s.strip()]
        if ignore:
            config.ignore += [s.strip() for s in ignore.split(",") if s.strip()]
        if fail_on:
            config.fail_on = check_severity(fail_on, "--fail-on")
        if as_of:
            config.as_of = parse_date(as_of, "--as-of")
    except ConfigError as exc:
        _fail(str(exc))
    _check_selectors(config)
    result = check_paths(list(paths), config)
    for error in result.errors:
        click.echo(f"{error}", err=True)
    if statistics:
        click.echo(_statistics(result.findings), nl=False)
    elif fmt == "text" and quiet:
        click.echo("".join(FORMATS["text"](result.findings, result.files).splitlines(True)[:-1]), nl=False)
    else:
        click.echo(FORMATS[fmt](result.findings, result.files), nl=False)
    if result.errors:
        sys.exit(2)
    threshold = severity_rank(config.fail_on)
    sys.exit(1 if any(severity_rank(f.severity) >= threshold for f in result.findings) else 0)


def _check_selectors(config: Config) -> None:
    codes = all_rules()
    for selector in [*config.select, *config.ignore, *config.severity]:
        if selector != "ALL" and not any(code.startswith(selector) for code in codes):
            _fail(f"未知的规则代码或前缀 {selector}；powerlint rules 列出全部规则")


def _statistics(findings) -> str:
    rules = all_rules()
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.code] = counts.get(finding.code, 0) + 1
    rows = [f"{n:6d}  {code:<7} {rules[code].summary if code in rules else ''}" for code, n in
            sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return "\n".join(rows + [f"{sum(counts.values()):6d}  合计"]) + "\n"


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def list_rules(fmt) -> None:
    """列出全部规则。"""
    rules = all_rules()
    if fmt == "json":
        click.echo(json.dumps([_rule_json(r) for r in rules.values()], ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        click.echo(rules_table(), nl=False)
    else:
        for rule in rules.values():
            click.echo(f"{rule.code:<7} {rule.category:<12} {rule.severity:<8} {rule.summary}")


def rules_table() -> str:
    """The README's rule table, generated from the rules' own declarations."""
    lines = ["| 代码 | 名称 | 类别 | 默认级别 | 可修复 | 说明 |", "|---|---|---|---|---|---|"]
    for rule in all_rules().values():
        fixable = "是" if rule.fix_doc else ""
        lines.append(f"| {rule.code} | {rule.name} | {rule.category} | {rule.severity} | {fixable} | {rule.summary} |")
    return "\n".join(lines) + "\n"


def _rule_json(rule) -> dict:
    return {"code": rule.code, "name": rule.name, "category": rule.category, "severity": rule.severity,
            "summary": rule.summary, "what": rule.what, "why": rule.why, "example": rule.example,
            "fix": rule.fix_doc or None}


@main.command("rule")
@click.argument("code")
def show_rule(code) -> None:
    """显示一条规则的说明。"""
    rules = all_rules()
    rule = rules.get(code.upper())
    if rule is None:
        _fail(f"未知的规则代码 {code}；powerlint rules 列出全部规则")
    click.echo(f"# {rule.code} {rule.name}\n")
    click.echo(f"类别：{rule.category}　默认级别：{rule.severity}\n")
    click.echo(f"## 检查什么\n{rule.what}\n")
    click.echo(f"## 为什么重要\n{rule.why}\n")
    click.echo(f"## 示例\n{rule.example}\n")
    click.echo(f"## 修复\n{rule.fix_doc or '没有自动修复：请按提示人工修改。'}")


@main.command("schema")
def print_schema() -> None:
    """打印清单格式的 JSON Schema。"""
    from .loader import schema

    click.echo(json.dumps(schema(), ensure_ascii=False, indent=2))


@main.command("import")
@click.argument("src", type=click.Path())
@click.option("-o", "--output", type=click.Path(), help="输出的 YAML 清单文件（默认打印到标准输出）")
@click.option("--sheet", help="xlsx 的工作表名（默认第一个）")
def import_cmd(src, output, sheet) -> None:
    """把已发布的清单（txt/csv/tsv/xlsx/docx）转换为 YAML 清单。"""
    from .importer import import_path
    from .writer import write_atomic

    try:
        text = import_path(src, sheet=sheet)
    except InputError as exc:
        _fail(str(exc))
    if output:
        write_atomic(Path(output), text.encode("utf-8"))
        click.echo(f"已导入 {src} → {output}", err=True)
    else:
        click.echo(text, nl=False)


def run() -> None:
    """Entry point: no traceback reaches a user (set POWERLINT_DEBUG=1 to see one)."""
    try:
        main()
    except (KeyboardInterrupt, BrokenPipeError):
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - last line of defence, see docstring
        if os.environ.get("POWERLINT_DEBUG"):
            raise
        click.echo(f"powerlint 内部错误：{type(exc).__name__}: {exc}（请报告此问题；设置 POWERLINT_DEBUG=1 可显示详细信息）", err=True)
        sys.exit(2)
