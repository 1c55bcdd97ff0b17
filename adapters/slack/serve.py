"""The two ways Slack reaches the bot: Socket Mode (no public address) and HTTP (a public URL).

Both feed the same ``AsyncApp``; only the transport differs. HTTP mode serves
``POST /slack/events`` (events, slash commands and interactivity all use it;
:mod:`adapters.slack.verify` checks the signature and the five-minute timestamp
window before bolt sees the request) and ``GET /healthz`` for the hosting
platform's health check: 200 and ``healthy: ...`` when the store answers and the
connections are up, 503 and one line saying what is wrong otherwise.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger
from aiohttp.web_request import BaseRequest
from aiohttp.web_response import StreamResponse
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

from adapters.slack.client import open_socket_url, socket_logger
from adapters.slack.verify import check
from bot.health.report import judge
from bot.health.status import PlatformState
from bot.logs import describe_error

if TYPE_CHECKING:
    from adapters.slack.adapter import SlackAdapter

log = logging.getLogger(__name__)


class AccessLog(AbstractAccessLogger):
    """One DEBUG line per request: method, route, status, time. No query string, address or user agent."""

    def log(self, request: BaseRequest, response: StreamResponse, time: float) -> None:
        resource = request.match_info.route.resource if isinstance(request, web.Request) else None
        route = resource.canonical if resource is not None else "(no such route)"
        self.logger.debug("%s %s %s (%d ms)", request.method, route, response.status, time * 1000)

    @property
    def enabled(self) -> bool:
        return self.logger.isEnabledFor(logging.DEBUG)


def http_app(adapter: SlackAdapter) -> web.Application:
    async def events(request: web.Request) -> web.Response:
        body = await request.read()
        refusal = check(adapter.signing_secret, body, request.headers, time.time())
        if refusal is not None:
            log.warning("refused a Slack HTTP request (%d): %s", refusal.status, refusal.reason)
            return web.json_response({"error": "invalid request"}, status=refusal.status)
        try:
            bolt_response = await adapter.app.async_dispatch(await to_bolt_request(request))
            return await to_aiohttp_response(bolt_response)
        except Exception as exc:  # type and place only; aiohttp's own traceback could quote the body
            log.error("a signed Slack HTTP request could not be handled: %s", describe_error(exc))
            return web.json_response({"error": "internal error"}, status=500)

    async def health(_: web.Request) -> web.Response:
        if adapter.health is not None:
            verdict = await adapter.health()
        else:  # an adapter run without the bot's store (tests): only its own connection to vouch for
            verdict = judge("", {"slack": PlatformState(await adapter.connected(), datetime.now(UTC))})
        return web.Response(text=verdict.line() + "\n", status=200 if verdict.ok else 503)

    app = web.Application()
    app.add_routes([web.post(adapter.path, events), web.get("/healthz", health)])
    return app


async def serve_http(adapter: SlackAdapter, stop: asyncio.Event) -> None:
    runner = web.AppRunner(
        http_app(adapter), access_log_class=AccessLog, access_log=logging.getLogger("adapters.slack.access")
    )
    await runner.setup()
    try:
        site = web.TCPSite(runner, adapter.host, adapter.port)
        await site.start()
        adapter.port = runner.addresses[0][1]  # the real port when 0 was asked for
        log.info("Slack: HTTP mode, listening on port %s at %s", adapter.port, adapter.path)
        adapter.ready.set()
        await stop.wait()
    finally:
        await runner.cleanup()


async def serve_socket_mode(adapter: SlackAdapter, stop: asyncio.Event) -> None:
    url = await open_socket_url(adapter.client, adapter.app_token)
    handler = AsyncSocketModeHandler(adapter.app, adapter.app_token, logger=socket_logger(), web_client=adapter.client)
    handler.client.wss_uri = url  # already issued: connect() uses it instead of asking again
    try:
        await handler.connect_async()  # type: ignore[no-untyped-call]  # slack_bolt leaves it unannotated
        log.info("Slack: Socket Mode connected")
        adapter.socket = handler
        adapter.ready.set()
        await stop.wait()
    finally:
        adapter.socket = None
        await handler.close_async()  # type: ignore[no-untyped-call]  # slack_bolt leaves it unannotated
