"""Acronyms a policy's own text spells out: staff type "h&s" and "dsl" where a policy writes the words in full.

The health-and-safety fixture is a policy known by its text alone that says "health and safety" throughout.
"""

from __future__ import annotations

from dataclasses import replace

from bot.guidance.library import Library
from bot.guidance.loader import read_policy
from bot.guidance.tuning import DEFAULT
from bot.guidance.vocabulary import acronyms
from tests.conftest import FIXTURES

HEALTH_SAFETY = FIXTURES / "portability" / "health-safety-policy.yaml"


def test_a_phrase_the_text_uses_twice_is_known_by_its_initials() -> None:
    texts = [
        "The Designated Safeguarding Lead keeps the records.",
        "Tell the Designated Safeguarding Lead the same day.",
        "A first aider is on site.",  # once only: no term
    ]
    table = acronyms(texts, frozenset({"the", "same"}))
    assert table["dsl"] == ("designated", "safeguarding", "lead")
    assert "fas" not in table and "fa" not in table


def test_an_acronym_two_phrases_make_equally_often_is_left_out() -> None:
    texts = ["Risk assessment and room allocation.", "Risk assessment and room allocation."]
    assert "ra" not in acronyms(texts)  # "risk assessment" and "room allocation" both spell "ra"


def test_a_phrase_with_a_common_word_is_no_term() -> None:
    texts = ["Keep it in office.", "Keep it in office."]
    assert acronyms(texts)["kio"] == ("keep", "it", "office")
    assert "kio" not in acronyms(texts, frozenset({"it"}))


def test_h_and_s_in_a_question_reads_as_the_policy_words() -> None:
    policy = read_policy(HEALTH_SAFETY)
    matcher = Library([policy]).matchers[policy.id]
    tokens = matcher.question_tokens("who's in charge of h&s here")
    assert "health" in tokens and "safety" in tokens
    off = Library([policy], tuning=replace(DEFAULT, acronym_length=99)).matchers[policy.id]
    assert "health" not in off.question_tokens("who's in charge of h&s here")


def test_an_everyday_word_or_two_bare_letters_are_not_read_as_an_acronym() -> None:
    """ "hs" typed alone may be anything, and "air" is English, though "an individual risk" spells it."""
    policy = read_policy(HEALTH_SAFETY)
    matcher = Library([policy]).matchers[policy.id]
    assert "health" not in matcher.question_tokens("what does hs mean")
    assert "individual" not in matcher.question_tokens("can we open the doors to get some air in")
