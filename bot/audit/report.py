"""The audit of every loaded policy, and how it is shown: terminal lines, JSON, and a card for ``/audit``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.actions import Card
from bot.audit.contacts import Contact, ContactFinder, contact_findings, summary_lines
from bot.audit.crossrefs import CrossReferences, crossref_findings
from bot.audit.findings import SEVERITY_ORDER, Finding
from bot.audit.references import ReferenceMatcher, reference_findings
from bot.audit.review import review_findings
from bot.audit.text import listed
from bot.audit.vocabulary import AuditData
from bot.deployment import Deployment
from bot.guidance.model import Policy

CARD_BUDGET = 3500  # characters of findings in /audit's card: Discord's embed text holds 4,096


@dataclass
class PolicyAudit:
    policy: Policy
    findings: list[Finding] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)


@dataclass
class AuditReport:
    audits: list[PolicyAudit]

    @property
    def findings(self) -> list[Finding]:
        return [f for a in self.audits for f in a.findings]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def worst(self) -> str:
        """The most serious severity found; "" when there is nothing."""
        return min((f.severity for f in self.findings), key=SEVERITY_ORDER.__getitem__, default="")

    def fails(self, at: str = "error") -> bool:
        """Whether a finding is at least as serious as ``at`` (what makes ``audit`` exit 1)."""
        worst = self.worst()
        return bool(worst) and SEVERITY_ORDER[worst] <= SEVERITY_ORDER[at]

    def counts(self) -> str:
        parts = [f"{n} {s}{'s' if n != 1 else ''}" for s in SEVERITY_ORDER if (n := self.count(s))]
        return ", ".join(parts) if parts else "nothing to fix"

    def closing(self) -> str:
        n = len(self.audits)
        return f"audit: {self.counts()} in {n} polic{'y' if n == 1 else 'ies'}"

    def lines(self) -> list[str]:
        """What ``python -m bot audit`` prints: per policy, each finding as ``severity: file:line: message``,
        then whom the policy tells staff to go to."""
        out: list[str] = []
        for audit in self.audits:
            p = audit.policy
            out.append(f"{p.file}: {p.title} (review date {p.review})")
            for f in audit.findings:
                where = f"{p.file}:{f.line}" if f.line else p.file
                out.append(f"  {f.severity}: {where}: {f.message}")
            if audit.contacts:
                out.append("  whom it tells staff to go to:")
                out.extend(f"    {line}" for line in summary_lines(audit.contacts))
        out.append(self.closing())
        return out

    def as_json(self) -> list[dict[str, Any]]:
        return [f.as_dict(a.policy.file, a.policy.title) for a in self.audits for f in a.findings]

    def card(self) -> Card:
        """``/audit``'s answer: every finding, most serious first, within what a chat message holds."""
        lines: list[str] = []
        shown = 0
        used = 0
        total = len(self.findings)
        for audit in self.audits:
            header = f"{audit.policy.title} (review date {audit.policy.review})"
            entries = _chat_entries(audit.findings) or [("• nothing to fix", 0)]
            for i, (entry, held) in enumerate(entries):
                block = ([header] if i == 0 else []) + [entry]
                size = sum(len(x) + 1 for x in block)
                if used + size > CARD_BUDGET and shown:
                    break
                lines.extend(block)
                used += size
                shown += held
        footer = "python -m bot audit prints the same for the policy's maintainer (--json for a machine)."
        if shown < total:
            footer = f"{total - shown} more finding(s) not shown here: " + footer
        colour = {"error": "danger", "warning": "warning"}.get(self.worst(), "info")
        return Card(title=f"Policy audit: {self.counts()}", body="\n".join(lines), footer=footer, colour=colour)


def _chat_entries(findings: list[Finding]) -> list[tuple[str, int]]:
    """Bullets for chat, with how many findings each holds: one a finding, except that the policies named but
    not loaded, and the gaps in the numbering, share a bullet each, so a lead sees every finding at once."""
    entries: list[tuple[str, int]] = []
    documents = [
        f"the {f.details['document']} ({', '.join(f.clauses)})" for f in findings if f.check == "missing-policy"
    ]
    gaps = [listed(list(f.details["missing"])) for f in findings if f.check == "numbering-gap"]
    for f in findings:
        if f.check not in ("missing-policy", "numbering-gap"):
            entries.append((f"• {f.severity}: {f.message}", 1))
    if documents:
        text = "• note: named but not loaded, so the bot cannot answer about them: " + "; ".join(documents) + "."
        entries.append((text, len(documents)))
    if gaps:
        entries.append(("• note: missing from the numbering: " + "; ".join(gaps) + ".", len(gaps)))
    return entries


class Auditor:
    """Built once from the audit data; audits policies against a day and a deployment."""

    def __init__(self, data: AuditData) -> None:
        self.data = data
        self.references = ReferenceMatcher(data.references)
        self.contacts = ContactFinder(data)
        self.crossrefs = CrossReferences(data.cross)

    def audit(self, policies: Sequence[Policy], today: date, deployment: Deployment | None = None) -> AuditReport:
        """Every finding for every policy; with a deployment, the people to report to are compared with its leads."""
        titles = tuple(t for lead in deployment.safeguard_leads for t in lead.titles) if deployment else None
        audits = []
        for policy in policies:
            order = {c.id: i for i, c in enumerate(policy.clauses)}
            contacts = self.contacts.contacts(policy)
            findings = [
                *review_findings(policy, today),
                *reference_findings(policy, self.references),
                *contact_findings(policy, contacts, self.data, titles, self.contacts),
                *crossref_findings(policy, policies, self.crossrefs),
            ]
            findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], order.get(f.clause, -1)))
            audits.append(PolicyAudit(policy, findings, contacts))
        return AuditReport(audits)
