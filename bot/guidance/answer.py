"""Turn matches into what a person reads: a card and its complete plain-text rendering.

An answer names the clause and its section, quotes the clause verbatim, lists
up to two related clauses, and ends with how to raise a concern. When nothing
matches it says so plainly and never invents an answer. A policy whose review
date has passed says so under the answer, computed from the date, not assumed.
"""

from __future__ import annotations

from datetime import date

from bot.actions import Card
from bot.guidance.library import Library
from bot.guidance.model import Clause, Match, Policy

RELATED = 2  # related clauses shown under an answer
CLOSE = 0.9  # a next-best match is shown as related only when it scores at least this share of the best
EXCERPT = 140  # characters of a related clause's text
CONCERN = "To raise a concern, use /report or speak to your Safeguard Lead."


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """The start of ``text`` on one line, cut at a word boundary."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def review_note(policy: Policy, today: date) -> str:
    """A short note when ``policy`` is past its review date; empty otherwise."""
    if not policy.review_overdue(today):
        return ""
    return (
        f"Note: the {policy.title}'s review date ({policy.review}) has passed, "
        "so check with your Safeguard Lead that this is still current."
    )


def answer_card(library: Library, matches: list[Match], today: date) -> Card:
    """The card for the best match, with up to two related clauses; ``matches`` must not be empty."""
    best = library.clause(matches[0].policy, matches[0].clause)
    policy = library.policy(best.policy)
    related = related_clauses(library, matches)
    footer = " ".join(part for part in (CONCERN, review_note(policy, today)) if part)
    return Card(
        title=best.heading,
        body=f"{policy.title}, section {best.section} ({best.section_title}), clause {best.id}:",
        quote=best.text,
        fields=tuple((_label(library, best, c), excerpt(c.text)) for c in related),
        footer=footer,
        colour="info",
    )


def related_clauses(library: Library, matches: list[Match]) -> list[Clause]:
    """Up to two clauses to read next: close runners-up first, then the best clause's curated ``see_also``.

    A runner-up that scores well is likely what the asker meant too; a weak one is only loosely
    related, so the policy's own neighbours (6.9 -> 6.7, 6.8) are shown instead.
    """
    best = matches[0]
    chosen = [(m.policy, m.clause) for m in matches[1:] if m.score >= CLOSE * best.score][:RELATED]
    for ref in library.clause(best.policy, best.clause).see_also:
        if len(chosen) >= RELATED:
            break
        if (best.policy, ref) not in chosen:
            chosen.append((best.policy, ref))
    return [library.clause(policy, clause) for policy, clause in chosen]


def _label(library: Library, best: Clause, clause: Clause) -> str:
    if clause.policy == best.policy:
        return f"See also {clause.id}"
    return f"See also {library.policy(clause.policy).title} {clause.id}"


def not_covered_card(library: Library) -> Card:
    """What the bot says when no clause answers the question: plainly, with a way forward."""
    titles = " or ".join(p.title for p in library.policies) or "our policies"
    return Card(
        title="Not covered by the policy",
        body=(
            f"I couldn't find anything in the {titles} that covers this, so I won't guess. "
            "Try asking again in other words (who is involved, which app or device, what you want to do), "
            "or ask your Safeguard Lead."
        ),
        footer=CONCERN,
        colour="warning",
    )


def card_text(card: Card) -> str:
    """A complete plain-text rendering of ``card``, for adapters and the command line."""
    parts = [card.title]
    if card.body:
        parts.append(card.body)
    if card.quote:
        parts.append("\n".join("> " + line if line else ">" for line in card.quote.splitlines()))
    if card.fields:
        parts.append("Related:\n" + "\n".join(f"• {label}: {value}" for label, value in card.fields))
    if card.footer:
        parts.append(card.footer)
    if card.buttons:  # where a platform shows buttons it shows these; elsewhere (the console) they are typed
        parts.append(" · ".join(f"{b.label}: {b.typed}" for b in card.buttons))
    return "\n\n".join(parts)


def answer(library: Library, question: str, today: date) -> Card:
    """The card answering ``question``: the best clause, or a plain "not covered"."""
    matches = library.match(question)
    return answer_card(library, matches, today) if matches else not_covered_card(library)


def render_answer_text(library: Library, question: str, today: date | None = None) -> str:
    """The plain-text answer for a person (used by ``python -m bot ask``)."""
    return card_text(answer(library, question, today or date.today()))
