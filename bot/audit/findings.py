"""One finding of the audit: what is wrong with a policy, where, how much it matters, in the maintainer's words.

Severities (docs/audit.md): an **error** means the policy is out of date as a whole (its review date has
passed), and makes ``python -m bot audit`` exit 1, so a charity's CI fails until it is reviewed; a
**warning** is something a reader could act on wrongly (a replaced law cited as current, several people
named to report concerns to, a clause pointing at one that does not exist); a **note** is worth knowing
(a policy it names that the bot does not have, a gap in the numbering, a review due soon).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.audit.text import listed

SEVERITY_ORDER = {"error": 0, "warning": 1, "note": 2}


@dataclass(frozen=True, slots=True)
class Finding:
    policy: str  # the policy's id
    check: str  # what found it: review-overdue, review-due, replaced-reference, contacts-differ, ...
    severity: str  # error, warning or note
    message: str  # a whole sentence or two, for the person who maintains the policy
    clauses: tuple[str, ...] = ()  # the clauses it is about, in the policy's order; () for the policy as a whole
    line: int = 0  # the line of the first clause in the policy file, when known
    details: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def clause(self) -> str:
        return self.clauses[0] if self.clauses else ""

    def as_dict(self, file: str, title: str) -> dict[str, Any]:
        return {
            "policy": self.policy,
            "title": title,
            "file": file,
            "line": self.line,
            "clause": self.clause,
            "clauses": list(self.clauses),
            "check": self.check,
            "severity": self.severity,
            "message": self.message,
            "details": self.details,
        }


def clause_list(clauses: list[str] | tuple[str, ...]) -> str:
    """ "Clause N" or "Clauses N and M": how a finding opens."""
    return ("Clause " if len(clauses) == 1 else "Clauses ") + listed(list(clauses))
