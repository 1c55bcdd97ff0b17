"""The "Report to Safeguard Lead" message shortcut: the modal, its evidence snapshot, its submission.

The snapshot of the reported post is taken when the shortcut is used, so a
later edit or deletion loses nothing (evidence must be kept). It travels in the modal's
``private_metadata`` (Slack returns it on submission, so a restart in between
loses nothing); that field holds 3,000 characters, so a very long post is cut
there and the adapter keeps the full copy in memory for the submission.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from adapters.slack.inbound import PLATFORM, MalformedPayload, mapping, need, text_of
from adapters.slack.text import plain_text, ts_to_datetime
from bot.categories import CATEGORIES, DEFAULT_CATEGORY
from bot.events import MessageReported, Origin, ReportedPost

SHORTCUT_ID = "report_to_lead"
VIEW_ID = "report_to_lead_form"
CATEGORY_BLOCK, CATEGORY_ACTION = "category", "category_select"
DETAILS_BLOCK, DETAILS_ACTION = "details", "details_input"
ANONYMOUS_BLOCK, ANONYMOUS_ACTION, ANONYMOUS_VALUE = "anonymous", "anonymous_check", "anonymous"
METADATA_LIMIT = 3000


def snapshot_from_shortcut(body: Mapping[str, Any]) -> dict[str, Any]:
    """The evidence from a ``message_action`` payload, as JSON-ready data (permalink added by the caller)."""
    message = mapping(body, "message")
    channel = mapping(body, "channel")
    files = message.get("files")
    names = (
        [str(f.get("name") or f.get("title") or "file") for f in files if isinstance(f, Mapping)]
        if isinstance(files, list)
        else []
    )
    return {
        "text": plain_text(text_of(message)),
        "author_id": str(message.get("user") or message.get("bot_id") or ""),
        "author_name": str(message.get("username") or ""),
        "channel_id": need(channel, "id"),
        "channel_name": str(channel.get("name") or ""),
        "ts": need(message, "ts"),
        "permalink": "",
        "files": names,
    }


def pack_snapshot(snapshot: Mapping[str, Any], key: str, limit: int = METADATA_LIMIT) -> str:
    """JSON for ``private_metadata``, cutting the post's text when the whole would not fit."""
    data = {**snapshot, "key": key}
    packed = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    while len(packed) > limit and data["text"]:
        excess = len(packed) - limit
        data = {**data, "text": data["text"][: max(0, len(data["text"]) - excess - 16)], "cut": True}
        packed = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if len(packed) > limit:
        data = {**data, "files": [], "cut": True}
        packed = json.dumps(data, ensure_ascii=False, separators=(",", ":"))[:limit]
    return packed


def unpack_snapshot(metadata: str) -> dict[str, Any]:
    try:
        data = json.loads(metadata)
    except ValueError:
        raise MalformedPayload("private_metadata is not JSON") from None
    if not isinstance(data, dict) or not isinstance(data.get("channel_id"), str):
        raise MalformedPayload("private_metadata has no snapshot")
    return data


def report_modal(metadata: str) -> dict[str, Any]:
    """The form: a category (labels only; the clauses it cites come from the knowledge) and details for the lead."""
    options = [{"text": {"type": "plain_text", "text": c.label[:75]}, "value": c.key} for c in CATEGORIES]
    default = next(o for o in options if o["value"] == DEFAULT_CATEGORY)
    return {
        "type": "modal",
        "callback_id": VIEW_ID,
        "title": {"type": "plain_text", "text": "Report to Safeguard Lead"},
        "submit": {"type": "plain_text", "text": "Send to the lead"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "private_metadata": metadata,
        "blocks": [
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": "A copy of this post goes to the Safeguard Lead only. "
                    "Nobody in the conversation is told, and the post's author is not notified.",
                },
            },
            {
                "type": "input",
                "block_id": CATEGORY_BLOCK,
                "label": {"type": "plain_text", "text": "What is the concern?"},
                "element": {
                    "type": "static_select",
                    "action_id": CATEGORY_ACTION,
                    "options": options,
                    "initial_option": default,
                },
            },
            {
                "type": "input",
                "block_id": DETAILS_BLOCK,
                "optional": True,
                "label": {"type": "plain_text", "text": "Anything the lead should know"},
                "element": {"type": "plain_text_input", "action_id": DETAILS_ACTION, "multiline": True},
            },
            {
                "type": "input",
                "block_id": ANONYMOUS_BLOCK,
                "optional": True,
                "label": {"type": "plain_text", "text": "Your name"},
                "element": {
                    "type": "checkboxes",
                    "action_id": ANONYMOUS_ACTION,
                    "options": [
                        {
                            "text": {"type": "plain_text", "text": "Do not tell the lead who I am"},
                            "description": {
                                "type": "plain_text",
                                "text": "The lead can still ask you questions through the bot.",
                            },
                            "value": ANONYMOUS_VALUE,
                        }
                    ],
                },
            },
        ],
    }


def reported_post(snapshot: Mapping[str, Any]) -> ReportedPost:
    return ReportedPost(
        text=str(snapshot.get("text") or ""),
        author_id=str(snapshot.get("author_id") or ""),
        author_name=str(snapshot.get("author_name") or ""),
        channel_id=str(snapshot.get("channel_id") or ""),
        channel_name=str(snapshot.get("channel_name") or ""),
        posted_at=ts_to_datetime(snapshot.get("ts")),
        permalink=str(snapshot.get("permalink") or ""),
        attachment_names=tuple(str(n) for n in snapshot.get("files") or ()),
    )


def _state_value(values: Mapping[str, Any], block: str, action: str) -> Mapping[str, Any]:
    value = values.get(block, {}).get(action, {}) if isinstance(values.get(block), Mapping) else {}
    return value if isinstance(value, Mapping) else {}


def parse_submission(body: Mapping[str, Any], snapshot: Mapping[str, Any] | None = None) -> MessageReported:
    """A ``view_submission`` of the report form; ``snapshot`` (the full copy) wins over the metadata's."""
    view = mapping(body, "view")
    user = mapping(body, "user")
    data = dict(snapshot) if snapshot is not None else unpack_snapshot(str(view.get("private_metadata") or ""))
    values = mapping(mapping(view, "state"), "values")
    selected = _state_value(values, CATEGORY_BLOCK, CATEGORY_ACTION).get("selected_option")
    category = str(selected.get("value") or "") if isinstance(selected, Mapping) else ""
    details = _state_value(values, DETAILS_BLOCK, DETAILS_ACTION).get("value")
    ticked = _state_value(values, ANONYMOUS_BLOCK, ANONYMOUS_ACTION).get("selected_options")
    anonymous = isinstance(ticked, list) and any(
        isinstance(o, Mapping) and o.get("value") == ANONYMOUS_VALUE for o in ticked
    )
    team = body.get("team")
    origin = Origin(
        platform=PLATFORM,
        user_id=need(user, "id"),
        channel_id=str(data["channel_id"]),
        workspace_id=str(team.get("id") or "") if isinstance(team, Mapping) else "",
        user_name=str(user.get("name") or user.get("username") or ""),
        channel_name=str(data.get("channel_name") or ""),
    )
    return MessageReported(
        origin,
        reported_post(data),
        category=category or DEFAULT_CATEGORY,
        details=details if isinstance(details, str) else "",
        event_id=f"view:{need(view, 'id')}",
        anonymous=anonymous,
    )
