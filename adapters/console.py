"""A terminal chat that drives the same core as Slack and Discord, with no account anywhere.

A newcomer can ask questions, post into a simulated shared channel (one that
people outside the organisation can read) to see a private warning happen,
report a post, and switch to the Safeguard Lead to see the case arrive. Lines
starting with ``/`` are commands; everything else is a message in the current
channel (in ``#bot``, a question to the bot).
"""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TextIO

from adapters.stdin import LineSource, StdinLines, is_interactive, stdin_fd
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
from bot.categories import BY_KEY
from bot.core import Core
from bot.deployment import Deployment
from bot.events import (
    Attachment,
    BotAddressed,
    ChannelExposure,
    ChannelExposureChanged,
    ChannelKind,
    CommandInvoked,
    MessageEdited,
    MessagePosted,
    MessageReported,
    Origin,
    ReportedPost,
)
from bot.reports.parse import split_anonymous

PLATFORM = "console"

#: The most photos a console post may carry: enough to try every warning, and a typo such as
#: ``/post --images 99999999999`` is refused instead of building billions of attachments.
MAX_IMAGES = 20

#: The simulated channels. "shared" is readable by people outside the organisation.
CHANNELS: dict[str, ChannelKind] = {
    "bot": ChannelKind.DM,
    "team": ChannelKind.INTERNAL,
    "shared": ChannelKind.SHARED,
}

CONSOLE_HELP = """\
Console commands (this terminal only):
  /join bot|team|shared   switch channel: #bot is a direct chat with the bot, #team is internal,
                          #shared is read by people outside the organisation (moderation applies)
  /as NAME                speak as someone else, e.g. /as lead (the first Safeguard Lead) or /as Alex
  /post --images N TEXT   post with N photos attached (0 to 20)
  /edit TEXT              edit your last post in this channel
  /flag [--anonymous] [CATEGORY] DETAILS  report the last post in this channel to the Safeguard Lead
  /whoami                 who and where you are
  /quit                   leave
In #bot, just type a question. In #team or #shared, start a line with @bot to ask the bot."""


@dataclass(slots=True)
class _Post:
    message_id: str
    author: str
    text: str
    images: int
    posted_at: datetime


class ConsoleAdapter:
    """Reads lines from a stream, turns them into core events, prints the core's actions."""

    platform = PLATFORM

    def __init__(
        self,
        deployment: Deployment | None = None,
        *,
        reader: LineSource | None = None,
        out: TextIO | None = None,
        interactive: bool | None = None,
    ) -> None:
        self.deployment = deployment
        self._reader = reader
        self._out = out or sys.stdout
        self._interactive = is_interactive() if interactive is None else interactive
        self.user = "volunteer"
        self.channel = "bot"
        self._posts: dict[str, list[_Post]] = {name: [] for name in CHANNELS}
        self._counter = 0
        self._stopped = False
        self._direct: list[tuple[str, str, str]] = []  # (user, ref, text) of direct messages, for check_sent

    # -- output ---------------------------------------------------------------

    def _print(self, text: str) -> None:
        self._out.write(text + "\n")
        self._out.flush()

    async def perform(self, action: Action) -> Delivery:
        self._counter += 1
        text = _render(action.text) + _buttons(action.card, action.text)
        if isinstance(action, Reply):
            where = "" if action.channel_id == "bot" else f" in #{action.channel_id}"
            self._print(f"bot{where}: {text}")
        elif isinstance(action, PrivateNotice):
            self._print(f"[only {action.user_id} sees this, in #{action.channel_id}] bot: {text}")
        elif isinstance(action, DirectMessage):
            self._print(f"[direct message to {action.user_id}] bot: {text}")
            self._direct.append((action.user_id, str(self._counter), action.text))
        else:  # pragma: no cover - a new action type must be taught to every adapter
            raise TypeError(f"the console cannot perform {type(action).__name__}")
        return Delivery.sent(ref=str(self._counter))

    async def check_sent(self, check: SentCheck) -> SentCheckResult:
        """The console keeps its own record of the direct messages it printed (this run only)."""
        for user, ref, text in self._direct:
            if user == check.user_id and check.marker in text:
                return SentCheckResult(Seen.FOUND, ref)
        return SentCheckResult(Seen.NOT_FOUND)

    async def fetch_post(self, lookup: PostLookup) -> PostNow:
        """The console's own record of the posts typed this run (``/edit`` changes one)."""
        for post in self._posts.get(lookup.channel_id, []):
            if post.message_id == lookup.message_id:
                return PostNow(Seen.FOUND, post.text, _photos(post.images))
        return PostNow(Seen.NOT_FOUND)

    # -- input ----------------------------------------------------------------

    async def start(self, core: Core) -> None:
        """Read lines until end of input (a file or a pipe runs to its end and returns) or ``/quit``."""
        reader = self._reader
        if reader is None:
            fd = stdin_fd()
            if fd is None:
                return  # stdin closed: nothing will ever arrive (``bot.app`` says so before starting)
            reader = StdinLines(fd)
        who = f" for {self.deployment.organisation.name}" if self.deployment else ""
        self._print(f"Safeguarding bot{who}, console. You are '{self.user}' in #{self.channel}. Type /help.")
        if core.wants(ChannelExposureChanged):  # so /exposure (as a lead) shows #shared, as a platform's would
            await core.handle(self._exposure())
        while not self._stopped:
            if self._interactive:
                self._out.write(f"{self.user} in #{self.channel}> ")
                self._out.flush()
            raw = await reader.readline()
            if not raw:
                break
            line = raw.decode("utf-8", errors="replace").strip()
            if not line:
                continue
            if line in {"/quit", "/exit"}:
                break
            await self.handle_line(core, line)

    async def stop(self) -> None:
        self._stopped = True

    async def connected(self) -> bool:
        """The terminal is always there while the console runs."""
        return True

    def _exposure(self) -> ChannelExposureChanged:
        """Who can read the simulated channels: the console's look at start-up, recorded without a note."""
        channels = tuple(
            ChannelExposure(
                name,
                name,
                kind is ChannelKind.SHARED,
                "the console's simulated shared channel" if kind is ChannelKind.SHARED else "",
                watched=kind is ChannelKind.SHARED,
            )
            for name, kind in CHANNELS.items()
            if kind is not ChannelKind.DM
        )
        cause = "The console started"
        return ChannelExposureChanged(PLATFORM, "console", channels, cause=cause, initial=True, complete=True)

    def _origin(self, message_id: str = "") -> Origin:
        self._counter += 1
        return Origin(
            platform=PLATFORM,
            user_id=self.user,
            channel_id=self.channel,
            channel_kind=CHANNELS[self.channel],
            workspace_id="console",
            message_id=message_id or f"m{self._counter}",
            user_name=self.user,
            channel_name=self.channel,
        )

    async def handle_line(self, core: Core, line: str) -> None:
        """One line typed by the person at the terminal."""
        if line.startswith("/"):
            name, _, rest = line[1:].partition(" ")
            name, rest = name.lower(), rest.strip()
            local = getattr(self, f"_cmd_{name}", None)
            if local is not None:
                await local(core, rest)
                return
            await core.handle(CommandInvoked(self._origin(), name, rest))
            return
        if CHANNELS[self.channel] is ChannelKind.DM:
            await core.handle(BotAddressed(self._origin(), line))
        elif line.lower().startswith("@bot"):
            # a question in a channel is a post there too, so moderation sees it as on Slack and Discord
            await self._post(core, line, images=0)
            await core.handle(BotAddressed(self._origin(), line[4:].lstrip(" ,:")))
        else:
            await self._post(core, line, images=0)

    async def _post(self, core: Core, text: str, images: int) -> None:
        origin = self._origin()
        post = _Post(origin.message_id, self.user, text, images, datetime.now(UTC))
        self._posts[self.channel].append(post)
        await core.handle(MessagePosted(origin, text, _photos(images), permalink=_link(self.channel, post)))

    # -- console-only commands ---------------------------------------------------

    async def _cmd_help(self, core: Core, rest: str) -> None:
        self._print(CONSOLE_HELP + "\n" + core.commands.summary_line())
        await core.handle(CommandInvoked(self._origin(), "help", rest))

    async def _cmd_join(self, core: Core, rest: str) -> None:
        name = rest.lstrip("#").lower()
        if name not in CHANNELS:
            self._print(f"(no channel #{name}: choose one of {', '.join('#' + c for c in CHANNELS)})")
            return
        self.channel = name
        note = " People outside the organisation can read this channel." if CHANNELS[name] is ChannelKind.SHARED else ""
        self._print(f"(you are now in #{name}.{note})")

    async def _cmd_as(self, core: Core, rest: str) -> None:
        name = rest.strip()
        if not name:
            self._print("(usage: /as NAME, or /as lead)")
            return
        if name.lower() == "lead" and self.deployment and self.deployment.safeguard_leads:
            name = self.deployment.safeguard_leads[0].id_on(PLATFORM)
        self.user = name
        lead = self.deployment is not None and self.deployment.is_lead(PLATFORM, name)
        self._print(f"(you are now '{name}'{', a Safeguard Lead' if lead else ''})")

    async def _cmd_whoami(self, core: Core, rest: str) -> None:
        self._print(f"(you are '{self.user}' in #{self.channel}, a {CHANNELS[self.channel].value} channel)")

    async def _cmd_post(self, core: Core, rest: str) -> None:
        images, text = 0, rest
        if rest.startswith("--images"):
            try:
                parts = shlex.split(rest)
                images = int(parts[1])
                text = rest.split(parts[1], 1)[1].strip()
            except (ValueError, IndexError):
                self._print(f"(usage: /post --images N TEXT, with N from 0 to {MAX_IMAGES})")
                return
            if not 0 <= images <= MAX_IMAGES:
                self._print(f"(a console post carries 0 to {MAX_IMAGES} images, not {images}: nothing was posted)")
                return
        if CHANNELS[self.channel] is ChannelKind.DM:
            self._print("(#bot is a direct chat; /join team or /join shared to post in a channel)")
            return
        await self._post(core, text, images)

    def _last_post(self, mine: bool) -> _Post | None:
        posts = self._posts.get(self.channel, [])
        if mine:
            posts = [p for p in posts if p.author == self.user]
        return posts[-1] if posts else None

    async def _cmd_edit(self, core: Core, rest: str) -> None:
        post = self._last_post(mine=True)
        if post is None:
            self._print("(you have no post in this channel to edit)")
            return
        post.text = rest
        origin = self._origin(message_id=post.message_id)
        await core.handle(MessageEdited(origin, rest, _photos(post.images), permalink=_link(self.channel, post)))

    async def _cmd_flag(self, core: Core, rest: str) -> None:
        post = self._last_post(mine=False)
        if post is None:
            self._print("(there is no post in this channel to report)")
            return
        anonymous, rest = split_anonymous(rest)
        category, _, details = rest.partition(" ")
        if category.lower() not in BY_KEY:
            category, details = "", rest
        snapshot = ReportedPost(
            text=post.text,
            author_id=post.author,
            author_name=post.author,
            channel_id=self.channel,
            channel_name=self.channel,
            posted_at=post.posted_at,
            permalink=_link(self.channel, post),
            attachment_names=tuple(a.name for a in _photos(post.images)),
        )
        event = MessageReported(self._origin(), snapshot, category.lower(), details, anonymous=anonymous)
        await core.handle(event)


def _photos(count: int) -> tuple[Attachment, ...]:
    return tuple(Attachment(f"photo-{i + 1}.jpg", is_image=True) for i in range(max(0, count)))


def _link(channel: str, post: _Post) -> str:
    return f"console://{channel}/{post.message_id}"


def _buttons(card: Card | None, text: str) -> str:
    """The console has no buttons: each is shown as the command that pressing it would be (unless the message's
    text already names every one, as an answer's does)."""
    if card is None or not card.buttons or all(b.typed in text for b in card.buttons):
        return ""
    return "\n     " + "   ".join(f"[{b.label}: {b.typed}]" for b in card.buttons)


def _render(text: str) -> str:
    """The console prints the plain-text rendering, which every action carries; indent continuation lines."""
    return text.replace("\n", "\n     ")
