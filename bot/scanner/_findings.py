"""What the scanner reports: a kind of detail, where it is, and the policy clauses it concerns."""

from __future__ import annotations

from dataclasses import dataclass

#: The kinds in the order warnings list them.
KINDS = ("organisation", "attendee", "phone", "email", "address", "image")

#: Policy clauses each kind of finding concerns (social media policy numbering).
CLAUSES: dict[str, tuple[str, ...]] = {
    "organisation": ("6.15",),
    "attendee": ("6.4", "6.5", "6.18"),
    "phone": ("5.1", "6.1"),
    "email": ("5.1", "6.1"),
    "address": ("5.1",),
    "image": ("6.14",),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One detail in a post; ``start``/``end`` index the original text (0, 0 for an image)."""

    kind: str
    start: int
    end: int
    clauses: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "start": self.start, "end": self.end, "clauses": list(self.clauses)}


def clause_key(clause: str) -> tuple[int, ...]:
    """Sort "6.14" after "6.4" (numeric, not alphabetical)."""
    return tuple(int(part) if part.isdigit() else 0 for part in clause.split("."))


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
        lines.append(f"  {f.kind:<12} {where}  (policy {', '.join(f.clauses)})")
    return "\n".join(lines)
