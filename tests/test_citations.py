"""Clauses cited by moderation warnings and report categories are knowledge: a policy file's ``cites:``.

The loader refuses a ``cites:`` that names an unknown kind or category, or a
clause its policy lacks; ``check`` says so with file and line. Change the
numbers in the YAML and the warnings change; remove them and the bot still
warns and reports, in plain words with no clause numbers.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest

from bot.actions import Action, DirectMessage, PrivateNotice
from bot.app import build_features
from bot.citations import Citations
from bot.cli import main
from bot.core import Core
from bot.deployment import Deployment
from bot.events import Attachment, ChannelKind, MessagePosted
from bot.guidance.loader import read_policies, read_policy
from bot.moderation import WarningStore, warning_card
from bot.reports.store import CaseStore
from bot.settings import Settings
from bot.yamlfile import ConfigError
from tests.conftest import FIXTURES, ROOT
from tests.escalation_support import LEAD, command, origin, report
from tests.fakes import FakeAdapter

CITES = FIXTURES / "cites"
KNOWLEDGE = ROOT / "knowledge"
SHIPPED_YAML = KNOWLEDGE / "social-media-policy.yaml"
CLAUSE_NUMBER = re.compile(r"\b\d+\.\d+\b")
POST = "Amelia Hart can ring me on 07700 900123"  # an attendee and a phone: the author is warned, the lead alerted


def line_of(path: Path, text: str) -> int:
    """The 1-based line of ``path`` that contains ``text`` (exactly one must)."""
    [line] = [n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in row]
    return line


def problems(path: Path) -> list[str]:
    with pytest.raises(ConfigError) as info:
        read_policies(path)
    return [str(p) for p in info.value.problems]


def knowledge_copy(tmp_path: Path, edit: tuple[str, str] | None = None, *, cites: bool = True) -> Path:
    """A copy of the shipped knowledge folder; ``edit`` replaces one exact line part, ``cites=False`` drops cites."""
    folder = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, folder)
    path = folder / SHIPPED_YAML.name
    text = path.read_text(encoding="utf-8")
    if edit:
        assert text.count(edit[0]) == 1, edit[0]
        text = text.replace(edit[0], edit[1])
    if not cites:
        text, dropped = re.subn(r"(?ms)^(# Which clauses[^\n]*\n)?cites:\n.*?(?=^sections:)", "", text)
        assert dropped == 1
    path.write_text(text, encoding="utf-8")
    return folder


# --- the loader ---------------------------------------------------------------------------------------------------


def test_a_policy_carries_its_cites_read_only() -> None:
    """``cites`` is read into the policy as it is written, and cannot be changed afterwards."""
    policy = read_policy(CITES / "good.yaml")
    assert dict(policy.cites["moderation"]) == {"phone": ("1.1",), "image": ("1.1", "2.1")}
    assert dict(policy.cites["reports"]) == {"indecent-images": ("2.1",)}
    with pytest.raises(TypeError):
        policy.cites["moderation"]["email"] = ("1.2",)  # type: ignore[index]
    with pytest.raises(TypeError):
        policy.cites["reports"] = {}  # type: ignore[index]


def test_a_policy_without_cites_has_an_empty_mapping(tmp_path: Path) -> None:
    """``cites`` is optional: without it the policy cites nothing."""
    [policy] = read_policies(knowledge_copy(tmp_path, cites=False))
    assert dict(policy.cites) == {}


@pytest.mark.parametrize(
    ("name", "marker", "message"),
    [
        pytest.param(
            "unknown-kind.yaml",
            "telephone:",
            "unknown finding kind 'telephone' in 'cites: moderation' "
            "(one of: organisation, attendee, phone, email, address, image)",
            id="unknown-kind",
        ),
        pytest.param(
            "unknown-category.yaml",
            "bullying:",
            "unknown report category 'bullying' in 'cites: reports' (one of: attendee-concern, cyberbullying, "
            "radicalisation, indecent-images, contact-outside-protocol, other)",
            id="unknown-category",
        ),
        pytest.param(
            "missing-clause.yaml",
            '"6.14"',
            "'cites: moderation: image' names clause '6.14', which this policy does not have",
            id="missing-clause",
        ),
    ],
)
def test_a_bad_cite_is_refused_with_file_and_line(name: str, marker: str, message: str) -> None:
    """Each mistake in ``cites`` is one problem, at the line where it is written."""
    path = CITES / name
    assert problems(path) == [f"{path}:{line_of(path, marker)}: {message}"]


def test_values_that_are_not_lists_are_refused() -> None:
    """A clause id where a list belongs, and a list where a mapping belongs, are both reported."""
    path = CITES / "not-a-list.yaml"
    assert problems(path) == [
        f"{path}:{line_of(path, 'phone:')}: 'cites: moderation: phone' must be a list of clause ids of this policy",
        f"{path}:{line_of(path, 'reports:')}: 'cites: reports' must map each report category to a list of clause ids",
    ]


def test_a_clause_of_another_policy_does_not_count(tmp_path: Path) -> None:
    """Cites name the policy's own clauses: 6.14 of the shipped policy does not make the phones policy's 6.14."""
    folder = knowledge_copy(tmp_path)
    shutil.copy(CITES / "missing-clause.yaml", folder / "phones.yaml")
    line = line_of(CITES / "missing-clause.yaml", '"6.14"')
    assert [p for p in problems(folder) if "6.14" in p] == [
        f"{folder / 'phones.yaml'}:{line}: "
        "'cites: moderation: image' names clause '6.14', which this policy does not have"
    ]


# --- python -m bot check ------------------------------------------------------------------------------------------


def check(capsys: pytest.CaptureFixture[str], knowledge: Path) -> tuple[int, str, str]:
    code = main(["check", "--knowledge", str(knowledge), "--deployment", str(FIXTURES / "deployment.yaml")])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", ["unknown-kind.yaml", "unknown-category.yaml", "missing-clause.yaml"])
def test_check_prints_each_bad_cite_as_file_line_problem(capsys: pytest.CaptureFixture[str], name: str) -> None:
    """``check`` fails and prints ``error: file:line: problem`` for a bad cite."""
    path = CITES / name
    code, _, err = check(capsys, path)
    [error] = [line for line in err.splitlines() if line.startswith("error:")]
    assert code == 1 and re.fullmatch(rf"error: {re.escape(str(path))}:\d+: .*'cites: .*", error), err
    assert "check: 1 problem(s) found" in err


def test_check_summarises_what_is_cited(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """With a second policy citing for two kinds, the summary names both policies and what is left uncited."""
    folder = knowledge_copy(tmp_path)
    shutil.copy(CITES / "good.yaml", folder / "phones.yaml")
    code, out, _ = check(capsys, folder)
    assert code == 0 and "check: all good" in out
    assert "citations: moderation warnings cite social-media, phones for 6 of 6" in out
    assert "citations: report categories cite social-media, phones for 6 of 6" in out


def test_check_without_moderation_cites_is_informational(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A knowledge base that cites nothing for moderation is legitimate: a summary line, not a problem."""
    text = (CITES / "good.yaml").read_text(encoding="utf-8")
    text, dropped = re.subn(r"(?ms)^  moderation:\n.*?(?=^  reports:)", "", text)
    assert dropped == 1
    (tmp_path / "phones.yaml").write_text(text, encoding="utf-8")
    code, out, err = check(capsys, tmp_path)
    assert code == 0 and "check: all good" in out and "error" not in err
    assert "citations: no loaded policy cites clauses for moderation warnings; they will name no clause number" in out
    assert "citations: report categories cite phones for 1 of 6 (none for: attendee-concern, cyberbullying" in out


def test_scan_jsonl_keeps_its_shape_with_clauses_from_the_knowledge(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`scan --jsonl` still writes kinds and findings with clauses; the clauses are the knowledge's."""
    line = json.dumps({"text": "ring me on 07700 900123", "images": 1}) + "\n"
    answers = []
    for knowledge in (KNOWLEDGE, knowledge_copy(tmp_path, ('    image: ["6.14"]', '    image: ["6.13"]'))):
        monkeypatch.setattr("sys.stdin", io.StringIO(line))
        args = ["scan", "--jsonl", "--deployment", str(FIXTURES / "deployment.yaml"), "--knowledge", str(knowledge)]
        assert main(args) == 0
        answers.append(json.loads(capsys.readouterr().out))
    assert answers[0] == {
        "kinds": ["phone", "image"],
        "findings": [
            {"kind": "phone", "start": 11, "end": 23, "clauses": ["5.1", "6.1"]},
            {"kind": "image", "start": 0, "end": 0, "clauses": ["6.14"]},
        ],
    }
    assert answers[1]["findings"][1]["clauses"] == ["6.13"]


# --- combining several policies -----------------------------------------------------------------------------------


def test_several_policies_citing_one_kind_are_combined_with_their_ids(tmp_path: Path) -> None:
    """Both policies' clauses are kept, each with its policy, and the warning names each policy by title."""
    folder = knowledge_copy(tmp_path)
    shutil.copy(CITES / "good.yaml", folder / "phones.yaml")
    citations = Citations.from_policies(read_policies(folder))
    assert [(c.policy, c.clauses) for c in citations.cites_for_kind("phone")] == [
        ("phones", ("1.1",)),
        ("social-media", ("5.1", "6.1")),
    ]
    assert citations.for_kind("phone") == ("1.1", "5.1", "6.1")
    assert citations.for_kind("organisation") == ("6.15",)
    assert citations.for_category("indecent-images") == ("2.1", "7.1")
    text, card = warning_card(["phone", "image"], citations)
    assert "a telephone number (Mobile Phone Policy 1.1; Social Media Policy 5.1, 6.1)" in text
    assert card.fields == (("Policy", "Mobile Phone Policy 1.1, 2.1; Social Media Policy 5.1, 6.1, 6.14"),)


# --- the running bot, built from a knowledge folder -----------------------------------------------------------------


class Rig:
    """The bot's real features, built by the app from ``knowledge``, on a fake platform."""

    def __init__(self, knowledge: Path, deployment: Deployment, store: CaseStore) -> None:
        self.adapter = FakeAdapter()
        features = build_features(Settings(knowledge_dir=knowledge), deployment, store)
        self.core = Core(features, self.adapter.perform, deployment)

    async def post(self, text: str, images: int = 0) -> list[Action]:
        event_origin = origin("U7", "C9", ChannelKind.SHARED)
        attachments = tuple(Attachment(f"p{i}.jpg", True) for i in range(images))
        return await self.core.handle(MessagePosted(event_origin, text, attachments, permalink="https://x.test/1"))

    async def warning_and_alert(self, text: str, images: int = 0) -> tuple[PrivateNotice, DirectMessage]:
        actions = await self.post(text, images)
        [notice] = [a for a in actions if isinstance(a, PrivateNotice)]
        [alert] = [a for a in actions if isinstance(a, DirectMessage)]
        return notice, alert

    async def report(self, text: str) -> tuple[PrivateNotice, DirectMessage]:
        actions = await self.core.handle(report(text))
        [ack] = [a for a in actions if isinstance(a, PrivateNotice)]
        [to_lead] = [a for a in actions if isinstance(a, DirectMessage)]
        return ack, to_lead


async def test_warning_cites_the_clauses_in_the_yaml(tmp_path: Path, deployment: Deployment, store: CaseStore) -> None:
    """Change the phone's clauses in the YAML and the warning, the alert and the record change with them."""
    shipped = Rig(KNOWLEDGE, deployment, store)
    notice, _ = await shipped.warning_and_alert(POST)
    assert "a telephone number (policy 5.1, 6.1)" in notice.text
    edited = Rig(
        knowledge_copy(tmp_path, ('    phone: ["5.1", "6.1"]', '    phone: ["6.2", "6.3"]')), deployment, store
    )
    notice, alert = await edited.warning_and_alert(POST, images=1)
    assert "a telephone number (policy 6.2, 6.3)" in notice.text
    assert "a photo or other image (policy 6.14)" in notice.text
    assert "Policy clauses: 6.2, 6.3, 6.4, 6.5, 6.14, 6.18" in notice.text and "5.1" not in notice.text
    assert alert.card is not None and ("Policy", "6.2, 6.3, 6.4, 6.5, 6.14, 6.18") in alert.card.fields
    [record] = await WarningStore(store.db).recent_warnings(1)
    assert record.clauses == ("6.2", "6.3", "6.4", "6.5", "6.14", "6.18")


async def test_report_category_cites_the_clauses_in_the_yaml(
    tmp_path: Path, deployment: Deployment, store: CaseStore
) -> None:
    """Change a category's clause in the YAML and the acknowledgement and the lead's message change with it."""
    rig = Rig(
        knowledge_copy(tmp_path, ('    cyberbullying: ["8.5"]', '    cyberbullying: ["8.2", "8.5"]')), deployment, store
    )
    ack, to_lead = await rig.report("bullying: comments under the match photos")
    assert "(Cyberbullying or trolling (policy 8.2, 8.5))" in ack.text
    assert "Category: Cyberbullying or trolling (policy 8.2, 8.5)" in to_lead.text


async def test_without_cites_the_bot_still_warns_and_reports_in_plain_words(
    tmp_path: Path, deployment: Deployment, store: CaseStore
) -> None:
    """A knowledge base with no ``cites`` warns, alerts and reports as before, naming no clause and no "policy"."""
    rig = Rig(knowledge_copy(tmp_path, cites=False), deployment, store)
    notice, alert = await rig.warning_and_alert(POST, images=1)
    assert (
        "Your post in #name-of-C9 contains:\n• the name of a child or young person who attends\n• a telephone number\n"
        in notice.text
    )
    assert "• a photo or other image\n\nPlease edit the post" in notice.text
    assert "\n\nOnly you can see this message." in notice.text and "Policy clauses" not in notice.text
    assert notice.card is not None and notice.card.fields == ()
    assert alert.card is not None and [name for name, _ in alert.card.fields] == [
        "Who",
        "Where",
        "When",
        "Found",
        "Link",
        "Files",  # the photo, by name only: never fetched
    ]
    [record] = await WarningStore(store.db).recent_warnings(1)
    assert record.clauses == ()

    ack, to_lead = await rig.report("bullying: comments under the match photos")
    assert re.search(r"recorded as SG-\d{4}-\d{4} \(Cyberbullying or trolling\)\. ", ack.text), ack.text
    assert "Category: Cyberbullying or trolling\n" in to_lead.text
    [help_notice] = await rig.core.handle(report("   "))
    assert "  cyberbullying (or bullying, trolling): Cyberbullying or trolling\n" in help_notice.text
    [warnings] = await rig.core.handle(command("warnings", user=LEAD))
    assert "attendee, phone, image; warning delivered" in warnings.text

    for said in (notice.text, alert.text, ack.text, to_lead.text, help_notice.text, warnings.text):
        assert not CLAUSE_NUMBER.search(said), said
        assert "policy" not in said.lower().replace("breach of the policy", ""), said
