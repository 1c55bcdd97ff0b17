"""Who can read Slack channels, as :class:`~bot.events.ChannelExposureChanged` for the core.

People outside the organisation can read a Slack channel when it is shared with
another organisation (Slack Connect: ``is_ext_shared``). At start-up the
adapter lists the channels the bot is a member of (``users.conversations``)
and reports them all, with the deployment's watched channels the bot cannot
read (not a member, or not shown to it); while it runs it reports the channel
named by ``channel_shared`` and ``channel_unshared``. The other organisations
are named from ``team.info`` (scope ``team:read``) when Slack allows, else by
their Slack id. Whether moderation watches a channel is the rule of
:func:`adapters.slack.channels.decide`, so the two can never disagree.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.channels import ChannelFacts, decide
from adapters.slack.outbound import error_code
from adapters.slack.text import ts_to_datetime
from bot.deployment import PlatformChannels
from bot.events import ChannelExposure, ChannelExposureChanged, ChannelKind

log = logging.getLogger(__name__)

PLATFORM = "slack"
_CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{6,}$")
MAX_PAGES = 100  # of 200 channels each: a bound on the start-up listing, not a limit anyone should reach
NOT_A_MEMBER = "the bot is not a member of it: invite the bot to the channel"
NOT_SHOWN = "Slack does not show this channel to the bot (private and the bot not invited, or a wrong id)"
NO_SUCH_NAME = "no channel of this name among the bot's channels: invite the bot, or check the name"
STARTED = "The bot looked at its Slack channels on starting"
CAUSES = {
    "channel_shared": "Slack reported the channel shared with another organisation (Slack Connect)",
    "channel_unshared": "Slack reported an organisation removed from the channel (Slack Connect)",
    "channel_rename": "Slack reported the channel renamed",
}


def _name_key(entry: str) -> str:
    return entry.lstrip("#").strip().lower()


def external_teams(channel: Mapping[str, Any], own_team: str, *extra: str) -> list[str]:
    """The other organisations' Slack ids a channel is shared with, in Slack's order, without the bot's own."""
    internal = {str(t) for t in channel.get("internal_team_ids") or ()} | {own_team, ""}
    found: list[str] = []
    for key in ("connected_team_ids", "shared_team_ids"):
        found += [str(t) for t in channel.get(key) or () if isinstance(t, str)]
    found += list(extra)
    return [t for t in dict.fromkeys(found) if t not in internal]


def shared_reason(names: Iterable[str]) -> str:
    """``shared with Acme Trust (Slack Connect)``; ``another organisation`` when Slack did not say which."""
    shown = [n for n in names if n]
    return f"shared with {', '.join(shown) if shown else 'another organisation'} (Slack Connect)"


class SlackExposure:
    """Asks Slack who can read the bot's channels; never reads a post."""

    def __init__(self, client: AsyncWebClient, config: PlatformChannels) -> None:
        self.client = client
        self.config = config
        self.team_id = ""
        self.team_url = ""
        self._team_names: dict[str, str] = {}
        self._warned: set[str] = set()

    # -- what the core is told ---------------------------------------------------------------------------------

    async def look(self) -> ChannelExposureChanged | None:
        """Every channel the bot is a member of, and the watched ones it cannot read; None if Slack cannot list."""
        listed = await self._member_channels()
        if listed is None:
            return None
        channels = [await self._exposure(c, {}) for c in listed]
        channels += await self._watched_but_unread(listed)
        return ChannelExposureChanged(
            PLATFORM, self.team_id, tuple(channels), cause=STARTED, initial=True, complete=True
        )

    async def on_sharing(self, event: Mapping[str, Any], event_id: str, team_id: str) -> ChannelExposureChanged | None:
        """The channel a ``channel_shared``, ``channel_unshared`` or ``channel_rename`` event names, as it is now."""
        kind = str(event.get("type") or "")
        channel_id = str(event.get("channel") or "")
        if isinstance(event.get("channel"), Mapping):  # channel_rename carries the channel object
            channel_id = str(event["channel"].get("id") or "")
        if not channel_id:
            return None
        info = await self._info(channel_id)
        if kind == "channel_shared":
            external = bool(info.get("is_ext_shared")) if info is not None else True
            extra = [str(event.get("connected_team_id") or "")]
        elif kind == "channel_unshared":
            still = event.get("is_ext_shared")
            external = bool(still) if isinstance(still, bool) else bool(info and info.get("is_ext_shared"))
            extra = []
        elif info is not None:
            external, extra = bool(info.get("is_ext_shared")), []
        else:
            return None  # a rename Slack will not describe: nothing to report
        facts: dict[str, Any] = {"id": channel_id, **(info or {}), "is_ext_shared": external}
        if kind == "channel_unshared":
            gone = str(event.get("previously_connected_team_id") or "")
            for key in ("connected_team_ids", "shared_team_ids"):
                facts[key] = [t for t in facts.get(key) or () if t != gone]
        seen = await self._exposure(facts, info or {}, *[t for t in extra if t])
        return ChannelExposureChanged(
            PLATFORM,
            team_id or self.team_id,
            (seen,),
            cause=CAUSES.get(kind, ""),
            changed_at=ts_to_datetime(event.get("event_ts")),
            event_id=event_id,
        )

    # -- one channel ---------------------------------------------------------------------------------------------

    async def _exposure(self, channel: Mapping[str, Any], info: Mapping[str, Any], *extra: str) -> ChannelExposure:
        channel_id = str(channel.get("id") or "")
        name = str(channel.get("name") or "")
        external = bool(channel.get("is_ext_shared"))
        reason = ""
        if external:
            teams = external_teams(channel, self.team_id, *extra)
            if not teams and not info:  # the listing did not say which organisations: ask about this channel
                info = await self._info(channel_id) or {}
                teams = external_teams(info, self.team_id)
            reason = shared_reason([await self._team_name(t) for t in teams])
        member = channel.get("is_member")
        readable = member is not False
        return ChannelExposure(
            channel_id=channel_id,
            channel_name=name,
            readable_by_outsiders=external,
            reason=reason,
            watched=self._watched(channel_id, name, external),
            bot_can_read=readable,
            problem="" if readable else NOT_A_MEMBER,
            link=self._link(channel_id),
        )

    async def _watched_but_unread(self, listed: list[Mapping[str, Any]]) -> list[ChannelExposure]:
        """Watched entries (ids or names) that are not among the bot's channels: why the bot cannot read them."""
        ids = {str(c.get("id")) for c in listed}
        names = {str(c.get("name") or "").lower() for c in listed}
        out: list[ChannelExposure] = []
        for entry in self.config.watch:
            if _CHANNEL_ID.match(entry):
                if entry in ids:
                    continue
                info = await self._info(entry, quiet={"channel_not_found"})
                if info is None:
                    if self._watched(entry, "", False):
                        out.append(ChannelExposure(entry, watched=True, bot_can_read=False, problem=NOT_SHOWN))
                    continue
                out.append(await self._exposure({"id": entry, "is_member": False, **info}, info))
            elif _name_key(entry) not in names and self._watched("", _name_key(entry), False):
                key = _name_key(entry)
                out.append(ChannelExposure(f"#{key}", key, watched=True, bot_can_read=False, problem=NO_SUCH_NAME))
        return out

    def _watched(self, channel_id: str, name: str, external: bool) -> bool:
        facts = ChannelFacts(name, external)
        return decide(channel_id or f"#{name}", facts, self.config) is ChannelKind.SHARED

    def _link(self, channel_id: str) -> str:
        return f"{self.team_url.rstrip('/')}/archives/{channel_id}" if self.team_url and channel_id else ""

    # -- asking Slack --------------------------------------------------------------------------------------------

    async def _member_channels(self) -> list[Mapping[str, Any]] | None:
        channels: list[Mapping[str, Any]] = []
        cursor = ""
        for _ in range(MAX_PAGES):
            try:
                response = await self.client.users_conversations(
                    types="public_channel,private_channel", exclude_archived=True, limit=200, cursor=cursor or None
                )
            except SlackApiError as exc:
                log.warning("users.conversations failed, channel exposure not looked at: %s", error_code(exc))
                return None
            except Exception as exc:
                log.warning("users.conversations failed, channel exposure not looked at: %s", type(exc).__name__)
                return None
            page = response.get("channels") or []
            channels += [c for c in page if isinstance(c, Mapping) and c.get("id")]
            meta = response.get("response_metadata") or {}
            cursor = str(meta.get("next_cursor") or "") if isinstance(meta, Mapping) else ""
            if not cursor:
                break
        return channels

    async def _info(self, channel_id: str, quiet: frozenset[str] | set[str] = frozenset()) -> dict[str, Any] | None:
        try:
            response = await self.client.conversations_info(channel=channel_id)
        except SlackApiError as exc:
            if error_code(exc) not in quiet:
                log.warning("conversations.info failed for a channel: %s", error_code(exc))
            return None
        except Exception as exc:
            log.warning("conversations.info failed for a channel: %s", type(exc).__name__)
            return None
        channel = response.get("channel")
        return dict(channel) if isinstance(channel, Mapping) else None

    async def _team_name(self, team_id: str) -> str:
        """The other organisation's name from ``team.info``; its Slack id when Slack will not say."""
        if team_id not in self._team_names:
            name = ""
            try:
                response = await self.client.team_info(team=team_id)
                team = response.get("team")
                name = str(team.get("name") or "") if isinstance(team, Mapping) else ""
            except SlackApiError as exc:
                code = error_code(exc)
                if code not in self._warned:  # once per code: missing_scope would otherwise repeat per channel
                    self._warned.add(code)
                    log.warning("team.info failed, organisations shown by id: %s", code)
            except Exception as exc:
                log.warning("team.info failed, organisations shown by id: %s", type(exc).__name__)
                return f"Slack organisation {team_id}"
            self._team_names[team_id] = name or f"Slack organisation {team_id}"
        return self._team_names[team_id]
