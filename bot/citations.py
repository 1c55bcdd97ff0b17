"""Which policy clauses a moderation warning or a report category cites: knowledge, not code.

A policy file may say, under ``cites:``, which of its own clauses each kind of
moderation finding and each report category concerns (docs/guidance.md).
:class:`Citations` gathers those from every loaded policy. When several
policies cite for the same kind, all of them are kept, each with its policy,
so a message can say which policy a clause belongs to; when none does, the
warning or report simply names no clause.

This module imports nothing from the rest of the bot, so the scanner, the
knowledge loader and the reports can all use it without import cycles.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.guidance.model import Policy

#: The sections of a policy file's ``cites:``: what the bot may cite clauses for.
MODERATION = "moderation"
REPORTS = "reports"


def clause_key(clause: str) -> tuple[int, ...]:
    """A sort key that puts clause x.14 after x.4 (numeric, not alphabetical)."""
    return tuple(int(part) if part.isdigit() else 0 for part in clause.split("."))


@dataclass(frozen=True, slots=True)
class Cite:
    """Clauses of one policy, in policy order, cited for something."""

    policy: str  # the policy's id
    title: str  # the policy's title, for messages that must say which policy
    clauses: tuple[str, ...]


def _merge(cites: Iterable[Cite]) -> tuple[Cite, ...]:
    """One :class:`Cite` per policy (first-seen order), its clauses once each in policy order."""
    titles: dict[str, str] = {}
    clauses: dict[str, set[str]] = {}
    for cite in cites:
        titles.setdefault(cite.policy, cite.title)
        clauses.setdefault(cite.policy, set()).update(cite.clauses)
    return tuple(
        Cite(policy, titles[policy], tuple(sorted(ids, key=clause_key))) for policy, ids in clauses.items() if ids
    )


def _gather(policies: Sequence[Policy], section: str) -> dict[str, tuple[Cite, ...]]:
    found: dict[str, list[Cite]] = {}
    for policy in policies:
        for key, ids in policy.cites.get(section, {}).items():
            if ids:
                found.setdefault(key, []).append(Cite(policy.id, policy.title, tuple(ids)))
    return {key: _merge(cites) for key, cites in found.items()}


class Citations:
    """Clauses cited per moderation finding kind and per report category; read-only once built.

    ``Citations()`` cites nothing: warnings and reports then name no clause.
    """

    def __init__(
        self,
        moderation: Mapping[str, Sequence[Cite]] | None = None,
        reports: Mapping[str, Sequence[Cite]] | None = None,
    ) -> None:
        self._moderation = MappingProxyType({k: _merge(v) for k, v in (moderation or {}).items()})
        self._reports = MappingProxyType({k: _merge(v) for k, v in (reports or {}).items()})
        every = [c for cites in (*self._moderation.values(), *self._reports.values()) for c in cites]
        self.policies: tuple[str, ...] = tuple(dict.fromkeys(c.policy for c in every))

    @classmethod
    def from_policies(cls, policies: Iterable[Policy]) -> Citations:
        """What the loaded policies cite, in the order the policies were loaded."""
        loaded = tuple(policies)
        return cls(_gather(loaded, MODERATION), _gather(loaded, REPORTS))

    # --- moderation finding kinds ---

    def cites_for_kind(self, kind: str) -> tuple[Cite, ...]:
        return self._moderation.get(kind, ())

    def cites_for_kinds(self, kinds: Iterable[str]) -> tuple[Cite, ...]:
        """Everything several kinds cite, merged per policy."""
        return _merge(c for kind in kinds for c in self.cites_for_kind(kind))

    def for_kind(self, kind: str) -> tuple[str, ...]:
        """Clause ids cited for a kind of finding (every policy's, in load order); ``()`` when none."""
        return _ids(self.cites_for_kind(kind))

    # --- report categories ---

    def cites_for_category(self, key: str) -> tuple[Cite, ...]:
        return self._reports.get(key, ())

    def for_category(self, key: str) -> tuple[str, ...]:
        """Clause ids cited for a report category; ``()`` when none."""
        return _ids(self.cites_for_category(key))

    # --- wording ---

    def clauses_text(self, cites: Sequence[Cite]) -> str:
        """The clause ids, comma-separated; with several policies cited anywhere, each policy named by title.

        ``""`` when nothing is cited, so callers leave the clause part out.
        """
        if len(self.policies) <= 1:
            return ", ".join(_ids(cites))
        return "; ".join(f"{c.title} {', '.join(c.clauses)}" for c in cites)

    def phrase(self, cites: Sequence[Cite]) -> str:
        """``policy`` and the clause ids (or the policies by title, when several are cited); ``""`` when none."""
        text = self.clauses_text(cites)
        if not text or len(self.policies) > 1:
            return text
        return f"policy {text}"


def _ids(cites: Iterable[Cite]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c for cite in cites for c in cite.clauses))


NO_CITATIONS = Citations()
