"""Warning and alert texts: they name kinds and clauses, and never repeat the detail they warn about."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.actions import Action, Card
from bot.citations import Citations
from bot.deployment import Deployment
from bot.events import Attachment, ChannelKind, MessagePosted, Origin
from bot.moderation import MemoryWarningLog, ModerationFeature, lead_alert_card, warning_card
from bot.moderation.messages import DESCRIPTIONS
from bot.scanner import KINDS, Scanner
from tests.fakes import FakePlatform


def everything_said(action: Action) -> str:
    """The plain text and every part of the card of an action, lower-cased."""
    card: Card | None = action.card
    parts = [action.text]
    if card:
        parts += [card.title, card.body, card.quote, card.footer, *(f"{k} {v}" for k, v in card.fields)]
    return "\n".join(parts).lower()


async def test_no_warning_repeats_a_detected_detail(
    deployment: Deployment, moderation_dev_cases: list[dict], citations: Citations
):
    """For every development post, neither the author's warning nor the lead's alert contains a detected span."""
    cases = moderation_dev_cases
    scanner = Scanner(deployment, citations)
    fake = FakePlatform([ModerationFeature(scanner, MemoryWarningLog(), deployment)], deployment)
    checked = 0
    for n, case in enumerate(cases):
        text = case["text"]
        spans = [text[f.start : f.end].strip().lower() for f in scanner.scan(text) if f.end > f.start]
        origin = Origin("slack", "U1", "C9", ChannelKind.SHARED, "T1", f"m{n}", user_name="Sam", channel_name="open")
        attachments = tuple(Attachment(f"{i}.jpg", True) for i in range(case["images"]))
        sent = await fake.core.handle(MessagePosted(origin, text, attachments, permalink=f"https://x.test/{n}"))
        assert bool(sent) == bool(scanner.scan(text, case["images"]))
        for action in sent:
            said = everything_said(action)
            for span in spans:
                assert span not in said, f"post {n}: a warning repeats a detected detail"
            checked += 1
    assert checked > 40


@pytest.mark.parametrize("kind", KINDS)
def test_warning_names_the_kind_and_its_clauses(kind: str, citations: Citations):
    """Each kind is described in words and cited by the clause numbers the knowledge gives it."""
    text, card = warning_card([kind], citations)
    assert citations.for_kind(kind), "the shipped knowledge cites a clause for every kind"
    assert f"{DESCRIPTIONS[kind]} (policy {', '.join(citations.for_kind(kind))})" in text
    assert card.colour == "warning" and card.fields == (("Policy", ", ".join(citations.for_kind(kind))),)


def test_warning_lists_clauses_in_policy_order(citations: Citations):
    """Clauses of several kinds are listed once each, 5.1 before 6.4 before 6.14."""
    text, _ = warning_card(["attendee", "phone", "image"], citations)
    assert "Policy clauses: 5.1, 6.1, 6.4, 6.5, 6.14, 6.18" in text


def test_photo_advice_only_with_an_image(citations: Citations):
    """The advice about photos appears only when the post carries an image."""
    assert "official page" not in warning_card(["phone"], citations)[0]
    assert "official page" in warning_card(["image"], citations)[0]


def test_lead_alert_has_who_where_when_and_link(citations: Citations):
    """The lead's alert gives the author, channel, time, kinds, clauses and link."""
    origin = Origin("discord", "42", "99", ChannelKind.SHARED, "G1", "555", user_name="Jo", channel_name="general")
    when = datetime(2026, 11, 25, 16, 5, tzinfo=UTC)
    text, card = lead_alert_card(origin, ["attendee", "image"], when, "https://discord.test/1/2/3", True, citations)
    for expected in ("Jo (42) on discord", "#general (99)", "2026-11-25 16:05", "attendee, image", "6.14", "/1/2/3"):
        assert expected in text
    assert card.colour == "danger" and "warned privately" in card.body
