"""Questions in the console, as a person at a terminal uses it, and ``python -m bot export-learned``."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from bot.deployment import load_deployment
from bot.settings import ROOT
from tests.conftest import FIXTURES
from tests.test_console import console_env, run_console

HELD_BACK = "can I sell my sofa to a mum from the club on marketplace"


def test_a_question_in_a_shared_channel_is_moderated_and_answered_privately(tmp_path: Path) -> None:
    """ "@bot" with an attendee's name and a number in #shared: a private warning, the lead alerted, a private answer,
    and nothing the bot says appears in the channel."""
    out = run_console(tmp_path, ["/join shared", "@bot Amelia Hart gave me her number 07700 900123 can I text her"])
    assert "[only volunteer sees this, in #shared] bot: Please edit or delete your post" in out
    assert "[direct message to Karen Double] bot: Moderation alert" in out
    answer = out.split("[only volunteer sees this, in #shared] bot: ")[2]
    assert "Helpful: /helpful q" in answer
    assert "bot in #shared:" not in out


def test_hand_off_answer_teach_and_export_in_the_console(tmp_path: Path) -> None:
    """A volunteer asks the lead; the lead answers and teaches; the held-back wording then gets the clause."""
    db = tmp_path / "console.db"
    lead = load_deployment(FIXTURES / "deployment.yaml").safeguard_leads[0].name
    out = run_console(
        tmp_path,
        [
            HELD_BACK,
            "/ask-lead a parent wants to buy my old bike through facebook marketplace",
            "/as lead",
            "/answer Q-2026-0001 Better not: keep to the boundaries in the policy.",
            "/teach Q-2026-0001 6.9",
            "/stats",
            "/as volunteer",
            HELD_BACK,
        ],
        SAFEGUARDING_CONSOLE_DB=str(db),
    )
    first = out.partition("/ask-lead")[0]
    assert "Not covered by the policy" in first
    assert "Your question went privately to the Safeguard Lead (Karen Double) as Q-2026-0001" in out
    assert f"[direct message to {lead}] bot: Policy question Q-2026-0001" in out
    assert "[direct message to volunteer] bot: Answer to your question Q-2026-0001" in out
    assert "Better not: keep to the boundaries" in out
    assert "Learned: 6.9 " in out
    assert re.search(r"Questions asked: 2 in 7 days · 2 in 30 days", out)
    last = out.rsplit("bot: ", 1)[1]
    assert "6.9 · " in last

    env = console_env(tmp_path, SAFEGUARDING_DB=str(db))
    done = subprocess.run(
        [sys.executable, "-m", "bot", "export-learned", "--policy", "social-media"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    exported = yaml.safe_load(done.stdout)
    assert exported == [
        {
            "policy": "social-media",
            "file": str(ROOT / "knowledge" / "social-media-policy.yaml"),
            "clauses": [{"id": "6.9", "asks": ["a parent wants to buy my old bike through facebook marketplace"]}],
        }
    ]
    unknown = subprocess.run(
        [sys.executable, "-m", "bot", "export-learned", "--policy", "nope"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
        check=False,
    )
    assert unknown.returncode == 2 and "no policy 'nope'" in unknown.stderr
