"""A question as it may be kept: the scanner's findings about people (names, phone numbers, e-mail
addresses, postal addresses) replaced by what kind of detail was there.

A handed-off or marked question is stored only in this form, and a taught phrasing loses the
placeholders too, so the knowledge learns how people ask, never about whom.
"""

from __future__ import annotations

import re

from bot.scanner import Scanner

#: What each removed finding becomes in the stored text; the organisation's own name is kept (it is no person).
PLACEHOLDERS = {"attendee": "[name]", "phone": "[phone number]", "email": "[e-mail]", "address": "[address]"}
_PLACEHOLDER = re.compile(r"\[(?:" + "|".join(re.escape(p[1:-1]) for p in PLACEHOLDERS.values()) + r")\]")


def scrub(scanner: Scanner, text: str) -> str:
    """``text`` with every name, phone number, e-mail and postal address the scanner finds replaced."""
    spans = sorted(
        ((f.start, f.end, PLACEHOLDERS[f.kind]) for f in scanner.scan(text, 0) if f.kind in PLACEHOLDERS),
        reverse=True,
    )
    kept_from = len(text)
    for start, end, placeholder in spans:
        if end > kept_from:  # overlapping findings: the outer one has replaced this part already
            continue
        text = text[:start] + placeholder + text[end:]
        kept_from = start
    return " ".join(text.split())


def phrasing(scrubbed: str) -> str:
    """A scrubbed question as a phrasing of a clause: without the placeholders, which say nothing about the topic."""
    return " ".join(_PLACEHOLDER.sub(" ", scrubbed).split())
