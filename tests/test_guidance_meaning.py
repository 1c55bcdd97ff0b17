"""Meaning helps a policy known by its text alone: words it never uses, and whether it covers a question at all.

The safeguarding fixture (an invented charity's policy, clause text only) stands for a policy nobody curated.
Each test compares the default tuning with the same mechanism switched off, so it fails when that mechanism breaks.
"""

from __future__ import annotations

from dataclasses import replace

from bot.guidance.library import Library
from bot.guidance.loader import read_policy
from bot.guidance.tuning import DEFAULT
from bot.guidance.vocabulary import VocabularyFile, shared_vocabulary
from tests.conftest import FIXTURES, ROOT

SAFEGUARDING = FIXTURES / "portability" / "safeguarding-policy.yaml"


def _first(library: Library, question: str) -> str | None:
    found = library.match(question)
    return found[0].clause if found else None


def test_a_word_the_policy_never_uses_is_read_as_its_nearest_word_in_meaning() -> None:
    """"filthy" is nowhere in the policy; its neglect clause speaks of being dirty."""
    policy = read_policy(SAFEGUARDING)
    question = "the boy was starving and filthy again"
    assert "filthy" not in " ".join(c.text.lower() for c in policy.clauses)
    soft = Library([policy]).matchers[policy.id].question_tokens(question)
    assert "dirty" in soft and "filthy" not in soft
    assert _first(Library([policy]), question) == "3.4"
    words = Library([policy], tuning=replace(DEFAULT, soft_similarity=1.0)).matchers[policy.id]
    assert "filthy" in words.question_tokens(question) and "dirty" not in words.question_tokens(question)


def test_a_question_nearer_a_topic_the_policy_is_not_about_is_not_covered() -> None:
    """Captioning website photos shares words with the online-abuse clauses, but it is about photos and consent."""
    policy = read_policy(SAFEGUARDING)
    question = "can we caption the website pictures with the kids names"
    assert Library([policy]).match(question) == []
    without_meaning = replace(DEFAULT, meaning_veto=-9.0, meaning_rescue=9.0)
    assert Library([policy], tuning=without_meaning).match(question) != []


def test_a_question_much_nearer_the_policy_is_covered_without_enough_shared_words() -> None:
    policy = read_policy(SAFEGUARDING)
    question = "a lad has bruises all over his arms"
    matcher = Library([policy]).matchers[policy.id]
    assert not matcher.covers(max(matcher.scores(question), key=lambda s: s.plain))  # words alone decline it
    assert _first(Library([policy]), question) == "3.1"  # signs of abuse
    assert Library([policy], tuning=replace(DEFAULT, meaning_rescue=9.0)).match(question) == []


def test_a_topic_the_policy_is_about_does_not_count_against_it() -> None:
    """Radicalisation is one of the shared topics, and the safeguarding policy's own (its clause 3.6)."""
    policy = read_policy(SAFEGUARDING)
    matcher = Library([policy]).matchers[policy.id]
    assert any("radicalisation" in t for t in matcher.vocabulary.topics)
    assert not any("radicalisation" in t for t in matcher.topics_elsewhere)
    assert any("expenses" in t for t in matcher.topics_elsewhere)
    margin = matcher.nearer_elsewhere("a boy keeps talking about extremist videos")
    assert margin is not None and margin > 0
    assert _first(Library([policy]), "a boy keeps talking about extremist videos") == "3.6"


def test_a_curated_policy_declines_a_question_clearly_about_a_topic_it_is_not_about() -> None:
    """Pay shares a word with the shipped policy's clause on job titles, but the question is about pay."""
    policy = read_policy(ROOT / "knowledge" / "social-media-policy.yaml")
    question = "what's the pay rate for sessional workers"
    margin = Library([policy]).matchers[policy.id].nearer_elsewhere(question)
    assert margin is not None and margin < DEFAULT.curated_meaning_veto
    assert Library([policy]).match(question) == []
    assert Library([policy], tuning=replace(DEFAULT, curated_meaning_veto=-9.0)).match(question) != []


def test_a_curated_policy_is_overruled_by_meaning_only_when_clearly_nearer_elsewhere() -> None:
    """Its phrasings already say what it covers: a question a little nearer another topic is still answered."""
    policy = read_policy(ROOT / "knowledge" / "social-media-policy.yaml")
    question = "i left the register on a train"
    margin = Library([policy]).matchers[policy.id].nearer_elsewhere(question)
    assert margin is not None and DEFAULT.curated_meaning_veto <= margin < DEFAULT.meaning_veto
    assert _first(Library([policy]), question) == "6.18"
    as_if_text_only = replace(DEFAULT, curated_meaning_veto=DEFAULT.meaning_veto)
    assert Library([policy], tuning=as_if_text_only).match(question) == []


def test_a_topic_a_curated_phrasing_is_near_is_the_policy_own() -> None:
    """The shipped policy's phrasings about logos make branding its topic, though no clause text is near it."""
    policy = read_policy(ROOT / "knowledge" / "social-media-policy.yaml")
    matcher = Library([policy]).matchers[policy.id]
    assert not any("logos" in t for t in matcher.topics_elsewhere)
    assert any("pay" in t for t in matcher.topics_elsewhere)


def test_topics_are_chat_english_data() -> None:
    shared = shared_vocabulary()
    assert isinstance(shared, VocabularyFile) and len(shared.topics) >= 20
    assert all(isinstance(t, str) and t == t.lower() for t in shared.topics)


def test_meaning_alone_answers_only_a_question_that_says_enough() -> None:
    """ "joke" lies near the policy's words about banter, but one word is too little to answer on meaning."""
    policy = read_policy(SAFEGUARDING)
    assert Library([policy]).match("tell me a joke") == []
    assert Library([policy], tuning=replace(DEFAULT, rescue_tokens=0)).match("tell me a joke") != []
