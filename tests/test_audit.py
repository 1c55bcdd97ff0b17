"""The policy audit: ``python -m bot audit`` and ``/audit`` on the shipped policy, a clean one, and the data files."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.actions import PrivateNotice, Reply
from bot.app import build_features
from bot.audit import Auditor, AuditReport, load_audit_data
from bot.audit.feature import AuditFeature
from bot.audit.references import ReferenceMatcher, replacement
from bot.audit.vocabulary import SHIPPED
from bot.cli import main
from bot.core import REFUSAL
from bot.deployment import Deployment, SafeguardLead, load_deployment
from bot.guidance.loader import read_policies
from bot.reports import CaseStore
from bot.settings import Settings
from tests.conftest import FIXTURES, ROOT, SHARED
from tests.escalation_support import LEAD, command
from tests.fakes import FakePlatform
from tests.test_knowledge_is_data import organisation_names

KNOWLEDGE = ROOT / "knowledge"
CLEAN = FIXTURES / "audit" / "clean"
DEPLOYMENT = FIXTURES / "deployment.yaml"
TODAY = date(2026, 12, 2)
FINDING_KEYS = {"policy", "title", "file", "line", "clause", "clauses", "check", "severity", "message", "details"}


@pytest.fixture(scope="module")
def auditor() -> Auditor:
    return Auditor(load_audit_data(KNOWLEDGE))


@pytest.fixture(scope="module")
def shipped(auditor: Auditor) -> AuditReport:
    return auditor.audit(read_policies(KNOWLEDGE), TODAY, load_deployment(DEPLOYMENT))


def by_check(report: AuditReport, check: str) -> list:
    return [f for f in report.findings if f.check == check]


# --- the shipped Social Media Policy ---------------------------------------------------------------------------------


def test_shipped_review_date_has_passed_and_for_how_long(shipped: AuditReport) -> None:
    """April 2024 ended 31 months before 2 December 2026: an error, saying how long ago."""
    (overdue,) = by_check(shipped, "review-overdue")
    assert overdue.severity == "error" and overdue.clauses == ()
    assert "(April 2024) passed 2 years and 7 months ago" in overdue.message
    assert overdue.details["days_overdue"] == (TODAY - date(2024, 4, 30)).days


def test_shipped_replaced_legislation_and_guidance(shipped: AuditReport) -> None:
    """DPA 1998 at 6.18 and 6.19; KCSIE September 2022 and the Prevent guidance of June 2015 at 1.4."""
    found = {(f.clause, f.details["reference"], f.details["edition"]) for f in by_check(shipped, "replaced-reference")}
    assert found == {
        ("6.18", "Data Protection Act", 1998),
        ("6.19", "Data Protection Act", 1998),
        ("1.4", "Keeping Children Safe in Education", 2022),
        ("1.4", "Prevent duty guidance", 2015),
    }
    messages = {f.clause + f.details["reference"]: f.message for f in by_check(shipped, "replaced-reference")}
    assert messages["6.18Data Protection Act"].startswith(
        "Clause 6.18 cites the Data Protection Act 1998, replaced by the Data Protection Act 2018 and the UK GDPR "
        "in May 2018."
    )
    kcsie = messages["1.4Keeping Children Safe in Education"]
    assert "Keeping Children Safe in Education (September 2022), replaced by the 2023 edition" in kcsie
    assert "The latest edition listed in the audit's references is 2025" in kcsie
    assert "31 December 2023" in messages["1.4Prevent duty guidance"]
    assert {f.severity for f in by_check(shipped, "replaced-reference")} == {"warning"}


def test_shipped_roles_are_grouped_and_their_differences_flagged(shipped: AuditReport) -> None:
    """The Managing Director (6.24), Safeguard Lead (9.4), session lead (7.3), Founder/Director as DSL (3.4) and
    Lead or Deputy Lead (6.2): one warning naming all five, grouped by what staff are told to do."""
    (differ,) = by_check(shipped, "contacts-differ")
    assert differ.severity == "warning"
    assert {"6.24", "9.4", "7.3", "3.4", "6.2"} <= set(differ.clauses)
    assert "names 3 different people to report to" in differ.message
    for named in (
        "the Managing Director (4, 6.24, 7.1, 8.5)",
        "the Safeguard Lead (7.1, 9.4)",
        "the session lead (7.3)",
        "managed by the Founder/Director (also Designated Safeguard Lead) (3.4)",
        "agree with the Lead or Deputy Lead (6.2)",
    ):
        assert named in differ.message
    groups = {(g["group"], g["name"]): g["clauses"] for g in differ.details["groups"]}
    assert groups[("report to", "Managing Director")] == ["4", "6.24", "7.1", "8.5"]
    assert groups[("report to", "Safeguard Lead")] == ["7.1", "9.4"]  # 7.1: "the Managing Director/Safeguard Lead"
    assert groups[("agree with", "Lead or Deputy Lead")] == ["6.2"]
    assert groups[("report to", "LADO")] == ["3.4"]  # outside agencies are listed, never counted as a difference


def test_shipped_roles_compared_with_the_deployments_leads(shipped: AuditReport, auditor: Auditor) -> None:
    """The Managing Director and the session lead are not Safeguard Leads in the deployment; the DSL is by title.
    Giving the lead the title in the deployment file settles it for that title."""
    names = {f.details["name"]: f for f in by_check(shipped, "contact-not-a-lead")}
    assert set(names) == {"Managing Director", "session lead"}
    assert names["Managing Director"].clauses == ("4", "6.24", "7.1", "8.5")
    assert "no Safeguard Lead in the deployment file has that title" in names["Managing Director"].message
    deployment = load_deployment(DEPLOYMENT)
    titled = replace(deployment.safeguard_leads[0], titles=("Managing Director",))
    report = auditor.audit(read_policies(KNOWLEDGE), TODAY, replace(deployment, safeguard_leads=(titled,)))
    assert {f.details["name"] for f in by_check(report, "contact-not-a-lead")} == {"session lead"}
    assert by_check(auditor.audit(read_policies(KNOWLEDGE), TODAY, None), "contact-not-a-lead") == []


def test_shipped_references_to_policies_not_loaded_and_numbering_gaps(shipped: AuditReport) -> None:
    """1.3 names five other policies, none loaded (notes); 6.22-6.23 and 11.1-11.2 are missing (notes)."""
    documents = {f.details["document"]: f.clauses for f in by_check(shipped, "missing-policy")}
    for name in ("Safeguarding Children and Adults Policy", "Mobile Phone Policy", "Employee Handbook"):
        assert "1.3" in documents[name]
    assert {"Disciplinary Policy", "Equality Policy", "Whistleblowing Policy"} <= set(documents)
    assert "Social Media Policy" not in documents  # itself
    gaps = [f.details["missing"] for f in by_check(shipped, "numbering-gap")]
    assert gaps == [["6.22", "6.23"], ["11.1", "11.2"]]
    assert {f.severity for f in [*by_check(shipped, "missing-policy"), *by_check(shipped, "numbering-gap")]} == {"note"}


def test_a_clause_pointing_at_one_that_does_not_exist(auditor: Auditor, tmp_path: Path) -> None:
    """ "see section 11" and "clause 6.30" where there are none: warnings; another Act's sections are left alone."""
    text = (CLEAN / "online-safety-policy.yaml").read_text(encoding="utf-8")
    text = text.replace("clause 2.2 in particular", "clause 2.9 in particular, and see section 11")
    act = "under section 26 of the Counter-Terrorism and Security Act 2015"
    text = text.replace("receives every", f"{act} receives every")
    (tmp_path / "policy.yaml").write_text(text, encoding="utf-8")
    report = auditor.audit(read_policies(tmp_path), TODAY)
    assert [(f.clause, f.details["refers_to"]) for f in by_check(report, "missing-clause")] == [
        ("1.2", "2.9"),
        ("1.2", "11"),
    ]


# --- citations, however a policy writes them -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reference", "year"),
    [
        ("information protected by the Data Protection Act 1998.", "Data Protection Act", 1998),
        ("under the DPA 1998", "Data Protection Act", 1998),
        ("under the DPA 98", "Data Protection Act", 1998),
        ("the data protection act, 1998", "Data Protection Act", 1998),
        ("read KCSIE September 2022", "Keeping Children Safe in Education", 2022),
        ("Keeping Children Safe in Education (2022)", "Keeping Children Safe in Education", 2022),
        ("KCSiE 2021 sets out", "Keeping Children Safe in Education", 2021),
        ("Keeping Children Safe in Education (1 September 2023)", "Keeping Children Safe in Education", 2023),
        ("Working Together to Safeguard Children 2018", "Working Together to Safeguard Children", 2018),
        ("Working Together (2015)", "Working Together to Safeguard Children", 2015),
        ("the Prevent duty guidance (2015)", "Prevent duty guidance", 2015),
        ("an enhanced CRB check", "Criminal Records Bureau", None),
        ("the Local Safeguarding Children Board", "Local Safeguarding Children Board", None),
    ],
)
def test_replaced_references_are_found_however_cited(text: str, reference: str, year: int | None) -> None:
    matcher = ReferenceMatcher(load_audit_data().references)
    found = [(c.reference.title, c.year) for c in matcher.citations(text) if replacement(c) is not None]
    assert found == [(reference, year)]


@pytest.mark.parametrize(
    "text",
    [
        "the Data Protection Act 2018 and the UK GDPR",
        "the Children Act 1989 and 2004",
        "the Equality Act 2010",
        "Working Together to Safeguard Children (2023)",
        "Section 26 of the Counter-Terrorism and Security Act 2015",
        "the Data Protection Act",  # no year: the policy does not say which
        "Keeping Children Safe in Education",
    ],
)
def test_current_references_are_not_findings(text: str) -> None:
    matcher = ReferenceMatcher(load_audit_data().references)
    assert [c.written for c in matcher.citations(text) if replacement(c) is not None] == []


def test_the_latest_edition_of_every_series_is_current() -> None:
    """Whatever editions the data lists, the newest of each is never reported as replaced."""
    references = load_audit_data().references
    matcher = ReferenceMatcher(references)
    for reference in references:
        for edition in reference.editions[-1:]:
            text = f"{reference.names[0]} {edition.year}"
            assert [c for c in matcher.citations(text) if replacement(c)] == [], text


# --- a clean policy, the command line, JSON ---------------------------------------------------------------------------


def test_a_clean_policy_has_no_findings_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    """Current references only, one route for concerns (the DSL or their deputy), a review date far ahead."""
    assert main(["audit", "--knowledge", str(CLEAN), "--deployment", str(DEPLOYMENT)]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith("audit: nothing to fix in 1 policy")
    assert "report to: DSL or Deputy DSL (2.2); police (2.2)" in out
    assert main(["audit", "--knowledge", str(CLEAN), "--deployment", str(DEPLOYMENT), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_the_shipped_policy_exits_1_with_every_finding_by_clause(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "--knowledge", str(KNOWLEDGE), "--deployment", str(DEPLOYMENT)]) == 1
    out = capsys.readouterr().out
    file = KNOWLEDGE / "social-media-policy.yaml"
    assert f"  error: {file}: The review date (April 2024) passed" in out
    for clause in ("6.18", "6.19", "1.4"):
        assert re.search(rf"  warning: {re.escape(str(file))}:\d+: Clause {re.escape(clause)} cites ", out)
    assert "    report to: police (3.4); LADO (3.4); Managing Director (4, 6.24, 7.1, 8.5)" in out
    assert re.search(r"audit: 1 error, \d+ warnings, \d+ notes in 1 policy\n$", out)


def test_the_exit_status_follows_the_most_serious_finding(capsys: pytest.CaptureFixture[str]) -> None:
    """Before the review date, the shipped policy has warnings but no error: exit 0, unless --fail-on warning."""
    args = ["audit", "--knowledge", str(KNOWLEDGE), "--deployment", str(DEPLOYMENT)]
    assert main([*args, "--on", "2024-03-01"]) == 0
    assert "The review is due by the end of April 2024, in 60 days." in capsys.readouterr().out
    assert main([*args, "--on", "2024-03-01", "--fail-on", "warning"]) == 1
    assert main([*args, "--on", "2024-05-01"]) == 1  # the day after the review month
    assert main([*args, "--on", "next tuesday"]) == 2


def test_json_is_a_list_of_findings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "--knowledge", str(KNOWLEDGE), "--deployment", str(DEPLOYMENT), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert isinstance(findings, list) and findings
    for finding in findings:
        assert set(finding) == FINDING_KEYS
        assert finding["severity"] in {"error", "warning", "note"}
        assert finding["policy"] == "social-media" and finding["title"] == "Social Media Policy"
        assert isinstance(finding["clauses"], list) and finding["clause"] == (finding["clauses"] or [""])[0]
        assert isinstance(finding["line"], int) and isinstance(finding["details"], dict)
    assert findings[0]["check"] == "review-overdue"  # the most serious first
    dpa = [f for f in findings if f["clause"] == "6.18"]
    assert dpa[0]["details"]["replaced_by"] == "the Data Protection Act 2018 and the UK GDPR"


@pytest.mark.parametrize("folder", [SHARED / "eval" / "portability" / "policies", FIXTURES / "portability"])
def test_the_portability_policies_are_audited(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Policies nobody tuned the audit for: it runs, and their one route (the DSL or the Deputy) is no finding."""
    if not folder.exists():
        pytest.skip("no ../shared beside the project")
    assert main(["audit", "--knowledge", str(folder), "--deployment", str(DEPLOYMENT), "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)
    # the fixtures also hold the policies of sealed sets 2 and 4, which name other people to report to (a health and
    # safety lead, a complaints officer): the audit runs on them and says so, as it should
    unseen = [f for f in findings if f["policy"] in {"health-safety", "trips", "complaints"}]
    assert all(set(f) == FINDING_KEYS for f in unseen)
    assert not unseen or "contacts-differ" in {f["check"] for f in unseen}
    findings = [f for f in findings if f not in unseen]
    assert {f["policy"] for f in findings} <= {"safeguarding", "data-protection"}
    assert not [f for f in findings if f["check"] in {"contacts-differ", "contact-not-a-lead", "replaced-reference"}]
    assert main(["audit", "--knowledge", str(folder)]) == 0
    assert "report to: DSL or Deputy (2.2" in capsys.readouterr().out


# --- /audit through the core ------------------------------------------------------------------------------------------


@pytest.fixture
def platform(auditor: Auditor) -> FakePlatform:
    deployment = load_deployment(DEPLOYMENT)
    feature = AuditFeature(auditor, tuple(read_policies(KNOWLEDGE)), deployment)
    return FakePlatform([feature], deployment)


async def test_a_lead_gets_the_findings_privately(platform: FakePlatform) -> None:
    (notice,) = await platform.core.handle(command("audit", user=LEAD))
    assert isinstance(notice, PrivateNotice) and notice.user_id == LEAD
    assert notice.card is not None and notice.card.title.startswith("Policy audit: 1 error, ")
    assert notice.card.colour == "danger"
    for text in (
        "Clause 6.18 cites the Data Protection Act 1998",
        "The review date (April 2024) passed",
        "the Mobile Phone Policy (1.3)",
        "missing from the numbering: 6.22 and 6.23; 11.1 and 11.2",
    ):
        assert text in notice.text and text in notice.card.body
    assert "not shown" not in notice.card.footer  # every finding of the shipped policy fits one message
    (reply,) = await platform.core.handle(command("audit", user=LEAD, dm=True))
    assert isinstance(reply, Reply) and reply.channel_id == f"D-{LEAD}"  # in the lead's own DM


async def test_a_member_gets_the_cores_refusal(platform: FakePlatform) -> None:
    (notice,) = await platform.core.handle(command("audit", user="U1"))
    assert isinstance(notice, PrivateNotice) and notice.text == REFUSAL and notice.card is None


async def test_audit_is_one_of_the_bots_commands(store: CaseStore, deployment: Deployment) -> None:
    """Built by the app like every feature: /audit answers a lead from the configured knowledge."""
    features = build_features(Settings(knowledge_dir=KNOWLEDGE), deployment, store)
    platform = FakePlatform(features, deployment)
    (notice,) = await platform.core.handle(command("audit", user=LEAD))
    assert isinstance(notice, PrivateNotice) and "Data Protection Act 1998" in notice.text


def test_a_long_audit_fits_a_chat_message(auditor: Auditor) -> None:
    """Twenty policies' findings: the card stops at a whole finding and says how many more there are."""
    policy = read_policies(KNOWLEDGE)[0]
    many = [replace(policy, id=f"p{i}") for i in range(20)]
    card = auditor.audit(many, TODAY).card()
    assert len(card.body) <= 3600 and card.footer.split(" ")[0].isdigit()
    assert "more finding(s) not shown here" in card.footer


# --- the data files ---------------------------------------------------------------------------------------------------


def test_the_shipped_data_names_no_organisation() -> None:
    for path in SHIPPED:
        text = path.read_text(encoding="utf-8").lower()
        assert [n for n in organisation_names() if re.search(rf"\b{re.escape(n)}\b", text)] == [], path


def knowledge_with(tmp_path: Path, audit_yaml: str) -> tuple[Path, Path]:
    folder = tmp_path / "knowledge"
    (folder / "audit").mkdir(parents=True)
    shutil.copy(CLEAN / "online-safety-policy.yaml", folder)
    data = folder / "audit" / "ours.yaml"
    data.write_text(audit_yaml, encoding="utf-8")
    return folder, data


def test_a_charity_extends_the_data_in_its_knowledge_folder(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """Its own references and titles in knowledge/audit/*.yaml; the policy loader does not take them for policies."""
    folder, _ = knowledge_with(
        tmp_path,
        "references:\n"
        "  - title: Children Act\n"  # replaces the shipped entry of that title
        "    names: [Children Act]\n"
        "    editions: [{year: 1989, replaced_by: the Children Act 2030, replaced: January 2031}, {year: 2004}]\n"
        "roles:\n"
        "  - {name: Youth Work Coordinator, kind: staff, says: [Youth Work Coordinator]}\n",
    )
    policy = folder / "online-safety-policy.yaml"
    policy.write_text(
        policy.read_text(encoding="utf-8").replace("to the DSL the same day", "to the Youth Work Coordinator"),
        encoding="utf-8",
    )
    assert [p.id for p in read_policies(folder)] == ["online-safety"]
    lead = SafeguardLead(name="A Lead", phone="01632 960000")
    deployment = replace(load_deployment(DEPLOYMENT), safeguard_leads=(lead,))
    report = Auditor(load_audit_data(folder)).audit(read_policies(folder), TODAY, deployment)
    checks = {(f.check, f.clause) for f in report.findings}
    assert ("replaced-reference", "1.1") in checks
    assert ("contact-not-a-lead", "2.2") in checks and ("contacts-differ", "2.2") in checks
    assert main(["check", "--knowledge", str(folder), "--deployment", str(DEPLOYMENT)]) == 0
    assert "audit: 14 references and 21 titles known" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("audit_yaml", "line", "says"),
    [
        ("references:\n  - title: Old Act\n    names: [Old Act]\n    editions:\n      - year: nineteen\n", 5, "'year'"),
        ("roles:\n  - name: Chief Cook\n    kind: chef\n    says: [Chief Cook]\n", 3, "'kind' must be one of"),
        ("cues:\n  report to:\n    before: [tell\n", 4, "invalid YAML"),
        ("references:\n  - title: Old Act\n    nmes: [Old Act]\n", 3, "unknown key 'nmes'"),
    ],
)
def test_a_broken_data_file_is_reported_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], audit_yaml: str, line: int, says: str
) -> None:
    folder, data = knowledge_with(tmp_path, audit_yaml)
    assert main(["audit", "--knowledge", str(folder), "--deployment", str(DEPLOYMENT)]) == 2
    err = capsys.readouterr().err
    assert f"error: {data}:{line}: " in err and says in err
    assert main(["check", "--knowledge", str(folder), "--deployment", str(DEPLOYMENT)]) == 1
    assert f"error: {data}:{line}: " in capsys.readouterr().err


def test_a_lead_title_in_the_deployment_file(tmp_path: Path) -> None:
    """``titles:`` is a list of texts on a Safeguard Lead; anything else is an error with its line."""
    path = tmp_path / "deployment.yaml"
    path.write_text(
        "organisation: {name: Acme Youth}\n"
        "safeguard_leads:\n"
        "  - name: A Lead\n"
        "    phone: '01632 960000'\n"
        "    titles: [Managing Director, Founder/Director]\n",
        encoding="utf-8",
    )
    assert load_deployment(path).safeguard_leads[0].titles == ("Managing Director", "Founder/Director")
    path.write_text(path.read_text(encoding="utf-8").replace("[Managing Director, Founder/Director]", "{a: b}"))
    with pytest.raises(Exception, match=r"deployment.yaml:5: 'titles' must be a list"):
        load_deployment(path)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(codec="utf-8"), min_size=1, max_size=300).filter(str.strip))
def test_any_clause_text_is_audited_without_crashing(auditor: Auditor, text: str) -> None:
    """Whatever a clause says, the audit ends with well-formed findings, and JSON can carry them."""
    policy = read_policies(CLEAN)[0]
    clause = replace(policy.clauses[0], text=text)
    odd = replace(policy, clauses=(clause, *policy.clauses[1:]))
    report = auditor.audit([odd], TODAY, load_deployment(DEPLOYMENT))
    for finding in report.as_json():
        assert set(finding) == FINDING_KEYS and finding["severity"] in {"error", "warning", "note"}
    json.dumps(report.as_json())
    assert report.card().title.startswith("Policy audit: ")
