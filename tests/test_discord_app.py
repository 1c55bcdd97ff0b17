"""The assembled bot (``bot.app.run_platforms``) started from settings alone, against the Discord stand-in."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from discord_fake import APP_ID, PUBLIC_CHANNEL, DiscordStandIn, slash_payload, user

from bot.app import run_platforms
from bot.settings import Settings
from bot.yamlfile import ConfigError

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ALICE = user("300000000000000001", "alice")


@pytest.fixture
async def fake() -> AsyncIterator[DiscordStandIn]:
    stand_in = DiscordStandIn(token="from-the-environment")
    await stand_in.start()
    yield stand_in
    await stand_in.close()


async def test_settings_alone_point_the_real_client_at_the_stand_in(fake: DiscordStandIn, tmp_path: Path) -> None:
    """DISCORD_TOKEN, DISCORD_API_URL and DISCORD_GATEWAY_URL: the app logs in, syncs, identifies and answers."""
    settings = Settings.from_env(
        {
            "DISCORD_TOKEN": "from-the-environment",
            "DISCORD_API_URL": fake.api_url,
            "DISCORD_GATEWAY_URL": fake.gateway_url,
            "SAFEGUARDING_DEPLOYMENT": str(FIXTURES / "deployment.yaml"),
            "SAFEGUARDING_DB": str(tmp_path / "cases.db"),
        }
    )
    app = asyncio.create_task(run_platforms(settings))
    try:
        await fake.wait_for(lambda: fake.identify, timeout=10)
        assert fake.identify["token"] == "from-the-environment"
        assert fake.identify["intents"] == (1 << 0) | (1 << 9) | (1 << 12) | (1 << 15)
        assert fake.made("PUT", f"/applications/{APP_ID}/commands")  # no guilds configured: global sync
        await fake.dispatch("INTERACTION_CREATE", slash_payload("help", {}, who=ALICE, channel_id=PUBLIC_CHANNEL))
        (callback,) = await fake.wait_for(fake.callbacks)
        assert callback.body["data"]["flags"] == 64
        assert "know the command" not in str(callback.body)  # answered by the real guidance feature
    finally:
        app.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await app


async def test_a_rejected_token_stops_the_app_with_a_config_error(fake: DiscordStandIn, tmp_path: Path) -> None:
    """The assembled app does not run half-alive on a bad token: ConfigError (exit 2 from the CLI)."""
    settings = Settings(
        discord_token="wrong",
        discord_api_url=fake.api_url,
        discord_gateway_url=fake.gateway_url,
        deployment_path=FIXTURES / "deployment.yaml",
        sqlite_path=tmp_path / "cases.db",
    )
    with pytest.raises(ConfigError, match="DISCORD_TOKEN"):
        await asyncio.wait_for(run_platforms(settings), 10)
