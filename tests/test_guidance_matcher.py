"""Matching questions to clauses: ranked, scored, and abstaining when the policy is silent."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest
import yaml

from bot.guidance import Library, Match, load_library
from tests.conftest import FIXTURES, ROOT


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(ROOT / "knowledge")


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        pytest.param("a carer wants to be my friend on facebook", "6.9", id="parent-friend"),
        pytest.param("a lad from the club followed me on tiktok", "6.7", id="attendee-follow"),
        pytest.param("is it fine to connect with my workmates on linkedin", "6.10", id="colleague"),
        pytest.param("can i stick some pics from the beach trip on my insta", "6.14", id="photos"),
        pytest.param("who is allowed to phone the families", "6.2", id="contact-parents"),
        pytest.param("someone keeps trolling me, should i delete the comments", "8.4", id="trolling-evidence"),
        pytest.param("a teen is being pulled into extremist stuff online", "9.4", id="radicalisation"),
        pytest.param("can i use the work computer for porn", "7.2", id="equipment"),
        pytest.param("wat counts as cyberbullying", "8.1", id="definition"),
        pytest.param("should i keep my passwrods secure", "6.1", id="typo"),
    ],
)
def test_questions_find_their_clause_first(library: Library, question: str, clause: str) -> None:
    """Everyday wording finds the clause that answers it, ranked first."""
    assert library.match(question)[0].clause == clause


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("where can I park my car", id="parking"),
        pytest.param("how do I book a day off", id="leave"),
        pytest.param("what is the capital of france", id="trivia"),
        pytest.param("", id="empty"),
        pytest.param("?!...", id="punctuation"),
        pytest.param("thanks so much", id="chit-chat"),
    ],
)
def test_out_of_scope_questions_get_no_clause(library: Library, question: str) -> None:
    """When no clause covers the question the matcher abstains instead of guessing."""
    assert library.match(question) == []


def test_matches_are_ranked_scored_and_frozen(library: Library) -> None:
    """Matches come best first with 0-100 scores, name their policy, and cannot be changed."""
    matches = library.match("can i accept a friend request from an attendee's mum on fb")
    assert matches and all(isinstance(m, Match) for m in matches)
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 100 for s in scores)
    assert {m.policy for m in matches} == {"social-media"}
    assert len({m.clause for m in matches}) == len(matches) <= 5
    with pytest.raises(FrozenInstanceError):
        matches[0].score = 0  # type: ignore[misc]


def test_clause_ids_are_as_printed(library: Library) -> None:
    """Clause ids come back exactly as printed, including section 4 and 6.24."""
    assert library.match("who do i raise a concern about social media contact with")[0].clause == "6.24"
    assert library.match("what is the director responsible for under this policy")[0].clause == "4"


def _rates(library: Library, path: Path) -> tuple[float, float, float]:
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    inscope = [c for c in cases if c["clauses"]]
    outscope = [c for c in cases if not c["clauses"]]
    answers = {c["q"]: [m.clause for m in library.match(c["q"])] for c in cases}
    top1 = sum(1 for c in inscope if answers[c["q"]][:1] and answers[c["q"]][0] in c["clauses"]) / len(inscope)
    top3 = sum(1 for c in inscope if set(answers[c["q"]][:3]) & set(c["clauses"])) / len(inscope)
    abstain = sum(1 for c in outscope if not answers[c["q"]]) / len(outscope)
    return top1, top3, abstain


def test_held_out_questions_regression(library: Library) -> None:
    """Our own held-out questions (not the dev set, not the curated asks) keep their quality."""
    top1, top3, abstain = _rates(library, FIXTURES / "guidance-heldout.yaml")
    assert top1 >= 0.86 and top3 >= 0.96 and abstain >= 0.95, (top1, top3, abstain)


def test_abuse_disclosed_in_person_is_not_this_policy(library: Library) -> None:
    """A child disclosing harm at home is for the Safeguarding policy: the bot declines rather than guess."""
    assert library.match("a young person said something bad is happening at home, what should i do") == []


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("what does DSL stand for", id="acronym"),
        pytest.param("can you give me our charity commission number", id="registration-number"),
        pytest.param("is there an age limit for helpers", id="age"),
        pytest.param("what are the 4 categories of abuse", id="legal-list"),
        pytest.param("where do i get an accident form after a kid tripped over", id="accident-form"),
        pytest.param("a child has gone missing from the park trip", id="missing-child"),
        pytest.param("how long should sign in sheets be kept for", id="retention"),
        pytest.param("any recommendations for a decent vpn", id="product"),
        pytest.param("which tablet should i buy my son", id="shopping"),
        pytest.param("how many years do we hang onto sign in sheets", id="retention-years"),
        pytest.param("a boy hasnt been picked up yet and its late", id="late-collection"),
        pytest.param("which password manager is best", id="product-best"),
        pytest.param("is it ok to take a gift voucher from a family at the end of term", id="gift"),
        pytest.param("where can i read the whistleblowing policy", id="other-policy"),
        pytest.param("should we shred old consent forms after a year", id="disposal"),
        pytest.param("whats a safe phone for a 10 year old", id="child-phone"),
    ],
)
def test_questions_of_a_form_no_clause_answers_get_no_clause(library: Library, question: str) -> None:
    """A look-up, another policy's procedure or shopping advice is declined even when it shares policy words."""
    assert library.match(question) == []


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        pytest.param("which phone should i use to ring parents", "6.2", id="phone-use"),
        pytest.param("what are the rules on following parents on instagram", "6.9", id="rules-list"),
        pytest.param("how long should i keep screenshots of the trolling", "8.4", id="keeping-evidence"),
        pytest.param("can i get some tips on privacy settings for my insta", "6.3", id="tips"),
        pytest.param("is it safe to use my phone for messaging parents", "6.2", id="safe-phone-use"),
    ],
)
def test_near_forms_stay_answered(library: Library, question: str, clause: str) -> None:
    """Questions that only resemble those forms are still answered from the policy."""
    assert clause in [m.clause for m in library.match(question)[:3]]


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        pytest.param("my cousin goes to the youth club, can we stay friends on insta", "6.7", id="relative-attends"),
        pytest.param("my daughters best friend comes to club and followed me on tiktok", "6.7", id="own-kids-friend"),
        pytest.param("the duty manager wants to add me on facebook", "6.10", id="supervisor-colleague"),
        pytest.param("can i have a quick scroll while theyre busy", "6.17", id="quick-check"),
        pytest.param("another volunteer keeps making jokes about my accent online", "6.20", id="equality-remarks"),
        pytest.param("could i get sued for reposting a photographers pictures", "6.21", id="legal-action"),
        pytest.param("someone on discord keeps telling a lad from group to hate immigrants", "9.4", id="hate-prevent"),
    ],
)
def test_people_and_situations_find_their_clause(library: Library, question: str, clause: str) -> None:
    """Relatives who attend, supervisors, quick checks, remarks about who I am, being sued and hate grooming."""
    assert clause in [m.clause for m in library.match(question)[:3]]


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("What does DBS mean", id="capitals-acronym"),
        pytest.param("whats the office email address", id="contact-details"),
        pytest.param("one of the boys had a seizure at football, what now", id="medical"),
        pytest.param("what parental controls should i set up at home", id="parental-controls"),
    ],
)
def test_facts_and_care_outside_the_policy_get_no_clause(library: Library, question: str) -> None:
    """Acronyms in capitals, contact details, medical care and home device settings are declined."""
    assert library.match(question) == []


def test_no_curated_ask_has_a_declined_form(library: Library) -> None:
    """The form detector never declines a phrasing the knowledge curates as an answerable question."""
    declined = [
        ask
        for policy in library.policies
        for clause in policy.clauses
        for ask in clause.asks
        if library.matchers[policy.id].vocabulary.declines(ask)
    ]
    assert declined == []


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        pytest.param(
            "my old stag do videos are public, now that im a volunteer should i hide them", "5.2", id="own-past"
        ),
        pytest.param("can i tweet that the charity might have to close", "6.19", id="charity-money"),
    ],
)
def test_own_past_and_charity_troubles_find_their_clause(library: Library, question: str, clause: str) -> None:
    """Pictures of my own past are reviewed on joining; the charity's money troubles are confidential."""
    assert clause in [m.clause for m in library.match(question)[:3]]


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        pytest.param("can i really tell who sees my insta stories", "6.3", id="intensifier-privacy"),
        pytest.param("can i post a clip from summer club if the faces are blurred", "6.14", id="holiday-club-photos"),
        pytest.param("do the contact rules cover vulnerable adults who come to sessions", "6.7", id="adult-attendees"),
        pytest.param("is sharing a protest post ok if its linked to my work", "6.13", id="work-related-views"),
    ],
)
def test_emphasis_events_and_attendees_of_any_age_find_their_clause(
    library: Library, question: str, clause: str
) -> None:
    """Emphasis words, the charity's holiday clubs, adult attendees and work-linked views reach their clause."""
    assert clause in [m.clause for m in library.match(question)[:3]]


def test_session_times_are_declined(library: Library) -> None:
    """When to arrive for a holiday club is the rota's business, even though the club is an event."""
    assert library.match("what time do we need to be at summer club") == []


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        pytest.param("could we start a discord server for the young people", "6.7", id="group-chat"),
        pytest.param("a volunteer has creepy videos involving kids on the work tablet", "7.1", id="indecent-involving"),
        pytest.param("can i text parents session reminders from my personal mobile", "6.2", id="session-notices"),
    ],
)
def test_group_chats_unsuitable_material_and_notices_find_their_clause(
    library: Library, question: str, clause: str
) -> None:
    """A group chat is contact, material involving children is indecent, a session notice is not progress."""
    assert library.match(question)[0].clause == clause
