"""The loaded knowledge: every policy, a clause lookup and the matcher over all of them."""

from __future__ import annotations

from collections.abc import Sequence

from bot.guidance.matcher import Matcher
from bot.guidance.model import Clause, Match, Policy


class Library:
    """All policies the bot answers from. Built once at start-up, then read-only."""

    def __init__(self, policies: Sequence[Policy]) -> None:
        self.policies = tuple(policies)
        self._policies = {p.id: p for p in self.policies}
        self._clauses = {(c.policy, c.id): c for p in self.policies for c in p.clauses}
        self.matcher = Matcher([c for p in self.policies for c in p.clauses])

    def __len__(self) -> int:
        return len(self._clauses)

    def policy(self, policy_id: str) -> Policy:
        return self._policies[policy_id]

    def clause(self, policy_id: str, clause_id: str) -> Clause:
        return self._clauses[(policy_id, clause_id)]

    def match(self, question: str) -> list[Match]:
        """Clauses that answer ``question``, best first; ``[]`` when no policy covers it."""
        return self.matcher.match(question)
