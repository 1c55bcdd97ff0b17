"""Serving a fake of a remote service: an aiohttp application on 127.0.0.1, on a port the system picks.

Used by the Slack and Discord fakes (``tests/slack_fake.py``, ``tests/discord_fake.py``)::

    server = FakeServer(app)
    port = await server.start()
    ...
    await server.stop()

or ``async with FakeServer(app) as server: ... server.port ...``.
"""

from __future__ import annotations

from aiohttp import web

HOST = "127.0.0.1"


class FakeServer:
    """One aiohttp application served over HTTP on the loopback interface (port 0: any free port)."""

    def __init__(self, app: web.Application) -> None:
        self._runner = web.AppRunner(app, handle_signals=False)
        self._started = False
        self.port = 0

    async def start(self) -> int:
        """Serve the application; return the port it is bound to."""
        await self._runner.setup()
        self._started = True
        await web.TCPSite(self._runner, HOST, 0).start()
        [(_, port, *_)] = self._runner.addresses
        self.port = int(port)
        return self.port

    async def stop(self) -> None:
        """Stop serving (open connections are closed); nothing to do if it never started or already stopped."""
        if self._started:
            self._started = False
            await self._runner.cleanup()

    async def __aenter__(self) -> FakeServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()
