"""Cards as Block Kit: a header, the text, the clause quoted, related clauses, a footer.

Slack caps a section's text at 3,000 characters and a message at 50 blocks, so
long text is split at line ends rather than cut mid-word where possible.
https://api.slack.com/reference/block-kit/blocks
"""

from __future__ import annotations

from typing import Any

from adapters.slack.text import escape
from bot.actions import Card

SECTION_LIMIT = 3000
HEADER_LIMIT = 150
FIELD_LIMIT = 2000
MAX_BLOCKS = 50
MAX_FIELDS = 10
MAX_BUTTONS = 25  # elements of one actions block
BUTTON_TEXT_LIMIT = 75
#: A button's action_id: "cmd:<command>:<n>"; pressing it is that command with the button's value as its text.
BUTTON_PREFIX = "cmd:"
PROMPT_PREFIX = "cmdp:"  # the same for a button that asks for text first (adapters.slack.prompt)


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


def card_blocks(card: Card) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    if card.title:
        title = card.title if len(card.title) <= HEADER_LIMIT else card.title[: HEADER_LIMIT - 1] + "…"
        blocks.append({"type": "header", "text": {"type": "plain_text", "text": title, "emoji": True}})
    blocks.extend(_section(piece) for piece in chunks(escape(card.body)))
    blocks.extend(_section(piece) for piece in chunks(quoted(card.quote)))
    fields = [
        {"type": "mrkdwn", "text": f"*{escape(label)}*\n{escape(value)}"[:FIELD_LIMIT]}
        for label, value in card.fields[:MAX_FIELDS]
    ]
    if fields:
        blocks.append({"type": "section", "fields": fields})
    if card.footer:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": escape(card.footer)[:FIELD_LIMIT]}]})
    actions = button_block(card)
    if len(blocks) + bool(actions) > MAX_BLOCKS:
        blocks = [
            *blocks[: MAX_BLOCKS - 1 - bool(actions)],
            _section("_(shortened: the full text is in the message's plain text)_"),
        ]
    return [*blocks, *actions]


def button_block(card: Card) -> list[dict[str, Any]]:
    """The card's buttons as one actions block (none without buttons); each press arrives as a block action."""
    elements = []
    for index, button in enumerate(card.buttons[:MAX_BUTTONS]):
        element: dict[str, Any] = {
            "type": "button",
            "text": {"type": "plain_text", "text": button.label[:BUTTON_TEXT_LIMIT], "emoji": True},
            "action_id": f"{PROMPT_PREFIX if button.prompt else BUTTON_PREFIX}{button.command}:{index}",
            "value": button.text or "-",
        }
        if button.style in {"primary", "danger"}:
            element["style"] = button.style
        elements.append(element)
    return [{"type": "actions", "elements": elements}] if elements else []
