"""``python -m bot check`` for knowledge: validate, then hold the knowledge to its source and to itself.

Start-up validation (the loader and the vocabularies) checks structure and conflicts. ``check`` also:

* holds each policy to its verbatim source, when the file names one: every clause text must appear in
  it, and every numbered clause printed in it must be present (errors);
* names the clauses that answer from their text alone, having no curated ``asks`` or ``terms``;
* names the clauses with no ``summary``, whose answers open with their own first sentence;
* runs every curated ask through the matcher and warns when it does not find its own clause among the
  first three, or when a decline form of its policy refuses it outright (the ask teaches nothing then).

The clauses each policy's ``cites:`` names are checked by the loader (a clause
the policy lacks is an error with file and line); ``check`` adds a summary of
what moderation warnings and report categories will cite. A knowledge base
that cites nothing for moderation is legitimate (a charity with no social
media policy), so that is said in the summary, not raised as a problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from bot.categories import CATEGORIES
from bot.categories import FINDING_KINDS as KINDS
from bot.citations import Citations
from bot.guidance.index import text_only
from bot.guidance.library import Library
from bot.guidance.loader import read_policies
from bot.guidance.model import Policy
from bot.guidance.people import people_words
from bot.yamlfile import ConfigError, Problem

ASK_RANK = 3  # a curated ask must find its own clause among this many answers

_NUMBERED = re.compile(r"^\s*(\d+\.\d+)\.?\s", re.MULTILINE)


def squash(text: str) -> str:
    """Whitespace-normalised text: what "verbatim" is compared on (line breaks differ in YAML)."""
    return " ".join(text.split())


def source_problems(policy: Policy) -> list[Problem]:
    """Clauses whose text is not in the policy's source, and numbered source clauses with no entry."""
    if not policy.source:
        return []
    try:
        source = Path(policy.source).read_text(encoding="utf-8")
    except OSError as exc:
        return [Problem(policy.file, 0, f"cannot read source {policy.source}: {exc.strerror or exc}")]
    flat = squash(source)
    problems = [
        Problem(policy.file, c.line, f"clause {c.id}: text is not verbatim from {Path(policy.source).name}")
        for c in policy.clauses
        if squash(c.text) not in flat
    ]
    present = {c.id for c in policy.clauses}
    problems.extend(
        Problem(policy.file, 0, f"clause {number} is in {Path(policy.source).name} but not in the file")
        for number in dict.fromkeys(_NUMBERED.findall(source))
        if number not in present
    )
    return problems


def summary(policy: Policy, today: date) -> str:
    review = (
        f"review date {policy.review} has passed" if policy.review_overdue(today) else f"review due {policy.review}"
    )
    return f"{policy.file}: {policy.title}, {len(policy.clauses)} clauses; {review}"


def text_alone(policy: Policy) -> str:
    """Which clauses answer from their own text, with nothing curated to be found by."""
    bare = [c.id for c in policy.clauses if text_only(c)]
    if not bare:
        return ""
    which = "every clause" if len(bare) == len(policy.clauses) else f"{len(bare)} clause(s): " + ", ".join(bare)
    return f"  answers from its text alone (no asks or terms): {which}"


def without_summary(policy: Policy) -> str:
    """Which clauses open an answer with their own first sentence, having no curated ``summary``."""
    bare = [c.id for c in policy.clauses if not c.summary]
    if not bare:
        return ""
    which = "every clause" if len(bare) == len(policy.clauses) else f"{len(bare)} clause(s): " + ", ".join(bare)
    return f"  opens answers with the clause's first sentence (no summary): {which}"


def ask_warnings(library: Library, policy: Policy) -> list[Problem]:
    """Curated asks a decline form refuses, and asks that do not find their own clause in the first three."""
    matcher = library.matchers[policy.id]
    warnings = []
    for clause in policy.clauses:
        for ask in clause.asks:
            if matcher.vocabulary.declines(ask):
                message = f"clause {clause.id}: ask {ask!r} has a declined form"
                warnings.append(Problem(policy.file, clause.line, message))
                continue
            found = [m.clause for m in matcher.match(ask, ASK_RANK)]
            if clause.id not in found:
                got = ", ".join(found) or "not covered"
                message = f"clause {clause.id}: ask {ask!r} does not find its clause ({got})"
                warnings.append(Problem(policy.file, clause.line, message))
    return warnings


def citations_summary(citations: Citations) -> list[str]:
    """What moderation warnings and report categories cite, and what they leave uncited."""
    lines = []
    for what, keys, lookup in (
        ("moderation warnings", KINDS, citations.cites_for_kind),
        ("report categories", tuple(c.key for c in CATEGORIES), citations.cites_for_category),
    ):
        cited = {key: lookup(key) for key in keys if lookup(key)}
        if not cited:
            lines.append(f"citations: no loaded policy cites clauses for {what}; they will name no clause number")
            continue
        policies = ", ".join(dict.fromkeys(c.policy for cites in cited.values() for c in cites))
        missing = [key for key in keys if key not in cited]
        uncited = f" (none for: {', '.join(missing)})" if missing else ""
        lines.append(f"citations: {what} cite {policies} for {len(cited)} of {len(keys)}{uncited}")
    return lines


def check_library(path: str | Path, today: date | None = None, organisation: Iterable[str] = ()) -> list[str]:
    """Summary lines (one per policy, then what it answers from and any warnings, then what is cited);
    raise :class:`ConfigError` listing every error."""
    policies = read_policies(path)
    problems = [p for policy in policies for p in source_problems(policy)]
    try:
        people_words()  # the words for questions about people, read at start-up too
    except ConfigError as exc:
        problems.extend(exc.problems)
    library = Library(policies, organisation)
    problems.extend(library.problems)
    if problems:
        raise ConfigError(problems)
    lines = []
    for policy in policies:
        lines.append(summary(policy, today or date.today()))
        lines.extend(line for line in (text_alone(policy), without_summary(policy)) if line)
        lines.extend(f"  warning: {w}" for w in ask_warnings(library, policy))
    return lines + citations_summary(Citations.from_policies(policies))
