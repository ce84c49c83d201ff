"""Rules: each declares its code, category, default severity and docs, and yields findings.

A rule family is one module of `lint/checks/`, named after its category in the family table
(`lint.findings.FAMILIES`); a rule is a subclass of `Rule` there, decorated with `@register`.
The engine discovers every module of that package.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from typing import TYPE_CHECKING, Callable, ClassVar, Iterable

from .findings import SEVERITIES, Finding, Fix, family_of
from .model import EXTRA_PATH, Item, PowerList, Value

if TYPE_CHECKING:
    from .engine import Context

_RULES: dict[str, type["Rule"]] = {}


class Rule:
    """Base of every rule. Override `check` (one list) or `check_corpus` (all lists at once)."""

    code: ClassVar[str]
    name: ClassVar[str]  # kebab-case, English, stable
    category: ClassVar[str]
    severity: ClassVar[str] = "warning"
    summary: ClassVar[str]  # one line, Chinese
    what: ClassVar[str]  # what it checks
    why: ClassVar[str]  # why it matters
    example: ClassVar[str]  # an example finding
    fix_doc: ClassVar[str] = ""  # what the fix does and whether it is safe, or "" when none
    corpus: ClassVar[bool] = False  # True: compares lists with each other
    # for a corpus rule: a module-level function giving what the rule needs of one list, computed where the
    # list is checked, so that the engine keeps these digests rather than every list's model; check_corpus
    # then receives the digests (in file order). None: check_corpus receives the lists themselves.
    digest: ClassVar[Callable[[PowerList], object] | None] = None

    def __init__(self, ctx: "Context"):
        self.ctx = ctx

    def check(self, plist: PowerList) -> Iterable[Finding]:
        return ()

    def check_corpus(self, lists: list) -> Iterable[Finding]:
        return ()

    @classmethod
    def active(cls, config, lists: int) -> bool:
        """Whether a corpus rule has anything to do under `config` with this many lists (a catalogue rule
        needs a catalogue; a majority needs several lists), so that the engine skips its digests."""
        return True

    def finding(
        self,
        plist: PowerList,
        message: str,
        *,
        item: Item | None = None,
        value: Value | None = None,
        field: str | None = None,
        offset: int = 0,
        fix: Fix | None = None,
        severity: str | None = None,
        evidence: str | None = None,
    ) -> Finding:
        """A finding of this rule at `value` (character `offset` inside it), or at the item. In a column the
        format has no field for (`extra`), the message starts with the column's name as published."""
        if field and field.startswith(EXTRA_PATH):
            column = field[len(EXTRA_PATH):]
            if not message.startswith((column, f"「{column}」")):  # a message that names the column already
                message = f"「{column}」列：{message}"
        if value is not None:
            _, line, column = value.locate(offset, plist.source)
        elif item is not None and field in item.key_positions:
            line, column = item.key_positions[field]
        elif item is not None:
            line, column = item.line, item.column
        elif field and field.startswith("meta.") and field[5:] in plist.meta_positions:
            line, column = plist.meta_positions[field[5:]]
        else:
            line, column = 1, 1
        return Finding(
            code=self.code,
            category=self.category,
            severity=severity or self.severity,
            message=message,
            path=plist.path,
            line=line,
            column=column,
            item=item.label if item is not None else None,
            field=field,
            fix=fix,
            evidence=evidence if evidence is not None else (value.value[offset:offset + 80] if value is not None else ""),
        )


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule to the registry (codes are unique)."""
    family = family_of(cls.code)
    assert family is not None and cls.category == family.category and cls.__module__ == family.module, cls
    assert cls.severity in SEVERITIES, cls
    if cls.code in _RULES and _RULES[cls.code] is not cls:
        raise ValueError(f"duplicate rule code {cls.code}")
    _RULES[cls.code] = cls
    return cls


def all_rules() -> dict[str, type[Rule]]:
    """Every registered rule, by code, after importing all rule families."""
    _import_families()
    return dict(sorted(_RULES.items()))


@functools.lru_cache(maxsize=1)
def _import_families() -> None:
    from . import checks
    from .heap import permanent

    with permanent():  # the rule modules and what they import live as long as the process
        for module in pkgutil.iter_modules(checks.__path__):
            importlib.import_module(f"{checks.__name__}.{module.name}")
