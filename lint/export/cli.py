"""The `powerlint export` command: a YAML list written out for publication, in the format of the output's
extension."""

from __future__ import annotations

from pathlib import Path

import click

from ..cliutil import fail, save_output
from ..clizh import ZhCommand
from ..loader import load_file
from ..source import InputError


def writers():
    """Output extension → the writer of that format (imported when used: each needs its own library)."""
    from . import docx, html, xlsx

    return {".xlsx": xlsx.render, ".docx": docx.render, ".html": html.render, ".htm": html.render}


@click.command("export", cls=ZhCommand)
@click.argument("src", type=click.Path())
@click.option("-o", "--output", type=click.Path(), required=True,
              help="输出文件：扩展名决定格式（.xlsx / .docx / .html）")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖它")
def export(src, output, force) -> None:
    """把 YAML 清单按通用的权责清单表格格式导出（.xlsx / .docx / .html），供公布使用。"""
    target = Path(output)
    if target.exists() and not force:  # as import: the file may be one a clerk finished by hand
        fail(f"{output} 已存在，未覆盖（其中可能有人工改过的内容）：换一个输出文件名，或加 --force 覆盖")
    writer = writers().get(target.suffix.lower())
    if writer is None:
        fail(f"不支持的导出格式 {target.suffix or '（无扩展名）'}：请用 .xlsx、.docx 或 .html")
    try:
        loaded = load_file(src)
    except InputError as exc:
        fail(str(exc))
    if loaded.problems:
        click.echo(f"注意：{src} 有 {len(loaded.problems)} 处不符合清单格式（powerlint check 可查看），仍照原文导出", err=True)
    data = writer(loaded.plist)
    save_output(output, data.encode("utf-8") if isinstance(data, str) else data)
    click.echo(f"已导出 {src} → {output}（{len(loaded.plist.items)} 项事项）", err=True)
