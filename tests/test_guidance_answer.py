"""What a person reads: one plain line first, then the clause number and title, the clause quoted verbatim."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bot.guidance import Library, load_library, render_answer_text
from bot.guidance.answer import (
    CLOSE,
    FIRST_SENTENCE_MARK,
    ONE_LINE,
    SUMMARY_MARK,
    answer,
    answer_card,
    excerpt,
    first_sentence,
    opening_line,
    related_clauses,
)
from bot.guidance.model import SUMMARY_LIMIT, Match
from tests.conftest import ROOT

AFTER_REVIEW = date(2026, 11, 25)
BEFORE_REVIEW = date(2024, 4, 30)
SHIPPED = load_library(ROOT / "knowledge")


@pytest.fixture(scope="module")
def library() -> Library:
    return SHIPPED


@pytest.mark.parametrize("clause", SHIPPED.policy("social-media").clauses, ids=lambda c: c.id)
def test_every_clause_opens_with_one_line_of_chat_from_its_summary(library: Library, clause: object) -> None:
    """For every clause of the shipped policy, the answer's first line is its summary, marked, on one line."""
    card = answer_card(library, [Match("social-media", clause.id, 80.0)], AFTER_REVIEW)  # type: ignore[attr-defined]
    first_line = card.text().split("\n", 1)[0]
    assert first_line == f"{SUMMARY_MARK}: {clause.summary}"  # type: ignore[attr-defined]
    assert len(first_line) <= ONE_LINE and len(clause.summary) <= SUMMARY_LIMIT  # type: ignore[attr-defined]
    assert card.card().summary == clause.summary and card.card().summary_label == SUMMARY_MARK  # type: ignore[attr-defined]


def test_an_answer_opens_with_the_summary_then_the_clause_then_the_quote(library: Library) -> None:
    """The plain line first, then number and title with the policy named, then the verbatim clause."""
    question = "a carer keeps asking to follow me on instagram"
    matches = library.match(question)
    clause = library.clause(matches[0].policy, matches[0].clause)
    result = answer(library, question, AFTER_REVIEW)
    assert (result.outcome, result.policy, result.clause) == ("clause", clause.policy, clause.id)
    summary, heading, quote, *_ = result.text().split("\n\n")
    assert summary == f"In short: {clause.summary}"
    see_also = ", ".join(clause.see_also)
    assert heading.splitlines() == [
        f"{clause.id} · {clause.section_title}",
        f"Social Media Policy, clause {clause.id}; see also {see_also}.",
    ]
    assert quote.replace("> ", "") == clause.text
    assert result.card().quote == clause.text and "/report" in result.card().footer


def test_a_clause_without_a_summary_opens_with_its_own_first_sentence(library: Library) -> None:
    """No summary: the clause's first sentence, marked as the policy's words, cut to one line if it is long."""
    short = replace(library.clause("social-media", "9.3"), summary="")
    assert opening_line(short) == (FIRST_SENTENCE_MARK, first_sentence(short.text))
    assert first_sentence(short.text) == " ".join(short.text.split())  # one sentence: all of it
    long = replace(library.clause("social-media", "1.2"), summary="")
    mark, line = opening_line(long)
    assert line.startswith("This policy is designed to ensure everyone uses social media responsibly")
    assert line.endswith("…") and len(f"{mark}: {line}") <= ONE_LINE


def test_first_sentence_stops_at_the_first_full_stop() -> None:
    assert first_sentence("Adults must not. Adults should.") == "Adults must not."
    assert first_sentence("Keep it  \n short") == "Keep it short"
    assert first_sentence("Act 1998. Then.") == "Act 1998."


def test_weak_runners_up_are_left_out_and_see_also_is_named(library: Library) -> None:
    """Runners-up scoring well below the best are not shown; the curated see_also is named in one line."""
    question = "a parent added me on facebook, can i accept"
    matches = library.match(question)
    assert matches[0].clause == "6.9" and all(m.score < CLOSE * matches[0].score for m in matches[1:])
    result = answer(library, question, AFTER_REVIEW)
    assert result.related == () and result.card().fields == ()
    assert result.citation.endswith("see also 6.7, 6.8.")


def test_close_runners_up_are_shown(library: Library) -> None:
    """A next-best match scoring close to the best is listed, since the asker may have meant it."""
    matches = [Match("social-media", "8.2", 90.0), Match("social-media", "9.4", 85.0), Match("social-media", "1.1", 40)]
    assert [c.id for c in related_clauses(library, matches)] == ["9.4"]
    card = answer_card(library, matches, AFTER_REVIEW).card()
    assert card.fields == (("Also close: 9.4", excerpt(library.clause("social-media", "9.4").text)),)


def test_every_clause_of_the_policy_has_curated_related_clauses(library: Library) -> None:
    """Each clause names two other clauses of its policy to read next."""
    for clause in library.policy("social-media").clauses:
        assert len(clause.see_also) == 2 and clause.id not in clause.see_also, clause.id
        assert all(library.clause("social-media", ref) for ref in clause.see_also)


def test_the_text_rendering_is_complete(library: Library) -> None:
    """The plain text carries the summary, the heading, the verbatim quote and the footer."""
    text = render_answer_text(library, "can i post pictures of the kids on facebook", AFTER_REVIEW)
    assert text.startswith("In short: ")
    assert "\n\n6.14 · Responsibilities when using social media\n" in text
    assert "> Photographs, videos or any other types of images of attendees" in text
    assert "use /report or speak to your Safeguard Lead" in text


def test_the_review_note_follows_the_date_and_the_caller(library: Library) -> None:
    """The overdue-review note appears after April 2024 and not before; a caller may leave it out."""
    question = "can i add a parent on facebook"
    assert "review date (April 2024) has passed" in render_answer_text(library, question, AFTER_REVIEW)
    assert "review date" not in render_answer_text(library, question, BEFORE_REVIEW)
    matches = library.match(question)
    assert answer_card(library, matches, AFTER_REVIEW, review=False).notes == ()


def test_abstaining_says_so_plainly_and_invents_nothing(library: Library) -> None:
    """When nothing matches, the answer says the policy does not cover it, suggests a way on, and quotes nothing."""
    result = answer(library, "where can i park at the venue", AFTER_REVIEW)
    card = result.card()
    assert result.outcome == "not-covered" and (result.policy, result.clause) == ("", "")
    assert card.quote == "" and card.fields == () and card.summary == ""
    assert card.title == "Not covered by the policy"
    assert "couldn't find anything in the Social Media Policy" in card.body
    assert "ask your Safeguard Lead" in card.body and "in other words" in card.body


def test_excerpts_are_short_and_cut_at_a_word() -> None:
    """Related-clause excerpts stay short and end at a word boundary with an ellipsis."""
    text = "word " * 100
    short = excerpt(text, 40)
    assert len(short) <= 41 and short.endswith("word…")
    assert excerpt("Short clause.") == "Short clause."
