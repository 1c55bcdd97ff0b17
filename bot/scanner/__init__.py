"""Finds what a post in a shared channel must not carry: the organisation, attendees, contact details, images.

``Scanner(deployment, citations).scan(text, images)`` is a pure function from a
post to :class:`Finding` objects; what to do about them is :mod:`bot.moderation`'s
job. The clauses a finding cites come from the loaded knowledge (:mod:`bot.citations`).
"""

from bot.scanner._findings import KINDS, Finding, describe_findings
from bot.scanner._scanner import Scanner, allow_key, without_allowed

__all__ = ["KINDS", "Finding", "Scanner", "allow_key", "describe_findings", "without_allowed"]
