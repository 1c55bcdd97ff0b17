"""Guidance speed: median time per question with every policy loaded, and first answer of ``ask``.

Run from the project root: ``.venv/bin/python benchmarks/bench_guidance.py``. Targets: under 1 ms
median per question after start-up, and under 0.5 s wall for ``python -m bot ask "..."``.
The questions are the held-out regression set (tests/fixtures), so no answer depends on them here.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.guidance import load_library  # noqa: E402


def per_question(rounds: int = 20) -> tuple[float, float, int]:
    """Median and 95th-percentile microseconds per question over ``rounds`` passes, and the count."""
    started = time.perf_counter()
    library = load_library(ROOT / "knowledge")
    load_ms = (time.perf_counter() - started) * 1000
    print(f"load_library: {load_ms:.0f} ms for {len(library.policies)} policy file(s), {len(library)} clauses")
    cases = yaml.safe_load((ROOT / "tests" / "fixtures" / "guidance-heldout.yaml").read_text(encoding="utf-8"))
    questions = [c["q"] for c in cases]
    library.match(questions[0])  # warm-up
    samples = []
    for _ in range(rounds):
        for q in questions:
            t = time.perf_counter()
            library.match(q)
            samples.append((time.perf_counter() - t) * 1e6)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95)], len(samples)


def first_answer(runs: int = 5) -> list[float]:
    """Wall seconds of ``python -m bot ask "..."``, start to exit, ``runs`` times."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "bot", "ask", "can I accept a friend request from a parent?"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - t)
    return times


def main() -> None:
    median, p95, n = per_question()
    print(f"per question: median {median:.0f} us, p95 {p95:.0f} us over {n} questions (target: median < 1000 us)")
    walls = first_answer()
    print(
        f"python -m bot ask first answer: median {statistics.median(walls):.3f} s, "
        f"max {max(walls):.3f} s over {len(walls)} runs (target: < 0.5 s)"
    )


if __name__ == "__main__":
    main()
