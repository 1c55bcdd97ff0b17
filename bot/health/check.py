"""``python -m bot health``: the store, checked afresh, and the connections the running bot last wrote down."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.health.report import Health, judge
from bot.health.status import STALE_AFTER, moment, read_status, status_path
from bot.health.store import probe_store
from bot.settings import Settings

NO_TOKENS = "no platform tokens are set (SLACK_BOT_TOKEN, DISCORD_TOKEN): nothing runs unattended"


async def check_running_bot(settings: Settings, *, now: datetime | None = None) -> Health:
    """Healthy only when the store answers and a fresh status shows every configured platform connected."""
    now = now or datetime.now(UTC)
    store = await probe_store(settings.store_url)
    if settings.platforms == ("console",):
        return Health((NO_TOKENS, *([store] if store else ())))
    path = status_path(settings)
    try:
        status = read_status(path)
    except ValueError as exc:
        return _with_store(store, f"the status file {path} is damaged ({exc})")
    if status is None:
        return _with_store(store, f"no status file at {path}: the bot has not run with these settings")
    if status.state != "running":
        return _with_store(store, f"the bot stopped at {moment(status.written_at)}")
    age = (now - status.written_at).total_seconds()
    if age > STALE_AFTER:
        return _with_store(store, f"the bot last wrote its status {age:.0f} s ago (stopped or stuck)")
    verdict = judge(store, status.platforms)
    problems = list(verdict.problems)
    if status.store:
        problems.append(f"the running bot's {status.store}")
    missing = [p for p in settings.platforms if p not in status.platforms]
    problems.extend(f"{p}: configured but not run by the bot (restart it)" for p in missing)
    return Health(tuple(problems), verdict.fine)


def _with_store(store: str, problem: str) -> Health:
    return Health((*([store] if store else ()), problem))
