"""The policy's review date: passed (an error: the policy is out of date as a whole), or due soon (a note)."""

from __future__ import annotations

from datetime import date

from bot.audit.findings import Finding
from bot.guidance.model import Policy

DUE_SOON_DAYS = 90  # a review due within this many days is worth a note: time to plan it


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def elapsed(since: date, today: date) -> str:
    """How long from ``since`` to ``today``, as a person says it: "2 years and 7 months", "3 weeks", "5 days"."""
    months = (today.year - since.year) * 12 + today.month - since.month - (today.day < since.day)
    if months >= 12:
        years, rest = divmod(months, 12)
        return _plural(years, "year") + (f" and {_plural(rest, 'month')}" if rest else "")
    if months >= 1:
        return _plural(months, "month")
    days = (today - since).days
    return _plural(days // 7, "week") if days >= 14 else _plural(days, "day")


def review_findings(policy: Policy, today: date) -> list[Finding]:
    details = {"review": policy.review, "review_by": policy.review_by.isoformat()}
    if policy.review_overdue(today):
        overdue = (today - policy.review_by).days
        message = (
            f"The review date ({policy.review}) passed {elapsed(policy.review_by, today)} ago. Until the policy is "
            "reviewed and its review date updated, every answer the bot gives from it tells staff to check with "
            "the Safeguard Lead that it is still current."
        )
        return [Finding(policy.id, "review-overdue", "error", message, details={**details, "days_overdue": overdue})]
    left = (policy.review_by - today).days
    if left <= DUE_SOON_DAYS:
        message = f"The review is due by the end of {policy.review}, in {_plural(left, 'day')}."
        return [Finding(policy.id, "review-due", "note", message, details={**details, "days_left": left})]
    return []
