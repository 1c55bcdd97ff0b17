"""The parts of the questions feature on their own: learning, scrubbing, the deployment's maintainers, cards kept."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.deployment import Deployment, load_deployment
from bot.guidance import Library, load_library
from bot.guidance.index import text_only
from bot.questions.scrub import phrasing, scrub
from bot.roles import Role, role_of
from bot.scanner import Scanner
from bot.yamlfile import ConfigError
from tests.conftest import ROOT


def test_learn_adds_a_phrasing_used_from_the_next_question() -> None:
    library = load_library(ROOT / "knowledge")
    question = "can I sell my sofa to a mum from the club on marketplace"
    assert library.match(question) == []
    unknown = library.learn(
        [
            ("social-media", "6.9", "a parent wants to buy my old bike through facebook marketplace"),
            ("social-media", "99.9", "gone"),
            ("elsewhere", "1.1", "gone too"),
        ]
    )
    assert unknown == [("social-media", "99.9", "gone"), ("elsewhere", "1.1", "gone too")]
    assert library.match(question)[0].clause == "6.9"
    clause = library.clause("social-media", "6.9")
    assert clause.learned == ("a parent wants to buy my old bike through facebook marketplace",)
    assert next(c for c in library.policy("social-media").clauses if c.id == "6.9") is clause  # the policy too


def test_learning_on_a_clause_known_by_its_text_keeps_it_read_by_its_text() -> None:
    """A taught phrasing adds to the clause: its text still counts in full and it is still ranked by meaning."""
    shipped = load_library(ROOT / "knowledge").policy("social-media")
    bare = replace(shipped.clauses[0], asks=(), terms=())
    library = Library([replace(shipped, clauses=(bare, *shipped.clauses[1:]))])
    before = library.matchers[bare.policy]
    library.learn([(bare.policy, bare.id, "a made up way of asking about zebras")])
    learned = library.clause(bare.policy, bare.id)
    assert learned.asks == () and learned.learned == ("a made up way of asking about zebras",)
    assert text_only(learned)
    after = library.matchers[bare.policy]
    assert after is not before
    # its own words weigh as before (curated words, not half-weight policy text), and meaning still ranks it
    assert after.index.curated.keys() >= before.index.curated.keys()
    assert 0 in after._meaning("what is this policy for")
    assert library.match("a made up way of asking about zebras")[0].clause == bare.id


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner(load_deployment(ROOT / "tests" / "fixtures" / "deployment.yaml"))


def test_scrub_removes_people_and_contact_details_not_the_organisation(scanner: Scanner) -> None:
    text = "Amelia Hart from LEAPS gave me 07700 900123 and amelia@example.com, she lives at 12 High Street, IP4 1AA"
    scrubbed = scrub(scanner, text)
    assert "Amelia" not in scrubbed and "07700" not in scrubbed and "example.com" not in scrubbed
    assert "High Street" not in scrubbed and "IP4" not in scrubbed
    assert scrubbed.startswith("[name] from LEAPS gave me [phone number] and [e-mail]")
    assert "[address]" in scrubbed
    assert phrasing(scrubbed).startswith("from LEAPS gave me and")


def test_knowledge_maintainers_are_read_and_have_their_role(tmp_path: Path) -> None:
    path = tmp_path / "deployment.yaml"
    path.write_text(
        "organisation: {name: X}\n"
        "safeguard_leads: [{name: Lee, slack: U0LEAD}]\n"
        "knowledge_maintainers:\n"
        "  - {name: Eddie, slack: U0EDIT, discord: '500'}\n",
        encoding="utf-8",
    )
    deployment = load_deployment(path)
    assert [m.name for m in deployment.knowledge_maintainers] == ["Eddie"]
    assert role_of(deployment, "slack", "U0EDIT") is Role.KNOWLEDGE_MAINTAINER
    assert role_of(deployment, "slack", "U0LEAD") is Role.SAFEGUARD_LEAD
    assert deployment.question_recipients_on("discord") == deployment.maintainers_on("discord")
    assert [pid for pid, _ in deployment.question_recipients_on("slack")] == ["U0EDIT"]


def test_without_maintainers_questions_go_to_the_leads(deployment: Deployment) -> None:
    assert deployment.question_recipients_on("slack") == deployment.leads_on("slack")


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("knowledge_maintainers: {name: E}", "'knowledge_maintainers' must be a list"),
        ("knowledge_maintainers: [{name: E}]", "knowledge maintainer 1 cannot be reached"),
        ("knowledge_maintainers: [{name: E, slack: U1, phone: '1'}]", "unknown key 'phone'"),
        ("knowledge_maintainers: [E]", "knowledge maintainer 1 must be a mapping"),
    ],
)
def test_a_broken_maintainer_entry_is_named(tmp_path: Path, entry: str, expected: str) -> None:
    path = tmp_path / "deployment.yaml"
    path.write_text(f"organisation: {{name: X}}\nsafeguard_leads: [{{name: Lee, slack: U0LEAD}}]\n{entry}\n")
    with pytest.raises(ConfigError) as raised:
        load_deployment(path)
    assert any(expected in str(p) for p in raised.value.problems)


def test_export_leaves_out_what_the_knowledge_already_asks() -> None:
    from bot.questions.export import learned_yaml

    library = load_library(ROOT / "knowledge")
    known = library.clause("social-media", "6.9").asks[0]
    text = learned_yaml(library, [("social-media", "6.9", known), ("social-media", "6.9", "a new one")])
    assert "a new one" in text and known not in text
    assert "nothing learned" in learned_yaml(library, [("social-media", "6.9", known)])
