"""The two ways Slack reaches the bot: Socket Mode (no public address) and HTTP (a public URL).

Both feed the same ``AsyncApp``; only the transport differs. HTTP mode serves
``POST /slack/events`` (events, slash commands and interactivity all use it;
bolt checks the signature and the five-minute timestamp window) and
``GET /healthz`` for the hosting platform's health check: 200 and ``healthy: ...``
when the store answers and the connections are up, 503 and one line saying
what is wrong otherwise.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

from adapters.slack.client import open_socket_url, quiet_logger
from bot.health.report import judge
from bot.health.status import PlatformState

if TYPE_CHECKING:
    from adapters.slack.adapter import SlackAdapter

log = logging.getLogger(__name__)


def http_app(adapter: SlackAdapter) -> web.Application:
    async def events(request: web.Request) -> web.Response:
        bolt_response = await adapter.app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(bolt_response)

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
    runner = web.AppRunner(http_app(adapter))
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
    handler = AsyncSocketModeHandler(
        adapter.app, adapter.app_token, logger=quiet_logger("adapters.slack.socket"), web_client=adapter.client
    )
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
