"""The Slack app manifest's commands and shortcuts, as the features declare them.

Slack reads commands from the app's manifest, which an admin pastes in once, so
the file in the repository must agree with the declarations;
``tests/test_slack_manifest.py`` fails when it does not and prints the entries
to paste.
"""

from __future__ import annotations

from typing import Any

import yaml

from bot.commands import CommandSet, Surface


def manifest_entries(commands: CommandSet) -> dict[str, list[dict[str, Any]]]:
    """``features.slash_commands`` and ``features.shortcuts`` for the manifest."""
    slash: list[dict[str, Any]] = []
    for command in commands.on(Surface.SLASH):
        entry: dict[str, Any] = {"command": f"/{command.name}", "description": command.description}
        if command.example:
            entry["usage_hint"] = command.example
        entry["should_escape"] = False
        slash.append(entry)
    shortcuts = [
        {"name": a.label, "type": "message", "callback_id": a.id, "description": a.summary}
        for a in commands.post_actions
        if Surface.POST_MENU in a.surfaces
    ]
    return {"shortcuts": shortcuts, "slash_commands": slash}


class _Indented(yaml.SafeDumper):
    """Lists indented under their key, as in the manifest file."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def manifest_yaml(commands: CommandSet) -> str:
    """The same entries as YAML, indented to paste under ``features:``."""
    entries = manifest_entries(commands)
    text = yaml.dump(entries, Dumper=_Indented, sort_keys=False, allow_unicode=True, width=200)
    return "".join(f"  {line}\n" for line in text.splitlines())
