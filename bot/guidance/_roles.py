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
KINDS: tuple[str, ...] = ("definition", "action", "report", "explain")
#: Kinds a question of each kind also accepts without a penalty: whom to tell is one of the things to do, so a
#: "what should I do" question welcomes a reporting clause, but "who needs to know" does not reward keeping records.
_FITS = {"action": frozenset({"action", "report"}), "report": frozenset({"report"}), "definition": frozenset()}
_NEUTRAL = {"report": frozenset({"action"}), "explain": frozenset({"definition"})}
MATCH_BONUS = 0.12  # a clause that fits the question closes this share of its gap to 100
MISMATCH_FACTOR = 0.7  # a clause about somebody else keeps this share of its score
KIND_FACTOR = 0.85  # a definition for a what-to-do question (or the reverse) keeps this share

_KIND_PATTERNS = {
    "definition": re.compile(
        r"\b(?:what (?:is|are|does|do) (?:meant by|the definition|the meaning)|what counts as|what is classed"
        r"|what does .{1,30} mean|definition of|define|meaning of|^(?:what is|whats|what's|what are) (?:a |an )?"
        r"[\w-]+\??$|^(?:is|are|does|do) .{1,40} (?:count as |counted as |classed as |considered )?social media\??$"
        r"|^(?:is|are) (?:[\w']+ ){1,3}(?:covered|included)(?: by (?:the|this) policy)?\??$"
        # "is it bullying if ...", "would that count as trolling": is this a case of X (not "is it ok if")
        r"|^(?:is|would|does) (?:it|this|that)(?: still| really| even)? (?:be )?(?:count(?:s|ed)? as |classed as "
        r"|considered |called |seen as )?(?!ok\b|okay\b|alright\b|fine\b|allowed\b|acceptable\b|wrong\b|bad\b"
        r"|safe\b|appropriate\b|legal\b|illegal\b|against\b|possible\b|worth\b|my\b|a problem\b|an issue\b"
        r"|on me\b|up to\b|true\b|better\b|best\b|professional\b|inappropriate\b|sensible\b|reasonable\b"
        r"|a breach\b|breaking\b|weird\b|strange\b|odd\b|normal\b|unprofessional\b|creepy\b|too\b|a bad\b|a good\b"
        r"|frowned\b|a no\b|good\b|right\b|smart\b|wise\b|risky\b|dodgy\b|unsafe\b|advisable\b|required\b|needed\b"
        r"|necessary\b|mandatory\b|compulsory\b|permitted\b|going\b|still\b)(?:a |an )?[\w-]+(?: [\w-]+)? (?:if|when)\b"
        r"|\b(?:count|counts|counted|classed|class|qualify|qualifies) as\b|difference between"
        r"|what do (?:you|we) mean by)"
    ),
    # whom to tell: "who needs to know", "should i let someone know", "do i have to flag it"
    "report": re.compile(
        r"\b(?:who do i|who should i|who (?:do|should) we|who to (?:tell|report|contact)|how do i report"
        r"|how should i report|do i (?:report|tell)|should i (?:report|tell)|(?:report|tell) (?:it|this|them|someone)"
        r"|who (?:needs|has|ought|is meant|am i meant|am i supposed) to (?:know|be told|tell)"
        r"|who should (?:know|be told)"
        r"|who (?:do|should|must|can|would) (?:i|we) (?:tell|inform|speak to|talk to|go to|contact|notify|let know)"
        r"|who (?:to|do you) (?:inform|notify|go to|speak to|talk to)"
        r"|(?:do|should|must|shall) (?:i|we) (?:need to |have to )?"
        r"(?:report|tell|inform|notify|flag|escalate|raise|pass (?:it|this) on|let (?:someone|somebody|anyone|you|them)"
        r" know)|does (?:anyone|someone|somebody) need to know|is (?:it|this|that) reportable|report(?:ed)? to)\b"
    ),
    # how others operate ("how do extremists use tiktok to recruit"): what the risk is, not what to do
    "explain": re.compile(
        r"^how (?:do|does|are|can|might|would|could) (?!i\b|we\b|you\b|me\b)(?:[\w']+ ){1,3}(?:use|using|target"
        r"|recruit|groom|radicalise|reach|exploit|operate|spread)\b"
    ),
    # what to do (checked after whom to tell, which is the more specific)
    "action": re.compile(
        r"\b(?:what (?:should|do|shall|can|must) (?:i|we) do|what to do|what now|what happens now"
        r"|how (?:do|should) i (?:deal|handle)|should i (?:screenshot|keep|delete)|deal with it|handle it)\b"
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
        if clause_kind == asked or clause_kind in _FITS.get(asked, ()):
            score = score + (100.0 - score) * MATCH_BONUS
        elif clause_kind not in _NEUTRAL.get(asked, ()):
            score = score * KIND_FACTOR
    return score
