"""Private warnings for posts in shared channels, and the record kept for the Safeguard Lead."""

from bot.moderation.feature import ModerationFeature
from bot.moderation.messages import lead_alert_card, warning_card
from bot.moderation.records import MemoryWarningLog, WarningLog, WarningRecord

__all__ = ["MemoryWarningLog", "ModerationFeature", "WarningLog", "WarningRecord", "lead_alert_card", "warning_card"]
