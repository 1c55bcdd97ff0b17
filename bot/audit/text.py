"""Small text tools the audit's checks share: phrases from data as patterns, sentences, counting words.

Phrases in the audit's data files are plain words, never regular expressions, so a charity can add one
without knowing any: here each becomes a pattern that ignores case (unless asked not to) and spacing, and
matches whole words only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_WORD = re.compile(r"\w+")
# A sentence ends at ., ! or ? before a capital letter, a bullet or a quotation; at a semicolon; at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“‘(-])|;\s+|\n+")


def phrase_pattern(phrase: str) -> str:
    """``phrase`` as a pattern: its words in order, any spacing between them, whole words at either end."""
    body = r"\s+".join(re.escape(part) for part in phrase.split())
    return rf"(?<!\w){body}(?!\w)"


def alternation(phrases: Iterable[str], exact: Iterable[str] = ()) -> str:
    """One pattern for many phrases, longest first so the longest phrase at a place wins.

    ``exact`` phrases keep their case (scoped ``(?-i:...)``) inside an otherwise case-insensitive pattern.
    """
    items = [(p, False) for p in phrases] + [(p, True) for p in exact]
    items.sort(key=lambda item: -len(item[0]))
    parts = [f"(?-i:{phrase_pattern(p)})" if keep_case else phrase_pattern(p) for p, keep_case in items]
    return "|".join(parts) if parts else r"(?!x)x"


def normal(text: str) -> str:
    """Case and spacing folded: how a matched phrase is looked up again."""
    return " ".join(text.split()).casefold()


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Start and end of each sentence (or list item) of ``text``."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def listed(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
