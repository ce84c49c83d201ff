"""The engine: find list files, load them, run the enabled rules, apply suppressions."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config
from .findings import Finding
from .loader import load_file
from .model import PowerList
from .registry import Rule, all_rules
from .source import InputError

LIST_SUFFIXES = (".yaml", ".yml")


@dataclass
class Context:
    """What rules may read besides the list: the configuration (as-of date, knowledge dir)."""

    config: Config


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    lists: list[PowerList] = field(default_factory=list)
    files: int = 0


def collect(paths: list[str], config: Config) -> tuple[list[str], list[InputError]]:
    """The list files under `paths` (directories walked without following symlinks)."""
    files: list[str] = []
    errors: list[InputError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = []
            for root, dirs, names in os.walk(path, onerror=lambda e: errors.append(
                    InputError(str(e.filename), f"无法读取目录：{e.strerror}"))):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    candidate = Path(root) / name
                    if name.endswith(LIST_SUFFIXES) and not config.excluded(candidate):
                        found.append(str(candidate))
            if not found:
                errors.append(InputError(raw, "目录中没有清单文件（*.yaml / *.yml）"))
            files.extend(found)
        elif path.exists() or path.is_symlink():
            files.append(raw)
        else:
            errors.append(InputError(raw, "路径不存在"))
    return list(dict.fromkeys(files)), errors


def enabled_rules(config: Config) -> list[type[Rule]]:
    return [rule for code, rule in all_rules().items() if config.enabled(code)]


def check_paths(paths: list[str], config: Config) -> Result:
    files, errors = collect(paths, config)
    result = Result(errors=errors, files=len(files))
    for path in files:
        try:
            loaded = load_file(path)
        except InputError as exc:
            result.errors.append(exc)
            continue
        result.lists.append(loaded.plist)
        result.findings.extend(schema_findings(loaded))
    result.findings.extend(run_rules(result.lists, config))
    result.findings = [f for f in postprocess(result.findings, result.lists, config)]
    result.findings.sort(key=Finding.sort_key)
    return result


def schema_findings(loaded) -> list[Finding]:
    from .checks.schema import SchemaViolation

    return [
        Finding(SchemaViolation.code, SchemaViolation.category, SchemaViolation.severity, p.message,
                loaded.plist.path, p.line, p.column, field=".".join(map(str, p.path)) or None, evidence=p.evidence)
        for p in loaded.problems
    ]


def run_rules(lists: list[PowerList], config: Config) -> list[Finding]:
    ctx = Context(config)
    findings: list[Finding] = []
    for rule_class in enabled_rules(config):
        rule = rule_class(ctx)
        if rule.corpus:
            findings.extend(rule.check_corpus(lists))
        else:
            for plist in lists:
                findings.extend(rule.check(plist))
    return findings


def postprocess(findings: list[Finding], lists: list[PowerList], config: Config):
    """Filter by select/ignore and suppressions, apply severity overrides."""
    from .suppress import item_suppressions

    suppressed = item_suppressions(lists)
    for finding in findings:
        if not config.enabled(finding.code) or config.ignored_in_file(finding.path, finding.code):
            continue
        if any(finding.code.startswith(c) for c in suppressed.get((finding.path, finding.item), ())):
            continue
        finding.severity = config.severity.get(finding.code, finding.severity)
        yield finding
