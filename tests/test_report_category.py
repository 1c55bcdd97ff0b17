"""Category from the text: a report with no category is matched against the loaded policy (the guidance
library's public ``match``) and filed under the best clause's category, shown to the lead as suggested;
"Other breach" only when nothing matches. Which clause belongs to which category is knowledge (``cites``)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text, update

from bot.actions import DirectMessage
from bot.citations import Citations
from bot.deployment import Deployment
from bot.events import MessageReported
from bot.guidance import load_library
from bot.moderation import WarningStore
from bot.moderation.records import WarningRecord
from bot.reports.feature import EscalationFeature
from bot.reports.store import CaseStore
from bot.reports.suggest import CategorySuggester
from bot.storage.migrate import LATEST
from bot.storage.tables import allowed_values, schema_version
from tests.conftest import ROOT
from tests.escalation_support import command, opened, origin, reported_post, two_leads
from tests.fakes import FakePlatform

EXAMPLE = "a volunteer keeps messaging a young person on snapchat late at night"


@pytest.fixture(scope="module")
def library():
    return load_library(ROOT / "knowledge", ["LEAPS Suffolk"])


@pytest.fixture(scope="module")
def suggester(library) -> CategorySuggester:
    return CategorySuggester(library, Citations.from_policies(library.policies))


@pytest.mark.parametrize(
    ("words", "key"),
    [
        (EXAMPLE, "contact-outside-protocol"),  # the example: its best clause is cited for contact
        ("someone keeps posting nasty comments bullying one of the kids", "cyberbullying"),  # by its section
        ("one of the young people is sharing extremist videos", "radicalisation"),
        ("I saw indecent pictures of a child on a volunteer's phone", "indecent-images"),
        ("the wifi in the hall keeps dropping", ""),  # nothing matches: no suggestion
        ("", ""),
    ],
)
def test_the_best_clause_suggests_its_category(suggester: CategorySuggester, words: str, key: str) -> None:
    assert suggester.suggest(words) == key


def test_without_cites_nothing_is_suggested(library) -> None:
    """The mapping is knowledge: a library whose policies cite no clause for reports suggests nothing."""
    assert CategorySuggester(library, Citations()).suggest(EXAMPLE) == ""


def test_a_failing_matcher_loses_no_report(library) -> None:
    class Broken:
        def match(self, question: str, limit: int = 5) -> list:
            raise RuntimeError("matcher bug")

        def clause(self, policy_id: str, clause_id: str):
            return library.clause(policy_id, clause_id)

    assert CategorySuggester(Broken(), Citations.from_policies(library.policies)).suggest(EXAMPLE) == ""


@pytest.fixture
def platform(store: CaseStore, deployment: Deployment, citations: Citations, suggester) -> FakePlatform:
    leads = two_leads(deployment)
    feature = EscalationFeature(store, leads, citations=citations, suggest=suggester.suggest)
    return FakePlatform([feature], leads)


def to_lead(platform: FakePlatform) -> DirectMessage:
    return next(a for a in platform.actions if isinstance(a, DirectMessage) and "New safeguarding report" in a.text)


async def test_a_report_with_no_category_is_filed_as_suggested(platform: FakePlatform, store: CaseStore) -> None:
    await platform.core.handle(command("report", EXAMPLE))
    (case,) = await store.open_cases()
    assert (case.category, case.category_suggested) == ("contact-outside-protocol", True)
    assert "Category: Contact with an attendee outside agreed protocols" in to_lead(platform).text
    assert "suggested from the report's words: the reporter chose none" in to_lead(platform).text
    [listing] = await platform.core.handle(command("cases", user="U0SAFELEAD"))
    assert "(suggested)" in listing.text


async def test_a_chosen_category_is_kept_and_not_called_suggested(platform: FakePlatform, store: CaseStore) -> None:
    await platform.core.handle(command("report", f"bullying: {EXAMPLE}"))
    (case,) = await store.open_cases()
    assert (case.category, case.category_suggested) == ("cyberbullying", False)
    assert "suggested" not in to_lead(platform).text


async def test_other_only_when_nothing_matches(platform: FakePlatform, store: CaseStore) -> None:
    await platform.core.handle(command("report", "the wifi in the hall keeps dropping"))
    (case,) = await store.open_cases()
    assert (case.category, case.category_suggested) == ("other", False)


async def test_the_forms_default_is_no_choice(platform: FakePlatform, store: CaseStore) -> None:
    """A report form left on the category it opened with is suggested from the post's words (and the details);
    one the reporter changed is theirs."""
    post = reported_post(EXAMPLE).post
    kept = MessageReported(origin(), post, category="other", details="", form_default="other")
    changed = MessageReported(origin(), post, category="cyberbullying", details="", form_default="other")
    await platform.core.handle(kept)
    await platform.core.handle(changed)
    first, second = await store.open_cases()
    assert (first.category, first.category_suggested) == ("contact-outside-protocol", True)
    assert (second.category, second.category_suggested) == ("cyberbullying", False)


def test_the_core_offers_the_suggestion_to_the_adapters(platform: FakePlatform) -> None:
    assert platform.core.suggestion("category", EXAMPLE) == "contact-outside-protocol"
    assert platform.core.suggestion("category", "the wifi keeps dropping") == ""
    assert platform.core.suggestion("something else", EXAMPLE) == ""


async def test_a_version_3_store_gains_step_5(backend: tuple[str, str]) -> None:
    """Step 5 adds the warnings' and cases' new columns and the allow list to a store made by version 3, keeping
    its rows; it assumes nothing of step 4."""
    when = datetime(2026, 11, 25, 12, tzinfo=UTC)
    async with opened(*backend) as store:
        await WarningStore(store.db).record_warning(
            WarningRecord("slack", "T1", "C9", "m1", "U2", ("phone",), ("5.1",), "https://x", when, True)
        )
        async with store.db.tx() as conn:
            await conn.execute(text("DROP TABLE allowed_values"))
            for table, column in [
                ("warnings", "thread_id"),
                ("warnings", "attachments"),
                ("warnings", "status"),
                ("warnings", "status_at"),
                ("warnings", "status_by"),
                ("cases", "category_suggested"),
            ]:
                await conn.execute(text(f'ALTER TABLE {table} DROP COLUMN "{column}"'))
            await conn.execute(update(schema_version).values(version=3))
    async with opened(*backend) as store:
        async with store.db.tx() as conn:
            assert (await conn.execute(schema_version.select())).mappings().one()["version"] == LATEST >= 5
            assert (await conn.execute(allowed_values.select())).all() == []
        (record,) = await WarningStore(store.db).recent_warnings()
        assert (record.kinds, record.status, record.thread_id, record.attachments) == (("phone",), "", "", ())
