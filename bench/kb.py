"""Knowledge at province scale: a one-list check with a few thousand imported statutes, beside the same check
without a knowledge directory, and the time of `kb import` of them all.

The statutes are renamed copies of ../shared/kb and ../shared/cleantext (a fictitious place name before each
title: 「样例0001市」), written under --work at bench time — no law text is ever committed — plus the originals,
which the seed lists cite. The machine may be shared: the two checks alternate, run after run, and CPU seconds
(of the process and its children) are compared as well as wall time.

    .venv/bin/python bench/kb.py                          # 3,000 statutes, 5 alternating runs each
    .venv/bin/python bench/kb.py --statutes 500 --runs 3  # quicker
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(HERE))

from run import measure, tool  # noqa: E402

_FIRST_LINE = re.compile(r"^#\s*(.+)$", re.M)


def texts() -> list[Path]:
    found = sorted(p for folder in ("kb", "cleantext") for p in (SHARED / folder).glob("*.md") if p.name != "README.md")
    if not found:
        sys.exit(f"没有找到 {SHARED}/kb 和 {SHARED}/cleantext 中的法规文本")
    return found


def collection(out: Path, count: int) -> Path:
    """`count` statute files: the originals, then renamed copies (title and file name) until there are enough."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    sources = texts()
    for k in range(count):
        path = sources[k % len(sources)]
        text = path.read_text(encoding="utf-8")
        if k >= len(sources):
            place = f"样例{k:04d}市"
            text = _FIRST_LINE.sub(lambda m: f"# {place}{m.group(1).strip()}", text, count=1)
            (out / f"{place}{path.name}").write_text(text, encoding="utf-8")
        else:
            (out / path.name).write_text(text, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statutes", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--list", default=str(ROOT / "lists" / "dayao-ybj.yaml"))
    parser.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "powerlint-bench-kb"))
    args = parser.parse_args()
    work = Path(args.work)
    source = collection(work / "collection", args.statutes)
    homes = {"with": work / "with", "without": work / "without"}
    for home in homes.values():
        shutil.rmtree(home, ignore_errors=True)
        home.mkdir(parents=True)
    powerlint = tool("powerlint")

    def env(name: str, cache: Path) -> dict:
        return {**os.environ, "XDG_DATA_HOME": str(homes[name]), "POWERLINT_DATA_CACHE": str(cache)}

    started = time.perf_counter()
    imported = measure([powerlint, "kb", "import", str(source)], env=env("with", work / "cache-import"))
    print(f"kb import of {args.statutes} files: {time.perf_counter() - started:.1f} s wall, "
          f"{imported['cpu']:.1f} s CPU, exit {imported['rc']}")
    check = [powerlint, "check", args.list, "--no-cache", "-q", "--as-of", "2026-11-22"]
    rows = []
    for state in ("cold", "warm"):
        runs: dict[str, list[dict]] = {"with": [], "without": []}
        for k in range(args.runs):
            for name in ("without", "with"):  # alternating: both see the same load of a shared machine
                cache = work / f"cache-{state}-{name}" / (str(k) if state == "cold" else "")
                if state == "cold":
                    shutil.rmtree(cache, ignore_errors=True)
                elif k == 0:
                    measure(check, cwd=str(ROOT), env=env(name, cache))  # fill the data cache
                runs[name].append(measure(check, cwd=str(ROOT), env=env(name, cache)))
        row = {name: {key: statistics.median(r[key] for r in rs) for key in ("wall", "cpu", "rss_mb")}
               for name, rs in runs.items()}
        rows.append((state, row))
    print(f"\n| data cache | without knowledge dir (wall / CPU s) | with {args.statutes} statutes (wall / CPU s) "
          f"| ratio wall | ratio CPU | peak MB (without / with) |")
    print("|---|---|---|---|---|---|")
    for state, row in rows:
        a, b = row["without"], row["with"]
        print(f"| {state} | {a['wall']:.2f} / {a['cpu']:.2f} | {b['wall']:.2f} / {b['cpu']:.2f} | "
              f"{b['wall'] / a['wall']:.2f} | {b['cpu'] / a['cpu']:.2f} | {a['rss_mb']:.0f} / {b['rss_mb']:.0f} |")


if __name__ == "__main__":
    main()
