"""Report categories and moderation finding kinds: the product's generic taxonomies, keys and labels only.

Adapters list these in their report forms (Slack modal, Discord modal); the
core stores the key. Which clauses of a charity's policy a category cites is
knowledge, not code: a policy file's ``cites: reports:`` (see
:mod:`bot.citations`). This module imports nothing, so the knowledge loader can
validate category keys without pulling in the case store.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Category:
    key: str
    label: str


CATEGORIES: tuple[Category, ...] = (
    Category("attendee-concern", "Concern about an attendee"),
    Category("cyberbullying", "Cyberbullying or trolling"),
    Category("radicalisation", "Radicalisation or extremism (Prevent duty)"),
    Category("indecent-images", "Indecent images"),
    Category("contact-outside-protocol", "Contact with an attendee outside agreed protocols"),
    Category("other", "Other breach of the policy"),
)

BY_KEY: dict[str, Category] = {c.key: c for c in CATEGORIES}
DEFAULT_CATEGORY = "other"
#: What adapters ask the core to suggest when a report form opens (see ``Core.suggestion``).
CATEGORY_TOPIC = "category"


def category(key: str) -> Category:
    """The category for ``key``; unknown or empty keys fall back to "other" rather than losing a report."""
    return BY_KEY.get(key.strip().lower(), BY_KEY[DEFAULT_CATEGORY])


#: The kinds of detail moderation finds in a post, in the order warnings list them.
FINDING_KINDS: tuple[str, ...] = ("organisation", "attendee", "phone", "email", "address", "image")
