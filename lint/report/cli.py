"""The `powerlint report` command."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..cliutil import (configure, fail, import_options, list_paths, max_file_size_option, save_output,
                       set_import_options)
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
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="并行进程数")
@max_file_size_option
@import_options
def report(paths, output, as_of, compare, select, ignore, config_path, catalogue, jobs, max_file_size, column_map,
           title, department, region, level) -> None:
    """生成年度动态调整审查报告（默认审查 lists/；也可以是各部门报送的原文件或其所在目录）。"""
    from . import WRITERS, make_report, render

    paths = list_paths(paths)
    config = configure(paths, config_path, select, ignore, as_of, catalogue=catalogue, max_file_size=max_file_size)
    set_import_options(config, column_map, title, department, region, level)
    target = Path(output)
    if target.suffix.lower() not in WRITERS:
        fail(f"不支持的报告格式 {target.suffix or '（无扩展名）'}：请用 .html、.md、.xlsx 或 .json")
    try:
        built = make_report(paths, config, compare, jobs)
        data = render(built, target)
    except InputError as exc:
        fail(str(exc))
    save_output(output, data)
    for error in built.errors:
        click.echo(error, err=True)
    for sentence in built.not_run:
        click.echo(f"注意：{sentence}", err=True)
    click.echo(f"已生成报告 {output}：{len(built.lists)} 份清单，{len(built.findings)} 个问题，"
               f"{len(built.documents)} 项需更新的依据文件", err=True)
    sys.exit(2 if built.errors else 0)
