"""Public surfaces: every package's ``__all__`` is sorted and names only what exists."""

from __future__ import annotations

import importlib

import pytest

PACKAGES = ["bot.guidance", "bot.scanner", "bot.moderation", "bot.reports"]


def _isort_key(name: str) -> tuple[int, str]:
    """Constants, then classes, then functions: the order ruff's RUF022 keeps."""
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)


@pytest.mark.parametrize("name", PACKAGES)
def test_all_is_sorted_and_complete(name: str) -> None:
    """``__all__`` is sorted (as ruff sorts it), has no duplicates, and each name is importable from the package."""
    module = importlib.import_module(name)
    exported = list(module.__all__)
    assert exported == sorted(exported, key=_isort_key)
    assert len(set(exported)) == len(exported)
    for item in exported:
        assert hasattr(module, item), f"{name}.{item} is exported but missing"
    public = {
        n for n, v in vars(module).items() if not n.startswith("_") and getattr(v, "__module__", "").startswith(name)
    }
    assert public <= set(exported), f"{name} defines public names missing from __all__: {public - set(exported)}"


def test_core_imports_no_platform_sdk() -> None:
    """The core never imports Slack or Discord: only adapters may."""
    import subprocess
    import sys

    code = (
        "import sys, bot.app, bot.core, bot.guidance, bot.scanner, bot.moderation, bot.reports; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('slack_bolt', 'slack_sdk', 'discord')]; "
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
