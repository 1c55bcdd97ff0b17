"""Guidance for any policy and any charity: clause text alone answers, vocabularies are data and checked.

The two portability policies (an invented charity's Safeguarding and Data Protection policies, clause
text only, copied from ../shared/eval/portability/policies) stand for a policy nobody tuned the bot for.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bot.deployment import load_deployment
from bot.guidance import check_library, load_library
from bot.scanner import Scanner
from bot.yamlfile import ConfigError
from tests.conftest import FIXTURES, ROOT

PORTABILITY = FIXTURES / "portability"
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
BARE = ["safeguarding-policy.yaml", "data-protection-policy.yaml"]
#: the policies of sealed sets 2 and 4, never seen while the method was made
NEW = ["health-safety-policy.yaml", "transport-trips-policy.yaml", "complaints-whistleblowing-policy.yaml"]


def _folder(tmp_path: Path, *files: str, shipped: bool = False) -> Path:
    for name in files:
        shutil.copy(PORTABILITY / name, tmp_path / name)
        shutil.copy(PORTABILITY / name.replace(".yaml", ".txt"), tmp_path / name.replace(".yaml", ".txt"))
    if shipped:
        shutil.copytree(ROOT / "knowledge", tmp_path, dirs_exist_ok=True)
    return tmp_path


@pytest.mark.parametrize("name", [*BARE, *NEW])
def test_a_policy_with_text_only_answers_its_own_sentences(tmp_path: Path, name: str) -> None:
    """Each sentence of each clause, asked as a question, is answered first with that clause."""
    library = load_library(_folder(tmp_path, name))
    (policy,) = library.policies
    wrong = [
        (clause.id, sentence[:60], [m.clause for m in library.match(sentence)][:3])
        for clause in policy.clauses
        for sentence in SENTENCE.split(clause.text)
        if [m.clause for m in library.match(sentence)][:1] != [clause.id]
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("question", "policy", "clause"),
    [
        ("a child has told me that someone is hurting them at home, what do i do", "safeguarding", "4.1"),
        ("can i give a lad a lift home in my car after club", "safeguarding", "7.4"),
        ("someone wants to see all the information we hold about them", "data-protection", "6.2"),
    ],
)
def test_questions_in_other_words_reach_a_bare_policy(tmp_path: Path, question: str, policy: str, clause: str) -> None:
    """Chat English (synonyms of harm, disclosure, ...) carries over to a policy nobody curated."""
    library = load_library(_folder(tmp_path, *BARE))
    assert (policy, clause) in [(m.policy, m.clause) for m in library.match(question)[:3]]


def test_each_answer_names_its_policy_and_the_shipped_one_keeps_its_questions(tmp_path: Path) -> None:
    """With three policies loaded, social media questions still go to the social media policy."""
    library = load_library(_folder(tmp_path, *BARE, shipped=True))
    assert {p.id for p in library.policies} == {"social-media", "safeguarding", "data-protection"}
    first = library.match("a parent sent me a friend request on facebook, can i accept")[0]
    assert (first.policy, first.clause) == ("social-media", "6.9")
    assert library.match("what's the wifi password at the hall") == []


def test_adding_a_policy_does_not_change_how_another_ranks_its_own_clauses(tmp_path: Path) -> None:
    """Each policy has its own vocabulary and word weights: another policy's clauses never reorder it."""
    alone = load_library(ROOT / "knowledge")
    together = load_library(_folder(tmp_path, *BARE, shipped=True))
    for question in ["can i follow a young person on tiktok", "someone is trolling me online", "can i post photos"]:
        mine = [(m.clause, m.score) for m in alone.match(question)]
        theirs = [(m.clause, m.score) for m in together.match(question, limit=20) if m.policy == "social-media"]
        assert theirs[: len(mine)] == mine


def test_check_names_clauses_that_answer_from_their_text_alone(tmp_path: Path) -> None:
    lines = check_library(_folder(tmp_path, "safeguarding-policy.yaml"))
    assert lines[1] == "  answers from its text alone (no asks or terms): every clause"


POLICY = """\
policy: {{id: phones, title: Mobile Phone Policy, issued: January 2025, review: January 2099, owner: The Director}}
sections:
  - number: "1"
    title: Use of phones
    clauses:
      - id: "1.1"
        text: Staff must not use personal phones to photograph attendees.
        asks: [{ask}]
      - id: "1.2"
        text: Phones stay in the staff room during sessions.
"""


VOCABULARY_AT = POLICY.count("\n") + 1  # the line of "vocabulary:" in the file _policy_folder writes


def _policy_folder(tmp_path: Path, ask: str, vocabulary: str = "") -> Path:
    """A knowledge folder with one small policy file, with ``vocabulary`` as its own vocabulary section."""
    folder = tmp_path / "knowledge"
    folder.mkdir(parents=True)
    section = "vocabulary:\n" + "".join(f"  {line}\n" for line in vocabulary.splitlines()) if vocabulary else ""
    (folder / "phones.yaml").write_text(POLICY.format(ask=ask) + section, encoding="utf-8")
    return folder


def test_check_names_a_curated_clause_that_is_partly_bare_and_passes_a_good_ask(tmp_path: Path) -> None:
    lines = check_library(_policy_folder(tmp_path, '"can i take pictures of the kids on my own phone"'))
    assert lines[1] == "  answers from its text alone (no asks or terms): 1 clause(s): 1.2"
    assert not any(line.startswith("  warning:") for line in lines)


def test_check_warns_of_an_ask_that_does_not_find_its_clause(tmp_path: Path) -> None:
    """An ask too vague to be evidence of anything (only words that say who) teaches the matcher nothing."""
    lines = check_library(_policy_folder(tmp_path, '"what must staff and volunteers do"'))
    assert any(
        "clause 1.1: ask 'what must staff and volunteers do' does not find its clause (not covered)" in x for x in lines
    ), lines


def test_check_warns_of_an_ask_that_a_decline_form_refuses(tmp_path: Path) -> None:
    vocabulary = "decline:\n  - about: photography advice\n    forms: ['\\bpictures of the kids\\b']\n"
    lines = check_library(_policy_folder(tmp_path, '"can i take pictures of the kids on my phone"', vocabulary))
    assert any("ask 'can i take pictures of the kids on my phone' has a declined form" in x for x in lines)


@pytest.mark.parametrize(
    ("vocabulary", "message"),
    [
        ("concepts:\n  '@camera': [camera]\n  '@photo': [camera]\n", f":{VOCABULARY_AT + 3}: concepts: 'camera' is"),
        ("phrases:\n  '@a': [staff room]\n  '@b': [staff room]\n", f":{VOCABULARY_AT + 3}: phrases: 'staff"),
        ("concepts:\n  '@camera': [cameras]\n  '@photo': [camera]\n", "'camera' means '@photo' but 'cameras'"),
        ("concepts:\n  '@x': [two words]\n", "concepts: 'two words' has several words"),
        ("lookups: ['(unclosed']\n", f"yaml:{VOCABULARY_AT + 1}: 'lookups': not a valid regular expression"),
        ("colours: [red]\n", f"phones.yaml:{VOCABULARY_AT + 1}: unknown key 'colours'"),
    ],
)
def test_a_vocabulary_conflict_is_an_error_with_file_and_line(tmp_path: Path, vocabulary: str, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        check_library(_policy_folder(tmp_path, '"can i take photos on my own phone"', vocabulary))
    assert any(message in str(p) for p in info.value.problems), [str(p) for p in info.value.problems]


def test_a_policy_vocabulary_refines_chat_english_for_that_policy_only(tmp_path: Path) -> None:
    """Across the shared file and a policy's own, the policy's meaning wins, and only for that policy."""
    folder = _policy_folder(tmp_path, '"can i take photos on my own phone"', "concepts:\n  '@locker': [room]\n")
    library = load_library(folder)
    assert "@locker" in library.matchers["phones"].vocabulary.tokens("the staff room")


OTHER_ORG = """\
organisation:
  name: Harbour Youth Trust
  aliases: [HYT]
  website: https://www.harbouryouth.org.uk
  venues: [Quayside Centre]
safeguard_leads:
  - name: Helen Marsh
    phone: "01632 960001"
attendees: [Ellie Brook]
"""


@pytest.mark.parametrize(
    "question",
    [
        "can i tag harbour youth trust in my instagram post",
        "can i tag HYT in my instagram post",
        "can i tag the quayside centre in my instagram post",
        "can i tag harbouryouth.org.uk in my instagram post",
    ],
)
def test_another_organisations_names_count_as_the_organisation(tmp_path: Path, question: str) -> None:
    """Its name, aliases and venues meet the clauses about the organisation, as "the charity" does."""
    deployment_file = tmp_path / "deployment.yaml"
    deployment_file.write_text(OTHER_ORG, encoding="utf-8")
    deployment = load_deployment(deployment_file)
    library = load_library(ROOT / "knowledge", deployment.organisation.names)
    baseline = load_library(ROOT / "knowledge")
    assert library.match(question)[0].clause == library.match("can i tag the charity in my instagram post")[0].clause
    assert baseline.match(question)[:1] != library.match(question)[:1]
    # and moderation, from the same deployment, finds the same names in a shared channel
    assert "organisation" in Scanner(deployment).kinds(Scanner(deployment).scan(question.replace("can i tag", "at")))


def test_meaning_orders_a_bare_policys_clauses() -> None:
    """Words alone put the clause on timescales first; meaning puts first what to do when a child discloses harm."""
    from bot.guidance.loader import read_policies
    from bot.guidance.matcher import Matcher
    from bot.guidance.tuning import Tuning

    (policy,) = read_policies(PORTABILITY / "safeguarding-policy.yaml")
    library = load_library(PORTABILITY / "safeguarding-policy.yaml")
    question = "a young person has told me they are being hurt at home, what should i do first"
    words_only = Matcher(policy.clauses, library.matchers["safeguarding"].vocabulary, Tuning(meaning_weight=0))
    assert [m.clause for m in library.match(question)][:1] == ["4.1"]
    assert [m.clause for m in words_only.match(question)][:1] != ["4.1"]


def test_with_many_policies_the_right_one_is_still_scored(tmp_path: Path) -> None:
    """Past four policies only those a first look finds most to do with are scored in full; the right one is."""
    folder = _folder(tmp_path, *BARE, shipped=True)
    for n in range(4):  # four unrelated one-clause policies
        (folder / f"extra-{n}.yaml").write_text(
            POLICY.format(ask='"where do phones go"').replace("id: phones", f"id: extra-{n}"), encoding="utf-8"
        )
    library = load_library(folder)
    assert len(library.policies) == 7
    first = library.match("a parent sent me a friend request on facebook, can i accept")[0]
    assert (first.policy, first.clause) == ("social-media", "6.9")
    assert library.match("someone wants to see all the information we hold about them")[0].policy == "data-protection"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("a parent posted that im a liar", {"8.2", "8.5"}),  # what others say of me: bullying of the adult
        ("can i put on facebook that im a youth worker", {"6.15", "5.1"}),  # what I say of my work
    ],
)
def test_a_phrasing_once_in_two_groups_now_has_one_meaning_in_each_context(question: str, expected: set[str]) -> None:
    """ "that im a" sat in two concept groups and the last silently won; now each context has its own phrasing."""
    library = load_library(ROOT / "knowledge")
    assert library.match(question)[0].clause in expected
