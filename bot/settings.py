"""Settings from the environment (12-factor), read once in ``main()`` and passed in.

Nothing here is read at import time, so tests build settings from a dict and
nothing needs a dummy token to import. A value that cannot be used is one
:class:`~bot.yamlfile.Problem` naming the variable (``PORT: must be ...``), never
a traceback; every such problem is found at once, not just the first.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.database_url import DatabaseURLError, parse_database_url
from bot.yamlfile import ConfigError, Problem

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_KNOWLEDGE = ROOT / "knowledge"
DEFAULT_DEPLOYMENT = ROOT / "examples" / "deployment.yaml"
DEFAULT_DB = ROOT / "data" / "safeguarding.db"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
DEFAULT_PORT = 3000


@dataclass(frozen=True, slots=True)
class Settings:
    knowledge_dir: Path = DEFAULT_KNOWLEDGE
    deployment_path: Path = DEFAULT_DEPLOYMENT
    database_url: str = ""  # PostgreSQL when set; SQLite file otherwise
    sqlite_path: Path = DEFAULT_DB
    console_db: Path | None = None  # the console's own SQLite file; None: a temporary one, deleted at exit
    slack_bot_token: str = ""
    slack_app_token: str = ""
    slack_signing_secret: str = ""
    slack_api_url: str = ""
    discord_token: str = ""
    discord_api_url: str = ""
    discord_gateway_url: str = ""
    port: int = DEFAULT_PORT
    log_level: str = ""  # empty: INFO for platform adapters, WARNING for the console and one-shot commands
    deployment_chosen: bool = False  # SAFEGUARDING_DEPLOYMENT or --deployment named one (not the demo by default)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """The settings, or :class:`ConfigError` listing every variable that cannot be used."""
        settings, problems = cls.read_env(env)
        if problems:
            raise ConfigError(problems)
        return settings

    @classmethod
    def read_env(cls, env: Mapping[str, str] | None = None) -> tuple[Settings, list[Problem]]:
        """The settings (a bad value replaced by its default) and the problems found, for ``check`` to list."""
        env = os.environ if env is None else env
        problems: list[Problem] = []

        def get(name: str, default: str = "") -> str:
            return env.get(name, default).strip()

        def bad(name: str, message: str) -> None:
            problems.append(Problem(name, 0, message))

        port = DEFAULT_PORT
        if raw_port := get("PORT"):
            if raw_port.isascii() and raw_port.isdigit() and 1 <= int(raw_port) <= 65535:
                port = int(raw_port)
            else:
                bad("PORT", f"must be a port number from 1 to 65535, not {raw_port[:20]!r}")
        log_level = get("LOG_LEVEL").upper()
        if log_level and log_level not in LOG_LEVELS:
            bad("LOG_LEVEL", f"must be one of {', '.join(LOG_LEVELS)}, not {log_level[:20]!r}")
            log_level = ""
        database_url = get("DATABASE_URL")
        if database_url:
            try:
                parse_database_url(database_url)
            except DatabaseURLError as exc:
                bad("DATABASE_URL", str(exc))
                database_url = ""
        settings = cls(
            knowledge_dir=Path(get("SAFEGUARDING_KNOWLEDGE") or DEFAULT_KNOWLEDGE),
            deployment_path=Path(get("SAFEGUARDING_DEPLOYMENT") or DEFAULT_DEPLOYMENT),
            deployment_chosen=bool(get("SAFEGUARDING_DEPLOYMENT")),
            database_url=database_url,
            sqlite_path=Path(get("SAFEGUARDING_DB") or DEFAULT_DB),
            console_db=Path(get("SAFEGUARDING_CONSOLE_DB")) if get("SAFEGUARDING_CONSOLE_DB") else None,
            slack_bot_token=get("SLACK_BOT_TOKEN"),
            slack_app_token=get("SLACK_APP_TOKEN"),
            slack_signing_secret=get("SLACK_SIGNING_SECRET"),
            slack_api_url=get("SLACK_API_URL"),
            discord_token=get("DISCORD_TOKEN"),
            discord_api_url=get("DISCORD_API_URL"),
            discord_gateway_url=get("DISCORD_GATEWAY_URL"),
            port=port,
            log_level=log_level,
        )
        return settings, problems

    @property
    def store_url(self) -> str:
        """The SQLAlchemy URL of the case store."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{self.sqlite_path}"

    @property
    def platforms(self) -> tuple[str, ...]:
        """The platforms whose credentials are set; the console when none are."""
        found = []
        if self.slack_bot_token:
            found.append("slack")
        if self.discord_token:
            found.append("discord")
        return tuple(found) or ("console",)
