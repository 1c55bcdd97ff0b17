"""Actions to Discord message parts: content split to Discord's limits, cards as embeds, errors as deliveries."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import discord
import pytest

from adapters.discord.delivery import _from_http_error
from adapters.discord.render import CONTENT_LIMIT, chunks, embed
from bot.actions import Card, DeliveryStatus, DirectMessage


@pytest.mark.parametrize(
    ("text", "sizes"),
    [
        pytest.param("short answer", [12], id="short"),
        pytest.param("a" * CONTENT_LIMIT, [CONTENT_LIMIT], id="exactly-the-limit"),
        pytest.param(("x" * 1500 + "\n") * 3, [1500, 1500, 1500], id="split-at-lines"),
        pytest.param("y" * (CONTENT_LIMIT * 2 + 5), [CONTENT_LIMIT, CONTENT_LIMIT, 5], id="hard-split-one-long-line"),
        pytest.param("", [1], id="empty-becomes-one-invisible-char"),
    ],
)
def test_chunks_fit_discords_content_limit_and_lose_nothing(text: str, sizes: list[int]) -> None:
    """Every chunk fits in 2,000 characters and, rejoined, the text is whole."""
    pieces = chunks(text)
    assert [len(p) for p in pieces] == sizes
    assert all(len(p) <= CONTENT_LIMIT for p in pieces)
    if text:
        assert "".join(pieces).replace("\n", "") == text.replace("\n", "")


def test_card_becomes_an_embed_with_title_quote_fields_and_footer() -> None:
    """Title is the clause and section, the description quotes the clause, related clauses are fields."""
    card = Card(
        "6.5 Photographs and video",
        body="No, not without consent.",
        quote="Staff must not post images of attendees.\nConsent is recorded.",
        fields=(("Related", "6.6 Consent"),),
        footer="LEAPS Social Media Policy",
        colour="warning",
    )
    data = embed(card).to_dict()
    assert data["title"] == "6.5 Photographs and video"
    expected = "No, not without consent.\n\n> Staff must not post images of attendees.\n> Consent is recorded."
    assert data["description"] == expected
    assert data["fields"] == [{"name": "Related", "value": "6.6 Consent", "inline": False}]
    assert data["footer"] == {"text": "LEAPS Social Media Policy"}
    assert data["color"] == 0xF59E0B


def test_oversized_card_is_cut_to_discords_embed_limits() -> None:
    """Over-long parts are shortened and fields stop before the 6,000-character embed total."""
    card = Card("t" * 300, quote="q" * 5000, fields=tuple((f"f{i}", "v" * 1100) for i in range(30)))
    em = embed(card)
    assert len(em.title or "") == 256 and len(em.description or "") == 4096
    assert len(em.fields) <= 25 and all(len(f.value or "") <= 1024 for f in em.fields)
    assert len(em) <= 6000


def _http_error(status: int, code: int) -> discord.HTTPException:
    response = SimpleNamespace(status=status, reason="reason")
    return discord.HTTPException(response, {"code": code, "message": "m"})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("status", "code", "expected"),
    [
        pytest.param(403, 50007, DeliveryStatus.REFUSED, id="dms-closed"),
        pytest.param(404, 10013, DeliveryStatus.REFUSED, id="unknown-user"),
        pytest.param(403, 50013, DeliveryStatus.REFUSED, id="missing-permissions"),
        pytest.param(503, 0, DeliveryStatus.FAILED, id="outage-may-recover"),
        pytest.param(429, 0, DeliveryStatus.FAILED, id="rate-limited-after-retries"),
    ],
)
def test_platform_errors_become_deliveries(status: int, code: int, expected: DeliveryStatus) -> None:
    """A refusal that will not change is REFUSED; anything that may recover is FAILED; neither raises."""
    delivery = _from_http_error(DirectMessage("discord", "1", "text"), _http_error(status, code))
    assert delivery.status is expected
    assert "text" not in delivery.reason


ANSWER = Card(
    "6.9 · Responsibilities when using social media",
    body="Social Media Policy, clause 6.9; see also 6.7, 6.8.",
    quote="Adults must be cautious about following parents.\nSecond line.",
    fields=(("Also close: 6.8", "Adults must be cautious about former attendees…"),),
    footer="To raise a concern, use /report.",
    colour="info",
    summary="Be cautious about friending attendees' parents on social media.",
    summary_label="In short",
)


def test_an_answer_opens_with_its_summary_and_keeps_the_clause_in_a_field() -> None:
    """The short answer is the description; the clause number and title name a field quoting the clause."""
    data = embed(ANSWER).to_dict()
    assert "title" not in data
    assert data["description"] == "**In short:** Be cautious about friending attendees' parents on social media."
    clause, related = data["fields"]
    assert clause["name"] == ANSWER.title
    assert clause["value"] == f"{ANSWER.body}\n> Adults must be cautious about following parents.\n> Second line."
    assert related["name"] == "Also close: 6.8"
    assert data["footer"] == {"text": ANSWER.footer}


def test_every_clause_of_the_shipped_policy_fits_an_embed_whole() -> None:
    """A long clause is split over fields of at most 1,024 characters and nothing of it is lost."""
    from bot.guidance.answer import answer_card
    from bot.guidance.model import Match
    from tests.guidance_support import LIBRARY

    for clause in LIBRARY.policy("social-media").clauses:
        card = answer_card(LIBRARY, [Match("social-media", clause.id, 80.0)], date(2026, 12, 2)).card()
        em = embed(card)
        assert len(em) <= 6000 and all(len(f.value or "") <= 1024 for f in em.fields)
        shown = "".join(f.value or "" for f in em.fields).replace("> ", "").replace("\n", "").replace(">", "")
        assert "".join(clause.text.split()) in "".join(shown.split()), clause.id
        assert (em.description or "").startswith("**In short:** ")
