"""A report category suggested from what the reporter wrote, when they chose none.

The report's words are matched against the loaded policies (the guidance library, through its public
``match``), and the best clause's category is suggested: the category whose ``cites: reports:`` names that
clause, or, failing that, the one category whose cited clauses are in that clause's section (a section
such as "Cyberbullying and Trolling" cites one category; a section that cites several says nothing). Only
the few best clauses are looked at, so a weak match far down the list cannot decide. Which clause belongs to
which category is knowledge (:mod:`bot.citations`), never code. Nothing found: no suggestion, and the report
is filed as the default category.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from bot.categories import CATEGORIES
from bot.citations import Citations

if TYPE_CHECKING:
    from bot.guidance.model import Clause, Match

log = logging.getLogger(__name__)

#: How many of the best-matching clauses may decide the category.
CONSIDER = 3


class ClauseLibrary(Protocol):
    """What :class:`bot.guidance.Library` offers that a suggestion needs."""

    def match(self, question: str, limit: int = 5) -> list[Match]: ...

    def clause(self, policy_id: str, clause_id: str) -> Clause: ...


class CategorySuggester:
    def __init__(self, library: ClauseLibrary, citations: Citations, consider: int = CONSIDER) -> None:
        self.library = library
        self.consider = consider
        self._by_clause: dict[tuple[str, str], str] = {}
        by_section: dict[tuple[str, str], set[str]] = {}
        for category in CATEGORIES:  # declared order: a clause cited by two categories suggests the first
            for cite in citations.cites_for_category(category.key):
                for clause_id in cite.clauses:
                    self._by_clause.setdefault((cite.policy, clause_id), category.key)
                    section = self._section(cite.policy, clause_id)
                    if section:
                        by_section.setdefault((cite.policy, section), set()).add(category.key)
        self._by_section = {where: next(iter(keys)) for where, keys in by_section.items() if len(keys) == 1}

    def _section(self, policy: str, clause_id: str) -> str:
        try:
            return self.library.clause(policy, clause_id).section
        except KeyError:  # cites a clause the policy lacks: the knowledge check reports it
            return ""

    def suggest(self, *texts: str) -> str:
        """The category key the words suggest, or "" when no clause of any policy matches them."""
        words = "\n".join(t for t in texts if t and t.strip())
        if not words:
            return ""
        try:
            matches: Sequence[Match] = self.library.match(words, self.consider)
        except Exception as exc:  # a matcher fault must not lose a report: file it without a suggestion
            log.error("suggesting a report category failed: %s", type(exc).__name__)
            return ""
        for match in matches[: self.consider]:
            key = self._by_clause.get((match.policy, match.clause)) or self._by_section.get(
                (match.policy, self._section(match.policy, match.clause))
            )
            if key:
                return key
        return ""
