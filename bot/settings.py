"""Settings from the environment (12-factor), read once in ``main()`` and passed in.

Nothing here is read at import time, so tests build settings from a dict and
nothing needs a dummy token to import.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_KNOWLEDGE = ROOT / "knowledge"
DEFAULT_DEPLOYMENT = ROOT / "examples" / "deployment.yaml"
DEFAULT_DB = ROOT / "data" / "safeguarding.db"


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
    port: int = 3000
    log_level: str = ""  # empty: INFO for platform adapters, WARNING for the console and one-shot commands

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env

        def get(name: str, default: str = "") -> str:
            return env.get(name, default).strip()

        return cls(
            knowledge_dir=Path(get("SAFEGUARDING_KNOWLEDGE") or DEFAULT_KNOWLEDGE),
            deployment_path=Path(get("SAFEGUARDING_DEPLOYMENT") or DEFAULT_DEPLOYMENT),
            database_url=get("DATABASE_URL"),
            sqlite_path=Path(get("SAFEGUARDING_DB") or DEFAULT_DB),
            console_db=Path(get("SAFEGUARDING_CONSOLE_DB")) if get("SAFEGUARDING_CONSOLE_DB") else None,
            slack_bot_token=get("SLACK_BOT_TOKEN"),
            slack_app_token=get("SLACK_APP_TOKEN"),
            slack_signing_secret=get("SLACK_SIGNING_SECRET"),
            slack_api_url=get("SLACK_API_URL"),
            discord_token=get("DISCORD_TOKEN"),
            discord_api_url=get("DISCORD_API_URL"),
            discord_gateway_url=get("DISCORD_GATEWAY_URL"),
            port=int(get("PORT") or 3000),
            log_level=get("LOG_LEVEL").upper(),
        )

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
