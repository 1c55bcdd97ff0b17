"""Buttons on the bot's cards (:class:`bot.actions.Button`): Block Kit buttons, a form for the text, a command.

Pressing a button opens a small form (``views.open`` needs the click's trigger
within three seconds, so the adapter opens it itself); its submission becomes
the command ``/command args TEXT`` as the person who pressed it typed it, so the
core checks who may run it exactly as for a typed command. The button's value
carries only the command, its arguments (a case reference) and the form's
wording, never anything a person wrote.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from adapters.slack.inbound import PLATFORM, MalformedPayload, mapping, need
from adapters.slack.text import plain_text
from bot.actions import Button
from bot.events import ChannelKind, CommandInvoked, Origin

ACTION_PREFIX = "run_command"  # action_id of every button: run_command:0, run_command:1, ...
VIEW_ID = "run_command_form"
TEXT_BLOCK, TEXT_ACTION = "text", "text_input"
LABEL_LIMIT = 75  # a button's text and an input's label
VALUE_LIMIT = 2000


def button_elements(buttons: tuple[Button, ...]) -> list[dict[str, Any]]:
    elements = []
    for index, button in enumerate(buttons[:25]):
        value = json.dumps({"c": button.command, "a": button.args, "p": button.prompt, "l": button.label})
        if len(value) > VALUE_LIMIT:
            continue
        element: dict[str, Any] = {
            "type": "button",
            "action_id": f"{ACTION_PREFIX}:{index}",
            "text": {"type": "plain_text", "text": button.label[:LABEL_LIMIT]},
            "value": value,
        }
        if button.style in {"primary", "danger"}:
            element["style"] = button.style
        elements.append(element)
    return elements


def _pressed(body: Mapping[str, Any]) -> dict[str, str]:
    actions = body.get("actions")
    if not isinstance(actions, list) or not actions or not isinstance(actions[0], Mapping):
        raise MalformedPayload("missing or invalid 'actions'")
    try:
        value = json.loads(str(actions[0].get("value") or ""))
    except ValueError:
        raise MalformedPayload("a button's value is not JSON") from None
    if not isinstance(value, dict) or not isinstance(value.get("c"), str) or not value["c"]:
        raise MalformedPayload("a button's value names no command")
    return {k: str(value.get(k) or "") for k in ("c", "a", "p", "l")}


def _presser(body: Mapping[str, Any], channel_id: str, thread: str) -> Origin:
    """Who pressed a button, where: the answer goes back into the conversation the button was in."""
    user = mapping(body, "user")
    team = body.get("team")
    return Origin(
        platform=PLATFORM,
        user_id=need(user, "id"),
        channel_id=channel_id,
        channel_kind=ChannelKind.DM if channel_id.startswith("D") else ChannelKind.INTERNAL,
        workspace_id=str(team.get("id") or "") if isinstance(team, Mapping) else "",
        thread_id=thread,
        user_name=str(user.get("name") or user.get("username") or ""),
    )


def pressed_command(body: Mapping[str, Any]) -> CommandInvoked | None:
    """The command a button without a prompt runs at once, from the person who pressed it (None: it asks first)."""
    pressed = _pressed(body)
    if pressed["p"]:
        return None
    channel = body.get("channel")
    channel_id = str(channel.get("id") or "") if isinstance(channel, Mapping) else ""
    container = body.get("container")
    thread = str(container.get("thread_ts") or "") if isinstance(container, Mapping) else ""
    origin = _presser(body, channel_id, thread)
    actions = body.get("actions")
    first = actions[0] if isinstance(actions, list) and actions and isinstance(actions[0], Mapping) else {}
    event_id = f"action:{first.get('action_ts') or body.get('trigger_id') or ''}"
    return CommandInvoked(origin, pressed["c"].lower(), pressed["a"], event_id=event_id)


def form_for(body: Mapping[str, Any]) -> dict[str, Any]:
    """The form a pressed button opens: one text box; where to answer travels in ``private_metadata``."""
    pressed = _pressed(body)
    channel = body.get("channel")
    channel_id = str(channel.get("id") or "") if isinstance(channel, Mapping) else ""
    container = body.get("container")
    thread = str(container.get("thread_ts") or "") if isinstance(container, Mapping) else ""
    metadata = json.dumps({"c": pressed["c"], "a": pressed["a"], "ch": channel_id, "th": thread})
    return {
        "type": "modal",
        "callback_id": VIEW_ID,
        "title": {"type": "plain_text", "text": (pressed["l"] or "Reply")[:24]},
        "submit": {"type": "plain_text", "text": "Send"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "private_metadata": metadata,
        "blocks": [
            {
                "type": "input",
                "block_id": TEXT_BLOCK,
                "label": {"type": "plain_text", "text": (pressed["p"] or "Your message")[:LABEL_LIMIT]},
                "element": {"type": "plain_text_input", "action_id": TEXT_ACTION, "multiline": True},
            }
        ],
    }


def submitted_command(body: Mapping[str, Any]) -> CommandInvoked:
    """The submitted form as the command the button stands for, from the person who pressed it."""
    view = mapping(body, "view")
    try:
        metadata = json.loads(str(view.get("private_metadata") or ""))
    except ValueError:
        raise MalformedPayload("private_metadata is not JSON") from None
    if not isinstance(metadata, dict) or not isinstance(metadata.get("c"), str):
        raise MalformedPayload("private_metadata names no command")
    values = mapping(mapping(view, "state"), "values")
    block = values.get(TEXT_BLOCK)
    field = block.get(TEXT_ACTION) if isinstance(block, Mapping) else None
    typed = field.get("value") if isinstance(field, Mapping) else None
    origin = _presser(body, str(metadata.get("ch") or ""), str(metadata.get("th") or ""))
    text = f"{metadata.get('a') or ''} {plain_text(typed) if isinstance(typed, str) else ''}".strip()
    return CommandInvoked(origin, str(metadata["c"]).lower(), text, event_id=f"view:{need(view, 'id')}")
