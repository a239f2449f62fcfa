"""Is a 不足 part copied? Character n-gram overlap with last year's and with the other units'.

Why character n-grams: Chinese has no spaces, and a copied passage keeps its runs of characters
even when a few words are changed; the share of one text's n-grams found in another (its
*containment*) is 100 % for a verbatim copy and stays high for a lightly edited one, while two
reports written independently share only stock phrases.

Why hashes and sketches: a province has 10 000 units; comparing every 不足 with every other is
50 million pairs, and keeping every n-gram as a string costs gigabytes. Each text is kept as the
sorted values of its n-grams (a few hundred integers, computed in the worker that read the
report: the characters' code points packed together, the same in every process, unlike
Python's ``hash``). Candidates come
from a bottom-k sketch — the text's ``SKETCH`` smallest values, an unbiased sample that two texts
sharing most of their n-grams also largely share — and the best candidates are scored exactly.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from typing import NamedTuple

N = 4  # characters per n-gram: long enough that stock phrases do not make texts look alike
SKETCH = 64  # smallest hashes indexed per text
CANDIDATES = 4  # best candidates scored exactly per text


_NOT_LETTERS = re.compile(r"[\W_]+")
# Multiplying by an odd constant modulo 2**64 is one-to-one (values stay exact) and scatters
# them, so the smallest values of a text are a fair sample of it — not its digits, whose code
# points are the smallest and which every report shares ("2021").
MIX = 0x9E3779B97F4A7C15
MASK = (1 << 64) - 1


def ngrams(text: str) -> array[int]:
    """The sorted, distinct values of the four-character runs of ``text`` (letters and digits).

    Each run is its four code points packed into 64 bits (16 bits each; characters beyond the
    Basic Multilingual Plane share values with others, which no report notices), then mixed
    (see ``MIX``): exact for Chinese text, the same in every process, and cheap to compute.
    """
    codes = [ord(ch) & 0xFFFF for ch in _NOT_LETTERS.sub("", text)]
    if len(codes) < N:
        packed = 0
        for code in codes:
            packed = packed << 16 | code
        return array("Q", [packed * MIX & MASK] if codes else [])
    values = {
        (a << 48 | b << 32 | c << 16 | d) * MIX & MASK
        for a, b, c, d in zip(codes, codes[1:], codes[2:], codes[3:], strict=False)
    }
    return array("Q", sorted(values))


def containment(text_grams: array[int], other_grams: array[int]) -> float:
    """The share of ``text``'s n-grams that occur in ``other`` (0.0–1.0)."""
    if not text_grams:
        return 0.0
    other = set(other_grams)
    return sum(1 for g in text_grams if g in other) / len(text_grams)


class Closest(NamedTuple):
    """The other text most of this one is found in, and how much of it."""

    position: int
    score: float


def closest_others(grams: list[array[int]]) -> list[Closest | None]:
    """For each text's n-grams, the other text containing most of them (None for empty texts).

    Deterministic: candidates are ranked by shared sketch values then position, ties in the
    exact score go to the earlier text.
    """
    postings: dict[int, list[int]] = {}
    for i, values in enumerate(grams):
        for value in values[:SKETCH]:
            postings.setdefault(value, []).append(i)
    # A run of characters in the sketches of very many units is a stock phrase, not a copy.
    common = max(50, len(grams) // 100)
    found: list[Closest | None] = []
    for i, values in enumerate(grams):
        if not values:
            found.append(None)
            continue
        votes: Counter[int] = Counter()
        for value in values[:SKETCH]:
            units = postings[value]
            if 1 < len(units) <= common:
                votes.update(units)
        votes.pop(i, None)
        ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[:CANDIDATES]
        best: Closest | None = None
        mine = set(values)
        for j, _count in ranked:
            other = grams[j]
            shared = sum(1 for g in other if g in mine)
            score = shared / len(values)
            if best is None or score > best.score:
                best = Closest(j, score)
        found.append(best)
    return found
