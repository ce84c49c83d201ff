"""Regular expressions compiled by an earlier run, handed to `re` ready-made.

`re.compile` of a pattern with a class of Han characters ([\u4e00-\u9fff]) walks its 21,000 code points
one by one in Python (`re._compiler._optimize_charset`): the ~250 patterns powerlint and its libraries
compile on the way took 0.035 s of every pre-commit run (lint's own 165: 33 ms, measured by timing
`re.compile` during `powerlint check lists/tianshui-ybj.yaml --no-cache`). What `re` builds for a pattern,
the program it hands to `_sre.compile`, is plain data: `remember` keeps the programs of the patterns a
run compiled in the data cache (`lint.compiled`, keyed by the interpreter's exact version and the SRE
engine's), and `warm` puts them into `re`'s own cache of compiled patterns before the modules compile
theirs, so that their `re.compile` finds them there (0.7 ms for all).

A program is used only when the pattern it gives equals what `re.compile` gave (`Pattern.__eq__`
compares the flags and the code); one that does not is remembered as refused, so that it is not tried
again. Python 3.10 has the same modules as `sre_compile` and `sre_parse`. On an interpreter whose internals
differ (no such modules, another layout of the cache) nothing is loaded or kept, and `re` compiles as usual
(tests/test_internals.py: the same findings either way).
"""

from __future__ import annotations

import re
import sys

try:
    import _sre

    if sys.version_info >= (3, 11):
        from re import _compiler, _parser
    else:  # Python 3.10: the same modules, by their names before 3.11
        import sre_compile as _compiler
        import sre_parse as _parser
except ImportError:  # pragma: no cover - an interpreter whose `re` is not CPython's: compile as usual
    _compiler = None

NAME = "regex"
# At most this many programs: patterns a run builds from a list's own words would otherwise accumulate, so a
# fuller table starts again from the patterns of the run that fills it (those still in re's cache, the table's
# own included). As many as `re` keeps (512), so that they always fit: with 400, once runs of other lists had
# filled the table, a run adding a few patterns kept only 400 of its ~410, compiled the others again in every
# later run and wrote the table again each time (7–8 ms of `powerlint check lists/tianshui-ybj.yaml` with the
# user cache of this machine, timed around `remember`; a one-list run compiles ~255 patterns).
LIMIT = getattr(re, "_MAXCACHE", 512)
_table: dict[tuple[str, int], tuple | None] = {}  # None: a program that did not verify, not tried again


def warm() -> None:
    """Put the programs remembered by earlier runs into `re`'s cache (once per process)."""
    if not _usable() or _table:
        return
    from .compiled import compiled

    try:
        table = compiled(NAME, _key(), lambda _: {})
        for (pattern, flags), program in table.items():
            if program is not None:
                re._cache[str, pattern, flags] = _sre.compile(pattern, *program)
    except Exception:  # noqa: BLE001 - a program this interpreter refuses: compile as usual
        return
    _table.update(table)


def remember() -> None:
    """Keep the programs of the patterns compiled in this process, when some were missing from the table."""
    if not _usable():
        return
    current, added = {}, False  # this run's patterns (those still in re's cache) and their programs
    for key, pattern in list(re._cache.items()):
        if not (isinstance(key, tuple) and len(key) == 3 and key[0] is str):
            continue
        entry = key[1], key[2]
        if entry in _table:
            current[entry] = _table[entry]
            continue
        try:
            program = _program(*entry)
            verified = _sre.compile(entry[0], *program) == pattern
        except Exception:  # noqa: BLE001 - internals not as expected for this pattern
            verified = False
        current[entry], added = program if verified else None, True
    if not added:
        return
    from .compiled import store

    table = {**_table, **current}
    store(NAME, _key(), table if len(table) <= LIMIT else current)  # current: at most re's LIMIT patterns
    _table.update(current)


def _usable() -> bool:
    return (_compiler is not None and isinstance(getattr(re, "_cache", None), dict)
            and hasattr(_sre, "MAGIC") and hasattr(_sre, "CODESIZE"))


def _key() -> bytes:
    # not powerlint's version: the table is keyed by pattern, so two installed versions share it (LIMIT bounds it)
    return f"{sys.version}\x1f{_sre.MAGIC}\x1f{_sre.CODESIZE}".encode()


def _program(pattern: str, flags: int) -> tuple:
    """What `re._compiler.compile` hands to `_sre.compile` for `pattern`, as plain data."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup)
