"""The loader's quick schema test (`_conforms`) never passes what jsonschema rejects, and passes the seeds."""

from __future__ import annotations

import copy
from pathlib import Path

import jsonschema
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.loader import _conforms, schema

LISTS = sorted((Path(__file__).resolve().parents[1] / "lists").glob("*.yaml"))
SEED = yaml.safe_load(LISTS[0].read_text(encoding="utf-8"))
ODD = st.one_of(st.none(), st.integers(), st.floats(allow_nan=False), st.booleans(), st.text(max_size=3),
                st.lists(st.text(max_size=2), max_size=2), st.dictionaries(st.text(max_size=3), st.text(max_size=2), max_size=2))


def _valid(doc) -> bool:
    return not list(jsonschema.Draft202012Validator(schema()).iter_errors(doc))


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from _paths(sub, path + (key,))
    elif isinstance(value, list):
        for i, sub in enumerate(value[:3]):
            yield from _paths(sub, path + (i,))


PATHS = list(_paths(SEED))


def test_seed_lists_conform():
    for path in LISTS:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # scalars as text, as the loader keeps them
        assert _conforms(schema(), doc, schema()["$defs"]) == _valid(doc)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PATHS), ODD, st.booleans())
def test_a_changed_value_or_extra_key_conforms_only_when_jsonschema_agrees(path, value, add_key):
    doc = copy.deepcopy(SEED)
    target = doc
    for key in path[:-1]:
        target = target[key]
    if add_key and isinstance(target, dict):
        target[f"x{len(target)}"] = value
    elif path:
        target[path[-1]] = value
    if _conforms(schema(), doc, schema()["$defs"]):
        assert _valid(doc)


def test_missing_required_key_does_not_conform():
    doc = copy.deepcopy(SEED)
    del doc["meta"]
    assert not _conforms(schema(), doc, schema()["$defs"]) and not _valid(doc)
