"""One health verdict: what is wrong (nothing, when healthy) and what was found fine."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.health.status import PlatformState, moment


@dataclass(frozen=True, slots=True)
class Health:
    problems: tuple[str, ...] = ()
    fine: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def line(self) -> str:
        """``healthy: ...`` or ``unhealthy: ...``, on one line, for a person and a health probe alike."""
        if self.problems:
            return "unhealthy: " + "; ".join(self.problems)
        return "healthy: " + (", ".join(self.fine) or "nothing to check")


def judge(store_problem: str, platforms: Mapping[str, PlatformState]) -> Health:
    """The store's answer and each platform's connection, as one verdict."""
    problems: list[str] = [store_problem] if store_problem else []
    fine: list[str] = [] if store_problem else ["store answers"]
    for name, state in sorted(platforms.items()):
        if state.connected:
            fine.append(f"{name} connected")
        else:
            problems.append(f"{name}: not connected since {moment(state.since)}")
    return Health(tuple(problems), tuple(fine))
