"""The knowledge base as data: policies, their sections and clauses, and a match.

Plain frozen dataclasses, so the matcher, the answer renderer and the tests can
share them without any of them owning the others.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.guidance.vocabulary import VocabularyFile

#: The longest ``summary`` a clause may have: with its marker ("In short: ") it stays one line of chat.
SUMMARY_LIMIT = 110

#: What a policy cites for the bot: ``{"moderation": {kind: clause ids}, "reports": {category key: clause ids}}``.
Cites = Mapping[str, Mapping[str, tuple[str, ...]]]


def no_cites() -> Cites:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause, with its id exactly as printed in the policy ("6.9", "4", "11.3")."""

    policy: str  # the policy's id
    id: str
    section: str  # section number as printed ("6")
    section_title: str
    text: str  # verbatim from the policy
    asks: tuple[str, ...] = ()  # curated ways people ask about it
    terms: tuple[str, ...] = ()  # curated words people use for it
    about: tuple[str, ...] = ()  # whom it is about (attendee, former, parent, colleague), when that tells it apart
    kind: str = ""  # "definition" or "action" (what to do, whom to tell), when that tells it apart
    see_also: tuple[str, ...] = ()  # curated related clauses of the same policy, shown under an answer
    summary: str = ""  # one plain line saying what the clause asks of people, opening an answer (curated)
    #: phrasings a Safeguard Lead taught through the bot (bot.questions): matched like ``asks``, but they do not make a
    #: clause known by its text alone a curated one (its text and meaning still count in full)
    learned: tuple[str, ...] = ()
    line: int = field(default=0, compare=False)  # where its id is in the YAML file, for messages

    @property
    def heading(self) -> str:
        """``6.9 · Responsibilities when using social media``."""
        return f"{self.id} · {self.section_title}"


@dataclass(frozen=True, slots=True)
class Policy:
    """A policy document: its metadata and its clauses in printed order."""

    id: str
    title: str
    issued: str  # as printed, e.g. "April 2023"
    review: str  # as printed, e.g. "April 2024"
    review_by: date  # last day of the review month: after it, the policy is overdue
    owner: str
    file: str
    clauses: tuple[Clause, ...]
    source: str = ""  # path of the verbatim policy text, if the file names one
    vocabulary: VocabularyFile | None = field(default=None, compare=False)  # the policy's own words, if any
    cites: Cites = field(default_factory=no_cites, hash=False)  # clauses of this policy the bot cites (read-only)

    def review_overdue(self, today: date) -> bool:
        return today > self.review_by


@dataclass(frozen=True, slots=True)
class Match:
    """A clause that answers a question, with a 0-100 score (higher is better)."""

    policy: str
    clause: str
    score: float
