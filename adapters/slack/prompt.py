"""Buttons that ask for text first (a lead's "Answer"): the press opens a form, its submission is the command.

The command and what the button already carries travel in the form's ``private_metadata``, so nothing is
kept in memory between the press and the submission, and a restart in between loses nothing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from adapters.slack.blocks import PROMPT_PREFIX
from adapters.slack.inbound import PLATFORM, MalformedPayload, mapping, need, optional, parse_button
from bot.events import ChannelKind, CommandInvoked, Origin

VIEW_ID = "cmd_prompt"
BLOCK, ACTION = "reply", "reply_input"
TITLE_LIMIT = 24


def prompt_modal(pressed: CommandInvoked, title: str, label: str) -> dict[str, Any]:
    """The form a prompt button opens: one text box, labelled as the command's option describes it."""
    o = pressed.origin
    metadata = {"command": pressed.name, "text": pressed.text, "channel": o.channel_id, "dm": o.channel_kind.value}
    return {
        "type": "modal",
        "callback_id": VIEW_ID,
        "title": {"type": "plain_text", "text": title[:TITLE_LIMIT]},
        "submit": {"type": "plain_text", "text": "Send"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "private_metadata": json.dumps(metadata),
        "blocks": [
            {
                "type": "input",
                "block_id": BLOCK,
                "label": {"type": "plain_text", "text": label[:2000]},
                "element": {"type": "plain_text_input", "action_id": ACTION, "multiline": True},
            }
        ],
    }


def pressed_prompt(body: Mapping[str, Any]) -> CommandInvoked:
    """The press of a prompt button, as the command it stands for (before the text is asked for)."""
    return parse_button(body, PROMPT_PREFIX)


def submitted_prompt(body: Mapping[str, Any]) -> CommandInvoked:
    """The form's submission: the button's command with its text and what was typed, from the submitter."""
    view = mapping(body, "view")
    try:
        metadata = json.loads(str(view.get("private_metadata") or ""))
    except ValueError:
        raise MalformedPayload("private_metadata is not JSON") from None
    if not isinstance(metadata, dict):
        raise MalformedPayload("private_metadata is not an object")
    values = optional(optional(optional(view, "state"), "values"), BLOCK)
    typed = str(optional(values, ACTION).get("value") or "").strip()
    user = mapping(body, "user")
    kind = ChannelKind.DM if metadata.get("dm") == ChannelKind.DM.value else ChannelKind.INTERNAL
    origin = Origin(
        platform=PLATFORM,
        user_id=need(user, "id"),
        channel_id=str(metadata.get("channel") or ""),
        channel_kind=kind,
        workspace_id=str(optional(body, "team").get("id") or user.get("team_id") or ""),
        user_name=str(user.get("username") or user.get("name") or ""),
    )
    text = f"{metadata.get('text') or ''} {typed}".strip()
    return CommandInvoked(origin, str(metadata.get("command") or ""), text, event_id=str(body.get("trigger_id") or ""))
