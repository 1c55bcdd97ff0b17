# The bot in a container: Slack and/or Discord by the tokens in its environment, PostgreSQL by DATABASE_URL.
# compose.yaml runs it beside its database; README "Running unattended" says how.
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# A user of its own: the bot needs no privilege, and writes only to /data (its status file, or its SQLite store).
RUN useradd --system --user-group --uid 10001 --home-dir /nonexistent --shell /usr/sbin/nologin bot \
 && mkdir -p /data /config \
 && chown bot:bot /data \
 && chmod 0700 /data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY adapters ./adapters
RUN pip install ".[postgres,slack,discord]"
COPY knowledge ./knowledge
COPY examples ./examples

# The deployment file (and any roster file it names) is mounted at /config; the policies ship in the image.
ENV SAFEGUARDING_KNOWLEDGE=/app/knowledge \
    SAFEGUARDING_DEPLOYMENT=/config/deployment.yaml \
    SAFEGUARDING_DB=/data/safeguarding.db

USER bot
# Slack HTTP mode only (no SLACK_APP_TOKEN): /slack/events and GET /healthz.
EXPOSE 3000
# The store answers a query and every platform connection is up, as the running bot last wrote (see README).
HEALTHCHECK --interval=30s --timeout=15s --start-period=60s --retries=3 CMD ["python", "-m", "bot", "health"]
CMD ["python", "-m", "bot"]
