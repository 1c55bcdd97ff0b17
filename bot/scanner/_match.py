"""Small helpers shared by the exact and the loose name matchers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from bot.scanner._tokens import Token

#: Separators that may stand between two words of one name ("Lily-Mae", "amelia.hart", "Hart, Amelia",
#: "St Peter & St Paul").
_NAME_GAP = frozenset(" \t,._-·&+\u00a0")
_NAME_GAP_RE = re.compile(r"[ \t,._\-·&+\u00a0]{0,3}")


@dataclass(frozen=True, slots=True)
class NameHit:
    kind: str
    start: int  # offsets into the folded text
    end: int


def close(written: str, known: str, min_length: int = 4) -> bool:
    """A small misspelling: same first letter, one edit (two for long names), never an exact match.

    Words shorter than ``min_length`` are too short to tell a misspelling from another word.
    """
    if written == known or written[0] != known[0]:
        return False
    shortest = min(len(written), len(known))
    if shortest < min_length or len(known) < 3:
        return False
    limit = 2 if shortest >= 8 else 1
    return OSA.distance(written, known, score_cutoff=limit) <= limit


def gap_ok(cased: str, a: Token, b: Token) -> bool:
    """Whether two words are close enough to be one name (no sentence break, no other words)."""
    if b.start - a.end == 1:
        return cased[a.end] in _NAME_GAP
    if _NAME_GAP_RE.fullmatch(cased, a.end, b.start) is None:
        return False
    gap = cased[a.end : b.start]
    return not ("." in gap and " " in gap and len(a.norm) > 2 and not a.spelled)


def has_comma(cased: str, toks: list[Token], i: int, j: int) -> bool:
    """A comma between words i and j: in "Jayden, Moss and the rest" it separates two things."""
    return i != j and "," in cased[toks[i].end : toks[j].start]
