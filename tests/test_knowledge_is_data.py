"""What the bot knows about a policy or an organisation is data: none of it is written into the code."""

from __future__ import annotations

import ast
import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from bot.deployment import load_deployment
from tests.conftest import FIXTURES, ROOT, SHARED

CODE = sorted([*(ROOT / "bot").rglob("*.py"), *(ROOT / "adapters").rglob("*.py")])
CLAUSE_ID = re.compile(r"\d{1,2}\.\d{1,2}")  # "6.15"; not a version or an address


@lru_cache(maxsize=1)
def organisation_names() -> frozenset[str]:
    """Every name of every organisation the project's data knows: deployments, and policies' own names."""
    deployments = [ROOT / "examples" / "deployment.yaml", FIXTURES / "deployment.yaml"]
    if (SHARED / "eval" / "fixture-deployment.yaml").exists():
        deployments.append(SHARED / "eval" / "fixture-deployment.yaml")
    names = {n for d in deployments for n in load_deployment(d).organisation.names}
    for policy in (ROOT / "knowledge").glob("*.yaml"):
        data = yaml.load(policy.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        names.update((data.get("vocabulary") or {}).get("organisation") or [])
    return frozenset(n.lower() for n in names)


def test_the_names_are_found() -> None:
    assert {"leaps", "riverside youth project"} <= organisation_names()


@pytest.mark.parametrize("path", CODE, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_organisation_name_in_code(path: Path) -> None:
    text = path.read_text(encoding="utf-8").lower()
    found = [n for n in organisation_names() if re.search(rf"\b{re.escape(n)}\b", text)]
    assert found == []


@pytest.mark.parametrize("path", CODE, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_clause_number_as_a_value_in_code(path: Path) -> None:
    """A string that is only a clause number ("6.15") is knowledge; the code may quote one inside a message."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    values = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    assert [v for v in values if CLAUSE_ID.fullmatch(v)] == []


def test_chat_english_names_no_organisation() -> None:
    """The shared vocabulary is for every charity: the organisation is the {org} placeholder in it."""
    text = (ROOT / "bot" / "guidance" / "language" / "chat-english.yaml").read_text(encoding="utf-8").lower()
    assert [n for n in organisation_names() if re.search(rf"\b{re.escape(n)}\b", text)] == []
