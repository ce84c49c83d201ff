"""The report as JSON (`-o report.json`): every section, plus all findings and items for `--compare`."""

from __future__ import annotations

import json
from dataclasses import asdict

from .model import Report

FORMAT = "powerlint-report/1"


def render(r: Report) -> str:
    return json.dumps({"format": FORMAT, **asdict(r)}, ensure_ascii=False, indent=2) + "\n"
