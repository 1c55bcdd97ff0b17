"""The guidance feature: answers policy questions addressed to the bot and ``/policy``.

Every answer is private: a direct message is answered there, and a mention in a
channel is answered to the asker alone (Slack: ephemeral; Discord: a direct
message, with one public line saying so), since a question about safeguarding
says something about the asker and the people they work with; ``/policy`` too.
The question text is never logged: only what kind of answer was given. A
:class:`FollowUp` (the questions feature) adds feedback and hand-off buttons
to each answer. A passed
review date is noted to each person once a day, not under every answer (kept
in memory: after a restart a person is told once more).
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import date
from typing import Protocol

from bot.actions import Card, Reply
from bot.commands import Command, Offer, Option
from bot.core import Context, plain_text_of, private_to
from bot.events import BotAddressed, ChannelKind, CommandInvoked, Event, Origin
from bot.guidance.answer import AnswerCard, Asked, answer, card_text
from bot.guidance.library import Library
from bot.guidance.people import people_words

log = logging.getLogger(__name__)

_HELP_WORDS = {"help", "help me", "commands", "what can you do"}
_GREETINGS = {"hi", "hello", "hey", "hiya", "morning", "good morning", "afternoon", "good afternoon"}

USAGE = Card(
    title="Ask me about the policy",
    body=(
        'Ask a question in your own words, e.g. "can I accept a friend request from a parent?" '
        "Mention me, message me directly, or use /policy followed by your question (only you see the answer)."
    ),
    colour="info",
)

POLICY = Command(
    "policy",
    "Ask what the policy says; only you see the answer",
    usage="<question>",
    example="can I accept a friend request from a parent?",
    options=(Option("question", "Your question, e.g. can I post photos from a session?", required=True),),
)
OFFER = Offer(
    "guidance",
    commands=(POLICY,),
    does="answer questions about the charity's policies",
    help_note="You can also mention me or message me directly with a policy question.",
)


#: The one public line when a question asked in a channel was answered by direct message.
ANSWERED_PRIVATELY = "I've answered you privately (see your direct messages)."
NOT_REACHED = "I couldn't answer you privately here: please message me directly, or use /policy."


class FollowUp(Protocol):
    """What happens around an answer besides the answer: the questions feature (bot.questions)."""

    async def prepare(self) -> None:
        """Called before a question is matched (e.g. to load learned phrasings once)."""
        ...

    async def attach(self, origin: Origin, question: str, answer: AnswerCard, card: Card, ctx: Context) -> Card:
        """The answer's card as it is sent: with its feedback and hand-off buttons."""
        ...


class GuidanceFeature:
    """Answers from a :class:`Library`; abstains plainly when no clause covers the question."""

    name = "guidance"
    offer = OFFER

    def __init__(self, library: Library, follow_up: FollowUp | None = None) -> None:
        self.library = library
        self.follow_up = follow_up
        people_words()  # a broken language/people.yaml stops start-up, not the first question about people
        self._noted: dict[tuple[str, str], date] = {}  # (platform, user id) -> the day they were told

    def card(self, question: str, ctx: Context, origin: Origin | None = None) -> tuple[str, Card]:
        """The answer's text and card; "help" (also as ``/policy help``) is the core's /help."""
        bare = " ".join(re.findall(r"[a-z]+", question.lower()))
        if bare in _HELP_WORDS:
            card = ctx.help_card()
            return plain_text_of(card), card
        if not bare or bare in _GREETINGS:
            return card_text(USAGE), USAGE
        result = self.answer_for(question, ctx, origin)
        return result.text(), result.card()

    def answer_for(self, question: str, ctx: Context, origin: Origin | None = None) -> AnswerCard:
        """The structured answer to a policy question (a clause, the leads, or "not covered").

        ``origin`` is who asked and where: the passed review date is noted to each person once a day, and
        a lead's phone and e-mail are left out of a reply in a channel outsiders can read.
        """
        today = ctx.clock().date()
        public = origin is not None and origin.channel_kind is ChannelKind.SHARED
        asked = Asked(review=self._review_due(origin, today), private=not public, deployment=ctx.deployment)
        result = answer(self.library, question, today, asked)
        if result.notes and origin is not None:
            self._noted[(origin.platform, origin.user_id)] = today
        log.info("guidance answered: %s", result.outcome)
        return result

    def _review_due(self, origin: Origin | None, today: date) -> bool:
        """Whether this person has not yet been told today that a policy's review date has passed."""
        if origin is None:
            return True
        if any(day != today for day in self._noted.values()):  # a new day: everyone is told again
            self._noted = {who: day for who, day in self._noted.items() if day == today}
        return (origin.platform, origin.user_id) not in self._noted

    async def _answer(self, question: str, ctx: Context, origin: Origin) -> tuple[str, Card]:
        """The answer as sent: the card, with the follow-up's buttons on a real answer (not help or a greeting).

        Every answer is private, so it may name the leads' phone numbers (``origin`` as if in a DM).
        """
        private = replace(origin, channel_kind=ChannelKind.DM)
        if self.follow_up is None:
            return self.card(question, ctx, private)
        await self.follow_up.prepare()
        bare = " ".join(re.findall(r"[a-z]+", question.lower()))
        if bare in _HELP_WORDS or not bare or bare in _GREETINGS:
            return self.card(question, ctx, private)
        result = self.answer_for(question, ctx, private)
        card = await self.follow_up.attach(origin, question, result, result.card(), ctx)
        return card_text(card), card

    async def handle(self, event: Event, ctx: Context) -> bool:
        if not isinstance(event, BotAddressed | CommandInvoked):
            return False
        o = event.origin
        text, card = await self._answer(event.text, ctx, o)
        if isinstance(event, BotAddressed) and o.channel_kind is ChannelKind.DM:
            await ctx.send(Reply(o.platform, o.channel_id, text, o.thread_id or o.message_id, card))
            return True
        delivery = await ctx.send(private_to(event, text, card))
        # asked in a channel: at most one public line, and only when the answer is not shown where it was asked
        if isinstance(event, BotAddressed) and (not delivery.ok or delivery.details.get("via") == "dm"):
            line = ANSWERED_PRIVATELY if delivery.ok else NOT_REACHED
            await ctx.send(Reply(o.platform, o.channel_id, line, o.thread_id or o.message_id))
        return True
