"""Core actions to Discord message parts (content chunks, embeds): pure, testable without a client.

Discord's limits (2,000 characters of content; embed title 256, description
4,096, 25 fields of 1,024, 6,000 in all) are applied here, so a long answer is
split or shortened rather than rejected by the API.
"""

from __future__ import annotations

import discord

from bot.actions import Card

CONTENT_LIMIT = 2000
#: A button's custom_id: "cmd:<command>:<text>" (at most 100 characters); a press is that command with that text.
BUTTON_PREFIX = "cmd:"
PROMPT_PREFIX = "cmdp:"  # the same for a button that asks for text first (a form)
_BUTTON_STYLES = {"primary": discord.ButtonStyle.primary, "danger": discord.ButtonStyle.danger}
_BUTTONS_PER_MESSAGE = 25
_COLOURS = {"info": 0x3B82F6, "warning": 0xF59E0B, "danger": 0xDC2626}
_DEFAULT_COLOUR = 0x6B7280


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def chunks(text: str, limit: int = CONTENT_LIMIT) -> list[str]:
    """``text`` split at line breaks (or hard, for one over-long line) into pieces Discord accepts."""
    pieces: list[str] = []
    current = ""
    for line in text.splitlines(keepends=True):
        while len(line) > limit:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:limit])
            line = line[limit:]
        if len(current) + len(line) > limit:
            pieces.append(current)
            current = ""
        current += line
    if current.strip() or not pieces:
        pieces.append(current)
    return [p.rstrip("\n") or "\u200b" for p in pieces]


def quoted(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.strip().splitlines())


def embed(card: Card) -> discord.Embed:
    """A card as an embed: title (clause number and section), the quoted clause, related clauses, footer."""
    parts = [p for p in (card.body.strip(), quoted(card.quote) if card.quote.strip() else "") if p]
    result = discord.Embed(
        title=_cut(card.title, 256) or None,
        description=_cut("\n\n".join(parts), 4096) or None,
        colour=_COLOURS.get(card.colour, _DEFAULT_COLOUR),
    )
    budget = 6000 - len(result.title or "") - len(result.description or "") - len(card.footer[:2048])
    for name, value in card.fields[:25]:
        name, value = _cut(name, 256) or "\u200b", _cut(value, 1024) or "\u200b"
        if len(name) + len(value) > budget:
            break
        budget -= len(name) + len(value)
        result.add_field(name=name, value=value, inline=False)
    if card.footer:
        result.set_footer(text=_cut(card.footer, 2048))
    return result


def buttons(card: Card | None) -> discord.ui.View | None:
    """The card's buttons as message components, or None. The view is finished before it is sent, so
    discord.py keeps no callback for it: a press arrives as an interaction the adapter turns into a command."""
    if card is None or not card.buttons:
        return None
    view = discord.ui.View(timeout=None)
    for button in card.buttons[:_BUTTONS_PER_MESSAGE]:
        view.add_item(
            discord.ui.Button(
                label=_cut(button.label, 80),
                custom_id=f"{PROMPT_PREFIX if button.prompt else BUTTON_PREFIX}{button.command}:{button.text}"[:100],
                style=_BUTTON_STYLES.get(button.style, discord.ButtonStyle.secondary),
            )
        )
    view.stop()
    return view


def button_command(custom_id: str) -> tuple[str, str, bool] | None:
    """(command, text, asks for text first) a pressed button stands for; None for any other component."""
    for prefix, prompt in ((BUTTON_PREFIX, False), (PROMPT_PREFIX, True)):
        if custom_id.startswith(prefix):
            command, _, text = custom_id[len(prefix) :].partition(":")
            return (command, text, prompt) if command else None
    return None
