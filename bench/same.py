"""Check that an optimisation left powerlint's output byte-identical.

    python bench/same.py --record /tmp/before lists /tmp/seedlike40 /tmp/corpus20   # before a change
    python bench/same.py --compare /tmp/before lists /tmp/seedlike40 /tmp/corpus20  # after it
    python bench/same.py --fix --record /tmp/before-fix lists BIG.yaml               # the same for --fix

Each path is checked with `powerlint check PATH --as-of 2026-11-22 --no-cache --format json`; the
output is stored under the record directory, or compared with what is stored there. With `--fix` a copy
of the path (under the record directory, so that both runs name the same files) is checked with `--fix`,
and what is compared is the output, the messages and every fixed file's bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--record", type=Path)
    mode.add_argument("--compare", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--fix", action="store_true", help="compare `check --fix` (output and fixed files)")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    store = args.record or args.compare
    store.mkdir(parents=True, exist_ok=True)
    differ = 0
    for path in args.paths:
        name = hashlib.sha256(str(Path(path).resolve()).encode()).hexdigest()[:12] + (".fix" if args.fix else ".json")
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
