"""Start-up mechanisms of a one-list run (issue 16): they change when work is done, never what is found."""

from __future__ import annotations

import gc

from lint.heap import permanent
from lint.registry import all_rules


def test_permanent_pauses_the_collector_then_freezes_what_was_built():
    assert gc.isenabled()
    before = gc.get_freeze_count()
    with permanent():
        assert not gc.isenabled()
        kept = [[n] for n in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() >= before + len(kept)
    gc.disable()
    try:
        with permanent():
            pass
        assert not gc.isenabled()  # a collector the caller had paused stays paused
    finally:
        gc.enable()


def test_every_rule_family_is_imported_once_and_every_rule_listed():
    first = all_rules()
    assert all_rules() == first
    assert {rule.__module__ for rule in first.values()} >= {"lint.checks.catalogue", "lint.checks.crosslist",
                                                            "lint.checks.code", "lint.checks.stage"}
