"""Who may do what, decided in one place.

Features declare the least role a command needs; the core compares once.
"""

from __future__ import annotations

from enum import IntEnum

from bot.deployment import Deployment


class Role(IntEnum):
    MEMBER = 10
    KNOWLEDGE_MAINTAINER = 20  # answers and teaches handed-off policy questions (deployment: knowledge_maintainers)
    SAFEGUARD_LEAD = 30


def role_of(deployment: Deployment | None, platform: str, user_id: str) -> Role:
    """Leads and knowledge maintainers are named by platform user id in the deployment; everyone else is a member."""
    if deployment is not None and deployment.is_lead(platform, user_id):
        return Role.SAFEGUARD_LEAD
    if deployment is not None and deployment.is_maintainer(platform, user_id):
        return Role.KNOWLEDGE_MAINTAINER
    return Role.MEMBER
