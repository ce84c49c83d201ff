"""Benchmark powerlint against the bare YAML parse, yamllint and check-jsonschema on one corpus.

Every command runs as its own process on the same files; wall time is measured around it and peak
memory is the largest resident set of that process and its descendants (wait4's ru_maxrss).
Run with the project's virtualenv after `pip install -r bench/requirements.txt`:

    .venv/bin/python bench/run.py                          # 10, 100, 500, 2000 lists
    .venv/bin/python bench/run.py --sizes 10,100 --runs 3  # quicker
    .venv/bin/python bench/run.py --warm-only              # the pre-commit scenario alone
    .venv/bin/python bench/run.py --big 25,100             # one merged list of 25 MB and of 100 MB alone
    .venv/bin/python bench/run.py --corpus-rules 2000      # cross-list and catalogue rules, phase by phase
    .venv/bin/python bench/run.py --fix-report 20000 --runs 3 --before ../base   # --fix and report on one big list

The corpus is generated (bench/generate.py) under --work, a temporary directory, never in the repository.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))

from generate import Dumper, ListGenerator  # noqa: E402


def tool(name: str) -> str:
    found = BIN / name
    return str(found) if found.exists() else shutil.which(name) or name


def floor(paths: list[str], only: str | None = None) -> None:
    """The floor: read, decode and compose every file with libyaml (no model, no rules)."""
    import yaml

    for path in paths:
        for root, _, names in os.walk(path):
            for name in sorted(names):
                if name.endswith(".yaml") and (only is None or name == only):
                    yaml.compose(Path(root, name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def measure(argv: list[str], *, cwd: str | None = None, env: dict | None = None, timeout: float = 1800) -> dict:
    """Run argv once: wall seconds, CPU seconds (with descendants), peak RSS in MB, exit code."""
    # as installed (pip compiles the modules): with PYTHONDONTWRITEBYTECODE set, as in some sandboxes,
    # every run would recompile powerlint's own modules (~0.2 s of a one-list run)
    env = {k: v for k, v in (env or os.environ).items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            return {"wall": None, "cpu": None, "rss_mb": usage.ru_maxrss / 1024, "rc": "timeout"}
        time.sleep(0.005)
    wall = time.perf_counter() - start
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
            "rc": os.waitstatus_to_exitcode(status)}


def repeat(argv: list[str], runs: int, **kw) -> dict:
    """Median wall/CPU and the largest peak memory over `runs` runs."""
    results = [measure(argv, **kw) for _ in range(runs)]
    done = [r for r in results if r["wall"] is not None]
    if not done:
        return results[0]
    return {"wall": statistics.median(r["wall"] for r in done), "cpu": statistics.median(r["cpu"] for r in done),
            "rss_mb": max(r["rss_mb"] for r in done), "rc": done[0]["rc"], "runs": len(done),
            "spread": (min(r["wall"] for r in done), max(r["wall"] for r in done))}


def corpus(work: Path, lists: int, seed: int, like_seeds: bool = False) -> tuple[Path, list[int]]:
    """The master corpus of `lists` lists (regenerated when the generator, seed or size changed)."""
    master = work / ("master-seeds" if like_seeds else "master")
    stamp = {"seed": seed, "lists": lists,
             "generator": hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()}
    manifest = master / "manifest.json"
    if manifest.exists():
        saved = json.loads(manifest.read_text())
        if saved.get("seed") == seed and saved.get("generator") == stamp["generator"] and saved["lists"] >= lists:
            return master, saved["items"]
    shutil.rmtree(master, ignore_errors=True)
    (master / "lists").mkdir(parents=True)
    gen = ListGenerator(seed, like_seeds=like_seeds)
    counts = [gen.write(i, master / "lists")[1] for i in range(lists)]
    manifest.write_text(json.dumps({**stamp, "items": counts}))
    return master, counts


def subset(master: Path, work: Path, n: int) -> Path:
    """A directory holding the first n lists of the master corpus (hard links)."""
    out = work / (f"s{n}" if master.name == "master-seeds" else f"n{n}")
    if out.exists() and len(list(out.glob("*.yaml"))) == n:
        return out
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for i in range(n):
        name = f"list-{i:05d}.yaml"
        os.link(master / "lists" / name, out / name)
    return out


def commands(directory: Path, schema: Path, jobs: int) -> dict[str, list[str]]:
    files = sorted(str(p) for p in directory.glob("*.yaml"))
    powerlint = [tool("powerlint"), "check", str(directory), "--no-cache", "-q"]
    return {
        "floor (libyaml compose)": [sys.executable, __file__, "--floor", str(directory)],
        "powerlint check": powerlint,
        "powerlint check --ignore XLS (per-list rules only)": powerlint + ["--ignore", "XLS"],
        # the first list of the corpus stands for the province's catalogue: same department kind and format
        "powerlint check --catalogue": powerlint + ["--catalogue", files[0]],
        f"powerlint check --jobs {jobs}": powerlint + ["--jobs", str(jobs)],
        "yamllint": [tool("yamllint"), "-f", "parsable", str(directory)],
        "check-jsonschema": [tool("check-jsonschema"), "--schemafile", str(schema), *files],
    }


def warm_precommit(master: Path, work: Path, runs: int, full: bool, timeout: float) -> dict:
    """One changed list in a 1,000-list repository, checked alone with the cache warm."""
    repo = work / "repo1000"
    lists = subset(master, work / "repo1000-src", 1000)
    shutil.rmtree(repo, ignore_errors=True)
    shutil.copytree(lists, repo / "lists")
    env = {**os.environ, "POWERLINT_CACHE_DIR": str(repo)}
    target = repo / "lists" / "list-00007.yaml"
    original = target.read_text(encoding="utf-8")
    results = {}
    if full:  # the cache is keyed per file, so filling it for the other 999 lists does not change the rest
        results["cold full check of 1000 lists (fills the cache)"] = measure(
            [tool("powerlint"), "check", "lists", "-q", "--jobs", "2"], cwd=str(repo), env=env, timeout=timeout)
        results["warm full check of 1000 lists (all cached)"] = repeat(
            [tool("powerlint"), "check", "lists", "-q"], runs, cwd=str(repo), env=env, timeout=timeout)
    changed = []
    for k in range(runs + 1):  # each run sees a new edit: a cache miss for that file
        target.write_text(original.replace("监督电话：", f"监督电话（{k}）：", 1), encoding="utf-8")
        changed.append(measure([tool("powerlint"), "check", "lists/list-00007.yaml", "-q"], cwd=str(repo), env=env))
    hit = repeat([tool("powerlint"), "check", "lists/list-00007.yaml", "-q"], runs, cwd=str(repo), env=env)
    startup = repeat([tool("powerlint"), "--version"], runs)
    miss = changed[1:]
    return {**results, "one changed list (cache miss for it)": {
                "wall": statistics.median(r["wall"] for r in miss), "cpu": statistics.median(r["cpu"] for r in miss),
                "rss_mb": max(r["rss_mb"] for r in miss), "rc": miss[0]["rc"], "runs": len(miss)},
            "the same list again (cache hit)": hit, "powerlint --version (interpreter + CLI start)": startup}


def big_list(work: Path, megabytes: int, seed: int, items: int | None = None, like_seeds: bool = False) -> tuple[Path, int]:
    """One list of about `megabytes` MB (or of `items` items), as a province's merged compilation: the items of
    generated lists one after another, renumbered 1…N (regenerated when the generator or seed changed)."""
    import yaml

    kind = f"{items}items" if items else f"{megabytes}mb"
    stamp = hashlib.sha256((HERE / "generate.py").read_bytes() + f"{seed}{like_seeds}".encode()).hexdigest()[:12]
    path = work / f"big-{kind}{'-seeds' if like_seeds else ''}-{stamp}.yaml"
    if path.exists():
        return path, len(re.findall(r"^ *- number: ", path.read_text(encoding="utf-8"), re.M))
    gen = ListGenerator(seed, like_seeds=like_seeds)
    data, size, index = None, 0, 0
    while data is None or (len(data["items"]) < items if items else size < megabytes * 1e6):
        part = gen.make(index)
        size += len(yaml.dump(part["items"], Dumper=Dumper, allow_unicode=True, width=10 ** 6).encode("utf-8"))
        data = part if data is None else {**data, "items": data["items"] + part["items"]}
        index += 1
    data["items"] = data["items"][:items] if items else data["items"]
    for number, item in enumerate(data["items"], 1):
        item["number"] = str(number)
    work.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=10 ** 6)
    path.write_text(f"# 合成的合并清单（bench/run.py --big {kind}）\n" + text, encoding="utf-8")
    return path, len(data["items"])


def big(work: Path, sizes: list[int], seed: int, timeout: float) -> dict:
    """Peak memory and time of `powerlint check` on single large lists (no size limit, no cache)."""
    print("| list MB | items | command | wall s | CPU s | peak MB | peak ÷ file size |\n|---:|---:|---|---:|---:|---:|---:|")
    out = {}
    for megabytes in sizes:
        path, items = big_list(work, megabytes, seed)
        real = path.stat().st_size / 1e6
        commands = {"floor (libyaml compose)": [sys.executable, __file__, "--floor", str(path.parent), "--only", path.name],
                    "powerlint check": [tool("powerlint"), "check", str(path), "--no-cache", "-q",
                                        "--max-file-size", "1GB"]}
        for name, argv in commands.items():
            r = out[f"{megabytes} {name}"] = {**measure(argv, timeout=timeout), "mb": real, "items": items}
            print(f"| {real:.1f} | {items:,} | {name} | {fmt(r['wall'])} | {fmt(r['cpu'])} | {r['rss_mb']:.0f} | "
                  f"{r['rss_mb'] / real:.1f} |", flush=True)
    return out


def fix_and_report(work: Path, items: int, seed: int, runs: int, before: str | None, timeout: float) -> dict:
    """CPU seconds of `check`, `check --fix` (on a fresh copy each run) and `report -o HTML` on one list of `items`
    seed-like items, run alternately (and alternately with the source tree `before` on PYTHONPATH, if given);
    medians, and each command's median ratio to the check of the same run."""
    path, count = big_list(work, 0, seed, items=items, like_seeds=True)
    copy, page = work / "fixing.yaml", work / "report.html"
    common = ["--no-cache", "-q", "--as-of", "2026-11-22"]
    commands = {"check": [tool("powerlint"), "check", str(path), *common],
                "check --fix": [tool("powerlint"), "check", str(copy), "--fix", *common],
                "report -o .html": [tool("powerlint"), "report", str(path), "-o", str(page), "--as-of", "2026-11-22"]}
    trees = {"after": None, **({"before": before} if before else {})}
    runs_of: dict = {(tree, name): [] for tree in trees for name in commands}
    for _ in range(runs):
        for tree, source in trees.items():
            env = {**os.environ, "PYTHONPATH": source} if source else None
            for name, argv in commands.items():
                shutil.copyfile(path, copy)
                r = measure(argv, env=env, timeout=timeout)
                r["html_mb"] = page.stat().st_size / 1e6 if name.startswith("report") else None
                runs_of[tree, name].append(r)
    print(f"one list, {count:,} items, {path.stat().st_size / 1e6:.1f} MB, {runs} alternating runs\n")
    print("| tree | command | CPU s (median) | × check (median of per-run ratios) | wall s | peak MB | HTML MB |")
    print("|---|---|---:|---:|---:|---:|---:|")
    out = {}
    for (tree, name), results in runs_of.items():
        checks = runs_of[tree, "check"]
        ratio = statistics.median(r["cpu"] / c["cpu"] for r, c in zip(results, checks))
        html = results[-1]["html_mb"]
        out[f"{tree} {name}"] = {"runs": results, "ratio": ratio}
        print(f"| {tree} | `{name}` | {statistics.median(r['cpu'] for r in results):.2f} | {ratio:.2f} | "
              f"{statistics.median(r['wall'] for r in results):.2f} | {max(r['rss_mb'] for r in results):.0f} | "
              f"{'' if html is None else f'{html:.2f}'} |", flush=True)
    return out


def fmt(value, spec=".2f"):
    return "—" if value is None else format(value, spec)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,500,2000", help="numbers of lists, comma-separated")
    parser.add_argument("--tools", default="all", help="comma-separated substrings of tool names to run (default all)")
    parser.add_argument("--max-others", type=int, default=500,
                        help="run yamllint and check-jsonschema only up to this many lists (they are slow)")
    parser.add_argument("--runs", type=int, default=1, help="runs per command (median reported)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--like-seeds", action="store_true", help="a corpus of the seeds' own items (generate.py --like-seeds)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "powerlint-bench")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--warm-only", action="store_true")
    parser.add_argument("--no-warm", action="store_true", help="skip the pre-commit scenario")
    parser.add_argument("--warm-full", action="store_true", help="also time a full check of the 1,000-list repository, cold and cached")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before a command is stopped and reported as timeout")
    parser.add_argument("--big", help="instead: check single lists of these sizes in MB (e.g. 25,100), peak memory")
    parser.add_argument("--fix-report", type=int, metavar="ITEMS", help="instead: check, check --fix and report -o "
                        "HTML on one list of ITEMS seed-like items, --runs times alternately (CPU seconds)")
    parser.add_argument("--before", help="with --fix-report: a source tree of an earlier version (a worktree), run "
                        "alternately with this one through PYTHONPATH")
    parser.add_argument("--corpus-rules", type=int, metavar="N", help="time the cross-list and catalogue rules "
                        "phase by phase on the first N lists, in one process")
    parser.add_argument("--floor", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--only", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor:
        return floor(args.floor, args.only)
    if args.big:
        results = {"machine": machine(), "big": big(args.work, [int(s) for s in args.big.split(",")], args.seed,
                                                       args.timeout)}
        print(f"\n{results['machine']}")
        if args.json:
            args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))
        return
    if args.fix_report:
        results = {"machine": machine(), "fix-report": fix_and_report(args.work, args.fix_report, args.seed, args.runs,
                                                                      args.before, args.timeout)}
        print(f"\n{results['machine']}")
        if args.json:
            args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))
        return
    if args.corpus_rules:
        master, _ = corpus(args.work, args.corpus_rules, args.seed)
        r = corpus_rules(subset(master, args.work, args.corpus_rules))
        print(f"{r['lists']} lists, {r['items']} items\n\n| phase | CPU s | findings |\n|---|---:|---:|")
        for phase, cpu in r["cpu"].items():
            print(f"| {phase} | {cpu:.2f} | {r['findings'].get(phase, '')} |")
        return None
    sizes = [int(s) for s in args.sizes.split(",")]
    master, counts = corpus(args.work, max(sizes + ([] if args.no_warm else [1000])), args.seed, args.like_seeds)
    schema = args.work / "schema.json"
    schema.write_bytes(subprocess.run([tool("powerlint"), "schema"], check=True, capture_output=True).stdout)
    results: dict = {"machine": machine(), "sizes": {}, "warm": None}
    if not args.warm_only:
        print("| lists | items | MB | command | wall s | CPU s | items/s | × floor | peak MB | exit |")
        print("|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|")
        for n in sizes:
            directory = subset(master, args.work, n)
            items = sum(counts[:n])
            megabytes = sum(p.stat().st_size for p in directory.glob("*.yaml")) / 1e6
            rows = results["sizes"][n] = {"items": items, "mb": megabytes, "commands": {}}
            base = None
            for name, argv in commands(directory, schema, args.jobs).items():
                wanted = args.tools == "all" or any(t in name for t in args.tools.split(","))
                if not wanted or (n > args.max_others and name in ("yamllint", "check-jsonschema")):
                    continue
                r = rows["commands"][name] = repeat(argv, args.runs, timeout=args.timeout)
                base = r["wall"] if name.startswith("floor") else base
                ratio = r["wall"] / base if base and r["wall"] else None
                rate = items / r["wall"] if r["wall"] else None
                print(f"| {n} | {items} | {megabytes:.1f} | {name} | {fmt(r['wall'])} | {fmt(r['cpu'])} | "
                      f"{fmt(rate, ',.0f')} | {fmt(ratio, '.1f')} | {r['rss_mb']:.0f} | {r['rc']} |", flush=True)
    if not args.no_warm:
        results["warm"] = warm_precommit(master, args.work, max(3, args.runs), args.warm_full, args.timeout)
        print("\n| pre-commit scenario (1,000-list repository) | wall s | CPU s | peak MB |\n|---|---:|---:|---:|")
        for name, r in results["warm"].items():
            print(f"| {name} | {fmt(r['wall'], '.3f')} | {fmt(r['cpu'], '.3f')} | {r['rss_mb']:.0f} |")
    print(f"\n{results['machine']}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))


def corpus_rules(directory: Path) -> dict:
    """In one process, CPU seconds of each phase on the lists of `directory`: loading, the per-list rules,
    building the views the cross-list rules read (lint/analysis/crosslist.py), and each corpus rule's check_corpus,
    with the first list standing for the province's catalogue."""
    from lint.config import Config
    from lint.analysis.crosslist import view
    from lint.engine import GC_EVERY, Context, _settle_heap, lint_loaded
    from lint.loader import load_text
    from lint.registry import all_rules

    files = sorted(directory.glob("*.yaml"))
    config = Config(catalogue=files[0])
    phases = {"load": 0.0, "per-list rules": 0.0, "views": 0.0}
    views = []
    for done, path in enumerate(files, 1):
        if done % GC_EVERY == 0:  # as the engine does, or the collector's re-scans land in whichever phase
            _settle_heap()
        start = time.process_time()
        loaded = load_text(path.read_text(encoding="utf-8"), str(path))
        middle = time.process_time()
        lint_loaded(loaded, config)
        end = time.process_time()
        views.append(view(loaded.plist))
        phases["load"] += middle - start
        phases["per-list rules"] += end - middle
        phases["views"] += time.process_time() - end
    found = {}
    for code, rule in all_rules().items():
        if rule.corpus:
            start = time.process_time()
            found[code] = len(list(rule(Context(config)).check_corpus(views)))
            phases[code] = time.process_time() - start
    return {"lists": len(files), "items": sum(len(v.items) for v in views), "cpu": phases, "findings": found}


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "?") if Path("/proc/cpuinfo").exists() else "?"
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2 ** 30
    return (f"{time.strftime('%Y-%m-%d')}, {len(os.sched_getaffinity(0))} CPUs ({cpu}), {mem:.0f} GB RAM, "
            f"Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
