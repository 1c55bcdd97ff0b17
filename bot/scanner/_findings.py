"""What the scanner reports: a kind of detail, where it is, and the policy clauses it concerns.

Which clauses a kind concerns is knowledge (a policy file's ``cites: moderation:``,
see :mod:`bot.citations`), given to the :class:`~bot.scanner.Scanner` when it is built.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.categories import FINDING_KINDS as KINDS
from bot.citations import clause_key

__all__ = ["KINDS", "Finding", "clause_key"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One detail in a post; ``start``/``end`` index the original text (0, 0 for an image)."""

    kind: str
    start: int
    end: int
    clauses: tuple[str, ...]  # cited by the loaded knowledge; () when no policy cites this kind

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "start": self.start, "end": self.end, "clauses": list(self.clauses)}


def clauses_of(findings: list[Finding] | tuple[Finding, ...]) -> tuple[str, ...]:
    """Every clause the findings concern, once each, in policy order."""
    return tuple(sorted({c for f in findings for c in f.clauses}, key=clause_key))


def describe_findings(text: str, findings: list[Finding]) -> str:
    """A few lines for a person at a shell: what would be warned about, where, and why."""
    if not findings:
        return "No findings: this post would not get a warning in a shared channel."
    lines = [f"{len(findings)} finding(s): this post would get a private warning in a shared channel."]
    for f in findings:
        where = "attached" if f.kind == "image" else f"characters {f.start}-{f.end}: {text[f.start : f.end]!r}"
        cited = f"  (policy {', '.join(f.clauses)})" if f.clauses else ""
        lines.append(f"  {f.kind:<12} {where}{cited}")
    return "\n".join(lines)
