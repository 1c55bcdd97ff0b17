"""Safeguarding bot: policy guidance, private moderation warnings and escalation to the Safeguard Lead.

The core in this package knows nothing about Slack or Discord; adapters in
``adapters/`` translate platform payloads into :mod:`bot.events` and perform
:mod:`bot.actions`.
"""

__version__ = "0.1.0"
