"""Whom a policy tells staff to go to: the titles it names after a cue ("report to", "agreed with"), grouped.

The titles, the cue phrases, what joins two titles into one person ("the Founder/Director (also Designated
Safeguard Lead)") and what makes a deputy are data (``bot/audit/data/policy-english.yaml``). A cue group
marked ``route`` is where concerns go: several different people there is an inconsistency a reader trips
over, and each of them should be one of the deployment's Safeguard Leads, since that is whom ``/report``
reaches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.audit.findings import Finding, clause_list
from bot.audit.text import alternation, listed, normal, sentences, word_count
from bot.audit.vocabulary import AuditData, RoleTitle
from bot.guidance.model import Policy

INTERNAL = ("safeguard-lead", "staff")  # the kinds that are people in the organisation, routes for concerns
AFTER_GAP_WORDS = 2  # "the DSL must immediately be informed": words allowed between a title and an after-cue


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    role: RoleTitle
    written: str
    deputy: bool = False


@dataclass
class Person:
    """Titles a sentence gives one person: one title, or several joined by "(also ...)"."""

    mentions: list[Mention]

    @property
    def start(self) -> int:
        return self.mentions[0].start

    @property
    def end(self) -> int:
        return self.mentions[-1].end

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(sorted({m.role.name for m in self.mentions}))


@dataclass
class Contact:
    """One person (by their titles) a policy names for one cue group, and where."""

    group: str
    key: tuple[str, ...]
    kind: str
    main: str  # the title as first written
    deputy: str = ""  # how the deputy is written, when the policy names one
    clauses: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    written: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.main} or {self.deputy}" if self.deputy else self.main

    @property
    def internal(self) -> bool:
        return self.kind in INTERNAL

    def as_dict(self) -> dict[str, object]:
        return {
            "group": self.group,
            "name": self.label,
            "roles": list(self.key),
            "kind": self.kind,
            "clauses": list(self.clauses),
            "written": list(self.written),
        }


def _kind(roles: Iterable[RoleTitle]) -> str:
    kinds = {r.kind for r in roles}
    return next((k for k in ("safeguard-lead", "staff", "officer", "governance", "external") if k in kinds), "staff")


class ContactFinder:
    """Finds the titles a text names and the cue each is named after."""

    def __init__(self, data: AuditData) -> None:
        self.data = data
        self.by_exact: dict[str, RoleTitle] = {}
        self.by_text: dict[str, RoleTitle] = {}
        for role in data.roles:
            for phrase in role.exact:
                self.by_exact.setdefault(" ".join(phrase.split()), role)
            for phrase in role.says:
                self.by_text.setdefault(normal(phrase), role)
        deputy = alternation(data.deputy)
        titles = alternation([p for r in data.roles for p in r.says], [p for r in data.roles for p in r.exact])
        self._title = re.compile(rf"(?:(?P<deputy>{deputy})\s+)?(?P<title>{titles})", re.IGNORECASE)
        self._bare_deputy = re.compile(deputy, re.IGNORECASE)
        self._cues = {
            group: (re.compile(alternation(before), re.IGNORECASE), re.compile(alternation(after), re.IGNORECASE))
            for group, (before, after) in data.cues.items()
        }
        self._same = {normal(p) for p in data.same_person}
        self._joins = {normal(p) for p in data.joins}
        self._breaks = {normal(p) for p in data.breaks}

    def role_of(self, written: str) -> RoleTitle | None:
        return self.by_exact.get(" ".join(written.split())) or self.by_text.get(normal(written))

    def roles_in(self, text: str) -> set[str]:
        """The role names a text gives (a lead's ``titles`` in the deployment file)."""
        return {m.role.name for m in self.mentions(text, 0, len(text))}

    def mentions(self, text: str, start: int, end: int) -> list[Mention]:
        found: list[Mention] = []
        for m in self._title.finditer(text, start, end):
            role = self.role_of(m.group("title"))
            if role is None:
                continue
            found.append(Mention(m.start(), m.end(), role, " ".join(m.group().split()), bool(m.group("deputy"))))
        for m in self._bare_deputy.finditer(text, start, end):
            if any(x.start <= m.start() < x.end for x in found):
                continue
            before = [x for x in found if x.end <= m.start()]
            if before:  # "the DSL, or the Deputy": the deputy of the title named just before
                found.append(Mention(m.start(), m.end(), before[-1].role, m.group(), deputy=True))
        return sorted(found, key=lambda x: x.start)

    def people(self, text: str, mentions: list[Mention]) -> list[Person]:
        people: list[Person] = []
        for mention in mentions:
            if people and self._gap_is(text[people[-1].end : mention.start], self._same, same=True):
                people[-1].mentions.append(mention)
            else:
                people.append(Person([mention]))
        return people

    def _gap_is(self, gap: str, phrases: set[str], *, same: bool = False) -> bool:
        words = normal(gap)
        if same:
            words = re.sub(r"\s+the$", "", words)
            return words in phrases
        tokens = re.findall(r"[^\w\s]|\w+", words)
        return all(t in phrases for t in tokens)

    def cued(self, text: str) -> list[tuple[str, Person]]:
        """Every person named after a cue, with the cue's group, sentence by sentence."""
        out: list[tuple[str, Person]] = []
        for start, end in sentences(text):
            people = self.people(text, self.mentions(text, start, end))
            if not people:
                continue
            groups: dict[int, str] = {}
            cues = [
                (m.start(), m.end(), group)
                for group, (before, _) in self._cues.items()
                for m in before.finditer(text, start, end)
            ]
            for i, person in enumerate(people):
                preceding = [c for c in cues if c[1] <= person.start]
                if preceding:
                    _, cue_end, group = max(preceding, key=lambda c: c[1])
                    gap = text[cue_end : person.start]
                    broken = self._breaks & set(re.findall(r"\w+", gap.casefold()))
                    if word_count(gap) <= self.data.window and not broken:
                        groups[i] = group
            for group, (_, after) in self._cues.items():
                for m in after.finditer(text, start, end):
                    self._after(text, people, m.start(), group, groups)
            out.extend((groups[i], person) for i, person in enumerate(people) if i in groups)
        return out

    def _after(self, text: str, people: list[Person], at: int, group: str, groups: dict[int, str]) -> None:
        """An after-cue ("must be informed") reaches the title just before it and every title joined to it."""
        before = [i for i, p in enumerate(people) if p.end <= at]
        if not before or word_count(text[people[before[-1]].end : at]) > AFTER_GAP_WORDS:
            return
        i = before[-1]
        while True:
            groups.setdefault(i, group)
            if i == 0 or not self._gap_is(text[people[i - 1].end : people[i].start], self._joins):
                return
            i -= 1

    def contacts(self, policy: Policy) -> list[Contact]:
        """Every (group, person) the policy names, with the clauses naming it, in the policy's order."""
        found: dict[tuple[str, tuple[str, ...]], Contact] = {}
        for clause in policy.clauses:
            for group, person in self.cued(clause.text):
                contact = found.setdefault(
                    (group, person.key), Contact(group, person.key, _kind(m.role for m in person.mentions), "")
                )
                titles = [m.written for m in person.mentions if not m.deputy]
                if titles and not contact.main:  # as first written: "Founder/Director (also Designated Safeguard Lead)"
                    contact.main = " (also ".join(titles) + ")" * (len(titles) - 1)
                for mention in person.mentions:
                    if mention.deputy and not contact.deputy:
                        contact.deputy = mention.written
                    if mention.written not in contact.written:
                        contact.written.append(mention.written)
                if clause.id not in contact.clauses:
                    contact.clauses.append(clause.id)
                    contact.lines.append(clause.line)
        for contact in found.values():
            contact.main = contact.main or contact.key[0]  # only a deputy was named: "the Deputy DSL"
        return list(found.values())


def _named(contact: Contact) -> str:
    return f"the {contact.label} ({', '.join(contact.clauses)})"


def contact_findings(
    policy: Policy, contacts: list[Contact], data: AuditData, lead_titles: tuple[str, ...] | None, finder: ContactFinder
) -> list[Finding]:
    """Several different people to report concerns to; people to report to who are not Safeguard Leads."""
    findings: list[Finding] = []
    routes = [c for c in contacts if c.group in data.routes and c.internal]
    people = list(dict.fromkeys(c.key for c in routes))
    order = {c.id: i for i, c in enumerate(policy.clauses)}
    if len(people) > 1:
        others = [c for c in contacts if c.internal and c.group not in data.routes and c.key not in people]
        group = routes[0].group
        text = f"The policy names {len(people)} different people to {group}: {listed([_named(c) for c in routes])}."
        if others:
            text += " Elsewhere it names: " + "; ".join(f"{c.group} {_named(c)}" for c in others) + "."
        text += (
            " Staff may not know whom to tell. Name one person for concerns (and who stands in for them), "
            "with the same title throughout."
        )
        involved = sorted({cid for c in [*routes, *others] for cid in c.clauses}, key=lambda cid: order.get(cid, 0))
        groups: dict[str, object] = {"groups": [c.as_dict() for c in contacts]}
        first = min(routes, key=lambda c: order.get(c.clauses[0], 0))
        findings.append(Finding(policy.id, "contacts-differ", "warning", text, tuple(involved), first.lines[0], groups))
    if lead_titles is None:
        return findings
    mapped_roles = {name for title in lead_titles for name in finder.roles_in(title)}
    mapped_text = {normal(t) for t in lead_titles}
    for contact in routes:
        if contact.kind != "staff":
            continue  # a Safeguard Lead by title is whom /report reaches
        if set(contact.key) & mapped_roles or any(normal(w) in mapped_text for w in contact.written):
            continue
        text = (
            f"{clause_list(contact.clauses)} tell{'s' if len(contact.clauses) == 1 else ''} staff to {contact.group} "
            f"the {contact.label}, but no Safeguard Lead in the deployment file has that title, and /report and "
            f'"Report to Safeguard Lead" reach only the Safeguard Leads. If the {contact.main} is one of them, add '
            f"the title to their 'titles:' in the deployment file; if not, say in the policy how the concern "
            "reaches the Safeguard Lead."
        )
        details: dict[str, object] = {"name": contact.label, "roles": list(contact.key), "group": contact.group}
        findings.append(
            Finding(
                policy.id,
                "contact-not-a-lead",
                "warning",
                text,
                tuple(contact.clauses),
                contact.lines[0],
                details,
            )
        )
    return findings


def summary_lines(contacts: list[Contact]) -> list[str]:
    """One line per cue group: each person with the clauses naming them."""
    groups: dict[str, list[Contact]] = {}
    for contact in contacts:
        groups.setdefault(contact.group, []).append(contact)
    return [f"{group}: " + "; ".join(f"{c.label} ({', '.join(c.clauses)})" for c in cs) for group, cs in groups.items()]
