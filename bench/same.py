"""Check that an optimisation left powerlint's output byte-identical.

    python bench/same.py --record /tmp/before lists /tmp/seedlike40 /tmp/corpus20   # before a change
    python bench/same.py --compare /tmp/before lists /tmp/seedlike40 /tmp/corpus20  # after it
    python bench/same.py --fix --record /tmp/before-fix lists BIG.yaml               # the same for --fix
    python bench/same.py --report --record /tmp/before-report lists /tmp/seedlike40   # the same for report
    python bench/same.py --report --extra "--catalogue CAT.yaml" --record /tmp/b lists   # … with options

Each path is checked with `powerlint check PATH --as-of 2026-11-22 --no-cache --format json`; the
output is stored under the record directory, or compared with what is stored there. With `--fix` a copy
of the path (under the record directory, so that both runs name the same files) is checked with `--fix`,
and what is compared is the output, the messages and every fixed file's bytes. With `--report` each path gets
`powerlint report PATH -o report.EXT --as-of 2026-11-22` (EXT: html, md, xlsx, json; `--extra` adds options) and
what is compared is every report's content (an xlsx's files one by one) with the times it was made blanked out.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

POWERLINT = Path(sys.executable).with_name("powerlint")


def output(path: str, jobs: int) -> bytes:
    command = [str(POWERLINT), "check", path, "--as-of", "2026-11-22", "--no-cache", "--format", "json"]
    return subprocess.run(command + (["--jobs", str(jobs)] if jobs > 1 else []), capture_output=True, check=False).stdout


def fixed(path: str, jobs: int, work: Path) -> bytes:
    """The output of `check --fix` on a copy of `path` under `work`, its messages, and the fixed files."""
    source = Path(path)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    copy = work / source.name
    (shutil.copytree if source.is_dir() else shutil.copyfile)(source, copy)
    command = [str(POWERLINT), "check", str(copy), "--fix", "--as-of", "2026-11-22", "--no-cache", "--format", "json",
               "--max-file-size", "1GB"]
    run = subprocess.run(command + (["--jobs", str(jobs)] if jobs > 1 else []), capture_output=True, check=False)
    files = sorted(copy.rglob("*.yaml")) if copy.is_dir() else [copy]
    return b"\0".join([run.stdout, run.stderr, *(f.read_bytes() for f in files)])


REPORTS = ("html", "md", "xlsx", "json")
# when a report was made: the report's own time (2026-12-07 11:20) and an xlsx's document properties
MADE = re.compile(rb"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?Z?")


def reports(path: str, jobs: int, extra: list[str]) -> bytes:
    """`powerlint report` of `path` in every format, its messages, each report's content without its times."""
    parts = []
    with tempfile.TemporaryDirectory(prefix="same-report-") as tmp:
        for ext in REPORTS:
            out = Path(tmp) / f"report.{ext}"
            command = [str(POWERLINT), "report", path, "-o", str(out), "--as-of", "2026-11-22", *extra]
            run = subprocess.run(command + (["--jobs", str(jobs)] if jobs > 1 else []), capture_output=True,
                                 check=False)
            parts.append(run.stderr.replace(str(out).encode(), b"OUT"))
            if ext == "xlsx" and out.exists():
                with zipfile.ZipFile(out) as book:
                    parts.extend(MADE.sub(b"TIME", book.read(name)) for name in sorted(book.namelist()))
            elif out.exists():
                parts.append(MADE.sub(b"TIME", out.read_bytes()))
    return b"\0".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--record", type=Path)
    mode.add_argument("--compare", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--fix", action="store_true", help="compare `check --fix` (output and fixed files)")
    parser.add_argument("--report", action="store_true", help="compare `powerlint report` in every format")
    parser.add_argument("--extra", default="", help="more options for the report (with --report)")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    store = args.record or args.compare
    store.mkdir(parents=True, exist_ok=True)
    differ = 0
    for path in args.paths:
        key = str(Path(path).resolve()) + (f"\0{args.extra}" if args.report else "")
        name = hashlib.sha256(key.encode()).hexdigest()[:12] + (".fix" if args.fix else ".report" if args.report else ".json")
        if args.report:
            data = reports(path, args.jobs, shlex.split(args.extra))
        else:
            data = fixed(path, args.jobs, store / "fixing") if args.fix else output(path, args.jobs)
        if args.record:
            (store / name).write_bytes(data)
            print(f"recorded {path}: {len(data)} bytes")
        elif (store / name).read_bytes() == data:
            print(f"same     {path}")
        else:
            differ += 1
            print(f"DIFFERS  {path} (stored {store / name})")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
