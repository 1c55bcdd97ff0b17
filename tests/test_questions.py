"""Feedback, hand-off, a person's answer, teaching and counts, through the real features and core.

Every test runs the bot's real features (``build_features``) behind the fake adapter on a real store
(SQLite, and PostgreSQL when ``TEST_DATABASE_URL`` is set), with events as the Slack adapter makes them.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.actions import Button, DirectMessage, PrivateNotice, Reply
from bot.app import build_features
from bot.core import REFUSAL, Core
from bot.deployment import Deployment, SafeguardLead
from bot.events import BotAddressed, ChannelKind, CommandInvoked
from bot.questions import QuestionsFeature
from bot.reports.store import CaseStore
from bot.settings import Settings
from bot.storage.tables import messages, questions
from tests.escalation_support import LEAD, Clock, opened, origin
from tests.fakes import FakeAdapter

ROOT = Path(__file__).resolve().parent.parent
ASKER = "U0ASKER"
MAINTAINER = "U0EDITOR"
#: Names an attendee on the fixture's roster and a phone number: neither may be stored or reach a lead.
EXPOSING = "Amelia Hart gave me her number 07700 900123 can I text her"
NOT_COVERED = "a parent wants to buy my old bike through facebook marketplace"


class Bot:
    """The real features on a real store, driven like Slack drives them; ``adapter.actions`` is what was sent."""

    def __init__(self, store: CaseStore, deployment: Deployment, clock: Clock) -> None:
        settings = Settings(knowledge_dir=ROOT / "knowledge")
        self.features = build_features(settings, deployment, store)
        self.adapter = FakeAdapter(platform="slack")
        self.core = Core(self.features, self.adapter.perform, deployment, clock, check_sent=self.adapter.check_sent)
        self.store = store
        self.clock = clock

    @property
    def questions(self) -> QuestionsFeature:
        return next(f for f in self.features if isinstance(f, QuestionsFeature))

    async def ask(self, text: str, *, user: str = ASKER, dm: bool = True) -> Reply | PrivateNotice:
        kind = ChannelKind.DM if dm else ChannelKind.INTERNAL
        before = len(self.adapter.actions)
        await self.core.handle(BotAddressed(origin(user, f"D-{user}" if dm else "C1", kind), text))
        (answer,) = [a for a in self.adapter.actions[before:] if isinstance(a, Reply | PrivateNotice) and a.card]
        return answer

    async def command(self, name: str, text: str = "", *, user: str = ASKER) -> list:
        before = len(self.adapter.actions)
        await self.core.handle(CommandInvoked(origin(user, "C1"), name, text))
        return self.adapter.actions[before:]

    async def press(self, button: Button, *, user: str = ASKER) -> list:
        """What an adapter does with a press: the button's command, with its text, from the presser."""
        return await self.command(button.command, button.args, user=user)

    async def rows(self) -> list[dict]:
        async with self.store.db.tx() as conn:
            return [dict(r) for r in (await conn.execute(select(questions).order_by(questions.c.id))).mappings()]

    async def outbox_pass(self) -> None:
        await self.questions.worker.run_once(self.core.context())


def button(answer: Reply | PrivateNotice | DirectMessage, label: str) -> Button:
    assert answer.card is not None
    return next(b for b in answer.card.buttons if b.label == label)


@pytest.fixture
async def store(backend: tuple[str, str]) -> AsyncIterator[CaseStore]:
    async with opened(*backend) as s:
        yield s


@pytest.fixture
def bot(store: CaseStore, deployment: Deployment) -> Bot:
    return Bot(store, deployment, Clock())


async def test_every_answer_carries_feedback_and_not_covered_offers_the_lead(bot: Bot) -> None:
    """A clause answer carries Helpful and Not what I asked; "not covered" also Ask the Safeguard Lead.

    The plain text (what the console prints) names the command each button stands for.
    """
    answered = await bot.ask("can I accept a friend request from a parent?")
    assert answered.card is not None and answered.card.title.startswith("6.9 ")
    assert [b.label for b in answered.card.buttons] == ["Helpful", "Not what I asked"]
    key = answered.card.buttons[0].args
    assert f"/helpful {key}" in answered.text and f"/not-what-i-asked {key}" in answered.text
    not_covered = await bot.ask(NOT_COVERED)
    assert not_covered.card is not None and not_covered.card.colour == "warning"
    assert [b.label for b in not_covered.card.buttons] == ["Ask the Safeguard Lead", "Helpful", "Not what I asked"]
    assert len({answered.card.buttons[0].args, not_covered.card.buttons[0].args}) == 2  # a key per answer


async def test_a_question_is_stored_only_once_its_asker_marks_it_and_then_scrubbed(bot: Bot) -> None:
    """Answering writes a count with no text and nobody named; "Not what I asked" keeps the text, scrubbed."""
    answer = await bot.ask(EXPOSING)
    [row] = await bot.rows()
    assert row["text"] is None and row["asker_id"] == "" and row["feedback"] == ""
    [reply] = await bot.press(button(answer, "Not what I asked"))
    assert isinstance(reply, PrivateNotice) and reply.card is not None
    assert [b.label for b in reply.card.buttons] == ["Ask the Safeguard Lead"]
    [row] = await bot.rows()
    assert row["feedback"] == "wrong" and row["asker_id"] == ""
    assert row["text"] == "[name] gave me her number [phone number] can I text her"


async def test_helpful_is_counted_and_thanked(bot: Bot) -> None:
    answer = await bot.ask("can I accept a friend request from a parent?")
    [reply] = await bot.press(button(answer, "Helpful"))
    assert isinstance(reply, PrivateNotice) and "Thank you" in reply.text
    [row] = await bot.rows()
    assert row["feedback"] == "helpful" and row["text"] == "can I accept a friend request from a parent?"


async def test_a_key_someone_else_was_given_does_not_reveal_their_question(bot: Bot) -> None:
    """Only the asker's own press stores (and hands on) their words; another person's press stores none."""
    answer = await bot.ask(NOT_COVERED)
    await bot.press(button(answer, "Helpful"), user="U0OTHER")
    [row] = await bot.rows()
    assert row["feedback"] == "helpful" and row["text"] is None
    [reply] = await bot.press(button(answer, "Ask the Safeguard Lead"), user="U0OTHER")
    assert "no longer have that question" in reply.text
    assert bot.adapter.dms == []


async def test_hand_off_reaches_the_lead_privately_and_their_answer_reaches_the_asker(bot: Bot) -> None:
    """Ask the Safeguard Lead: stored with a Q reference, sent to the lead scrubbed; /answer goes back privately."""
    answer = await bot.ask(EXPOSING, dm=False)  # asked in a channel: answered privately
    assert isinstance(answer, PrivateNotice) and answer.user_id == ASKER
    [offer] = await bot.press(button(answer, "Not what I asked"))
    sent = await bot.press(button(offer, "Ask the Safeguard Lead"))
    ack = next(a for a in sent if isinstance(a, PrivateNotice))
    assert "Q-2026-0001" in ack.text and "Karen Double" in ack.text
    [to_lead] = [a for a in sent if isinstance(a, DirectMessage)]
    assert to_lead.user_id == LEAD and "Q-2026-0001" in to_lead.text
    assert "[name] gave me her number [phone number]" in to_lead.text
    assert "Amelia" not in to_lead.text and "07700" not in to_lead.text
    assert to_lead.card is not None and ("The asker said", "Not what I asked") in to_lead.card.fields

    replies = await bot.command("answer", "q-2026-0001 No: keep contact to work channels (policy 6.7).", user=LEAD)
    assert any(isinstance(a, PrivateNotice) and a.user_id == LEAD and "on its way" in a.text for a in replies)
    [to_asker] = [a for a in replies if isinstance(a, DirectMessage)]
    assert to_asker.user_id == ASKER and "Q-2026-0001" in to_asker.text
    assert "No: keep contact to work channels" in to_asker.text and "Karen Double" in to_asker.text
    [row] = await bot.rows()
    assert row["ref"] == "Q-2026-0001" and row["answered_at"] is not None and row["asker_id"] == ASKER


async def test_ask_lead_with_a_question_typed_straight_away(bot: Bot) -> None:
    sent = await bot.command("ask-lead", "who covers the Tuesday session when Karen is away?")
    assert any(isinstance(a, PrivateNotice) and "Q-2026-0001" in a.text for a in sent)
    assert [a.user_id for a in sent if isinstance(a, DirectMessage)] == [LEAD]


async def test_a_question_that_cannot_be_stored_is_never_acknowledged(bot: Bot) -> None:
    """The store fails: the asker hears it did not go (and the lead's number), and no lead is messaged."""
    answer = await bot.ask(NOT_COVERED)
    await bot.store.db.aclose()
    [reply] = await bot.press(button(answer, "Ask the Safeguard Lead"))
    assert isinstance(reply, PrivateNotice) and "could not pass your question on" in reply.text
    assert "01473 000000" in reply.text and "Q-" not in reply.text
    assert bot.adapter.dms == []


async def test_a_lead_unreachable_now_gets_the_question_from_the_outbox_later(bot: Bot) -> None:
    bot.adapter.fail_users.add(LEAD)
    answer = await bot.ask(NOT_COVERED)
    sent = await bot.press(button(answer, "Ask the Safeguard Lead"))
    assert any("Q-2026-0001" in a.text for a in sent if isinstance(a, PrivateNotice))
    assert bot.adapter.dms == []
    bot.adapter.fail_users.clear()
    bot.clock.advance(minutes=5)
    await bot.outbox_pass()
    [dm] = bot.adapter.dms
    assert dm.user_id == LEAD and "Q-2026-0001" in dm.text


async def test_knowledge_maintainers_receive_questions_and_may_answer_and_teach(
    store: CaseStore, deployment: Deployment
) -> None:
    """With ``knowledge_maintainers`` named, questions go to them instead of the leads; members may not answer."""
    maintained = replace(deployment, knowledge_maintainers=(SafeguardLead(name="Eddie Editor", slack=MAINTAINER),))
    bot = Bot(store, maintained, Clock())
    answer = await bot.ask(NOT_COVERED)
    sent = await bot.press(button(answer, "Ask the Safeguard Lead"))
    assert [a.user_id for a in sent if isinstance(a, DirectMessage)] == [MAINTAINER]
    assert (await bot.command("answer", "Q-2026-0001 yes", user="U0MEMBER"))[0].text == REFUSAL
    assert (await bot.command("teach", "Q-2026-0001 6.9", user="U0MEMBER"))[0].text == REFUSAL
    assert (await bot.command("stats", user=MAINTAINER))[0].text == REFUSAL  # counts are for leads
    replies = await bot.command("answer", "Q-2026-0001 yes, through the office", user=MAINTAINER)
    assert [a.user_id for a in replies if isinstance(a, DirectMessage)] == [ASKER]
    assert "Eddie Editor" in next(a for a in replies if isinstance(a, DirectMessage)).text


async def test_teaching_makes_a_differently_worded_question_land_on_the_clause(bot: Bot) -> None:
    """After /teach, a question worded differently (held back: never taught) gets the taught clause."""
    held_back = "can I sell my sofa to a mum from the club on marketplace"
    assert (await bot.ask(held_back)).card.colour == "warning"  # type: ignore[union-attr]  # not covered before
    answer = await bot.ask(NOT_COVERED)
    await bot.press(button(answer, "Ask the Safeguard Lead"))
    [reply] = await bot.command("teach", "Q-2026-0001 6.9", user=LEAD)
    assert reply.card is not None and reply.card.title.startswith("Learned: 6.9 ")
    after = await bot.ask(held_back)
    assert after.card is not None and after.card.title.startswith("6.9 ")
    # a restarted bot on the same store loads what was taught before its first answer
    again = Bot(bot.store, bot.core.deployment, Clock())  # type: ignore[arg-type]
    assert (await again.ask(held_back)).card.title.startswith("6.9 ")  # type: ignore[union-attr]


async def test_a_taught_phrasing_keeps_no_names_or_numbers(bot: Bot) -> None:
    answer = await bot.ask(EXPOSING)  # the roster makes Amelia an attendee: answered, so handed on as not what I asked
    [offer] = await bot.press(button(answer, "Not what I asked"))
    await bot.press(button(offer, "Ask the Safeguard Lead"))
    await bot.command("teach", "Q-2026-0001 6.7", user=LEAD)
    learned = await bot.questions.store.learned()
    assert learned == [("social-media", "6.7", "gave me her number can I text her")]


async def test_teach_names_what_is_wrong(bot: Bot) -> None:
    answer = await bot.ask(NOT_COVERED)
    await bot.press(button(answer, "Ask the Safeguard Lead"))
    assert "No policy has a clause 99.9" in (await bot.command("teach", "Q-2026-0001 99.9", user=LEAD))[0].text
    assert "There is no handed-off question" in (await bot.command("teach", "Q-2026-0042 6.9", user=LEAD))[0].text


async def test_the_lead_message_offers_teach_buttons_for_likely_clauses(bot: Bot) -> None:
    answer = await bot.ask("can i give one of the teenagers my old mobile")
    [offer] = await bot.press(button(answer, "Not what I asked"))
    sent = await bot.press(button(offer, "Ask the Safeguard Lead"))
    [to_lead] = [a for a in sent if isinstance(a, DirectMessage)]
    assert to_lead.card is not None
    teach = [b for b in to_lead.card.buttons if b.command == "teach"]
    assert teach and all(b.args.startswith("Q-2026-0001 social-media ") for b in teach)
    rejected = answer.card.title.split(" ")[0]  # type: ignore[union-attr]
    assert f"Teach {rejected}" not in [b.label for b in teach]  # not the clause the asker said was wrong
    [reply] = await bot.press(teach[0], user=LEAD)
    assert reply.card is not None and reply.card.title.startswith("Learned: ")


async def test_stats_counts_only(bot: Bot) -> None:
    a = await bot.ask("can I accept a friend request from a parent?")
    await bot.press(button(a, "Helpful"))
    b = await bot.ask(NOT_COVERED)
    await bot.press(button(b, "Not what I asked"))
    await bot.press(button(b, "Ask the Safeguard Lead"))
    await bot.command("teach", "Q-2026-0001 6.9", user=LEAD)
    bot.clock.advance(days=10)
    await bot.ask("what counts as trolling")
    [reply] = await bot.command("stats", user=LEAD)
    fields = dict(reply.card.fields)
    assert fields["Questions asked"] == "1 in 7 days · 3 in 30 days"
    assert fields["Answered with a clause"] == "1 in 7 days · 2 in 30 days"
    assert fields["Not covered by the policy"] == "0 in 7 days · 1 in 30 days"
    assert fields["Marked helpful"] == "0 in 7 days · 1 in 30 days"
    assert fields["Marked not what was asked"] == "0 in 7 days · 1 in 30 days"
    assert fields["Handed to a person"] == "0 in 7 days · 1 in 30 days"
    assert fields["Taught to a clause"] == "0 in 7 days · 1 in 30 days"
    assert "marketplace" not in reply.text and "friend request" not in reply.text


async def test_resolved_questions_lose_their_text_after_retention(bot: Bot) -> None:
    answer = await bot.ask(NOT_COVERED)
    await bot.press(button(answer, "Ask the Safeguard Lead"))
    await bot.command("answer", "Q-2026-0001 ask the office", user=LEAD)
    store = bot.questions.store
    await store.purge(bot.clock.now, retention_days=365)
    assert (await bot.rows())[0]["text"] is not None  # not yet
    bot.clock.advance(days=366)
    await store.purge(bot.clock.now, retention_days=365)
    [row] = await bot.rows()
    assert row["text"] is None and row["answer_text"] is None and row["asker_id"] == ""
    assert row["ref"] == "Q-2026-0001"  # the count stays
    async with bot.store.db.tx() as conn:  # and the delivered messages that carried the question and the answer
        assert (await conn.execute(select(messages))).all() == []


async def test_logs_carry_no_question_or_answer_text(bot: Bot, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    answer = await bot.ask(EXPOSING)
    [offer] = await bot.press(button(answer, "Not what I asked"))
    await bot.press(button(offer, "Ask the Safeguard Lead"))
    await bot.command("answer", "Q-2026-0001 zebra-secret-answer", user=LEAD)
    await bot.command("teach", "Q-2026-0001 6.7", user=LEAD)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for word in ("Amelia", "07700", "text her", "zebra-secret-answer", ASKER, LEAD):
        assert word not in logged


async def test_a_marked_question_is_handed_on_only_by_its_asker(bot: Bot) -> None:
    """Its text is stored once marked, but the store does not know who asked: another person's press sends nothing."""
    answer = await bot.ask(NOT_COVERED)
    await bot.press(button(answer, "Not what I asked"))
    [reply] = await bot.press(button(answer, "Ask the Safeguard Lead"), user="U0OTHER")
    assert "no longer have that question" in reply.text and bot.adapter.dms == []
    sent = await bot.press(button(answer, "Ask the Safeguard Lead"))
    assert [a.user_id for a in sent if isinstance(a, DirectMessage)] == [LEAD]
    [again] = await bot.press(button(answer, "Ask the Safeguard Lead"))
    assert again.text == "That question is already with them as Q-2026-0001."
