"""Policy guidance: the knowledge base, the matcher, the answers and the chat feature.

``load_library`` reads and validates the policy YAML in ``knowledge/``;
``Library.match`` ranks clauses for a question (``[]`` when it abstains);
``GuidanceFeature`` answers in chat. Importing this package imports no
platform SDK, no database layer and not even the core (the feature is loaded
on first use), so ``python -m bot ask`` starts fast.
"""

from typing import TYPE_CHECKING

from bot.guidance.answer import render_answer_text
from bot.guidance.check import check_library
from bot.guidance.library import Library
from bot.guidance.loader import load_library
from bot.guidance.model import Clause, Match, Policy

if TYPE_CHECKING:
    from bot.guidance.feature import GuidanceFeature


def __getattr__(name: str) -> object:
    # The feature pulls in the core (and asyncio); ``python -m bot ask`` never needs it.
    if name == "GuidanceFeature":
        from bot.guidance.feature import GuidanceFeature

        return GuidanceFeature
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
