"""The "Report to Safeguard Lead" flow on Slack: the shortcut opens the form, the submission becomes a report.

The full snapshot of the post is kept in memory by a random key that travels in
the form's ``private_metadata`` with a (possibly shortened) copy, so a long post
reaches the lead whole and a restart between the two steps still loses nothing
but the tail of a very long post.
"""

from __future__ import annotations

import logging
import secrets
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.delivery import SlackDelivery
from adapters.slack.inbound import PLATFORM, message_permalink
from adapters.slack.modal import pack_snapshot, parse_submission, report_modal, snapshot_from_shortcut, unpack_snapshot
from adapters.slack.outbound import error_code
from bot.actions import PrivateNotice
from bot.categories import DEFAULT_CATEGORY
from bot.events import MessageReported

log = logging.getLogger(__name__)

FORM_FAILED = "Sorry, the report form could not be opened. Please try again, or use /report to tell the Safeguard Lead."
KEEP = 500  # forms open at once, at most; older snapshots fall back to the copy in private_metadata


class ReportFlow:
    def __init__(self, client: AsyncWebClient, delivery: SlackDelivery) -> None:
        self.client = client
        self.delivery = delivery
        self.team_url = ""
        self.suggest: Callable[[str], str] = lambda text: ""  # the post's words -> a category key ("" for none)
        self._snapshots: OrderedDict[str, dict[str, Any]] = OrderedDict()

    async def open_form(self, body: Mapping[str, Any]) -> None:
        """Snapshot the post, then open the form; if Slack will not open it, tell the reporter privately."""
        snapshot = snapshot_from_shortcut(body)
        user_field = body.get("user")
        user: Mapping[str, Any] = user_field if isinstance(user_field, Mapping) else {}
        reporter = str(user.get("id") or "")
        self.delivery.response_urls.remember(snapshot["channel_id"], reporter, str(body.get("response_url") or ""))
        snapshot["permalink"] = await self._permalink(snapshot["channel_id"], snapshot["ts"])
        key = secrets.token_urlsafe(12)
        snapshot["default"] = self.suggest(snapshot["text"]) or DEFAULT_CATEGORY
        self._snapshots[key] = snapshot
        while len(self._snapshots) > KEEP:
            self._snapshots.popitem(last=False)
        try:
            view = report_modal(pack_snapshot(snapshot, key), snapshot["default"])
            await self.client.views_open(trigger_id=str(body.get("trigger_id") or ""), view=view)
        except Exception as exc:  # the trigger lasts 3 s; say so rather than lose the report silently
            log.warning("views.open failed: %s", error_code(exc))
            await self.delivery.perform(PrivateNotice(PLATFORM, reporter, snapshot["channel_id"], FORM_FAILED))

    async def submitted(self, body: Mapping[str, Any]) -> MessageReported:
        """The report from a submitted form, with the full snapshot and the author's name."""
        view_field = body.get("view")
        view: Mapping[str, Any] = view_field if isinstance(view_field, Mapping) else {}
        metadata = unpack_snapshot(str(view.get("private_metadata") or ""))
        snapshot = self._snapshots.pop(str(metadata.get("key") or ""), None) or metadata
        if not snapshot.get("author_name"):
            snapshot = {**snapshot, "author_name": await self._author_name(str(snapshot.get("author_id") or ""))}
        return parse_submission(body, snapshot)

    async def _permalink(self, channel_id: str, ts: str) -> str:
        """Slack's link to the post; built from the workspace address where Slack will not say (bot not a member)."""
        try:
            response = await self.client.chat_getPermalink(channel=channel_id, message_ts=ts)
            return str(response.get("permalink") or "")
        except Exception as exc:
            log.warning("chat.getPermalink failed: %s", error_code(exc))
            return message_permalink(self.team_url, channel_id, ts)

    async def _author_name(self, user_id: str) -> str:
        """The author's display name for the lead's eyes (never logged); empty for apps or on failure."""
        if not user_id.startswith(("U", "W")):
            return ""
        try:
            response = await self.client.users_info(user=user_id)
        except Exception as exc:
            log.warning("users.info failed: %s", error_code(exc))
            return ""
        user = response.get("user") or {}
        profile = user.get("profile") or {}
        return str(profile.get("display_name") or user.get("real_name") or user.get("name") or "")
