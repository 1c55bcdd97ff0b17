"""Words of a folded post, with the facts name matching needs about each.

Possessives are dropped ("Whitaker's" is "whitaker"), apostrophes inside names
are ignored ("O'Brien" is "obrien"), and runs of single letters spelled out with
spaces or dots ("L.E.A.P.S", "A m e l i a") are joined into one word. Anything
that is not a letter separates words, so "Lily-Mae", "@amelia.hart" and
"amelia_hart" are two words each.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from bot.scanner._text import Folded

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
#: Separators allowed between letters that are spelled out one by one.
_SPELL_GAPS = frozenset({" ", ".", "-", "_", "*", "·", "•", "/", ". ", "\u00a0"})


class Token(NamedTuple):
    """One word. A named tuple, not a dataclass: posts are tokenised 20,000 times a second."""

    norm: str  # lower case, no apostrophes, no possessive
    start: int  # offsets into the folded text
    end: int
    spelled: bool = False  # joined from letters spelled out one by one
    single: bool = False  # one letter standing alone

    def capital(self, cased: str) -> bool:
        """Starts with a capital letter as written."""
        return cased[self.start].isupper()

    def upper(self, cased: str) -> bool:
        """Written all in capitals, and longer than one letter."""
        return len(self.norm) > 1 and cased[self.start : self.end].isupper()

    def marked(self, cased: str) -> bool:
        """Preceded by '#' or '@': a hashtag or a handle."""
        return self.start > 0 and cased[self.start - 1] in "#@"


def normalise_word(word: str) -> str:
    """The matching form of one word: lower case, possessive and apostrophes removed."""
    word = word.lower()
    if "'" in word or "’" in word:
        word = _POSSESSIVE.sub("", word).replace("'", "").replace("’", "")
    return word


def tokens(folded: Folded) -> list[Token]:
    """The words of ``folded``, with spelled-out letter runs joined."""
    raw: list[Token] = []
    singles = 0
    for m in _WORD.finditer(folded.lower):
        word = m.group()
        if "'" in word or "’" in word:
            word = normalise_word(word)
            if not word:
                continue
        single = len(word) == 1
        singles += single
        raw.append(Token(word, m.start(), m.end(), False, single))
    return _join_spelled(raw, folded.cased) if singles > 1 else raw


def _join_spelled(raw: list[Token], cased: str) -> list[Token]:
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
        out.append(Token("".join(t.norm for t in run), run[0].start, run[-1].end, True, False))
        i = j + 1
    return out
