"""`--format github`: GitHub Actions workflow commands, shown as annotations on the changed lines."""

from __future__ import annotations

from ..findings import Finding, RunNotes
from .sarif import relative_path
from .text import place_note, summary

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message as the Actions runner expects (actions/toolkit `escapeData`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property value (actions/toolkit `escapeProperty`)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding) -> str:
    properties = {
        "file": relative_path(finding.path),
        "line": str(finding.line),
        "col": str(finding.column),
        "title": finding.code,
    }
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    item = f" (序号 {finding.item})" if finding.item is not None else ""
    return f"::{COMMANDS[finding.severity]} {props}::{escape_data(finding.message + item + place_note(finding))}"


def render(findings: list[Finding], files: int, notes=None) -> str:
    notes = notes or RunNotes()
    problems = [f"::error file={escape_property(relative_path(e.path))}::{escape_data(str(e))}\n" for e in notes.skipped]
    problems += [f"::warning title=powerlint::{escape_data(sentence)}\n" for sentence in notes.not_run]
    return "".join(command(f) + "\n" for f in findings) + "".join(problems) + summary(findings, files, notes) + "\n"
