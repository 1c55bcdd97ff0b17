"""What a person reads: the clause quoted verbatim, related clauses, how to raise a concern."""

from __future__ import annotations

from datetime import date

import pytest

from bot.guidance import Library, load_library, render_answer_text
from bot.guidance.answer import CLOSE, answer, excerpt, related_clauses
from bot.guidance.model import Match
from tests.conftest import ROOT

AFTER_REVIEW = date(2026, 11, 25)
BEFORE_REVIEW = date(2024, 4, 30)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(ROOT / "knowledge")


def test_an_answer_cites_and_quotes_the_clause(library: Library) -> None:
    """The card names clause and section, quotes it verbatim, and ends with how to raise a concern."""
    question = "a carer keeps asking to follow me on instagram"
    matches = library.match(question)
    clause = library.clause(matches[0].policy, matches[0].clause)
    card = answer(library, question, AFTER_REVIEW)
    assert card.title == f"{clause.id} · {clause.section_title}"
    assert card.quote == clause.text
    assert f"section {clause.section}" in card.body
    assert "/report" in card.footer and "Safeguard Lead" in card.footer


def test_weak_runners_up_give_way_to_the_curated_see_also(library: Library) -> None:
    """When the next-best matches score well below the best, the clause's own ``see_also`` is shown."""
    question = "a parent added me on facebook, can i accept"
    matches = library.match(question)
    assert matches[0].clause == "6.9" and all(m.score < CLOSE * matches[0].score for m in matches[1:])
    card = answer(library, question, AFTER_REVIEW)
    related = [library.clause("social-media", ref) for ref in ("6.7", "6.8")]
    assert library.clause("social-media", "6.9").see_also == ("6.7", "6.8")
    assert card.fields == tuple((f"See also {c.id}", excerpt(c.text)) for c in related)


def test_close_runners_up_come_before_the_see_also(library: Library) -> None:
    """A next-best match scoring close to the best is listed first, then the curated list fills the rest."""
    matches = [Match("social-media", "8.2", 90.0), Match("social-media", "9.4", 85.0), Match("social-media", "1.1", 40)]
    shown = [c.id for c in related_clauses(library, matches)]
    assert shown == ["9.4", library.clause("social-media", "8.2").see_also[0]]


def test_related_clauses_never_repeat(library: Library) -> None:
    """A close runner-up that is also in ``see_also`` is listed once, and the best clause never."""
    best = library.clause("social-media", "8.2")
    matches = [Match("social-media", "8.2", 90.0), Match("social-media", best.see_also[0], 88.0)]
    shown = [c.id for c in related_clauses(library, matches)]
    assert shown == list(best.see_also)


def test_every_clause_of_the_policy_has_curated_related_clauses(library: Library) -> None:
    """Each clause names two other clauses of its policy to read next."""
    for clause in library.policy("social-media").clauses:
        assert len(clause.see_also) == 2 and clause.id not in clause.see_also, clause.id
        assert all(library.clause("social-media", ref) for ref in clause.see_also)


def test_the_text_rendering_is_complete(library: Library) -> None:
    """The plain text carries the heading, the verbatim quote, the related clauses and the footer."""
    text = render_answer_text(library, "can i post pictures of the kids on facebook", AFTER_REVIEW)
    assert text.startswith("6.14 · Responsibilities when using social media")
    assert "> Photographs, videos or any other types of images of attendees" in text
    assert "Related:\n• See also" in text
    assert "use /report or speak to your Safeguard Lead" in text


def test_the_review_note_follows_the_date(library: Library) -> None:
    """The overdue-review note appears after April 2024 and not before, from the policy's own date."""
    question = "can i add a parent on facebook"
    assert "review date (April 2024) has passed" in render_answer_text(library, question, AFTER_REVIEW)
    assert "review date" not in render_answer_text(library, question, BEFORE_REVIEW)


def test_abstaining_says_so_plainly_and_invents_nothing(library: Library) -> None:
    """When nothing matches, the answer says the policy does not cover it, suggests a way on, and quotes nothing."""
    card = answer(library, "where can i park at the venue", AFTER_REVIEW)
    assert card.quote == "" and card.fields == ()
    assert "couldn't find anything in the Social Media Policy" in card.body
    assert "ask your Safeguard Lead" in card.body and "in other words" in card.body


def test_excerpts_are_short_and_cut_at_a_word() -> None:
    """Related-clause excerpts stay short and end at a word boundary with an ellipsis."""
    text = "word " * 100
    short = excerpt(text, 40)
    assert len(short) <= 41 and short.endswith("word…")
    assert excerpt("Short clause.") == "Short clause."
