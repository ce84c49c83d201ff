"""The wheel ships the rules' data and the schema (pre-commit installs the project non-editable)."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from .conftest import ROOT


def test_wheel_contains_rules_data_and_schema(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    wheel = next(tmp_path.glob("powerlist_lint-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    data_files = {p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").rglob("*") if p.is_file()}
    assert data_files and all(f"lint/_rules/{name}" in names for name in data_files)
    assert "lint/schema/powerlist.schema.json" in names
    assert not any(name.startswith(("tests/", "lists/")) for name in names)
