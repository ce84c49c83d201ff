"""Check that an optimisation left powerlint's output byte-identical.

    python bench/same.py --record /tmp/before lists /tmp/seedlike40 /tmp/corpus20   # before a change
    python bench/same.py --compare /tmp/before lists /tmp/seedlike40 /tmp/corpus20  # after it

Each path is checked with `powerlint check PATH --as-of 2026-11-22 --no-cache --format json`; the
output is stored under the record directory, or compared with what is stored there.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from pathlib import Path

POWERLINT = Path(sys.executable).with_name("powerlint")


def output(path: str, jobs: int) -> bytes:
    command = [str(POWERLINT), "check", path, "--as-of", "2026-11-22", "--no-cache", "--format", "json"]
    return subprocess.run(command + (["--jobs", str(jobs)] if jobs > 1 else []), capture_output=True, check=False).stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--record", type=Path)
    mode.add_argument("--compare", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    store = args.record or args.compare
    store.mkdir(parents=True, exist_ok=True)
    differ = 0
    for path in args.paths:
        name = hashlib.sha256(str(Path(path).resolve()).encode()).hexdigest()[:12] + ".json"
        data = output(path, args.jobs)
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
