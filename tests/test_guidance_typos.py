"""Misspellings and long messages: what staff type when they are in a hurry or worried.

Each test holds the same question correctly spelt (or short) beside it, so a failure says which reading broke.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.guidance import Library, load_library
from bot.guidance.english import is_english
from bot.guidance.library import message_parts
from bot.guidance.loader import read_policy
from bot.guidance.tuning import DEFAULT
from tests.conftest import FIXTURES, ROOT


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(ROOT / "knowledge")


def _first(library: Library, question: str) -> str | None:
    found = library.match(question)
    return found[0].clause if found else None


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("can i folow a young person on instagram", id="short-word-one-edit"),
        pytest.param("cn i folow a yung persn on instgram", id="several"),
    ],
)
def test_misspelt_words_are_read_as_meant(library: Library, typed: str) -> None:
    meant = _first(library, "can i follow a young person on instagram")
    assert meant is not None
    assert _first(library, typed) == meant


def test_a_long_word_may_be_two_edits_from_the_word_meant(library: Library) -> None:
    assert _first(library, "wat counts as cybrbulying") == _first(library, "wat counts as cyberbullying") is not None
    one_edit = Library(library.policies, library.organisation, replace(DEFAULT, typo_two_edits_length=99))
    assert one_edit.match("wat counts as cybrbulying") == []


def test_short_words_are_corrected_only_when_the_tuning_allows(library: Library) -> None:
    """With short words left alone (the old rule), "folow" is unknown and the question is not answered."""
    strict = Library(library.policies, library.organisation, replace(DEFAULT, typo_short_length=6))
    assert strict.match("can i folow a young person on instagram") == []


def test_an_english_word_is_never_corrected() -> None:
    """ "pics" and "yung" are words people write on purpose (a name, shorthand); "folow" and "persn" are not."""
    assert is_english("pics") and is_english("yung")
    assert not is_english("folow") and not is_english("persn")
    library = load_library(ROOT / "knowledge")
    tokens = library.matchers["social-media"].question_tokens("can i folow a yung person")
    assert "folow" not in tokens and "yung" in tokens


LONG = (
    "I have been volunteering for a few months now and I really love it. Last night one of the mums from the "
    "Tuesday group sent me a friend request on facebook. I don't want to be rude and she is lovely, so what is "
    "the rule?"
)


def test_a_long_message_is_matched_on_its_sentences_when_the_whole_finds_nothing(library: Library) -> None:
    assert len(message_parts(LONG, DEFAULT.long_message_words)) == 3
    assert _first(library, LONG) == _first(library, "a parent sent me a friend request on facebook")
    whole_only = Library(library.policies, library.organisation, replace(DEFAULT, long_message_words=10_000))
    assert whole_only.match(LONG) == []


def test_a_sentence_that_says_too_little_does_not_answer_for_its_message() -> None:
    """Alone, "do I need to tell anyone?" finds the safeguarding policy's whom-to-tell clauses; after a story about
    paper masks it is no question about safeguarding."""
    policy = read_policy(FIXTURES / "portability" / "safeguarding-policy.yaml")
    message = "We had a busy session tonight and the kids made masks out of paper plates. Do I need to tell anyone?"
    assert Library([policy]).match(message) == []
    assert Library([policy], tuning=replace(DEFAULT, part_tokens=0)).match(message) != []
    assert message_parts("short message. really short", DEFAULT.long_message_words) == []


def test_a_name_on_the_roster_is_an_attendee_in_a_question() -> None:
    """The deployment's roster makes "Jamie Fletcher" (or "Jamie" alone, when no one else on it is a Jamie) an
    attendee, so "can I text him" is about contact with an attendee; a name not on the roster is just a name."""
    knowledge = ROOT / "knowledge"
    roster = ("Jamie Fletcher", "Priya Raman", "Priya Shah")
    with_roster = load_library(knowledge, attendees=roster)
    without = load_library(knowledge)
    question = "Jamie Fletcher gave me his number, can I text him"
    assert _first(with_roster, question) == _first(with_roster, "an attendee gave me his number, can I text him")
    assert _first(with_roster, question) is not None
    assert "fletcher" in without.matchers["social-media"].question_tokens(question)
    assert "fletcher" not in with_roster.matchers["social-media"].question_tokens(question)
    added = _first(with_roster, "can i add jamie on snapchat")
    assert added == _first(with_roster, "can i add an attendee on snapchat")
    tokens = with_roster.matchers["social-media"].question_tokens("can i add priya on snapchat")
    assert "priya" in tokens  # two Priyas on the roster: the first name alone names no one


def test_a_roster_first_name_that_is_a_word_of_the_policies_is_read_only_in_full() -> None:
    """An attendee called Will Jones: "will" in "staff will never ..." (the clause text) and "will I get in trouble"
    is no attendee, but "Will Jones" is; a first name the policies never use ("Jamie") still is alone."""
    roster = ("Will Jones", "Jamie Fletcher")
    library = load_library(ROOT / "knowledge", attendees=roster)
    vocabulary = library.matchers["social-media"].vocabulary
    assert "attendee" not in vocabulary.words("will I get in trouble if I post this")
    assert "attendee" not in vocabulary.words("Staff will never post images")
    assert "attendee" in vocabulary.words("Will Jones gave me his number")
    assert "attendee" in vocabulary.words("jamie gave me his number")
    assert _first(library, "will I get in trouble if I post this") == _first(
        load_library(ROOT / "knowledge"), "will I get in trouble if I post this"
    )
