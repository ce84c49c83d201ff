"""The pre-commit case: `powerlint check FILE` on one list beside `yamllint FILE`, in CPU time.

Each command is its own process, run alternately round after round (so that both see the same load of a shared
machine), after one warm-up run each; CPU = user + sys of the process (getrusage of the children). Printed per
file: the median CPU seconds of each command and the median of the per-round ratios to yamllint.

    .venv/bin/python bench/hook.py lists/*.yaml                       # the seed lists
    .venv/bin/python bench/hook.py --items 10,30,50,100 lists/dayao-ybj.yaml   # + seed-like lists of N items
    .venv/bin/python bench/hook.py --before ../base lists/tianshui-ybj.yaml   # + an earlier tree (PYTHONPATH)
    .venv/bin/python bench/hook.py --cache lists/tianshui-ybj.yaml    # the hook's real case: cache on, list edited
    .venv/bin/python bench/hook.py --floor lists/tianshui-ybj.yaml    # + what start-up alone costs
    .venv/bin/python bench/hook.py --daemon lists/*.yaml              # + `check --daemon` (Linux: reads /proc)
    .venv/bin/python bench/hook.py --daemon lists                     # a directory: all its lists in one run

`--cache` appends a comment line to a copy of the list before every run (a findings-cache miss, as after an
edit) and keeps the cache in a directory of its own per variant. Every variant has its own data cache.

`--daemon` adds `powerlint check FILE --daemon` with a server of its own (XDG_RUNTIME_DIR in the work directory),
started by the warm-up round. Its CPU is the client's plus the server's: the server's own and its children's (the
forked checks) from /proc/PID/stat, in clock ticks (10 ms), so taken over all rounds and divided by their number
(the server's ticks per round are too coarse for a median). The heading also gives what starting the server cost
once: the first `--daemon` run (which checks in its own process and starts the server) and the server's loading.
"""

from __future__ import annotations

import argparse
import glob
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent


def cpu(command: list[str], env: dict) -> float:
    """CPU seconds (user + sys) of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def seed_like(items: int, work: Path) -> Path:
    """One list of about `items` items taken whole from the seed lists (bench/generate.py --like-seeds)."""
    out = work / f"items-{items}"
    subprocess.run([sys.executable, str(HERE / "generate.py"), "--lists", "1", "--items", str(items),
                    "--like-seeds", "--out", str(out)], check=True, stdout=subprocess.DEVNULL)
    return out / "list-00000.yaml"


def variants(path: Path, args, work: Path) -> dict[str, tuple[list[str], dict]]:
    # PYTHONDONTWRITEBYTECODE unset: an installed package has its bytecode cached, as pip writes it
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    check = [str(BIN / "powerlint"), "check", str(path)] + ([] if args.cache else ["--no-cache"])
    trees = {"powerlint": None, **({"before": str(Path(args.before).resolve())} if args.before else {})}
    found = {"yamllint": ([str(BIN / "yamllint"), str(path)], base)}
    for name, tree in trees.items():
        env = {**base, "POWERLINT_DATA_CACHE": str(work / f"data-{name}"),
               "POWERLINT_CACHE_DIR": str(work / f"cache-{name}")}
        if tree:
            env["PYTHONPATH"] = tree
        found[name] = (check, env)
    if args.daemon:
        env = {k: v for k, v in found["powerlint"][1].items() if k != "CI"}  # CI: --daemon starts no server
        found["powerlint --daemon"] = (check + ["--daemon"], {**env, "XDG_RUNTIME_DIR": str(work / "run")})
    if args.floor:
        found["python -c pass"] = ([sys.executable, "-c", "pass"], base)
        found["import yaml, click, rapidfuzz"] = ([sys.executable, "-c", "import yaml, click, rapidfuzz"], base)
        found["powerlint --version"] = ([str(BIN / "powerlint"), "--version"], base)
        found["check --select NUM001"] = (check + ["--select", "NUM001"], found["powerlint"][1])
    return found


class Server:
    """The server `powerlint check --daemon` started in the warm-up round: its CPU seconds since it was ready."""

    TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

    def __init__(self, env: dict, first: float):
        self.env, self.first = env, first
        status = [str(BIN / "powerlint"), "daemon", "status"]
        for _ in range(200):  # it answers once it has loaded
            if subprocess.run(status, env=env, stdout=subprocess.DEVNULL).returncode == 0:
                break
            time.sleep(0.05)
        else:
            raise SystemExit("the server of --daemon did not start")
        lock = glob.glob(os.path.join(env["XDG_RUNTIME_DIR"], "powerlint", "*.lock"))[0]
        self.pid = int(Path(lock).read_text())
        self.loading = self.start = self.total()

    def total(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return sum(int(n) for n in fields[11:15]) / self.TICK  # utime stime cutime cstime

    def spent(self) -> float:
        time.sleep(0.3)  # the last child collected (the server waits for its children when they end)
        return self.total() - self.start

    def stop(self) -> None:
        subprocess.run([str(BIN / "powerlint"), "daemon", "stop"], env=self.env, stdout=subprocess.DEVNULL)


def measure(label: str, path: Path, args, work: Path) -> None:
    target = edited = path
    if args.cache:  # edited before every run: a copy, so that the repository's file is never touched
        target = work / "edited" / path.name
        target.parent.mkdir(exist_ok=True)
        (shutil.copytree if path.is_dir() else shutil.copyfile)(path, target)
        edited = min(target.glob("*.yaml")) if path.is_dir() else target
    commands = variants(target, args, work)
    times: dict[str, list[float]] = {name: [] for name in commands}
    server = None
    for round_ in range(args.runs + 1):
        for name, (command, env) in commands.items():
            if args.cache:
                with open(edited, "a", encoding="utf-8") as handle:
                    handle.write("# edited\n")
            spent = cpu(command, env)
            if round_:  # round 0 warms up (and fills the data caches)
                times[name].append(spent)
            elif name == "powerlint --daemon":
                server = Server(env, spent)
    if server is not None:
        times["powerlint --daemon"] = [t + server.spent() / args.runs for t in times["powerlint --daemon"]]
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    lines = [line for file in files for line in file.read_text(encoding="utf-8").splitlines()]
    items = sum(line.lstrip().startswith("- number:") for line in lines)  # for the heading only
    size = sum(file.stat().st_size for file in files) / 1024
    print(f"\n{label} ({len(files)} file(s), {items} items, {size:.0f} KB), median of {args.runs} rounds")
    if server is not None:
        print(f"(--daemon: the first run {server.first:.3f} s, the server's loading {server.loading:.3f} s, once)")
        server.stop()
    print("| command | CPU s | × yamllint |")
    print("|---|---:|---:|")
    for name, spent in times.items():
        ratio = statistics.median(a / b for a, b in zip(spent, times["yamllint"]))
        print(f"| {name} | {statistics.median(spent):.4f} | {ratio:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--items", default="", help="also seed-like lists of these sizes (comma-separated)")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--before", help="an earlier tree of lint/ and rules/ (put on PYTHONPATH)")
    parser.add_argument("--cache", action="store_true", help="findings cache on, the list edited before each run")
    parser.add_argument("--floor", action="store_true", help="also the start-up alone")
    parser.add_argument("--daemon", action="store_true", help="also check --daemon (its server's CPU included)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="powerlint-hook-") as tmp:
        work = Path(tmp)
        files = [(str(path), path.resolve()) for path in args.files]
        files += [(f"seed-like list of ~{n} items", seed_like(int(n), work)) for n in args.items.split(",") if n]
        for label, path in files:
            measure(label, path, args, work)


if __name__ == "__main__":
    main()
