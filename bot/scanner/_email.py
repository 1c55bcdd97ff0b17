"""E-mail addresses, including the common spoken-out disguises.

Only the text around each ``@`` is examined (a bounded window), so a long post
costs time in proportion to its ``@`` signs, and an @-mention with nothing
before it ("@sam.jones", "thanks @priya") is not an address. Disguised forms
("jo [at] gmail [dot] com", "jo(at)gmail.com", "jo at gmail dot com") are
matched when the "at" or a "dot" is spelled out and the address ends in a
real-looking top-level domain; "look at forms.example.com" is not an address.
"""

from __future__ import annotations

import re

_ADDRESS = re.compile(
    r"[a-z0-9](?:[a-z0-9._%+'\-]{0,63})@[a-z0-9](?:[a-z0-9\-]{0,62})(?:\.[a-z0-9\-]{1,63}){0,6}\.[a-z]{2,24}(?![a-z0-9\-])"
)
_LOCAL_START = re.compile(r"[a-z0-9._%+'\-]{1,64}$")
_AT = r"(?:\s*[\[({]\s*at\s*[\])}]\s*|\s+at\s+)"
_DOT = r"(?:\s*[\[({]\s*dot\s*[\])}]\s*|\s+dot\s+|\.)"
_DISGUISED = re.compile(
    r"\b[a-z0-9][a-z0-9._%+\-]{0,63}"
    + _AT
    + r"[a-z0-9][a-z0-9\-]{0,62}(?:"
    + _DOT
    + r"[a-z0-9\-]{1,63}){0,3}"
    + _DOT
    + r"(?:com|net|org|uk|co|io|me|info|edu|gov|ac|ie|biz)\b"
)
#: Signs that a match is a disguised address, not "look at forms.example.com".
_SPELLED = re.compile(r"[\[({]\s*(?:at|dot)\s*[\])}]|\sdot\s")
#: "jo @ gmail.com": spaced on both sides (or after), unlike an @-mention ("thanks @sam.jones").
_SPACED = re.compile(r"[a-z0-9][a-z0-9._%+\-]{0,63}\s*@\s+[a-z0-9][a-z0-9\-]{0,62}(?:\s?\.\s?[a-z0-9\-]{1,63}){1,4}\b")
_WINDOW = 330


def find_emails(lower: str) -> list[tuple[int, int]]:
    """Spans of e-mail addresses in lower-cased, folded text."""
    spans: list[tuple[int, int]] = []
    if "@" in lower:
        at = lower.find("@")
        last_end = 0
        while at >= 0:
            lead = _LOCAL_START.search(lower, max(last_end, at - 64), at)
            if lead:
                m = _ADDRESS.match(lower, lead.start(), min(len(lower), at + _WINDOW))
                if m is None:
                    m = _ADDRESS.search(lower, lead.start(), min(len(lower), at + _WINDOW))
                if m and m.start() <= at < m.end():
                    spans.append(m.span())
                    last_end = m.end()
            at = lower.find("@", max(at + 1, last_end))
    if "@ " in lower:
        spans.extend(m.span() for m in _SPACED.finditer(lower) if not _inside(m.span(), spans))
    if _SPELLED.search(lower):
        spans.extend(
            m.span() for m in _DISGUISED.finditer(lower) if _SPELLED.search(m.group()) and not _inside(m.span(), spans)
        )
    return spans


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)
