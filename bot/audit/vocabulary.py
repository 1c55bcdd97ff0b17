"""What the audit knows, read from data: UK references and what replaced them, and how policies name people.

The shipped files in ``bot/audit/data/`` (``references.yaml``, ``policy-english.yaml``) hold what is true for
any UK charity; a charity adds to them, or corrects them, in ``<knowledge folder>/audit/*.yaml`` with the same
keys. The policy loader reads only the ``*.yaml`` at the top of the knowledge folder, so these files are never
taken for policies. Every problem is reported with file and line, all of them at once, as for a policy file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.yamlfile import ConfigError, LocatedDocument, PathKey, Problem, load_located

DATA_DIR = Path(__file__).parent / "data"
SHIPPED = (DATA_DIR / "references.yaml", DATA_DIR / "policy-english.yaml")
CHARITY_FOLDER = "audit"  # inside the knowledge folder

SEVERITIES = ("error", "warning", "note")
ROLE_KINDS = ("safeguard-lead", "staff", "officer", "governance", "external")
TOP_KEYS = {"references", "roles", "deputy", "same_person", "joins", "window", "breaks", "cues", "cross_references"}
REFERENCE_KEYS = {
    "title", "article", "kind", "names", "severity", "successive", "editions", "replaced_by", "replaced", "note",
}  # fmt: skip
EDITION_KEYS = {"year", "in_force", "replaced_by", "replaced", "note", "cited_as", "severity"}
ROLE_KEYS = {"name", "kind", "says", "exact"}
CUE_KEYS = {"before", "after", "route"}
CROSS_KEYS = ("words", "this_document", "documents", "name_words", "not_names")
YEARS = (1800, 2200)
WINDOW = (1, 60)


@dataclass(frozen=True, slots=True)
class Edition:
    year: int
    in_force: str = ""
    replaced_by: str = ""
    replaced: str = ""
    note: str = ""
    cited_as: tuple[str, ...] = ()
    severity: str = ""


@dataclass(frozen=True, slots=True)
class Reference:
    """A piece of legislation, guidance or a body, and what replaced it (by edition, or as a whole)."""

    title: str
    names: tuple[str, ...]
    article: str = ""
    kind: str = ""
    severity: str = "warning"
    successive: bool = False
    editions: tuple[Edition, ...] = ()
    replaced_by: str = ""
    replaced: str = ""
    note: str = ""
    file: str = ""
    line: int = 0

    def edition(self, year: int) -> Edition | None:
        return next((e for e in self.editions if e.year == year), None)


@dataclass(frozen=True, slots=True)
class RoleTitle:
    """A title a policy may give a person or body, and what kind of route it is."""

    name: str
    kind: str
    says: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CrossReferenceWords:
    words: tuple[str, ...] = ()
    this_document: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    name_words: tuple[str, ...] = ()
    not_names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AuditData:
    """Everything the audit matches against, merged from the shipped files and the charity's own."""

    references: tuple[Reference, ...] = ()
    roles: tuple[RoleTitle, ...] = ()
    deputy: tuple[str, ...] = ()
    same_person: tuple[str, ...] = ()
    joins: tuple[str, ...] = ()
    window: int = 12
    breaks: tuple[str, ...] = ()
    cues: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)  # group: (before, after)
    routes: tuple[str, ...] = ()  # the cue groups that say where concerns go
    cross: CrossReferenceWords = CrossReferenceWords()
    files: tuple[str, ...] = ()


def charity_files(knowledge: str | Path) -> list[Path]:
    """The charity's own audit files: ``audit/*.yaml`` beside its policies (the folder, or a policy file's)."""
    path = Path(knowledge)
    folder = (path if path.is_dir() else path.parent) / CHARITY_FOLDER
    return sorted(p for p in folder.glob("*.yaml") if p.is_file()) if folder.is_dir() else []


def load_audit_data(knowledge: str | Path | None = None, *, extra: list[Path] | None = None) -> AuditData:
    """The shipped data plus the charity's files for ``knowledge``; raise :class:`ConfigError` with every problem."""
    files = [*SHIPPED, *(charity_files(knowledge) if knowledge is not None else []), *(extra or [])]
    merged = _Merged()
    problems: list[Problem] = []
    for file in files:
        try:
            doc = load_located(file)
        except ConfigError as exc:
            problems.extend(exc.problems)
            continue
        reader = _Reader(doc)
        reader.read(merged)
        problems.extend(reader.problems)
    if problems:
        raise ConfigError(problems)
    return merged.build(tuple(str(f) for f in files))


@dataclass
class _Merged:
    references: dict[str, Reference] = field(default_factory=dict)
    roles: dict[str, RoleTitle] = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)
    cues: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)
    routes: list[str] = field(default_factory=list)
    window: int = 12

    def add(self, key: str, items: tuple[str, ...]) -> None:
        target = self.lists.setdefault(key, [])
        target.extend(i for i in items if i not in target)

    def build(self, files: tuple[str, ...]) -> AuditData:
        lists = {k: tuple(v) for k, v in self.lists.items()}
        cross = CrossReferenceWords(**{k: lists.get(f"cross.{k}", ()) for k in CROSS_KEYS})
        return AuditData(
            references=tuple(self.references.values()),
            roles=tuple(self.roles.values()),
            deputy=lists.get("deputy", ()),
            same_person=lists.get("same_person", ()),
            joins=lists.get("joins", ()),
            breaks=lists.get("breaks", ()),
            window=self.window,
            cues={group: (tuple(before), tuple(after)) for group, (before, after) in self.cues.items()},
            routes=tuple(self.routes),
            cross=cross,
            files=files,
        )


class _Reader:
    """Validates one audit data file into the merged data, collecting every problem."""

    def __init__(self, doc: LocatedDocument) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def problem(self, path: PathKey, message: str) -> None:
        self.problems.append(self.doc.problem(path, message))

    def keys(self, value: dict[str, Any], allowed: set[str] | tuple[str, ...], path: PathKey, what: str) -> None:
        for key in value:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                self.problem((*path, str(key)), f"unknown key {key!r} in {what} (expected one of: {known})")

    def text(self, value: Any, path: PathKey, what: str, *, required: bool = False) -> str:
        if value is None:
            if required:
                self.problem(path, f"{what} is missing")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int) or not str(value).strip():
            self.problem(path, f"{what} must be text")
            return ""
        return str(value).strip()

    def phrases(self, value: Any, path: PathKey, what: str, *, required: bool = False) -> tuple[str, ...]:
        if value is None:
            if required:
                self.problem(path, f"{what} is missing (a list of phrases)")
            return ()
        if not isinstance(value, list):
            self.problem(path, f"{what} must be a list of phrases")
            return ()
        out = []
        for i, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, str | int) or not str(item).strip():
                self.problem((*path, i), f"every item of {what} must be non-empty text")
            else:
                out.append(str(item).strip())
        if required and not value:
            self.problem(path, f"{what} must not be empty")
        return tuple(out)

    def severity(self, value: Any, path: PathKey, what: str, default: str = "") -> str:
        if value is None:
            return default
        if value not in SEVERITIES:
            self.problem(path, f"{what}: severity must be one of {', '.join(SEVERITIES)}, not {value!r}")
            return default
        return str(value)

    def read(self, merged: _Merged) -> None:
        data = self.doc.data
        if data is None:
            return
        if not isinstance(data, dict):
            self.problem((), "an audit data file must be a mapping (references:, roles:, cues:, ...)")
            return
        self.keys(data, TOP_KEYS, (), "an audit data file")
        self.each(data.get("references"), ("references",), "references", lambda v, p: self.reference(v, p, merged))
        self.each(data.get("roles"), ("roles",), "roles", lambda v, p: self.role(v, p, merged))
        for key in ("deputy", "same_person", "joins", "breaks"):
            merged.add(key, self.phrases(data.get(key), (key,), f"'{key}'"))
        if "window" in data:
            window = data["window"]
            if isinstance(window, bool) or not isinstance(window, int) or not WINDOW[0] <= window <= WINDOW[1]:
                self.problem(("window",), f"'window' must be a whole number of words from {WINDOW[0]} to {WINDOW[1]}")
            else:
                merged.window = window
        self.cues(data.get("cues"), merged)
        self.cross(data.get("cross_references"), merged)

    def each(self, value: Any, path: PathKey, what: str, read: Callable[[Any, PathKey], None]) -> None:
        if value is None:
            return
        if not isinstance(value, list):
            self.problem(path, f"'{what}' must be a list")
            return
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                self.problem((*path, i), f"each item of '{what}' must be a mapping")
                continue
            read(item, (*path, i))

    def reference(self, item: dict[str, Any], path: PathKey, merged: _Merged) -> None:
        self.keys(item, REFERENCE_KEYS, path, "a reference")
        title = self.text(item.get("title"), (*path, "title") if "title" in item else path, "'title'", required=True)
        what = f"reference {title or '?'}"
        names = self.phrases(item.get("names"), (*path, "names") if "names" in item else path, f"{what}: 'names'",
                             required=True)  # fmt: skip
        successive = item.get("successive", False)
        if not isinstance(successive, bool):
            self.problem((*path, "successive"), f"{what}: 'successive' must be true or false")
            successive = False
        editions = self.editions(item.get("editions"), (*path, "editions"), what)
        replaced_by = self.text(item.get("replaced_by"), (*path, "replaced_by"), f"{what}: 'replaced_by'")
        if editions and replaced_by:
            self.problem((*path, "replaced_by"), f"{what}: give 'replaced_by' for each edition, not for the whole")
        if not title or not names:
            return
        merged.references[title.casefold()] = Reference(
            title=title,
            names=names,
            article=self.text(item.get("article"), (*path, "article"), f"{what}: 'article'"),
            kind=self.text(item.get("kind"), (*path, "kind"), f"{what}: 'kind'"),
            severity=self.severity(item.get("severity"), (*path, "severity"), what, "warning"),
            successive=successive,
            editions=editions,
            replaced_by=replaced_by,
            replaced=self.text(item.get("replaced"), (*path, "replaced"), f"{what}: 'replaced'"),
            note=self.text(item.get("note"), (*path, "note"), f"{what}: 'note'"),
            file=self.doc.file,
            line=self.doc.line(path),
        )

    def editions(self, value: Any, path: PathKey, what: str) -> tuple[Edition, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(path, f"{what}: 'editions' must be a list")
            return ()
        out: dict[int, Edition] = {}
        for i, item in enumerate(value):
            p: PathKey = (*path, i)
            if not isinstance(item, dict):
                self.problem(p, f"{what}: each edition must be a mapping with a 'year'")
                continue
            self.keys(item, EDITION_KEYS, p, "an edition")
            year = item.get("year")
            if isinstance(year, bool) or not isinstance(year, int) or not YEARS[0] <= year <= YEARS[1]:
                self.problem((*p, "year") if "year" in item else p, f"{what}: each edition needs a 'year' such as 2018")
                continue
            if year in out:
                self.problem((*p, "year"), f"{what}: edition {year} is listed twice")
                continue
            label = f"{what} {year}"
            out[year] = Edition(
                year=year,
                in_force=self.text(item.get("in_force"), (*p, "in_force"), f"{label}: 'in_force'"),
                replaced_by=self.text(item.get("replaced_by"), (*p, "replaced_by"), f"{label}: 'replaced_by'"),
                replaced=self.text(item.get("replaced"), (*p, "replaced"), f"{label}: 'replaced'"),
                note=self.text(item.get("note"), (*p, "note"), f"{label}: 'note'"),
                cited_as=self.phrases(item.get("cited_as"), (*p, "cited_as"), f"{label}: 'cited_as'"),
                severity=self.severity(item.get("severity"), (*p, "severity"), label),
            )
        return tuple(sorted(out.values(), key=lambda e: e.year))

    def role(self, item: dict[str, Any], path: PathKey, merged: _Merged) -> None:
        self.keys(item, ROLE_KEYS, path, "a role")
        name = self.text(item.get("name"), (*path, "name") if "name" in item else path, "'name'", required=True)
        what = f"role {name or '?'}"
        kind = item.get("kind")
        if kind not in ROLE_KINDS:
            where = (*path, "kind") if "kind" in item else path
            self.problem(where, f"{what}: 'kind' must be one of {', '.join(ROLE_KINDS)}")
        says = self.phrases(item.get("says"), (*path, "says"), f"{what}: 'says'")
        exact = self.phrases(item.get("exact"), (*path, "exact"), f"{what}: 'exact'")
        if not says and not exact and "says" not in item and "exact" not in item:
            self.problem(path, f"{what}: give the ways policies write it in 'says' (or 'exact')")
        if name and kind in ROLE_KINDS:
            merged.roles[name.casefold()] = RoleTitle(name, str(kind), says, exact)

    def cues(self, value: Any, merged: _Merged) -> None:
        if value is None:
            return
        if not isinstance(value, dict):
            self.problem(("cues",), "'cues' must map a group's name to its 'before' and 'after' phrases")
            return
        for group, cue in value.items():
            path: PathKey = ("cues", str(group))
            if not isinstance(cue, dict):
                self.problem(path, f"cues: {group!r} must be a mapping with 'before' and/or 'after'")
                continue
            self.keys(cue, CUE_KEYS, path, f"cues: {group!r}")
            before = self.phrases(cue.get("before"), (*path, "before"), f"cues: {group}: 'before'")
            after = self.phrases(cue.get("after"), (*path, "after"), f"cues: {group}: 'after'")
            route = cue.get("route", False)
            if not isinstance(route, bool):
                self.problem((*path, "route"), f"cues: {group}: 'route' must be true or false")
            elif route and str(group) not in merged.routes:
                merged.routes.append(str(group))
            known_before, known_after = merged.cues.setdefault(str(group), ([], []))
            known_before.extend(p for p in before if p not in known_before)
            known_after.extend(p for p in after if p not in known_after)

    def cross(self, value: Any, merged: _Merged) -> None:
        if value is None:
            return
        if not isinstance(value, dict):
            self.problem(("cross_references",), "'cross_references' must be a mapping")
            return
        self.keys(value, CROSS_KEYS, ("cross_references",), "'cross_references'")
        for key in CROSS_KEYS:
            path: PathKey = ("cross_references", key)
            merged.add(f"cross.{key}", self.phrases(value.get(key), path, f"cross_references: '{key}'"))
