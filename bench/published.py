"""Reviewing published files: `powerlint check 送审/ --annotate 退回/` on a folder of published .xlsx lists, against
today's detour (`powerlint import` of each file, then `powerlint check` of the YAML lists).

The .xlsx files are the seed-like corpus (bench/generate.py --like-seeds) written by `powerlint export`, so both ways
see the same lists; both run without cache, as the reviewer's first run does. Wall-clock seconds, median of --runs.

    .venv/bin/python bench/published.py --lists 40 --runs 3
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from lint.loader import load_file  # noqa: E402 - after the checkout is on the path
POWERLINT = str(Path(sys.executable).with_name("powerlint"))
AS_OF = ("--as-of", "2026-11-22", "--no-cache")


def timed(commands: list[list[str]], cwd: Path) -> float:
    start = time.perf_counter()
    for command in commands:
        done = subprocess.run(command, cwd=cwd, capture_output=True)
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(command)} 失败：{done.stderr.decode()[-500:]}")
    return time.perf_counter() - start


def findings(folder: str, cwd: Path) -> list[tuple]:
    """(file stem, code, 序号, message) of every finding, to show both ways find the same."""
    done = subprocess.run([POWERLINT, "check", folder, "--format", "json", *AS_OF], cwd=cwd, capture_output=True)
    return sorted((Path(f["path"]).stem, f["code"], f["item"], f["message"]) for f in json.loads(done.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lists", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="powerlint-published-") as tmp:
        work = Path(tmp)
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--lists", str(args.lists), "--like-seeds",
                        "--out", str(work / "generated")], check=True, capture_output=True)
        (work / "送审").mkdir()
        sources = sorted((work / "generated").glob("*.yaml"))
        timed([[POWERLINT, "export", str(p), "-o", str(work / "送审" / f"{p.stem}.xlsx")] for p in sources], work)
        published = sorted((work / "送审").glob("*.xlsx"))
        ways = {
            "check 送审/ --annotate 退回/": lambda: timed([[POWERLINT, "check", "送审", "--annotate", "退回", *AS_OF]], work),
            "check 送审/（不写批注副本）": lambda: timed([[POWERLINT, "check", "送审", *AS_OF]], work),
            f"import ×{len(published)} + check YAML": lambda: timed(
                [[POWERLINT, "import", str(p), "-o", str(work / "yaml" / f"{p.stem}.yaml"), "--force"] for p in published]
                + [[POWERLINT, "check", "yaml", *AS_OF]], work),
        }
        seconds = {name: statistics.median(way() for _ in range(args.runs)) for name, way in ways.items()}
        same = findings("送审", work) == findings("yaml", work)
        items = sum(len(load_file(str(p)).plist.items) for p in sources)
    print(f"{len(published)} 份 .xlsx 清单，{items} 项事项；两种做法的问题{'完全相同' if same else '不同！'}\n")
    print("| 做法 | 秒（中位数） |\n|---|---|")
    for name, value in seconds.items():
        print(f"| {name} | {value:.1f} |")


if __name__ == "__main__":
    main()
