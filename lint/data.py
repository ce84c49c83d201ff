"""Access to the rules' data (`rules/`): shipped inside the wheel as `lint/_rules`,
read from the source tree's `rules/` in a checkout or an editable install."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

_PKG = Path(__file__).resolve().parent


@functools.lru_cache(maxsize=1)
def rules_dir() -> Path:
    """The directory holding the rules' data files."""
    for candidate in (_PKG / "_rules", _PKG.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("找不到规则数据目录 rules/（安装包不完整）")


@functools.lru_cache(maxsize=None)
def load(name: str):
    """Load one data file of `rules/` (YAML), cached for the process (and parsed once per content, see `compiled`)."""
    from .compiled import compiled

    return compiled("rules-" + name.replace("/", "-"), (rules_dir() / name).read_bytes(), _parse)


def _parse(source: bytes):
    return yaml.load(source.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@functools.lru_cache(maxsize=1)
def fingerprint() -> str:
    """A hash of every data file, so caches notice an edited rule file."""
    from .digest import digest as new_digest  # BLAKE2b: no OpenSSL to load (3–5 ms of a cached run)

    digest = new_digest()
    for path in sorted(rules_dir().rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(rules_dir()).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
