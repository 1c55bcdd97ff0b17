"""The scanner: every detector over one post, with the deployment's allow-list applied."""

from __future__ import annotations

import logging
import re

from bot.citations import NO_CITATIONS, Citations
from bot.deployment import Deployment
from bot.scanner._address import find_addresses
from bot.scanner._email import find_emails
from bot.scanner._findings import KINDS, Finding
from bot.scanner._names import NameIndex, find_website, website_host
from bot.scanner._phone import find_phones, parse_phone
from bot.scanner._text import Folded, fold
from bot.scanner._tokens import tokens

log = logging.getLogger(__name__)

_ALNUM = re.compile(r"[\W_]+")
_DIGIT = re.compile(r"\d")
_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)
_CONTACT = frozenset({"phone", "email", "address"})
_KIND_ORDER = {kind: i for i, kind in enumerate(KINDS)}


def _plain(text: str) -> str:
    return _ALNUM.sub("", text.lower())


def _within(start: int, end: int, allowed: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in allowed)


def _nested(spans: set[tuple[str, int, int]]) -> set[tuple[str, int, int]]:
    """Findings inside a larger finding of the same kind (a website inside an organisation's name)."""
    inside: set[tuple[str, int, int]] = set()
    reach: dict[str, int] = {}
    for kind, start, end in sorted(spans, key=lambda f: (f[1], -f[2])):
        if end <= reach.get(kind, -1):
            inside.add((kind, start, end))
        else:
            reach[kind] = end
    return inside


def allow_key(kind: str, value: str) -> str:
    """How a found value is compared with values a Safeguard Lead allowed: a telephone number by its E.164
    form, anything else by its letters and digits folded to lower case, a name without a possessive "'s"
    ("" for a value with none)."""
    if kind == "phone" and (e164 := parse_phone(value)):
        return e164
    if kind not in _CONTACT:
        value = _POSSESSIVE.sub("", value.strip())
    return _plain(fold(value).lower)


def without_allowed(text: str, findings: list[Finding], allowed: set[tuple[str, str]]) -> list[Finding]:
    """``findings`` less those whose value is allowed for its kind (``allowed``: (kind, :func:`allow_key`))."""
    if not allowed:
        return findings
    return [
        f for f in findings if f.kind == "image" or (f.kind, allow_key(f.kind, text[f.start : f.end])) not in allowed
    ]


class Scanner:
    """Finds what a post in a shared channel must not carry. Built once per deployment; ``scan`` is pure.

    ``citations`` (built from the loaded knowledge) give each finding its policy clauses; without them
    findings cite no clause, and what is found is the same.
    """

    def __init__(self, deployment: Deployment, citations: Citations = NO_CITATIONS) -> None:
        self.citations = citations
        org = deployment.organisation
        self._names = NameIndex(org, deployment.attendees)
        self._host = website_host(org.website)
        self._allowed_phones = {e for a in deployment.allow if (e := parse_phone(a))}
        self._allowed_plain = {p for a in deployment.allow if (p := _plain(fold(a).lower))}

    def scan(self, text: str, images: int = 0) -> list[Finding]:
        """Every finding in ``text`` (offsets into ``text``), plus one for images; never raises."""
        try:
            return self._scan(text if isinstance(text, str) else "", images)
        except Exception as exc:  # a detector bug must not take the bot down; the post is not logged
            log.error("scanner failed on a post of %d characters: %s", len(text or ""), type(exc).__name__)
            return [self._finding("image", 0, 0)] if isinstance(images, int) and images > 0 else []

    def _scan(self, text: str, images: int) -> list[Finding]:
        found: list[tuple[str, int, int]] = []
        if text:
            folded = fold(text)
            self._contacts(folded, found)
            allowed = [(s, e) for kind, s, e in found if kind == "allowed"]
            found = [f for f in found if f[0] != "allowed"]
            for hit in self._names.find(folded, tokens(folded)):
                found.append((hit.kind, hit.start, hit.end))
            for start, end in find_website(folded.lower, self._host):
                found.append(("organisation", start, end))
            if allowed:  # the allow-list exempts contact details, not the names of the organisation or a child
                found = [f for f in found if f[0] not in _CONTACT or not self._allowed(folded, f, allowed)]
            spans = {(kind, *folded.span(s, e)) for kind, s, e in found}
            found = sorted(spans - _nested(spans), key=lambda f: (f[1], _KIND_ORDER[f[0]], f[2]))
        findings = [self._finding(kind, s, e) for kind, s, e in found]
        if images > 0:
            findings.append(self._finding("image", 0, 0))
        return findings

    def _finding(self, kind: str, start: int, end: int) -> Finding:
        return Finding(kind, start, end, self.citations.for_kind(kind))

    def _contacts(self, folded: Folded, found: list[tuple[str, int, int]]) -> None:
        """Phones, e-mail addresses and postal addresses; allowed ones are marked "allowed"."""
        cased, lower = folded.cased, folded.lower
        has_digit = _DIGIT.search(cased) is not None
        if has_digit:
            for start, end, e164 in find_phones(cased):
                found.append(("allowed" if e164 in self._allowed_phones else "phone", start, end))
        for start, end in find_addresses(cased, has_digit):
            found.append(self._allow("address", lower, start, end))
        for start, end in find_emails(lower):
            found.append(self._allow("email", lower, start, end))

    def _allowed(self, folded: Folded, found: tuple[str, int, int], allowed: list[tuple[int, int]]) -> bool:
        """A contact finding inside an allowed one, or written exactly as an allowed entry."""
        _, start, end = found
        return _within(start, end, allowed) or _plain(folded.lower[start:end]) in self._allowed_plain

    def _allow(self, kind: str, lower: str, start: int, end: int) -> tuple[str, int, int]:
        return ("allowed" if _plain(lower[start:end]) in self._allowed_plain else kind, start, end)

    @staticmethod
    def kinds(findings: list[Finding]) -> list[str]:
        """The kinds found, once each, in the fixed order organisation, attendee, phone, email, address, image."""
        present = {f.kind for f in findings}
        return [kind for kind in KINDS if kind in present]
