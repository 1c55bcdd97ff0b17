"""Normalisation: chat words, spellings and synonyms meet the policy's vocabulary."""

from __future__ import annotations

import pytest

from bot.guidance.vocabulary import stem
from tests.guidance_support import VOCABULARY

tokens = VOCABULARY.tokens


@pytest.mark.parametrize(
    ("chat", "formal"),
    [
        pytest.param("can u add me on fb pls", "can you add me on facebook please", id="abbreviations"),
        pytest.param("Criticizing the ORGANIZATION!!", "criticising the organisation", id="us-spelling-and-case"),
        pytest.param("my mum's pics on insta", "my parent's photographs on instagram", id="synonyms"),
        pytest.param("the young people we take on trips", "the attendees we take on trips", id="phrase"),
        pytest.param("cyber-bullying", "cyberbullying", id="hyphen"),
        pytest.param("whats the prevent duty", "what is the prevent duty", id="contraction"),
    ],
)
def test_chat_and_formal_wording_give_the_same_tokens(chat: str, formal: str) -> None:
    """Shorthand, US spellings, case, punctuation and synonyms normalise to the same tokens."""
    assert tokens(chat) == tokens(formal)


@pytest.mark.parametrize(
    "forms",
    [
        pytest.param(("photo", "photos"), id="plural"),
        pytest.param(("follow", "following", "followed", "follows"), id="verb"),
        pytest.param(("criticise", "criticised", "criticising"), id="final-e"),
        pytest.param(("chat", "chatting", "chats"), id="doubled-consonant"),
        pytest.param(("policy", "policies"), id="ies"),
    ],
)
def test_forms_of_a_word_share_a_stem(forms: tuple[str, ...]) -> None:
    """The light stemmer maps the forms of a word onto one token."""
    assert len({stem(f) for f in forms}) == 1


def test_stop_words_and_punctuation_leave_nothing() -> None:
    """A message with no content words has no tokens (and so cannot match anything)."""
    assert tokens("hi!! is it ok?? thanks x") == []


def test_parents_and_attendees_stay_distinct_concepts() -> None:
    """ "mum", "carer" and "guardian" share a concept that "kid" and "young person" do not."""
    parent = set(tokens("mum")) | set(tokens("carer")) | set(tokens("guardian"))
    attendee = set(tokens("kid")) | set(tokens("young person")) | set(tokens("attendee"))
    assert len(parent) == 1 and len(attendee) == 1 and parent != attendee


def test_the_longest_phrase_wins_and_phrases_do_not_cross_texts() -> None:
    """A longer phrasing beats the shorter one it starts with, and a phrase needs its words side by side."""
    assert tokens("a fake instagram") == tokens("a fake account")  # one phrase, not "fake" + a platform
    assert "@platform" not in tokens("a fake instagram")
    assert "@contact" in tokens("a voice note") and "@contact" not in tokens("a voice and a note")
