"""The guidance feature: answers policy questions addressed to the bot and ``/policy``.

A mention or a direct message is answered where it was asked (in the thread
on Slack); ``/policy`` is answered privately, so asking is never public. The
question text is never logged: only what kind of answer was given.
"""

from __future__ import annotations

import logging
import re

from bot.actions import Card, Reply
from bot.core import Context, private_to
from bot.events import BotAddressed, CommandInvoked, Event
from bot.guidance.answer import answer, card_text
from bot.guidance.library import Library

log = logging.getLogger(__name__)

_MENTION = re.compile(r"<@[^>]+>")
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

HELP = Card(
    title="What I can do",
    body="I answer questions about the charity's policies and pass concerns to the Safeguard Lead.",
    fields=(
        ("/policy <question>", "what the policy says, answered privately"),
        ("/report", "report a concern or a post to the Safeguard Lead"),
        ("/cases", "open cases (Safeguard Leads only)"),
        ("/case <id>", "one case and its history; add note … or resolve … (Safeguard Leads only)"),
        ("/warnings", "recent private moderation warnings, without the posts' text (Safeguard Leads only)"),
    ),
    footer="You can also mention me or message me directly with a policy question. "
    "Report to Safeguard Lead is also on every post's menu.",
    colour="info",
)


class GuidanceFeature:
    """Answers from a :class:`Library`; abstains plainly when no clause covers the question."""

    name = "guidance"

    def __init__(self, library: Library) -> None:
        self.library = library

    def card(self, question: str, ctx: Context) -> Card:
        question = _MENTION.sub(" ", question).strip()
        bare = " ".join(re.findall(r"[a-z]+", question.lower()))
        if bare in _HELP_WORDS:
            return HELP
        if not bare or bare in _GREETINGS:
            return USAGE
        card = answer(self.library, question, ctx.clock().date())
        log.info("guidance answered: %s", "not covered" if card.colour == "warning" else "clause")
        return card

    async def handle(self, event: Event, ctx: Context) -> bool:
        if isinstance(event, BotAddressed):
            card = self.card(event.text, ctx)
            o = event.origin
            await ctx.send(Reply(o.platform, o.channel_id, card_text(card), o.thread_id or o.message_id, card))
            return True
        if not isinstance(event, CommandInvoked) or event.name not in {"policy", "help"}:
            return False
        # "/policy help" too: in Slack a bare /help may belong to another app in the workspace.
        if event.name == "help" or event.text.strip().lower() == "help":
            await ctx.send(private_to(event, card_text(HELP), HELP))
            return True
        card = self.card(event.text, ctx)
        await ctx.send(private_to(event, card_text(card), card))
        return True
