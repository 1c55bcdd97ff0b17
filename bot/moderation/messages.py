"""What the author and the Safeguard Lead are told. Never the post's text or any detail taken from it.

The author's warning names the kinds of detail found and the policy clauses
the loaded knowledge cites for them (none, when no policy does), and says what
to do. The lead's alert says who, where, when, what kinds and a link to the
post, so the lead can look at it without the bot copying it around.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.actions import Button, Card
from bot.citations import Citations
from bot.events import Attachment, Origin
from bot.moderation.commands import ALLOW, FIXED, UPHOLD, WRONG
from bot.moderation.records import ALLOWED, DISPUTED, UPHELD, AllowEntry, WarningRecord
from bot.moderation.records import FIXED as FIXED_STATUS

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
_ANSWER = (
    "Fixed it? Press “I've fixed it” and I will read the post again. Think this is wrong (say, a "
    "public number of the organisation)? Press “I think this is wrong” and the Safeguard Lead will decide."
)


def post_place(channel_name: str, thread_id: str = "", thread_name: str = "") -> str:
    """Where a post was, in words: "your post in #general, in the thread “tonight”"."""
    where = f" in #{channel_name}" if channel_name else ""
    if thread_name:
        return f"your post{where}, in the thread “{thread_name}”"
    if thread_id:
        return f"your reply in a thread{where}"
    return f"your post{where}"


def _sentence(place: str) -> str:
    return place[0].upper() + place[1:]


def _described(kind: str, citations: Citations) -> str:
    """The kind in words, then the clauses cited for it in brackets; just the words when none is cited."""
    cited = citations.phrase(citations.cites_for_kind(kind))
    return f"{DESCRIPTIONS[kind]} ({cited})" if cited else DESCRIPTIONS[kind]


def _policy_field(kinds: Sequence[str], citations: Citations) -> tuple[tuple[str, str], ...]:
    """The card's "Policy" field, or no field when nothing is cited."""
    cited = citations.clauses_text(citations.cites_for_kinds(kinds))
    return (("Policy", cited),) if cited else ()


def warning_card(
    kinds: Sequence[str], citations: Citations, *, place: str = "", warning_id: int = 0
) -> tuple[str, Card]:
    """The private warning for the author of a post carrying ``kinds``: plain text and card.

    ``place`` (see :func:`post_place`) says which post, for a warning read away from it (a Discord DM);
    with the stored warning's id the card carries "I've fixed it" and "I think this is wrong".
    """
    found = [_described(k, citations) for k in kinds]
    advice = [_DO] + ([_PHOTOS] if "image" in kinds else [])
    which = f"{_sentence(place)} contains:" if place else "Your post contains:"
    body = f"{_OUTSIDERS} {which}\n" + "\n".join(f"• {line}" for line in found) + "\n\n" + " ".join(advice)
    buttons: tuple[Button, ...] = ()
    if warning_id:
        body += "\n\n" + _ANSWER
        buttons = (
            Button("I've fixed it", FIXED.name, str(warning_id), style="primary"),
            Button("I think this is wrong", WRONG.name, str(warning_id)),
        )
    title = "Please edit or delete your post"
    policy = _policy_field(kinds, citations)
    card = Card(title=title, body=body, fields=policy, footer=_FOOTER, colour="warning", buttons=buttons)
    cited = "".join(f"Policy clauses: {value}\n" for _, value in policy)
    return f"{title}\n{body}\n\n{cited}{_FOOTER}", card


def lead_alert_card(
    origin: Origin,
    kinds: Sequence[str],
    sent_at: datetime,
    permalink: str,
    delivered: bool,
    citations: Citations,
    files: Sequence[Attachment] = (),
) -> tuple[str, Card]:
    """The Safeguard Lead's alert about a post naming an attendee with other details: no text from the post, and
    its files only as name, type, size and link."""
    who = f"{origin.user_name} ({origin.user_id})" if origin.user_name else origin.user_id
    where = f"#{origin.channel_name} ({origin.channel_id})" if origin.channel_name else origin.channel_id
    if origin.thread_name:
        where += f", in the thread \u201c{origin.thread_name}\u201d"
    elif origin.thread_id:
        where += ", in a thread"
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
        *((("Files", files_text(files)),) if files else ()),
    )
    title = "Moderation alert: an attendee named with other details in a shared channel"
    body = f"{outcome} The post is not copied here: open the link to see it."
    card = Card(title=title, body=body, fields=fields, colour="danger")
    text = "\n".join([title, *(f"{name}: {value}" for name, value in fields), body])
    return text, card


def kinds_words(kinds: Sequence[str]) -> str:
    """Kinds as the author reads them: "a telephone number and an e-mail address"."""
    words = [DESCRIPTIONS.get(k, k) for k in kinds]
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


def files_text(files: Sequence[Attachment]) -> str:
    """Files as a lead reads them: name, type, size and link as text (never fetched, never previewed)."""
    parts = []
    for f in files:
        about = ", ".join(p for p in (f.content_type, f"{f.size:,} bytes" if f.size else "") if p)
        parts.append(f"{f.name or '(no name)'}" + (f" ({about})" if about else "") + (f" <{f.url}>" if f.url else ""))
    return "; ".join(parts)


def dispute_card(record: WarningRecord, citations: Citations) -> tuple[str, Card]:
    """The leads' message when an author says a warning is wrong: kinds and clauses, never the detail."""
    title = f"Disputed moderation warning W-{record.id}"
    body = (
        "The author says this private warning is wrong (for example, a public number of the organisation, or "
        "a well-known person who shares an attendee's name). Open the link to see the post: nothing from it is "
        "copied here. Allow: what was found is never warned about again, for anyone (listed by /allowed, "
        "removable). Uphold: the author is told the warning stands."
    )
    where = f"{record.channel_id}" + (" (in a thread)" if record.thread_id else "")
    fields = (
        ("Author", f"{record.user_id} on {record.platform}"),
        ("Where", where),
        ("Warned at", record.created_at.strftime("%d %b %Y %H:%M UTC")),
        ("Found", ", ".join(record.kinds)),
        *_policy_field(record.kinds, citations),
        ("Link", record.permalink or "(no link available)"),
        *((("Files", files_text(record.attachments)),) if record.attachments else ()),
    )
    buttons = (
        Button("Allow this from now on", ALLOW.name, str(record.id), style="primary"),
        Button("Uphold the warning", UPHOLD.name, str(record.id), style="danger"),
    )
    card = Card(title=title, body=body, fields=fields, colour="warning", buttons=buttons)
    text = "\n".join([title, body, *(f"{name}: {value}" for name, value in fields)])
    return text, card


_STATUS_WORDS = {
    FIXED_STATUS: "fixed by the author",
    DISPUTED: "disputed by the author, awaiting a lead",
    ALLOWED: "disputed, allowed by a lead",
    UPHELD: "disputed, upheld by a lead",
}


def allowed_list(entries: Sequence[AllowEntry], from_deployment: Sequence[str]) -> str:
    """``/allowed`` for a lead: every allowed value with its number, who allowed it and when."""
    lines: list[str] = []
    if entries:
        lines.append(f"{len(entries)} value{'s' if len(entries) != 1 else ''} allowed by a Safeguard Lead:")
        for e in entries:
            source = f", from warning W-{e.warning_id}" if e.warning_id else ""
            by = f" by {e.added_by_id}" if e.added_by_id else ""
            lines.append(f"{e.id}. {e.kind}: {e.value} (added {e.added_at.strftime('%d %b %Y')}{by}{source})")
        lines.append("To stop allowing one: /allowed remove NUMBER")
    else:
        lines.append("No value has been allowed by a Safeguard Lead.")
    if from_deployment:
        lines.append(f"The deployment file also allows: {', '.join(from_deployment)} (edit the file to change these).")
    return "\n".join(lines)


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
        status = f"; {_STATUS_WORDS[r.status]}" if r.status in _STATUS_WORDS else ""
        thread = " (thread)" if r.thread_id else ""
        files = f"; files: {files_text(r.attachments)}" if r.attachments else ""
        lines.append(
            f"W-{r.id} {at}  {r.platform} user {r.user_id} in {r.channel_id}{thread}: "
            f"{', '.join(r.kinds)}{cited}; {reached}{lead}{status}; {r.permalink or 'no link'}{files}{altered}"
        )
    return "\n".join(lines)
