"""The annual review report (`powerlint report`): build it from the lists, write it as .html, .md,
.xlsx or .json (chosen by the output file's extension)."""

from __future__ import annotations

from pathlib import Path

from ..config import Config
from ..engine import check_paths, collect, comparing, tuned_collector
from . import html, jsonfile, markdown, xlsx
from .build import build
from .model import Report
from .parts import list_part

WRITERS = {".html": html.render, ".htm": html.render, ".md": markdown.render, ".xlsx": xlsx.render,
           ".json": jsonfile.render}


def make_report(paths: list[str], config: Config, compare: str | None = None, jobs: int = 1) -> Report:
    """Check `paths` (in `jobs` processes) and build the report; `compare` is a previous report JSON or a git ref.

    What the report needs of each list (its part, and its cross-list view when there are lists to compare) is
    computed where the list is checked; no model outlives its check."""
    from ..analysis.listview import view
    from ..kb import configure

    configure(config)  # the documents the parts name are looked up here (in workers' runs too)
    keep = (list_part, view) if comparing(len(collect(paths, config)[0]), config) else (list_part,)
    result = check_paths(paths, config, jobs=jobs, keep=keep, fixes=False)
    catalogue = None
    if config.catalogue is not None:
        from ..analysis.catalogue import load

        catalogue = load(str(config.catalogue))
    with tuned_collector():  # a province's report makes millions of objects that live until it is written
        report = build(result, result.kept[list_part], result.kept.pop(view, []), config.as_of, catalogue=catalogue)
    report.not_run = list(result.not_run)
    if compare:
        from .compare import diff, previous

        report.changes = diff(previous(compare, result.paths, config), report.findings, report.items)
    return report


def render(report: Report, path: Path) -> bytes:
    """The report in the format of `path`'s extension (one of WRITERS)."""
    out = WRITERS[path.suffix.lower()](report)
    return out.encode("utf-8") if isinstance(out, str) else out
