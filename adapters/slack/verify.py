"""Is an HTTP request really from Slack? Checked before bolt, or any log line, sees its body.

Slack signs each request: ``X-Slack-Signature`` is ``v0=`` and the HMAC-SHA256,
under the app's signing secret, of ``v0:<X-Slack-Request-Timestamp>:<raw body>``;
a timestamp more than five minutes from our clock is refused against replays.
bolt's own check logs every refused request's whole body (a genuine ``/report``
sent when this server's clock is wrong would put the report in the log) and
answers HTTP 500 to a timestamp that is not a number, so the adapter checks
here instead and says why it refused in words of its own.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass

MAX_AGE_SECONDS = 5 * 60
_TIMESTAMP = re.compile(r"[0-9]{1,12}")  # ASCII digits only: int() also takes " 12", "+12", "1_2" and "١٢"


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a request was refused: an HTTP status and a reason of fixed wording (nothing from the request)."""

    status: int
    reason: str


def check(secret: str, body: bytes, headers: Mapping[str, str], now: float) -> Refusal | None:
    """None when the request is signed with ``secret`` and fresh; otherwise the refusal to send."""
    timestamp = headers.get("X-Slack-Request-Timestamp")
    signature = headers.get("X-Slack-Signature")
    if timestamp is None or signature is None:
        return Refusal(401, "the request is not signed (no X-Slack-Request-Timestamp or X-Slack-Signature)")
    if not _TIMESTAMP.fullmatch(timestamp):
        return Refusal(400, "X-Slack-Request-Timestamp is not a whole number of seconds")
    skew = round(now - int(timestamp))
    if abs(skew) > MAX_AGE_SECONDS:
        return Refusal(
            401,
            f"the request's timestamp is {abs(skew)} s {'behind' if skew > 0 else 'ahead of'} this server's clock "
            f"(the limit is {MAX_AGE_SECONDS} s: a replay, or a wrong clock here)",
        )
    base = b"v0:" + timestamp.encode("ascii") + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace")):
        return Refusal(401, "the signature does not match SLACK_SIGNING_SECRET")
    return None
