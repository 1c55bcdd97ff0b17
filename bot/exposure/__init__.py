"""Which channels people outside the organisation can read, for the Safeguard Lead's eyes (``/exposure``)."""

from bot.exposure.feature import ExposureFeature
from bot.exposure.records import ExposureChange, ExposureRecord
from bot.exposure.store import ExposureStore

__all__ = ["ExposureChange", "ExposureFeature", "ExposureRecord", "ExposureStore"]
