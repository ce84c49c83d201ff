"""Data files compiled once into a fast form, kept in the user cache directory and keyed by content.

Parsing a data file such as `rules/charmodel.txt` costs more than checking a list; a pre-commit run
pays it in every process. The built value (plain data: dicts, lists, strings, numbers, dates) is
pickled under a name that hashes the source bytes, the builder's version and the interpreter's
version, so an edited file or a new Python builds afresh. Like Python's own .pyc files, the cache is
trusted: it lives in the user's own cache directory.
A cache that cannot be read or written is rebuilt or skipped, never an error.
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import sys
import zlib
from pathlib import Path
from typing import Any, Callable

from .heap import permanent

# Files of one interpreter replace only that interpreter's older ones: two Pythons sharing the user's cache
# (a pre-commit environment beside a project's own) would otherwise delete each other's and rebuild every run.
_TAG = sys.implementation.cache_tag or "python"


def cache_dir() -> Path:
    """POWERLINT_DATA_CACHE, else the user cache directory of the platform, where platformdirs puts it:
    $XDG_CACHE_HOME/powerlint or ~/.cache/powerlint, ~/Library/Caches/powerlint on macOS,
    %LOCALAPPDATA%\\powerlint\\Cache on Windows.

    Hand-written, as lint.kb.store.default_dir is: importing platformdirs took 5 ms of every pre-commit run
    (0.231 s against 0.226 s, medians of 15 alternating runs with and without it)."""
    override = os.environ.get("POWERLINT_DATA_CACHE")
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "powerlint" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "powerlint"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "powerlint"


def compiled(name: str, source: bytes, build: Callable[[bytes], Any], version: str = "1") -> Any:
    """`build(source)`, loaded from the cache when the same source was built before."""
    path = _path(name, source, version)
    try:
        return _unpickle(_payload(path.read_bytes(), path.name))
    except Exception:  # noqa: BLE001 - a missing, truncated, edited or foreign cache file is rebuilt
        pass
    value = build(source)
    store(name, source, value, version)
    return value


def store(name: str, source: bytes, value: Any, version: str = "1") -> None:
    """Keep `value` as what `compiled(name, source, …, version)` returns from now on (replacing older versions);
    nothing when the cache cannot be written."""
    path = _path(name, source, version)
    try:
        from .writer import write_atomic  # only when writing (it imports tempfile and shutil)

        path.parent.mkdir(parents=True, exist_ok=True)
        for pattern in (f"{name}-{_TAG}-*.pickle", f"{name}-{'?' * 20}.pickle"):  # older versions (and names)
            for stale in path.parent.glob(pattern):
                stale.unlink(missing_ok=True)
        write_atomic(path, _envelope(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), path.name))
    except (OSError, pickle.PicklingError):
        pass


def _path(name: str, source: bytes, version: str) -> Path:
    # the 64-bit hash Python keys its hash-based .pyc files by (hashlib would load OpenSSL: 3–6 ms a run)
    key = importlib.util.source_hash(b"\0".join([source, version.encode(), sys.version.encode()])).hex()
    return cache_dir() / f"{name}-{_TAG}-{key}.pickle"


# A cache file is MAGIC, the CRC-32 of its own file name and the pickle, then the pickle: a file written by
# anything else, copied under another name, edited or cut short is rebuilt, never a value of another shape.
# CRC-32 (zlib, 0.5 ms on the 2 MB character model; BLAKE2b 6 ms): the check is against accidents and tampering
# with the shape, the directory itself being the user's own, trusted as .pyc files are.
MAGIC = b"powerlint-data/2\n"


def _envelope(pickled: bytes, name: str) -> bytes:
    return MAGIC + _check(pickled, name) + pickled


def _check(pickled, name: str) -> bytes:
    return zlib.crc32(pickled, zlib.crc32(name.encode())).to_bytes(4, "big")


def _payload(stored: bytes, name: str) -> memoryview:
    """The pickle inside a cache file, as a view (no copy: the character model's is 2 MB, and copying it twice
    took 3–4 ms of a one-list run); ValueError when the file is not one written for `name`."""
    head = len(MAGIC) + 4
    pickled = memoryview(stored)[head:]
    if stored[:len(MAGIC)] != MAGIC or stored[len(MAGIC):head] != _check(pickled, name):
        raise ValueError("not this cache file")
    return pickled


def _unpickle(data) -> Any:
    """The value, built with the collector paused and kept out of its way (it lives as long as the process):
    unpickled data has no garbage to find, and scanning it while it was built doubled the time of the
    division index (10.7 ms against 6.6 ms, `pickle.loads` in a loop)."""
    with permanent():
        return pickle.loads(data)


def contents(*paths: Path) -> bytes:
    """The bytes of each file, a `source` for data built from code or from an installed package rather than
    from one data file (a missing file counts as empty: the build then says what is wrong)."""
    out = []
    for path in paths:
        try:
            out.append(path.read_bytes())
        except OSError:
            out.append(b"")
    return b"\0".join(out)


def package_files(name: str) -> list[Path]:
    """The modules of an installed package, found without importing it (a package's data is often code)."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return []
    folders = (spec.submodule_search_locations or []) if spec is not None else []
    return sorted(p for folder in folders for p in Path(folder).glob("*.py"))
