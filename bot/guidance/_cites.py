"""Read a policy file's optional ``cites:``: which of its clauses moderation and reports cite.

``cites: moderation:`` maps a finding kind to a list of this policy's clause
ids a private warning cites; ``cites: reports:`` maps a report category key to
a list of clause ids (docs/guidance.md shows an example).

Kinds are the scanner's (:data:`bot.scanner._findings.KINDS`), category keys
the product's (:data:`bot.categories.BY_KEY`); every clause id must be one this
policy has. Problems are reported through ``problem(path, message)``, so the
loader gives them a file and a line like any other.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from types import MappingProxyType

from bot.categories import BY_KEY
from bot.categories import FINDING_KINDS as KINDS
from bot.citations import MODERATION, REPORTS
from bot.guidance.model import Cites, no_cites
from bot.yamlfile import PathKey

#: Each section of ``cites:``, what its keys are, and the keys it accepts.
SECTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    MODERATION: ("finding kind", KINDS),
    REPORTS: ("report category", tuple(BY_KEY)),
}

Report = Callable[[PathKey, str], None]


def read_cites(value: object, clause_ids: Collection[str], problem: Report) -> Cites:
    """The validated ``cites:`` of one policy (read-only); ``clause_ids`` are the policy's own clauses."""
    if value is None:
        return no_cites()
    path: PathKey = ("cites",)
    if not isinstance(value, dict):
        problem(path, "'cites' must be a mapping with 'moderation' and/or 'reports'")
        return no_cites()
    cites: dict[str, MappingProxyType[str, tuple[str, ...]]] = {}
    for section, entries in value.items():
        if section not in SECTIONS:
            problem((*path, str(section)), f"unknown key {section!r} in 'cites' (expected one of: moderation, reports)")
            continue
        read = _section(section, entries, clause_ids, problem)
        if read:
            cites[section] = MappingProxyType(read)
    return MappingProxyType(cites)


def _section(section: str, entries: object, clause_ids: Collection[str], problem: Report) -> dict[str, tuple[str, ...]]:
    what, known = SECTIONS[section]
    path: PathKey = ("cites", section)
    if entries is None:
        return {}
    if not isinstance(entries, dict):
        problem(path, f"'cites: {section}' must map each {what} to a list of clause ids")
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for key, ids in entries.items():
        where: PathKey = (*path, str(key))
        if key not in known:
            problem(where, f"unknown {what} {key!r} in 'cites: {section}' (one of: {', '.join(known)})")
            continue
        if not isinstance(ids, list):
            problem(where, f"'cites: {section}: {key}' must be a list of clause ids of this policy")
            continue
        good: list[str] = []
        entry = f"'cites: {section}: {key}'"
        for i, raw in enumerate(ids):
            if isinstance(raw, float):
                problem((*where, i), f"clause id {raw!r} in {entry} must be quoted text, as clause ids are")
            elif not isinstance(raw, str | int) or isinstance(raw, bool) or not str(raw).strip():
                problem((*where, i), f"every item of {entry} must be a clause id of this policy")
            elif str(raw).strip() not in clause_ids:
                problem((*where, i), f"{entry} names clause {str(raw).strip()!r}, which this policy does not have")
            else:
                good.append(str(raw).strip())
        out[str(key)] = tuple(dict.fromkeys(good))
    return out
