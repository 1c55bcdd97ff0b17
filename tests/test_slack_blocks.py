"""Cards as Block Kit, actions as Web API arguments, Slack markup as plain text."""

from __future__ import annotations

import pytest

from adapters.slack.blocks import MAX_BLOCKS, SECTION_LIMIT, card_blocks, chunks
from adapters.slack.outbound import delivery_for_error, notice_args, reply_args
from adapters.slack.text import plain_text, strip_mention
from bot.actions import Button, Card, DeliveryStatus, PrivateNotice, Reply

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
    quiet = {"unfurl_links": False, "unfurl_media": False}  # no link or media preview, ever
    assert reply_args(Reply("slack", "C1", "hi", "1.2")) == {"channel": "C1", "text": "hi", "thread_ts": "1.2"} | quiet
    assert reply_args(Reply("slack", "C1", "hi")) == {"channel": "C1", "text": "hi"} | quiet
    with_card = reply_args(Reply("slack", "C1", "hi", card=CARD))
    assert with_card["text"] == "hi" and with_card["blocks"] == card_blocks(CARD)


def test_private_notice_names_the_user_and_channel() -> None:
    """chat.postEphemeral needs both the channel and the one user who sees it."""
    args = notice_args(PrivateNotice("slack", "U1", "C1", "only you"))
    assert args == {"channel": "C1", "user": "U1", "text": "only you", "unfurl_links": False, "unfurl_media": False}


def test_private_notice_about_a_thread_reply_is_shown_in_that_thread() -> None:
    """A warning for a reply in a thread carries the thread's ts, so the author sees it in the thread."""
    args = notice_args(PrivateNotice("slack", "U1", "C1", "only you", thread_id="1764072000.000100"))
    assert args["thread_ts"] == "1764072000.000100"


def test_buttons_are_an_actions_block_of_commands() -> None:
    card = Card("t", "b", buttons=(Button("I've fixed it", "warning-fixed", "12", "primary"), Button("No", "x", "12")))
    *_, actions = card_blocks(card)
    assert actions["type"] == "actions"
    assert [(e["action_id"], e["value"], e.get("style")) for e in actions["elements"]] == [
        ("warning-fixed", "12", "primary"),
        ("x", "12", None),
    ]


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
