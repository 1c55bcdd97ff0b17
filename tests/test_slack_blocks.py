"""Cards as Block Kit, actions as Web API arguments, Slack markup as plain text."""

from __future__ import annotations

import pytest

from adapters.slack.blocks import MAX_BLOCKS, SECTION_LIMIT, card_blocks, chunks
from adapters.slack.outbound import delivery_for_error, notice_args, reply_args
from adapters.slack.text import plain_text, strip_mention
from bot.actions import Card, DeliveryStatus, PrivateNotice, Reply

CARD = Card(
    title="6.2 Contact with attendees (Social media policy, section 6)",
    body="Keep contact on agreed channels & never <private> ones.",
    quote="Staff must not accept friend requests\nfrom attendees.",
    fields=(("Related clauses", "6.3, 6.7"),),
    footer="LEAPS Social Media Policy, reviewed 2025-09",
)


def test_card_renders_header_body_quote_fields_and_footer() -> None:
    """The clause and section are the header, the clause is a > quote, related clauses and footer follow."""
    blocks = card_blocks(CARD)
    assert [b["type"] for b in blocks] == ["header", "section", "section", "section", "context"]
    assert blocks[0]["text"]["text"] == CARD.title
    assert blocks[1]["text"]["text"] == "Keep contact on agreed channels &amp; never &lt;private&gt; ones."
    assert blocks[2]["text"]["text"] == ">Staff must not accept friend requests\n>from attendees."
    assert blocks[3]["fields"] == [{"type": "mrkdwn", "text": "*Related clauses*\n6.3, 6.7"}]
    assert blocks[4]["elements"][0]["text"] == CARD.footer


def test_empty_parts_of_a_card_are_left_out() -> None:
    """A card with only a title is only a header."""
    assert [b["type"] for b in card_blocks(Card("Help"))] == ["header"]


def test_long_quote_is_split_within_slack_limits() -> None:
    """Quotes longer than a section allows are split at line ends; no block breaks Slack's limits."""
    quote = "\n".join(f"line {i} " + "x" * 90 for i in range(200))
    blocks = card_blocks(Card("T", quote=quote))
    assert all(len(b["text"]["text"]) <= SECTION_LIMIT for b in blocks if b["type"] == "section")
    assert len(blocks) <= MAX_BLOCKS
    assert all(line.startswith(">") for b in blocks[1:] for line in b["text"]["text"].splitlines())


def test_too_many_blocks_are_shortened() -> None:
    """A card that would need more than 50 blocks ends with a note instead of being rejected by Slack."""
    blocks = card_blocks(Card("T", body="y" * (SECTION_LIMIT * 60)))
    assert len(blocks) == MAX_BLOCKS
    assert "shortened" in blocks[-1]["text"]["text"]


def test_chunks_keep_every_character_of_unbroken_text() -> None:
    """Text with no line breaks is cut at the limit and nothing is lost."""
    text = "z" * 7000
    pieces = chunks(text, 3000)
    assert [len(p) for p in pieces] == [3000, 3000, 1000]
    assert "".join(pieces) == text


def test_reply_goes_to_the_thread_only_when_there_is_one() -> None:
    """thread_ts is sent for a thread reply and left out otherwise; text is always there as the fallback."""
    assert reply_args(Reply("slack", "C1", "hi", "1.2")) == {"channel": "C1", "text": "hi", "thread_ts": "1.2"}
    assert reply_args(Reply("slack", "C1", "hi")) == {"channel": "C1", "text": "hi"}
    with_card = reply_args(Reply("slack", "C1", "hi", card=CARD))
    assert with_card["text"] == "hi" and with_card["blocks"] == card_blocks(CARD)


def test_private_notice_names_the_user_and_channel() -> None:
    """chat.postEphemeral needs both the channel and the one user who sees it."""
    args = notice_args(PrivateNotice("slack", "U1", "C1", "only you"))
    assert args == {"channel": "C1", "user": "U1", "text": "only you"}


@pytest.mark.parametrize(
    ("code", "status"),
    [
        pytest.param("user_not_found", DeliveryStatus.REFUSED, id="user_not_found"),
        pytest.param("cannot_dm_bot", DeliveryStatus.REFUSED, id="cannot_dm_bot"),
        pytest.param("not_in_channel", DeliveryStatus.REFUSED, id="not_in_channel"),
        pytest.param("ratelimited", DeliveryStatus.FAILED, id="ratelimited"),
        pytest.param("service_unavailable", DeliveryStatus.FAILED, id="service_unavailable"),
        pytest.param("", DeliveryStatus.FAILED, id="no-code"),
    ],
)
def test_error_codes_map_to_outcomes(code: str, status: DeliveryStatus) -> None:
    """Errors that will not clear by waiting are refused; the rest failed (worth retrying later)."""
    assert delivery_for_error(code).status is status


@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        pytest.param("<mailto:a@b.org|a@b.org>", "a@b.org", id="mailto"),
        pytest.param("<tel:+447700900123|07700 900123>", "07700 900123", id="tel"),
        pytest.param("<https://x.org/a|the page>", "the page", id="link-with-label"),
        pytest.param("<https://x.org/a>", "https://x.org/a", id="bare-link"),
        pytest.param("<@U1|sam> and <@U2>", "@sam and @U2", id="users"),
        pytest.param("<#C1|general>", "#general", id="channel"),
        pytest.param("<!here> <!subteam^S1|@leads>", "@here @leads", id="special"),
        pytest.param("fish &amp; chips &lt;3 &gt;", "fish & chips <3 >", id="entities"),
    ],
)
def test_slack_markup_reads_as_the_reader_saw_it(raw: str, plain: str) -> None:
    """Links by their label, mentions by name, entities decoded: what the scanner and the matcher need."""
    assert plain_text(raw) == plain


def test_bot_mention_is_removed_from_the_question() -> None:
    """ "@Safeguard can I ..." reads as "can I ..." whichever way Slack wrote the mention."""
    assert strip_mention("<@U0BOT> can I  <@U0BOT|safeguard> post?", "U0BOT") == "can I post?"


ANSWER = Card(
    "6.9 · Responsibilities when using social media",
    body="Social Media Policy, clause 6.9; see also 6.7, 6.8.",
    quote="Adults must be cautious <about> parents.\n\nSecond paragraph.",
    fields=(("Sam Lead", "Safeguard Lead · 01632 960000"),),
    footer="To raise a concern, use /report.",
    summary="Be cautious about friending attendees' parents & carers.",
    summary_label="In short",
)


def test_an_answer_opens_with_its_summary_and_shows_the_clause_small() -> None:
    """Summary first (marked), then the clause number and title, then the clause in a context block."""
    blocks = card_blocks(ANSWER)
    assert [b["type"] for b in blocks] == ["section", "section", "context", "section", "context"]
    assert blocks[0]["text"]["text"] == "*In short:* Be cautious about friending attendees' parents &amp; carers."
    assert blocks[1]["text"]["text"] == f"*{ANSWER.title}*\n{ANSWER.body}"
    assert blocks[2]["elements"] == [
        {"type": "mrkdwn", "text": ">Adults must be cautious &lt;about&gt; parents.\n>\n>Second paragraph."}
    ]
    assert blocks[3]["fields"] == [{"type": "mrkdwn", "text": "*Sam Lead*\nSafeguard Lead · 01632 960000"}]


def test_every_clause_of_the_shipped_policy_fits_slacks_limits_whole() -> None:
    """Each clause's answer keeps the whole clause, in context elements of at most 2,000 characters."""
    from datetime import date

    from bot.guidance.answer import answer_card
    from bot.guidance.model import Match
    from tests.guidance_support import LIBRARY

    for clause in LIBRARY.policy("social-media").clauses:
        blocks = card_blocks(answer_card(LIBRARY, [Match("social-media", clause.id, 80.0)], date(2026, 12, 2)).card())
        assert blocks[0]["text"]["text"].startswith("*In short:* ") and len(blocks) <= MAX_BLOCKS
        elements = [e["text"] for b in blocks if b["type"] == "context" for e in b["elements"]][:-1]  # not the footer
        assert all(len(e) <= 2000 for e in elements) and all(len(b.get("elements", ())) <= 10 for b in blocks)
        shown = "".join(elements).replace(">", "").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        assert "".join(clause.text.split()) == "".join(shown.split()), clause.id
