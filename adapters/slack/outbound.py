"""Core actions to Slack Web API arguments, and Slack errors to delivery outcomes: pure functions.

``text`` is always sent alongside ``blocks``: it is what notifications, screen
readers and old clients show.
"""

from __future__ import annotations

from typing import Any

from adapters.slack.blocks import card_blocks
from bot.actions import Card, Delivery, PrivateNotice, Reply

#: Errors that will not go away by retrying: the recipient cannot be reached as things stand.
REFUSED_ERRORS = frozenset(
    {
        "user_not_found",
        "users_not_found",
        "cannot_dm_bot",
        "user_disabled",
        "user_not_visible",
        "channel_not_found",
        "not_in_channel",
        "user_not_in_channel",
        "is_archived",
        "messages_tab_disabled",
        "restricted_action",
        "restricted_action_read_only_channel",
        "restricted_action_non_threadable_channel",
        "restricted_action_thread_only_channel",
        "ekm_access_denied",
        "team_access_not_granted",
        "missing_scope",
        "not_allowed_token_type",
        "invalid_auth",
        "account_inactive",
        "token_revoked",
        "msg_too_long",
        "no_text",
        "invalid_blocks",
        "invalid_blocks_format",
        "too_many_attachments",
    }
)

#: Errors that mean "post somewhere else privately": the bot is not a member where it was asked to post.
NOT_THERE_ERRORS = frozenset({"channel_not_found", "not_in_channel"})


def content(text: str, card: Card | None) -> dict[str, Any]:
    if card is None:
        return {"text": text}
    return {"text": text, "blocks": card_blocks(card)}


#: On every message the bot posts (ephemeral ones and ``response_url`` answers too): Slack never previews a
#: link in it (a reported post's link, or a file's, must not show the file to a lead), nor expands media.
NO_PREVIEWS = {"unfurl_links": False, "unfurl_media": False}


def reply_args(action: Reply) -> dict[str, Any]:
    args = {"channel": action.channel_id, **content(action.text, action.card), **NO_PREVIEWS}
    if action.thread_id:
        args["thread_ts"] = action.thread_id
    return args


def notice_args(action: PrivateNotice) -> dict[str, Any]:
    """``chat.postEphemeral``; in the thread the notice is about, so its reader sees it there."""
    args = {"channel": action.channel_id, "user": action.user_id, **content(action.text, action.card), **NO_PREVIEWS}
    if action.thread_id:
        args["thread_ts"] = action.thread_id
    return args


def delivery_for_error(code: str) -> Delivery:
    """Slack's error code to an outcome; the code is safe to log (it never carries message text)."""
    code = code or "unknown_error"
    if code in REFUSED_ERRORS:
        return Delivery.refused(code)
    return Delivery.failed(code)


def error_code(exc: Exception) -> str:
    """Slack's error code from a ``SlackApiError`` (or the HTTP status when the body was not JSON)."""
    response = getattr(exc, "response", None)
    data = getattr(response, "data", None)
    if isinstance(data, dict) and data.get("error"):
        return str(data["error"])
    status = getattr(response, "status_code", None)
    return f"http_{status}" if status is not None else type(exc).__name__
