"""``/audit`` for Safeguard Leads: the policy audit, privately, computed for today when asked.

The core refuses the command to anyone who is not a lead (one identical refusal), so a finding never
reaches a member. Nothing about the findings is logged, only how many there were.
"""

from __future__ import annotations

import logging

from bot.audit.report import Auditor
from bot.commands import Command, Offer
from bot.core import Context, plain_text_of, private_to
from bot.deployment import Deployment
from bot.events import CommandInvoked, Event
from bot.guidance.model import Policy
from bot.roles import Role

log = logging.getLogger(__name__)

AUDIT = Command("audit", "Check the policies: review dates, replaced laws, whom to report to", role=Role.SAFEGUARD_LEAD)
OFFER = Offer("audit", commands=(AUDIT,))


class AuditFeature:
    name = "audit"
    offer = OFFER

    def __init__(self, auditor: Auditor, policies: tuple[Policy, ...], deployment: Deployment | None) -> None:
        self.auditor = auditor
        self.policies = policies
        self.deployment = deployment

    async def handle(self, event: Event, ctx: Context) -> bool:
        if not isinstance(event, CommandInvoked) or event.name.lower() != AUDIT.name:
            return False
        report = self.auditor.audit(self.policies, ctx.clock().date(), self.deployment)
        log.info("audit for a lead: %d finding(s) in %d policies", len(report.findings), len(self.policies))
        card = report.card()
        await ctx.send(private_to(event, plain_text_of(card), card))
        return True
