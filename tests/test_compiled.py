"""Data files compiled once: the cached value equals a fresh build, an edited source rebuilds, a broken cache is rebuilt."""

from lint import compiled as compiled_mod
from lint.compiled import compiled
from lint.analysis.textmodel import CharModel, parse
from lint.data import rules_dir


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
