"""What the commands share (check, baseline, report, export, kb): paths, configuration, output, failure."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cache import project_root
from .config import Config, ConfigError, check_severity, find_config, load_config, parse_date, parse_size
from .findings import ALL, selects_any
from .registry import all_rules
from .source import InputError
from .writer import write_output

DEFAULT_PATHS = ("lists",)


def fail(message: str) -> None:
    click.echo(f"错误：{message}", err=True)
    sys.exit(2)


def list_paths(paths: tuple[str, ...]) -> list[str]:
    """The paths given, else lists/ when it exists here; else say where we looked and what to pass (exit 2)."""
    if paths:
        return list(paths)
    if all(Path(p).exists() for p in DEFAULT_PATHS):
        return list(DEFAULT_PATHS)
    here = Path.cwd()
    try:
        found = find_config(here)
    except ConfigError:
        found = None
    root = found.resolve().parent if found is not None else project_root()
    hint = ""
    if root is not None and root != here and (root / DEFAULT_PATHS[0]).is_dir():
        hint = f"项目根目录 {root} 下有 {DEFAULT_PATHS[0]}/：请在那里运行，或写明路径 {root / DEFAULT_PATHS[0]}。"
    fail(f"没有指定要检查的路径，默认的 {DEFAULT_PATHS[0]}/ 在当前目录 {here} 下不存在。"
          + (hint or "请写明要检查的清单文件或目录，例如 powerlint check 清单目录/"))


def save_output(path: str, data: bytes) -> None:
    """Write an -o file (parents created, said on stderr); a path that cannot be written exits 2."""
    try:
        note = write_output(Path(path), data)
    except InputError as exc:
        fail(str(exc))
    if note:
        click.echo(note, err=True)


def resolve_config(config_path: str | None, paths: tuple[str, ...]) -> Config:
    try:
        if config_path:
            return load_config(Path(config_path))
        start = Path(paths[0]) if paths and Path(paths[0]).exists() else Path.cwd()
        return load_config(find_config(start))
    except ConfigError as exc:
        fail(str(exc))


def configure(paths, config_path, select, ignore, as_of, fail_on=None, max_file_size=None, catalogue=None) -> Config:
    config = resolve_config(config_path, paths)
    if catalogue:
        config.catalogue = Path(catalogue).resolve()
    try:
        if select:
            config.select = [s.strip() for s in select.split(",") if s.strip()]
        if ignore:
            config.ignore += [s.strip() for s in ignore.split(",") if s.strip()]
        if fail_on:
            config.fail_on = check_severity(fail_on, "--fail-on")
        if as_of:
            config.as_of = parse_date(as_of, "--as-of")
        if max_file_size:
            config.max_file_size = parse_size(max_file_size, "--max-file-size")
    except ConfigError as exc:
        fail(str(exc))
    if config.knowledge_dir is not None and not config.knowledge_dir.is_dir():
        # checked where lists are checked, not where the configuration is read: `kb import` creates the directory
        where = f"{config.origin}: " if config.origin else ""
        fail(f"{where}knowledge-dir 指向的 {config.knowledge_dir} 不存在或不是目录（一个写错的路径会让导入的法规条文"
             f"都无法核对）：请改正路径，或先用 powerlint kb import 文件 导入法规条文")
    check_selectors(config)
    if config.catalogue is not None:
        from .analysis.catalogue import load

        try:
            load(str(config.catalogue))
        except InputError as exc:
            fail(str(exc))
    return config


def check_selectors(config: Config) -> None:
    selectors = [s for s in [*config.select, *config.ignore, *config.severity] if s != ALL]
    codes = all_rules() if selectors else {}  # the rules are imported only when there is something to check
    for selector in selectors:
        if not selects_any(selector, codes):
            fail(f"未知的规则代码或前缀 {selector}；powerlint rules 列出全部规则")


# `check`, `baseline`, `report` and `import`
max_file_size_option = click.option("--max-file-size", metavar="大小",
                                    help="大于此大小的清单文件不读取（.xlsx、.docx 按解压后的大小），如 50MB"
                                         "（默认 200MB，配置项 max-file-size）")


def import_options(func):
    """The options that shape how a published list is read (`import`, and `check`/`report` on published files)."""
    options = [
        click.option("--column", "column_map", multiple=True, metavar="原列名=字段",
                     help="指定某列的含义，如 --column 执法类别=power_type（可多次使用；字段写 extra 则原样保留）"),
        click.option("--title", help="清单标题（原表没有标题行时）"),
        click.option("--department", help="部门全称，如 资源县人力资源和社会保障局"),
        click.option("--region", help="行政区全称，如 广西壮族自治区桂林市资源县"),
        click.option("--level", type=click.Choice(["省级", "市级", "县级", "乡级"]), help="清单层级"),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def set_import_options(config: Config, column_map, title, department, region, level) -> None:
    """Keep the import options for the published files among the paths (read in memory by the importer)."""
    config.imports = {"column": tuple(column_map), "title": title, "department": department, "region": region,
                      "level": level}
