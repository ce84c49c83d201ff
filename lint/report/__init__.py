"""The annual review report (`powerlint report`): build it from the lists, write it as .html, .md,
.xlsx or .json (chosen by the output file's extension)."""

from __future__ import annotations

from pathlib import Path

from ..config import Config
from ..engine import check_paths
from . import html, jsonfile, markdown, xlsx
from .build import build, finding_rows, item_refs
from .model import Report

WRITERS = {".html": html.render, ".htm": html.render, ".md": markdown.render, ".xlsx": xlsx.render,
           ".json": jsonfile.render}


def make_report(paths: list[str], config: Config, compare: str | None = None) -> Report:
    """Check `paths` and build the report; `compare` is a previous report JSON or a git ref."""
    result = check_paths(paths, config, keep_lists=True)  # the models the engine loaded, not loaded again
    lists = result.lists
    catalogue = None
    if config.catalogue is not None:
        from ..analysis.catalogue import load

        catalogue = load(str(config.catalogue))
    report = build(result, lists, config.as_of, catalogue=catalogue)
    report.not_run = list(result.not_run)
    if compare:
        from .compare import diff, previous

        report.changes = diff(previous(compare, result.paths, config), finding_rows(result.findings, lists),
                              [ref for p in lists for ref in item_refs(p)])
    return report


def render(report: Report, path: Path) -> bytes:
    """The report in the format of `path`'s extension (one of WRITERS)."""
    out = WRITERS[path.suffix.lower()](report)
    return out.encode("utf-8") if isinstance(out, str) else out
