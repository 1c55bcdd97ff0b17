"""Normalisation that sees through what posters do to names, keeping offsets into the original.

A post is folded once: invisible characters (zero-width spaces, joiners, soft
hyphens, other format characters) are dropped, compatibility forms (fullwidth,
mathematical letters) and accents are reduced to their base letters, and
look-alike letters from Cyrillic and Greek are replaced by the Latin letter they
imitate. Every detector works on the folded text and maps its spans back with
:meth:`Folded.span`, so findings point into the text the author actually wrote.
Plain ASCII posts (most of them) take a fast path with no per-character work.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

#: Letters from other scripts that look like Latin ones (the usual spoofing set).
_HOMOGLYPHS = {
    # Cyrillic lower case
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ї": "i",
    "ј": "j", "ѕ": "s", "ԁ": "d", "һ": "h", "ԛ": "q", "ԝ": "w", "ѵ": "v", "ӏ": "l", "ɡ": "g",
    "ӧ": "o", "ё": "e", "к": "k", "м": "m", "т": "t", "в": "b", "н": "h", "п": "n", "г": "r",
    # Cyrillic upper case
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S", "Ԁ": "D", "Ԛ": "Q", "Ԝ": "W",
    "Ӏ": "I", "Ү": "Y",
    # Greek
    "α": "a", "β": "b", "γ": "y", "ε": "e", "ζ": "z", "η": "n", "ι": "i", "κ": "k", "ν": "v",
    "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ς": "s", "μ": "u",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Latin look-alikes outside ASCII that NFKD leaves alone
    "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
    "ʀ": "R", "ɪ": "I", "ᴀ": "A", "ᴇ": "E", "ᴏ": "O", "ꜱ": "S", "ᴛ": "T", "ᴜ": "U",
}  # fmt: skip

#: Characters that render as nothing (or as blank space inside a word) but are not format characters.
_INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f\u180e")


def _fold_char(ch: str) -> str:
    """What one non-ASCII character contributes to the folded text ("" for invisible ones)."""
    mapped = _HOMOGLYPHS.get(ch)
    if mapped is not None:
        return mapped
    if ch in _INVISIBLE:
        return ""
    category = unicodedata.category(ch)
    if category == "Cf":
        return ""
    if category in {"Zs", "Zl", "Zp"}:
        return " "
    decomposed = unicodedata.normalize("NFKD", ch)
    out = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(_HOMOGLYPHS.get(c, c) for c in out) if out else ("" if category.startswith("M") else ch)


@dataclass(frozen=True, slots=True)
class Folded:
    """A post after folding: ``cased`` keeps case, ``lower`` is the same length in lower case."""

    original: str
    cased: str
    lower: str
    offsets: tuple[int, ...] | None  # original index of each folded character; None when identical

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the folded text back to the original text."""
        if self.offsets is None or start >= end:
            return start, end
        return self.offsets[start], self.offsets[end - 1] + 1


def fold(text: str) -> Folded:
    """Fold ``text`` for matching; ASCII text is only lower-cased."""
    if text.isascii():
        return Folded(text, text, text.lower(), None)
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if ch.isascii():
            chars.append(ch)
            offsets.append(i)
            continue
        for c in _fold_char(ch):
            chars.append(c)
            offsets.append(i)
    lowered = [c if len(low := c.lower()) != 1 else low for c in chars]
    return Folded(text, "".join(chars), "".join(lowered), tuple(offsets))
