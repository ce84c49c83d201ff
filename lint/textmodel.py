"""A character bigram language model of clean administrative and legal Chinese.

The statistics (`rules/charmodel.txt`) are built by `scripts/build_charmodel.py`. A text is scored
run by run (maximal runs of Han characters, with start/end markers): each transition a→b scores
log2 P(b|a) − log2 P(b), the information the previous character gives about the next (Witten–Bell
smoothing). Clean text scores several bits per transition; scrambled or shuffled characters score
about zero or below. Scoring is one dictionary look-up per character.

Hand-written because the model is twenty lines over plain counts; n-gram toolkits (kenlm, nltk.lm)
would add a compiled dependency or be orders of magnitude slower for the same bigram model.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from .data import rules_dir

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
START, END = "^", "$"
_PAIR = re.compile(r"(\D)(\d+)")


@dataclass(frozen=True)
class Run:
    """A run of Han characters: its span in the text and the mean score of its transitions."""

    start: int
    end: int
    mean: float
    worst: float  # the lowest mean over any window of WINDOW transitions


class CharModel:
    WINDOW = 6

    def __init__(self, unigram: dict[str, int], followers: dict[str, int], bigram: dict[str, int],
                 total: int, vocab: int):
        self.total = total
        denom = total + 0.5 * vocab
        self._oov = math.log2(0.5 / denom)
        self._logp = {c: math.log2((n + 0.5) / denom) for c, n in unigram.items()}
        self._unigram = unigram
        self._followers = followers
        self._bigram = bigram
        self._cache: dict[str, float] = {}

    def transition(self, a: str, b: str) -> float:
        """log2 P(b|a) − log2 P(b) in bits (0 when `a` was never seen)."""
        pair = a + b
        cached = self._cache.get(pair)
        if cached is not None:
            return cached
        count_a = self._unigram.get(a, 0)
        kinds = self._followers.get(a, 0)
        logp_b = self._logp.get(b, self._oov)
        if count_a == 0 or kinds == 0:
            score = 0.0
        else:
            p = (self._bigram.get(pair, 0) + kinds * 2.0 ** logp_b) / (count_a + kinds)
            score = math.log2(p) - logp_b
        if len(self._cache) < 500_000:
            self._cache[pair] = score
        return score

    def transitions(self, run: str) -> list[float]:
        """Scores of the transitions of one Han run, markers included."""
        chars = START + run + END
        return [self.transition(chars[i], chars[i + 1]) for i in range(len(chars) - 1)]

    def runs(self, text: str, min_len: int = 4) -> list[Run]:
        """Every Han run of at least `min_len` characters with its scores."""
        found = []
        for match in HAN.finditer(text):
            run = match.group()
            if len(run) < min_len:
                continue
            scores = self.transitions(run)
            window = min(self.WINDOW, len(scores))
            acc = sum(scores[:window])
            worst = acc
            for i in range(window, len(scores)):
                acc += scores[i] - scores[i - window]
                worst = min(worst, acc)
            found.append(Run(match.start(), match.end(), sum(scores) / len(scores), worst / window))
        return found


def parse(text: str) -> CharModel:
    """Read the model file format written by scripts/build_charmodel.py."""
    unigram: dict[str, int] = {}
    followers: dict[str, int] = {}
    bigram: dict[str, int] = {}
    total = vocab = 0
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("=total\t"):
            _, total_s, vocab_s = line.split("\t")
            total, vocab = int(total_s), int(vocab_s)
            continue
        char, count, kinds, pairs = (line.split("\t") + [""])[:4]
        unigram[char] = int(count)
        followers[char] = int(kinds)
        for b, n in _PAIR.findall(pairs):
            bigram[char + b] = int(n)
    return CharModel(unigram, followers, bigram, total, vocab)


@functools.lru_cache(maxsize=1)
def model() -> CharModel:
    """The shipped model (loaded once per process)."""
    return parse((rules_dir() / "charmodel.txt").read_text(encoding="utf-8"))
