"""Warnings that answer back: "I've fixed it" rescans the post as it stands now; "I think this is wrong" asks
the leads, who allow (an entry in the store, applied to the next post at once, listed and removable by
/allowed) or uphold; the author hears the outcome privately. Through the real core, on both stores."""

from __future__ import annotations

import dataclasses
import logging

import pytest

from bot.actions import DirectMessage, PostNow, PrivateNotice, Reply, Seen
from bot.core import REFUSAL
from bot.deployment import Deployment
from bot.events import Attachment, ChannelKind, CommandInvoked, MessagePosted, Origin
from bot.moderation import ModerationFeature, WarningStore
from bot.moderation.commands import ALLOW, ALLOWED, FIXED, UPHOLD, WRONG
from bot.reports.store import CaseStore
from bot.scanner import Scanner
from tests.fakes import FakePlatform

LEAD = "U0SAFELEAD"
AUTHOR = "U7"
NUMBER = "07700 900123"
NAME = "Amelia Hart"


def make(deployment: Deployment, store: CaseStore, citations) -> tuple[FakePlatform, WarningStore]:
    log = WarningStore(store.db)
    return FakePlatform([ModerationFeature(Scanner(deployment, citations), log, deployment)], deployment), log


_ids = iter(range(1, 10_000))


async def post(fake: FakePlatform, text: str, *, user: str = AUTHOR, images: int = 0, thread: str = "") -> str:
    """A post in a shared Slack channel (the lead has a Slack id), as the platform also shows it now."""
    message_id = f"17640.{next(_ids):06d}"
    origin = Origin("slack", user, "C9", ChannelKind.SHARED, "T1", message_id, thread, "Sam", "partners")
    files = tuple(
        Attachment(f"p{i}.jpg", True, f"https://files.test/p{i}.jpg", "image/jpeg", 2048) for i in range(images)
    )
    fake.adapter.posts[("C9", message_id)] = PostNow(Seen.FOUND, text, files)
    await fake.core.handle(MessagePosted(origin, text, files, permalink=f"https://slack.test/C9/{message_id}"))
    return message_id


async def press(fake: FakePlatform, command: str, value: str, *, user: str = AUTHOR, dm: bool = False) -> list:
    """A button pressed on Slack: the command the button carries, with the warning's id."""
    kind = ChannelKind.DM if dm else ChannelKind.SHARED
    origin = Origin("slack", user, "D1" if dm else "C9", kind, "T1", user_name="someone")
    before = len(fake.actions)
    await fake.core.handle(CommandInvoked(origin, command, value))
    return fake.actions[before:]


def said(actions: list) -> str:
    return "\n".join(a.text for a in actions)


def warnings_sent(fake: FakePlatform) -> list[PrivateNotice]:
    return [n for n in fake.adapter.notices if n.card is not None and n.card.title == "Please edit or delete your post"]


def last_warning(fake: FakePlatform) -> PrivateNotice:
    return warnings_sent(fake)[-1]


def warning_id(fake: FakePlatform) -> str:
    card = last_warning(fake).card
    assert card is not None
    return card.buttons[0].args


async def test_the_warning_carries_both_answers(deployment: Deployment, store: CaseStore, citations) -> None:
    fake, log = make(deployment, store, citations)
    await post(fake, f"call me on {NUMBER}")
    card = last_warning(fake).card
    assert card is not None
    assert [(b.label, b.command) for b in card.buttons] == [
        ("I've fixed it", FIXED.name),
        ("I think this is wrong", WRONG.name),
    ]
    [record] = await log.recent_warnings()
    assert card.buttons[0].args == card.buttons[1].args == str(record.id) and record.delivered


async def test_fixed_rescans_the_post_as_it_stands_now(deployment: Deployment, store: CaseStore, citations) -> None:
    """Still there: the author hears which kinds remain; clean: resolved; the post's text is never echoed."""
    fake, log = make(deployment, store, citations)
    message = await post(fake, f"{NAME} is great, call me on {NUMBER}")
    wid = warning_id(fake)
    fake.quietly_edit(f"call me on {NUMBER}", message_id=message)
    answer = said(await press(fake, FIXED.name, wid))
    assert "still contains a telephone number" in answer and "child" not in answer and NUMBER not in answer
    assert (await log.get_warning(int(wid))).status == ""
    assert fake.adapter.lookups[-1].message_id == message  # read from the platform, not from memory
    fake.quietly_edit("see you all on Tuesday", message_id=message)
    answer = said(await press(fake, FIXED.name, wid))
    assert "resolved" in answer
    record = await log.get_warning(int(wid))
    assert record.status == "fixed" and record.status_at is not None
    assert "fixed by the author" in said(await press(fake, "warnings", "", user=LEAD, dm=True))


async def test_fixed_by_deleting_and_when_the_platform_cannot_say(
    deployment: Deployment, store: CaseStore, citations
) -> None:
    fake, log = make(deployment, store, citations)
    message = await post(fake, f"ring {NUMBER}")
    wid = warning_id(fake)
    fake.adapter.posts_unreadable = True
    assert "could not read the post" in said(await press(fake, FIXED.name, wid))
    assert (await log.get_warning(int(wid))).status == ""
    fake.adapter.posts_unreadable = False
    fake.delete(message_id=message, channel="C9")
    assert "deleted" in said(await press(fake, FIXED.name, wid))
    assert (await log.get_warning(int(wid))).status == "fixed"


async def test_images_remain_until_the_post_loses_them(deployment: Deployment, store: CaseStore, citations) -> None:
    """The rescan counts the files the platform lists on the post: none is ever downloaded."""
    fake, _ = make(deployment, store, citations)
    message = await post(fake, "what a night", images=2)
    wid = warning_id(fake)
    assert "a photo or other image" in said(await press(fake, FIXED.name, wid))
    fake.quietly_edit("what a night", message_id=message)
    assert "resolved" in said(await press(fake, FIXED.name, wid))


async def test_only_the_author_can_answer(deployment: Deployment, store: CaseStore, citations) -> None:
    fake, log = make(deployment, store, citations)
    await post(fake, f"ring {NUMBER}")
    wid = warning_id(fake)
    for command in (FIXED.name, WRONG.name):
        answer = said(await press(fake, command, wid, user="U8"))
        assert "cannot find that warning among yours" in answer
    assert (await log.get_warning(int(wid))).status == ""
    assert fake.adapter.dms == []
    assert "cannot find" in said(await press(fake, FIXED.name, "99999"))
    assert "cannot find" in said(await press(fake, FIXED.name, "not-a-number"))


async def test_wrong_goes_to_the_leads_without_the_detail(deployment: Deployment, store: CaseStore, citations) -> None:
    fake, log = make(deployment, store, citations)
    await post(fake, f"{NAME} says hi, ring {NUMBER}", images=1)
    wid = warning_id(fake)
    before = len(fake.actions)
    answer = said(await press(fake, WRONG.name, wid))
    assert "asked the Safeguard Lead" in answer
    [dispute] = [a for a in fake.actions[before:] if isinstance(a, DirectMessage)]
    assert dispute.user_id == LEAD
    assert "attendee, phone, image" in dispute.text and "6.4" in dispute.text and "5.1" in dispute.text
    assert NAME not in dispute.text and NUMBER not in dispute.text and "ring" not in dispute.text
    assert "https://slack.test/C9/" in dispute.text and "p0.jpg (image/jpeg, 2,048 bytes)" in dispute.text
    assert dispute.card is not None
    assert [(b.command, b.args) for b in dispute.card.buttons] == [(ALLOW.name, wid), (UPHOLD.name, wid)]
    assert NAME not in str(dispute.card) and NUMBER not in str(dispute.card)
    assert (await log.get_warning(int(wid))).status == "disputed"
    assert "already told" in said(await press(fake, WRONG.name, wid))


async def test_a_dispute_no_lead_receives_is_not_pretended(deployment: Deployment, store: CaseStore, citations) -> None:
    fake, log = make(deployment, store, citations)
    await post(fake, f"ring {NUMBER}")
    wid = warning_id(fake)
    fake.adapter.fail_users.add(LEAD)
    answer = said(await press(fake, WRONG.name, wid))
    assert "could not reach the Safeguard Lead" in answer and "01473 000000" in answer
    assert (await log.get_warning(int(wid))).status == ""  # the author can try again


async def test_allow_takes_effect_on_the_next_post(deployment: Deployment, store: CaseStore, citations) -> None:
    """The lead allows in one step: stored, applied at once to anyone's next post, listed, removable."""
    fake, log = make(dataclasses.replace(deployment, allow=("01473 000000",)), store, citations)
    await post(fake, f"{NAME} will sign the book at 3pm")  # a famous author who shares an attendee's name
    wid = warning_id(fake)
    await press(fake, WRONG.name, wid)
    assert REFUSAL in said(await press(fake, ALLOW.name, wid))  # the author cannot allow it themselves
    before = len(fake.actions)
    answer = said(await press(fake, ALLOW.name, wid, user=LEAD, dm=True))
    assert "1 value added to the allow list" in answer and "author has been told" in answer
    [told] = [a for a in fake.actions[before:] if isinstance(a, DirectMessage)]
    assert told.user_id == AUTHOR and "agreed with you" in told.text and "withdrawn" in told.text
    assert NAME not in told.text
    assert (await log.get_warning(int(wid))).status == "allowed"
    [entry] = await log.allowed()
    assert (entry.kind, entry.value, entry.warning_id, entry.added_by_id) == ("attendee", NAME, int(wid), LEAD)

    notices = len(warnings_sent(fake))
    await post(fake, f"queue for {NAME}'s signing starts at the door", user="U9")
    assert len(warnings_sent(fake)) == notices  # applied at once, for everyone

    listing = said(await press(fake, ALLOWED.name, "", user=LEAD, dm=True))
    assert f"{entry.id}. attendee: {NAME}" in listing and "01473 000000" in listing  # the deployment's too
    assert REFUSAL in said(await press(fake, ALLOWED.name, ""))  # leads only
    assert "Removed" in said(await press(fake, ALLOWED.name, f"remove {entry.id}", user=LEAD, dm=True))
    assert await log.allowed() == []
    await post(fake, f"{NAME} again")
    assert len(warnings_sent(fake)) == notices + 1
    assert "No allowed value has that number" in said(await press(fake, ALLOWED.name, "remove 77", user=LEAD, dm=True))


async def test_allow_only_what_the_warning_was_about(deployment: Deployment, store: CaseStore, citations) -> None:
    """A phone dispute allows the phone number: the attendee's name in a later edit is still warned about."""
    fake, log = make(deployment, store, citations)
    message = await post(fake, f"the office number is {NUMBER}")
    wid = warning_id(fake)
    await press(fake, WRONG.name, wid)
    fake.quietly_edit(f"the office number is {NUMBER}, ask for {NAME}", message_id=message)
    await press(fake, ALLOW.name, wid, user=LEAD, dm=True)
    assert [(e.kind, e.value) for e in await log.allowed()] == [("phone", NUMBER)]
    notices = len(warnings_sent(fake))
    await post(fake, "office: 07700900123", user="U9")  # written differently, the same number
    assert len(warnings_sent(fake)) == notices
    await post(fake, f"ask {NAME}", user="U9")
    assert len(warnings_sent(fake)) == notices + 1


async def test_uphold_tells_the_author_and_first_decision_wins(
    deployment: Deployment, store: CaseStore, citations
) -> None:
    fake, log = make(deployment, store, citations)
    await post(fake, f"ring {NUMBER}")
    wid = warning_id(fake)
    assert "not awaiting a decision" in said(await press(fake, UPHOLD.name, wid, user=LEAD, dm=True))
    await press(fake, WRONG.name, wid)
    before = len(fake.actions)
    assert "upheld" in said(await press(fake, UPHOLD.name, wid, user=LEAD, dm=True))
    [told] = [a for a in fake.actions[before:] if isinstance(a, DirectMessage)]
    assert told.user_id == AUTHOR and "upheld" in told.text and NUMBER not in told.text
    assert await log.allowed() == []
    assert "already upheld by U0SAFELEAD" in said(await press(fake, ALLOW.name, wid, user=LEAD, dm=True))
    fake.quietly_edit("nothing to see", message_id=(await log.get_warning(int(wid))).message_id)
    assert "resolved" in said(await press(fake, FIXED.name, wid))  # an upheld warning can still be fixed


async def test_answers_never_log_the_detail(
    deployment: Deployment, store: CaseStore, citations, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fake, _ = make(deployment, store, citations)
    message = await post(fake, f"{NAME} ring {NUMBER}")
    wid = warning_id(fake)
    fake.quietly_edit(f"ring {NUMBER}", message_id=message)
    await press(fake, FIXED.name, wid)
    await press(fake, WRONG.name, wid)
    await press(fake, ALLOW.name, wid, user=LEAD, dm=True)
    await press(fake, ALLOWED.name, "", user=LEAD, dm=True)
    text = caplog.text
    assert NAME not in text and NUMBER not in text and AUTHOR not in text and "ring" not in text


async def test_a_thread_reply_warning_names_its_thread(deployment: Deployment, store: CaseStore, citations) -> None:
    """The notice carries the thread (Slack shows it there, thread_ts) and the record keeps it."""
    fake, log = make(deployment, store, citations)
    await post(fake, f"ring {NUMBER}", thread="17640.000001")
    notice = last_warning(fake)
    assert notice.thread_id == "17640.000001" and "Your reply in a thread in #partners contains" in notice.text
    [record] = await log.recent_warnings()
    assert record.thread_id == "17640.000001"
    assert fake.adapter.notices and not isinstance(notice, Reply)
