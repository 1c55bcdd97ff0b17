"""The Discord adapter: a discord.py client, its commands, and the glue to ``core.handle``.

discord.py handles the gateway, reconnects and rate limits. Messages are read
from the raw gateway frames (``on_socket_raw_receive``) so that the pure
functions in :mod:`adapters.discord.translate` see exactly the JSON Discord
sent, and discord.py keeps no message cache (``max_messages=None``): the bot
holds no one's words longer than it needs to.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import Awaitable
from typing import Any

import aiohttp
import discord
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from adapters.discord import exposure, places
from adapters.discord.commands import REPORT_ACTION, CommandModal, ReportModal, build_tree
from adapters.discord.delivery import (
    Deliverer,
    InteractionResponder,
    InteractionTrigger,
    MessageTrigger,
    current_trigger,
)
from adapters.discord.interactions import Who, button_command, command_event, report_event, reported_post
from adapters.discord.render import parse_custom_id
from adapters.discord.translate import Malformed, message_events
from bot.actions import Action, Delivery, PostLookup, PostNow, Seen, SentCheck, SentCheckResult
from bot.categories import CATEGORY_TOPIC, DEFAULT_CATEGORY
from bot.commands import CommandSet
from bot.core import Core
from bot.deployment import Deployment, PlatformChannels
from bot.events import ChannelExposureChanged, ChannelKind, Event
from bot.logs import describe_error, hold
from bot.settings import Settings
from bot.yamlfile import ConfigError, Problem

log = logging.getLogger(__name__)

#: Discord wants an interaction answered within 3 s; past this, acknowledge ("thinking…") first.
DEFER_AFTER = 1.5
#: How long stop() lets a look at the servers in flight finish writing its record.
DRAIN_SECONDS = 10.0
_MESSAGE_FRAMES = {"MESSAGE_CREATE": False, "MESSAGE_UPDATE": True}
#: discord.py logs whole gateway frames and REST request bodies at DEBUG; aiohttp (its transport) logs
#: request lines and cookie names below WARNING. Their INFO and WARNING lines carry ids and codes only.
LIBRARY_LOG_FLOORS = {"discord": logging.INFO, "aiohttp": logging.WARNING}
_TOKEN_HELP = (
    "Discord rejected the bot token. Copy it from Bot > Reset Token in the Discord developer portal "
    "(see docs/discord.md)."
)
_INTENT_HELP = (
    "Discord refused the Message Content intent: switch it on under Bot > Privileged Gateway Intents "
    "in the Discord developer portal, then restart (see docs/discord.md)."
)


def settings_problems(token: str) -> list[Problem]:
    """What is plainly wrong with DISCORD_TOKEN before logging in (Discord itself judges the rest at login)."""
    if not token:
        return [Problem("DISCORD_TOKEN", 0, "is not set")]
    if token.startswith(("xoxb-", "xoxp-", "xapp-")):
        return [Problem("DISCORD_TOKEN", 0, "is a Slack token: copy the Discord bot token from Bot > Reset Token")]
    if any(c.isspace() for c in token):
        return [Problem("DISCORD_TOKEN", 0, "must be the bot token alone, without 'Bot ' or spaces")]
    return []


def intents() -> discord.Intents:
    """Servers and channels, guild and DM messages, and message content (privileged: switch it on in the portal)."""
    wanted = discord.Intents.none()
    wanted.guilds = True
    wanted.guild_messages = True
    wanted.dm_messages = True
    wanted.message_content = True
    return wanted


class _Client(discord.Client):
    def __init__(self, adapter: DiscordAdapter, commands: CommandSet) -> None:
        super().__init__(
            intents=intents(),
            enable_debug_events=True,
            max_messages=None,
            guild_ready_timeout=adapter.guild_ready_timeout,
        )
        self.adapter = adapter
        self.tree = build_tree(self, adapter, commands)

    async def setup_hook(self) -> None:
        await self.adapter.sync_commands()
        self.adapter.mark_logged_in()

    async def on_ready(self) -> None:
        self.adapter.mark_ready()
        await self.adapter.look_at_servers(exposure.CONNECTED, initial=True)

    # Who can read which channel: discord.py has applied each change to its cache before calling these.
    async def on_guild_join(self, guild: discord.Guild) -> None:
        await self.adapter.look_at_servers(exposure.JOINED, guild, initial=True)

    async def on_guild_channel_create(self, channel: discord.abc.GuildChannel) -> None:
        await self.adapter.look_at_servers(f"A channel was created: #{channel.name}", channel.guild)

    async def on_guild_channel_update(self, before: discord.abc.GuildChannel, after: discord.abc.GuildChannel) -> None:
        what = "permissions" if before.overwrites != after.overwrites else "settings"
        await self.adapter.look_at_servers(f"The {what} of #{after.name} changed", after.guild)

    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        await self.adapter.look_at_servers(f"A channel was deleted: #{channel.name}", channel.guild)

    async def on_guild_role_update(self, before: discord.Role, after: discord.Role) -> None:
        which = "The @everyone role" if after.is_default() else "A role"
        await self.adapter.look_at_servers(f"{which} changed (its permissions or settings)", after.guild)

    async def on_thread_create(self, thread: discord.Thread) -> None:
        parent = f" in #{thread.parent.name}" if thread.parent is not None else ""
        await self.adapter.look_at_servers(f"A thread was opened{parent}: {thread.name}", thread.guild)

    async def on_thread_join(self, thread: discord.Thread) -> None:
        await self.adapter.look_at_servers(f"A thread was reopened: {thread.name}", thread.guild)

    async def on_thread_update(self, before: discord.Thread, after: discord.Thread) -> None:
        await self.adapter.look_at_servers(f"A thread changed: {after.name}", after.guild)

    async def on_thread_delete(self, thread: discord.Thread) -> None:
        await self.adapter.look_at_servers(f"A thread was deleted: {thread.name}", thread.guild)

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """A button on one of the bot's messages (commands and forms are the tree's and the modals')."""
        if interaction.type is discord.InteractionType.component:
            await self.adapter.button(interaction)

    async def on_socket_raw_receive(self, frame: str) -> None:
        await self.adapter.on_frame(frame)

    async def on_error(self, event_method: str, /, *args: object, **kwargs: object) -> None:
        """Type and place only, instead of discord.py's traceback, whose exception text could quote a payload."""
        error = sys.exc_info()[1]
        log.error("Discord %s failed: %s", event_method, describe_error(error) if error else "unknown error")


class DiscordAdapter:
    """Runs the bot on Discord; ``perform`` never raises for platform errors."""

    platform = "discord"

    def __init__(
        self,
        token: str,
        *,
        api_url: str = "",
        gateway_url: str = "",
        defer_after: float = DEFER_AFTER,
        guild_ready_timeout: float = 2.0,
        connect_wait: float = 30.0,
        channels: PlatformChannels | None = None,
        config_source: str = "deployment",
    ) -> None:
        self.token = token
        self.channels = channels or PlatformChannels()
        self.config_source = config_source or "deployment"
        self.connect_wait = connect_wait
        self._logged_in = asyncio.Event()
        self._ready = asyncio.Event()
        self._stopped = False
        self.guild_ready_timeout = guild_ready_timeout
        self.api_url = api_url.rstrip("/")
        self.gateway_url = gateway_url
        self.defer_after = defer_after
        self.client: _Client | None = None
        self.core: Core | None = None
        self._deliverer: Deliverer | None = None
        self._saved: tuple[str, yarl.URL] | None = None
        self._looking = asyncio.Lock()  # one look at a time, each from the cache as it is then
        self._looks: set[asyncio.Task[None]] = set()  # in flight, so stop() can let them finish

    @classmethod
    def from_settings(cls, settings: Settings, deployment: Deployment | None = None) -> DiscordAdapter:
        """From the environment, with the deployment's Discord channel settings (``channels.discord``)."""
        if not settings.discord_token:
            raise ValueError("DISCORD_TOKEN is not set")
        if problems := settings_problems(settings.discord_token):
            raise ConfigError(problems)
        return cls(
            settings.discord_token,
            api_url=settings.discord_api_url,
            gateway_url=settings.discord_gateway_url,
            channels=deployment.channels_on(cls.platform) if deployment is not None else None,
            config_source=deployment.source if deployment is not None else "",
        )

    @property
    def _commands(self) -> CommandSet:
        return self.core.commands if self.core is not None else CommandSet()

    # -- running ---------------------------------------------------------------------------------------------------

    async def start(self, core: Core) -> None:
        """Log in, sync commands, and serve the gateway until :meth:`stop`.

        A rejected token, an unreachable API or a refused Message Content intent
        raise :class:`ConfigError` naming what to fix, so the bot stops at once
        instead of running half-alive.
        """
        self.core = core
        self._stopped = False
        self._check_guild_ids()
        hold(LIBRARY_LOG_FLOORS)
        self._point_at_api()
        self.client = _Client(self, core.commands)
        self._deliverer = Deliverer(self.client)
        try:
            await self._login()
            try:
                await self.client.connect()
            except discord.PrivilegedIntentsRequired:
                raise ConfigError([Problem("Discord developer portal", 0, _INTENT_HELP)]) from None
        finally:
            await self.stop()

    def _check_guild_ids(self) -> None:
        """Server ids are numbers (snowflakes); say which entry is wrong before logging in."""
        wrong = [g for g in self.channels.guilds if not g.isdigit()]
        if wrong:
            message = f"channels.discord.guilds: {', '.join(wrong)} is not a Discord server id (Copy Server ID)"
            raise ConfigError([Problem(self.config_source, 0, message)])

    async def _login(self) -> None:
        assert self.client is not None
        try:
            await self.client.login(self.token)
        except discord.LoginFailure:
            raise ConfigError([Problem("DISCORD_TOKEN", 0, _TOKEN_HELP)]) from None
        except (aiohttp.ClientError, OSError, TimeoutError) as exc:
            where = "DISCORD_API_URL" if self.api_url else "Discord"
            message = f"cannot reach the Discord API at {Route.BASE} ({type(exc).__name__}); check the network"
            raise ConfigError([Problem(where, 0, message)]) from None

    async def stop(self) -> None:
        """Let looks at the servers in flight finish (their records are half-written otherwise), then close."""
        if self._looks:
            _, pending = await asyncio.wait(set(self._looks), timeout=DRAIN_SECONDS)
            for task in pending:
                task.cancel()
        self._stopped = True
        self._logged_in.clear()
        self._ready.clear()
        if self.client is not None and not self.client.is_closed():
            await self.client.close()
        if self._saved is not None:
            Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = self._saved
            self._saved = None

    def mark_logged_in(self) -> None:
        """Called once login and command sync are done: actions can be delivered from now on."""
        self._logged_in.set()

    def mark_ready(self) -> None:
        """Called when the gateway has delivered READY and the servers' channels are cached."""
        self._ready.set()

    async def connected(self) -> bool:
        """The gateway WebSocket is open and was ready; false while discord.py waits to reconnect."""
        client = self.client
        if client is None or client.is_closed() or self._stopped or not self._ready.is_set():
            return False
        return client.ws is not None and bool(client.ws.open)

    async def wait_ready(self) -> None:
        """Return once the gateway is ready (for tests and health checks)."""
        await self._ready.wait()

    def _point_at_api(self) -> None:
        """Both the REST base and the gateway: a plain client never asks REST where the gateway is."""
        if self._saved is None and (self.api_url or self.gateway_url):
            self._saved = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
        if self.api_url:
            Route.BASE = self.api_url
        if self.gateway_url:
            DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)

    async def sync_commands(self) -> None:
        """Register the commands in each configured server (instant), or globally when none is configured."""
        assert self.client is not None
        tree = self.client.tree
        guilds = self.channels.guilds
        try:
            if not guilds:
                log.warning("no Discord servers configured under channels.discord.guilds; syncing commands globally")
                await tree.sync()
            for guild_id in guilds:
                guild = discord.Object(id=int(guild_id))
                tree.copy_global_to(guild=guild)
                synced = await tree.sync(guild=guild)
                log.info("synced %d commands to Discord server %s", len(synced), guild_id)
        except discord.HTTPException as exc:
            # Moderation still works without commands, so this is loud but not fatal.
            log.error(
                "could not register commands (HTTP %s code %s): was the bot invited with the applications.commands "
                "scope to every configured server?",
                exc.status,
                exc.code,
            )

    # -- inbound ---------------------------------------------------------------------------------------------------

    async def on_frame(self, frame: str) -> None:
        """A raw gateway frame: message creates and updates go to the core, the rest is discord.py's."""
        try:
            payload = json.loads(frame)
        except ValueError:
            return
        kind = payload.get("t") if isinstance(payload, dict) else None
        if kind not in _MESSAGE_FRAMES:
            return
        data = payload.get("d")
        if self.client is None:  # a frame after stop(): nobody to answer it
            return
        try:
            events = message_events(data, places.where(self.client, data, self.channels), edited=_MESSAGE_FRAMES[kind])
        except Malformed as exc:
            log.warning("skipped a malformed %s payload: %s", kind, exc)
            return
        for event in events:
            dm = event.origin.channel_kind is ChannelKind.DM
            await self._handle(event, MessageTrigger(event.origin.channel_id, event.origin.message_id, dm))

    async def look_at_servers(self, cause: str, guild: discord.Guild | None = None, *, initial: bool = False) -> None:
        """Tell the core who can read each channel of ``guild`` (every server when None), and which watched
        entries match no channel; only when a feature listens, so no work is done for nobody."""
        if self.core is None or self.client is None or not self.core.wants(ChannelExposureChanged):
            return
        task = asyncio.create_task(self._look(cause, guild, initial))
        self._looks.add(task)
        task.add_done_callback(self._looks.discard)
        await asyncio.shield(task)

    async def _look(self, cause: str, guild: discord.Guild | None, initial: bool) -> None:
        assert self.client is not None
        async with self._looking:
            guilds = [guild] if guild is not None else list(self.client.guilds)
            events = [exposure.guild_exposure(g, self.channels, cause, initial=initial) for g in guilds]
            events.append(exposure.unfound_watched(self.client.guilds, self.channels, cause))
            for event in events:
                await self._handle(event, None)

    async def command(self, interaction: discord.Interaction) -> None:
        """A slash command: translate it and answer ephemerally."""
        try:
            who = places.who(interaction, self.channels)
            event = command_event(interaction.data, who, self._commands)
        except Malformed as exc:
            log.warning("skipped a malformed command interaction: %s", exc)
            return
        await self._answer(interaction, who, event)

    async def report_menu(self, interaction: discord.Interaction) -> None:
        """The context menu: capture the post now, then ask for category and details in a modal."""
        try:
            who = places.who(interaction, self.channels)
            channel_name = who.channel_name
            post = reported_post(interaction.data, channel_name, who.guild_id)
        except Malformed as exc:
            log.warning("skipped a malformed report interaction: %s", exc)
            return

        default = (self.core.suggestion(CATEGORY_TOPIC, post.text) if self.core is not None else "") or DEFAULT_CATEGORY

        async def submit(modal_interaction: discord.Interaction, category: str, details: str, anonymous: bool) -> None:
            modal_who = places.who(modal_interaction, self.channels)
            event = report_event(modal_who, post, category, details, anonymous, form_default=default)
            await self._answer(modal_interaction, modal_who, event)

        action = self._commands.post_action(REPORT_ACTION)
        title = action.label if action is not None else "Report"
        await _quietly(interaction.response.send_modal(ReportModal(submit, title=title, default=default)))

    async def button(self, interaction: discord.Interaction) -> None:
        """A button the bot put on a message: run its command, asking first for the text if it has a prompt."""
        raw: Any = interaction.data
        data: dict[str, Any] = raw if isinstance(raw, dict) else {}
        found = parse_custom_id(str(data.get("custom_id") or ""))
        if found is None:
            return  # not one of ours (or from an older version): discord.py leaves it unanswered
        command, args, prompt = found
        if not prompt:  # runs at once, as the presser
            who = places.who(interaction, self.channels)
            await self._answer(interaction, who, button_command(who, command, args, ""))
            return

        async def submit(modal_interaction: discord.Interaction, typed: str) -> None:
            modal_who = places.who(modal_interaction, self.channels)
            await self._answer(modal_interaction, modal_who, button_command(modal_who, command, args, typed))

        label = next((b.get("label") for b in _buttons(interaction) if b.get("custom_id") == data.get("custom_id")), "")
        await _quietly(
            interaction.response.send_modal(CommandModal(submit, title=str(label or "Reply"), prompt=prompt))
        )

    async def _answer(self, interaction: discord.Interaction, who: Who, event: Event) -> None:
        responder = InteractionResponder(interaction)
        trigger = InteractionTrigger(responder, who.user_id, who.channel_id)
        work = asyncio.create_task(self._handle(event, trigger))
        done, _ = await asyncio.wait({work}, timeout=self.defer_after)
        if not done:
            await _quietly(responder.defer())
        await work
        if not responder.answered:
            # Discord shows "the application did not respond" to an interaction left unanswered.
            await _quietly(responder.send("Done.", None))

    async def _handle(self, event: Event, trigger: InteractionTrigger | MessageTrigger | None) -> None:
        token = current_trigger.set(trigger)
        try:
            assert self.core is not None
            await self.core.handle(event)
        except Exception as exc:
            log.error("handling a Discord %s failed: %s", type(event).__name__, describe_error(exc))
        finally:
            current_trigger.reset(token)

    # -- outbound --------------------------------------------------------------------------------------------------

    async def perform(self, action: Action) -> Delivery:
        """Deliver ``action``; while start-up is still logging in, wait for it (up to ``connect_wait``)."""
        if not self._logged_in.is_set() and not self._stopped:
            try:
                async with asyncio.timeout(self.connect_wait):  # not wait_for: it can swallow a cancellation on 3.11
                    await self._logged_in.wait()
            except TimeoutError:
                return Delivery.failed("not connected to Discord")
        if self._stopped or self._deliverer is None or self.client is None or self.client.is_closed():
            return Delivery.failed("not connected to Discord")
        return await self._deliverer.perform(action)

    async def check_sent(self, check: SentCheck) -> SentCheckResult:
        """Whether an interrupted direct message reached the user (see :mod:`bot.reports.outbox`)."""
        if self._deliverer is None or not self._logged_in.is_set() or self._stopped:
            return SentCheckResult.unknown()
        return await self._deliverer.check_sent(check)

    async def fetch_post(self, lookup: PostLookup) -> PostNow:
        """A post as it stands now (its text and its files' descriptions; never a file)."""
        if self._deliverer is None or not self._logged_in.is_set() or self._stopped:
            return PostNow(Seen.UNKNOWN)
        return await self._deliverer.fetch_post(lookup)


def _buttons(interaction: discord.Interaction) -> list[dict[str, object]]:
    """The buttons of the message a component interaction came from, as Discord sent them."""
    message = interaction.message
    found: list[dict[str, object]] = []
    for row in message.components if message is not None else ():
        for child in getattr(row, "children", ()):
            found.append({"custom_id": getattr(child, "custom_id", None), "label": getattr(child, "label", None)})
    return found


async def _quietly(step: Awaitable[object]) -> None:
    try:
        await step
    except discord.HTTPException as exc:
        log.warning("could not answer an interaction: HTTP %s code %s", exc.status, exc.code)
