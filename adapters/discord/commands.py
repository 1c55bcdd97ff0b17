"""The application commands the bot registers: ``/policy``, ``/report``, ``/cases``, ``/case``,
``/warnings``, ``/help``, the message context menu "Report to Safeguard Lead" and its modal.

Callbacks only hand the interaction to :class:`Handler`; translating it into a
core event happens in :mod:`adapters.discord.translate` from the interaction's
own data, so the typed parameters here exist to describe the commands to Discord.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Protocol

import discord
from discord import app_commands

from bot.categories import CATEGORIES, DEFAULT_CATEGORY

REPORT_MENU = "Report to Safeguard Lead"
_CASE_ACTIONS = [
    app_commands.Choice(name="show the case", value="show"),
    app_commands.Choice(name="add a note", value="note"),
    app_commands.Choice(name="resolve it (with a note)", value="resolve"),
]
_CATEGORY_CHOICES = [app_commands.Choice(name=c.label[:100], value=c.key) for c in CATEGORIES]


class Handler(Protocol):
    async def command(self, interaction: discord.Interaction) -> None: ...

    async def report_menu(self, interaction: discord.Interaction) -> None: ...


def build_tree(client: discord.Client, handler: Handler) -> app_commands.CommandTree:
    """A command tree whose every command goes to ``handler``."""
    tree = app_commands.CommandTree(client)

    @tree.command(name="policy", description="Ask what the safeguarding policy says")
    @app_commands.describe(question="Your question, e.g. can I post photos from a session?")
    async def policy(interaction: discord.Interaction, question: str) -> None:
        await handler.command(interaction)

    @tree.command(name="report", description="Report a safeguarding concern to the Safeguard Lead (only you see this)")
    @app_commands.describe(what_happened="What happened, where and when", category="What kind of concern it is")
    @app_commands.choices(category=_CATEGORY_CHOICES)
    async def report(
        interaction: discord.Interaction,
        what_happened: str,
        category: app_commands.Choice[str] | None = None,
    ) -> None:
        await handler.command(interaction)

    @tree.command(name="cases", description="Safeguard Lead: list open cases")
    async def cases(interaction: discord.Interaction) -> None:
        await handler.command(interaction)

    @tree.command(name="case", description="Safeguard Lead: show or update one case")
    @app_commands.describe(ref="Case reference, e.g. SG-2026-0042", action="What to do with it", text="Your note")
    @app_commands.choices(action=_CASE_ACTIONS)
    async def case(
        interaction: discord.Interaction,
        ref: str,
        action: app_commands.Choice[str] | None = None,
        text: str | None = None,
    ) -> None:
        await handler.command(interaction)

    @tree.command(name="warnings", description="Safeguard Lead: recent moderation warnings")
    async def warnings(interaction: discord.Interaction) -> None:
        await handler.command(interaction)

    @tree.command(name="help", description="What this bot does and how to use it")
    async def help_(interaction: discord.Interaction) -> None:
        await handler.command(interaction)

    async def report_message(interaction: discord.Interaction, message: discord.Message) -> None:
        await handler.report_menu(interaction)

    tree.add_command(app_commands.ContextMenu(name=REPORT_MENU, callback=report_message))
    return tree


Submit = Callable[[discord.Interaction, str, str], Awaitable[None]]


class ReportModal(discord.ui.Modal):
    """Category and details for a reported post; the post itself was captured when the menu was used."""

    def __init__(self, submit: Submit, *, timeout: float = 900.0) -> None:
        super().__init__(title=REPORT_MENU, timeout=timeout, custom_id=f"report:{uuid.uuid4().hex}")
        self._submit = submit
        self.category: discord.ui.Select = discord.ui.Select(
            custom_id="category",
            options=[
                discord.SelectOption(label=c.label[:100], value=c.key, default=c.key == DEFAULT_CATEGORY)
                for c in CATEGORIES
            ],
            min_values=1,
            max_values=1,
            required=True,
        )
        self.details: discord.ui.TextInput = discord.ui.TextInput(
            custom_id="details",
            label="What worries you about this post? (optional)",
            style=discord.TextStyle.paragraph,
            required=False,
            max_length=1500,
        )
        self.add_item(discord.ui.Label(text="Category", component=self.category))
        self.add_item(discord.ui.Label(text="Details", component=self.details))

    async def on_submit(self, interaction: discord.Interaction) -> None:
        chosen = self.category.values[0] if self.category.values else DEFAULT_CATEGORY
        await self._submit(interaction, chosen, self.details.value or "")
