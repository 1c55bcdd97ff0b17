"""The files that run the bot unattended (Dockerfile, compose.yaml, the systemd unit) name things that exist.

Docker builds reach the internet, so nothing here builds or starts a container: the files are parsed and
every path, command, extra and setting they name is checked against the project.
"""

from __future__ import annotations

import configparser
import re
import shlex
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

from bot.cli import build_parser, cmd_health, cmd_run
from bot.health import status_path
from bot.settings import Settings
from bot.storage.engine import normalise_url

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SETTINGS_TABLE = set(re.findall(r"^\| `([A-Z_]+)` \|", README, flags=re.MULTILINE))


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text(encoding="utf-8"))
    pairs = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            instruction, _, rest = line.partition(" ")
            pairs.append((instruction.upper(), rest.strip()))
    return pairs


def instructions(name: str) -> list[str]:
    return [rest for instruction, rest in dockerfile() if instruction == name]


def env_lines(path: Path) -> dict[str, str]:
    """KEY=value lines of an env file (comments and blanks skipped)."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def git_ignored(path: str) -> bool:
    return subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT, check=False).returncode == 0


# -- Dockerfile ---------------------------------------------------------------------------------------------------


def test_dockerfile_base_user_and_commands() -> None:
    """python:3.11-slim, a user of its own, `python -m bot`, and `python -m bot health` as its health check."""
    assert instructions("FROM") == ["python:3.11-slim"]
    order = [instruction for instruction, _ in dockerfile()]
    (user,) = instructions("USER")
    assert user not in {"root", "0"} and re.search(rf"useradd [^&]*\b{user}\b", " ".join(instructions("RUN")))
    assert order.index("USER") < order.index("CMD")
    (cmd,) = instructions("CMD")
    assert shlex.split(cmd.strip("[]").replace(",", " ")) == ["python", "-m", "bot"]
    assert build_parser().parse_args(["run"]).func is cmd_run
    (health,) = instructions("HEALTHCHECK")
    probe = shlex.split(health.split("CMD", 1)[1].strip().strip("[]").replace(",", " "))
    assert probe == ["python", "-m", "bot", "health"]
    assert build_parser().parse_args(probe[3:]).func is cmd_health
    assert instructions("EXPOSE") == [str(Settings().port)]


def test_dockerfile_copies_what_exists_and_installs_the_extras_it_needs() -> None:
    """Every COPY source is in the project and not left out by .dockerignore; the extras are pyproject's."""
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()}
    for copy in instructions("COPY"):
        *sources, _target = copy.split()
        for source in sources:
            assert (ROOT / source).exists(), source
            assert source not in ignored, f"{source} is copied but .dockerignore leaves it out"
    assert {".env", ".git", "data", "config"} <= ignored  # secrets, history and stores never enter the image
    (install,) = [run for run in instructions("RUN") if "pip install" in run]
    extras = set(re.search(r"\.\[([a-z,]+)\]", install).group(1).split(","))  # type: ignore[union-attr]
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert extras == {"postgres", "slack", "discord"} <= set(pyproject["project"]["optional-dependencies"])


def test_dockerfile_settings_are_documented_and_point_into_the_image() -> None:
    """Each ENV setting is in the README's table; the knowledge folder is the one copied in."""
    env = dict(re.findall(r"(SAFEGUARDING_[A-Z_]+)=(\S+)", " ".join(instructions("ENV"))))
    assert set(env) <= SETTINGS_TABLE
    (workdir,) = instructions("WORKDIR")
    assert "knowledge ./knowledge" in instructions("COPY")
    assert env["SAFEGUARDING_KNOWLEDGE"] == f"{workdir}/knowledge"
    status = status_path(Settings(sqlite_path=Path(env["SAFEGUARDING_DB"])))
    assert f"chown bot:bot {status.parent}" in " ".join(instructions("RUN"))  # the bot can write its status file


# -- compose.yaml ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def test_compose_builds_the_bot_beside_postgres_with_a_named_volume(compose: dict) -> None:  # type: ignore[type-arg]
    """The bot is built from this folder and reaches the db service; the database lives in a named volume."""
    bot, db = compose["services"]["bot"], compose["services"]["db"]
    assert (ROOT / bot["build"] / "Dockerfile").is_file()
    url = bot["environment"]["DATABASE_URL"]
    interpolated = re.sub(r"\$\{POSTGRES_PASSWORD:\?[^}]*\}", "s3cret", url)  # as compose fills it from .env
    assert normalise_url(interpolated).startswith("postgresql+asyncpg://") and "@db:5432/" in url
    assert bot["depends_on"]["db"]["condition"] == "service_healthy"
    (volume,) = db["volumes"]
    name, target = volume.split(":")
    assert name in compose["volumes"] and target == "/var/lib/postgresql/data"
    password = "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}"
    assert password in url and db["environment"]["POSTGRES_PASSWORD"] == password


def test_compose_secrets_come_from_an_env_file_that_is_never_committed(compose: dict) -> None:  # type: ignore[type-arg]
    """env_file is git-ignored; its committed example names only documented settings and the db password."""
    env_file = compose["services"]["bot"]["env_file"]
    assert git_ignored(env_file)
    tracked = subprocess.run(["git", "ls-files", env_file], cwd=ROOT, capture_output=True, text=True, check=True)
    assert tracked.stdout == ""
    example = env_lines(ROOT / f"{env_file}.example")
    assert set(example) - {"POSTGRES_PASSWORD"} <= SETTINGS_TABLE
    assert all(value == "" for value in example.values())  # no token, not even a sample one


def test_compose_mounts_the_deployment_where_the_image_looks(compose: dict) -> None:  # type: ignore[type-arg]
    (mount,) = compose["services"]["bot"]["volumes"]
    source, target, mode = mount.split(":")
    assert mode == "ro" and git_ignored(f"{source}/deployment.yaml")
    env = dict(re.findall(r"(SAFEGUARDING_[A-Z_]+)=(\S+)", " ".join(instructions("ENV"))))
    assert Path(env["SAFEGUARDING_DEPLOYMENT"]).parent == Path(target)


# -- the systemd unit ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(ROOT / "deploy" / "safeguarding-bot.service", encoding="utf-8")
    return parser


def test_systemd_unit_restarts_runs_as_its_own_user_and_is_hardened(unit: configparser.ConfigParser) -> None:
    service = unit["Service"]
    assert service["Restart"] == "on-failure"
    # 2 is a configuration problem (tests/test_cli.py, test_console.py, test_slack_process.py): no restart loop
    assert service["RestartPreventExitStatus"] == "2"
    assert service["User"] not in {"root", "0"} and service["User"] == service["Group"]
    assert service["EnvironmentFile"].startswith("/etc/")
    assert service["ExecStart"].endswith("/python -m bot run")
    assert build_parser().parse_args(shlex.split(service["ExecStart"])[3:]).func is cmd_run
    assert service["NoNewPrivileges"] == "yes"
    assert service["ProtectSystem"] == "strict"
    assert service["StandardInput"] == "null"
    assert unit["Install"]["WantedBy"] == "multi-user.target"


def test_systemd_state_directory_holds_the_store_and_status_file(unit: configparser.ConfigParser) -> None:
    """Under ProtectSystem=strict only the StateDirectory is writable: the example env file puts both there."""
    state = Path("/var/lib") / unit["Service"]["StateDirectory"]
    example = env_lines(ROOT / "deploy" / "safeguarding-bot.env.example")
    assert set(example) - {"DATABASE_URL"} <= SETTINGS_TABLE
    settings = Settings.from_env(example)
    assert settings.sqlite_path.parent == state
    assert status_path(settings).parent == state
    assert git_ignored("deploy/bot.env")
