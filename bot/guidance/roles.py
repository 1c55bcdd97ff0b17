"""Weighing whom a question is about and what it asks for, so neighbouring clauses can be told apart.

Clauses often say nearly the same words about different people (current attendees, former ones,
parents, colleagues), or define a thing in one clause and say what to do about it in the next. A
clause's ``about`` field names its people and its ``kind`` says what it gives; the question's person
and kind come from the vocabulary (:meth:`Vocabulary.person`, :meth:`Vocabulary.kind`). Here is only
the arithmetic: a clause that fits closes part of its gap to 100, one that does not keeps a share.
"""

from __future__ import annotations

from collections.abc import Collection

#: Kinds a question of each kind also accepts without a penalty: whom to tell is one of the things to do, so a
#: "what should I do" question welcomes a reporting clause, but "who needs to know" does not reward keeping records.
_FITS = {"action": frozenset({"action", "report"}), "report": frozenset({"report"}), "definition": frozenset()}
_NEUTRAL = {"report": frozenset({"action"}), "explain": frozenset({"definition"})}
MATCH_BONUS = 0.12  # a clause that fits the question closes this share of its gap to 100
MISMATCH_FACTOR = 0.7  # a clause about somebody else keeps this share of its score
KIND_FACTOR = 0.85  # a definition for a what-to-do question (or the reverse) keeps this share


def adjust(score: float, about: Collection[str], who: str | None, clause_kind: str, asked: str | None) -> float:
    """A clause's score after weighing whom it is about, and what it gives, against the question."""
    if who is not None and about:
        score = score + (100.0 - score) * MATCH_BONUS if who in about else score * MISMATCH_FACTOR
    if asked is not None and clause_kind:
        if clause_kind == asked or clause_kind in _FITS.get(asked, ()):
            score = score + (100.0 - score) * MATCH_BONUS
        elif clause_kind not in _NEUTRAL.get(asked, ()):
            score = score * KIND_FACTOR
    return score
