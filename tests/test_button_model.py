"""One button model for every feature: a press runs a command as the presser, at once or after asking for text."""

from __future__ import annotations

import json

from adapters.slack.buttons import button_elements, pressed_command
from bot.actions import Button, Card, card_from_data, card_to_data


def _press(button: Button) -> dict[str, object]:
    (element,) = button_elements((button,))
    return {
        "type": "block_actions",
        "user": {"id": "U1", "name": "sam"},
        "team": {"id": "T1"},
        "channel": {"id": "D9"},
        "container": {"thread_ts": "171.5"},
        "trigger_id": "t-1",
        "actions": [{"action_id": element["action_id"], "value": element["value"], "action_ts": "172.0"}],
    }


def test_a_button_without_a_prompt_runs_its_command_at_once_as_the_presser() -> None:
    event = pressed_command(_press(Button("Helpful", "helpful", "Q-2026-0001", style="primary")))
    assert event is not None
    assert (event.name, event.text, event.origin.user_id) == ("helpful", "Q-2026-0001", "U1")
    assert (event.origin.channel_id, event.origin.thread_id, event.event_id) == ("D9", "171.5", "action:172.0")


def test_a_button_with_a_prompt_asks_first() -> None:
    assert pressed_command(_press(Button("Reply", "reply", "SG-1", prompt="Your message"))) is None


def test_styles_reach_slack_and_the_store_keeps_them() -> None:
    (danger,) = button_elements((Button("Wrong", "dispute", "W1", style="danger"),))
    (plain,) = button_elements((Button("Fixed", "fixed", "W1"),))
    assert danger["style"] == "danger" and "style" not in plain
    assert json.loads(danger["value"]) == {"c": "dispute", "a": "W1", "p": "", "l": "Wrong"}
    card = Card("t", buttons=(Button("Wrong", "dispute", "W1", style="danger"), Button("R", "reply", "S", "Say")))
    assert card_from_data(json.loads(json.dumps(card_to_data(card)))) == card
    old = {"title": "t", "buttons": [["R", "reply", "S", "Say"]]}  # kept before buttons had a style
    restored = card_from_data(old)
    assert restored is not None and restored.buttons == (Button("R", "reply", "S", "Say"),)


def test_a_button_is_typed_as_its_command() -> None:
    assert Button("Helpful", "helpful", "Q1").typed == "/helpful Q1"
    assert Button("Reply", "reply", "SG-1", prompt="Your message").typed == "/reply SG-1 …"
