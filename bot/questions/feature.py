"""What happens around an answer: feedback, handing a question to a person, their answer, teaching, counts.

Every answer the guidance feature gives carries "Helpful" and "Not what I asked" (and, where the
policy does not cover the question, "Ask the Safeguard Lead"). The question's text stays in this
process's memory for a day so that its asker can act on it; it is written to the store only when
they mark the answer or hand the question on, and then without the names, phone numbers, e-mail and
postal addresses the scanner finds. A handed-off question and the messages carrying it to the leads
(or the deployment's ``knowledge_maintainers``) are stored before the asker is told it went; the
outbox delivers them, and the person's ``/answer`` back to the asker, across restarts.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import timedelta

from bot.actions import Card
from bot.commands import Command, Offer, Option, Surface
from bot.core import Context, private_to
from bot.deployment import Deployment
from bot.events import CommandInvoked, Event, Origin
from bot.guidance.answer import AnswerCard, card_text
from bot.guidance.library import Library
from bot.guidance.model import Clause
from bot.logs import user_ref
from bot.questions import render
from bot.questions.scrub import phrasing, scrub
from bot.questions.store import ANSWERED, HELPFUL, KEY_LENGTH, NOT_COVERED, WRONG, Asker, Question, QuestionStore
from bot.reports.outbox import OutboxWorker
from bot.roles import Role
from bot.scanner import Scanner

log = logging.getLogger(__name__)

BUTTONS = frozenset({Surface.BUTTON})
HELPFUL_CMD = Command("helpful", "Say an answer helped", usage="<answer key>", surfaces=BUTTONS)
WRONG_CMD = Command("not-what-i-asked", "Say an answer was not what you asked", usage="<answer key>", surfaces=BUTTONS)
ASK_LEAD = Command(
    "ask-lead",
    "Send a policy question to the Safeguard Lead; their answer comes back privately",
    usage="<your question>",
    example="can I give a lift home to a young person after a late session?",
    options=(Option("question", "Your question", required=True),),
    surfaces=frozenset({Surface.SLASH, Surface.BUTTON}),
)
ANSWER = Command(
    "answer",
    "Answer a handed-off policy question; only its asker sees it",
    role=Role.KNOWLEDGE_MAINTAINER,
    usage="<Q-ref> <your answer>",
    example="Q-2026-0001 Yes, but ...",
    options=(
        Option("ref", "Question reference, e.g. Q-2026-0001", required=True),
        Option("answer", "Your answer", required=True),
    ),
)
TEACH = Command(
    "teach",
    "Teach a handed-off question to the clause that answers it",
    role=Role.KNOWLEDGE_MAINTAINER,
    usage="<Q-ref> <clause>",
    example="Q-2026-0001 and the clause number as printed in the policy",
    options=(Option("ref", "Question reference", required=True), Option("clause", "Clause number", required=True)),
    surfaces=frozenset({Surface.SLASH, Surface.BUTTON}),
)
STATS = Command("stats", "Counts of policy questions, answers and feedback", role=Role.SAFEGUARD_LEAD)
OFFER = Offer(
    "questions",
    commands=(HELPFUL_CMD, WRONG_CMD, ASK_LEAD, ANSWER, TEACH, STATS),
    does="pass policy questions I cannot answer to a person",
)

REF = re.compile(r"^\s*(Q-\d{4}-\d+)\b\s*(.*)$", re.IGNORECASE | re.DOTALL)
KEY = re.compile(rf"^q[0-9a-f]{{{KEY_LENGTH - 1}}}$")
UNAVAILABLE = "The question store is unavailable right now, so nothing was changed. Please try again in a minute."
REMEMBER_SECONDS = 86400.0
REMEMBER_MOST = 2048
PURGE_FIRST, PURGE_EVERY = 60.0, 3600.0  # seconds


@dataclass(frozen=True, slots=True)
class _Asked:
    text: str
    origin: Origin
    at: float


class QuestionsFeature:
    """Wire with ``QuestionsFeature(store, library, scanner, deployment, worker)``; pass it to the guidance feature."""

    name = "questions"
    offer = OFFER

    def __init__(
        self, store: QuestionStore, library: Library, scanner: Scanner, deployment: Deployment, worker: OutboxWorker
    ) -> None:
        self.store = store
        self.library = library
        self.scanner = scanner
        self.deployment = deployment
        self.worker = worker  # the reports' outbox: it delivers the queued messages (bot.reports.messages)
        self._asked: OrderedDict[str, _Asked] = OrderedDict()  # memory only: key -> the question, for its asker
        self._loaded = False
        self._loading = asyncio.Lock()
        self.clock = time.monotonic

    # -- around every answer (guidance's FollowUp) ---------------------------------------------------------------

    async def prepare(self) -> None:
        """Load the learned phrasings into the library once, before the first question is matched."""
        if self._loaded:
            return
        async with self._loading:
            if self._loaded:
                return
            try:
                learned = await self.store.learned()
            except Exception as exc:  # answer without them; try again on the next question
                log.warning("learned phrasings could not be read (%s); answering without them", type(exc).__name__)
                return
            unknown = self.library.learn(learned)
            if unknown:
                log.warning("%d learned phrasing(s) name a clause the policies no longer have", len(unknown))
            log.info("%d learned phrasing(s) loaded", len(learned) - len(unknown))
            self._loaded = True

    async def attach(self, origin: Origin, question: str, answer: AnswerCard, card: Card, ctx: Context) -> Card:
        """Count the answer, remember the question (in memory) for its asker, and add the buttons."""
        covered = answer.outcome != "not-covered"  # a clause, or the deployment's leads (beside a clause or not)
        outcome = ANSWERED if covered else NOT_COVERED
        try:
            key = await self.store.record(origin.platform, outcome, answer.policy, answer.clause, ctx.clock())
        except Exception as exc:
            log.warning("an answer could not be counted (%s); sent without feedback buttons", type(exc).__name__)
            return card
        self._remember(key, question, origin)
        return replace(card, buttons=(*card.buttons, *render.feedback_buttons(key, covered)))

    def _remember(self, key: str, text: str, origin: Origin) -> None:
        now = self.clock()
        self._asked[key] = _Asked(text, origin, now)
        while self._asked and (
            len(self._asked) > REMEMBER_MOST or next(iter(self._asked.values())).at < now - REMEMBER_SECONDS
        ):
            self._asked.popitem(last=False)

    def _recall(self, key: str, origin: Origin) -> str:
        """The question behind ``key``, only for the person who asked it (and within a day)."""
        asked = self._asked.get(key)
        if asked is None or asked.at < self.clock() - REMEMBER_SECONDS:
            return ""
        if (asked.origin.platform, asked.origin.user_id) != (origin.platform, origin.user_id):
            return ""
        return asked.text

    # -- commands ----------------------------------------------------------------------------------------------

    async def handle(self, event: Event, ctx: Context) -> bool:
        if not isinstance(event, CommandInvoked):
            return False
        name = event.name.lower()
        try:
            if name in {HELPFUL_CMD.name, WRONG_CMD.name}:
                await self._feedback(event, ctx, HELPFUL if name == HELPFUL_CMD.name else WRONG)
            elif name == ASK_LEAD.name:
                await self._ask_lead(event, ctx)
            elif name == ANSWER.name:
                await self._answer(event, ctx)
            elif name == TEACH.name:
                await self._teach(event, ctx)
            elif name == STATS.name:
                await self._stats(event, ctx)
            else:
                return False
        except Exception as exc:
            log.error("/%s failed: %s", name, type(exc).__name__)
            await ctx.send(private_to(event, UNAVAILABLE))
        return True

    def _recipients_name(self, platform: str) -> str:
        if self.deployment.maintainers_on(platform):
            return "the people who look after the policy"
        leads = self.deployment.leads_on(platform)
        names = [lead.name for _, lead in leads]
        return "the Safeguard Lead" + (f" ({', '.join(names)})" if names else "")

    async def _feedback(self, event: CommandInvoked, ctx: Context, verdict: str) -> None:
        key = event.text.strip().split(" ")[0]
        if not KEY.match(key):
            await ctx.send(
                private_to(event, f"Use the buttons under an answer (or /{event.name} followed by its key).")
            )
            return
        text = self._recall(key, event.origin)
        if not await self.store.mark(key, verdict, scrub(self.scanner, text) if text else "", ctx.clock()):
            await ctx.send(private_to(event, "I don't know that answer any more."))
            return
        log.info("answer marked %s on %s", verdict, event.origin.platform)
        if verdict == HELPFUL:
            await ctx.send(private_to(event, render.thanks()))
            return
        await ctx.send(private_to(event, *render.offer_hand_off(key, self._recipients_name(event.origin.platform))))

    async def _ask_lead(self, event: CommandInvoked, ctx: Context) -> None:
        origin = event.origin
        given = event.text.strip()
        if not given:
            await ctx.send(private_to(event, f"Type /{ASK_LEAD.name} followed by your question."))
            return
        if KEY.match(given):
            # only from memory, which knows who asked: the store does not, so a stored text is never handed on
            # for someone who merely has the key
            key, text = given, self._recall(given, origin)
            if not text:
                stored = await self.store.by_key(key)
                ref = stored.ref if stored is not None else ""
                message = f"That question is already with them as {ref}." if ref else render.forgotten(key)
                await ctx.send(private_to(event, message))
                return
        else:  # asked straight away, not from an answer
            key, text = await self.store.record(origin.platform, "direct", "", "", ctx.clock()), given
        recipients = self.deployment.question_recipients_on(origin.platform)
        if not recipients:
            await ctx.send(private_to(event, render.nobody_to_ask(self.deployment.lead_phone())))
            return
        asker = Asker(
            origin.platform, origin.user_id, origin.channel_id, origin.channel_kind.value, origin.workspace_id
        )
        scrubbed = scrub(self.scanner, text)
        try:
            question = await self.store.hand_off(
                key,
                scrubbed,
                asker,
                ctx.clock(),
                self._question_message,
                [(origin.platform, user) for user, _ in recipients],
            )
        except Exception as exc:  # whatever the cause, the asker must hear that it did not go
            log.error("a question could not be handed off (%s)", type(exc).__name__)
            await ctx.send(private_to(event, render.hand_off_failed(self.deployment.lead_phone())))
            return
        if question is None:
            await ctx.send(private_to(event, render.forgotten(key)))
            return
        self._asked.pop(key, None)
        log.info("question %s handed off on %s to %d person(s)", question.ref, origin.platform, len(recipients))
        await ctx.send(private_to(event, render.handed_off(question.ref, self._recipients_name(origin.platform))))
        await self._deliver(question.ref, ctx)

    def _question_message(self, question: Question) -> tuple[str, Card]:
        if question.clause:
            clause = self.library.clause(question.policy, question.clause)
            answered = clause.heading
        else:
            answered = "not covered by the policy" if question.outcome == NOT_COVERED else "nothing (asked directly)"
        feedback = {WRONG: "Not what I asked", HELPFUL: "Helpful"}.get(question.feedback, "")
        candidates = [
            self.library.clause(m.policy, m.clause)
            for m in self.library.match(question.text, limit=4)
            if not (m.policy == question.policy and m.clause == question.clause and question.feedback == WRONG)
        ]
        return render.question_card(question.ref, question.text, answered, feedback, tuple(candidates[:3]))

    async def _deliver(self, marker: str, ctx: Context) -> None:
        try:
            await self.worker.deliver_messages_due(ctx)
        except Exception as exc:  # stored; the background outbox retries
            log.warning("immediate delivery of %s failed (%s); the outbox will retry", marker, type(exc).__name__)
            self.worker.wake()

    async def _answer(self, event: CommandInvoked, ctx: Context) -> None:
        found = REF.match(event.text)
        if not found or not found.group(2).strip():
            ref = found.group(1).upper() if found else "Q-2026-0001"
            await ctx.send(private_to(event, f"Type /{ANSWER.name} {ref} followed by your answer."))
            return
        ref, text = found.group(1).upper(), found.group(2).strip()
        by = self._name_of(event.origin)

        def message(question: Question) -> tuple[str, Card]:
            return render.answer_card(question.ref, question.text, text, by)

        question = await self.store.answer(ref, text, by, ctx.clock(), message)
        if question is None:
            await ctx.send(private_to(event, f"There is no handed-off question {ref}."))
            return
        log.info("question %s answered by %s", ref, user_ref(event.origin.platform, event.origin.user_id))
        await ctx.send(private_to(event, f"Your answer to {ref} is stored and on its way to the asker, privately."))
        await self._deliver(ref, ctx)

    def _name_of(self, origin: Origin) -> str:
        people = (*self.deployment.safeguard_leads, *self.deployment.knowledge_maintainers)
        named = next((p.name for p in people if p.id_on(origin.platform) == origin.user_id), "")
        return named or origin.user_name or "the Safeguard Lead"

    def _clause(self, words: list[str]) -> Clause | str:
        """The clause ``[policy] id`` names, or what is wrong with it."""
        if not words:
            return "Name the clause, e.g. the number printed before it in the policy."
        clause_id = words[-1]
        policies = [words[0]] if len(words) > 1 else [p.id for p in self.library.policies]
        found = [
            self.library.clause(p, clause_id)
            for p in policies
            if p in {x.id for x in self.library.policies} and (p, clause_id) in self._ids()
        ]
        if len(found) == 1:
            return found[0]
        if not found:
            return f"No policy has a clause {clause_id}."
        ids = ", ".join(c.policy for c in found)
        return f"Several policies have a clause {clause_id}: put the policy's id before it ({ids})."

    def _ids(self) -> set[tuple[str, str]]:
        return {(c.policy, c.id) for p in self.library.policies for c in p.clauses}

    async def _teach(self, event: CommandInvoked, ctx: Context) -> None:
        found = REF.match(event.text)
        if not found:
            await ctx.send(private_to(event, f"Type /{TEACH.name} Q-2026-0001 followed by the clause number."))
            return
        ref = found.group(1).upper()
        clause = self._clause(found.group(2).split())
        if isinstance(clause, str):
            await ctx.send(private_to(event, clause))
            return
        question = await self.store.by_ref(ref)
        if question is None or not question.text:
            await ctx.send(private_to(event, f"There is no handed-off question {ref} with its text still kept."))
            return
        taught = phrasing(question.text)
        if not taught:
            await ctx.send(
                private_to(event, f"{ref} has no words left to learn from once names and numbers are removed.")
            )
            return
        await self.store.teach(question, clause.policy, clause.id, taught, self._name_of(event.origin), ctx.clock())
        await self.prepare()  # learned phrasings first loaded from the store, then this one on top
        self.library.learn([(clause.policy, clause.id, taught)])
        log.info("question %s taught to a clause by %s", ref, user_ref(event.origin.platform, event.origin.user_id))
        card = Card(
            title=f"Learned: {clause.heading}",
            body=f"From the next question on, questions like this one get {clause.id}.",
            quote=taught,
            footer="python -m bot export-learned writes the learned phrasings as asks, to review into the knowledge.",
            colour="info",
        )
        await ctx.send(private_to(event, card_text(card), card))

    async def _stats(self, event: CommandInvoked, ctx: Context) -> None:
        now = ctx.clock()
        week = await self.store.counts(now - timedelta(days=7))
        month = await self.store.counts(now - timedelta(days=30))
        text, card = render.stats_card(week, month)
        await ctx.send(private_to(event, text, card))

    async def run_background(self, ctx: Context) -> None:
        """Resolved questions lose their text and asker after the retention period: a minute after start, then hourly.

        Not at once: start-up has more urgent work, and a bot stopped straight away is not caught mid-purge.
        """
        await asyncio.sleep(PURGE_FIRST)
        while True:
            try:
                await self.store.purge(ctx.clock(), self.deployment.retention_days)
            except Exception as exc:
                log.warning("purging old questions failed (%s)", type(exc).__name__)
            await asyncio.sleep(PURGE_EVERY)
