"""Is the bot well? The store answers a query and every platform connection is up.

A running bot keeps a small status file current (:mod:`bot.health.monitor`);
``python -m bot health`` reads it and checks the store itself
(:mod:`bot.health.check`); Slack's HTTP mode also answers ``GET /healthz`` live.
Every answer is one line of states and times: no names, no message text.
"""

from bot.health.check import check_running_bot
from bot.health.monitor import Connection, HealthCheck, HealthMonitor
from bot.health.report import Health
from bot.health.status import PlatformState, Status, status_path

__all__ = [
    "Connection",
    "Health",
    "HealthCheck",
    "HealthMonitor",
    "PlatformState",
    "Status",
    "check_running_bot",
    "status_path",
]
