"""A findings cache keyed by file content and path and every other input of the results (`inputs`).

A pre-commit run in a repository of hundreds of lists then re-checks only what changed.
"""

from __future__ import annotations

import dataclasses
import json
import os
import typing
from pathlib import Path

from . import __version__, data
from .config import Config
from .digest import digest as new_digest, hexdigest  # BLAKE2b: no OpenSSL to load (3–5 ms a run)
from .findings import Edit, Finding, Fix
from .writer import write_atomic

CACHE_DIR = ".powerlint_cache"


def code_fingerprint() -> str:
    """Size and mtime of the package's modules: a changed rule's code invalidates the cache."""
    return hexdigest(repr(_stats(str(Path(__file__).resolve().parent), ".py")).encode())


def _stats(root: str, suffix: str = "") -> list[tuple]:
    """(path under `root` with /, size, mtime) of every file ending with `suffix`, sorted by path; symbolic links to
    directories not followed. os.walk and os.stat, not `Path.rglob`: the package's modules are found in 0.4 ms
    instead of 1.5–6 ms of every cached run, a knowledge directory of 3,000 statutes in ~10 ms instead of 30–37."""
    start = len(root) + len(os.sep)
    stats = []
    for folder, _, files in os.walk(root):
        for name in files:
            if name.endswith(suffix):
                path = os.path.join(folder, name)
                relative = path[start:].replace(os.sep, "/")
                try:
                    info = os.stat(path)
                except OSError:
                    stats.append((relative, "unreadable"))
                    continue
                stats.append((relative, info.st_size, info.st_mtime_ns))
    return sorted(stats)


def config_key(config: Config) -> str:
    parts = [config.select, config.ignore, sorted(config.severity.items()), config.as_of.isoformat(),
             sorted(config.per_file_ignores.items()), str(config.knowledge_dir)]
    parts.append(hexdigest(config.documents.read_bytes()) if config.documents else "")
    parts.append(config.catalogue and config.catalogue.is_file() and hexdigest(config.catalogue.read_bytes()))
    return hexdigest(json.dumps(parts, ensure_ascii=False, default=str).encode())


def directory_fingerprint(directory: Path | None) -> str:
    """Names, sizes and modification times of every file under a directory (a `kb import` changes it)."""
    if directory is None or not directory.is_dir():
        return "none"
    return hexdigest(repr(_stats(str(directory))).encode())


def inputs(config: Config) -> list[str]:
    """Everything a list's findings depend on besides its own text and path: one line per input."""
    from .kb import lawdb, store

    return [
        __version__,
        code_fingerprint(),  # the rules' code
        data.fingerprint(),  # the rules' data and the document registry (rules/)
        config_key(config),
        directory_fingerprint(config.knowledge_dir or store.default_dir()),  # imported statutes
        lawdb.identity(),  # which law database, which version of it
    ]


class Cache:
    def __init__(self, root: Path, config: Config):
        self.root = root / CACHE_DIR / __version__
        self.salt = "\x1f".join(inputs(config))

    def key(self, path: str, text: str) -> str:
        digest = new_digest()
        digest.update(f"{self.salt}\x1f{path}\x1f".encode())
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def get(self, key: str) -> list[Finding] | None:
        """The findings stored under `key`; None (a miss) for a missing, truncated, edited or foreign entry."""
        try:
            raw = (self.root / key[:2] / key).read_bytes()
            return _read_entry(raw, key)
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def put(self, key: str, findings: list[Finding]) -> None:
        try:
            (self.root / key[:2]).mkdir(parents=True, exist_ok=True)
            marker = self.root.parent / ".gitignore"
            if not marker.exists():
                marker.write_text("# 由 powerlint 自动创建\n*\n", encoding="utf-8")
            payload = json.dumps([_entry(f) for f in findings], ensure_ascii=False).encode("utf-8")
            header = json.dumps({"format": ENTRY_FORMAT, "key": key, "digest": hexdigest(payload)}).encode()
            # not synced to disk (0.4 ms of a hook run): a file a crash cut short fails its digest, a miss (`get`)
            write_atomic(self.root / key[:2] / key, header + b"\n" + payload, durable=False)
        except OSError:
            pass  # a read-only checkout simply runs uncached


# An entry is a header line (format, its own key, the digest of the rest) and the findings as JSON. Anything else
# (an older format, a file copied under another key, an edited or cut-short payload, entries of another shape)
# is a miss: a cache never answers with findings the checks did not produce.
ENTRY_FORMAT = 2
_TYPES = {name: kind for name, kind in typing.get_type_hints(Finding).items() if name != "fix"}  # str | None …


def _read_entry(raw: bytes, key: str) -> list[Finding]:
    header_line, _, payload = raw.partition(b"\n")
    header = json.loads(header_line)
    if header != {"format": ENTRY_FORMAT, "key": key, "digest": hexdigest(payload)}:
        raise ValueError("not this entry")
    entries = json.loads(payload)
    if not isinstance(entries, list):
        raise ValueError("not a list of findings")
    return [_finding(entry) for entry in entries]


def _entry(finding: Finding) -> dict:
    entry = {f.name: getattr(finding, f.name) for f in dataclasses.fields(finding) if f.name != "fix"}
    if finding.fix is not None:
        entry["fix"] = {"description": finding.fix.description, "safe": finding.fix.safe,
                        "edits": [[e.start, e.end, e.content] for e in finding.fix.edits]}
    return entry


def _finding(entry: dict) -> Finding:
    """A finding from its stored form; ValueError when the entry is not of that shape."""
    if not isinstance(entry, dict) or set(entry) - {"fix"} != set(_TYPES):
        raise ValueError("not a finding")
    if not all(isinstance(entry[name], kind) for name, kind in _TYPES.items()):
        raise ValueError("a field of the wrong type")
    fix = entry.pop("fix", None)
    if fix is not None:
        edits = tuple(Edit(int(a), int(b), str(c)) for a, b, c in fix["edits"])
        fix = Fix(str(fix["description"]), edits, bool(fix["safe"]))
    return Finding(**entry, fix=fix)


def project_root(config: Config | None = None, start: Path | None = None) -> Path | None:
    """The project's root: the directory of the configuration file, else the git work tree's top."""
    if config is not None and config.origin is not None:
        return config.origin.resolve().parent
    start = (start or Path.cwd()).resolve()
    return next((d for d in [start, *start.parents] if (d / ".git").exists()), None)


def default_root(config: Config | None = None) -> Path:
    """Where the cache lives: POWERLINT_CACHE_DIR, else the project root, else the current directory."""
    override = os.environ.get("POWERLINT_CACHE_DIR")
    if override:
        return Path(override).resolve()
    return project_root(config) or Path.cwd()
