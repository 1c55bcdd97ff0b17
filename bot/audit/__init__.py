"""The policy audit: what the Safeguard Lead should know about the policies without asking.

``python -m bot audit`` and ``/audit`` (leads only) list, for each loaded policy, its review date if passed,
citations of replaced legislation and guidance, whom it tells staff to report to (and whether they agree
with each other and with the deployment's Safeguard Leads), and what it refers to that the knowledge does
not have. What is replaced by what, and how policies name people, is data: ``bot/audit/data/`` plus the
charity's own ``<knowledge>/audit/*.yaml`` (docs/audit.md).
"""

from bot.audit.findings import Finding
from bot.audit.report import Auditor, AuditReport
from bot.audit.vocabulary import AuditData, load_audit_data

__all__ = ["AuditData", "AuditReport", "Auditor", "Finding", "load_audit_data"]
