"""Configuration: `[tool.powerlint]` in pyproject.toml or `.powerlint.yaml`, found upward from the checked files."""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .findings import ALL, matches, severity_key
from .source import ConfigError
from .yamlerrors import describe

KEYS = {
    "select": "启用的规则代码或前缀（如 CIT、STG001、ALL）",
    "ignore": "不启用的规则代码或前缀",
    "severity": "改变规则的严重程度：{代码: 错误|警告|提示}（也可写 error|warning|info）",
    "fail-on": "达到该严重程度即退出码 1：错误|警告|提示（也可写 error|warning|info）",
    "as-of": "检查时效性所依据的日期 YYYY-MM-DD（默认今天）",
    "per-file-ignores": "按文件忽略规则：{文件通配符: [代码, …]}",
    "exclude": "不检查的文件通配符列表",
    "knowledge-dir": "用户知识目录（导入的法规条文等）",
    "documents": "本仓库的文件登记表（YAML，字段同自带的 documents.yaml），增补或覆盖登记条目",
    "columns": "powerlint import 的列名对照：{原列名: 字段}（字段如 name、power_type，或 extra）",
    "max-file-size": "大于此大小的清单文件不检查并报告原因，如 200MB（默认 200MB）",
    "catalogue": "标准目录（通用目录/指导目录）的 YAML 清单文件，各清单与之对照",
}
DEFAULT_MAX_FILE_SIZE = 200 * 1024 * 1024  # a province's merged compilation reaches ~25 MB; see bench/README.md


@dataclass
class Config:
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    as_of: dt.date = field(default_factory=dt.date.today)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    knowledge_dir: Path | None = None
    documents: Path | None = None
    columns: dict[str, str] = field(default_factory=dict)
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    catalogue: Path | None = None
    origin: Path | None = None
    imports: dict = field(default_factory=dict)  # import options for published files (--column, --title …)

    def enabled(self, code: str) -> bool:
        return _matches(code, self.select) and not _matches(code, self.ignore)

    def ignored_in_file(self, path: str, code: str) -> bool:
        if not self.per_file_ignores:
            return False
        posix = Path(path).as_posix()
        return any(
            _matches(code, codes) for pattern, codes in self.per_file_ignores.items()
            if fnmatch.fnmatch(posix, pattern) or fnmatch.fnmatch(Path(path).name, pattern)
        )

    def excluded(self, path: Path) -> bool:
        posix = path.as_posix()
        return any(fnmatch.fnmatch(posix, p) or fnmatch.fnmatch(path.name, p) for p in self.exclude)


def _matches(code: str, selectors: list[str]) -> bool:
    return ALL in selectors or matches(code, selectors)


def find_config(start: Path) -> Path | None:
    """The nearest `.powerlint.yaml` or pyproject.toml with a [tool.powerlint] table, upward from start."""
    start = start.resolve()
    for directory in [start, *start.parents] if start.is_dir() else [start.parent, *start.parent.parents]:
        candidate = directory / ".powerlint.yaml"
        if candidate.is_file():
            return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and "tool" in (data := _read_toml(pyproject)) and "powerlint" in data["tool"]:
            return pyproject
    return None


def _read_toml(path: Path) -> dict:
    """The parsed file, kept in the data cache per path and content: every run reads the pyproject.toml of the
    project (and of the directories above), and importing tomllib and parsing took 3–4 ms of a one-list run
    (`find_config` timed from this repository's root). A file that does not parse is parsed, and reported, each time."""
    import importlib.util

    from .compiled import compiled

    try:
        source = path.read_bytes()
        name = f"pyproject-{importlib.util.source_hash(str(path.resolve()).encode()).hex()}"
        return compiled(name, source, _parse_toml)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: 无法读取配置文件（{_os_reason(exc)}）") from None
    except ValueError as exc:  # tomllib.TOMLDecodeError
        line = re.search(r"line (\d+)", str(exc))
        where = f"第 {line.group(1)} 行" if line else ""
        raise ConfigError(f"{path}: TOML 语法错误{where}：请检查引号、方括号和等号") from None


def _parse_toml(source: bytes) -> dict:
    if sys.version_info >= (3, 11):  # imported only when a pyproject.toml is parsed
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    # decoded as `Path.read_text(encoding="utf-8")` reads (universal newlines)
    return tomllib.loads(source.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"))


def load_config(path: Path | None) -> Config:
    """Read and validate a config file; None gives the defaults."""
    if path is None:
        return Config()
    if path.name == "pyproject.toml":
        raw = _read_toml(path).get("tool", {}).get("powerlint", {})
    else:
        try:
            raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: 无法读取配置文件（{_os_reason(exc)}）") from None
        except yaml.YAMLError as exc:
            message, line = describe(exc)
            raise ConfigError(f"{path}:{line}: {message}" if line else f"{path}: {message}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: 配置应为键值映射")
    return from_mapping(raw, path)


class _ConfigLoader(yaml.SafeLoader):
    """Safe YAML in which dates stay text, so `as-of: 2026-11-31` gets our message, not a ValueError."""


_ConfigLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _os_reason(exc: Exception) -> str:
    from .source import os_reason

    return "不是 UTF-8 编码" if isinstance(exc, UnicodeDecodeError) else os_reason(exc)


def from_mapping(raw: dict, origin: Path | None = None) -> Config:
    where = f"{origin}: " if origin else ""
    unknown = sorted(set(raw) - set(KEYS))
    if unknown:
        known = "、".join(KEYS)
        raise ConfigError(f"{where}未知的配置项 {', '.join(map(str, unknown))}；可用的配置项：{known}")
    config = Config(origin=origin)
    for key in ("select", "ignore", "exclude"):
        if key in raw:
            value = raw[key]
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}{key} 应为规则代码列表")
            setattr(config, key, value)
    severity = raw.get("severity", {})
    if not isinstance(severity, dict) or any(severity_key(v) is None for v in severity.values()):
        raise ConfigError(f"{where}severity 应为 {{代码: 错误|警告|提示}}（也可写 error|warning|info）")
    config.severity = {str(k): severity_key(v) for k, v in severity.items()}
    if "fail-on" in raw:
        config.fail_on = check_severity(raw["fail-on"], f"{where}fail-on")
    if "as-of" in raw:
        config.as_of = parse_date(raw["as-of"], f"{where}as-of")
    pfi = raw.get("per-file-ignores", {})
    if not isinstance(pfi, dict) or not all(isinstance(v, list) for v in pfi.values()):
        raise ConfigError(f"{where}per-file-ignores 应为 {{文件通配符: [代码, …]}}")
    config.per_file_ignores = {str(k): [str(c) for c in v] for k, v in pfi.items()}
    columns = raw.get("columns", {})
    if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
        raise ConfigError(f"{where}columns 应为 {{原列名: 字段}}")
    config.columns = {str(k): v for k, v in columns.items()}
    if raw.get("knowledge-dir"):
        base = origin.parent if origin else Path.cwd()
        config.knowledge_dir = (base / str(raw["knowledge-dir"])).resolve()
    if raw.get("documents"):
        from .kb.registry import read_documents  # read now: a broken file is a configuration error

        config.documents = ((origin.parent if origin else Path.cwd()) / str(raw["documents"])).resolve()
        read_documents(config.documents)
    if "max-file-size" in raw:
        config.max_file_size = parse_size(raw["max-file-size"], f"{where}max-file-size")
    if raw.get("catalogue"):
        config.catalogue = ((origin.parent if origin else Path.cwd()) / str(raw["catalogue"])).resolve()
    return config


def check_severity(value, what: str) -> str:
    """The severity key of a word in English or Chinese (fail-on: 警告 or warning)."""
    key = severity_key(value)
    if key is None:
        raise ConfigError(f"{what} 应为 错误、警告 或 提示（也可写 error、warning、info），而不是「{value}」")
    return key


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMG]?)i?B?\s*$", re.I)


def parse_size(value, what: str) -> int:
    """Bytes of a size written 200MB, 1.5 GB, 500KB or a plain number of bytes."""
    match = _SIZE.match(str(value))
    if not match or isinstance(value, bool):
        raise ConfigError(f"{what} 应为文件大小，如 200MB、1GB 或 500KB，而不是 {value!r}")
    number, unit = float(match.group(1)), match.group(2).upper()
    return int(number * 1024 ** " KMG".index(unit or " "))


def parse_date(value, what: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{what} 应为存在的日期 YYYY-MM-DD，而 {value!r} 不是（日期不存在或格式不对）") from None
