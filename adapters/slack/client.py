"""The Web API client and the start-up checks: settings first, then the credentials, loudly.

A missing setting or a token Slack rejects stops the bot with a
:class:`~bot.yamlfile.ConfigError` naming the environment variable, rather than
leaving a half-alive bot that never answers.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.outbound import error_code
from bot.logs import hold, withheld_logger
from bot.yamlfile import ConfigError, Problem

#: The libraries' own module loggers. slack-sdk logs Web API request and response bodies and Socket Mode
#: frames at DEBUG; slack-bolt formats request bodies into its messages at INFO and WARNING; aiohttp logs
#: request lines (with query strings) at INFO. The adapter's HTTP access lines are its own (``serve.py``).
LIBRARY_LOG_FLOORS = {"slack_bolt": logging.WARNING, "slack_sdk": logging.WARNING, "aiohttp": logging.WARNING}


def bolt_logger() -> logging.Logger:
    """The base logger handed to bolt's ``AsyncApp`` (and by it to its Web API client).

    bolt copies its level and filters into every logger it makes (``slack_bolt.<Middleware>``,
    ``<app name>:<listener>``), so all of them stop at WARNING and have their text withheld:
    bolt's warnings and errors quote request fields and exception text.
    """
    hold(LIBRARY_LOG_FLOORS)
    return withheld_logger("adapters.slack.bolt", level=logging.WARNING)


def socket_logger() -> logging.Logger:
    """The Socket Mode client's logger: its INFO lines (sessions opened, reconnections) name session ids
    only; its warnings and errors carry exception text about received frames, so those are withheld."""
    hold(LIBRARY_LOG_FLOORS)
    return withheld_logger("adapters.slack.socket", level=logging.INFO, from_level=logging.WARNING)


def configure_client(client: AsyncWebClient, api_url: str = "") -> AsyncWebClient:
    """429s are waited out (``Retry-After``) and retried, as are dropped connections."""
    if api_url:
        client.base_url = api_url
    client.retry_handlers = [
        AsyncConnectionErrorRetryHandler(max_retry_count=2),
        AsyncRateLimitErrorRetryHandler(max_retry_count=3),
    ]
    return client


def make_client(token: str, api_url: str = "") -> AsyncWebClient:
    """A Web API client configured like the adapter's own."""
    return configure_client(AsyncWebClient(token=token, logger=bolt_logger()), api_url)


def settings_problems(bot_token: str, app_token: str, signing_secret: str, api_url: str) -> list[Problem]:
    """What is missing or malformed in the Slack settings, before anything is started."""
    problems = []
    if not bot_token:
        problems.append(Problem("SLACK_BOT_TOKEN", 0, "is not set"))
    elif not bot_token.startswith("xoxb-"):
        problems.append(
            Problem(
                "SLACK_BOT_TOKEN", 0, "must be the Bot User OAuth Token, starting with xoxb-" + _looks_like(bot_token)
            )
        )
    if app_token and not app_token.startswith("xapp-"):
        problems.append(
            Problem("SLACK_APP_TOKEN", 0, "must be an app-level token starting with xapp-" + _looks_like(app_token))
        )
    if not app_token and not signing_secret:
        problems.append(
            Problem("SLACK_SIGNING_SECRET", 0, "is needed in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)")
        )
    if api_url and not api_url.endswith("/"):
        problems.append(Problem("SLACK_API_URL", 0, "must end with '/' (e.g. https://slack.com/api/)"))
    return problems


def _looks_like(token: str) -> str:
    """Which other Slack credential a misplaced token is, from its prefix only (never the token itself)."""
    kinds = {
        "xoxp-": "a user token",
        "xoxe": "a refresh or configuration token",
        "xapp-": "the app-level token, which belongs in SLACK_APP_TOKEN",
        "xoxb-": "the bot token, which belongs in SLACK_BOT_TOKEN",
    }
    found = next((kind for prefix, kind in kinds.items() if token.startswith(prefix)), "")
    return f" (this is {found})" if found else ""


async def check_bot_token(client: AsyncWebClient, api_url_set: bool) -> dict[str, Any]:
    """``auth.test``: the bot's user id and workspace address, or a ConfigError saying what to fix."""
    try:
        auth = await client.auth_test()
    except SlackApiError as exc:
        message = (
            f"Slack rejected the bot token ({error_code(exc)}). Copy the Bot User OAuth Token (xoxb-...) "
            "from OAuth & Permissions after installing the app."
        )
        raise ConfigError([Problem("SLACK_BOT_TOKEN", 0, message)]) from None
    except Exception as exc:
        message = f"cannot reach Slack at {client.base_url} ({type(exc).__name__}); check the network"
        raise ConfigError([Problem("SLACK_API_URL" if api_url_set else "Slack", 0, message)]) from None
    return dict(auth.data) if isinstance(auth.data, dict) else {}


async def open_socket_url(client: AsyncWebClient, app_token: str) -> str:
    """``apps.connections.open``: the WebSocket address for Socket Mode, or a ConfigError about the app token."""
    try:
        opened = await client.apps_connections_open(app_token=app_token)
    except SlackApiError as exc:
        message = (
            f"Slack rejected the app-level token ({error_code(exc)}). Create one with the connections:write "
            "scope under Basic Information > App-Level Tokens."
        )
        raise ConfigError([Problem("SLACK_APP_TOKEN", 0, message)]) from None
    return str(opened["url"])
