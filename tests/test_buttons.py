"""A card's buttons on each platform, and a press turned back into the command the button stands for."""

from __future__ import annotations

import pytest

from adapters.discord.render import button_command, buttons
from adapters.slack.blocks import BUTTON_PREFIX, card_blocks
from adapters.slack.inbound import MalformedPayload, parse_button
from bot.actions import Button, Card
from bot.events import ChannelKind

CARD = Card(
    "6.9 · Responsibilities",
    "body",
    buttons=(
        Button("Ask the Safeguard Lead", "ask-lead", "q0123456789", "primary"),
        Button("Helpful", "helpful", "q0123456789"),
    ),
)


def test_slack_buttons_are_one_actions_block_last() -> None:
    actions = card_blocks(CARD)[-1]
    assert actions["type"] == "actions"
    first, second = actions["elements"]
    assert (first["action_id"], first["value"], first["style"]) == ("cmd:ask-lead:0", "q0123456789", "primary")
    assert (second["action_id"], second["text"]["text"]) == ("cmd:helpful:1", "Helpful") and "style" not in second
    assert all(b["type"] != "actions" for b in card_blocks(Card("no buttons")))


def test_slack_buttons_survive_a_card_shortened_to_fifty_blocks() -> None:
    long = Card("t", "\n".join("x" * 2990 for _ in range(60)), buttons=CARD.buttons)
    blocks = card_blocks(long)
    assert len(blocks) == 50 and blocks[-1]["type"] == "actions"


def press(action_id: str, value: str, channel: dict) -> dict:
    return {
        "type": "block_actions",
        "user": {"id": "U0ALICE", "username": "alice", "team_id": "T1"},
        "channel": channel,
        "trigger_id": "trig.1",
        "actions": [{"action_id": action_id, "value": value}],
    }


def test_a_slack_press_is_the_buttons_command_from_the_presser() -> None:
    event = parse_button(
        press("cmd:not-what-i-asked:1", "q0123456789", {"id": "C0STAFF", "name": "staff"}), BUTTON_PREFIX
    )
    assert (event.name, event.text, event.event_id) == ("not-what-i-asked", "q0123456789", "trig.1")
    assert (event.origin.user_id, event.origin.channel_id, event.origin.channel_kind) == (
        "U0ALICE",
        "C0STAFF",
        ChannelKind.INTERNAL,
    )
    dm = parse_button(
        press("cmd:teach:0", "Q-2026-0001 p 6.9", {"id": "D0ALICE", "name": "directmessage"}), BUTTON_PREFIX
    )
    assert (dm.name, dm.text, dm.origin.channel_kind) == ("teach", "Q-2026-0001 p 6.9", ChannelKind.DM)


@pytest.mark.parametrize(
    "body",
    [
        {"type": "block_actions", "user": {"id": "U1"}, "channel": {"id": "C1"}, "actions": []},
        press("someone_elses_button", "x", {"id": "C1"}),
        {**press("cmd:helpful:0", "x", {}), "channel": None},
    ],
)
def test_a_slack_press_that_is_not_a_bot_button_is_malformed(body: dict) -> None:
    with pytest.raises(MalformedPayload):
        parse_button(body, BUTTON_PREFIX)


async def test_discord_buttons_are_components_discord_py_keeps_no_callback_for() -> None:
    view = buttons(CARD)
    assert view is not None and view.is_finished()  # so discord.py stores no view; the adapter handles the press
    [row] = view.to_components()
    assert [(c["custom_id"], c["label"], c["style"]) for c in row["components"]] == [
        ("cmd:ask-lead:q0123456789", "Ask the Safeguard Lead", 1),
        ("cmd:helpful:q0123456789", "Helpful", 2),
    ]
    assert buttons(Card("none")) is None
    assert button_command("cmd:teach:Q-2026-0001 p 6.9") == ("teach", "Q-2026-0001 p 6.9", False)
    assert button_command("cmdp:answer:Q-2026-0001") == ("answer", "Q-2026-0001", True)
    assert button_command("report:123") is None


def test_a_button_that_asks_for_text_first() -> None:
    """A prompt button: its own action_id prefix on Slack, custom_id on Discord; the console shows what follows."""
    card = Card("Policy question Q-2026-0001", buttons=(Button("Answer", "answer", "Q-2026-0001", prompt=True),))
    assert card_blocks(card)[-1]["elements"][0]["action_id"] == "cmdp:answer:0"
    view = buttons(card)
    assert view is not None and view.to_components()[0]["components"][0]["custom_id"] == "cmdp:answer:Q-2026-0001"
    assert card.buttons[0].typed == "/answer Q-2026-0001 …"
