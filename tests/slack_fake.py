"""A local stand-in for Slack: the Web API, response URLs and a Socket Mode WebSocket, on 127.0.0.1.

The real ``AsyncWebClient`` is pointed at it with ``base_url``; it records every
call's method and parsed body so tests assert on what the bot actually sent.
Errors and 429s can be queued per method. Tests wait on conditions over the
recorded calls (``await fake.wait_for(...)``), never on fixed sleeps.
Payload builders below produce requests shaped and signed as Slack sends them.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import web
from slack_sdk.signature import SignatureVerifier

from tests.fake_server import FakeServer

BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-test-token"
SIGNING_SECRET = "test-signing-secret"
BOT_USER = "U0BOT"
TEAM = "T0LEAPS"
TEAM_URL = "https://leaps.slack.com/"
JSON_FIELDS = ("blocks", "view", "attachments")


@dataclass
class Call:
    method: str
    body: dict[str, Any]
    token: str = ""


@dataclass
class FakeSlack:
    bot_token: str = BOT_TOKEN
    channels: dict[str, dict[str, Any]] = field(default_factory=dict)  # conversations.info answers
    history: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # chat.postMessage, by channel
    users: dict[str, dict[str, Any]] = field(default_factory=dict)  # users.info answers
    teams: dict[str, dict[str, Any]] = field(default_factory=dict)  # team.info answers (other organisations)
    not_found: set[str] = field(default_factory=set)  # channels conversations.info answers channel_not_found
    calls: list[Call] = field(default_factory=list)
    socket_messages: list[dict[str, Any]] = field(default_factory=list)  # what the bot sent over the socket
    _errors: dict[str, list[tuple[int, dict[str, Any], dict[str, str]]]] = field(default_factory=dict)
    _ts: int = 0
    _server: FakeServer | None = None
    _changed: asyncio.Condition | None = None
    _sockets: list[web.WebSocketResponse] = field(default_factory=list)
    connections: int = 0  # Socket Mode connections opened so far
    port: int = 0
    #: Requests for a file's content, thumbnail or page (see ``file``): the bot must never make one, so
    #: ``close()`` fails the test if there is any.
    file_requests: list[str] = field(default_factory=list)

    # -- lifecycle -------------------------------------------------------------------

    async def start(self) -> FakeSlack:
        self._changed = asyncio.Condition()
        app = web.Application()
        app.add_routes(
            [
                web.post("/api/{method}", self._api),
                web.get("/api/{method}", self._api),
                web.post("/respond/{hook}", self._respond),
                web.get("/link", self._socket),
                web.route("*", "/files/{tail:.*}", self._file),
            ]
        )
        self._server = FakeServer(app)
        self.port = await self._server.start()
        return self

    async def close(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._server is not None:
            await self._server.stop()
        assert not self.file_requests, f"the bot requested attachment URLs: {self.file_requests}"

    def file(self, file_id: str, name: str, mimetype: str = "image/jpeg", size: int = 48213) -> dict[str, Any]:
        """A file on a post as Slack describes it, every URL of it (content, download, thumbnails, page) served
        by this fake, which records any request for one."""
        base = f"http://127.0.0.1:{self.port}/files/{file_id}"
        return {
            "id": file_id,
            "name": name,
            "title": name,
            "mimetype": mimetype,
            "filetype": name.rsplit(".", 1)[-1],
            "size": size,
            "url_private": f"{base}/private/{name}",
            "url_private_download": f"{base}/download/{name}",
            "thumb_64": f"{base}/thumb_64.jpg",
            "thumb_360": f"{base}/thumb_360.jpg",
            "thumb_720": f"{base}/thumb_720.jpg",
            "permalink": f"{base}/page",
            "permalink_public": f"{base}/public",
        }

    async def _file(self, request: web.Request) -> web.Response:
        self.file_requests.append(request.path)
        await self._notify()
        return web.Response(status=403, text="the bot must never fetch a file")

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, hook: str = "hook1") -> str:
        return f"http://127.0.0.1:{self.port}/respond/{hook}"

    # -- scripting -------------------------------------------------------------------

    def fail(self, method: str, error: str, times: int = 1) -> None:
        """The next ``times`` calls of ``method`` answer ``{"ok": false, "error": error}``."""
        for _ in range(times):
            self._errors.setdefault(method, []).append((200, {"ok": False, "error": error}, {}))

    def rate_limit(self, method: str, retry_after: int = 1, times: int = 1) -> None:
        """The next ``times`` calls of ``method`` answer 429 with ``Retry-After``."""
        for _ in range(times):
            body = {"ok": False, "error": "ratelimited"}
            self._errors.setdefault(method, []).append((429, body, {"Retry-After": str(retry_after)}))

    # -- reading the record ------------------------------------------------------------

    def of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def methods(self) -> list[str]:
        return [c.method for c in self.calls]

    async def _record(self, call: Call) -> None:
        self.calls.append(call)
        await self._notify()

    async def _notify(self) -> None:
        assert self._changed is not None
        async with self._changed:
            self._changed.notify_all()

    async def wait_for(self, predicate: Callable[[], object], timeout: float = 5.0) -> None:
        """Return as soon as ``predicate()`` holds; fail the test after ``timeout`` seconds."""
        assert self._changed is not None
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: bool(predicate())), timeout)

    async def wait_for_call(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        await self.wait_for(lambda: len(self.of(method)) >= count, timeout)
        return self.of(method)

    # -- the Web API ---------------------------------------------------------------------

    async def _body(self, request: web.Request) -> dict[str, Any]:
        body: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            body.update(await request.json())
        else:
            body.update(await request.post())
        for key in JSON_FIELDS:
            if isinstance(body.get(key), str):
                body[key] = json.loads(body[key])
        return body

    def _next_ts(self) -> str:
        self._ts += 1
        return f"1764072000.{self._ts:06d}"

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        body = await self._body(request)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ") or str(body.get("token", ""))
        await self._record(Call(method, body, token))
        queued = self._errors.get(method)
        if queued:
            status, answer, headers = queued.pop(0)
            return web.json_response(answer, status=status, headers=headers)
        expected = APP_TOKEN if method == "apps.connections.open" else self.bot_token
        if token != expected:
            return web.json_response({"ok": False, "error": "invalid_auth"})
        return web.json_response(self._answer(method, body))

    def _answer(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {
                "ok": True,
                "url": TEAM_URL,
                "team": "LEAPS",
                "user": "safeguard",
                "team_id": TEAM,
                "user_id": BOT_USER,
                "bot_id": "B0BOT",
            }
        if method == "apps.connections.open":
            return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/link"}
        if method == "chat.postMessage":
            ts = self._next_ts()
            message = {"type": "message", "bot_id": "B0BOT", "user": BOT_USER, "text": body.get("text", ""), "ts": ts}
            self.history.setdefault(str(body.get("channel", "")), []).insert(0, message)
            return {"ok": True, "channel": body.get("channel"), "ts": ts}
        if method == "conversations.history":  # newest first, as Slack answers
            messages = self.history.get(str(body.get("channel", "")), [])
            if body.get("latest") and body.get("latest") == body.get("oldest"):  # one message, by its ts
                messages = [m for m in messages if m.get("ts") == body["latest"]]
            return {"ok": True, "messages": messages, "has_more": False, "response_metadata": {"next_cursor": ""}}
        if method == "conversations.replies":  # the thread's parent first, then the replies asked for
            thread = str(body.get("ts", ""))
            messages = [
                m
                for m in reversed(self.history.get(str(body.get("channel", "")), []))
                if thread in {m.get("ts"), m.get("thread_ts")}
            ]
            if not messages:
                return {"ok": False, "error": "thread_not_found"}
            latest = body.get("latest")
            if latest:
                messages = [messages[0], *(m for m in messages[1:] if m.get("ts") == latest)]
            return {"ok": True, "messages": messages, "has_more": False}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": self._next_ts()}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(body.get("users", "")).removeprefix("U")}}
        if method == "conversations.info":
            channel = str(body.get("channel", ""))
            if channel in self.not_found:
                return {"ok": False, "error": "channel_not_found"}
            info = self.channels.get(channel, {"name": channel.lower(), "is_ext_shared": False})
            return {"ok": True, "channel": {"id": channel, **info}}
        if method == "users.conversations":  # the channels the bot is a member of (one page)
            listed = [{"id": c, **info} for c, info in self.channels.items() if info.get("is_member", True)]
            return {"ok": True, "channels": listed, "response_metadata": {"next_cursor": ""}}
        if method == "team.info":
            team = str(body.get("team", ""))
            if team not in self.teams:
                return {"ok": False, "error": "team_not_found"}
            return {"ok": True, "team": {"id": team, **self.teams[team]}}
        if method == "chat.getPermalink":
            ts = str(body.get("message_ts", "")).replace(".", "")
            return {"ok": True, "permalink": f"{TEAM_URL}archives/{body.get('channel')}/p{ts}"}
        if method == "views.open":
            return {"ok": True, "view": {"id": "V0FORM"}}
        if method == "users.info":
            user = str(body.get("user", ""))
            return {"ok": True, "user": self.users.get(user, {"id": user, "name": user.lower(), "profile": {}})}
        return {"ok": True}

    async def _respond(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        body["hook"] = request.match_info["hook"]
        await self._record(Call("response_url", body))
        return web.Response(text="ok")

    # -- Socket Mode -----------------------------------------------------------------------

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self._sockets.append(ws)
        self.connections += 1
        await ws.send_json({"type": "hello", "num_connections": 1, "debug_info": {"host": "fake"}})
        await self._notify()
        async for message in ws:
            if message.type == aiohttp.WSMsgType.TEXT:
                self.socket_messages.append(json.loads(message.data))
                await self._notify()
        self._sockets.remove(ws)
        return ws

    @property
    def socket_connected(self) -> bool:
        return bool(self._sockets)

    async def push(self, envelope: dict[str, Any]) -> None:
        """Send an envelope to the connected bot, as Slack's Socket Mode server does."""
        await self._sockets[-1].send_json(envelope)


# -- requests as Slack sends them ------------------------------------------------------------


def signed_headers(body: str, content_type: str, *, secret: str = SIGNING_SECRET, age: int = 0) -> dict[str, str]:
    """Headers of a request from Slack: ``v0=`` HMAC-SHA256 of ``v0:timestamp:body``."""
    timestamp = str(int(time.time()) - age)
    signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body) or ""
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": signature,
    }


def event_body(event: dict[str, Any], event_id: str = "Ev01") -> dict[str, Any]:
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM,
        "api_app_id": "A0APP",
        "event": event,
        "type": "event_callback",
        "event_id": event_id,
        "event_time": 1764072000,
        "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True, "is_enterprise_install": False}],
        "is_ext_shared_channel": False,
    }


def command_form(
    command: str,
    text: str,
    *,
    user: str = "U0STAFF",
    channel: str = "C0GENERAL",
    channel_name: str = "general",
    response_url: str = "",
    trigger: str = "T1",
) -> dict[str, str]:
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM,
        "team_domain": "leaps",
        "channel_id": channel,
        "channel_name": channel_name,
        "user_id": user,
        "user_name": user.lower(),
        "command": command,
        "text": text,
        "api_app_id": "A0APP",
        "response_url": response_url,
        "trigger_id": f"trig.{trigger}",
    }


def shortcut_payload(
    message: dict[str, Any], *, reporter: str = "U0REPORTER", channel: str = "C0PARTNERS", response_url: str = ""
) -> dict[str, Any]:
    return {
        "type": "message_action",
        "token": "legacy-verification-token",
        "action_ts": "1764072100.000001",
        "team": {"id": TEAM, "domain": "leaps"},
        "user": {"id": reporter, "username": reporter.lower(), "name": reporter.lower(), "team_id": TEAM},
        "channel": {"id": channel, "name": "partners"},
        "callback_id": "report_to_lead",
        "trigger_id": "trig.shortcut",
        "message_ts": message["ts"],
        "message": message,
        "response_url": response_url,
    }


def submission_payload(
    view: dict[str, Any], *, reporter: str = "U0REPORTER", category: str = "cyberbullying", details: str = ""
) -> dict[str, Any]:
    return {
        "type": "view_submission",
        "team": {"id": TEAM, "domain": "leaps"},
        "user": {"id": reporter, "username": reporter.lower(), "name": reporter.lower(), "team_id": TEAM},
        "api_app_id": "A0APP",
        "token": "legacy-verification-token",
        "trigger_id": "trig.submit",
        "view": {
            **view,
            "id": "V0FORM",
            "team_id": TEAM,
            "state": {
                "values": {
                    "category": {"category_select": {"type": "static_select", "selected_option": {"value": category}}},
                    "details": {"details_input": {"type": "plain_text_input", "value": details or None}},
                }
            },
        },
    }


_presses = itertools.count(1)


def button_payload(
    action_id: str,
    value: str,
    *,
    user: str = "U0ALICE",
    channel: str = "C0PARTNERS",
    ephemeral: bool = True,
    thread_ts: str = "",
    response_url: str = "",
) -> dict[str, Any]:
    """A ``block_actions`` payload: ``user`` pressed one of the bot's buttons on a message in ``channel``."""
    container: dict[str, Any] = {"type": "message", "message_ts": "1764072999.000001", "channel_id": channel,
                                 "is_ephemeral": ephemeral}  # fmt: skip
    if thread_ts:
        container["thread_ts"] = thread_ts
    return {
        "type": "block_actions",
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM},
        "api_app_id": "A0APP",
        "token": "legacy-verification-token",
        "container": container,
        "trigger_id": "trig.button",
        "team": {"id": TEAM, "domain": "leaps"},
        "channel": {"id": channel, "name": "directmessage" if channel.startswith("D") else "partners"},
        "response_url": response_url,
        "actions": [
            {
                "type": "button",
                "block_id": "bot_buttons",
                "action_id": action_id,
                "text": {"type": "plain_text", "text": "a button"},
                "value": value,
                "action_ts": f"1764073000.{next(_presses):06d}",  # each press its own, as Slack stamps them
            }
        ],
    }


def form_body(fields: dict[str, str]) -> str:
    return urlencode(fields)


def interactive_body(payload: dict[str, Any]) -> str:
    return urlencode({"payload": json.dumps(payload)})


# -- the real adapter, served over HTTP on 127.0.0.1, against the fake ---------------------------


@dataclass
class Rig:
    """The real ``SlackAdapter`` (bolt ``AsyncApp``) serving on 127.0.0.1, its core, and the fake Slack."""

    fake: FakeSlack
    adapter: Any
    core: Any
    session: aiohttp.ClientSession
    task: asyncio.Task[None]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.adapter.port}/slack/events"

    async def send(self, body: str, content_type: str, **signing: Any) -> aiohttp.ClientResponse:
        headers = signed_headers(body, content_type, **signing)
        async with self.session.post(self.url, data=body.encode(), headers=headers) as response:
            await response.read()
            return response

    async def event(self, event: dict[str, Any], event_id: str = "Ev01", **signing: Any) -> aiohttp.ClientResponse:
        return await self.send(json.dumps(event_body(event, event_id)), "application/json", **signing)

    async def command(self, command: str, text: str, **fields: Any) -> aiohttp.ClientResponse:
        body = form_body(command_form(command, text, **fields))
        return await self.send(body, "application/x-www-form-urlencoded")

    async def interactive(self, payload: dict[str, Any]) -> aiohttp.ClientResponse:
        return await self.send(interactive_body(payload), "application/x-www-form-urlencoded")


async def start_rig(
    fake: FakeSlack, features: list[Any], deployment: Any, *, socket_mode: bool = False, health: Any = None
) -> Rig:
    from adapters.slack import SlackAdapter
    from bot.core import Core

    adapter = SlackAdapter(
        bot_token=BOT_TOKEN,
        app_token=APP_TOKEN if socket_mode else "",
        signing_secret=SIGNING_SECRET,
        api_url=fake.api_url,
        port=0,
        host="127.0.0.1",
        channels=deployment.channels_on("slack") if deployment is not None else None,
        health=health,
    )
    core = Core(features, adapter.perform, deployment, fetch_post=adapter.fetch_post)
    await core.start()  # background work, such as the report outbox
    task = asyncio.create_task(adapter.start(core))
    ready = asyncio.create_task(adapter.ready.wait())
    await asyncio.wait([task, ready], timeout=10, return_when=asyncio.FIRST_COMPLETED)
    if task.done():
        ready.cancel()
        await core.stop()
        task.result()  # raises the start-up error
    if not adapter.ready.is_set():
        ready.cancel()
        task.cancel()
        await core.stop()
        raise TimeoutError("the Slack adapter did not become ready")
    return Rig(fake, adapter, core, aiohttp.ClientSession(), task)


async def stop_rig(rig: Rig) -> None:
    await rig.session.close()
    await rig.adapter.stop()
    await rig.task
    await rig.core.stop()
