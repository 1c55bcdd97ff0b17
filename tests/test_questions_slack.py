"""Questions on Slack, end to end: the real features behind the real bolt app, against the fake Slack."""

from __future__ import annotations

from typing import Any

from tests import e2e_fixtures
from tests.slack_fake import TEAM, FakeSlack, Rig
from tests.test_relay_slack import button_click, form_submission
from tests.test_slack_e2e import LEAD, LEAD_DM, channel_posts, dms_to, fake, rig, watching

store, features = e2e_fixtures.store, e2e_fixtures.features
__all__ = ["fake", "features", "rig", "store", "watching"]  # the fixtures these tests use


def press(element: dict[str, Any], *, user: str, channel: str) -> dict[str, Any]:
    """A block_actions payload: ``user`` pressed ``element``, a button the bot sent, in ``channel``."""
    return button_click({"blocks": [{"type": "actions", "elements": [element]}]}, user=user, channel=channel, ts="1")


async def test_buttons_hand_a_question_to_the_lead_and_the_answer_button_brings_it_back(
    rig: Rig, fake: FakeSlack
) -> None:
    """/policy not covered; "Ask the Safeguard Lead" pressed: the lead gets it by DM with an Answer button, whose
    form's text reaches the asker by DM. Nothing is posted in a channel."""
    await rig.command("/policy", "a parent wants to buy my old bike through facebook marketplace")
    (answer,) = await fake.wait_for_call("chat.postEphemeral")
    ask = answer.body["blocks"][-1]["elements"][0]
    assert ask["text"]["text"] == "Ask the Safeguard Lead" and ask["style"] == "primary"
    await rig.interactive(press(ask, user="U0STAFF", channel="C0STAFFROOM"))
    await fake.wait_for(lambda: dms_to(fake, LEAD_DM))
    (ack,) = [c.body for c in fake.of("chat.postEphemeral")][1:]
    assert ack["user"] == "U0STAFF" and "Q-2026-0001" in ack["text"]
    (to_lead,) = dms_to(fake, LEAD_DM)
    assert "Q-2026-0001" in to_lead["text"] and "facebook marketplace" in to_lead["text"]
    reply = to_lead["blocks"][-1]["elements"][0]
    assert reply["text"]["text"] == "Answer"
    await rig.interactive(press(reply, user=LEAD, channel=LEAD_DM))
    (opened,) = await fake.wait_for_call("views.open")
    view = opened.body["view"]
    await rig.interactive(form_submission(view, user=LEAD, text="Better not: keep work and home apart.", view_id="V1"))
    await fake.wait_for(lambda: dms_to(fake, "D0STAFF"))
    (to_asker,) = dms_to(fake, "D0STAFF")
    assert "Q-2026-0001" in to_asker["text"] and "Better not: keep work and home apart." in to_asker["text"]
    await rig.adapter.idle()  # every delivery recorded before the store closes
    assert channel_posts(fake) == []
    assert TEAM  # the payloads are the workspace's
