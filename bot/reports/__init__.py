"""Escalation: private reports to the Safeguard Lead, kept durably, delivered through an outbox."""

from bot.reports.feature import EscalationFeature
from bot.reports.outbox import OutboxTiming, OutboxWorker
from bot.reports.store import CaseStore, StoreUnavailable, open_store

__all__ = ["CaseStore", "EscalationFeature", "OutboxTiming", "OutboxWorker", "StoreUnavailable", "open_store"]
