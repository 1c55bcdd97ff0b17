"""Who a question is about, so neighbouring clauses that differ only in that can be told apart.

Clauses 6.7, 6.8, 6.9 and 6.10 say nearly the same words (follow, friend,
contact) about different people: current attendees, former attendees,
parents and carers, colleagues. A clause's ``about`` field in the YAML names
its person; a question's person is the most specific one it mentions, since
"a mum of one of the kids" is about the mum and "an ex attendee whose brother
still comes" is about the former attendee.
"""

from __future__ import annotations

from collections.abc import Collection

#: The people a clause can be about, most specific first (each is a concept of the lexicon).
ROLES: tuple[str, ...] = ("former", "parent", "colleague", "management", "otherperson", "attendee")
MATCH_BONUS = 0.12  # a clause about the question's person closes this share of its gap to 100
MISMATCH_FACTOR = 0.7  # a clause about somebody else keeps this share of its score


def person(tokens: Collection[str]) -> str | None:
    """The role the question is about: the most specific role concept among its tokens."""
    for role in ROLES:
        if "@" + role in tokens:
            return role
    return None


def adjust(score: float, about: Collection[str], who: str | None) -> float:
    """A clause's score after weighing whom it is about against whom the question is about."""
    if who is None or not about:
        return score
    if who in about:
        return score + (100.0 - score) * MATCH_BONUS
    return score * MISMATCH_FACTOR
