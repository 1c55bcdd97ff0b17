"""Slack's message markup, turned into the plain text the core reads, and back.

Slack stores ``<mailto:a@b.org|a@b.org>``, ``<tel:...|...>``, ``<@U123>`` and
HTML entities in message text. The scanner must see the e-mail address and the
phone number the author typed, so links are reduced to the text the reader saw.
See https://api.slack.com/reference/surfaces/formatting#retrieving-messages
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

_MARKUP = re.compile(r"<([^<>]*)>")


def _token(inner: str) -> str:
    target, _, label = inner.partition("|")
    if target.startswith("@"):  # <@U123> or <@U123|name>
        return "@" + (label or target[1:])
    if target.startswith("#"):  # <#C123|general>
        return "#" + (label or target[1:])
    if target.startswith("!"):  # <!here>, <!subteam^S1|@team>, <!date^...|fallback>
        if label:
            return label
        return "@" + target[1:].split("^", 1)[0]
    if label:
        return label
    for scheme in ("mailto:", "tel:"):
        if target.startswith(scheme):
            return target[len(scheme) :]
    return target


def plain_text(text: str) -> str:
    """Slack markup to what the reader saw: links by their label, mentions by name, entities decoded."""
    if not text:
        return ""
    out = _MARKUP.sub(lambda m: _token(m.group(1)), text)
    return out.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def strip_mention(text: str, user_id: str) -> str:
    """Remove the bot's own mention, so ``@Safeguard can I ...`` reads as the question."""
    if user_id:
        text = re.sub(rf"<@{re.escape(user_id)}(\|[^>]*)?>", " ", text)
    return " ".join(text.split())


def escape(text: str) -> str:
    """Make text safe inside mrkdwn: Slack reads ``&``, ``<`` and ``>`` as markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def ts_to_datetime(ts: object) -> datetime | None:
    """A Slack ``ts`` ("1700000000.000100") as an aware UTC datetime; None when absent or not a number."""
    try:
        return datetime.fromtimestamp(float(str(ts)), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None
