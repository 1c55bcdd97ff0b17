"""Core actions to Discord message parts (content chunks, embeds): pure, testable without a client.

Discord's limits (2,000 characters of content; embed title 256, description
4,096, 25 fields of 1,024, 6,000 in all) are applied here, so a long answer is
split or shortened rather than rejected by the API.
"""

from __future__ import annotations

import discord

from bot.actions import Button, Card

CONTENT_LIMIT = 2000
FIELD_LIMIT = 1024
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


def field_pieces(text: str, limit: int = FIELD_LIMIT) -> list[str]:
    """``text`` in pieces an embed field takes, split at line ends (or hard, for one over-long line)."""
    return [p for p in chunks(text, limit) if p.strip("\u200b")]


def _summary_embed(card: Card) -> tuple[discord.Embed, list[tuple[str, str]]]:
    """The short answer as the description; the clause's number and title over the quoted clause as fields."""
    mark = f"**{card.summary_label}:** " if card.summary_label else ""
    result = discord.Embed(
        description=_cut(mark + card.summary, 4096), colour=_COLOURS.get(card.colour, _DEFAULT_COLOUR)
    )
    clause = "\n".join(p for p in (card.body.strip(), quoted(card.quote) if card.quote.strip() else "") if p)
    pieces = field_pieces(clause) or ["\u200b"]
    fields = (
        [(card.title if i == 0 else "\u200b", piece) for i, piece in enumerate(pieces)] if card.title or clause else []
    )
    return result, fields


def embed(card: Card) -> discord.Embed:
    """A card as an embed: title (clause number and section), the quoted clause, related clauses, footer.

    A card with a summary (a policy answer) opens with that line; the clause follows in an embed field.
    """
    if card.summary:
        result, fields = _summary_embed(card)
    else:
        parts = [p for p in (card.body.strip(), quoted(card.quote) if card.quote.strip() else "") if p]
        result = discord.Embed(
            title=_cut(card.title, 256) or None,
            description=_cut("\n\n".join(parts), 4096) or None,
            colour=_COLOURS.get(card.colour, _DEFAULT_COLOUR),
        )
        fields = []
    budget = 6000 - len(result.title or "") - len(result.description or "") - len(card.footer[:2048])
    for name, value in [*fields, *card.fields][:25]:
        name, value = _cut(name, 256) or "\u200b", _cut(value, 1024) or "\u200b"
        if len(name) + len(value) > budget:
            break
        budget -= len(name) + len(value)
        result.add_field(name=name, value=value, inline=False)
    if card.footer:
        result.set_footer(text=_cut(card.footer, 2048))
    return result


#: A button's custom_id: ``cmd|command|args|prompt``, at most 100 characters; what it runs, never what anyone wrote.
BUTTON_PREFIX = "cmd|"
CUSTOM_ID_LIMIT = 100
PROMPT_LIMIT = 45  # a modal text input's label


def custom_id(button: Button) -> str:
    return f"{BUTTON_PREFIX}{button.command}|{button.args}|{button.prompt[:PROMPT_LIMIT]}"[:CUSTOM_ID_LIMIT]


def parse_custom_id(value: str) -> tuple[str, str, str] | None:
    """(command, args, prompt) of a button the bot sent; None for any other component."""
    if not value.startswith(BUTTON_PREFIX):
        return None
    command, _, rest = value[len(BUTTON_PREFIX) :].partition("|")
    args, _, prompt = rest.partition("|")
    return (command, args, prompt) if command else None


_STYLES = {
    "primary": discord.ButtonStyle.primary,
    "danger": discord.ButtonStyle.danger,
    "": discord.ButtonStyle.secondary,
}


def buttons_view(card: Card | None) -> discord.ui.View | None:
    """The card's buttons as message components; clicks reach the adapter's ``on_interaction``, not this view."""
    if card is None or not card.buttons:
        return None
    view = discord.ui.View(timeout=None)
    for button in card.buttons[:5]:
        view.add_item(
            discord.ui.Button(
                label=button.label[:80],
                custom_id=custom_id(button),
                style=_STYLES.get(button.style, discord.ButtonStyle.primary),
            )
        )
    return view
