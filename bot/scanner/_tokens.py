"""Words of a folded post, with the facts name matching needs about each.

Possessives are dropped ("Whitaker's" is "whitaker"), apostrophes inside names
are ignored ("O'Brien" is "obrien"), and runs of single letters spelled out with
spaces or dots ("L.E.A.P.S", "A m e l i a") are joined into one word. Anything
that is not a letter separates words, so "Lily-Mae", "@amelia.hart" and
"amelia_hart" are two words each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.scanner._text import Folded

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
#: Separators allowed between letters that are spelled out one by one.
_SPELL_GAPS = frozenset({" ", ".", "-", "_", "*", "·", "•", "/", ". ", "\u00a0"})


@dataclass(frozen=True, slots=True)
class Token:
    norm: str  # lower case, no apostrophes, no possessive
    start: int  # offsets into the folded text
    end: int
    capital: bool  # starts with a capital letter as written
    upper: bool  # written all in capitals, more than one letter
    spelled: bool  # joined from letters spelled out one by one
    marked: bool  # preceded by '#' or '@': a hashtag or a handle
    single: bool  # one letter standing alone


def normalise_word(word: str) -> str:
    """The matching form of one word: lower case, possessive and apostrophes removed."""
    word = word.lower()
    if "'" in word or "’" in word:
        word = _POSSESSIVE.sub("", word).replace("'", "").replace("’", "")
    return word


def tokens(folded: Folded) -> list[Token]:
    """The words of ``folded``, with spelled-out letter runs joined."""
    cased, lower = folded.cased, folded.lower
    raw: list[Token] = []
    for m in _WORD.finditer(lower):
        start, end = m.span()
        word = m.group()
        norm = normalise_word(word) if ("'" in word or "’" in word) else word
        if not norm:
            continue
        text = cased[start:end]
        first = text[0]
        raw.append(
            Token(
                norm=norm,
                start=start,
                end=end,
                capital=first.isupper(),
                upper=len(norm) > 1 and text.isupper(),
                spelled=False,
                marked=start > 0 and cased[start - 1] in "#@",
                single=len(norm) == 1,
            )
        )
    return _join_spelled(raw, cased)


def _join_spelled(raw: list[Token], cased: str) -> list[Token]:
    if sum(t.single for t in raw) < 2:
        return raw
    out: list[Token] = []
    i, n = 0, len(raw)
    while i < n:
        j = i
        while j + 1 < n and raw[j].single and raw[j + 1].single and cased[raw[j].end : raw[j + 1].start] in _SPELL_GAPS:
            j += 1
        if j == i:
            out.append(raw[i])
            i += 1
            continue
        run = raw[i : j + 1]
        out.append(
            Token(
                norm="".join(t.norm for t in run),
                start=run[0].start,
                end=run[-1].end,
                capital=run[0].capital,
                upper=all(t.capital for t in run),
                spelled=True,
                marked=run[0].marked,
                single=False,
            )
        )
        i = j + 1
    return out
