"""What each feature offers, declared as data: commands and actions on a post.

A feature lists its :class:`Command` and :class:`PostAction` declarations; the
core builds one :class:`CommandSet` from all of them. From that one set the core
checks roles, answers unknown commands and builds ``/help``; the Discord adapter
builds its command tree, the console its help line, and a test holds the Slack
manifest to it. Adding a command therefore means declaring it in its feature
(and, for Slack, pasting it into the app's manifest).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from bot.actions import Card
from bot.roles import Role

#: Discord's limit for a command's and an option's description; Slack's is wider.
DESCRIPTION_LIMIT = 100
LEADS_ONLY = " (Safeguard Leads only)"
MAINTAINERS = " (leads and knowledge maintainers)"


class Surface(StrEnum):
    """Where a declaration appears on a platform."""

    SLASH = "slash"  # a slash command (Slack, Discord) or a typed /command (console)
    POST_MENU = "post_menu"  # Slack message shortcut, Discord message context menu
    BUTTON = "button"  # a button on a card the bot sent


@dataclass(frozen=True, slots=True)
class Option:
    """One input of a command.

    ``in_text``: the option's value becomes part of the command's text, in the
    order declared; otherwise it travels on the event under its own name
    (``category`` is the only such field today).
    """

    name: str
    description: str
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (label, value)
    in_text: bool = True


@dataclass(frozen=True, slots=True)
class Command:
    """A command people type: ``/name usage``."""

    name: str
    summary: str  # one line, said in /help and on every platform
    role: Role = Role.MEMBER
    usage: str = ""  # what follows the name in /help, e.g. "<question>"
    example: str = ""  # an example of what to type after it (Slack's usage hint)
    options: tuple[Option, ...] = ()
    surfaces: frozenset[Surface] = frozenset({Surface.SLASH})

    def __post_init__(self) -> None:
        if not self.name.isascii() or not self.name.islower() or not self.name.replace("-", "").isalnum():
            raise ValueError(f"command name {self.name!r} must be lower-case letters and digits")
        if len(self.description) > DESCRIPTION_LIMIT:
            raise ValueError(f"/{self.name}: description longer than {DESCRIPTION_LIMIT} characters")

    @property
    def description(self) -> str:
        """The summary as a platform shows it, saying when only leads may use it."""
        if self.role >= Role.SAFEGUARD_LEAD:
            return self.summary + LEADS_ONLY
        return self.summary + (MAINTAINERS if self.role > Role.MEMBER else "")

    @property
    def text_options(self) -> tuple[str, ...]:
        return tuple(o.name for o in self.options if o.in_text)


@dataclass(frozen=True, slots=True)
class PostAction:
    """An action taken on someone's post (a message shortcut or context menu), e.g. reporting it."""

    id: str  # stable id: Slack's callback_id
    label: str  # what the menu says; Discord's context-menu name
    summary: str
    role: Role = Role.MEMBER
    surfaces: frozenset[Surface] = frozenset({Surface.POST_MENU})


@dataclass(frozen=True, slots=True)
class Offer:
    """Everything one feature declares, with the name of the feature that answers it."""

    feature: str
    commands: tuple[Command, ...] = ()
    post_actions: tuple[PostAction, ...] = ()
    does: str = ""  # what the feature does for people, after "I": "answer questions about ..."
    help_note: str = ""  # one sentence for /help's footer, e.g. that people may also mention the bot


@dataclass(frozen=True, slots=True)
class CommandSet:
    """Every declaration of every feature, checked for clashes once at start-up."""

    offers: tuple[Offer, ...] = ()
    _by_name: dict[str, tuple[Command, str]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, offers: Iterable[Offer]) -> CommandSet:
        offers = tuple(offers)
        by_name: dict[str, tuple[Command, str]] = {}
        action_ids: dict[str, str] = {}
        for offer in offers:
            for command in offer.commands:
                if command.name in by_name:
                    other = by_name[command.name][1]
                    raise ValueError(f"/{command.name} is declared by both {other} and {offer.feature}")
                by_name[command.name] = (command, offer.feature)
            for action in offer.post_actions:
                if action.id in action_ids:
                    other = action_ids[action.id]
                    raise ValueError(f"post action {action.id} is declared by both {other} and {offer.feature}")
                action_ids[action.id] = offer.feature
        return cls(offers, by_name)

    def __iter__(self) -> Iterator[Command]:
        return (command for command, _ in self._by_name.values())

    def get(self, name: str) -> Command | None:
        found = self._by_name.get(name.lower())
        return found[0] if found else None

    def on(self, surface: Surface) -> list[Command]:
        """The commands shown on ``surface``: everyone's first, then the leads', each in declared order."""
        return sorted((c for c in self if surface in c.surfaces), key=lambda c: c.role)

    @property
    def post_actions(self) -> list[PostAction]:
        return [a for offer in self.offers for a in offer.post_actions]

    def post_action(self, action_id: str) -> PostAction | None:
        return next((a for a in self.post_actions if a.id == action_id), None)

    def usage_line(self, command: Command) -> str:
        return f"/{command.name} {command.usage}".strip()

    def help_card(self) -> Card:
        """``/help`` from the declarations: what the bot does, every slash command, what else people can do."""
        does = [o.does for o in self.offers if o.does]
        joined = ", ".join(does[:-1]) + " and " + does[-1] if len(does) > 1 else "".join(does)
        intro = f"I {joined}." if joined else "Here is what you can ask me to do."
        fields = tuple((self.usage_line(c), c.description) for c in self.on(Surface.SLASH))
        notes = [o.help_note for o in self.offers if o.help_note]
        menus = [a for a in self.post_actions if Surface.POST_MENU in a.surfaces]
        notes += [f"{a.label} is also on every post's menu." for a in menus]
        return Card(title="What I can do", body=intro, fields=fields, footer=" ".join(notes), colour="info")

    def summary_line(self) -> str:
        """One line naming the commands, members' first: for a terminal's help."""
        member = [self.usage_line(c) for c in self.on(Surface.SLASH) if c.role <= Role.MEMBER]
        lead = [self.usage_line(c) for c in self.on(Surface.SLASH) if c.role > Role.MEMBER]
        line = "Bot commands: " + ", ".join(member)
        return line + (f", and for leads {', '.join(lead)}." if lead else ".")
