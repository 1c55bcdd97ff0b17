"""The shipped knowledge, loaded once for tests that look at its vocabulary."""

from __future__ import annotations

from pathlib import Path

from bot.guidance import load_library

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = load_library(ROOT / "knowledge")
VOCABULARY = LIBRARY.matchers["social-media"].vocabulary
