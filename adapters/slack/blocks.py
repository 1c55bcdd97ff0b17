"""Cards as Block Kit: a header, the text, the clause quoted, related clauses, a footer.

A card with a summary (a policy answer) opens with that one line instead of a
header, then the clause's number and title, then the clause itself in a context
block: small and grey, there to check, not to read first.

Slack caps a section's text at 3,000 characters, a context element's at 2,000
(10 elements a block) and a message at 50 blocks, so long text is split at line
ends rather than cut mid-word where possible.
https://api.slack.com/reference/block-kit/blocks
"""

from __future__ import annotations

from typing import Any

from adapters.slack.buttons import button_elements
from adapters.slack.text import escape
from bot.actions import Card

SECTION_LIMIT = 3000
HEADER_LIMIT = 150
FIELD_LIMIT = 2000
MAX_BLOCKS = 50
MAX_FIELDS = 10
MAX_ELEMENTS = 10  # of a context block


def chunks(text: str, limit: int = SECTION_LIMIT) -> list[str]:
    """Split ``text`` into pieces of at most ``limit`` characters, preferring line breaks."""
    out: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        if cut <= 0:
            cut = limit
        out.append(text[:cut])
        text = text[cut:].lstrip("\n")
    if text:
        out.append(text)
    return out


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def quoted(text: str) -> str:
    """Every line prefixed with ``>``: Slack shows it as a block quote."""
    return "\n".join(f">{escape(line)}" if line.strip() else ">" for line in text.splitlines())


def _context(pieces: list[str]) -> list[dict[str, Any]]:
    """Context blocks holding ``pieces`` (each at most FIELD_LIMIT), ten elements a block."""
    elements = [{"type": "mrkdwn", "text": piece} for piece in pieces]
    return [
        {"type": "context", "elements": elements[i : i + MAX_ELEMENTS]} for i in range(0, len(elements), MAX_ELEMENTS)
    ]


def _summary_blocks(card: Card) -> list[dict[str, Any]]:
    """The short answer first, then the clause's number and title, then the clause as secondary text."""
    mark = f"*{escape(card.summary_label)}:* " if card.summary_label else ""
    blocks = [_section(piece) for piece in chunks(mark + escape(card.summary))]
    head = "\n".join(p for p in (f"*{escape(card.title)}*" if card.title else "", escape(card.body)) if p)
    blocks.extend(_section(piece) for piece in chunks(head))
    if card.quote.strip():
        blocks.extend(_context(chunks(quoted(card.quote), FIELD_LIMIT)))
    return blocks


def card_blocks(card: Card) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    if card.summary:
        blocks.extend(_summary_blocks(card))
    else:
        if card.title:
            title = card.title if len(card.title) <= HEADER_LIMIT else card.title[: HEADER_LIMIT - 1] + "…"
            blocks.append({"type": "header", "text": {"type": "plain_text", "text": title, "emoji": True}})
        blocks.extend(_section(piece) for piece in chunks(escape(card.body)))
        blocks.extend(_section(piece) for piece in chunks(quoted(card.quote)))
    fields = [
        {"type": "mrkdwn", "text": f"*{escape(label)}*\n{escape(value)}"[:FIELD_LIMIT]} for label, value in card.fields
    ]
    # A section holds ten fields; a case with its conversation has more, so they go in as many sections as needed.
    blocks.extend({"type": "section", "fields": fields[i : i + MAX_FIELDS]} for i in range(0, len(fields), MAX_FIELDS))
    if card.footer:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": escape(card.footer)[:FIELD_LIMIT]}]})
    buttons = {"type": "actions", "elements": button_elements(card.buttons)} if card.buttons else None
    room = MAX_BLOCKS - (1 if buttons else 0)
    if len(blocks) > room:
        blocks = [*blocks[: room - 1], _section("_(shortened: the full text is in the message's plain text)_")]
    if buttons and buttons["elements"]:
        blocks.append(buttons)
    return blocks
