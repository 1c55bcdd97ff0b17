"""One organisation's deployment: who it is, who its Safeguard Leads are, whom it protects.

Loaded from a YAML file (``SAFEGUARDING_DEPLOYMENT`` or ``--deployment``) and
validated at start-up with file and line for every problem. The attendee roster
may live in a separate file kept out of version control, since it holds
children's names. Mistakes the bot cannot run with (a Safeguard Lead nobody can
reach, a retention period out of range) are problems; mistakes it can run with
but that make it do less than the admin expects (a roster of first names only,
which moderation cannot match) are :attr:`Deployment.notes`, shown by ``check``
and logged at start-up. Neither ever quotes a roster name: they give lines.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.yamlfile import ConfigError, LocatedDocument, PathKey, Problem, load_located

#: Finding kinds which, together with an attendee's name, also alert the Safeguard Lead.
DEFAULT_NOTIFY_WITH_ATTENDEE = ("phone", "email", "address", "image")
RETENTION_DAYS = (1, 3650)  # a resolved case is kept at least a day and at most ten years
UNREACHABLE_MINUTES = (0, 10080)  # a reporter is told to phone within a week at the latest
_MIN_PHONE_DIGITS = 6
_SHOWN_LINES = 10


def usable_phone(phone: str) -> bool:
    """Whether ``phone`` holds a number someone could dial ("call reception" does not)."""
    return len(re.sub(r"\D", "", phone)) >= _MIN_PHONE_DIGITS


@dataclass(frozen=True, slots=True)
class Organisation:
    name: str
    aliases: tuple[str, ...] = ()
    website: str = ""
    venues: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every name a question may call the organisation by: its name, aliases, website and venues."""
        site = self.website.split("//")[-1].removeprefix("www.").split("/")[0]
        return tuple(n for n in (self.name, *self.aliases, site, *self.venues) if n)


@dataclass(frozen=True, slots=True)
class SafeguardLead:
    name: str
    phone: str = ""
    slack: str = ""
    discord: str = ""
    email: str = ""
    titles: tuple[str, ...] = ()  # what the policies call this person ("Managing Director"): read by the audit

    def id_on(self, platform: str) -> str:
        """The lead's user id on ``platform`` ("" when not configured there)."""
        return {"slack": self.slack, "discord": self.discord, "console": self.name}.get(platform, "")


@dataclass(frozen=True, slots=True)
class PlatformChannels:
    """Which channels moderation watches on one platform, beyond those found shared/public."""

    watch: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    watch_detected: bool = True  # Slack Connect channels / Discord channels @everyone can read
    guilds: tuple[str, ...] = ()  # Discord servers to sync commands to


@dataclass(frozen=True, slots=True)
class Deployment:
    organisation: Organisation
    safeguard_leads: tuple[SafeguardLead, ...]
    attendees: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    channels: dict[str, PlatformChannels] = field(default_factory=dict, compare=False, hash=False)
    notify_lead_with_attendee: tuple[str, ...] = DEFAULT_NOTIFY_WITH_ATTENDEE
    lead_unreachable_minutes: float = 15.0
    retention_days: int = 365
    #: people who answer and teach handed-off policy questions instead of the leads (bot.questions)
    knowledge_maintainers: tuple[SafeguardLead, ...] = ()
    source: str = ""
    notes: tuple[Problem, ...] = field(default=(), compare=False)  # warnings: it runs, but does less than meant

    def channels_on(self, platform: str) -> PlatformChannels:
        return self.channels.get(platform, PlatformChannels())

    def lead_phone(self) -> str:
        """The first configured lead phone number, for "phone the lead" fallbacks."""
        return next((lead.phone for lead in self.safeguard_leads if lead.phone), "")

    def leads_on(self, platform: str) -> tuple[tuple[str, SafeguardLead], ...]:
        """(user id, lead) for each Safeguard Lead who can be messaged on ``platform``."""
        return tuple((lead_id, lead) for lead in self.safeguard_leads if (lead_id := lead.id_on(platform)))

    def is_lead(self, platform: str, user_id: str) -> bool:
        return bool(user_id) and any(lead_id == user_id for lead_id, _ in self.leads_on(platform))

    def maintainers_on(self, platform: str) -> tuple[tuple[str, SafeguardLead], ...]:
        """(user id, person) for each knowledge maintainer who can be messaged on ``platform``."""
        return tuple((pid, person) for person in self.knowledge_maintainers if (pid := person.id_on(platform)))

    def is_maintainer(self, platform: str, user_id: str) -> bool:
        return bool(user_id) and any(pid == user_id for pid, _ in self.maintainers_on(platform))

    def question_recipients_on(self, platform: str) -> tuple[tuple[str, SafeguardLead], ...]:
        """Who receives handed-off policy questions on ``platform``: the maintainers if named, else the leads."""
        return self.maintainers_on(platform) or self.leads_on(platform)


class _Reader:
    """Collects every problem in a document instead of stopping at the first."""

    def __init__(self, doc: LocatedDocument) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def fail(self, path: PathKey, message: str) -> None:
        self.problems.append(self.doc.problem(path, message))

    def get(self, path: PathKey) -> Any:
        node: Any = self.doc.data
        for key in path:
            in_dict = isinstance(node, dict) and key in node
            in_list = isinstance(node, list) and isinstance(key, int) and key < len(node)
            if in_dict or in_list:
                node = node[key]
            else:
                return None
        return node

    def text(self, path: PathKey, *, required: bool = False) -> str:
        value = self.get(path)
        if value is None:
            if required:
                self.fail(path, f"missing required field '{path[-1]}'")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.fail(path, f"'{path[-1]}' must be text")
            return ""
        text = str(value).strip()
        if required and not text:
            self.fail(path, f"'{path[-1]}' must not be empty")
        return text

    def texts(self, path: PathKey) -> tuple[str, ...]:
        value = self.get(path)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(path, f"'{path[-1]}' must be a list")
            return ()
        out = []
        for i, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, str | int) or not str(item).strip():
                self.fail((*path, i), f"item {i + 1} of '{path[-1]}' must be non-empty text")
                continue
            out.append(str(item).strip())
        return tuple(out)

    def mapping(self, path: PathKey, *, required: bool = False) -> dict[str, Any]:
        value = self.get(path)
        if value is None:
            if required:
                self.fail(path, f"missing required section '{path[-1]}'")
            return {}
        if not isinstance(value, dict):
            self.fail(path, f"'{path[-1]}' must be a mapping of keys to values")
            return {}
        return value

    def number(self, path: PathKey, default: float, bounds: tuple[float, float], *, whole: bool = False) -> float:
        """A number within ``bounds`` (inclusive); ``whole`` for a count such as days."""
        value = self.get(path)
        if value is None:
            return default
        low, high = bounds
        ok = not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)
        if not ok or not low <= value <= high or (whole and value != int(value)):
            kind = "a whole number" if whole else "a number"
            self.fail(path, f"'{path[-1]}' must be {kind} from {low:g} to {high:g}")
            return default
        return float(value)

    def flag(self, path: PathKey, default: bool) -> bool:
        value = self.get(path)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(path, f"'{path[-1]}' must be true or false")
            return default
        return value

    def unknown_keys(self, path: PathKey, allowed: set[str]) -> None:
        """Keys outside ``allowed``; the shape of ``path`` itself is :meth:`mapping`'s to report."""
        value = self.get(path)
        for key in value if isinstance(value, dict) else ():
            if key not in allowed:
                self.fail((*path, key), f"unknown key '{key}' (expected one of: {', '.join(sorted(allowed))})")


_TOP = {
    "organisation",
    "safeguard_leads",
    "attendees",
    "attendees_file",
    "allow",
    "channels",
    "moderation",
    "escalation",
    "knowledge_maintainers",
}
_KINDS = {"organisation", "attendee", "phone", "email", "address", "image"}


Located = tuple[str, Problem]  # a roster name and where it is (a Problem with an empty message)


def _located(doc: LocatedDocument, path: PathKey, names: tuple[str, ...]) -> list[Located]:
    """Each name of the list at ``path`` with its line (texts() skips bad items, so match them by value)."""
    raw = doc.data
    for key in path:
        raw = raw[key]
    lines = [doc.problem((*path, i), "") for i, item in enumerate(raw) if str(item).strip() in names]
    return list(zip(names, lines, strict=False))


def _load_roster_file(reader: _Reader, base: Path) -> list[Located]:
    """A roster file is a YAML list of names, or plain text with one name a line."""
    rel = reader.text(("attendees_file",))
    if not rel:
        return []
    path = (base / rel) if not Path(rel).is_absolute() else Path(rel)
    if path.suffix.lower() in {".yaml", ".yml"}:
        try:
            roster_doc = load_located(path)
        except ConfigError as exc:
            reader.problems.extend(exc.problems)
            return []
        sub = _Reader(roster_doc)
        data = roster_doc.data
        key: PathKey = ("attendees",) if isinstance(data, dict) else ()
        if key and "attendees" not in data:
            sub.fail((), "roster file must be a list of names, or have an 'attendees' list")
        names = sub.texts(key) if key else (sub.texts(()) if isinstance(data, list) else ())
        if not key and not isinstance(data, list):
            sub.fail((), "roster file must be a list of names, or have an 'attendees' list")
        reader.problems.extend(sub.problems)
        return _located(roster_doc, key, names) if names else []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        reader.fail(("attendees_file",), f"cannot read roster file {path}: {exc.strerror or exc}")
        return []
    except UnicodeDecodeError as exc:
        reader.fail(("attendees_file",), f"roster file {path} is not UTF-8 text: {exc.reason}")
        return []
    return [
        (name, Problem(str(path), number, ""))
        for number, line in enumerate(lines, start=1)
        if (name := line.split("#", 1)[0].strip())
    ]


def _roster_notes(roster: list[Located]) -> list[Problem]:
    """What makes moderation find fewer attendees than listed: one-word names and repeated names."""
    notes: list[Problem] = []
    single = [where for name, where in roster if len(name.split()) < 2]
    if roster and len(single) == len(roster):
        first = single[0]
        notes.append(
            Problem(
                first.file,
                first.line,
                "every attendee name is a first name only: moderation recognises a first name with a surname, "
                "so it will find no attendee at all (add surnames)",
            )
        )
    elif single:
        shown = ", ".join(str(w.line) for w in single[:_SHOWN_LINES]) + (", ..." if len(single) > _SHOWN_LINES else "")
        notes.append(
            Problem(
                single[0].file,
                single[0].line,
                f"{len(single)} attendee name(s) are one word only (line(s) {shown}): moderation recognises a "
                "first name with a surname, so it will not find these (add surnames)",
            )
        )
    seen: dict[str, Problem] = {}
    for name, where in roster:
        key = " ".join(name.casefold().split())
        if key in seen:
            first = seen[key]
            at = f"line {first.line}" if first.file == where.file else f"{first.file}:{first.line}"
            notes.append(Problem(where.file, where.line, f"attendee name repeated (first at {at})"))
        else:
            seen[key] = where
    return notes


def _lead_checks(r: _Reader, leads: list[tuple[int, SafeguardLead]]) -> list[Problem]:
    """A lead nobody can reach is a problem; a phone with no number in it is a note."""
    notes: list[Problem] = []
    for i, lead in leads:
        p: PathKey = ("safeguard_leads", i)
        reachable = bool(lead.slack or lead.discord)
        if lead.phone and not usable_phone(lead.phone):
            if not reachable:
                r.fail(
                    (*p, "phone"),
                    f"Safeguard Lead {i + 1} cannot be reached: the phone has no number in it, and there is no "
                    "slack or discord id (give one, or a phone number)",
                )
                continue
            notes.append(
                r.doc.problem(
                    (*p, "phone"),
                    f"the phone of Safeguard Lead {i + 1} has no number in it; reporters are given the first "
                    "lead's phone number when a report cannot be delivered",
                )
            )
        elif not reachable and not lead.phone:
            r.fail(p, f"Safeguard Lead {i + 1} cannot be reached: give a slack or discord id, or a phone number")
    if leads and not any(usable_phone(lead.phone) for _, lead in leads):
        notes.append(
            r.doc.problem(
                ("safeguard_leads",),
                "no Safeguard Lead has a phone number: a reporter whose report cannot be stored or delivered "
                "is told to phone the lead, with no number to call",
            )
        )
    return notes


def parse_deployment(doc: LocatedDocument) -> Deployment:
    """Validate a parsed deployment document; raise :class:`ConfigError` listing every problem."""
    r = _Reader(doc)
    if not isinstance(doc.data, dict):
        message = "a deployment file must be a mapping with 'organisation' and 'safeguard_leads'"
        raise ConfigError([doc.problem((), message)])
    r.unknown_keys((), _TOP)

    r.mapping(("organisation",), required=True)
    r.unknown_keys(("organisation",), {"name", "aliases", "website", "venues"})
    organisation = Organisation(
        name=r.text(("organisation", "name"), required=True),
        aliases=r.texts(("organisation", "aliases")),
        website=r.text(("organisation", "website")),
        venues=r.texts(("organisation", "venues")),
    )

    leads_raw = r.get(("safeguard_leads",))
    leads: list[tuple[int, SafeguardLead]] = []
    if not isinstance(leads_raw, list) or not leads_raw:
        r.fail(("safeguard_leads",), "'safeguard_leads' must list at least one Safeguard Lead")
    else:
        for i, _ in enumerate(leads_raw):
            p: PathKey = ("safeguard_leads", i)
            if not isinstance(r.get(p), dict):
                r.fail(p, f"Safeguard Lead {i + 1} must be a mapping with at least 'name'")
                continue
            r.unknown_keys(p, {"name", "phone", "slack", "discord", "email", "titles"})
            lead = SafeguardLead(
                name=r.text((*p, "name"), required=True),
                phone=r.text((*p, "phone")),
                slack=r.text((*p, "slack")),
                discord=r.text((*p, "discord")),
                email=r.text((*p, "email")),
                titles=r.texts((*p, "titles")),
            )
            leads.append((i, lead))
    notes = _lead_checks(r, leads)

    maintainers: list[SafeguardLead] = []
    raw_maintainers = r.get(("knowledge_maintainers",))
    if raw_maintainers is not None and not isinstance(raw_maintainers, list):
        r.fail(("knowledge_maintainers",), "'knowledge_maintainers' must be a list of people")
    for i, item in enumerate(raw_maintainers if isinstance(raw_maintainers, list) else ()):
        p = ("knowledge_maintainers", i)
        if not isinstance(item, dict):
            r.fail(p, f"knowledge maintainer {i + 1} must be a mapping with at least 'name'")
            continue
        r.unknown_keys(p, {"name", "slack", "discord", "email"})
        person = SafeguardLead(
            name=r.text((*p, "name"), required=True),
            slack=r.text((*p, "slack")),
            discord=r.text((*p, "discord")),
            email=r.text((*p, "email")),
        )
        if not (person.slack or person.discord):
            r.fail(p, f"knowledge maintainer {i + 1} cannot be reached: give a slack or discord id")
        maintainers.append(person)

    inline = r.texts(("attendees",))
    roster = (_located(doc, ("attendees",), inline) if inline else []) + _load_roster_file(r, Path(doc.file).parent)
    notes += _roster_notes(roster)

    channels: dict[str, PlatformChannels] = {}
    for platform in r.mapping(("channels",)):
        p = ("channels", platform)
        if platform not in {"slack", "discord", "console"}:
            r.fail(p, f"unknown platform '{platform}' (expected slack, discord or console)")
            continue
        r.mapping(p)
        r.unknown_keys(p, {"watch", "ignore", "watch_detected", "guilds"})
        channels[platform] = PlatformChannels(
            watch=r.texts((*p, "watch")),
            ignore=r.texts((*p, "ignore")),
            watch_detected=r.flag((*p, "watch_detected"), True),
            guilds=r.texts((*p, "guilds")),
        )

    r.mapping(("moderation",))
    r.unknown_keys(("moderation",), {"notify_lead_with_attendee"})
    notify: tuple[str, ...] = DEFAULT_NOTIFY_WITH_ATTENDEE
    if r.get(("moderation", "notify_lead_with_attendee")) is not None:
        notify = r.texts(("moderation", "notify_lead_with_attendee"))
        for i, kind in enumerate(notify):
            if kind not in _KINDS:
                r.fail(("moderation", "notify_lead_with_attendee", i), f"unknown finding kind '{kind}'")

    r.mapping(("escalation",))
    r.unknown_keys(("escalation",), {"lead_unreachable_minutes", "retention_days"})
    unreachable = r.number(("escalation", "lead_unreachable_minutes"), 15.0, UNREACHABLE_MINUTES)
    retention = r.number(("escalation", "retention_days"), 365, RETENTION_DAYS, whole=True)

    if r.problems:
        raise ConfigError(r.problems)
    return Deployment(
        organisation=organisation,
        safeguard_leads=tuple(lead for _, lead in leads),
        attendees=tuple(name for name, _ in roster),
        allow=r.texts(("allow",)),
        channels=channels,
        notify_lead_with_attendee=tuple(notify),
        lead_unreachable_minutes=unreachable,
        retention_days=int(retention),
        knowledge_maintainers=tuple(maintainers),
        source=doc.file,
        notes=tuple(notes),
    )


def load_deployment(path: str | Path) -> Deployment:
    """Load and validate a deployment file; raise :class:`ConfigError` naming file, line and problem."""
    return parse_deployment(load_located(path))
