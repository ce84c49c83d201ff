"""Imports without hints: how many of the layout tests' files (tests/test_list_kinds.py, tests/test_layout_zoo.py,
written afresh into a temporary folder) and of the seeds (/work/shared/seeds, when present) `powerlint import`
reads without any --column, and what `check` finds in them, with the findings in `extra` columns counted apart.

    .venv/bin/python bench/imports.py
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lint.config import Config  # noqa: E402
from lint.engine import check_paths  # noqa: E402
from lint.importer import import_path  # noqa: E402
from lint.model import EXTRA_PATH  # noqa: E402
from lint.source import InputError  # noqa: E402
from tests import test_layout_zoo as zoo, test_list_kinds as kinds  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="powerlint-imports-"))
    files = [(path.name, path, None) for path in sorted(SEEDS.glob("*"))] if SEEDS.is_dir() else []
    for layout in kinds.LISTS + zoo.LAYOUTS:
        folder = work / layout.__name__
        folder.mkdir()
        files.append((layout.__name__, layout(folder)[0], zoo.GIVEN.get(layout)))  # GIVEN: metadata, never columns
    written = []
    for name, path, meta in files:
        try:
            text = import_path(str(path), meta=meta)
        except InputError as exc:
            print(f"拒绝导入 {name}：{exc.message[:80]}")
            continue
        written.append(work / f"{name}.yaml")
        written[-1].write_text(text, encoding="utf-8")
    print(f"不加 --column 导入成功：{len(written)}/{len(files)}")
    findings = check_paths([str(p) for p in written], Config(as_of=dt.date(2026, 11, 22))).findings
    extra = [f for f in findings if (f.field or "").startswith(EXTRA_PATH)]
    print(f"check 发现 {len(findings)} 个问题（{dict(Counter(f.severity for f in findings))}），"
          f"其中出自 extra 列的 {len(extra)} 个；SCH008 {sum(f.code == 'SCH008' for f in findings)} 个")
    for f in extra:
        print(f"  {Path(f.path).name}:{f.line} {f.code} {f.message}")


if __name__ == "__main__":
    main()
