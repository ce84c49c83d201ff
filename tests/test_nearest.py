"""Pairs of alike names (lint.analysis.nearest.alike_pairs): the same pairs and scores by either way of scoring."""

from __future__ import annotations

import random

from lint.analysis import nearest


def _names(seed: int) -> list[str]:
    """Invented item names and their variants (a character changed, added or dropped), long and short."""
    rng = random.Random(seed)
    chars = "对定点医药机构骗取医疗保障基金行为的处罚给付确认检查监督"
    names = set()
    for _ in range(60):
        base = [rng.choice(chars) for _ in range(rng.randint(4, 30))]
        names.add("".join(base))
        for _ in range(4):
            variant = list(base)
            for _ in range(rng.randint(1, 3)):
                at = rng.randrange(len(variant))
                choice = rng.random()
                if choice < 0.4:
                    variant[at] = rng.choice(chars)
                elif choice < 0.7:
                    variant.insert(at, rng.choice(chars))
                elif len(variant) > 2:
                    del variant[at]
            names.add("".join(variant))
    return sorted(names)


def test_extract_and_the_score_matrix_give_the_same_pairs():
    for seed, cutoff in ((1, 85), (2, 70), (3, 90)):
        names = _names(seed)
        queries = names[::3]
        by_extract = nearest._by_extract(queries, names, cutoff)
        assert len(by_extract) > len(queries)  # more than each name with itself
        assert by_extract == nearest._by_matrix(queries, names, cutoff)


def test_a_score_halfway_is_rounded_up_either_way():
    a = "甲" * 40
    b = "甲" * 37 + "乙" * 3  # fuzz.ratio 92.5
    assert nearest._by_extract([a], [b], 85) == nearest._by_matrix([a], [b], 85) == [(0, 0, 93)]
    assert nearest._by_extract([a], [], 85) == nearest._by_matrix([a], [], 85) == []
