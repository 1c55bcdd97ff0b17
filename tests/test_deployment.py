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
            GOOD + "escalation:\n  retention_days: -1\n", ":12: 'retention_days' must be a number", id="bad-number"
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


def test_example_deployment_is_valid() -> None:
    """The demo deployment the console uses out of the box loads."""
    from bot.settings import DEFAULT_DEPLOYMENT

    assert load_deployment(DEFAULT_DEPLOYMENT).safeguard_leads
