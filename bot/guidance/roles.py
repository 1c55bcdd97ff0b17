"""Weighing whom a question is about and what it asks for, so neighbouring clauses can be told apart.

Clauses often say nearly the same words about different people (current attendees, former ones,
parents, colleagues), or define a thing in one clause and say what to do about it in the next. A
clause's ``about`` field names its people and its ``kind`` says what it gives; the question's person
and kind come from the vocabulary (:meth:`Vocabulary.person`, :meth:`Vocabulary.kind`). Here is only
the arithmetic: a clause that fits closes part of its gap to 100, one that does not keeps a share.
"""

from __future__ import annotations

from collections.abc import Collection

from bot.guidance.tuning import DEFAULT, Tuning

#: Kinds a question of each kind also accepts without a penalty: whom to tell is one of the things to do, so a
#: "what should I do" question welcomes a reporting clause, but "who needs to know" does not reward keeping records.
_FITS = {"action": frozenset({"action", "report"}), "report": frozenset({"report"}), "definition": frozenset()}
_NEUTRAL = {"report": frozenset({"action"}), "explain": frozenset({"definition"})}


def adjust(
    score: float, about: Collection[str], who: str | None, clause_kind: str, asked: str | None, tuning: Tuning = DEFAULT
) -> float:
    """A clause's score after weighing whom it is about, and what it gives, against the question."""
    if who is not None and about:
        score = score + (100.0 - score) * tuning.match_bonus if who in about else score * tuning.mismatch_factor
    if asked is not None and clause_kind:
        if clause_kind == asked or clause_kind in _FITS.get(asked, ()):
            score = score + (100.0 - score) * tuning.match_bonus
        elif clause_kind not in _NEUTRAL.get(asked, ()):
            score = score * tuning.kind_factor
    return score
