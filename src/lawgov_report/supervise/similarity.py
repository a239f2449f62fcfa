"""Is a 不足 part copied? Character n-gram overlap with last year's and with the other units'.

Why character n-grams: Chinese has no spaces, and a copied passage keeps its runs of characters
even when a few words are changed; the share of one text's n-grams found in another (its
*containment*) is 100 % for a verbatim copy and stays high for a lightly edited one, while two
reports written independently share only stock phrases.

Why an inverted index: comparing every unit with every other is 50 million pairs for a
province's 10 000 units. Only n-grams that few units use can point at a copy, so candidates come
from those (n-grams used by many units are stock phrases and are skipped); the best candidates
are then scored exactly on all their n-grams.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

N = 4  # characters per n-gram: long enough that stock phrases do not make texts look alike
CANDIDATES = 4  # best candidates scored exactly per text


def _letters(text: str) -> str:
    """The text without punctuation and spaces: copying survives a changed comma."""
    return "".join(ch for ch in text if ch.isalnum())


def ngrams(text: str, n: int = N) -> frozenset[str]:
    """The set of ``n``-character runs of ``text`` (letters and digits only)."""
    letters = _letters(text)
    if len(letters) < n:
        return frozenset([letters]) if letters else frozenset()
    return frozenset(letters[i : i + n] for i in range(len(letters) - n + 1))


def containment(text_grams: frozenset[str], other_grams: frozenset[str]) -> float:
    """The share of ``text``'s n-grams that occur in ``other`` (0.0–1.0)."""
    if not text_grams:
        return 0.0
    return len(text_grams & other_grams) / len(text_grams)


class Closest(NamedTuple):
    """The other text most of this one is found in, and how much of it."""

    position: int
    score: float


def closest_others(texts: list[str]) -> list[Closest | None]:
    """For each text, the other text containing most of its n-grams (None for empty texts).

    Deterministic: ties go to the earlier text, whatever the hash seed.
    """
    grams = [ngrams(t) for t in texts]
    postings: dict[str, list[int]] = {}
    for i, gram_set in enumerate(grams):
        for gram in gram_set:
            postings.setdefault(gram, []).append(i)
    common = max(60, len(texts) // 100)
    rare = {gram: units for gram, units in postings.items() if len(units) <= common}
    del postings
    found: list[Closest | None] = []
    for i, gram_set in enumerate(grams):
        if not gram_set:
            found.append(None)
            continue
        votes: Counter[int] = Counter()
        for gram in gram_set:
            units = rare.get(gram)
            if units is not None and len(units) > 1:
                votes.update(units)
        votes.pop(i, None)
        best: Closest | None = None
        ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[:CANDIDATES]
        for j, _count in ranked:
            score = containment(gram_set, grams[j])
            if best is None or score > best.score or (score == best.score and j < best.position):
                best = Closest(j, score)
        found.append(best)
    return found
