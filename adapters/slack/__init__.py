"""Slack: slack-bolt in Socket Mode or HTTP mode. See docs/slack.md for installing the app."""

from adapters.slack.adapter import SlackAdapter

__all__ = ["SlackAdapter"]
