"""Loading and validating a deployment file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.deployment import load_deployment
from bot.yamlfile import ConfigError
from tests.conftest import FIXTURES, SHARED

GOOD = """\
organisation:
  name: Example Trust
  aliases: [ET]
  venues: [Town Hall]
safeguard_leads:
  - name: Pat Lead
    slack: U123
    discord: "42"
    phone: "01632 960001"
attendees: [Ann Example]
"""


def write(tmp_path: Path, text: str, name: str = "deployment.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ConfigError) as exc:
        load_deployment(path)
    return [str(p) for p in exc.value.problems]


def test_accepts_the_evaluation_fixture_as_it_is() -> None:
    """The shared evaluation deployment loads unchanged (and so does the test copy)."""
    for path in (SHARED / "eval" / "fixture-deployment.yaml", FIXTURES / "deployment.yaml"):
        if not path.exists():
            continue
        d = load_deployment(path)
        assert d.organisation.name == "LEAPS Suffolk"
        assert len(d.attendees) == 20
        assert d.safeguard_leads[0].discord == "400000000000000001"
        assert d.is_lead("slack", "U0SAFELEAD") and not d.is_lead("slack", "U0SOMEONE")


def test_good_file_gives_typed_values(tmp_path: Path) -> None:
    """Defaults apply where the file is silent."""
    d = load_deployment(write(tmp_path, GOOD))
    assert d.organisation.aliases == ("ET",)
    assert d.lead_phone() == "01632 960001"
    assert d.channels_on("slack").watch_detected is True
    assert d.lead_unreachable_minutes == 15.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            GOOD.replace("  name: Example Trust\n", ""), ":1: missing required field 'name'", id="no-org-name"
        ),
        pytest.param(GOOD.split("safeguard_leads")[0], "must list at least one Safeguard Lead", id="no-leads"),
        pytest.param(GOOD + "colour: blue\n", ":11: unknown key 'colour'", id="unknown-top-key"),
        pytest.param(GOOD.replace("aliases: [ET]", "aliases: ET"), ":3: 'aliases' must be a list", id="not-a-list"),
        pytest.param(
            GOOD + "escalation:\n  retention_days: -1\n",
            ":12: 'retention_days' must be a whole number from 1 to 3650",
            id="bad-number",
        ),
        pytest.param(
            GOOD + "escalation:\n  retention_days: 100000000\n",
            ":12: 'retention_days' must be a whole number from 1 to 3650",
            id="retention-overflows-dates",
        ),
        pytest.param(
            GOOD + "escalation:\n  retention_days: .nan\n",
            ":12: 'retention_days' must be a whole number from 1 to 3650",
            id="retention-nan",
        ),
        pytest.param(
            GOOD + "escalation:\n  retention_days: 30.5\n",
            ":12: 'retention_days' must be a whole number from 1 to 3650",
            id="retention-fraction",
        ),
        pytest.param(
            GOOD + "escalation:\n  lead_unreachable_minutes: .inf\n",
            ":12: 'lead_unreachable_minutes' must be a number from 0 to 10080",
            id="unreachable-infinite",
        ),
        pytest.param(
            GOOD.replace('phone: "01632 960001"', 'phone: "call reception"')
            .replace("    slack: U123\n", "")
            .replace('    discord: "42"\n', ""),
            ":7: Safeguard Lead 1 cannot be reached: the phone has no number in it, and there is no slack or "
            "discord id",
            id="lead-phone-not-a-number",
        ),
        pytest.param(
            GOOD.replace('phone: "01632 960001"', "email: pat@example.org")
            .replace("    slack: U123\n", "")
            .replace('    discord: "42"\n', ""),
            ":6: Safeguard Lead 1 cannot be reached: give a slack or discord id, or a phone number",
            id="lead-with-email-only",
        ),
        pytest.param(GOOD + "channels:\n  teams: {}\n", ":12: unknown platform 'teams'", id="unknown-platform"),
        pytest.param(
            GOOD + "moderation:\n  notify_lead_with_attendee: [phone, gossip]\n",
            ":12: unknown finding kind 'gossip'",
            id="bad-kind",
        ),
        pytest.param("- just a list\n", "must be a mapping", id="not-a-mapping"),
    ],
)
def test_each_problem_names_file_line_and_what_is_wrong(tmp_path: Path, text: str, expected: str) -> None:
    """Every kind of mistake gives a message with the file, the line and the problem."""
    path = write(tmp_path, text)
    found = problems_of(path)
    assert any(p.startswith(str(path)) and expected in p for p in found), found


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    """An admin fixes all problems in one go rather than one per start-up."""
    text = GOOD.replace("aliases: [ET]", "aliases: ET") + "colour: blue\n"
    assert len(problems_of(write(tmp_path, text))) == 2


def test_roster_can_live_in_a_separate_file(tmp_path: Path) -> None:
    """attendees_file keeps children's names out of the deployment file (YAML list or plain lines)."""
    write(tmp_path, "- Ben Roster\n- Cara Roster\n", "roster.yaml")
    write(tmp_path, "# one per line\nDee Roster\n\nEli Roster  # comment\n", "roster.txt")
    d = load_deployment(write(tmp_path, GOOD + "attendees_file: roster.yaml\n"))
    assert d.attendees == ("Ann Example", "Ben Roster", "Cara Roster")
    d = load_deployment(write(tmp_path, GOOD + "attendees_file: roster.txt\n"))
    assert d.attendees[1:] == ("Dee Roster", "Eli Roster")


def test_missing_roster_file_is_reported(tmp_path: Path) -> None:
    """A roster file that cannot be read stops start-up with its name."""
    found = problems_of(write(tmp_path, GOOD + "attendees_file: missing.txt\n"))
    assert any("cannot read roster file" in p and "missing.txt" in p for p in found)


def test_broken_roster_yaml_names_the_roster_file(tmp_path: Path) -> None:
    """A YAML error inside the roster file points at the roster file, not the deployment."""
    roster = write(tmp_path, "- Ann\n- [broken\n", "roster.yaml")
    found = problems_of(write(tmp_path, GOOD + "attendees_file: roster.yaml\n"))
    assert any(p.startswith(str(roster)) for p in found)


def test_retention_bounds_are_accepted(tmp_path: Path) -> None:
    """The ends of the documented ranges load: 1..3650 days, 0..10080 minutes."""
    for days, minutes in ((1, 0), (3650, 10080)):
        text = GOOD + f"escalation:\n  retention_days: {days}\n  lead_unreachable_minutes: {minutes}\n"
        d = load_deployment(write(tmp_path, text))
        assert (d.retention_days, d.lead_unreachable_minutes) == (days, minutes)


def notes_of(path: Path) -> list[str]:
    return [str(n) for n in load_deployment(path).notes]


def test_first_names_only_roster_is_a_warning_that_says_nothing_will_be_found(tmp_path: Path) -> None:
    """A roster of first names loads, with one note saying moderation will find no attendee; no name is quoted."""
    path = write(tmp_path, GOOD.replace("attendees: [Ann Example]", "attendees:\n  - Ann\n  - Ben\n"))
    [note] = notes_of(path)
    assert note.startswith(f"{path}:11: every attendee name is a first name only")
    assert "find no attendee at all" in note and "Ann" not in note


def test_some_one_word_names_are_counted_with_their_lines(tmp_path: Path) -> None:
    """One-word names in a roster file are listed by line, not by name."""
    roster = write(tmp_path, "Anna Other\nBen\n\nCara Roster\nDee\n", "roster.txt")
    [note] = notes_of(write(tmp_path, GOOD + "attendees_file: roster.txt\n"))
    assert note == (
        f"{roster}:2: 2 attendee name(s) are one word only (line(s) 2, 5): moderation recognises a first name "
        "with a surname, so it will not find these (add surnames)"
    )


def test_duplicate_names_are_a_warning_across_files(tmp_path: Path) -> None:
    """The same child twice (any case or spacing), inline and in the roster file, is noted with both places."""
    deployment = tmp_path / "deployment.yaml"
    write(tmp_path, "- Cara Roster\n- ann  EXAMPLE\n", "roster.yaml")
    notes = notes_of(write(tmp_path, GOOD + "attendees_file: roster.yaml\n"))
    assert notes == [f"{tmp_path / 'roster.yaml'}:2: attendee name repeated (first at {deployment}:10)"]


def test_a_phone_with_no_number_is_a_warning_when_the_lead_has_an_id(tmp_path: Path) -> None:
    """A lead reachable on a platform loads, but "call reception" is no number to give a reporter."""
    path = write(tmp_path, GOOD.replace('phone: "01632 960001"', 'phone: "call reception"'))
    notes = notes_of(path)
    assert f"{path}:9: the phone of Safeguard Lead 1 has no number in it" in notes[0]
    assert notes[1].startswith(f"{path}:5: no Safeguard Lead has a phone number")


def test_example_deployment_is_valid() -> None:
    """The demo deployment the console uses out of the box loads."""
    from bot.settings import DEFAULT_DEPLOYMENT

    assert load_deployment(DEFAULT_DEPLOYMENT).safeguard_leads
