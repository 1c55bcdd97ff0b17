"""Citations of replaced legislation, guidance and bodies, found from the data file of UK references.

A citation is one of a reference's ``names`` followed by a year ("Data Protection Act 1998", "KCSIE 2022",
"Keeping Children Safe in Education (September 2022)"), or one of an edition's own ``cited_as`` phrases
("DPA 98"); a body replaced as a whole (the Criminal Records Bureau) needs no year. What was replaced, by
what and when, is all in the data: this module only reads the year after a name.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from bot.audit.findings import Finding
from bot.audit.text import alternation, normal
from bot.audit.vocabulary import Edition, Reference
from bot.guidance.model import Clause, Policy

_MONTH_NAMES = [m for m in (*calendar.month_name, *calendar.month_abbr, "Sept") if m]
_MONTH = "(?:" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\.?"
# What may stand between a name and its year: "(", ",", a month, a day and a month: "(1 September 2022)".
_YEAR_AFTER = re.compile(
    rf"\s*[,(]?\s*(?:(?:\d{{1,2}}\s+)?{_MONTH}\s+)?(?P<year>1[89]\d\d|2[01]\d\d)(?!\d)(?P<close>\s*\))?", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Citation:
    reference: Reference
    written: str  # as the policy writes it, year included
    year: int | None = None
    edition: Edition | None = None


@dataclass(frozen=True, slots=True)
class Replacement:
    """What replaced a cited edition (or body), from the data."""

    by: str
    when: str
    note: str
    severity: str
    latest: Edition | None = None  # the newest edition listed, when it is not the one that replaced the citation


class ReferenceMatcher:
    """Finds every citation of a known reference in a text."""

    def __init__(self, references: tuple[Reference, ...]) -> None:
        self.references = references
        self._names = [re.compile(alternation(r.names), re.IGNORECASE) for r in references]
        self._cited_as = [
            [(e, re.compile(alternation(e.cited_as), re.IGNORECASE)) for e in r.editions if e.cited_as]
            for r in references
        ]

    def citations(self, text: str) -> list[Citation]:
        found: list[Citation] = []
        for reference, names, cited_as in zip(self.references, self._names, self._cited_as, strict=True):
            taken: list[tuple[int, int]] = []
            for edition, pattern in cited_as:
                for m in pattern.finditer(text):
                    taken.append(m.span())
                    found.append(Citation(reference, m.group(), edition.year, edition))
            for m in names.finditer(text):
                if any(start <= m.start() < end for start, end in taken):
                    continue
                after = _YEAR_AFTER.match(text, m.end())
                if after is None:
                    found.append(Citation(reference, m.group()))
                    continue
                year = int(after.group("year"))
                end = after.end() if "(" in text[m.end() : after.start("year")] else after.end("year")
                written = " ".join(text[m.start() : end].split())
                found.append(Citation(reference, written, year, reference.edition(year)))
        return found


def replacement(citation: Citation) -> Replacement | None:
    """What replaced what the citation names, or None when it is current (or the data cannot tell)."""
    ref, edition = citation.reference, citation.edition
    if not ref.editions:
        if ref.replaced_by:
            return Replacement(ref.replaced_by, ref.replaced, ref.note, ref.severity)
        return None
    if citation.year is None:
        return None  # "the Data Protection Act": which one, the policy does not say
    severity = (edition.severity if edition else "") or ref.severity
    later = [e for e in ref.editions if e.year > citation.year] if ref.successive else []
    latest = ref.editions[-1] if later and later[0] is not ref.editions[-1] else None
    if edition is not None and edition.replaced_by:
        return Replacement(edition.replaced_by, edition.replaced, edition.note, severity, latest)
    if later:
        nxt = later[0]
        return Replacement(f"the {nxt.year} edition", nxt.in_force, edition.note if edition else "", severity, latest)
    return None


def _on(when: str) -> str:
    return ("on " if when[:1].isdigit() else "in ") + when


def message(clause: Clause, citation: Citation, found: Replacement) -> str:
    ref = citation.reference
    cited = f"{ref.article} {citation.written}" if ref.article else citation.written
    text = f"Clause {clause.id} cites {cited}, replaced by {found.by}"
    text += f" {_on(found.when)}." if found.when else "."
    if found.latest is not None:
        since = f", in force from {found.latest.in_force}" if found.latest.in_force else ""
        text += f" The latest edition listed in the audit's references is {found.latest.year}{since}."
    if found.note:
        text += f" {found.note}"
    return text + " Update the reference, and check what the change means for the clause."


def reference_findings(policy: Policy, matcher: ReferenceMatcher) -> list[Finding]:
    findings: list[Finding] = []
    for clause in policy.clauses:
        seen: set[tuple[str, str]] = set()
        for citation in matcher.citations(clause.text):
            found = replacement(citation)
            key = (citation.reference.title, normal(citation.written))
            if found is None or key in seen:
                continue
            seen.add(key)
            details = {
                "cited": citation.written,
                "reference": citation.reference.title,
                "edition": citation.year,
                "replaced_by": found.by,
                "replaced": found.when,
                "latest": found.latest.year if found.latest else None,
            }
            findings.append(
                Finding(
                    policy.id,
                    "replaced-reference",
                    found.severity,
                    message(clause, citation, found),
                    (clause.id,),
                    clause.line,
                    details,
                )
            )
    return findings
