"""Assembly: load knowledge and deployment, open the store, build the core, start the adapters.

Each platform adapter implements :class:`Adapter`. One :class:`Core` serves all
of them; its actions are routed to the adapter of the action's platform, so a
report made on Slack reaches a lead on Slack and the outbox serves every
platform from one store.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
import tempfile
from pathlib import Path
from typing import Protocol

from bot.actions import Action, Delivery, PostLookup, PostNow, Seen, SentCheck, SentCheckResult
from bot.commands import CommandSet
from bot.core import Core, Feature
from bot.deployment import Deployment, load_deployment
from bot.health import HealthCheck, HealthMonitor, status_path
from bot.reports import CaseStore, StoreUnavailable, open_store
from bot.settings import DEFAULT_DEPLOYMENT, ROOT, Settings
from bot.yamlfile import ConfigError, Problem

log = logging.getLogger(__name__)


class Adapter(Protocol):
    """A platform: turns payloads into events for ``core.handle`` and performs actions."""

    platform: str

    async def start(self, core: Core) -> None: ...

    async def stop(self) -> None: ...

    async def perform(self, action: Action) -> Delivery: ...

    async def check_sent(self, check: SentCheck) -> SentCheckResult:
        """Whether a direct message from the bot carrying ``check.marker`` reached the user (see outbox)."""
        ...

    async def connected(self) -> bool:
        """Whether the platform connection is up now (for health checks)."""
        ...

    async def fetch_post(self, lookup: PostLookup) -> PostNow:
        """The post as it stands now, from the platform's message JSON: never a file's content."""
        ...


class Router:
    """Sends each action to the adapter of its platform; an unknown platform is an error, not a drop."""

    def __init__(self) -> None:
        self.adapters: dict[str, Adapter] = {}

    def add(self, adapter: Adapter) -> None:
        self.adapters[adapter.platform] = adapter

    async def perform(self, action: Action) -> Delivery:
        adapter = self.adapters.get(action.platform)
        if adapter is None:
            raise LookupError(f"no adapter for platform {action.platform!r}")
        return await adapter.perform(action)

    async def check_sent(self, check: SentCheck) -> SentCheckResult:
        adapter = self.adapters.get(check.platform)
        return await adapter.check_sent(check) if adapter is not None else SentCheckResult.unknown()

    async def fetch_post(self, lookup: PostLookup) -> PostNow:
        adapter = self.adapters.get(lookup.platform)
        return await adapter.fetch_post(lookup) if adapter is not None else PostNow(Seen.UNKNOWN)


def build_features(settings: Settings, deployment: Deployment, store: CaseStore) -> list[Feature]:
    """The bot's jobs, in the order they see each event; raises ConfigError for a broken policy file.

    The knowledge is loaded once: guidance answers from it, and the clauses moderation warnings and
    reports cite come from its policies' ``cites:``.
    """
    from bot.audit import Auditor, load_audit_data
    from bot.audit.feature import AuditFeature
    from bot.citations import Citations
    from bot.exposure import ExposureFeature, ExposureStore
    from bot.guidance import GuidanceFeature, load_library
    from bot.moderation import ModerationFeature, WarningStore
    from bot.questions import QuestionsFeature, QuestionStore
    from bot.reports import EscalationFeature
    from bot.reports.suggest import CategorySuggester
    from bot.scanner import Scanner

    library = load_library(settings.knowledge_dir, deployment.organisation.names, deployment.attendees)
    citations = Citations.from_policies(library.policies)
    auditor = Auditor(load_audit_data(settings.knowledge_dir))
    scanner = Scanner(deployment, citations)
    escalation = EscalationFeature(
        store, deployment, citations=citations, suggest=CategorySuggester(library, citations).suggest
    )
    # handed-off questions travel through the reports' outbox, which the escalation feature runs
    questions = QuestionsFeature(QuestionStore(store.db), library, scanner, deployment, escalation.worker)
    return [
        GuidanceFeature(library, questions),
        ModerationFeature(scanner, WarningStore(store.db), deployment),
        escalation,
        questions,
        ExposureFeature(ExposureStore(store.db), deployment),
        AuditFeature(auditor, library.policies, deployment),
    ]


def bot_commands() -> CommandSet:
    """Every command and post action the bot's features declare: what ``Core(build_features(...))`` offers.

    Needs no knowledge, deployment or store, so the Slack manifest check and the adapters' tests can use it.
    """
    from bot.audit.feature import OFFER as AUDIT
    from bot.core import CORE_OFFER
    from bot.exposure.feature import OFFER as EXPOSURE
    from bot.guidance.feature import OFFER as GUIDANCE
    from bot.moderation.feature import OFFER as MODERATION
    from bot.questions.feature import OFFER as QUESTIONS
    from bot.reports.feature import OFFER as ESCALATION

    return CommandSet.of([GUIDANCE, MODERATION, ESCALATION, QUESTIONS, EXPOSURE, AUDIT, CORE_OFFER])


NOTHING_TO_READ = (
    "no platform tokens are set (SLACK_BOT_TOKEN, DISCORD_TOKEN) and stdin is empty (/dev/null or closed), "
    "so there is nothing to do: set a token to run on Slack or Discord, or run python -m bot in a terminal "
    "(or with lines on stdin) for the console"
)
NOTHING_TO_READ_FORCED = "--console was given but stdin is empty (/dev/null or closed), so there is nothing to do"


def _make_adapter(
    platform: str, settings: Settings, deployment: Deployment, health: HealthCheck | None = None
) -> Adapter:
    if platform == "slack":
        from adapters.slack import SlackAdapter

        return SlackAdapter.from_settings(settings, deployment, health=health)
    if platform == "discord":
        from adapters.discord import DiscordAdapter

        return DiscordAdapter.from_settings(settings, deployment)
    from adapters.console import ConsoleAdapter

    return ConsoleAdapter(deployment)


def startup_problems(settings: Settings, *, console: bool = False) -> list[Problem]:
    """What stops the platforms starting, found before anything is opened: each platform's settings, and the
    demo deployment, whose invented Safeguard Lead would receive every real report on a real platform.
    """
    if console:
        return []
    problems: list[Problem] = []
    if settings.slack_bot_token or settings.slack_app_token:
        from adapters.slack.client import settings_problems as slack_problems

        problems += slack_problems(
            settings.slack_bot_token, settings.slack_app_token, settings.slack_signing_secret, settings.slack_api_url
        )
    if settings.discord_token:
        from adapters.discord.adapter import settings_problems as discord_problems

        problems += discord_problems(settings.discord_token)
    on_demo = settings.deployment_path == DEFAULT_DEPLOYMENT and not settings.deployment_chosen
    if settings.platforms != ("console",) and on_demo:
        demo = DEFAULT_DEPLOYMENT.relative_to(ROOT) if DEFAULT_DEPLOYMENT.is_relative_to(ROOT) else DEFAULT_DEPLOYMENT
        message = (
            f"is not set, so {' and '.join(p.title() for p in settings.platforms)} would run on the demo deployment "
            f"({demo}) and send reports to its invented Safeguard Lead: set SAFEGUARDING_DEPLOYMENT to your "
            "deployment file"
        )
        problems.append(Problem("SAFEGUARDING_DEPLOYMENT", 0, message))
    return problems


async def run_platforms(settings: Settings, *, console: bool = False) -> int:
    """Run until interrupted; every problem with configuration stops start-up loudly, before the store opens."""
    if console or settings.platforms == ("console",):
        return await run_console(settings, forced=console)
    if problems := startup_problems(settings):
        raise ConfigError(problems)
    deployment = load_deployment(settings.deployment_path)
    for note in deployment.notes:  # file and line only: a note never quotes a name
        log.warning("deployment: %s", note)
    try:
        store = await open_store(settings.store_url)
    except StoreUnavailable as exc:
        log.error("the case store cannot be opened (%s); reports would be lost, so the bot will not start", exc)
        return 3
    try:
        monitor = HealthMonitor(store.db, status_path(settings))
        return await _serve(settings, deployment, store, settings.platforms, monitor)
    finally:
        await store.aclose()


async def run_console(settings: Settings, *, forced: bool = False) -> int:
    """The console on its own store, so a trial never writes into the cases a platform bot here keeps.

    The store is ``SAFEGUARDING_CONSOLE_DB`` when set, else a SQLite file in a temporary folder removed at exit.
    With nothing on stdin (a service manager's /dev/null) there is nothing to do: one line says so, exit 2.
    """
    from adapters.stdin import nothing_to_read

    if nothing_to_read():
        print(f"python -m bot: {NOTHING_TO_READ_FORCED if forced else NOTHING_TO_READ}", file=sys.stderr)
        return 2
    deployment = load_deployment(settings.deployment_path)
    with tempfile.TemporaryDirectory(prefix="safeguarding-console-") as scratch:
        path = settings.console_db or Path(scratch) / "console.db"
        try:
            store = await open_store(f"sqlite+aiosqlite:///{path}")
        except StoreUnavailable as exc:
            where = f"SAFEGUARDING_CONSOLE_DB={path}" if settings.console_db else str(path)
            print(f"python -m bot: the console's case store cannot be opened ({exc}): {where}", file=sys.stderr)
            return 3
        try:
            return await _serve(settings, deployment, store, ("console",), None)
        finally:
            await store.aclose()


async def _serve(
    settings: Settings,
    deployment: Deployment,
    store: CaseStore,
    platforms: tuple[str, ...],
    monitor: HealthMonitor | None,
) -> int:
    features = build_features(settings, deployment, store)
    router = Router()
    from bot.storage.seen import SeenEventStore

    seen = SeenEventStore(store.db)
    core = Core(
        features,
        router.perform,
        deployment,
        check_sent=router.check_sent,
        seen_events=seen,
        fetch_post=router.fetch_post,
    )
    health = monitor.check if monitor is not None else None
    adapters = [_make_adapter(p, settings, deployment, health) for p in platforms]
    for adapter in adapters:
        router.add(adapter)
        if monitor is not None:
            monitor.watch(adapter)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    await core.start()
    heartbeat = asyncio.create_task(monitor.run()) if monitor is not None else None
    try:
        runners = [asyncio.create_task(a.start(core)) for a in adapters]
        waiter = asyncio.create_task(stop.wait())
        done, _ = await asyncio.wait([*runners, waiter], return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            if task is not waiter and task.exception() is not None:
                raise task.exception()  # type: ignore[misc]
    finally:
        if heartbeat is not None:
            heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await heartbeat
        for adapter in adapters:
            await adapter.stop()
        await core.stop()
        if monitor is not None:
            monitor.stopped()
    return 0
