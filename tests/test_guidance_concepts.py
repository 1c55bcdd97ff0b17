"""Concept groups, question roles and kinds, and look-ups: how everyday wording reaches the right clause."""

from __future__ import annotations

import pytest

from bot.guidance import Library, load_library
from bot.guidance.roles import adjust
from tests.conftest import ROOT
from tests.guidance_support import VOCABULARY

tokens, kind, person, is_lookup = VOCABULARY.tokens, VOCABULARY.kind, VOCABULARY.person, VOCABULARY.is_lookup
ROLES = VOCABULARY.roles


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(ROOT / "knowledge")


def first(library: Library, question: str) -> str | None:
    matches = library.match(question)
    return matches[0].clause if matches else None


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        pytest.param("he slid into my dms last night", "@contact", id="slid-into-dms"),
        pytest.param("wants to play roblox with me", "@contact", id="gaming-is-contact"),
        pytest.param("added me on xbox", "@platform", id="console-is-a-platform"),
        pytest.param("doing my online shopping", "@leisure", id="shopping-is-personal-use"),
        pytest.param("scrolling on my phone", "@leisure", id="scrolling-is-personal-use"),
        pytest.param("a photo of the sign-in sheet", "@confidential", id="sign-in-sheet-is-confidential"),
        pytest.param("the medical forms", "@record", id="medical-forms-are-records"),
        pytest.param("a lad who aged out of the group", "@former", id="aged-out-is-former"),
        pytest.param("my friend's kid comes to club", "@parent", id="a-friends-kid-makes-a-parent"),
        pytest.param("an ex volunteer", "@colleague", id="former-volunteer-is-a-colleague"),
        pytest.param("selfies with the group", "@photo", id="plural-ies"),
        pytest.param("a reel from the residential", "@photo", id="a-reel-is-video"),
        pytest.param("going live from the fun day", "@photo", id="going-live-is-video"),
        pytest.param("she sent me a voice note", "@contact", id="voice-note-is-contact"),
        pytest.param("he keeps liking my posts", "@connect", id="liking-posts-is-interaction"),
        pytest.param("a board member", "@management", id="board-is-management"),
        pytest.param("a reporter wants a quote", "@press", id="reporter-is-press"),
        pytest.param("a blog about my sessions", "@blog", id="blog"),
        pytest.param("posting about replacement theory", "@extremism", id="extremist-ideas"),
        pytest.param("a mum is saying im a liar", "@bully", id="name-calling-aimed-at-me"),
        pytest.param("an ableist meme", "@equality", id="hate-aimed-at-a-group"),
    ],
)
def test_everyday_wording_reaches_the_policy_concept(text: str, concept: str) -> None:
    """Chat and youth wording is folded onto the concept token the policy's clauses carry."""
    assert concept in tokens(text)


@pytest.mark.parametrize("name", ["tiktok", "bereal", "threads", "discord", "twitch", "roblox", "youtube", "minecraft"])
def test_platform_names_are_platforms(name: str) -> None:
    """Every platform people name is the one platform concept, whether or not the policy lists it."""
    assert "@platform" in tokens(f"is {name} ok")


def test_the_shipped_vocabulary_has_no_conflicts() -> None:
    """Chat English and the shipped policy's vocabulary load with no key in two tables."""
    assert VOCABULARY.problems == []


def test_a_phrase_does_not_swallow_a_neighbouring_topic() -> None:
    """ "still comes" marks a current attendee without eating the sibling beside it."""
    found = tokens("her brother still comes on saturdays")
    assert "@sibling" in found and "@attendee" in found


@pytest.mark.parametrize(
    ("found", "role"),
    [
        pytest.param({"@former", "@attendee", "@sibling"}, "former", id="former-beats-attendee"),
        pytest.param({"@parent", "@attendee"}, "parent", id="parent-of-an-attendee"),
        pytest.param({"@attendee", "@colleague"}, "attendee", id="attendee-beats-colleague"),
        pytest.param({"@colleague"}, "colleague", id="colleague"),
        pytest.param({"@photo"}, None, id="nobody"),
    ],
)
def test_the_person_is_the_most_specific_role(found: set[str], role: str | None) -> None:
    """A question's person is the most specific role it mentions."""
    assert person(found) == role
    assert role is None or role in ROLES


def test_adjust_rewards_the_right_person_and_kind_and_penalises_the_wrong() -> None:
    """A clause about the question's person rises; about someone else, or of the other kind, it falls."""
    assert adjust(50.0, ("parent",), "parent", "", None) > 50.0
    assert adjust(50.0, ("former",), "attendee", "", None) < 50.0
    assert adjust(50.0, ("former",), None, "", None) == 50.0
    assert adjust(50.0, (), "parent", "definition", "definition") > 50.0
    assert adjust(50.0, (), None, "definition", "action") < 50.0
    assert adjust(99.0, ("parent",), "parent", "action", "action") <= 100.0


def test_whom_to_tell_prefers_reporting_clauses_and_what_to_do_accepts_them() -> None:
    """A reporting clause fits both kinds of question; keeping records is no answer to "who needs to know"."""
    assert adjust(50.0, (), None, "report", "report") > 50.0
    assert adjust(50.0, (), None, "report", "action") > 50.0
    assert adjust(50.0, (), None, "action", "report") == 50.0
    assert adjust(50.0, (), None, "definition", "report") < 50.0


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        pytest.param("what counts as trolling", "definition", id="what-counts-as"),
        pytest.param("is snapchat classed as social media", "definition", id="is-x-social-media"),
        pytest.param("someone is bullying me online, what should i do", "action", id="what-should-i-do"),
        pytest.param("who do i tell about a worrying message", "report", id="who-do-i-tell"),
        pytest.param("can i follow a parent on instagram", None, id="permission"),
        pytest.param("would it be harassment if they keep commenting", "definition", id="is-it-x-if"),
        pytest.param("does a mean group chat count as bullying", "definition", id="count-as"),
        pytest.param("is it ok if i reply to a parent", None, id="is-it-ok-if-is-permission"),
        pytest.param("is it weird if i follow my manager", None, id="is-it-weird-if-is-permission"),
        pytest.param("a colleague is getting nasty messages, who needs to know", "report", id="who-needs-to-know"),
        pytest.param("should i let someone know about a worrying post", "report", id="should-i-let-someone-know"),
        pytest.param("how do terrorist groups use games to recruit teens", "explain", id="how-others-operate"),
        pytest.param("how do i use the work phone", None, id="how-do-i-is-not-explain"),
    ],
)
def test_question_kind(question: str, expected: str | None) -> None:
    """Definitions and what-to-do questions are told apart by their form."""
    assert kind(question) == expected


@pytest.mark.parametrize(
    ("question", "lookup"),
    [
        pytest.param("what's the office manager's mobile number", True, id="a-number"),
        pytest.param("how do i set up a page for the bake sale", True, id="set-up"),
        pytest.param("how many likes did our last post get", True, id="how-many"),
        pytest.param("what's the leaps twitter handle", True, id="a-handle"),
        pytest.param("how do i block someone on snapchat", True, id="blocking-how-to"),
        pytest.param("how do i make a reel with music", True, id="editing-how-to"),
        pytest.param("i cant find the settings button", True, id="cant-find-a-button"),
        pytest.param("what does the lone working policy say about evenings", True, id="another-policy"),
        pytest.param("can i give a parent my mobile number", False, id="policy-question"),
        pytest.param("how do i report trolling", False, id="how-to-report"),
        pytest.param("what's the definition of cyberbullying", False, id="definition"),
    ],
)
def test_look_ups_are_recognised_by_their_form(question: str, lookup: bool) -> None:
    """A look-up of a fact or a how-to of running something has a recognisable form; policy questions do not."""
    assert is_lookup(question) is lookup


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        pytest.param("a young person wants to follow me on tiktok", "6.7", id="attendee"),
        pytest.param("an ex attendee wants to follow me on tiktok", "6.8", id="former-attendee"),
        pytest.param("a mum from club wants to follow me on tiktok", "6.9", id="parent"),
        pytest.param("a colleague wants to follow me on tiktok", "6.10", id="colleague"),
    ],
)
def test_neighbouring_clauses_follow_the_other_person(library: Library, question: str, clause: str) -> None:
    """The same request from different people reaches the clause about that person."""
    assert first(library, question) == clause


@pytest.mark.parametrize(
    ("question", "clauses"),
    [
        pytest.param("what is cyberbullying", {"8.1"}, id="definition"),
        pytest.param("someone is cyberbullying me, what should i do", {"8.2", "8.5"}, id="what-to-do"),
    ],
)
def test_definitions_and_actions_are_told_apart(library: Library, question: str, clauses: set[str]) -> None:
    """A definition question gets the definition; a what-to-do question gets the clause saying what to do."""
    assert first(library, question) in clauses


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("how do i upload to the charity's facebook page", id="running-the-official-page"),
        pytest.param("who looks after the leaps youtube channel", id="who-runs-it"),
        pytest.param("what's the login for the club instagram", id="an-account-login"),
        pytest.param("where do i get a leaps hoodie", id="merchandise"),
    ],
)
def test_a_platform_or_the_charity_alone_is_no_evidence(library: Library, question: str) -> None:
    """Naming a platform or the charity without a policy concept is not covered by the policy."""
    assert library.match(question) == []


def test_people_are_not_topics_of_scope(library: Library) -> None:
    """ "Does it apply to trustees" asks whom the policy covers, not what it says about managers."""
    assert first(library, "does this policy apply to the trustees") == "2.1"


@pytest.mark.parametrize(
    ("question", "clauses"),
    [
        pytest.param("a dad is slagging me off on facebook", {"8.2", "8.5"}, id="aimed-at-me-is-bullying"),
        pytest.param("can i slag off a dad on facebook", {"6.11"}, id="my-criticising-others"),
    ],
)
def test_criticism_aimed_at_me_is_bullying(library: Library, question: str, clauses: set[str]) -> None:
    """Insults with the asker as their object reach the bullying clauses; the asker's own criticism reaches 6.11."""
    assert first(library, question) in clauses


def test_a_known_word_is_not_corrected_into_a_policy_word(library: Library) -> None:
    """A concert is an event, not a misspelt concern, so it does not pull a question to the concerns clause."""
    found = library.matchers["social-media"].question_tokens("can i livestream the christmas concert")
    assert "@event" in found and "@concern" not in found


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        pytest.param("a boy from club wants me to join his roblox game", "6.7", id="gaming"),
        pytest.param("is it ok to do my online shopping on shift", "6.17", id="personal-use"),
        pytest.param("can i text the sign-in sheet to my mate", "6.18", id="records"),
    ],
)
def test_plain_chat_reaches_the_clause(library: Library, question: str, clause: str) -> None:
    """A question in plain chat words is answered once its concept is recognised, not declined."""
    matches = [m.clause for m in library.match(question)]
    assert clause in matches[:3], matches
