"""Whom a question is about and what it asks for, so neighbouring clauses can be told apart.

Clauses 6.7, 6.8, 6.9 and 6.10 say nearly the same words (follow, friend,
contact) about different people: current attendees, former attendees,
parents and carers, colleagues. A clause's ``about`` field in the YAML names
its people; a question's person is the most specific one it mentions, since
"a mum of one of the kids" is about the mum and "an ex attendee whose brother
still comes" is about the former attendee.

Clauses 8.1 and 8.2 share their words too, but one defines cyberbullying and
the other says what to do about it. A clause's ``kind`` field says which; a
question's kind comes from its form ("what counts as", "what should i do").
"""

from __future__ import annotations

import re
from collections.abc import Collection

#: The people a clause can be about, most specific first (each is a concept of the lexicon).
ROLES: tuple[str, ...] = ("former", "parent", "otherperson", "attendee", "colleague", "management")
KINDS: tuple[str, ...] = ("definition", "action")
MATCH_BONUS = 0.12  # a clause that fits the question closes this share of its gap to 100
MISMATCH_FACTOR = 0.7  # a clause about somebody else keeps this share of its score
KIND_FACTOR = 0.85  # a definition for a what-to-do question (or the reverse) keeps this share

_KIND_PATTERNS = {
    "definition": re.compile(
        r"\b(?:what (?:is|are|does|do) (?:meant by|the definition|the meaning)|what counts as|what is classed"
        r"|what does .{1,30} mean|definition of|define|meaning of|^(?:what is|whats|what's|what are) (?:a |an )?"
        r"[\w-]+\??$|^(?:is|are|does|do) .{1,40} (?:count as |counted as |classed as |considered )?social media\??$"
        r"|^(?:is|are) (?:[\w']+ ){1,3}(?:covered|included)(?: by (?:the|this) policy)?\??$)"
    ),
    "action": re.compile(
        r"\b(?:what (?:should|do|shall|can|must) (?:i|we) do|what to do|what now|what happens now|who do i"
        r"|who should i|who (?:do|should) we|who to (?:tell|report|contact)|how do i (?:report|deal|handle)"
        r"|how should i (?:report|deal|handle)|do i (?:report|tell)|should i (?:report|tell|screenshot|keep|delete)"
        r"|(?:report|tell) (?:it|this|them|someone)|deal with it|handle it)\b"
    ),
}


def person(tokens: Collection[str]) -> str | None:
    """The role the question is about: the most specific role concept among its tokens."""
    for role in ROLES:
        if "@" + role in tokens:
            return role
    return None


def kind(question: str) -> str | None:
    """Whether the question asks for a definition, for what to do, or neither."""
    text = question.lower().strip()
    for name, pattern in _KIND_PATTERNS.items():
        if pattern.search(text):
            return name
    return None


def adjust(score: float, about: Collection[str], who: str | None, clause_kind: str, asked: str | None) -> float:
    """A clause's score after weighing whom it is about, and what it gives, against the question."""
    if who is not None and about:
        score = score + (100.0 - score) * MATCH_BONUS if who in about else score * MISMATCH_FACTOR
    if asked is not None and clause_kind:
        score = score + (100.0 - score) * MATCH_BONUS if asked == clause_kind else score * KIND_FACTOR
    return score
