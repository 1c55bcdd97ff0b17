"""What the author and the Safeguard Lead are told. Never the post's text or any detail taken from it.

The author's warning names the kinds of detail found and the policy clauses,
and says what to do. The lead's alert says who, where, when, what kinds and a
link to the post, so the lead can look at it without the bot copying it around.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.actions import Card
from bot.events import Origin
from bot.scanner import CLAUSES
from bot.scanner._findings import clause_key

#: How each kind of finding is described to the author (never the detail itself).
DESCRIPTIONS = {
    "organisation": "the name of the organisation or one of its venues",
    "attendee": "the name of a child or young person who attends",
    "phone": "a telephone number",
    "email": "an e-mail address",
    "address": "a home or street address or a postcode",
    "image": "a photo or other image",
}

_OUTSIDERS = "People outside the organisation can read this channel."
_DO = "Please edit the post to take these details out, or delete it."
_PHOTOS = (
    "Photos and images need permission before they are published, and belong only on the organisation's "
    "official page: remove the image from this post."
)
_FOOTER = "Only you can see this message. A record of this warning (not your post) goes to the Safeguard Lead."


def _clauses(kinds: Sequence[str]) -> str:
    return ", ".join(sorted({c for k in kinds for c in CLAUSES[k]}, key=clause_key))


def warning_card(kinds: Sequence[str]) -> tuple[str, Card]:
    """The private warning for the author of a post carrying ``kinds``: plain text and card."""
    found = [f"{DESCRIPTIONS[k]} (policy {', '.join(CLAUSES[k])})" for k in kinds]
    advice = [_DO] + ([_PHOTOS] if "image" in kinds else [])
    body = f"{_OUTSIDERS} Your post contains:\n" + "\n".join(f"• {line}" for line in found) + "\n\n" + " ".join(advice)
    title = "Please edit or delete your post"
    card = Card(
        title=title,
        body=body,
        fields=(("Policy", _clauses(kinds)),),
        footer=_FOOTER,
        colour="warning",
    )
    return f"{title}\n{body}\n\nPolicy clauses: {_clauses(kinds)}\n{_FOOTER}", card


def lead_alert_card(
    origin: Origin, kinds: Sequence[str], sent_at: datetime, permalink: str, delivered: bool
) -> tuple[str, Card]:
    """The Safeguard Lead's alert about a post naming an attendee with other details: no text from the post."""
    who = f"{origin.user_name} ({origin.user_id})" if origin.user_name else origin.user_id
    where = f"#{origin.channel_name} ({origin.channel_id})" if origin.channel_name else origin.channel_id
    outcome = (
        "The author has been warned privately."
        if delivered
        else "The private warning could NOT be delivered to the author (their direct messages may be closed)."
    )
    fields = (
        ("Who", f"{who} on {origin.platform}"),
        ("Where", where),
        ("When", sent_at.strftime("%Y-%m-%d %H:%M %Z").strip()),
        ("Found", ", ".join(kinds)),
        ("Policy", _clauses(kinds)),
        ("Link", permalink or "(no link available)"),
    )
    title = "Moderation alert: an attendee named with other details in a shared channel"
    body = f"{outcome} The post is not copied here: open the link to see it."
    card = Card(title=title, body=body, fields=fields, colour="danger")
    text = "\n".join([title, *(f"{name}: {value}" for name, value in fields), body])
    return text, card
