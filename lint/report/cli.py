"""The `powerlint report` and `powerlint export` commands."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..clizh import ZhCommand
from ..source import InputError


@click.command("report", cls=ZhCommand)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", type=click.Path(), required=True,
              help="报告文件：扩展名决定格式（.html / .md / .xlsx / .json）")
@click.option("--as-of", help="审查基准日 YYYY-MM-DD（默认今天）")
@click.option("--compare", "compare", metavar="PREVIOUS", help="上次报告的 JSON 文件，或 git 版本（如 v2025、HEAD~1）")
@click.option("--select", help="只启用这些规则（逗号分隔的代码或前缀）")
@click.option("--ignore", help="不启用这些规则（逗号分隔的代码或前缀）")
@click.option("--config", "config_path", type=click.Path(), help="配置文件（.powerlint.yaml 或 pyproject.toml）")
@click.option("--catalogue", type=click.Path(), help="标准目录（通用目录/指导目录）的 YAML 清单文件，各清单与之对照")
def report(paths, output, as_of, compare, select, ignore, config_path, catalogue) -> None:
    """生成年度动态调整审查报告（默认审查 lists/）。"""
    from ..cli import _configure, _fail, _paths, _write_output
    from . import WRITERS, make_report, render

    paths = _paths(paths)
    config = _configure(paths, config_path, select, ignore, as_of, catalogue=catalogue)
    target = Path(output)
    if target.suffix.lower() not in WRITERS:
        _fail(f"不支持的报告格式 {target.suffix or '（无扩展名）'}：请用 .html、.md、.xlsx 或 .json")
    try:
        built = make_report(paths, config, compare)
        data = render(built, target)
    except InputError as exc:
        _fail(str(exc))
    _write_output(output, data)
    for error in built.errors:
        click.echo(error, err=True)
    for sentence in built.not_run:
        click.echo(f"注意：{sentence}", err=True)
    click.echo(f"已生成报告 {output}：{len(built.lists)} 份清单，{len(built.findings)} 个问题，"
               f"{len(built.documents)} 项需更新的依据文件", err=True)
    sys.exit(2 if built.errors else 0)


@click.command("export", cls=ZhCommand)
@click.argument("src", type=click.Path())
@click.option("-o", "--output", type=click.Path(), required=True,
              help="输出文件：扩展名决定格式（.xlsx / .docx / .html）")
def export(src, output) -> None:
    """把 YAML 清单按通用的权责清单表格格式导出（.xlsx / .docx / .html），供公布使用。"""
    from ..cli import _fail, _write_output
    from ..export import writers
    from ..loader import load_file

    target = Path(output)
    writer = writers().get(target.suffix.lower())
    if writer is None:
        _fail(f"不支持的导出格式 {target.suffix or '（无扩展名）'}：请用 .xlsx、.docx 或 .html")
    try:
        loaded = load_file(src)
    except InputError as exc:
        _fail(str(exc))
    if loaded.problems:
        click.echo(f"注意：{src} 有 {len(loaded.problems)} 处不符合清单格式（powerlint check 可查看），仍照原文导出", err=True)
    data = writer(loaded.plist)
    _write_output(output, data.encode("utf-8") if isinstance(data, str) else data)
    click.echo(f"已导出 {src} → {output}（{len(loaded.plist.items)} 项事项）", err=True)
