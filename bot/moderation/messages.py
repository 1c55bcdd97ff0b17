"""What the author and the Safeguard Lead are told. Never the post's text or any detail taken from it.

The author's warning names the kinds of detail found and the policy clauses
the loaded knowledge cites for them (none, when no policy does), and says what
to do. The lead's alert says who, where, when, what kinds and a link to the
post, so the lead can look at it without the bot copying it around.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.actions import Card
from bot.citations import Citations
from bot.events import Origin
from bot.moderation.records import WarningRecord

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


def _described(kind: str, citations: Citations) -> str:
    """The kind in words, then the clauses cited for it in brackets; just the words when none is cited."""
    cited = citations.phrase(citations.cites_for_kind(kind))
    return f"{DESCRIPTIONS[kind]} ({cited})" if cited else DESCRIPTIONS[kind]


def _policy_field(kinds: Sequence[str], citations: Citations) -> tuple[tuple[str, str], ...]:
    """The card's "Policy" field, or no field when nothing is cited."""
    cited = citations.clauses_text(citations.cites_for_kinds(kinds))
    return (("Policy", cited),) if cited else ()


def warning_card(kinds: Sequence[str], citations: Citations) -> tuple[str, Card]:
    """The private warning for the author of a post carrying ``kinds``: plain text and card."""
    found = [_described(k, citations) for k in kinds]
    advice = [_DO] + ([_PHOTOS] if "image" in kinds else [])
    body = f"{_OUTSIDERS} Your post contains:\n" + "\n".join(f"• {line}" for line in found) + "\n\n" + " ".join(advice)
    title = "Please edit or delete your post"
    policy = _policy_field(kinds, citations)
    card = Card(title=title, body=body, fields=policy, footer=_FOOTER, colour="warning")
    cited = "".join(f"Policy clauses: {value}\n" for _, value in policy)
    return f"{title}\n{body}\n\n{cited}{_FOOTER}", card


def lead_alert_card(
    origin: Origin, kinds: Sequence[str], sent_at: datetime, permalink: str, delivered: bool, citations: Citations
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
        *_policy_field(kinds, citations),
        ("Link", permalink or "(no link available)"),
    )
    title = "Moderation alert: an attendee named with other details in a shared channel"
    body = f"{outcome} The post is not copied here: open the link to see it."
    card = Card(title=title, body=body, fields=fields, colour="danger")
    text = "\n".join([title, *(f"{name}: {value}" for name, value in fields), body])
    return text, card


def recent_warnings(records: Sequence[WarningRecord]) -> str:
    """``/warnings`` for a lead: who was warned where, about what, and whether it reached them; never text."""
    if not records:
        return "No moderation warnings are recorded."
    lines = [f"The {len(records)} most recent moderation warnings (post text is never kept):"]
    for r in records:
        reached = "warning delivered" if r.delivered else "warning NOT delivered"
        lead = ", lead told" if r.lead_notified else ""
        cited = f" (policy {', '.join(r.clauses)})" if r.clauses else ""
        at = r.created_at.strftime("%d %b %Y %H:%M UTC")
        altered = f"; stored with changes to {', '.join(sorted({f for f, _ in r.altered}))}" if r.altered else ""
        lines.append(
            f"{at}  {r.platform} user {r.user_id} in {r.channel_id}: "
            f"{', '.join(r.kinds)}{cited}; {reached}{lead}; {r.permalink or 'no link'}{altered}"
        )
    return "\n".join(lines)
