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

import array
import bisect
import functools
import math
import operator
import re
from typing import NamedTuple

from ..compiled import compiled
from ..data import rules_dir

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
START, END = "^", "$"
_PAIR = re.compile(r"(\D)(\d+)")


class Run(NamedTuple):
    """A run of Han characters: its span in the text and the mean score of its transitions."""

    start: int
    end: int
    mean: float


class PairCounts:
    """How often each pair of characters occurs, as one string of the sorted pairs and an array of their
    counts, searched by bisection. A rule reads a few dozen counts per run (the look-alike and miswritten
    tables, spaces inside words); as a dict of 80,000 entries the counts took 9 ms of every run to load
    (`pickle.loads` in a fresh process: 31 ms with them, 22 ms without)."""

    def __init__(self, counts: dict[str, int]):
        pairs = sorted(counts)
        assert all(len(pair) == 2 for pair in pairs)
        self._pairs = "".join(pairs)
        self._counts = array.array("l", map(counts.__getitem__, pairs))

    def get(self, pair: str, default: int = 0) -> int:
        pairs = self._pairs
        k = bisect.bisect_left(range(len(self._counts)), pair, key=lambda i: pairs[2 * i:2 * i + 2])
        return self._counts[k] if k < len(self._counts) and pairs[2 * k:2 * k + 2] == pair else default


class Scores(dict):
    """The score of every pair of characters, filled from a packed table as pairs are first asked for.

    The 80,000 scores of the seen pairs are kept per first character (its followers as one string, their
    scores as one slice of an array of doubles); a pair is unpacked the first time it is read and is then a
    plain dict entry, so scoring a text stays one C-level look-up per character. Loading the scores as a
    dict took 22 ms of every pre-commit run (`pickle.loads` in a fresh process) while one list reads a few
    thousand of them; the packed table loads in under 1 ms.
    """

    LIMIT = 1 << 19  # distinct pairs remembered (seen and unseen) before starting afresh: bounds a province run

    def __init__(self, rows: dict[str, tuple[str, int]], values: array.array, backoff: dict[str, float],
                 logp: dict[str, float]):
        super().__init__()
        self._rows, self._values, self._backoff, self._logp = rows, values, backoff, logp

    def __missing__(self, pair: str) -> float:
        a, b = pair[0], pair[1]
        row = self._rows.get(a)
        k = row[0].find(b) if row else -1
        if k >= 0:
            score = self._values[row[1] + k]
        else:  # unseen: the Witten–Bell back-off of the first character, 0 when either is unknown
            score = self._backoff.get(a, 0.0) if b in self._logp else 0.0
        if len(self) >= self.LIMIT:
            self.clear()
        self[pair] = score
        return score

    def __reduce__(self):
        return Scores, (self._rows, self._values, self._backoff, self._logp)

    @classmethod
    def packed(cls, scores: dict[str, float], backoff: dict[str, float], logp: dict[str, float]) -> Scores:
        """The table of `scores` (pair → score of every seen pair)."""
        rows: dict[str, tuple[str, int]] = {}
        values = array.array("d")
        for pair in sorted(scores):
            a, b = pair[0], pair[1]
            followers, start = rows.get(a, ("", len(values)))
            rows[a] = (followers + b, start)
            values.append(scores[pair])
        return cls(rows, values, backoff, logp)


class CharModel:
    def __init__(self, unigram: dict[str, int], followers: dict[str, int], bigram: dict[str, int],
                 total: int, vocab: int):
        self.total = total
        denom = total + 0.5 * vocab
        self._logp = {c: math.log2((n + 0.5) / denom) for c, n in unigram.items()}
        self._unigram = unigram
        self._followers = followers
        self._bigram = PairCounts(bigram)
        # Precomputed scores: every seen pair, and per first character the score of an unseen
        # pair (Witten–Bell: P(b|a) = kinds·P(b) / (count + kinds), so the ratio to P(b) is constant).
        self._backoff = {a: math.log2(followers[a] / (n + followers[a]))
                         for a, n in unigram.items() if n and followers.get(a)}
        scores = {}
        for pair, n in bigram.items():
            a, b = pair[0], pair[1]
            if a in self._backoff and b in self._logp:
                kinds, count = followers[a], unigram[a]
                p_b = 2.0 ** self._logp[b]
                scores[pair] = math.log2((n + kinds * p_b) / (count + kinds)) - self._logp[b]
        self._score = Scores.packed(scores, self._backoff, self._logp)
        self._remember()

    def _remember(self) -> None:
        # the same phrases recur from cell to cell: their mean scores are remembered
        self._mean = functools.lru_cache(maxsize=1 << 14)(self._run_mean)

    def state(self) -> tuple:
        """Everything scoring needs, as plain dicts and numbers (what `from_state` takes back)."""
        return (self.total, self._logp, self._unigram, self._followers, self._bigram, self._backoff, self._score)

    @classmethod
    def from_state(cls, state: tuple) -> CharModel:
        """The model of `state()`, without recomputing the scores."""
        self = cls.__new__(cls)
        self.total, self._logp, self._unigram, self._followers, self._bigram, self._backoff, self._score = state
        self._remember()
        return self

    def transition(self, a: str, b: str) -> float:
        """log2 P(b|a) − log2 P(b) in bits (0 when `a` or `b` was never seen)."""
        return self._score[a + b]

    def known(self, char: str) -> bool:
        """Whether the character occurs in the training text."""
        return char in self._unigram

    def pair_count(self, pair: str) -> int:
        """How often the two characters follow each other in the training text (0 below the pruning count)."""
        return self._bigram.get(pair, 0)

    def transitions(self, run: str) -> list[float]:
        """Scores of the transitions of one Han run, markers included."""
        chars = START + run + END
        return list(map(self._score.__getitem__, map(operator.add, chars, chars[1:])))  # C-level look-ups

    def _run_mean(self, run: str) -> float:
        scores = self.transitions(run)
        return sum(scores) / len(scores)

    def runs(self, text: str, min_len: int = 4) -> list[Run]:
        """Every Han run of at least `min_len` characters with its mean score."""
        return [Run(match.start(), match.end(), self._mean(match.group()))
                for match in HAN.finditer(text) if match.end() - match.start() >= min_len]


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
    """The shipped model (loaded once per process; its scores are compiled once per model file, see `compiled`)."""
    source = (rules_dir() / "charmodel.txt").read_bytes()
    return CharModel.from_state(compiled("charmodel", source, lambda text: parse(text.decode("utf-8")).state(),
                                         version="3"))
