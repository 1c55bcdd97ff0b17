"""The moderation feature through the real core and the fake platform: who is told what, and what is recorded."""

from __future__ import annotations

import dataclasses
import logging

import pytest

from bot.actions import DirectMessage, PrivateNotice, Reply
from bot.citations import Citations
from bot.deployment import Deployment, PlatformChannels
from bot.events import Attachment, ChannelKind, MessagePosted, Origin
from bot.guidance.loader import read_policies
from bot.moderation import MemoryWarningLog, ModerationFeature, WarningRecord
from bot.scanner import Scanner
from tests.conftest import ROOT
from tests.fakes import FakePlatform

LEAD_SLACK = "U0SAFELEAD"
SHIPPED = Citations.from_policies(read_policies(ROOT / "knowledge"))  # what the shipped knowledge cites


def make(deployment: Deployment) -> tuple[FakePlatform, MemoryWarningLog]:
    log = MemoryWarningLog()
    scanner = Scanner(deployment, SHIPPED)
    fake = FakePlatform([ModerationFeature(scanner, log, deployment)], deployment)
    return fake, log


async def post_on_slack(fake: FakePlatform, text: str, *, user: str = "U1", images: int = 0, message_id: str = "m1"):
    """A post on a platform the Safeguard Lead has an id on (the fake's own platform has none)."""
    origin = Origin("slack", user, "C9", ChannelKind.SHARED, "T1", message_id, user_name="Sam", channel_name="public")
    attachments = tuple(Attachment(f"p{i}.jpg", True) for i in range(images))
    event = MessagePosted(origin, text, attachments, permalink=f"https://slack.test/C9/{message_id}")
    return await fake.core.handle(event)


async def test_warning_is_private_to_the_author(deployment: Deployment):
    """A shared-channel post naming an attendee gets one private notice to its author and nothing public."""
    fake, log = make(deployment)
    await fake.post("great session with Amelia Hart today!", user="U7", channel="C9")
    assert fake.adapter.replies == [] and fake.adapter.dms == []
    [notice] = fake.adapter.notices
    assert (notice.user_id, notice.channel_id) == ("U7", "C9")
    assert "child or young person" in notice.text and "6.4, 6.5, 6.18" in notice.text
    assert "edit" in notice.text and "delete" in notice.text
    [record] = log.records
    assert (record.user_id, record.channel_id, record.kinds, record.delivered) == ("U7", "C9", ("attendee",), True)
    assert record.clauses == ("6.4", "6.5", "6.18") and record.permalink.startswith("https://chat.test/C9/")


@pytest.mark.parametrize("kind", [ChannelKind.INTERNAL, ChannelKind.DM])
async def test_channels_outsiders_cannot_read_are_left_alone(deployment: Deployment, kind: ChannelKind):
    """Internal channels and DMs are not moderated: no warning, no record."""
    fake, log = make(deployment)
    await fake.post("Amelia Hart 07700 900123", kind=kind)
    assert fake.actions == [] and log.records == []


async def test_ignored_channel_is_left_alone(deployment: Deployment):
    """A channel on the deployment's ignore list is not moderated even when shared."""
    ignoring = dataclasses.replace(deployment, channels={"test": PlatformChannels(ignore=("C9",))})
    fake, log = make(ignoring)
    await fake.post("Amelia Hart", channel="C9")
    assert fake.actions == [] and log.records == []


async def test_harmless_post_gets_nothing(deployment: Deployment):
    """A post with nothing to warn about gets no message and no record."""
    fake, log = make(deployment)
    await fake.post("The kids' confidence leaps every week, lovely to see")
    assert fake.actions == [] and log.records == []


async def test_photo_warning_explains_permission(deployment: Deployment):
    """A post with an image is told that photos need permission and belong on the official page."""
    fake, _ = make(deployment)
    await fake.post("What a night!", images=2)
    [notice] = fake.adapter.notices
    assert "permission" in notice.text and "official page" in notice.text and "6.14" in notice.text


async def test_edit_is_scanned_again_without_repeating_a_warning(deployment: Deployment):
    """An edit with the same kinds is not warned again; an edit adding a kind is warned about that kind only."""
    fake, log = make(deployment)
    await fake.post("Amelia Hart did brilliantly", message_id="77")
    await fake.edit("Amelia Hart did brilliantly!!", message_id="77")
    assert len(fake.adapter.notices) == 1
    await fake.edit("Amelia Hart did brilliantly, call 07700 900123", message_id="77")
    assert len(fake.adapter.notices) == 2
    assert (
        "telephone number" in fake.adapter.notices[1].text
        and "child or young person" not in fake.adapter.notices[1].text
    )
    assert [r.kinds for r in log.records] == [("attendee",), ("phone",)]


async def test_edit_of_an_unwarned_post_is_warned(deployment: Deployment):
    """A clean post edited to add contact details is warned about on the edit."""
    fake, log = make(deployment)
    await fake.post("Ring me if you're late", message_id="5")
    await fake.edit("Ring me on 07700 900123 if you're late", message_id="5")
    assert len(fake.adapter.notices) == 1 and log.records[0].kinds == ("phone",)


async def test_closed_dms_are_recorded_and_nothing_goes_public(deployment: Deployment):
    """When the author cannot be reached privately, nothing is posted instead and the record says undelivered."""
    fake, log = make(deployment)
    fake.adapter.refuse_users.add("U1")
    sent = await fake.post("email me at jo.bloggs@gmail.com", user="U1")
    assert [type(a) for a in sent] == [PrivateNotice]  # attempted privately, and only privately
    assert fake.actions == []
    [record] = log.records
    assert record.delivered is False and record.kinds == ("email",)


async def test_attendee_with_phone_alerts_the_lead(deployment: Deployment):
    """An attendee named with a phone number sends the lead a DM with who, where, kinds and link, not the text."""
    fake, log = make(deployment)
    text = "Amelia Hart's mum is on 07700 900321"
    await post_on_slack(fake, text, user="U5", message_id="1700.1")
    [alert] = fake.adapter.dms
    assert isinstance(alert, DirectMessage) and alert.user_id == LEAD_SLACK
    assert "U5" in alert.text and "C9" in alert.text and "https://slack.test/C9/1700.1" in alert.text
    assert "attendee, phone" in alert.text
    assert "Amelia" not in alert.text and "07700" not in alert.text
    assert log.records[0].lead_notified is True


async def test_attendee_alone_does_not_alert_the_lead(deployment: Deployment):
    """A name on its own is warned about but not escalated."""
    fake, log = make(deployment)
    await post_on_slack(fake, "Oliver Bennett was on top form tonight")
    assert fake.adapter.dms == [] and len(fake.adapter.notices) == 1 and log.records[0].lead_notified is False


async def test_lead_alert_is_configurable(deployment: Deployment):
    """With notify_lead_with_attendee set to images only, a name with a phone number does not alert the lead."""
    fake, log = make(dataclasses.replace(deployment, notify_lead_with_attendee=("image",)))
    await post_on_slack(fake, "Amelia Hart's mum is on 07700 900321")
    assert fake.adapter.dms == [] and log.records[0].lead_notified is False
    await post_on_slack(fake, "Amelia Hart at the party", images=1, message_id="m2")
    assert len(fake.adapter.dms) == 1 and log.records[1].lead_notified is True


async def test_lead_is_alerted_even_when_the_author_cannot_be_reached(deployment: Deployment):
    """Closed DMs do not stop the escalation; the lead's alert says the warning was not delivered."""
    fake, log = make(deployment)
    fake.adapter.refuse_users.add("U1")
    await post_on_slack(fake, "Theo Marsh lives at 4 Mill Road IP3 9AA", user="U1")
    [alert] = fake.adapter.dms
    assert "could NOT be delivered" in alert.text
    assert (log.records[0].delivered, log.records[0].lead_notified) == (False, True)


async def test_bot_posts_are_not_scanned(deployment: Deployment):
    """Posts by bots (including this one) are dropped by the core before moderation."""
    fake, log = make(deployment)
    origin = fake.origin("B1", "C9", ChannelKind.SHARED)
    await fake.core.handle(MessagePosted(origin, "Amelia Hart 07700 900123", author_is_bot=True))
    assert fake.actions == [] and log.records == []


async def test_logs_never_carry_text_or_names(deployment: Deployment, caplog: pytest.LogCaptureFixture):
    """Nothing the post said reaches the log, even at debug level."""
    caplog.set_level(logging.DEBUG)
    fake, _ = make(deployment)
    fake.adapter.refuse_users.add(LEAD_SLACK)
    await post_on_slack(fake, "Isla Pryce, 12 Orchard Close, 07700 900999, isla@example.com", images=1)
    for secret in ("Isla", "Pryce", "Orchard", "900999", "isla@example.com", "Sam"):
        assert secret not in caplog.text
    assert "moderation warning" in caplog.text


async def test_handles_only_its_own_events(deployment: Deployment):
    """Commands and mentions are not the feature's to answer."""
    fake, _ = make(deployment)
    sent = await fake.say("Amelia Hart", dm=False)
    assert not any(isinstance(a, PrivateNotice | Reply) and "child" in a.text for a in sent)


class BrokenLog(MemoryWarningLog):
    """A warning log whose store is down."""

    async def record_warning(self, record: WarningRecord) -> None:
        raise ConnectionError("store down")

    async def warned_kinds(self, platform: str, channel_id: str, message_id: str) -> frozenset[str]:
        raise ConnectionError("store down")


async def test_author_is_warned_even_when_the_log_is_down(deployment: Deployment, caplog: pytest.LogCaptureFixture):
    """A failing warning store does not stop the private warning, and the failure is logged without content."""
    fake = FakePlatform([ModerationFeature(Scanner(deployment), BrokenLog(), deployment)], deployment)
    await fake.post("Amelia Hart at LEAPS")
    assert len(fake.adapter.notices) == 1 and fake.adapter.replies == []
    assert "ConnectionError" in caplog.text and "Amelia" not in caplog.text
