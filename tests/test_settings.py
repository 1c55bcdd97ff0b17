"""Settings come from the environment, read when asked, never at import time."""

from __future__ import annotations

from pathlib import Path

from bot.settings import DEFAULT_DEPLOYMENT, Settings


def test_defaults_need_no_environment() -> None:
    """With nothing set, the bot runs the console on the demo deployment with a local SQLite file."""
    s = Settings.from_env({})
    assert s.platforms == ("console",)
    assert s.deployment_path == DEFAULT_DEPLOYMENT
    assert s.store_url.startswith("sqlite+aiosqlite:///")
    assert s.console_db is None  # the console keeps its trials in a temporary store of its own


def test_console_store_is_a_setting_of_its_own() -> None:
    """SAFEGUARDING_CONSOLE_DB names the console's file; it never follows DATABASE_URL or SAFEGUARDING_DB."""
    s = Settings.from_env({"SAFEGUARDING_CONSOLE_DB": " /tmp/demo.db ", "SAFEGUARDING_DB": "/srv/cases.db"})
    assert s.console_db == Path("/tmp/demo.db")
    assert s.sqlite_path == Path("/srv/cases.db")


def test_tokens_choose_platforms_and_database_url_chooses_postgres() -> None:
    """Each platform whose token is set is started; DATABASE_URL switches the store."""
    s = Settings.from_env(
        {
            "SLACK_BOT_TOKEN": "xoxb-1",
            "DISCORD_TOKEN": "abc",
            "DATABASE_URL": "postgresql://u@h/db",
            "SAFEGUARDING_DEPLOYMENT": "/etc/bot/deployment.yaml",
            "PORT": "8080",
            "LOG_LEVEL": "debug",
        }
    )
    assert s.platforms == ("slack", "discord")
    assert s.store_url == "postgresql://u@h/db"
    assert s.deployment_path == Path("/etc/bot/deployment.yaml")
    assert s.port == 8080 and s.log_level == "DEBUG"


def test_every_setting_is_in_the_readme_table() -> None:
    """Each variable Settings reads (read_env) has a row in the README's settings table."""
    import inspect
    import re

    from bot.settings import ROOT

    read = set(re.findall(r'get\("([A-Z_]+)"', inspect.getsource(Settings.read_env)))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", readme, flags=re.MULTILINE))
    assert "SAFEGUARDING_CONSOLE_DB" in read
    assert read <= documented, read - documented
