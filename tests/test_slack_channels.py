"""Which channels are watched: the deployment's lists and Slack Connect detection, with a cache."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from adapters.slack.channels import ChannelDirectory, ChannelFacts, decide
from adapters.slack.client import make_client
from bot.deployment import PlatformChannels
from bot.events import ChannelKind
from tests.slack_fake import BOT_TOKEN, FakeSlack

SHARED, INTERNAL = ChannelKind.SHARED, ChannelKind.INTERNAL
EXTERNAL = ChannelFacts("partners", external=True)
OWN = ChannelFacts("staffroom", external=False)


@pytest.mark.parametrize(
    ("channel", "facts", "config", "kind"),
    [
        pytest.param("C0PARTNERS", EXTERNAL, PlatformChannels(), SHARED, id="slack-connect-detected"),
        pytest.param("C0STAFF", OWN, PlatformChannels(), INTERNAL, id="own-channel"),
        pytest.param("C0STAFF", OWN, PlatformChannels(watch=("C0STAFF",)), SHARED, id="watched-by-id"),
        pytest.param("C0STAFF", OWN, PlatformChannels(watch=("#StaffRoom",)), SHARED, id="watched-by-name"),
        pytest.param("C0PARTNERS", EXTERNAL, PlatformChannels(ignore=("partners",)), INTERNAL, id="ignored-by-name"),
        pytest.param(
            "C0PARTNERS", EXTERNAL, PlatformChannels(watch=("C0PARTNERS",), ignore=("C0PARTNERS",)), INTERNAL,
            id="ignore-beats-watch",
        ),
        pytest.param("C0PARTNERS", EXTERNAL, PlatformChannels(watch_detected=False), INTERNAL, id="detection-off"),
        pytest.param("C0UNKNOWN", None, PlatformChannels(), SHARED, id="unknown-counts-as-shared"),
        pytest.param("C0UNKNOWN", None, PlatformChannels(watch_detected=False), INTERNAL, id="unknown-no-detection"),
    ],
)  # fmt: skip
def test_channel_rule(channel: str, facts: ChannelFacts | None, config: PlatformChannels, kind: ChannelKind) -> None:
    """ignore beats watch beats detection; a channel Slack could not describe counts as shared while detecting."""
    assert decide(channel, facts, config) is kind


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    fake = await FakeSlack(channels={"C0PARTNERS": {"name": "partners", "is_ext_shared": True}}).start()
    yield fake
    await fake.close()


async def test_answers_are_cached_until_they_expire(fake: FakeSlack) -> None:
    """conversations.info is asked once per channel per ten minutes."""
    now = [0.0]
    directory = ChannelDirectory(make_client(BOT_TOKEN, fake.api_url), PlatformChannels(), clock=lambda: now[0])
    assert await directory.classify("C0PARTNERS") == (SHARED, "partners")
    assert await directory.classify("C0PARTNERS") == (SHARED, "partners")
    assert len(fake.of("conversations.info")) == 1
    now[0] += 601
    await directory.classify("C0PARTNERS")
    assert len(fake.of("conversations.info")) == 2


async def test_forget_asks_again(fake: FakeSlack) -> None:
    """After Slack reports a channel shared or unshared, the next post asks again."""
    directory = ChannelDirectory(make_client(BOT_TOKEN, fake.api_url), PlatformChannels())
    await directory.classify("C0STAFF")
    fake.channels["C0STAFF"] = {"name": "c0staff", "is_ext_shared": True}
    directory.forget("C0STAFF")
    assert (await directory.classify("C0STAFF"))[0] is SHARED


async def test_failed_lookup_is_not_cached(fake: FakeSlack) -> None:
    """A failed conversations.info counts as shared for now and is asked again next time."""
    directory = ChannelDirectory(make_client(BOT_TOKEN, fake.api_url), PlatformChannels())
    fake.fail("conversations.info", "missing_scope")
    assert (await directory.classify("C0STAFF"))[0] is SHARED
    assert (await directory.classify("C0STAFF"))[0] is INTERNAL
    assert len(fake.of("conversations.info")) == 2


async def test_listed_channel_needs_no_lookup(fake: FakeSlack) -> None:
    """With detection off and channels listed by id, Slack is not asked at all."""
    config = PlatformChannels(watch=("C0PARTNERS",), watch_detected=False)
    directory = ChannelDirectory(make_client(BOT_TOKEN, fake.api_url), config)
    assert (await directory.classify("C0PARTNERS"))[0] is SHARED
    assert (await directory.classify("C0OTHER"))[0] is INTERNAL
    assert fake.calls == []
