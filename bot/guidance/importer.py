"""Turn a numbered plain-text policy into a knowledge file: ``python -m bot import-policy``.

The input is the policy as text (saved from Word or a PDF): an optional header
block of fields (title, issue date, review date, author or owner, agreed by),
then numbered section headings (``N. Title`` or ``N Title``), each followed by
its numbered clauses (``N.M text`` or ``N.M. text``), whose text may wrap over
several lines. A section whose text has no clause numbers at all (lists, say)
becomes one clause whose id is the section's number, with its lines kept.

:func:`parse_policy_text` reads the text into an :class:`ImportResult` (every
clause with the line it starts on, plus every line it could not place or that
is numbered out of sequence); :func:`render_yaml` writes the knowledge YAML the
loader reads, each clause's text verbatim so ``python -m bot check`` passes;
:func:`write_import` puts it and a copy of the source text into a folder.
Nothing here knows any particular policy: only the shape of a numbered document.
"""

from __future__ import annotations

import calendar
import json
import re
import shutil
import textwrap
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.guidance.loader import POLICY_REQUIRED, parse_month

# Header fields, in the order they are written, and the labels that introduce each one
# at the start of a header line. Review comes before issue so "date of next review" is a review.
HEADER_ORDER = ("id", "title", "issued", "review", "owner", "agreed_by")
_LABELS: tuple[tuple[str, str], ...] = (
    ("review", r"(?:date\s+of\s+(?:next\s+)?review|next\s+review(?:\s+date)?|review(?:\s+date|\s+by|\s+due)?)"),
    ("agreed_by", r"(?:agreed|approved|adopted|ratified|signed\s+off)\s+by"),
    ("issued", r"(?:issue\s+date|date\s+of\s+issue|date\s+issued|issued(?:\s+on)?|effective\s+(?:date|from)|date)"),
    ("owner", r"(?:(?:policy\s+|document\s+)?(?:author|owner)|written\s+by|prepared\s+by|responsible\s+person)"),
    ("title", r"(?:(?:policy|document)\s+title|title|(?:policy|document)\s+name)"),
)
_HEADER_FIELD = re.compile(
    r"^(?P<label>" + "|".join(f"(?P<{key}>{pattern})" for key, pattern in _LABELS) + r")"
    r"(?:\s*:\s*|\s*\t\s*|\s{2,}|$)(?P<value>.*)$",
    re.IGNORECASE,
)
_FIELD_NAMES = {
    "title": "title",
    "issued": "issue date",
    "review": "review date",
    "owner": "author or owner",
    "agreed_by": "agreed by",
}
_HEADING = re.compile(r"^(?P<number>\d+)\.?\s+(?P<title>\S.*)$")
_CLAUSE = re.compile(r"^(?P<id>\d+(?:\.\d+)+)\.?(?:\s+(?P<text>\S.*))?$")
_BULLET = re.compile(r"^(?:[-–—•*·▪◦○●]|\(?[a-z0-9]{1,3}\))\s")
_HEADING_MAX_WORDS = 12
# A paragraph ending in one of these is finished: text after a blank line starts a new paragraph
# (unless it starts in lower case, a sentence carried over a page break).
_ENDS_PARAGRAPH = tuple(".:;!?)]\"'”’-–—")
_WRAP = 100


@dataclass(frozen=True, slots=True)
class ImportedClause:
    """A clause with its id exactly as printed and its text as printed, wrapped lines joined."""

    id: str
    text: str  # paragraphs separated by a blank line; list items one to a line
    line: int  # line in the text file where it starts (1-based)


@dataclass(frozen=True, slots=True)
class ImportedSection:
    number: str
    title: str
    line: int
    clauses: tuple[ImportedClause, ...]


@dataclass(frozen=True, slots=True)
class Note:
    """A line the importer could not place (``kept`` False) or placed but thinks is misnumbered."""

    line: int
    message: str
    text: str = ""
    kept: bool = False

    def __str__(self) -> str:
        excerpt = self.text if len(self.text) <= 70 else self.text[:69] + "…"
        return f"line {self.line}: {self.message}" + (f": {excerpt}" if excerpt else "")


@dataclass(frozen=True)
class ImportResult:
    """What :func:`parse_policy_text` found: the header, the sections and every line to check."""

    header: dict[str, str]  # the keys of HEADER_ORDER that were found, "id" always
    header_lines: dict[str, int]  # where each header field was read from
    sections: tuple[ImportedSection, ...]
    notes: tuple[Note, ...]  # in line order

    @property
    def clauses(self) -> tuple[ImportedClause, ...]:
        return tuple(c for s in self.sections for c in s.clauses)

    @property
    def missing(self) -> tuple[str, ...]:
        """Required header fields that were not found: the file will not load until they are added."""
        return tuple(key for key in POLICY_REQUIRED if not self.header.get(key))

    @property
    def unplaced(self) -> tuple[Note, ...]:
        return tuple(n for n in self.notes if not n.kept)


class ImportProblem(Exception):
    """The import cannot go ahead (unreadable input, no clauses, a file in the way)."""


# ---------------------------------------------------------------------------------------------
# Parsing


def month_text(value: str) -> str | None:
    """A printed date as the month the loader reads ("<Month> <year>"), or None if it holds no month."""
    if m := re.search(r"\b(\d{4})-(\d{1,2})(?:-\d{1,2})?\b", value):
        year, month = int(m.group(1)), int(m.group(2))
    elif m := re.search(r"\b(?:\d{1,2}[/.-])?(\d{1,2})[/.-](\d{4})\b", value):
        month, year = int(m.group(1)), int(m.group(2))
    else:
        years = re.findall(r"\b(\d{4})\b", value)
        months = {
            i
            for word in re.findall(r"[A-Za-z]{3,}", value)
            for i, name in enumerate(calendar.month_name)
            if name and name.lower().startswith(word.lower())
        }
        if len(years) != 1 or len(months) != 1:
            return None
        year, month = int(years[0]), months.pop()
    if not 1 <= month <= 12:
        return None
    text = f"{calendar.month_name[month]} {year}"
    return text if parse_month(text) else None


def derive_id(title: str, file_name: str = "") -> str:
    """A short policy id from the title (else the file name): lower case, hyphens, no trailing "policy"."""
    for candidate in (title, Path(file_name).stem if file_name else ""):
        ascii_text = unicodedata.normalize("NFKD", candidate).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
        shorter = re.sub(r"-policy$", "", slug)
        if shorter:
            return shorter
        if slug:
            return slug
    return "policy"


def _tidy(line: str) -> str:
    return " ".join(line.split())


def _is_heading(line: str) -> re.Match[str] | None:
    m = _HEADING.match(line)
    if not m:
        return None
    title = m.group("title")
    if title[0].islower() or title.endswith((".", ",", ";")) or len(title.split()) > _HEADING_MAX_WORDS:
        return None
    return m


def _joins(previous: str, following: str) -> bool:
    """Whether text after a blank line carries on the previous paragraph (a page break mid-sentence)."""
    return following[0].islower() or not previous.endswith(_ENDS_PARAGRAPH)


def build_text(lines: list[tuple[int, str]]) -> str:
    """Clause text from its printed lines ("" for a blank line).

    Wrapped lines are joined with single spaces; a blank line starts a new
    paragraph unless the text goes on mid-sentence; list items keep a line each.
    """
    paragraphs: list[list[str]] = []
    after_blank = False
    for _, raw in lines:
        text = _tidy(raw)
        if not text:
            after_blank = bool(paragraphs)
            continue
        if not paragraphs:
            paragraphs.append([text])
        elif _BULLET.match(text):
            if after_blank:
                paragraphs.append([text])
            else:
                paragraphs[-1].append(text)
        elif not after_blank or _joins(paragraphs[-1][-1], text):
            paragraphs[-1][-1] += " " + text
        else:
            paragraphs.append([text])
        after_blank = False
    return "\n\n".join("\n".join(p) for p in paragraphs)


def _numbers(clause_id: str) -> tuple[int, ...]:
    return tuple(int(part) for part in clause_id.split("."))


def _in_sequence(previous: tuple[int, ...] | None, current: tuple[int, ...], section: int) -> bool:
    """Whether a clause number is the one expected next: the next sibling, the first child, or up a level."""
    if current[0] != section:
        return False
    if previous is None or previous[0] != section:
        return current[1:] == (1,) * (len(current) - 1)
    if current == (*previous, 1):
        return True
    return any(current == (*previous[:k], previous[k] + 1) for k in range(1, len(previous)))


@dataclass
class _Section:
    number: str
    title: str
    line: int
    body: list[tuple[int, str]] = field(default_factory=list)  # lines before its first numbered clause
    clauses: list[tuple[str, int, list[tuple[int, str]]]] = field(default_factory=list)


class _Parser:
    def __init__(self) -> None:
        self.header: dict[str, str] = {}
        self.header_lines: dict[str, int] = {}
        self.preamble: list[tuple[int, str]] = []
        self.sections: list[_Section] = []
        self.notes: list[Note] = []
        self.seen: dict[str, int] = {}  # clause id -> its line

    def note(self, line: int, message: str, text: str = "", kept: bool = False) -> None:
        self.notes.append(Note(line, message, text, kept))

    def header_field(self, number: int, text: str) -> bool:
        m = _HEADER_FIELD.match(text)
        if not m:
            return False
        key = next(k for k, _ in _LABELS if m.group(k))
        value = _tidy(m.group("value"))
        name = _FIELD_NAMES[key]
        if key in self.header_lines:
            self.note(number, f"{name} given again (the one on line {self.header_lines[key]} is used)", text)
            return True
        self.header_lines[key] = number
        if not value:
            self.note(number, f"{name} is empty", text)
        elif key in ("issued", "review"):
            month = month_text(value)
            if month is None:
                self.note(number, f"{name} {value!r} is not a month such as 'April 2024': left out", text)
            else:
                self.header[key] = month
                if month != value:
                    self.note(number, f"{name} {value!r} written as {month}", kept=True)
        else:
            self.header[key] = value
        return True

    def feed(self, number: int, raw: str) -> None:
        text = raw.strip()
        if not self.sections:
            if not text:
                return
            if (clause := _CLAUSE.match(text)) and clause.group("text"):
                self.note(number, f"clause {clause.group('id')} comes before any section heading", text)
            elif heading := _is_heading(text):
                self.sections.append(_Section(heading.group("number"), _tidy(heading.group("title")), number))
            elif not self.header_field(number, text):
                self.preamble.append((number, text))
            return
        section = self.sections[-1]
        if clause := _CLAUSE.match(text):
            section.clauses.append((clause.group("id"), number, [(number, clause.group("text") or "")]))
        elif heading := _is_heading(text):
            self.sections.append(_Section(heading.group("number"), _tidy(heading.group("title")), number))
        elif section.clauses:
            section.clauses[-1][2].append((number, text))
        else:
            section.body.append((number, text))

    def finish(self, file_name: str, policy_id: str | None) -> ImportResult:
        if "title" not in self.header and "title" not in self.header_lines and self.preamble:
            line, text = self.preamble.pop(0)
            self.header["title"] = _tidy(text)
            self.header_lines["title"] = line
            self.note(line, "no title field: this line is used as the title", text, kept=True)
        for line, text in self.preamble:
            self.note(line, "before the first section and not a header field", text)
        self.header["id"] = policy_id or derive_id(self.header.get("title", ""), file_name)
        sections: list[ImportedSection] = []
        previous_section = 0
        for section in self.sections:
            number = int(section.number)
            if number != previous_section + 1:
                message = f"section {section.number} out of sequence (expected {previous_section + 1}): kept as printed"
                self.note(section.line, message, section.title, kept=True)
            previous_section = number
            clauses = self.section_clauses(section)
            if clauses:
                sections.append(ImportedSection(section.number, section.title, section.line, tuple(clauses)))
            else:
                self.note(section.line, f"section {section.number} has no text: left out", section.title)
        header = {key: self.header[key] for key in HEADER_ORDER if self.header.get(key)}
        notes = tuple(sorted(self.notes, key=lambda n: n.line))
        return ImportResult(header, dict(self.header_lines), tuple(sections), notes)

    def section_clauses(self, section: _Section) -> list[ImportedClause]:
        if not section.clauses:
            # No numbered clauses (lists, say): the section's whole text is one clause, its id the section's.
            text = build_text(section.body)
            first = next((line for line, raw in section.body if raw), section.line)
            return (
                [ImportedClause(section.number, text, first)]
                if text and self.unique(section.number, first, text)
                else []
            )
        for line, text in section.body:
            if text:
                self.note(line, f"text in section {section.number} before its first numbered clause", text)
        out: list[ImportedClause] = []
        previous: tuple[int, ...] | None = None
        for clause_id, line, lines in section.clauses:
            text = build_text(lines)
            if not text:
                self.note(line, f"clause {clause_id} has no text: left out")
                continue
            if not self.unique(clause_id, line, lines[0][1]):
                continue
            numbers = _numbers(clause_id)
            if not _in_sequence(previous, numbers, int(section.number)):
                if numbers[0] != int(section.number):
                    where = f"is under section {section.number}"
                elif previous is None:
                    where = f"is the first clause of section {section.number}"
                else:
                    where = "follows " + ".".join(map(str, previous))
                self.note(line, f"clause {clause_id} {where}: kept as printed", lines[0][1], kept=True)
            previous = numbers
            out.append(ImportedClause(clause_id, text, line))
        return out

    def unique(self, clause_id: str, line: int, text: str) -> bool:
        """Whether the id is new; a duplicate is left out (the loader would reject the file) and noted."""
        if clause_id in self.seen:
            first = self.seen[clause_id]
            self.note(line, f"duplicate clause id {clause_id} (first on line {first}): left out", text)
            return False
        self.seen[clause_id] = line
        return True


def parse_policy_text(text: str, *, file_name: str = "", policy_id: str | None = None) -> ImportResult:
    """Read a numbered plain-text policy. ``policy_id`` wins over the id derived from the title or file name."""
    parser = _Parser()
    # Only line feeds (and carriage returns) end a line, as in an editor: a form feed or other
    # separator inside a line is whitespace, so the line numbers reported match what people see.
    for number, raw in enumerate(re.split(r"\r\n?|\n", text), start=1):
        parser.feed(number, raw)
    return parser.finish(file_name, policy_id)


# ---------------------------------------------------------------------------------------------
# Rendering


def _printable(text: str) -> bool:
    """Whether YAML can hold the text in a block scalar (no control characters, no byte-order mark)."""
    return not any(
        (unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch not in "\n") or ch == "\ufeff" for ch in text
    )


def _scalar(value: str) -> str:
    """A one-line YAML scalar that reads back as exactly ``value``: plain when safe, else double-quoted."""
    if re.fullmatch(r"[A-Za-z][\w ,.'()/&+–-]*", value) and not value.endswith(" "):
        try:
            if yaml.safe_load(f"k: {value}") == {"k": value}:
                return value
        except yaml.YAMLError:
            pass
    return _quoted(value)


def _quoted(value: str) -> str:
    dumped: str = yaml.safe_dump(value, default_style='"', allow_unicode=True, width=1 << 30)
    return dumped.rstrip("\n")


def _text_block(text: str, indent: str) -> list[str]:
    """``text: >-`` (one paragraph, folded at ~100 characters) or ``text: |-`` (paragraphs and lists)."""
    if not _printable(text):
        return [f"{indent}text: {_quoted(text)}"]
    if "\n" not in text:
        wrapped = textwrap.wrap(text, width=_WRAP, break_long_words=False, break_on_hyphens=False)
        return [f"{indent}text: >-", *(f"{indent}  {line}" for line in wrapped)]
    return [f"{indent}text: |-", *(f"{indent}  {line}" if line else "" for line in text.split("\n"))]


def render_yaml(result: ImportResult, source: str = "", source_name: str = "") -> str:
    """The knowledge file for ``result``; ``source`` is the text file's path relative to the YAML's folder.

    Required header fields that were not found are written as comments to fill
    in: until they are, the loader rejects the file (and says which are missing).
    """
    title = result.header.get("title", "")
    title = title if title and _printable(title) else "This policy"
    lines = [
        f"# {title} as a knowledge base for the guidance feature,",
        f"# made from {source_name or 'its text'} by `python -m bot import-policy`.",
        "# Each clause's `text` is verbatim from the source: never edit it.",
        "# Add `asks`, `terms` and `see_also` to each clause to teach the bot (docs/guidance.md),",
        "# then run `python -m bot check`.",
        "policy:",
    ]
    for key in HEADER_ORDER:
        if key in result.header:
            lines.append(f"  {key}: {_scalar(result.header[key])}")
        elif key in POLICY_REQUIRED:
            example = {"issued": ' (a month, e.g. "April 2024")', "review": ' (a month, e.g. "April 2025")'}
            lines.append(f"  # {key}: not found in the source; add it{example.get(key, '')}")
    if source:
        lines.append(f"  source: {_scalar(source) if not source.startswith(('.', '/')) else _quoted(source)}")
    lines.append("sections:" if result.sections else "sections: []")
    for section in result.sections:
        lines.append(f"  - number: {json.dumps(section.number)}")
        lines.append(f"    title: {_scalar(section.title)}")
        lines.append("    clauses:")
        for clause in section.clauses:
            lines.append(f"      - id: {json.dumps(clause.id)}")
            lines.extend(_text_block(clause.text, "        "))
    rendered = "\n".join(lines) + "\n"
    _check_round_trip(result, rendered)
    return rendered


def _check_round_trip(result: ImportResult, rendered: str) -> None:
    """Reading the YAML back must give every header field and clause text exactly."""
    data = yaml.safe_load(rendered)
    read = [(c["id"], c["text"]) for s in data["sections"] for c in s["clauses"]]
    wanted = [(c.id, c.text) for c in result.clauses]
    if read != wanted or any(str(data["policy"][k]) != v for k, v in result.header.items()):
        raise AssertionError("import-policy: the YAML written does not read back as the text parsed")


# ---------------------------------------------------------------------------------------------
# Files


def read_policy_text(path: Path) -> str:
    """The text of a policy file; :class:`ImportProblem` with a plain message when it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportProblem(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportProblem(
            f"{path} is not UTF-8 text (line {line}); save it as plain text in UTF-8 and try again"
        ) from exc


@dataclass(frozen=True, slots=True)
class Written:
    yaml_path: Path
    source_path: Path
    source_copied: bool  # False when the source was already there


def write_import(result: ImportResult, source_file: Path, out_dir: Path, *, force: bool = False) -> Written:
    """Write ``out_dir/<id>.yaml`` and copy the source text to ``out_dir/sources/``.

    Refuses (:class:`ImportProblem`) to replace an existing knowledge file, or
    a different source text of the same name, unless ``force``.
    """
    policy_id = result.header["id"]
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", policy_id):
        raise ImportProblem(f"policy id {policy_id!r} must be letters, digits, '-', '_' or '.' (it names the file)")
    if not result.clauses:
        raise ImportProblem(f"no numbered clauses found in {source_file}")
    yaml_path = out_dir / f"{policy_id}.yaml"
    source_path = out_dir / "sources" / source_file.name
    if yaml_path.exists() and not force:
        raise ImportProblem(f"{yaml_path} already exists; use --force to replace it")
    if other := _id_used_by(policy_id, out_dir, yaml_path):
        raise ImportProblem(f"policy id {policy_id!r} is already used by {other}; give another with --id")
    same = source_path.exists() and source_path.resolve() == source_file.resolve()
    if source_path.exists() and not same and not force and source_path.read_bytes() != source_file.read_bytes():
        raise ImportProblem(f"{source_path} already exists with different text; use --force to replace it")
    text = render_yaml(result, source_path.relative_to(out_dir).as_posix(), source_file.name)
    try:
        source_path.parent.mkdir(parents=True, exist_ok=True)
        if not same:
            shutil.copyfile(source_file, source_path)
        yaml_path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ImportProblem(f"cannot write into {out_dir}: {exc.strerror or exc}") from exc
    return Written(yaml_path, source_path, not same)


def _id_used_by(policy_id: str, out_dir: Path, replacing: Path) -> Path | None:
    """Another policy file in the folder with the same id (the bot would refuse to load the folder)."""
    if not out_dir.is_dir():
        return None
    for path in sorted(out_dir.glob("*.yaml")):
        if path == replacing:
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue  # ``check`` reports it; it is not this import's business
        meta = data.get("policy") if isinstance(data, dict) else None
        if isinstance(meta, dict) and str(meta.get("id", "")).strip() == policy_id:
            return path
    return None


def describe(result: ImportResult) -> list[str]:
    """The summary lines: what was found and every line to check, with its line number."""
    header = result.header
    found = ", ".join(f"{_FIELD_NAMES[key]} {header[key]}" for key in HEADER_ORDER[2:] if key in header)
    lines = [
        f"policy {header['id']}: {header.get('title', '(no title)')}" + (f"; {found}" if found else ""),
        f"{len(result.sections)} section(s), {len(result.clauses)} clause(s)",
    ]
    if result.missing:
        names = ", ".join(result.missing)
        lines.append(f"missing from the header: {names} (add to 'policy:' before the bot can load the file)")
    if result.notes:
        lines.append(f"lines to check ({len(result.notes)}):")
        lines.extend(f"  {note}" for note in result.notes)
    return lines
