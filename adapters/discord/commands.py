"""The application commands the bot registers, built from the features' declarations.

Every slash command declared in :mod:`bot.commands` becomes a Discord command
with its options and choices; the report post action becomes the message
context menu "Report to Safeguard Lead", with its modal.

Callbacks only hand the interaction to :class:`Handler`; translating it into a
core event happens in :mod:`adapters.discord.interactions` from the
interaction's own data, so the parameters here exist to describe the commands
to Discord.
"""

from __future__ import annotations

import inspect
import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

import discord
from discord import app_commands

from bot.categories import CATEGORIES, DEFAULT_CATEGORY
from bot.commands import Command, CommandSet, PostAction, Surface
from bot.logs import describe_error

log = logging.getLogger(__name__)

#: The post action this adapter presents as a context menu with a report form.
REPORT_ACTION = "report_to_lead"


class Handler(Protocol):
    async def command(self, interaction: discord.Interaction) -> None: ...

    async def report_menu(self, interaction: discord.Interaction) -> None: ...


def build_tree(client: discord.Client, handler: Handler, commands: CommandSet) -> app_commands.CommandTree:
    """A command tree whose every command goes to ``handler``, and whose errors are logged by type and place."""
    tree = app_commands.CommandTree(client)
    tree.error(_log_command_error)
    for command in commands.on(Surface.SLASH):
        tree.add_command(slash_command(command, handler))
    for action in commands.post_actions:
        if Surface.POST_MENU not in action.surfaces:
            continue
        if action.id != REPORT_ACTION:
            log.warning("post action %s has no Discord form; it is not offered on Discord", action.id)
            continue
        tree.add_command(report_menu(action, handler))
    return tree


async def _log_command_error(interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
    """Replaces discord.py's traceback, whose exception text could quote what was typed."""
    log.error("a Discord command failed: %s", describe_error(getattr(error, "original", error)))


def slash_command(command: Command, handler: Handler) -> app_commands.Command[Any, Any, None]:
    """A Discord command from a declaration: one string parameter per option, required ones first."""

    async def callback(interaction: discord.Interaction, **_: str | None) -> None:
        await handler.command(interaction)

    ordered = sorted(command.options, key=lambda o: not o.required)
    parameters = [
        inspect.Parameter("interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction)
    ]
    for option in ordered:
        optional = inspect.Parameter.empty if option.required else None
        annotation: Any = str if option.required else str | None
        parameters.append(
            inspect.Parameter(option.name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=optional)
        )
    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]  # discord.py reads it
    described: Any = callback
    if command.options:
        described = app_commands.describe(**{o.name: o.description for o in command.options})(described)
    choices = {
        o.name: [app_commands.Choice(name=label[:100], value=value) for label, value in o.choices]
        for o in command.options
        if o.choices
    }
    if choices:
        described = app_commands.choices(**choices)(described)
    return app_commands.Command(name=command.name, description=command.description, callback=described)


def report_menu(action: PostAction, handler: Handler) -> app_commands.ContextMenu:
    async def report_message(interaction: discord.Interaction, message: discord.Message) -> None:
        await handler.report_menu(interaction)

    return app_commands.ContextMenu(name=action.label, callback=report_message)


Submit = Callable[[discord.Interaction, str, str, bool], Awaitable[None]]


class ReportModal(discord.ui.Modal):
    """Category and details for a reported post; the post itself was captured when the menu was used."""

    def __init__(self, submit: Submit, *, title: str, timeout: float = 900.0) -> None:
        super().__init__(title=title[:45], timeout=timeout, custom_id=f"report:{uuid.uuid4().hex}")
        self._submit = submit
        self.category: discord.ui.Select[ReportModal] = discord.ui.Select(
            custom_id="category",
            options=[
                discord.SelectOption(label=c.label[:100], value=c.key, default=c.key == DEFAULT_CATEGORY)
                for c in CATEGORIES
            ],
            min_values=1,
            max_values=1,
            required=True,
        )
        self.details: discord.ui.TextInput[ReportModal] = discord.ui.TextInput(
            custom_id="details",
            label="What worries you about this post? (optional)",
            style=discord.TextStyle.paragraph,
            required=False,
            max_length=1500,
        )
        self.anonymous: discord.ui.Checkbox[ReportModal] = discord.ui.Checkbox(custom_id="anonymous")
        self.add_item(discord.ui.Label(text="Category", component=self.category))
        self.add_item(discord.ui.Label(text="Details", component=self.details))
        self.add_item(
            discord.ui.Label(
                text="Do not tell the lead who I am",
                description="The lead can still ask you questions through the bot.",
                component=self.anonymous,
            )
        )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        chosen = self.category.values[0] if self.category.values else DEFAULT_CATEGORY
        await self._submit(interaction, chosen, self.details.value or "", bool(self.anonymous.value))

    async def on_error(  # type: ignore[override]  # Modal's signature, as discord.py declares it
        self, interaction: discord.Interaction, error: Exception, /
    ) -> None:
        """Type and place only: discord.py's own traceback could quote the details typed into the form."""
        log.error("the Discord report form failed: %s", describe_error(error))


TextSubmit = Callable[[discord.Interaction, str], Awaitable[None]]


class CommandModal(discord.ui.Modal):
    """The form a button on one of the bot's messages opens: one text box; its text completes the button's command."""

    def __init__(self, submit: TextSubmit, *, title: str, prompt: str, timeout: float = 900.0) -> None:
        super().__init__(title=title[:45] or "Reply", timeout=timeout, custom_id=f"command:{uuid.uuid4().hex}")
        self._submit = submit
        self.text: discord.ui.TextInput[CommandModal] = discord.ui.TextInput(
            custom_id="text", style=discord.TextStyle.paragraph, required=True, max_length=1800
        )
        self.add_item(discord.ui.Label(text=(prompt or "Your message")[:45], component=self.text))

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await self._submit(interaction, self.text.value or "")

    async def on_error(  # type: ignore[override]  # Modal's signature, as discord.py declares it
        self, interaction: discord.Interaction, error: Exception, /
    ) -> None:
        log.error("a Discord reply form failed: %s", describe_error(error))
