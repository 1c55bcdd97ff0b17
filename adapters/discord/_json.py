"""Reading Discord's JSON: required fields, times, names, links and attachments.

Shared by the message and interaction translations. A missing or mistyped
field raises :class:`Malformed`, whose message names the field and never the
content, so the caller can log it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from bot.events import Attachment

PLATFORM = "discord"
_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".heic", ".heif", ".tif", ".tiff", ".avif")


class Malformed(ValueError):
    """A payload without the fields an event needs; ``str()`` names the field, never content."""


def text_field(data: Mapping[str, Any], key: str) -> str:
    """A required id or name (Discord sends ids as strings; numbers are accepted)."""
    value = data.get(key)
    if not isinstance(value, str | int) or isinstance(value, bool) or str(value) == "":
        raise Malformed(f"missing or invalid '{key}'")
    return str(value)


def mapping_field(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    if not isinstance(value, Mapping):
        raise Malformed(f"missing or invalid '{key}'")
    return value


def when(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def snowflake_time(snowflake: str) -> datetime:
    """When Discord made an id: its top bits count milliseconds since 2015 (Discord's epoch)."""
    if not snowflake.isdigit():
        raise Malformed("invalid snowflake id")
    return datetime.fromtimestamp(((int(snowflake) >> 22) + 1_420_070_400_000) / 1000, tz=UTC)


def display_name(user: Mapping[str, Any], member: Mapping[str, Any] | None = None) -> str:
    """The name people see: server nickname, then global display name, then username."""
    for candidate in ((member or {}).get("nick"), user.get("global_name"), user.get("username")):
        if isinstance(candidate, str) and candidate:
            return candidate
    return ""


def permalink(guild_id: str, channel_id: str, message_id: str) -> str:
    return f"https://discord.com/channels/{guild_id or '@me'}/{channel_id}/{message_id}"


def attachments(data: Mapping[str, Any]) -> tuple[Attachment, ...]:
    """Files on a post as Discord describes them (name, type, size, link); an image is what Discord labels
    ``image/*``, or by file suffix when unlabelled. The link is kept as text: neither it nor the proxy URL
    is ever requested."""
    found = []
    for item in data.get("attachments") or ():
        if not isinstance(item, Mapping):
            raise Malformed("invalid 'attachments'")
        name = str(item.get("filename") or "")
        content_type = str(item.get("content_type") or "")
        is_image = content_type.startswith("image/") if content_type else name.lower().endswith(_IMAGE_SUFFIXES)
        size = item.get("size")
        size = size if isinstance(size, int) and not isinstance(size, bool) and size > 0 else 0
        url = str(item.get("url") or "")
        found.append(Attachment(name=name, is_image=is_image, url=url, content_type=content_type, size=size))
    return tuple(found)
