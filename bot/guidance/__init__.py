"""Policy guidance: the knowledge base, the matcher, the answers and the chat feature.

``load_library`` reads and validates the policy YAML in ``knowledge/``;
``Library.match`` ranks clauses for a question (``[]`` when it abstains);
``GuidanceFeature`` answers in chat. Importing this package imports no
platform SDK and no database layer, so ``python -m bot ask`` starts fast.
"""

from bot.guidance.answer import render_answer_text
from bot.guidance.check import check_library
from bot.guidance.feature import GuidanceFeature
from bot.guidance.library import Library
from bot.guidance.loader import load_library
from bot.guidance.model import Clause, Match, Policy

__all__ = [
    "Clause",
    "GuidanceFeature",
    "Library",
    "Match",
    "Policy",
    "check_library",
    "load_library",
    "render_answer_text",
]
