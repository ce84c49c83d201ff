"""`--format gitlab`: GitLab code quality JSON (`artifacts:reports:codequality`)."""

from __future__ import annotations

import hashlib
import json

from ..findings import Finding
from .sarif import relative_path

SEVERITIES = {"info": "info", "warning": "minor", "error": "major"}


def render(findings: list[Finding], files: int, notes=None) -> str:
    """Code quality issues (an array of findings only: the CLI prints the run's notes on stderr)."""
    issues, seen = [], set()
    for finding in findings:
        path = relative_path(finding.path)
        # GitLab needs fingerprints unique in the report; the finding's own one leaves out the
        # file and can repeat within it, so add the path and an occurrence number.
        base = f"{path}\x1f{finding.fingerprint()}"
        key, n = base, 0
        while key in seen:
            n += 1
            key = f"{base}\x1f{n}"
        seen.add(key)
        item = f" (序号 {finding.item})" if finding.item is not None else ""
        issues.append({
            "description": f"{finding.code} {finding.message}{item}",
            "check_name": finding.code,
            "fingerprint": hashlib.md5(key.encode("utf-8"), usedforsecurity=False).hexdigest(),
            "severity": SEVERITIES[finding.severity],
            "location": {"path": path, "lines": {"begin": finding.line}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
