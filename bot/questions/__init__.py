"""Policy questions beyond the answer: feedback, hand-off to a person, their answer, teaching, counts."""

from bot.questions.feature import OFFER, QuestionsFeature
from bot.questions.store import QuestionStore

__all__ = ["OFFER", "QuestionStore", "QuestionsFeature"]
