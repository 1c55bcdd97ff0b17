"""The guidance feature: answers policy questions addressed to the bot and ``/policy``.

A mention or a direct message is answered where it was asked (in the thread
on Slack); ``/policy`` is answered privately, so asking is never public. The
question text is never logged: only what kind of answer was given.
"""

from __future__ import annotations

import logging
import re

from bot.actions import Card, Reply
from bot.commands import Command, Offer, Option
from bot.core import Context, plain_text_of, private_to
from bot.events import BotAddressed, CommandInvoked, Event
from bot.guidance.answer import answer, card_text
from bot.guidance.library import Library

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


class GuidanceFeature:
    """Answers from a :class:`Library`; abstains plainly when no clause covers the question."""

    name = "guidance"
    offer = OFFER

    def __init__(self, library: Library) -> None:
        self.library = library

    def card(self, question: str, ctx: Context) -> tuple[str, Card]:
        """The answer's text and card; "help" (also as ``/policy help``) is the core's /help."""
        bare = " ".join(re.findall(r"[a-z]+", question.lower()))
        if bare in _HELP_WORDS:
            card = ctx.help_card()
            return plain_text_of(card), card
        if not bare or bare in _GREETINGS:
            return card_text(USAGE), USAGE
        card = answer(self.library, question, ctx.clock().date())
        log.info("guidance answered: %s", "not covered" if card.colour == "warning" else "clause")
        return card_text(card), card

    async def handle(self, event: Event, ctx: Context) -> bool:
        if isinstance(event, BotAddressed):
            text, card = self.card(event.text, ctx)
            o = event.origin
            await ctx.send(Reply(o.platform, o.channel_id, text, o.thread_id or o.message_id, card))
            return True
        if not isinstance(event, CommandInvoked):
            return False
        await ctx.send(private_to(event, *self.card(event.text, ctx)))
        return True
