"""A local stand-in for Discord: the REST routes the bot uses and a gateway WebSocket.

The real discord.py client talks to it when ``Route.BASE`` and the gateway URL
point here (port 0, loopback only). Every REST call is recorded with method,
path and JSON body, so tests assert on what the bot actually sent. Users in
``closed_dms`` get Discord's 403 / code 50007 when the bot writes to them.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.fake_server import FakeServer

BOT_ID = "900000000000000009"
APP_ID = "900000000000000008"
GUILD_ID = "500000000000000001"
OWNER_ID = "400000000000000099"
EVERYONE = GUILD_ID  # Discord's @everyone role has the guild's id
VIEW_CHANNEL = 1 << 10
EVERYONE_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 16) | (1 << 31)  # view, send, read history, use commands

PUBLIC_CHANNEL = "600000000000000001"  # @everyone can read: watched by detection
STAFF_CHANNEL = "600000000000000002"  # @everyone denied VIEW_CHANNEL: internal
LISTED_CHANNEL = "600000000000000003"  # hidden from @everyone but listed under watch
IGNORED_CHANNEL = "600000000000000004"  # public but listed under ignore
PUBLIC_THREAD = "600000000000000005"  # a thread in the public channel: follows its parent
PRIVATE_THREAD = "600000000000000006"  # a private thread in the public channel: hidden


def _thread(thread_id: str, name: str, *, private: bool, parent: str = PUBLIC_CHANNEL) -> dict[str, Any]:
    return {
        "id": thread_id,
        "type": 12 if private else 11,
        "guild_id": GUILD_ID,
        "parent_id": parent,
        "owner_id": OWNER_ID,
        "name": name,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "message_count": 1,
        "member_count": 1,
        "flags": 0,
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": 1440,
            "archive_timestamp": "2026-11-25T00:00:00+00:00",
            "locked": False,
            "invitable": False,
        },
    }


def user(user_id: str, name: str, *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": user_id,
        "username": name,
        "global_name": name.title(),
        "discriminator": "0",
        "avatar": None,
        "bot": bot,
    }


BOT_USER = user(BOT_ID, "safeguard-bot", bot=True)


def _channel(channel_id: str, name: str, position: int, *, hidden: bool) -> dict[str, Any]:
    overwrites = [{"id": EVERYONE, "type": 0, "allow": "0", "deny": str(VIEW_CHANNEL)}] if hidden else []
    return {
        "id": channel_id,
        "type": 0,
        "guild_id": GUILD_ID,
        "name": name,
        "position": position,
        "permission_overwrites": overwrites,
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
    }


def channel_payload(channel_id: str, name: str, position: int, *, hidden: bool) -> dict[str, Any]:
    """A guild text channel as CHANNEL_CREATE and CHANNEL_UPDATE carry it; ``hidden``: @everyone denied View Channel."""
    return _channel(channel_id, name, position, hidden=hidden)


def thread_payload(thread_id: str, name: str, *, private: bool = False, parent: str = PUBLIC_CHANNEL) -> dict[str, Any]:
    """A THREAD_CREATE payload for a thread just opened under ``parent``."""
    return {**_thread(thread_id, name, private=private, parent=parent), "newly_created": True}


def everyone_role(permissions: int = EVERYONE_PERMISSIONS) -> dict[str, Any]:
    return {
        "id": EVERYONE,
        "name": "@everyone",
        "permissions": str(permissions),
        "position": 0,
        "color": 0,
        "hoist": False,
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }


def role_update_payload(permissions: int) -> dict[str, Any]:
    """A GUILD_ROLE_UPDATE giving the @everyone role ``permissions``."""
    return {"guild_id": GUILD_ID, "role": everyone_role(permissions)}


def guild_payload() -> dict[str, Any]:
    return {
        "id": GUILD_ID,
        "name": "LEAPS Suffolk",
        "icon": None,
        "owner_id": OWNER_ID,
        "unavailable": False,
        "member_count": 3,
        "large": False,
        "features": [],
        "roles": [everyone_role()],
        "channels": [
            _channel(PUBLIC_CHANNEL, "general", 0, hidden=False),
            _channel(STAFF_CHANNEL, "staff-room", 1, hidden=True),
            _channel(LISTED_CHANNEL, "parents-forum", 2, hidden=True),
            _channel(IGNORED_CHANNEL, "bot-testing", 3, hidden=False),
        ],
        "members": [
            {
                "user": BOT_USER,
                "roles": [],
                "joined_at": "2026-01-01T00:00:00+00:00",
                "deaf": False,
                "mute": False,
                "flags": 0,
            }
        ],
        "threads": [_thread(PUBLIC_THREAD, "tonight", private=False), _thread(PRIVATE_THREAD, "staff", private=True)],
        "emojis": [],
        "stickers": [],
        "voice_states": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "joined_at": "2026-01-01T00:00:00+00:00",
        "premium_tier": 0,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "nsfw_level": 0,
        "preferred_locale": "en-GB",
        "system_channel_flags": 0,
    }


def _json(data: Any, status: int = 200) -> web.Response:
    """Discord answers ``application/json`` with no charset, and discord.py checks for exactly that."""
    return web.Response(body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"})


@dataclass(frozen=True, slots=True)
class Call:
    """One REST call the bot made."""

    method: str
    path: str  # without the /api/v10 prefix
    body: Any


@dataclass
class DiscordStandIn:
    """Start with ``await fake.start()``; point the bot at ``api_url`` and ``gateway_url``."""

    closed_dms: set[str] = field(default_factory=set)
    refuse_message_content: bool = False  # close IDENTIFY with 4014, as Discord does when the intent is off
    token: str = "stand-in-token"  # any other token gets 401 on GET /users/@me
    calls: list[Call] = field(default_factory=list)
    identify: dict[str, Any] = field(default_factory=dict)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(700000000000000001))
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    _sockets: list[web.WebSocketResponse] = field(default_factory=list)
    _dm_ids: dict[str, str] = field(default_factory=dict)
    history: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # posted messages, by channel
    _dm_counter: itertools.count[int] = field(default_factory=lambda: itertools.count(800000000000000001))
    _seq: int = 0
    _server: FakeServer | None = None
    port: int = 0

    # -- life cycle --------------------------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._server = FakeServer(app)
        self.port = await self._server.start()

    async def close(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._server is not None:
            await self._server.stop()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    # -- waiting and asserting ---------------------------------------------------------------------------------

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 5.0) -> Any:
        """Wait until ``predicate()`` is truthy (re-checked on every call or gateway message); return it."""

        async def until() -> Any:
            async with self._changed:
                while not (result := predicate()):
                    await self._changed.wait()
                return result

        return await asyncio.wait_for(until(), timeout)

    def made(self, method: str, prefix: str) -> list[Call]:
        return [c for c in self.calls if c.method == method and c.path.startswith(prefix)]

    def callbacks(self) -> list[Call]:
        return [c for c in self.calls if c.method == "POST" and c.path.endswith("/callback")]

    def channel_posts(self) -> list[Call]:
        return [c for c in self.calls if c.method == "POST" and c.path.startswith("/channels/")]

    def dm_channel_of(self, user_id: str) -> str:
        """The DM channel id the stand-in gives ``user_id`` (one per user, made on first use)."""
        return self._dm_ids.setdefault(user_id, str(next(self._dm_counter)))

    # -- gateway -----------------------------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": 41250}, "s": None, "t": None})
        async for msg in ws:
            if msg.type is not WSMsgType.TEXT:
                break
            frame = json.loads(msg.data)
            if frame["op"] == 1:
                await ws.send_json({"op": 11, "d": None, "s": None, "t": None})
            elif frame["op"] == 2:
                self.identify = frame["d"]
                if self.refuse_message_content:
                    await ws.close(code=4014, message=b"Disallowed intent(s).")
                    break
                self._sockets.append(ws)
                await self._send(ws, "READY", self._ready())
                await self._send(ws, "GUILD_CREATE", guild_payload())
                await self._notify()
        if ws in self._sockets:
            self._sockets.remove(ws)
        return ws

    def _ready(self) -> dict[str, Any]:
        return {
            "v": 10,
            "user": BOT_USER,
            "session_id": "stand-in-session",
            "resume_gateway_url": self.gateway_url,
            "guilds": [{"id": GUILD_ID, "unavailable": True}],
            "application": {"id": APP_ID, "flags": 1 << 19},
            "private_channels": [],
            "relationships": [],
        }

    async def _send(self, ws: web.WebSocketResponse, kind: str, data: dict[str, Any]) -> None:
        self._seq += 1
        await ws.send_json({"op": 0, "t": kind, "s": self._seq, "d": data})

    async def dispatch(self, kind: str, data: dict[str, Any]) -> None:
        """Send a gateway event (MESSAGE_CREATE, MESSAGE_UPDATE, INTERACTION_CREATE...) to the connected bot."""
        await self.wait_for(lambda: self._sockets)
        for ws in self._sockets:
            await self._send(ws, kind, data)

    # -- REST --------------------------------------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        body: Any = None
        if request.can_read_body:
            raw = await request.read()
            if request.content_type == "application/json" and raw:
                body = json.loads(raw)
            elif raw:
                body = {"multipart": True}
        self.calls.append(Call(request.method, path, body))
        by_token_in_url = path.startswith(("/interactions/", "/webhooks/"))
        if not by_token_in_url and request.headers.get("Authorization") != f"Bot {self.token}":
            await self._notify()
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        try:
            return self._answer(request.method, path, body)
        finally:
            await self._notify()

    def _answer(self, method: str, path: str, body: Any) -> web.Response:
        parts = path.strip("/").split("/")
        if (method, path) == ("GET", "/users/@me"):
            return _json(BOT_USER)
        if (method, path) == ("GET", "/oauth2/applications/@me"):
            return _json(self._application())
        if method == "PUT" and parts[0] == "applications" and parts[-1] == "commands":
            commands = [
                {"description": "", **c, "id": str(next(self._ids)), "application_id": APP_ID, "version": "1"}
                for c in body or []
            ]
            return _json(commands)
        if (method, path) == ("POST", "/users/@me/channels"):
            recipient = str(body["recipient_id"])
            dm = {"id": self.dm_channel_of(recipient), "type": 1, "recipients": [self._user(recipient)]}
            return _json(dm)
        if method == "POST" and parts[0] == "channels" and parts[-1] == "messages":
            if parts[1] in {self._dm_ids.get(u) for u in self.closed_dms}:
                error = {"message": "Cannot send messages to this user", "code": 50007}
                return _json(error, status=403)
            message = self._message(parts[1], body)
            self.history.setdefault(parts[1], []).insert(0, message)
            return _json(message)
        if method == "GET" and parts[0] == "channels" and parts[-1] == "messages":  # newest first
            return _json(self.history.get(parts[1], []))
        if method == "POST" and parts[0] == "interactions" and parts[-1] == "callback":
            return _json({"interaction": {"id": parts[1], "type": 2}})
        if method == "POST" and parts[0] == "webhooks":
            return _json(self._message("0", body, webhook=True))
        return _json({"message": "not in the stand-in", "code": 0}, status=404)

    def _application(self) -> dict[str, Any]:
        return {
            "id": APP_ID,
            "name": "Safeguard Bot",
            "icon": None,
            "description": "",
            "bot_public": False,
            "bot_require_code_grant": False,
            "owner": user(OWNER_ID, "owner"),
            "verify_key": "0" * 64,
            "flags": 1 << 19,
            "team": None,
        }

    def _user(self, user_id: str) -> dict[str, Any]:
        return self.users.get(user_id, user(user_id, f"user{user_id[-4:]}"))

    def _message(self, channel_id: str, body: Any, *, webhook: bool = False) -> dict[str, Any]:
        body = body if isinstance(body, dict) else {}
        return {
            "id": str(next(self._ids)),
            "channel_id": channel_id,
            "author": BOT_USER,
            "content": body.get("content") or "",
            "timestamp": "2026-11-25T12:00:00+00:00",
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "pinned": False,
            "type": 0,
            "flags": body.get("flags", 0),
            **({"webhook_id": APP_ID} if webhook else {}),
        }


# -- payload builders: what Discord sends on the gateway ---------------------------------------------------------

_snowflakes = itertools.count(710000000000000001)


def snowflake() -> str:
    return str(next(_snowflakes))


def message_payload(
    content: str,
    *,
    author: dict[str, Any],
    channel_id: str = PUBLIC_CHANNEL,
    guild: bool = True,
    message_id: str = "",
    mentions: tuple[dict[str, Any], ...] = (),
    attachments: tuple[tuple[str, str], ...] = (),
    edited: bool = False,
) -> dict[str, Any]:
    """A MESSAGE_CREATE (or, with ``edited``, MESSAGE_UPDATE) payload; attachments are (filename, content_type)."""
    data: dict[str, Any] = {
        "id": message_id or snowflake(),
        "channel_id": channel_id,
        "author": author,
        "content": content,
        "timestamp": "2026-11-25T12:00:00.000000+00:00",
        "edited_timestamp": "2026-11-25T12:05:00.000000+00:00" if edited else None,
        "tts": False,
        "mention_everyone": False,
        "mentions": list(mentions),
        "mention_roles": [],
        "attachments": [
            {
                "id": snowflake(),
                "filename": name,
                "content_type": kind,
                "size": 1000,
                "url": f"https://cdn.test/{name}",
                "proxy_url": f"https://media.test/{name}",
            }
            for name, kind in attachments
        ],
        "embeds": [],
        "pinned": False,
        "type": 0,
        "flags": 0,
    }
    if guild:
        data["guild_id"] = GUILD_ID
        data["member"] = {
            "roles": [],
            "joined_at": "2026-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
        }
    return data


def _interaction(
    kind: int, data: dict[str, Any], *, who: dict[str, Any], channel_id: str, guild: bool
) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "id": snowflake(),
        "application_id": APP_ID,
        "type": kind,
        "data": data,
        "channel_id": channel_id,
        "channel": {"id": channel_id, "type": 0 if guild else 1},
        "token": f"token-{snowflake()}",
        "version": 1,
        "locale": "en-GB",
        "app_permissions": str(EVERYONE_PERMISSIONS),
        "entitlements": [],
        "attachment_size_limit": 10 * 1024 * 1024,
        "authorizing_integration_owners": {"0": GUILD_ID} if guild else {"1": who["id"]},
        "context": 0 if guild else 1,
    }
    if guild:
        payload["guild_id"] = GUILD_ID
        payload["guild_locale"] = "en-GB"
        payload["member"] = {
            "user": who,
            "roles": [],
            "joined_at": "2026-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
            "permissions": str(EVERYONE_PERMISSIONS),
        }
    else:
        payload["user"] = who
    return payload


def slash_payload(
    name: str, options: dict[str, str], *, who: dict[str, Any], channel_id: str = PUBLIC_CHANNEL, guild: bool = True
) -> dict[str, Any]:
    """An INTERACTION_CREATE for a slash command with string options."""
    data = {
        "id": snowflake(),
        "name": name,
        "type": 1,
        "options": [{"name": k, "type": 3, "value": v} for k, v in options.items()],
    }
    if guild:
        data["guild_id"] = GUILD_ID
    return _interaction(2, data, who=who, channel_id=channel_id, guild=guild)


def context_menu_payload(target: dict[str, Any], *, who: dict[str, Any], name: str) -> dict[str, Any]:
    """An INTERACTION_CREATE for a message context-menu command on ``target`` (a message payload)."""
    data = {
        "id": snowflake(),
        "name": name,
        "type": 3,
        "target_id": target["id"],
        "guild_id": GUILD_ID,
        "resolved": {"messages": {target["id"]: target}},
    }
    return _interaction(2, data, who=who, channel_id=target["channel_id"], guild=True)


def modal_submit_payload(
    modal: dict[str, Any],
    values: dict[str, Any],
    *,
    who: dict[str, Any],
    channel_id: str = PUBLIC_CHANNEL,
    guild: bool = True,
) -> dict[str, Any]:
    """An INTERACTION_CREATE (type 5) answering ``modal`` (the data the bot sent with callback type 9)."""
    components = []
    for label in modal["components"]:
        inner = label["component"]
        custom_id = inner["custom_id"]
        if inner["type"] == 3:
            answered = {"type": 3, "custom_id": custom_id, "values": [values[custom_id]]}
        elif inner["type"] == 23:  # a checkbox
            answered = {"type": 23, "custom_id": custom_id, "value": bool(values.get(custom_id, False))}
        else:
            answered = {"type": 4, "custom_id": custom_id, "value": values.get(custom_id, "")}
        components.append({"type": 18, "component": answered})
    data = {"custom_id": modal["custom_id"], "components": components}
    return _interaction(5, data, who=who, channel_id=channel_id, guild=guild)


def button_payload(message: dict[str, Any], custom_id: str, *, who: dict[str, Any]) -> dict[str, Any]:
    """An INTERACTION_CREATE (type 3) for a click on a button of ``message``, a message the bot sent in a DM."""
    data = {"custom_id": custom_id, "component_type": 2}
    payload = _interaction(3, data, who=who, channel_id=message["channel_id"], guild=False)
    payload["message"] = message
    return payload


# -- the real adapter and core running against the stand-in --------------------------------------------------------


class _TracingCore:
    """The real core, noting each event it finished so tests can await "handled" instead of sleeping."""

    def __init__(self, core: Any, fake: DiscordStandIn) -> None:
        self._core = core
        self._fake = fake
        self.handled: list[Any] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._core, name)

    async def handle(self, event: Any) -> list[Any]:
        try:
            actions: list[Any] = await self._core.handle(event)
            return actions
        finally:
            self.handled.append(event)
            await self._fake._notify()


@dataclass
class BotUnderTest:
    """``async with BotUnderTest(fake, features, deployment) as bot:`` runs the real client until the block ends."""

    fake: DiscordStandIn
    features: list[Any]
    deployment: Any
    defer_after: float = 2.0
    adapter: Any = None
    core: Any = None
    _task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> BotUnderTest:
        from adapters.discord import DiscordAdapter
        from bot.core import Core

        self.adapter = DiscordAdapter(
            "stand-in-token",
            api_url=self.fake.api_url,
            gateway_url=self.fake.gateway_url,
            defer_after=self.defer_after,
            guild_ready_timeout=0.01,
            channels=self.deployment.channels_on("discord") if self.deployment is not None else None,
            config_source=self.deployment.source if self.deployment is not None else "",
        )
        self.core = _TracingCore(Core(self.features, self.adapter.perform, self.deployment), self.fake)
        self._task = asyncio.create_task(self.adapter.start(self.core))
        ready = asyncio.create_task(self.adapter.wait_ready())
        await asyncio.wait({self._task, ready}, timeout=10, return_when=asyncio.FIRST_COMPLETED)
        if not ready.done():
            ready.cancel()
            await self.__aexit__()
            raise RuntimeError("the bot did not become ready against the stand-in")
        await self.core.start()  # background work (the report outbox), as bot.app starts it
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.adapter.stop()
        await self.core.stop()
        if self._task is not None:
            await self._task

    async def handled(self, predicate: Callable[[Any], bool]) -> Any:
        """Wait until the core has finished an event matching ``predicate``; return it."""
        return await self.fake.wait_for(lambda: next((e for e in self.core.handled if predicate(e)), None))
