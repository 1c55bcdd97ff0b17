"""Every text the escalation feature sends, each as plain text plus an optional card.

Wording matters here: an acknowledgement says the report was *recorded* and is
being passed on (true the moment it is stored), never that a lead has read it;
the failure message says plainly that nothing went through.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.actions import Button, Card
from bot.categories import CATEGORIES, category
from bot.citations import Citations
from bot.reports.models import Case, CaseEvent, OutboxItem, OutboxMessage
from bot.reports.parse import CATEGORY_WORDS
from bot.storage.storable import CUT, DROPPED, REPLACED, Change

#: The words a lead reads for each stored field whose text had to be changed (bot.storage.storable).
_FIELD_WORDS = {
    "text": "the report",
    "reporter_name": "the reporter's name",
    "reporter_id": "the reporter's id",
    "post_text": "the reported post",
    "post_author_name": "the post author's name",
    "post_author_id": "the post author's id",
    "post_channel_name": "the channel's name",
    "post_permalink": "the link",
    "post_attachments": "the attachment names",
    "actor_name": "the name",
}
_HOW_WORDS = {
    REPLACED: "characters that cannot be stored were replaced with \ufffd",
    DROPPED: "NUL characters were removed",
    CUT: "cut short to fit",
}


def when(at: datetime | None) -> str:
    return at.strftime("%d %b %Y %H:%M UTC") if at else "unknown time"


def category_line(key: str, citations: Citations) -> str:
    """The category's label, then the clauses cited for it in brackets; just the label when none is cited."""
    cat = category(key)
    cited = citations.phrase(citations.cites_for_category(cat.key))
    return f"{cat.label} ({cited})" if cited else cat.label


def _phone_line(phone: str) -> str:
    return f"phone the Safeguard Lead on {phone}" if phone else "phone the Safeguard Lead"


def usage_help(citations: Citations) -> str:
    words = {key: sorted(w for w, k in CATEGORY_WORDS.items() if k == key and w != key) for key in CATEGORY_WORDS}
    lines = [
        "To report a concern privately to the Safeguard Lead, write /report and what happened, e.g.",
        "  /report bullying: comments under the match photos are aimed at one of the attendees",
        "Only you and the Safeguard Lead see a report; nothing appears in the channel.",
        "You may start with one of these words and a colon to say what kind of concern it is:",
    ]
    for cat in CATEGORIES:
        extra = f" (or {', '.join(words[cat.key])})" if words[cat.key] else ""
        cited = citations.phrase(citations.cites_for_category(cat.key))
        lines.append(f"  {cat.key}{extra}: {cat.label}" + (f", {cited}" if cited else ""))
    lines.append('To report a particular post, use "Report to Safeguard Lead" on that post.')
    lines.append(
        "To keep your name from the Safeguard Lead, start with --anonymous (or tick the box on the report form); "
        "the lead can still ask you questions through me, and you answer with /reply and the report's reference."
    )
    lines.append("If a child is in immediate danger, call 999.")
    return "\n".join(lines)


ALTERED_NOTICE = (
    "A few characters could not be stored exactly as sent and were replaced or left out; "
    "the case records this for the Safeguard Lead."
)


def acknowledgement(case: Case, lead_count: int, phone: str, citations: Citations) -> tuple[str, Card]:
    if lead_count:
        next_step = (
            "It is being passed to the Safeguard Lead privately now, and they will follow it up. "
            f"If you do not hear back, or it is urgent, {_phone_line(phone)}."
        )
    else:
        next_step = f"No Safeguard Lead can be messaged on this platform, so please {_phone_line(phone)} as well."
    altered = ALTERED_NOTICE + " " if case.altered else ""
    anonymous = (
        "Your name is not given to the Safeguard Lead: they see the report without it. " if case.anonymous else ""
    )
    conversation = (
        f"If the lead has a question, I will pass it to you privately; answer with /reply {case.ref} and your message. "
    )
    text = (
        f"Thank you. Your report has been recorded as {case.ref} ({category_line(case.category, citations)}). "
        f"{anonymous}{altered}{next_step} {conversation}If a child is in immediate danger, call 999."
    )
    card = Card(title=f"Report recorded: {case.ref}", body=text, colour="info")
    return text, card


def store_failure(phone: str) -> tuple[str, Card]:
    text = (
        "Your report did NOT go through: I could not save it, so nobody has been told. "
        f"Please {_phone_line(phone)} now. If a child is in immediate danger, call 999."
    )
    return text, Card(title="Your report did NOT go through", body=text, colour="danger")


def relay_failure(phone: str) -> str:
    return (
        "Your message did NOT go through: I could not save it, so nobody has been told. "
        f"Please try again in a minute, or {_phone_line(phone)}. If a child is in immediate danger, call 999."
    )


def reporter_phone_notice(ref: str, phone: str, minutes: float) -> str:
    return (
        f"About your report {ref}: I have not been able to reach the Safeguard Lead for {minutes:g} minutes. "
        f"Your report is safely recorded, but please {_phone_line(phone)} now."
    )


def altered_text(changes: Sequence[Change], *, text: str = "the report") -> str:
    """What was changed on the way into the store, e.g. "the report: characters ... replaced with \ufffd".

    ``text`` names the ``text`` field: the report for a case, the note or the resolution for an event.
    """
    names = _FIELD_WORDS | {"text": text}
    by_field: dict[str, list[str]] = {}
    for change in changes:
        words = _HOW_WORDS.get(change.how, change.how)
        by_field.setdefault(names.get(change.field, change.field.replace("_", " ")), []).append(words)
    return "; ".join(f"{field}: {', '.join(how)}" for field, how in by_field.items())


def _evidence_fields(case: Case) -> list[tuple[str, str]]:
    post = case.post
    if post is None:
        return []
    return [
        ("Reported post", post.text or "(no text)"),
        ("Posted by", f"{post.author_name} ({post.author_id})" if post.author_name else post.author_id),
        ("Channel", f"#{post.channel_name} ({post.channel_id})" if post.channel_name else post.channel_id),
        ("Posted at", when(post.posted_at)),
        ("Link", post.permalink or "(none)"),
        ("Attachments", ", ".join(post.attachment_names) or "(none)"),
    ]


ANONYMOUS = "Anonymous: the reporter asked not to be named"


def reported_by(case: Case) -> str:
    """Who reported, as a lead reads it; for an anonymous case only that it is anonymous (the case has no more)."""
    reporter = case.reporter
    if case.anonymous:
        return f"{ANONYMOUS} (on {reporter.platform}; reply through the bot)"
    who = f"{reporter.name} ({reporter.user_id})" if reporter.name else reporter.user_id
    return f"{who} on {reporter.platform}"


def _case_fields(case: Case, citations: Citations) -> list[tuple[str, str]]:
    return [
        ("Reference", case.ref),
        ("Category", category_line(case.category, citations)),
        ("Reported by", reported_by(case)),
        ("Reported at", when(case.created_at)),
        ("Report", case.text or "(no words added)"),
        *_evidence_fields(case),
        *([("Stored with changes", altered_text(case.altered))] if case.altered else []),
    ]


def _as_text(title: str, fields: Sequence[tuple[str, str]], footer: str = "") -> str:
    lines = [title, *(f"{name}: {value}" for name, value in fields)]
    if footer:
        lines.append(footer)
    return "\n".join(lines)


def case_marker(case: Case) -> str:
    """What identifies the case's own message in a lead's DM history (a relayed message names the case too)."""
    return f"New safeguarding report {case.ref}"


def reply_to_reporter_button(ref: str) -> Button:
    return Button("Reply to the reporter", "case", f"{ref} reply", "Your message to the reporter (only they see)")


def reply_to_lead_button(ref: str) -> Button:
    return Button("Reply", "reply", ref, "Your message to the Safeguard Lead")


def lead_message(case: Case, citations: Citations) -> tuple[str, Card]:
    """The direct message that delivers a case to a lead, evidence included."""
    title = case_marker(case)
    fields = _case_fields(case, citations)
    footer = (
        f"Ask the reporter something with /case {case.ref} reply …, the Reply button or (on Slack) a reply in this "
        f"thread: they get it privately from me. Record what you did with /case {case.ref} note … or "
        f"/case {case.ref} resolve …"
    )
    card = Card(
        title=title, fields=tuple(fields), footer=footer, colour="danger", buttons=(reply_to_reporter_button(case.ref),)
    )
    return _as_text(title, fields, footer), card


def message_marker(ref: str, event_id: int) -> str:
    """Unique to one relayed message (the brackets keep #17 from matching #170), found in a DM history."""
    return f"[{ref} #{event_id}]"


def to_reporter(ref: str, event_id: int, text: str) -> tuple[str, Card]:
    """A lead's message as the reporter receives it: from "the Safeguard Lead", never a lead's name."""
    title = f"Message from the Safeguard Lead about your report {message_marker(ref, event_id)}"
    footer = (
        f"Only you can see this. Answer with /reply {ref} … or the Reply button"
        " (on Slack, a reply in this thread works too). If a child is in immediate danger, call 999."
    )
    card = Card(title=title, quote=text, footer=footer, colour="info", buttons=(reply_to_lead_button(ref),))
    return f"{title}\n{text}\n{footer}", card


def to_lead(case: Case, event_id: int, text: str) -> tuple[str, Card]:
    """The reporter's message as each lead receives it; an anonymous reporter stays "the reporter"."""
    who = "the reporter" if case.anonymous or not case.reporter.name else case.reporter.name
    title = f"Message from {who} about their report {message_marker(case.ref, event_id)}"
    footer = (
        f"Answer with /case {case.ref} reply …, the Reply button or (on Slack) a reply in this thread. "
        f"/case {case.ref} shows the whole conversation."
    )
    card = Card(title=title, quote=text, footer=footer, colour="warning", buttons=(reply_to_reporter_button(case.ref),))
    return f"{title}\n{text}\n{footer}", card


def relayed_to_reporter(ref: str, altered: Sequence[Change]) -> str:
    changed = f" Stored with changes: {altered_text(altered, text='your message')}." if altered else ""
    return (
        f"Your message is recorded on {ref} and is being sent to the reporter privately; they can answer with "
        f"/reply. /case {ref} shows whether it has arrived.{changed}"
    )


def relayed_to_leads(ref: str, lead_count: int, phone: str, altered: Sequence[Change]) -> str:
    changed = " A few characters could not be stored exactly as sent and were replaced or left out." if altered else ""
    if not lead_count:
        return (
            f"Your message is recorded on {ref}, but no Safeguard Lead can be messaged on this platform, "
            f"so please {_phone_line(phone)}.{changed}"
        )
    return (
        f"Thank you. Your message is recorded on {ref} and is being passed to the Safeguard Lead privately now."
        f"{changed} If it is urgent, {_phone_line(phone)}. If a child is in immediate danger, call 999."
    )


def not_your_case(ref: str) -> str:
    """The same answer whether the case does not exist or someone else reported it: it reveals neither."""
    return (
        f"I cannot find a report {ref} that you made. Check the reference in my message to you, "
        "or make a new report with /report."
    )


REPLY_USAGE = "Use /reply SG-2026-0042 and your message, e.g. /reply SG-2026-0042 it happened again last night."


def _delivery_summary(items: Sequence[OutboxItem]) -> str:
    if not items:
        return "no lead on this platform"
    parts = []
    for item in items:
        state = item.state if item.state != "pending" or not item.attempts else f"retrying ({item.attempts} tried)"
        parts.append(f"{item.lead_name or item.lead_id}: {state}")
    return "; ".join(parts)


def _message_state(sent: Sequence[OutboxMessage]) -> str:
    """Delivery of one relayed message: to the reporter, or to each lead (by name; a reporter is never named)."""
    if not sent:
        return "not sent"
    parts = []
    for message in sent:
        state = message.state if message.state != "pending" or not message.attempts else "retrying"
        parts.append(state if message.recipient == "reporter" else f"{message.user_name or message.user_id}: {state}")
    return "; ".join(parts)


def _conversation_line(case: Case, event: CaseEvent) -> tuple[str, str]:
    sent = [m for m in case.messages if m.case_event_id == event.id]
    if event.kind == "to_reporter":
        label = f"To the reporter, {when(event.at)}, from {event.actor_name or event.actor_id}"
    else:
        who = "the reporter" if case.anonymous or not event.actor_name else event.actor_name
        label = f"From {who}, {when(event.at)}"
    text = event.text or "-"
    if event.altered:
        text += f" (stored with changes: {altered_text(event.altered, text='the message')})"
    return label, f"{text} (delivery: {_message_state(sent)})"


def case_detail(case: Case, citations: Citations) -> tuple[str, Card]:
    title = f"Case {case.ref} ({case.status})"
    fields = _case_fields(case, citations)
    fields.append(("Delivered", _delivery_summary(case.deliveries)))
    if case.resolved_at:
        fields.append(("Resolved at", when(case.resolved_at)))
    for event in case.events:
        if event.kind in {"note", "resolved"}:
            label = "Note" if event.kind == "note" else "Resolution"
            text = event.text or "-"
            if event.altered:
                text += f" (stored with changes: {altered_text(event.altered, text=f'the {label.lower()}')})"
            fields.append((f"{label}, {when(event.at)}, {event.actor_name or event.actor_id}", text))
        elif event.kind in {"to_reporter", "from_reporter"}:
            fields.append(_conversation_line(case, event))
    footer = f"Ask the reporter something with /case {case.ref} reply …; they get it privately from me."
    card = Card(title=title, fields=tuple(fields), footer=footer, colour="info")
    return _as_text(title, fields, footer), card


def open_cases(cases: Sequence[Case], *, more: bool = False) -> str:
    """The open-cases list; ``more`` says the list was cut short, so the count is a floor."""
    if not cases:
        return "There are no open cases."
    count = f"The oldest {len(cases)} of more" if more else f"{len(cases)}"
    lines = [f"{count} open case{'s' if len(cases) != 1 or more else ''}:"]
    for case in cases:
        kind = category(case.category).label + (" (anonymous)" if case.anonymous else "")
        lines.append(f"{case.ref}  {when(case.created_at)}  {kind}  (delivery: {_delivery_summary(case.deliveries)})")
    lines.append("Use /case REF to see one.")
    return "\n".join(lines)
