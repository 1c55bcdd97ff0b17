"""What moderation offers: ``/warnings`` and ``/allowed`` for leads, and the buttons on its messages.

The buttons are commands on :attr:`~bot.commands.Surface.BUTTON` only: a press reaches the core as the
command with the warning's id as its text, so the core checks who may press it (the leads' buttons are
refused to anyone else) and routes it here. The console, which has no buttons, shows them as the command
to type.
"""

from __future__ import annotations

from bot.commands import Command, Offer, Surface
from bot.roles import Role

_BUTTON = frozenset({Surface.BUTTON})

WARNINGS = Command(
    "warnings",
    "Recent private moderation warnings, without the posts' text",
    role=Role.SAFEGUARD_LEAD,
    usage="[how many]",
    example="20",
)
ALLOWED = Command(
    "allowed",
    "Values moderation no longer warns about; remove one",
    role=Role.SAFEGUARD_LEAD,
    usage="[remove NUMBER]",
    example="remove 2",
)
FIXED = Command("warning-fixed", "I've fixed my post: check it again", usage="<warning>", surfaces=_BUTTON)
WRONG = Command(
    "warning-wrong", "I think this warning is wrong: ask the Safeguard Lead", usage="<warning>", surfaces=_BUTTON
)
ALLOW = Command(
    "warning-allow",
    "Allow what this warning found, from now on",
    role=Role.SAFEGUARD_LEAD,
    usage="<warning>",
    surfaces=_BUTTON,
)
UPHOLD = Command("warning-uphold", "Uphold this warning", role=Role.SAFEGUARD_LEAD, usage="<warning>", surfaces=_BUTTON)

OFFER = Offer(
    "moderation",
    commands=(WARNINGS, ALLOWED, FIXED, WRONG, ALLOW, UPHOLD),
    does="warn people privately when a post in a shared channel exposes personal details",
)
