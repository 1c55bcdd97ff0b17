"""Performing core actions on Discord, and turning every platform error into a :class:`Delivery`.

Where an action goes depends on what triggered it, which the adapter records in
a context variable for the duration of ``core.handle``:

- an interaction (slash command, context menu, modal): a :class:`Reply` or a
  :class:`PrivateNotice` to its user becomes the ephemeral interaction response,
  or an ephemeral follow-up once it has been answered or deferred;
- a message that mentioned the bot: a :class:`Reply` in that channel references it;
- otherwise a :class:`PrivateNotice` is a direct message, since Discord has no
  private reply to an ordinary post. It is never reposted in the channel: a user
  whose DMs are closed yields ``Delivery.refused`` and the feature records it.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import aiohttp
import discord

from adapters.discord._json import Malformed, attachments
from adapters.discord.render import buttons_view, chunks, embed
from bot.actions import (
    Action,
    Card,
    Delivery,
    DirectMessage,
    PostLookup,
    PostNow,
    PrivateNotice,
    Reply,
    Seen,
    SentCheck,
    SentCheckResult,
)

log = logging.getLogger(__name__)

#: Discord error codes meaning "this will not succeed as things stand".
_REFUSED_CODES = {
    50007: "recipient does not accept direct messages",
    10013: "unknown user",
    10003: "unknown channel",
    50001: "bot cannot see that channel",
    50013: "bot lacks permission there",
    50033: "invalid recipient",
}
_NO_MENTIONS = discord.AllowedMentions.none()


class InteractionResponder:
    """Answers one interaction ephemerally: the first answer is the response, later ones follow-ups."""

    def __init__(self, interaction: discord.Interaction) -> None:
        self.interaction = interaction
        self.answered = False
        self._lock = asyncio.Lock()

    async def defer(self) -> None:
        """Acknowledge within Discord's 3 s (type 5, ephemeral) when the work takes longer."""
        async with self._lock:
            if not self.interaction.response.is_done():
                await self.interaction.response.defer(ephemeral=True, thinking=True)

    async def send(self, text: str, card: Card | None) -> str:
        async with self._lock:
            ref = ""
            pieces: list[tuple[str | None, discord.Embed | None]] = (
                [(None, embed(card))] if card is not None else [(p, None) for p in chunks(text)]
            )
            view = buttons_view(card)
            for index, (content, em) in enumerate(pieces):
                # discord.py tells "no embed" (MISSING) from embed=None, so an absent one is passed as MISSING.
                embed_or_missing = discord.utils.MISSING if em is None else em
                view_or_missing = view if view is not None and index == len(pieces) - 1 else discord.utils.MISSING
                if not self.interaction.response.is_done():
                    await self.interaction.response.send_message(
                        content,
                        embed=embed_or_missing,
                        view=view_or_missing,
                        ephemeral=True,
                        allowed_mentions=_NO_MENTIONS,
                    )
                    ref = str(self.interaction.id)
                else:
                    message = await self.interaction.followup.send(
                        discord.utils.MISSING if content is None else content,
                        embed=embed_or_missing,
                        view=view_or_missing,
                        wait=True,
                        ephemeral=True,
                        allowed_mentions=_NO_MENTIONS,
                    )
                    ref = str(message.id)
            if view is not None:
                view.stop()  # the adapter answers clicks itself (on_interaction)
            self.answered = True
            return ref


@dataclass(frozen=True, slots=True)
class InteractionTrigger:
    responder: InteractionResponder
    user_id: str
    channel_id: str


@dataclass(frozen=True, slots=True)
class MessageTrigger:
    channel_id: str
    message_id: str
    dm: bool = False  # the message was written to the bot directly: a reply there is as private as a DM


Trigger = InteractionTrigger | MessageTrigger
current_trigger: contextvars.ContextVar[Trigger | None] = contextvars.ContextVar("discord_trigger", default=None)


@dataclass
class Deliverer:
    """Sends actions with a logged-in client; remembers DM channel ids so each user costs one lookup."""

    client: discord.Client
    dm_channels: dict[str, int] = field(default_factory=dict)

    async def perform(self, action: Action) -> Delivery:
        try:
            return await self._perform(action)
        except discord.HTTPException as exc:
            return _from_http_error(action, exc)
        except (TimeoutError, aiohttp.ClientError, OSError, KeyError, ValueError) as exc:
            # Network trouble, or an answer from Discord without the fields expected: may work next time.
            log.warning("discord %s failed: %s", type(action).__name__, type(exc).__name__)
            return Delivery.failed(type(exc).__name__)

    async def _perform(self, action: Action) -> Delivery:
        trigger = current_trigger.get()
        if isinstance(trigger, InteractionTrigger) and _answers(action, trigger):
            return Delivery.sent(await trigger.responder.send(action.text, action.card))
        if isinstance(action, DirectMessage):
            # As plain text with embeds suppressed: a link in it (a reported post's, a file's) never previews.
            return await self._direct(action.user_id, action.text, action.card, nonce=action.key, quiet=True)
        if isinstance(action, PrivateNotice):  # Discord has no private reply to a post: the author's DMs
            delivered = await self._direct(action.user_id, action.text, action.card)
            return replace(delivered, details={"via": "dm"}) if delivered.ok else delivered
        if isinstance(action, Reply):
            reference = (
                trigger if isinstance(trigger, MessageTrigger) and trigger.channel_id == action.channel_id else None
            )
            in_dm = reference is not None and reference.dm  # an answer to a DM carries its buttons, as a DM does
            return await self._post(action.channel_id, action.text, action.card, reference, private=in_dm)
        raise TypeError(f"the Discord adapter cannot perform {type(action).__name__}")

    async def _dm_channel(self, user_id: str) -> int:
        channel_id = self.dm_channels.get(user_id)
        if channel_id is None:
            data = await self.client.http.start_private_message(int(user_id))
            channel_id = self.dm_channels[user_id] = int(data["id"])
        return channel_id

    async def _direct(
        self, user_id: str, text: str, card: Card | None, *, nonce: str = "", quiet: bool = False
    ) -> Delivery:
        if not user_id.isdigit():
            return Delivery.refused("not a Discord user id")
        channel_id = await self._dm_channel(user_id)
        return await self._post(str(channel_id), text, card, None, private=True, nonce=nonce, quiet=quiet)

    async def fetch_post(self, lookup: PostLookup) -> PostNow:
        """One message as it stands now (``GET /channels/{id}/messages/{id}``): its content and its files'
        descriptions, never the files themselves."""
        if not (lookup.channel_id.isdigit() and lookup.message_id.isdigit()):
            return PostNow(Seen.NOT_FOUND)
        try:
            data = await self.client.http.get_message(int(lookup.channel_id), int(lookup.message_id))
        except discord.NotFound:
            return PostNow(Seen.NOT_FOUND)
        except (discord.HTTPException, TimeoutError, aiohttp.ClientError, OSError) as exc:
            log.warning("reading a post on discord failed: %s", type(exc).__name__)
            return PostNow(Seen.UNKNOWN)
        content = data.get("content")
        try:
            files = attachments(data)
        except Malformed:
            return PostNow(Seen.UNKNOWN)
        return PostNow(Seen.FOUND, content if isinstance(content, str) else "", files)

    async def check_sent(self, check: SentCheck) -> SentCheckResult:
        """Read the direct channel since ``check.since`` for a message from the bot carrying the marker."""
        if not check.user_id.isdigit() or self.client.user is None:
            return SentCheckResult.unknown()
        me = str(self.client.user.id)
        try:
            channel_id = await self._dm_channel(check.user_id)
            after = discord.utils.time_snowflake(check.since)
            messages = await self.client.http.logs_from(channel_id, 100, after=after)
        except (discord.HTTPException, TimeoutError, aiohttp.ClientError, OSError, KeyError, ValueError) as exc:
            log.warning("checking a delivery on discord failed: %s", type(exc).__name__)
            return SentCheckResult.unknown()
        for message in messages:
            author = message.get("author") or {}
            if str(author.get("id")) == me and check.marker in _all_text(message):
                return SentCheckResult(Seen.FOUND, str(message.get("id") or ""))
        if len(messages) >= 100:
            return SentCheckResult.unknown()  # more than one page since then: cannot be sure it is not there
        return SentCheckResult(Seen.NOT_FOUND)

    async def _post(
        self,
        channel_id: str,
        text: str,
        card: Card | None,
        reference: MessageTrigger | None,
        *,
        private: bool = False,
        nonce: str = "",
        quiet: bool = False,
    ) -> Delivery:
        if not channel_id.isdigit():
            return Delivery.refused("not a Discord channel id")
        kind = discord.ChannelType.private if private else None
        channel = self.client.get_partial_messageable(int(channel_id), type=kind)
        ref = None
        if reference is not None and reference.message_id.isdigit():
            ref = discord.MessageReference(
                message_id=int(reference.message_id), channel_id=int(channel_id), fail_if_not_exists=False
            )
        sent = ""
        as_card = card is not None and not quiet
        pieces = [(None, embed(card))] if as_card and card is not None else [(p, None) for p in chunks(text)]
        view = buttons_view(card) if private else None  # buttons only on the bot's direct messages
        for index, (content, em) in enumerate(pieces):
            # A nonce (with enforce_nonce, which discord.py sets) makes Discord drop a repeat of the same send.
            piece_nonce = (nonce if index == 0 else f"{nonce[:21]}/{index}") if nonce else None
            # discord.py's stubs want an Embed, a reference and a nonce; None is what it documents for "none".
            # Embeds suppressed where asked (no link ever previews); components still go with them.
            args: dict[str, Any] = {"content": content, "embed": em, "reference": ref, "nonce": piece_nonce}
            args["suppress_embeds"] = quiet
            if view is not None and index == len(pieces) - 1:
                args["view"] = view  # the buttons go under the last piece
            message = await channel.send(allowed_mentions=_NO_MENTIONS, **args)
            sent, ref = str(message.id), None
        if view is not None:
            view.stop()  # the adapter answers clicks itself (on_interaction), across restarts; nothing kept here
        return Delivery.sent(sent)


def _answers(action: Action, trigger: InteractionTrigger) -> bool:
    """Does ``action`` answer the interaction's user where they are (rather than someone else)?"""
    if isinstance(action, PrivateNotice):
        return action.user_id == trigger.user_id
    if isinstance(action, Reply):
        return action.channel_id == trigger.channel_id
    return False


def _from_http_error(action: Action, exc: discord.HTTPException) -> Delivery:
    code = exc.code if isinstance(exc.code, int) else 0
    log.warning("discord %s failed: HTTP %s code %s", type(action).__name__, exc.status, code)
    if code in _REFUSED_CODES:
        return Delivery.refused(_REFUSED_CODES[code])
    if exc.status in (401, 403, 404):
        return Delivery.refused(f"HTTP {exc.status}")
    return Delivery.failed(f"HTTP {exc.status} code {code}")


def _all_text(message: Mapping[str, Any]) -> str:
    """A message's content and its embeds' text, where the case reference appears."""
    parts = [str(message.get("content") or "")]
    for em in message.get("embeds") or ():
        if not isinstance(em, dict):
            continue
        parts += [str(em.get("title") or ""), str(em.get("description") or "")]
        parts += [f"{f.get('name', '')} {f.get('value', '')}" for f in em.get("fields") or () if isinstance(f, dict)]
        footer = em.get("footer")
        if isinstance(footer, dict):
            parts.append(str(footer.get("text") or ""))
    return "\n".join(parts)
