"""Private warnings for posts in shared channels, and the record kept for the Safeguard Lead."""

from bot.moderation.feature import ModerationFeature
from bot.moderation.messages import lead_alert_card, warning_card
from bot.moderation.records import AllowEntry, MemoryWarningLog, WarningLog, WarningRecord
from bot.moderation.store import WarningStore

__all__ = [
    "AllowEntry",
    "MemoryWarningLog",
    "ModerationFeature",
    "WarningLog",
    "WarningRecord",
    "WarningStore",
    "lead_alert_card",
    "warning_card",
]
