"""Discord adapter (discord.py): slash commands, a report context menu, watched channels, DM warnings."""

from adapters.discord.adapter import DiscordAdapter

__all__ = ["DiscordAdapter"]
