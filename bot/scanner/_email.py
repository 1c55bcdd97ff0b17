"""E-mail addresses, including the common spoken-out disguises.

Only the text around each ``@`` is examined (a bounded window), so a long post
costs time in proportion to its ``@`` signs, and an @-mention with nothing
before it ("@sam.jones", "thanks @priya") is not an address. Disguised forms
("jo [at] gmail [dot] com", "jo at gmail dot com") are matched when a spelled
"dot" is followed by a real-looking top-level domain.
"""

from __future__ import annotations

import re

_ADDRESS = re.compile(
    r"[a-z0-9](?:[a-z0-9._%+'\-]{0,63})@[a-z0-9](?:[a-z0-9\-]{0,62})(?:\.[a-z0-9\-]{1,63}){0,6}\.[a-z]{2,24}(?![a-z0-9\-])"
)
_LOCAL_START = re.compile(r"[a-z0-9._%+'\-]{1,64}$")
_DISGUISED = re.compile(
    r"\b[a-z0-9][a-z0-9._%+\-]{0,63}\s*(?:\[at\]|\(at\)|\{at\}|\s+at\s+)\s*[a-z0-9][a-z0-9\-]{0,62}"
    r"(?:\s*(?:\[dot\]|\(dot\)|\{dot\}|\s+dot\s+|\.)\s*[a-z0-9\-]{1,63}){0,4}"
    r"\s*(?:\[dot\]|\(dot\)|\{dot\}|\s+dot\s+)\s*(?:com|net|org|uk|co|io|me|info|edu|gov|ac)\b"
)
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
    if " dot " in lower or "[dot]" in lower or "(dot)" in lower or "{dot}" in lower:
        spans.extend(m.span() for m in _DISGUISED.finditer(lower) if not _inside(m.span(), spans))
    return spans


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)
