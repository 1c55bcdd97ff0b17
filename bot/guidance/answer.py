"""Turn matches into what a person reads: an :class:`AnswerCard`, its chat card and its plain text.

An answer opens with one plain line saying what to do: the clause's curated ``summary`` (marked as a
summary), or else its own first sentence. Then the clause's number and title, then the clause quoted
verbatim (secondary where the platform can show it so), then a runner-up only when it scores close to the
best. A question about people ("who is the DSL?") is answered from the deployment: names, phone and how to
report, beside the clause that says whom to tell. When nothing matches it says so and never invents an
answer. A policy whose review date has passed says so, when the caller asks for the note (once a day).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from bot.actions import Card
from bot.deployment import Deployment
from bot.guidance.library import Library
from bot.guidance.model import Clause, Match, Policy
from bot.guidance.people import Contact, PeopleQuestion, asks_about_people, contacts

RELATED = 2  # close runners-up shown under an answer
CLOSE = 0.9  # a next-best match is shown only when it scores at least this share of the best
EXCERPT = 140  # characters of a related clause's text
ONE_LINE = 120  # an answer's first line, marker included, is at most this long: one line of chat
SUMMARY_MARK = "In short"  # marks a curated summary: the policy's meaning in plain words, not its text
FIRST_SENTENCE_MARK = "The policy says"  # marks a clause's own first sentence, when it has no summary
CONCERN = "To raise a concern, use /report or speak to your Safeguard Lead."
HOW_TO_REPORT = "Use /report and say what happened: it goes privately to the Safeguard Lead(s) and is kept."
SHARED_NOTE = "Their phone and e-mail are not shown where outsiders can read: ask with /policy or in a direct message."
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)”\"'])[.!?](?=\s+[A-Z“\"(]|\s*$)")


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """The start of ``text`` on one line, cut at a word boundary."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def first_sentence(text: str) -> str:
    """The clause's first sentence, on one line (the whole text when it has no full stop)."""
    flat = " ".join(text.split())
    end = _SENTENCE_END.search(flat)
    return flat[: end.end()] if end else flat


def review_note(policy: Policy, today: date) -> str:
    """A short note when ``policy`` is past its review date; empty otherwise."""
    if not policy.review_overdue(today):
        return ""
    return (
        f"Note: the {policy.title}'s review date ({policy.review}) has passed, "
        "so check with your Safeguard Lead that this is still current."
    )


@dataclass(frozen=True, slots=True)
class Related:
    """A runner-up clause scoring close to the best: the asker may have meant it."""

    policy: str
    clause: str
    label: str  # "Also close: 6.8", or with another policy's title
    excerpt: str


@dataclass(frozen=True, slots=True)
class AnswerCard:
    """Everything an answer says, in reading order, before any platform renders it.

    ``outcome`` is ``"clause"`` (a clause answers), ``"people"`` (the deployment's Safeguard Leads answer,
    beside the clause on whom to tell when there is one) or ``"not-covered"``. ``policy`` and ``clause`` name
    the clause shown ("" when none), so feedback and hand-off can refer to it. :meth:`card` is the chat card
    and :meth:`text` its complete plain text; both are built from these fields only.
    """

    outcome: str
    first_line: str  # the plain line without its mark: the summary, the first sentence, or the leads
    mark: str = ""  # SUMMARY_MARK, FIRST_SENTENCE_MARK, or "" (the deployment's facts, the not-covered title)
    title: str = ""  # "6.9 · Responsibilities when using social media"
    citation: str = ""  # "Social Media Policy, clause 6.9; see also 6.7, 6.8."
    quote: str = ""  # the clause verbatim
    related: tuple[Related, ...] = ()
    contacts: tuple[Contact, ...] = ()
    contacts_private: bool = True  # False in a channel outsiders can read: names and titles only
    body: str = ""  # the not-covered explanation
    notes: tuple[str, ...] = ()  # the passed review date, when the caller wants it noted
    footer: str = CONCERN
    policy: str = ""
    clause: str = ""
    colour: str = "info"

    @property
    def opening(self) -> str:
        """The first line as a person reads it, with its mark: one line of chat."""
        return f"{self.mark}: {self.first_line}" if self.mark else self.first_line

    def fields(self) -> tuple[tuple[str, str], ...]:
        related = tuple((r.label, r.excerpt) for r in self.related)
        if not self.contacts:
            return related
        people = tuple(
            (f"{c.name} (deputy)" if c.deputy and not c.titles else c.name, c.details(private=self.contacts_private))
            for c in self.contacts
        )
        report = HOW_TO_REPORT if self.contacts_private else f"{HOW_TO_REPORT} {SHARED_NOTE}"
        return (*related, *people, ("How to report", report))

    def card(self) -> Card:
        """The chat card: the first line as its summary, the clause under its title, the rest as fields."""
        if self.outcome == "not-covered":
            return Card(title=self.first_line, body=self.body, footer=self._footer(), colour=self.colour)
        return Card(
            title=self.title,
            body=self.citation,
            quote=self.quote,
            fields=self.fields(),
            footer=self._footer(),
            colour=self.colour,
            summary=self.first_line,
            summary_label=self.mark,
        )

    def text(self) -> str:
        """The complete plain text, in the card's order, for the console, notifications and the command line."""
        return card_text(self.card())

    def _footer(self) -> str:
        return " ".join(part for part in (self.footer, *self.notes) if part)


def opening_line(clause: Clause) -> tuple[str, str]:
    """(mark, line) opening an answer with ``clause``: its summary, or its own first sentence cut to one line."""
    if clause.summary:
        return SUMMARY_MARK, clause.summary
    room = ONE_LINE - len(FIRST_SENTENCE_MARK) - 2
    return FIRST_SENTENCE_MARK, excerpt(first_sentence(clause.text), room)


def _citation(library: Library, clause: Clause) -> str:
    see_also = ", ".join(clause.see_also)
    policy = library.policy(clause.policy).title
    return f"{policy}, clause {clause.id}" + (f"; see also {see_also}." if see_also else ".")


def _notes(library: Library, clause: Clause | None, today: date, review: bool) -> tuple[str, ...]:
    note = review_note(library.policy(clause.policy), today) if review and clause else ""
    return (note,) if note else ()


def answer_card(library: Library, matches: list[Match], today: date, *, review: bool = True) -> AnswerCard:
    """The answer for the best match, with close runners-up; ``matches`` must not be empty."""
    best = library.clause(matches[0].policy, matches[0].clause)
    mark, line = opening_line(best)
    return AnswerCard(
        outcome="clause",
        first_line=line,
        mark=mark,
        title=best.heading,
        citation=_citation(library, best),
        quote=best.text,
        related=tuple(
            Related(c.policy, c.id, _label(library, best, c), excerpt(c.text))
            for c in related_clauses(library, matches)
        ),
        notes=_notes(library, best, today, review),
        policy=best.policy,
        clause=best.id,
    )


def related_clauses(library: Library, matches: list[Match]) -> list[Clause]:
    """Up to two runners-up scoring close to the best: likely what the asker meant too.

    A weaker runner-up is only loosely related and would lengthen the answer; the clause's curated
    ``see_also`` are named in its citation line instead.
    """
    best = matches[0]
    close = [m for m in matches[1:] if m.score >= CLOSE * best.score][:RELATED]
    return [library.clause(m.policy, m.clause) for m in close]


def _label(library: Library, best: Clause, clause: Clause) -> str:
    if clause.policy == best.policy:
        return f"Also close: {clause.id}"
    return f"Also close: {library.policy(clause.policy).title} {clause.id}"


def whom_to_tell(library: Library) -> Clause | None:
    """The policies' first clause, in printed order, that says whom to tell (``kind: report``)."""
    return next((c for p in library.policies for c in p.clauses if c.kind == "report"), None)


def leads_line(people: tuple[Contact, ...], asked: PeopleQuestion, *, private: bool) -> str:
    """The first line of a people answer: who the lead (or deputy) is, and how to reach them, on one line."""
    deputies = [c for c in people if c.deputy]
    shown = deputies if asked.deputy and deputies else list(people)

    def who(c: Contact) -> str:
        return f"{c.name} ({c.phone})" if private and c.phone else c.name

    role = "deputy Safeguard Lead" if asked.deputy and deputies else "Safeguard Lead"
    names = [who(c) for c in shown]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    verb = "is" if len(names) == 1 else "are"
    lead = f"Your {role}{'' if len(names) == 1 else 's'} {verb} {listed}."
    if asked.deputy and not deputies:
        lead = f"No deputy is named; {lead[0].lower()}{lead[1:]}"
    line = f"{lead} Use /report to tell them about a concern."
    if len(line) > ONE_LINE:
        line = (
            f"{lead} Details below."
            if len(lead) + 15 <= ONE_LINE
            else f"You have {len(people)} Safeguard Leads: details below."
        )
    return line


def people_card(
    library: Library,
    deployment: Deployment,
    asked: PeopleQuestion,
    matches: list[Match],
    today: date,
    *,
    review: bool = True,
    private: bool = True,
) -> AnswerCard:
    """An answer about people: the leads from the deployment, beside the clause that says whom to tell.

    A question with a topic besides people keeps its best clause first (``matches`` must not be empty then)
    and gets the leads beside it; one about people alone opens with the leads, beside the policies' general
    whom-to-tell clause.
    """
    people = contacts(deployment)
    if not asked.pure:
        base = answer_card(library, matches, today, review=review)
        return _with(base, people, private)
    clause = whom_to_tell(library)
    line = leads_line(people, asked, private=private)
    if clause is None:
        base = AnswerCard(outcome="people", first_line=line)
    else:
        base = AnswerCard(
            outcome="people",
            first_line=line,
            title=clause.heading,
            citation=f"What the policy says about whom to tell: {_citation(library, clause)}",
            quote=clause.text,
            notes=_notes(library, clause, today, review),
            policy=clause.policy,
            clause=clause.id,
        )
    return _with(base, people, private)


def _with(base: AnswerCard, people: tuple[Contact, ...], private: bool) -> AnswerCard:
    return replace(base, contacts=people, contacts_private=private, footer="")  # "How to report" says it


def not_covered_card(library: Library) -> AnswerCard:
    """What the bot says when no clause answers the question: plainly, with a way forward."""
    titles = " or ".join(p.title for p in library.policies) or "our policies"
    return AnswerCard(
        outcome="not-covered",
        first_line="Not covered by the policy",
        body=(
            f"I couldn't find anything in the {titles} that covers this, so I won't guess. "
            "Try asking again in other words (who is involved, which app or device, what you want to do), "
            "or ask your Safeguard Lead."
        ),
        colour="warning",
    )


def card_text(card: Card) -> str:
    """A complete plain-text rendering of ``card``, for adapters and the command line: the summary first."""
    parts = []
    if card.summary:
        parts.append(f"{card.summary_label}: {card.summary}" if card.summary_label else card.summary)
    head = "\n".join(p for p in (card.title, card.body) if p)
    if head:
        parts.append(head)
    if card.quote:
        parts.append("\n".join("> " + line if line else ">" for line in card.quote.splitlines()))
    if card.fields:
        parts.append("\n".join(f"• {label}: {value}" for label, value in card.fields))
    if card.footer:
        parts.append(card.footer)
    if card.buttons:  # where a platform shows buttons it shows these; elsewhere (the console) they are typed
        parts.append(" · ".join(f"{b.label}: {b.typed}" for b in card.buttons))
    return "\n\n".join(parts)


@dataclass(frozen=True, slots=True)
class Asked:
    """Who asks and where, as far as the answer cares: whether to note the review date, whether contact
    details may be shown (not in a channel outsiders can read)."""

    review: bool = True
    private: bool = True
    deployment: Deployment | None = field(default=None, compare=False)


def answer(library: Library, question: str, today: date, asked: Asked | None = None) -> AnswerCard:
    """The answer to ``question``: the best clause, the deployment's leads for a question about people, or
    a plain "not covered"."""
    asked = asked or Asked()
    matches = library.match(question)
    people = asks_about_people(question, asked.deployment) if asked.deployment is not None else None
    if asked.deployment is not None and people is not None and (people.pure or matches):
        return people_card(
            library, asked.deployment, people, matches, today, review=asked.review, private=asked.private
        )
    if not matches:
        return not_covered_card(library)
    return answer_card(library, matches, today, review=asked.review)


def render_answer_text(
    library: Library, question: str, today: date | None = None, deployment: Deployment | None = None
) -> str:
    """The plain-text answer for a person (used by ``python -m bot ask``)."""
    return answer(library, question, today or date.today(), Asked(deployment=deployment)).text()
