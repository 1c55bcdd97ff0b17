"""Whether a word as typed is an English word: a misspelling is corrected only when it is none.

The list is the word vectors' vocabulary (the most frequent English words, and every word of the shipped chat
English and knowledge), read on first use without numpy, so the matcher can ask before any vector is loaded.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

WORDS = Path(__file__).parent / "language" / "vectors" / "words.txt"


@lru_cache(maxsize=1)
def _english() -> frozenset[str]:
    return frozenset(WORDS.read_text(encoding="utf-8").split())


def is_english(word: str) -> bool:
    return word in _english()
