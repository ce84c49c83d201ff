"""The `powerlint` command line."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

from . import rx

rx.warm()  # before the imports below compile their patterns: they find them compiled (see lint/rx.py)

import json  # noqa: E402 - after warm: its five patterns compiled 0.6 ms of every run
import click  # noqa: E402

from . import __version__
from .config import ConfigError, find_config, load_config, parse_size
from .daemon import OPTION as DAEMON_OPTION
from .cache import Cache, default_root
from .clizh import INTERRUPTED, ZhGroup
from .engine import check_paths
from .findings import severity_rank
from .formats import FORMATS
from .formats.text import line as text_line
from .registry import all_rules
from .source import InputError
from .writer import write_atomic
# the shared helpers are public in lint.cliutil; the names used here are kept
from .cliutil import configure as _configure, fail as _fail, list_paths as _paths, save_output as _write_output
from .cliutil import import_options, max_file_size_option, set_import_options

class LazyGroup(ZhGroup):
    """Subcommands imported only when used, so a pre-commit run does not pay for the report's
    spreadsheet libraries (click's documented lazy-loading recipe)."""

    LAZY = {"report": "lint.report.cli:report", "export": "lint.export.cli:export", "kb": "lint.kb.cli:kb",
            "daemon": "lint.daemon.cli:daemon"}

    def list_commands(self, ctx):
        return sorted([*super().list_commands(ctx), *self.LAZY])

    def get_command(self, ctx, name):
        if name in self.LAZY:
            module, attr = self.LAZY[name].split(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="powerlint", message="%(prog)s %(version)s",
                      help="显示版本并退出")
def main() -> None:
    """powerlint：权责清单合规一致性检查工具。"""


def _common_options(func):
    options = [
        click.option("--select", help="只启用这些规则（逗号分隔的代码或前缀）"),
        click.option("--ignore", help="不启用这些规则（逗号分隔的代码或前缀）"),
        click.option("--as-of", help="时效性检查依据的日期 YYYY-MM-DD（默认今天）"),
        click.option("--config", "config_path", type=click.Path(), help="配置文件（.powerlint.yaml 或 pyproject.toml）"),
        click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="并行进程数"),
        max_file_size_option,
    ]
    for option in reversed(options):
        func = option(func)
    return func


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True, help="输出格式")
@click.option("-o", "--output-file", type=click.Path(), help="把结果写入文件（默认标准输出）")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "错误", "警告", "提示"]),
              help="达到该严重程度即退出码 1（默认 错误）")
@_common_options
@click.option("--fix", is_flag=True, help="应用安全的自动修复")
@click.option("--unsafe-fixes", is_flag=True, help="同时应用需要人工复核的修复（如建议的名称）")
@click.option("--diff", "show_diff", is_flag=True, help="只显示修复的差异，不写文件")
@click.option("--baseline", type=click.Path(), help="只报告基线文件中没有的新问题")
@click.option("--changed-since", metavar="REF", help="只报告自 git 版本 REF 以来改动过的清单")
@click.option("--no-cache", is_flag=True, help="不使用缓存")
@click.option("--catalogue", type=click.Path(), help="标准目录（通用目录/指导目录）的 YAML 清单文件，各清单与之对照")
@click.option("--statistics", is_flag=True, help="只输出每条规则的问题数")
@click.option("-q", "--quiet", is_flag=True, help="只输出问题，不输出汇总")
@click.option("--annotate", "annotate_dir", type=click.Path(), metavar="目录",
              help="为每个报送的原文件（.xlsx、.docx）在该目录写一份批注副本：问题批注在所在单元格，另附审查意见表")
@click.option(DAEMON_OPTION, "daemon", is_flag=True,
              help="交给常驻进程检查（pre-commit 钩子用：省去每次启动的开销；首次运行时在后台启动，闲置 15 分钟后退出）")
@import_options
def check(paths, fmt, output_file, fail_on, select, ignore, as_of, config_path, jobs, max_file_size, fix, unsafe_fixes,
          show_diff, baseline, changed_since, no_cache, catalogue, statistics, quiet, annotate_dir, daemon, column_map,
          title, department, region, level) -> None:
    """检查权责清单（默认 lists/）：YAML 清单，或各部门报送的原文件（xlsx、xls、docx、pdf、网页、csv）。"""
    paths = _paths(paths)
    config = _configure(paths, config_path, select, ignore, as_of, fail_on, max_file_size, catalogue)
    set_import_options(config, column_map, title, department, region, level)
    only = None
    try:
        if changed_since:
            from .gitutil import changed_since as git_changed

            only = git_changed(changed_since)
        fixing = fix or unsafe_fixes or show_diff
        fix_errors, known = _apply_fixes(paths, config, unsafe_fixes, show_diff, only) if fixing else ([], {})
    except InputError as exc:
        _fail(str(exc))
    cache = None if no_cache or show_diff else Cache(default_root(config), config)
    result = check_paths(paths, config, cache=cache, jobs=jobs, only=only, known=known)
    result.errors.extend(fix_errors)
    findings = result.findings
    if baseline:
        from . import baseline as baselines

        try:
            checked = baselines.checked_paths(result.paths, Path(baseline))
            findings, gone, note = baselines.filter_new(findings, Path(baseline), checked)
        except InputError as exc:
            _fail(str(exc))
        if note:
            click.echo(f"注意：{baseline}: {note}", err=True)
        hidden = len(result.findings) - len(findings)
        if hidden and not quiet:  # 「未发现问题」 alone would read as a clean list
            click.echo(f"基线 {baseline} 中已记录的 {hidden} 个问题未报告（只报告新出现的问题）。", err=True)
        if gone and not quiet:
            click.echo(f"基线中有 {len(gone)} 个问题已不再出现（已修复）。", err=True)
    result.errors = list({(e.path, e.message): e for e in result.errors}.values())
    for error in result.errors:
        click.echo(f"{error}", err=True)
    if show_diff:  # the diff instead of the findings; the exit code as without --diff
        sys.exit(_exit_code(result.errors, findings, config))
    in_summary = fmt == "text" and not (quiet or statistics or output_file)
    for sentence in [] if in_summary else result.not_run:
        click.echo(f"注意：{sentence}", err=True)
    if statistics:
        rendered = _statistics(findings)
    elif fmt == "text" and quiet and not output_file:  # streamed: a province's lines need not all be held at once
        for start in range(0, len(findings), 10000):
            click.echo("".join(text_line(f) + "\n" for f in findings[start:start + 10000]), nl=False)
        rendered = ""
    elif fmt == "text" and quiet:
        rendered = "".join(text_line(f) + "\n" for f in findings)
    else:
        rendered = FORMATS[fmt](findings, result.files, result.notes())
    if output_file:
        _write_output(output_file, rendered.encode("utf-8"))
        if not quiet:  # the file holds the findings; the terminal still says how the run went
            from .formats.text import summary

            click.echo(summary(findings, result.files, result.notes()), err=True)
    else:
        click.echo(rendered, nl=False)
    if annotate_dir:
        from .annotate import annotate_all

        notes, failures = annotate_all(result, findings, Path(annotate_dir))
        for note in [*notes, *map(str, failures)]:
            click.echo(note, err=True)
        if failures:
            sys.exit(2)
    sys.exit(_exit_code(result.errors, findings, config))


def _exit_code(errors, findings, config) -> int:
    """2 when a file could not be checked or fixed, else 1 when a finding reaches --fail-on, else 0."""
    if errors:
        return 2
    threshold = severity_rank(config.fail_on)
    return 1 if any(severity_rank(f.severity) >= threshold for f in findings) else 0


def _apply_fixes(paths, config, unsafe, show_diff, only) -> tuple[list[InputError], dict]:
    """Fix every list file under paths (or only the changed ones); print diffs or write atomically.

    A file is written only if it is still what was read (see write_atomic's `expect`); a file that cannot be
    written or changed meanwhile is that file's error, the others are fixed. Returns the errors, and per file the
    digest of the text it now holds with that text's findings (for the check that follows: a province's texts
    would be too many to keep)."""
    from .digest import hexdigest, text_digest
    from .engine import collect
    from .fixer import fix_text
    from .published import NOT_FIXED, is_published
    from .source import decode, encode, os_reason, read_bytes
    from .writer import ChangedMeanwhile

    files, errors = collect(paths, config)
    known = {}
    for path in files:
        if only is not None and str(Path(path).resolve()) not in only:
            continue
        if is_published(path):
            click.echo(f"{path}: {NOT_FIXED}", err=True)
            continue
        try:
            raw = read_bytes(path, config.max_file_size)
            text, encoding = decode(path, raw)
            outcome = fix_text(text, path, config, unsafe=unsafe, encoding=encoding)
            if not outcome.changed:
                known[path] = (text_digest(text), outcome.remaining)
                continue
            if show_diff:
                click.echo(outcome.diff(), nl=False)
                continue
            write_atomic(Path(path), encode(outcome.fixed, encoding), expect=hexdigest(raw))
            known[path] = (text_digest(outcome.fixed), outcome.remaining)
        except InputError as exc:
            errors.append(exc)
            continue
        except ChangedMeanwhile:
            errors.append(InputError(path, "修复期间文件被修改（编辑器保存或另一次 --fix），为不覆盖那次修改，"
                                           "本文件的修复未写入：请重新运行 --fix"))
            continue
        except OSError as exc:
            errors.append(InputError(path, f"无法写入修复，文件未改动：{os_reason(exc)}"))
            continue
        click.echo(f"{path}: 已修复 {outcome.applied} 个问题", err=True)
    return [e for e in errors if not e.message.startswith("目录中没有")], known


@main.command("baseline")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", type=click.Path(), required=True, help="基线文件（JSON）")
@_common_options
def baseline_cmd(paths, output, select, ignore, as_of, config_path, jobs, max_file_size) -> None:
    """记录当前的问题作为基线；之后 check --baseline 只报告新问题。"""
    from . import baseline as baselines

    paths = _paths(paths)
    config = _configure(paths, config_path, select, ignore, as_of, max_file_size=max_file_size)
    result = check_paths(paths, config, jobs=jobs)
    for error in result.errors:
        click.echo(f"{error}", err=True)
    _write_output(output, baselines.render(result.findings, Path(output)))
    click.echo(f"已记录 {len(result.findings)} 个问题到基线 {output}", err=True)
    sys.exit(2 if result.errors else 0)


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
        from .findings import CATEGORY_NAMES, SEVERITY_NAMES

        wide = max(map(len, CATEGORY_NAMES.values()))
        for rule in rules.values():
            label = CATEGORY_NAMES[rule.category]
            click.echo(f"{rule.code:<7} {label}{'　' * (wide - len(label))}  {SEVERITY_NAMES[rule.severity]}  {rule.summary}")


def rules_table() -> str:
    """The README's rule table, generated from the rules' own declarations."""
    from .findings import CATEGORY_NAMES, SEVERITY_NAMES

    lines = ["| 代码 | 名称 | 类别 | 默认级别 | 可修复 | 说明 |", "|---|---|---|---|---|---|"]
    for rule in all_rules().values():
        fixable = "是" if rule.fix_doc else ""
        lines.append(f"| {rule.code} | {rule.name} | {CATEGORY_NAMES[rule.category]} | {SEVERITY_NAMES[rule.severity]} | "
                     f"{fixable} | {rule.summary} |")
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
    from .findings import CATEGORY_NAMES, SEVERITY_NAMES

    click.echo(f"类别：{CATEGORY_NAMES[rule.category]}　默认级别：{SEVERITY_NAMES[rule.severity]}\n")
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
@click.option("--sheet", help="只读 xlsx/xls 的这个工作表（默认读每个含清单表头的工作表）")
@import_options
@max_file_size_option
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖它")
def import_cmd(src, output, sheet, column_map, title, department, region, level, max_file_size, force) -> None:
    """把已发布的清单（txt/csv/tsv/xlsx/xls/docx/pdf/网页）转换为 YAML 清单；列的识别结果打印到标准错误输出。"""
    from .importer import import_path
    from .importer.recognise import column_mapping

    if output and Path(output).exists() and not force:
        _fail(f"{output} 已存在，未覆盖（其中可能有人工改过的内容）：换一个输出文件名，或加 --force 覆盖")
    try:
        config = load_config(find_config(Path.cwd()))
        limit = parse_size(max_file_size, "--max-file-size") if max_file_size else config.max_file_size
    except ConfigError as exc:
        _fail(str(exc))
    notes: list[str] = []
    try:
        columns = column_mapping(config.columns, column_map, src)
        text = import_path(src, sheet=sheet, columns=columns, notes=notes, max_bytes=limit,
                           meta={"title": title, "department": department, "region": region, "level": level})
    except InputError as exc:
        _fail(str(exc))
    for note in notes:
        click.echo(note, err=True)
    if output:
        _write_output(output, text.encode("utf-8"))
        click.echo(f"已导入 {src} → {output}", err=True)
    else:
        click.echo(text, nl=False)


def run() -> None:
    """Entry point: no traceback reaches a user (set POWERLINT_DEBUG=1 to see one)."""
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(INTERRUPTED)
    except BrokenPipeError:
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - last line of defence, see docstring
        if os.environ.get("POWERLINT_DEBUG"):
            raise
        click.echo(f"powerlint 内部错误：{type(exc).__name__}: {exc}（请报告此问题；设置 POWERLINT_DEBUG=1 可显示详细信息）", err=True)
        sys.exit(2)
    finally:
        rx.remember()  # the patterns this run compiled, for the next one
