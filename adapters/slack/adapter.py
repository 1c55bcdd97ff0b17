"""The Slack adapter: slack-bolt's AsyncApp in Socket Mode or HTTP mode, driving the core.

Every listener acknowledges first (Slack gives three seconds and retries late
events) and then handles the payload in a task the adapter keeps a reference
to, so it is neither garbage-collected mid-flight nor lost at shutdown.
Translation lives in :mod:`adapters.slack.inbound` and :mod:`adapters.slack.modal`;
delivery in :mod:`adapters.slack.delivery`; HTTP and Socket Mode serving in
:mod:`adapters.slack.serve`.
"""

from __future__ import annotations

import asyncio
import logging
import re
import traceback
from collections.abc import Coroutine, Mapping
from dataclasses import replace
from typing import Any

from slack_bolt.adapter.socket_mode.async_base_handler import AsyncBaseSocketModeHandler
from slack_bolt.async_app import AsyncApp

from adapters.slack import buttons
from adapters.slack.channels import ChannelDirectory
from adapters.slack.client import bolt_logger, check_bot_token, configure_client, settings_problems
from adapters.slack.delivery import SlackDelivery
from adapters.slack.exposure import SlackExposure
from adapters.slack.inbound import MalformedPayload, parse_command, parse_event
from adapters.slack.modal import SHORTCUT_ID, VIEW_ID
from adapters.slack.outbound import error_code
from adapters.slack.reporting import ReportFlow
from bot.actions import Action, Delivery, SentCheck, SentCheckResult
from bot.core import Core
from bot.deployment import Deployment, PlatformChannels
from bot.events import ChannelExposureChanged, ChannelKind, Event
from bot.health import HealthCheck
from bot.settings import Settings
from bot.yamlfile import ConfigError

log = logging.getLogger(__name__)

#: Slack events that change whether a channel is shared with another organisation.
SHARING_EVENTS = frozenset({"channel_shared", "channel_unshared", "channel_rename"})
ALL = re.compile(".*")


def _payload_type(body: Mapping[str, Any]) -> str:
    event = body.get("event")
    if isinstance(event, Mapping):
        return f"{event.get('type')}/{event.get('subtype') or '-'}"
    return str(body.get("type") or body.get("command") or "unknown")


class SlackAdapter:
    """Turns Slack payloads into core events and performs the core's actions on Slack."""

    platform = "slack"

    def __init__(
        self,
        *,
        bot_token: str,
        app_token: str = "",
        signing_secret: str = "",
        api_url: str = "",
        port: int = 3000,
        host: str = "0.0.0.0",
        path: str = "/slack/events",
        channels: PlatformChannels | None = None,
        health: HealthCheck | None = None,
    ) -> None:
        problems = settings_problems(bot_token, app_token, signing_secret, api_url)
        if problems:
            raise ConfigError(problems)
        self.app_token = app_token
        self.signing_secret = signing_secret
        self.api_url = api_url
        self.port, self.host, self.path = port, host, path
        self.app = AsyncApp(
            token=bot_token,
            logger=bolt_logger(),
            name="safeguarding-bot",
            # HTTP requests are verified in serve.py before bolt sees them: bolt's check logs refused bodies.
            request_verification_enabled=False,
            url_verification_enabled=True,
        )
        # bolt's own client (its user agent says Bolt; it logs to bolt's logger above), configured here.
        self.client = configure_client(self.app.client, api_url)
        self.delivery = SlackDelivery(self.client)
        self.reports = ReportFlow(self.client, self.delivery)
        self._register()
        self.core: Core | None = None
        self.channels = ChannelDirectory(self.client, channels or PlatformChannels())
        self.exposure = SlackExposure(self.client, channels or PlatformChannels())
        self.bot_user_id = ""
        self.team_url = ""
        self.tasks: set[asyncio.Task[None]] = set()
        self.ready = asyncio.Event()
        self.health = health  # the bot's live check, served at GET /healthz in HTTP mode
        self.socket: AsyncBaseSocketModeHandler | None = None  # Socket Mode's handler while connected
        self._stop = asyncio.Event()
        self._finished = asyncio.Event()
        self._started = False

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        deployment: Deployment | None = None,
        *,
        host: str = "0.0.0.0",
        health: HealthCheck | None = None,
    ) -> SlackAdapter:
        """From the environment, with the deployment's Slack channel settings (``channels.slack``)."""
        return cls(
            bot_token=settings.slack_bot_token,
            app_token=settings.slack_app_token,
            signing_secret=settings.slack_signing_secret,
            api_url=settings.slack_api_url,
            port=settings.port,
            host=host,
            channels=deployment.channels_on("slack") if deployment is not None else None,
            health=health,
        )

    @property
    def mode(self) -> str:
        return "socket" if self.app_token else "http"

    # -- lifecycle -----------------------------------------------------------------

    async def start(self, core: Core) -> None:
        """Check the credentials, then serve until :meth:`stop`; bad credentials raise ConfigError."""
        from adapters.slack.serve import serve_http, serve_socket_mode

        self.core = core
        self._started = True
        try:
            await self._check_bot_token()
            if core.wants(ChannelExposureChanged):
                self._spawn(self._look_at_channels(), "exposure")
            if self.app_token:
                await serve_socket_mode(self, self._stop)
            else:
                await serve_http(self, self._stop)
        finally:
            await self._drain()
            self._finished.set()

    async def stop(self) -> None:
        self._stop.set()
        if self._started:
            await self._finished.wait()

    async def connected(self) -> bool:
        """Socket Mode: the WebSocket is open and answering pings. HTTP mode: the server is listening."""
        if not self.ready.is_set() or self._stop.is_set():
            return False
        if self.app_token:
            return self.socket is not None and bool(await self.socket.client.is_connected())
        return True

    async def idle(self) -> None:
        """Wait until every payload received so far has been handled (tests, shutdown)."""
        while self.tasks:
            await asyncio.wait(set(self.tasks))

    async def _drain(self, timeout: float = 10.0) -> None:
        """Let in-flight events finish (a report half-stored is worse than a slow shutdown)."""
        if self.tasks:
            _, pending = await asyncio.wait(set(self.tasks), timeout=timeout)
            for task in pending:
                task.cancel()

    async def _check_bot_token(self) -> None:
        auth = await check_bot_token(self.client, api_url_set=bool(self.api_url))
        self.bot_user_id = str(auth.get("user_id") or "")
        self.team_url = self.reports.team_url = self.exposure.team_url = str(auth.get("url") or "")
        self.exposure.team_id = str(auth.get("team_id") or "")
        log.info("Slack: signed in as bot user %s (%s mode)", self.bot_user_id, self.mode)

    # -- performing actions ------------------------------------------------------------

    async def perform(self, action: Action) -> Delivery:
        return await self.delivery.perform(action)

    async def check_sent(self, check: SentCheck) -> SentCheckResult:
        return await self.delivery.check_sent(check, self.bot_user_id)

    # -- listeners -----------------------------------------------------------------

    def _register(self) -> None:
        self.app.event(ALL)(self._on_event)
        self.app.command(ALL)(self._on_command)
        self.app.shortcut(SHORTCUT_ID)(self._on_shortcut)
        self.app.view_submission(VIEW_ID)(self._on_view_submission)
        # A button on one of the bot's cards opens a form; what is typed there runs as the button's command.
        self.app.action(re.compile(f"^{buttons.ACTION_PREFIX}:"))(self._on_button)
        self.app.view_submission(buttons.VIEW_ID)(self._on_button_form)
        # Anything else interactive (other shortcuts, modal closes, button clicks) is acknowledged and ignored.
        self.app.shortcut(ALL)(self._ack_only)
        self.app.view(ALL)(self._ack_only)
        self.app.action(ALL)(self._ack_only)

    def _spawn(self, work: Coroutine[Any, Any, None], kind: str) -> None:
        task = asyncio.create_task(self._guard(work, kind))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _guard(self, work: Coroutine[Any, Any, None], kind: str) -> None:
        try:
            await work
        except MalformedPayload as exc:
            log.warning("skipped a malformed Slack %s payload: %s", kind, exc)
        except Exception as exc:  # type and place only: the message and the payload may carry text
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            log.error(
                "handling a Slack %s payload failed: %s at %s:%s",
                kind,
                type(exc).__name__,
                frame.filename,
                frame.lineno,
            )

    async def _ack_only(self, ack: Any) -> None:
        await ack()

    async def _on_event(self, ack: Any, body: dict[str, Any]) -> None:
        await ack()
        self._spawn(self._handle_event(body), _payload_type(body))

    async def _on_command(self, ack: Any, body: dict[str, Any]) -> None:
        await ack()  # an empty acknowledgement: Slack shows nothing in the channel
        self.delivery.response_urls.remember(
            str(body.get("channel_id") or ""), str(body.get("user_id") or ""), str(body.get("response_url") or "")
        )
        self._spawn(self._handle_command(body), "command")

    async def _on_shortcut(self, ack: Any, body: dict[str, Any]) -> None:
        await ack()
        self._spawn(self.reports.open_form(body), "message_action")

    async def _on_view_submission(self, ack: Any, body: dict[str, Any]) -> None:
        await ack()  # closes the form
        self._spawn(self._handle_report(body), "view_submission")

    async def _on_button(self, ack: Any, body: dict[str, Any]) -> None:
        await ack()
        self._spawn(self._press_button(body), "block_actions")

    async def _press_button(self, body: dict[str, Any]) -> None:
        """A button without a prompt runs its command at once; one with a prompt asks for the text first."""
        command = buttons.pressed_command(body)
        if command is None:
            await self._open_button_form(body)
        else:
            await self._dispatch_classified(command)

    async def _on_button_form(self, ack: Any, body: dict[str, Any]) -> None:
        await ack()
        self._spawn(self._dispatch_classified(buttons.submitted_command(body)), "view_submission")

    async def _open_button_form(self, body: dict[str, Any]) -> None:
        """Open the button's form now: the click's trigger lasts three seconds."""
        view = buttons.form_for(body)
        try:
            await self.client.views_open(trigger_id=str(body.get("trigger_id") or ""), view=view)
        except Exception as exc:
            log.warning("views.open for a button failed: %s", error_code(exc))

    async def _dispatch_classified(self, event: Event) -> None:
        await self._dispatch(await self._classified(event))

    # -- handling ------------------------------------------------------------------

    async def _dispatch(self, event: Event) -> None:
        if self.core is None:
            raise RuntimeError("the Slack adapter received an event before start()")
        await self.core.handle(event)

    async def _classified(self, event: Any) -> Any:
        """The event with its channel's kind (shared or internal) and name; DMs stay DMs."""
        origin = event.origin
        if origin.channel_kind is ChannelKind.DM:
            return event
        kind, name = await self.channels.classify(origin.channel_id)
        return replace(event, origin=replace(origin, channel_kind=kind, channel_name=origin.channel_name or name))

    async def _handle_event(self, body: dict[str, Any]) -> None:
        event_body = body.get("event")
        if isinstance(event_body, Mapping) and event_body.get("type") in SHARING_EVENTS:
            channel = event_body.get("channel")  # channel_rename carries the channel object, the others its id
            self.channels.forget(str((channel.get("id") if isinstance(channel, Mapping) else channel) or ""))
            await self._sharing_changed(body, event_body)
            return
        event = parse_event(body, self.bot_user_id, self.team_url)
        if event is not None:
            await self._dispatch(await self._classified(event))

    async def _look_at_channels(self) -> None:
        """At start-up: who can read each channel the bot is in, for the core to compare with its record."""
        event = await self.exposure.look()
        if event is not None:
            await self._dispatch(event)

    async def _sharing_changed(self, body: Mapping[str, Any], event_body: Mapping[str, Any]) -> None:
        """A channel shared with or unshared from another organisation: who can read it now."""
        if self.core is None or not self.core.wants(ChannelExposureChanged):
            return
        event_id, team = str(body.get("event_id") or ""), str(body.get("team_id") or "")
        event = await self.exposure.on_sharing(event_body, event_id, team)
        if event is not None:
            await self._dispatch(event)

    async def _handle_command(self, body: dict[str, Any]) -> None:
        await self._dispatch(await self._classified(parse_command(body)))

    async def _handle_report(self, body: dict[str, Any]) -> None:
        await self._dispatch(await self._classified(await self.reports.submitted(body)))
