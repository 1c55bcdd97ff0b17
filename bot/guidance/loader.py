"""Load and validate policy YAML files, reporting every problem with file and line.

A charity's admin edits these files by hand, so the loader collects all the
problems in a file (and in every file of the folder) before raising one
:class:`~bot.yamlfile.ConfigError`, and the bot refuses to start until they
are fixed. The format is described in docs/guidance.md.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from bot.guidance._cites import read_cites
from bot.guidance.library import Library
from bot.guidance.model import SUMMARY_LIMIT, Clause, Policy
from bot.guidance.vocabulary import KINDS, VocabularyFile, read_vocabulary_section, shared_vocabulary
from bot.yamlfile import ConfigError, LocatedDocument, PathKey, Problem, load_located

TOP_KEYS = {"policy", "sections", "cites", "vocabulary"}
POLICY_REQUIRED = ("id", "title", "issued", "review", "owner")
POLICY_KEYS = {*POLICY_REQUIRED, "agreed_by", "source"}
SECTION_KEYS = {"number", "title", "clauses"}
CLAUSE_KEYS = {"id", "text", "asks", "terms", "about", "kind", "see_also", "summary"}
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTH_YEAR = re.compile(r"^\s*([A-Za-z]+)\s+(\d{4})\s*$")
_ISO_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\s*$")
_CLAUSE_ID = re.compile(r"^\d+(?:\.\d+)*$")


def parse_month(value: object) -> date | None:
    """The last day of a month written "April 2024" or "2024-04" (a review date is a month)."""
    if isinstance(value, date):
        return value
    text = str(value)
    if m := _MONTH_YEAR.match(text):
        month = _MONTHS.get(m.group(1).lower())
        year = int(m.group(2))
    elif m := _ISO_MONTH.match(text):
        year, month = int(m.group(1)), int(m.group(2))
        if m.group(3):
            try:
                return date(year, month, int(m.group(3)))
            except ValueError:
                return None
    else:
        return None
    if not month or not 1 <= month <= 12:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


class _FileReader:
    """Validates one located document, collecting problems instead of stopping at the first."""

    def __init__(self, doc: LocatedDocument, roles: tuple[str, ...]) -> None:
        self.doc = doc
        self.roles = roles
        self.problems: list[Problem] = []

    def problem(self, path: PathKey, message: str) -> None:
        self.problems.append(self.doc.problem(path, message))

    def unknown_keys(self, mapping: dict[str, Any], allowed: set[str], path: PathKey, what: str) -> None:
        for key in mapping:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                self.problem((*path, str(key)), f"unknown key {key!r} in {what} (expected one of: {known})")

    def text(self, mapping: dict[str, Any], key: str, path: PathKey, what: str) -> str:
        value = mapping.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            self.problem(path if key not in mapping else (*path, key), f"{what} is missing {key!r}")
            return ""
        if not isinstance(value, str | int | date) or isinstance(value, bool):
            self.problem((*path, key), f"{what}: {key!r} must be text")
            return ""
        return str(value).strip()

    def strings(self, mapping: dict[str, Any], key: str, path: PathKey, what: str) -> tuple[str, ...]:
        value = mapping.get(key, [])
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem((*path, key), f"{what}: {key!r} must be a list of phrases")
            return ()
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.problem((*path, key, i), f"{what}: every item of {key!r} must be non-empty text")
            else:
                out.append(item.strip())
        return tuple(out)

    def read(self) -> Policy | None:
        data = self.doc.data
        if not isinstance(data, dict):
            self.problem((), "a policy file must be a mapping with 'policy' and 'sections'")
            return None
        self.unknown_keys(data, TOP_KEYS, (), "the policy file")
        meta = data.get("policy")
        if not isinstance(meta, dict):
            self.problem(("policy",) if "policy" in data else (), "missing 'policy' (id, title, issued, review, owner)")
            meta = {}
        else:
            self.unknown_keys(meta, POLICY_KEYS, ("policy",), "'policy'")
        fields = {key: self.text(meta, key, ("policy",), "'policy'") for key in POLICY_REQUIRED} if meta else {}
        review_by = None
        if fields.get("review"):
            review_by = parse_month(meta["review"])
            if review_by is None:
                self.problem(("policy", "review"), "'review' must be a month such as 'April 2024' or '2024-04'")
        if fields.get("issued") and parse_month(meta["issued"]) is None:
            self.problem(("policy", "issued"), "'issued' must be a month such as 'April 2023' or '2023-04'")
        clauses = self.sections(data.get("sections"), fields.get("id", ""))
        cites = read_cites(data.get("cites"), {c.id for c in clauses}, self.problem)
        if self.problems or not meta or review_by is None:
            return None
        return Policy(
            id=fields["id"],
            title=fields["title"],
            issued=fields["issued"],
            review=fields["review"],
            review_by=review_by,
            owner=fields["owner"],
            file=self.doc.file,
            clauses=tuple(clauses),
            source=self.source(meta.get("source")),
            cites=cites,
        )

    def source(self, value: object) -> str:
        """The source text's path, relative to the policy file's folder."""
        if not value:
            return ""
        return str(Path(self.doc.file).parent / str(value))

    def sections(self, sections: Any, policy_id: str) -> list[Clause]:
        if not isinstance(sections, list) or not sections:
            self.problem(("sections",), "'sections' must be a non-empty list of sections")
            return []
        clauses: list[Clause] = []
        first_line: dict[str, int] = {}
        see_also: dict[str, PathKey] = {}
        for s_index, section in enumerate(sections):
            path: PathKey = ("sections", s_index)
            if not isinstance(section, dict):
                self.problem(path, "each section must be a mapping with number, title and clauses")
                continue
            self.unknown_keys(section, SECTION_KEYS, path, "a section")
            number = self.text(section, "number", path, "section")
            title = self.text(section, "title", path, "section " + (number or "?"))
            items = section.get("clauses")
            if not isinstance(items, list) or not items:
                self.problem((*path, "clauses"), f"section {number or '?'} needs a non-empty list of 'clauses'")
                continue
            for c_index, item in enumerate(items):
                clause = self.clause(item, (*path, "clauses", c_index), policy_id, number, title)
                if clause is None:
                    continue
                line = self.doc.line((*path, "clauses", c_index, "id"))
                if clause.id in first_line:
                    self.problem(
                        (*path, "clauses", c_index, "id"),
                        f"duplicate clause id {clause.id!r} (first at line {first_line[clause.id]})",
                    )
                    continue
                first_line[clause.id] = line
                clauses.append(clause)
                see_also[clause.id] = (*path, "clauses", c_index, "see_also")
        self.check_see_also(clauses, see_also)
        return clauses

    def check_see_also(self, clauses: list[Clause], paths: dict[str, PathKey]) -> None:
        """Every ``see_also`` id must name another clause of the same policy."""
        known = {c.id for c in clauses}
        for clause in clauses:
            for i, ref in enumerate(clause.see_also):
                if ref == clause.id:
                    self.problem((*paths[clause.id], i), f"clause {clause.id}: 'see_also' names the clause itself")
                elif ref not in known:
                    self.problem((*paths[clause.id], i), f"clause {clause.id}: 'see_also' names unknown clause {ref!r}")

    def clause(self, item: Any, path: PathKey, policy_id: str, number: str, title: str) -> Clause | None:
        if not isinstance(item, dict):
            self.problem(path, "each clause must be a mapping with id and text")
            return None
        self.unknown_keys(item, CLAUSE_KEYS, path, "a clause")
        raw_id = item.get("id")
        if isinstance(raw_id, float):
            self.problem((*path, "id"), f'clause id {raw_id!r} must be quoted text, e.g. id: "6.10"')
            return None
        clause_id = self.text(item, "id", path, "clause")
        if clause_id and not _CLAUSE_ID.match(clause_id):
            self.problem((*path, "id"), f'clause id {clause_id!r} must be a number as printed, e.g. "6.9"')
        what = f"clause {clause_id or '?'}"
        text = self.text(item, "text", path, what)
        asks = self.strings(item, "asks", path, what)
        terms = self.strings(item, "terms", path, what)
        about = self.strings(item, "about", path, what)
        for i, role in enumerate(about):
            if role not in self.roles:
                known = ", ".join(self.roles)
                self.problem((*path, "about", i), f"{what}: unknown role {role!r} in 'about' (one of: {known})")
        see_also = self.strings(item, "see_also", path, what)
        kind = str(item.get("kind", "")).strip()
        if kind and kind not in KINDS:
            self.problem((*path, "kind"), f"{what}: unknown kind {kind!r} (one of: {', '.join(KINDS)})")
        summary = self.summary(item, path, what)
        if not clause_id or not text:
            return None
        line = self.doc.line((*path, "id"))
        return Clause(policy_id, clause_id, number, title, text, asks, terms, about, kind, see_also, summary, line=line)

    def summary(self, item: dict[str, Any], path: PathKey, what: str) -> str:
        """A clause's ``summary``: optional, but when given, one line of text short enough to open an answer."""
        if "summary" not in item:
            return ""
        value = item["summary"]
        where = (*path, "summary")
        if not isinstance(value, str) or not value.strip():
            self.problem(where, f"{what}: 'summary' must be one line of text (or left out)")
            return ""
        summary = value.strip()
        if "\n" in summary:
            self.problem(where, f"{what}: 'summary' must be one line (write it on one line, or with >-)")
        elif len(summary) > SUMMARY_LIMIT:
            self.problem(
                where,
                f"{what}: 'summary' is {len(summary)} characters; at most {SUMMARY_LIMIT} fit on one line of chat",
            )
        return summary


def read_policy(path: str | Path) -> Policy:
    """Load one policy file, with its own ``vocabulary:`` section if it has one; raise :class:`ConfigError`
    with every problem in it.

    The vocabulary lives in the policy's own file, so the one file is the whole policy wherever it is copied.
    """
    doc = load_located(path)
    problems: list[Problem] = []
    vocabulary: VocabularyFile | None = None
    if isinstance(doc.data, dict) and doc.data.get("vocabulary") is not None:
        vocabulary, problems = read_vocabulary_section(doc)
    roles = tuple(dict.fromkeys([*shared_vocabulary().roles, *(vocabulary.roles if vocabulary else ())]))
    reader = _FileReader(doc, roles)
    policy = reader.read()
    problems[:0] = reader.problems
    if problems or policy is None:
        raise ConfigError(problems or [Problem(str(path), 0, "not a valid policy file")])
    return replace(policy, vocabulary=vocabulary)


def policy_files(path: str | Path) -> list[Path]:
    """The policy files at ``path``: the file itself, or every ``*.yaml`` in the folder, sorted."""
    path = Path(path)
    if path.is_dir():
        return sorted(p for p in path.glob("*.yaml") if p.is_file())
    return [path]


def read_policies(path: str | Path) -> list[Policy]:
    """Every policy at ``path``, validated; all problems of all files raised together."""
    files = policy_files(path)
    if not files:
        raise ConfigError([Problem(str(path), 0, "no policy files (*.yaml) found")])
    problems: list[Problem] = []
    policies: list[Policy] = []
    seen: dict[str, str] = {}
    for file in files:
        try:
            policy = read_policy(file)
        except ConfigError as exc:
            problems.extend(exc.problems)
            continue
        if policy.id in seen:
            problems.append(Problem(str(file), 0, f"policy id {policy.id!r} is already used by {seen[policy.id]}"))
            continue
        seen[policy.id] = str(file)
        policies.append(policy)
    if problems:
        raise ConfigError(problems)
    return policies


def load_library(path: str | Path, organisation: Iterable[str] = (), attendees: Iterable[str] = ()) -> Library:
    """Load every policy at ``path`` (a folder or one file) and index it for matching.

    ``organisation`` is every name the organisation goes by (from the deployment file), so questions
    that name it meet the clauses about the organisation whatever it is called; ``attendees`` is the roster,
    so a question that names an attendee is a question about an attendee.
    """
    library = Library(read_policies(path), organisation, attendees=attendees)
    if library.problems:
        raise ConfigError(library.problems)
    return library
