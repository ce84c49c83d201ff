"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning (upload with github/codeql-action/upload-sarif)."""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from urllib.parse import quote

from .. import __version__
from ..findings import Finding, RunNotes
from ..registry import all_rules
from .text import place_note

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"


def relative_path(path: str) -> str:
    """`path` relative to the current directory with POSIX separators; absolute when it lies outside."""
    absolute = Path(path).absolute()
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


def information_uri() -> str | None:
    """The project's home page as declared in the package metadata, if any."""
    from importlib import metadata  # only SARIF output needs it (~25 ms to import)

    try:
        meta = metadata.metadata("powerlist-lint")
    except metadata.PackageNotFoundError:
        return None
    urls = [entry.split(",", 1)[1].strip() for entry in meta.get_all("Project-URL") or [] if "," in entry]
    return next(iter(urls), None) or meta.get("Home-page")


def help_text(rule) -> tuple[str, str]:
    """The rule's documentation as (plain text, markdown)."""
    fix = rule.fix_doc or "没有自动修复：请按提示人工修改。"
    sections = [("检查什么", rule.what), ("为什么重要", rule.why), ("示例", rule.example), ("修复", fix)]
    text = "\n\n".join(f"{title}：{body}" for title, body in sections)
    markdown = "\n\n".join(f"**{title}**\n\n{body}" for title, body in sections[:2])
    markdown += f"\n\n**示例**\n\n```\n{rule.example}\n```\n\n**修复**\n\n{fix}"
    return text, markdown


def rule_descriptor(code: str, rule) -> dict:
    if rule is None:  # a finding from a rule this version does not know (e.g. a plug-in); keep the id
        return {"id": code, "shortDescription": {"text": code}}
    text, markdown = help_text(rule)
    return {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.what},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.category]},
    }


def location(finding: Finding) -> dict:
    path = relative_path(finding.path)
    if PurePath(path).is_absolute():  # outside the checkout: GitHub cannot link it, other viewers can
        artifact = {"uri": Path(path).as_uri()}
    else:
        artifact = {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT}
    region = {"startLine": max(finding.line, 1), "startColumn": max(finding.column, 1)}
    if finding.place is not None:  # a published file: the row and column of its table, the cell in properties
        region["properties"] = finding.place
    return {"physicalLocation": {"artifactLocation": artifact, "region": region}}


def result(finding: Finding, index: int) -> dict:
    item = f" (序号 {finding.item})" if finding.item is not None else ""
    properties = {"category": finding.category}
    if finding.item is not None:
        properties["item"] = finding.item
    if finding.field:
        properties["field"] = finding.field
    if finding.place is not None:
        properties.update(finding.place)
    return {
        "ruleId": finding.code,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": f"{finding.message}{item}{place_note(finding)}"},
        "locations": [location(finding)],
        "partialFingerprints": {"powerlint/v1": finding.fingerprint()},
        "properties": properties,
    }


def invocation(notes: RunNotes) -> dict:
    """The run's invocation: files that could not be checked (errors) and checks that could not run (warnings)."""
    notifications = []
    for error in notes.skipped:
        artifact = {"uri": quote(relative_path(error.path), safe="/")}
        region = {"startLine": error.line} if error.line else {}
        notifications.append({"level": "error", "message": {"text": error.message},
                              "locations": [{"physicalLocation": {"artifactLocation": artifact, **(
                                  {"region": region} if region else {})}}]})
    notifications += [{"level": "warning", "message": {"text": sentence}} for sentence in notes.not_run]
    return {"executionSuccessful": not notes.skipped, "toolExecutionNotifications": notifications}


def render(findings: list[Finding], files: int, notes: RunNotes | None = None) -> str:
    known = all_rules()
    codes = sorted({f.code for f in findings})
    index = {code: i for i, code in enumerate(codes)}
    driver = {"name": "powerlint", "version": __version__, "semanticVersion": __version__,
              "rules": [rule_descriptor(code, known.get(code)) for code in codes]}
    uri = information_uri()
    if uri:
        driver["informationUri"] = uri
    run = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": [result(f, index[f.code]) for f in findings],
        "invocations": [invocation(notes or RunNotes())],
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
