"""Report categories, each tied to the policy clause that makes it a safeguarding matter.

Adapters list these in their report forms (Slack modal, Discord modal); the
core stores the key.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Category:
    key: str
    label: str
    clauses: tuple[str, ...]


CATEGORIES: tuple[Category, ...] = (
    Category("attendee-concern", "Concern about an attendee", ("6.24",)),
    Category("cyberbullying", "Cyberbullying or trolling", ("8.5",)),
    Category("radicalisation", "Radicalisation or extremism (Prevent duty)", ("9.4",)),
    Category("indecent-images", "Indecent images", ("7.1",)),
    Category("contact-outside-protocol", "Contact with an attendee outside agreed protocols", ("6.6", "6.7")),
    Category("other", "Other breach of the policy", ("10.1",)),
)

BY_KEY: dict[str, Category] = {c.key: c for c in CATEGORIES}
DEFAULT_CATEGORY = "other"


def category(key: str) -> Category:
    """The category for ``key``; unknown or empty keys fall back to "other" rather than losing a report."""
    return BY_KEY.get(key.strip().lower(), BY_KEY[DEFAULT_CATEGORY])
