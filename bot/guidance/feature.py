"""The guidance feature: answers policy questions addressed to the bot and ``/policy``.

Every answer is private: a direct message is answered there, and a mention in a
channel is answered to the asker alone (Slack: ephemeral; Discord: a direct
message, with one public line saying so), since a question about safeguarding
says something about the asker and the people they work with. The question
text is never logged: only what kind of answer was given. A :class:`FollowUp`
(the questions feature) may add feedback and hand-off buttons to each answer.
"""

from __future__ import annotations

import logging
import re
from typing import Protocol

from bot.actions import Card, Reply
from bot.commands import Command, Offer, Option
from bot.core import Context, plain_text_of, private_to
from bot.events import BotAddressed, ChannelKind, CommandInvoked, Event, Origin
from bot.guidance.answer import answer_card, card_text, not_covered_card
from bot.guidance.library import Library
from bot.guidance.model import Match

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

    async def attach(self, origin: Origin, question: str, best: Match | None, card: Card, ctx: Context) -> Card:
        """The answer card as it is sent: with its feedback and hand-off buttons."""
        ...


class GuidanceFeature:
    """Answers from a :class:`Library`; abstains plainly when no clause covers the question."""

    name = "guidance"
    offer = OFFER

    def __init__(self, library: Library, follow_up: FollowUp | None = None) -> None:
        self.library = library
        self.follow_up = follow_up

    def card(self, question: str, ctx: Context) -> tuple[str, Card]:
        """The answer's text and card; "help" (also as ``/policy help``) is the core's /help."""
        text, card, _, _ = self._card(question, ctx)
        return text, card

    def _card(self, question: str, ctx: Context) -> tuple[str, Card, bool, Match | None]:
        """Also whether it was a question (not help or a greeting), and the best match (None: not covered)."""
        bare = " ".join(re.findall(r"[a-z]+", question.lower()))
        if bare in _HELP_WORDS:
            card = ctx.help_card()
            return plain_text_of(card), card, False, None
        if not bare or bare in _GREETINGS:
            return card_text(USAGE), USAGE, False, None
        matches = self.library.match(question)
        today = ctx.clock().date()
        card = answer_card(self.library, matches, today) if matches else not_covered_card(self.library)
        log.info("guidance answered: %s", "clause" if matches else "not covered")
        return card_text(card), card, True, (matches[0] if matches else None)

    async def _answer(self, origin: Origin, question: str, ctx: Context) -> tuple[str, Card]:
        if self.follow_up is not None:
            await self.follow_up.prepare()
        text, card, asked, best = self._card(question, ctx)
        if self.follow_up is not None and asked:
            card = await self.follow_up.attach(origin, question, best, card, ctx)
            text = card_text(card)
        return text, card

    async def handle(self, event: Event, ctx: Context) -> bool:
        if not isinstance(event, BotAddressed | CommandInvoked):
            return False
        text, card = await self._answer(event.origin, event.text, ctx)
        o = event.origin
        if isinstance(event, BotAddressed) and o.channel_kind is ChannelKind.DM:
            await ctx.send(Reply(o.platform, o.channel_id, text, o.thread_id or o.message_id, card))
            return True
        delivery = await ctx.send(private_to(event, text, card))
        if isinstance(event, BotAddressed):
            # asked in a channel: at most one public line, and only when the answer is not shown where it was asked
            line = ANSWERED_PRIVATELY if delivery.ok else NOT_REACHED
            if not delivery.ok or delivery.details.get("via") == "dm":
                await ctx.send(Reply(o.platform, o.channel_id, line, o.thread_id or o.message_id))
        return True
