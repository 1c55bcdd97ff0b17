"""The helper the Slack and Discord fakes serve through: the port it reports answers, and nothing after stop."""

from __future__ import annotations

import aiohttp
import pytest
from aiohttp import web

from tests.fake_server import FakeServer


async def hello(request: web.Request) -> web.Response:
    return web.Response(text="hello")


async def test_the_reported_port_serves_the_app_until_stopped() -> None:
    """A request to 127.0.0.1 at the reported port reaches the application; after stop the port refuses."""
    app = web.Application()
    app.router.add_get("/hello", hello)
    async with aiohttp.ClientSession() as session:
        async with FakeServer(app) as server:
            assert server.port > 0
            async with session.get(f"http://127.0.0.1:{server.port}/hello") as response:
                assert (response.status, await response.text()) == (200, "hello")
        with pytest.raises(aiohttp.ClientConnectionError):
            await session.get(f"http://127.0.0.1:{server.port}/hello")


async def test_stop_is_safe_before_start_and_twice() -> None:
    """A fake closed after a failed start, or closed twice, does not raise."""
    server = FakeServer(web.Application())
    await server.stop()
    await server.start()
    await server.stop()
    await server.stop()
