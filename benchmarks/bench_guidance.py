"""Guidance speed: time per question with 1 and 20 policies, start-up, and ``python -m bot ask``.

Run from the project root: ``.venv/bin/python benchmarks/bench_guidance.py``. It measures and prints;
it asserts nothing. Targets (printed beside each figure):

- per question, the shipped ``knowledge/`` (one policy): median < 1 ms;
- per question, 20 policies built in a temporary folder from real policy text (copies of the curated
  ``knowledge/social-media-policy.yaml`` and of the bare policies in ``tests/fixtures/portability/``,
  each with its own id): median < 3 ms;
- ``load_library`` of a 5-policy folder in a fresh interpreter, imports included: median < 0.5 s;
- ``python -m bot ask "..."``, start to exit: < 0.5 s.

The questions are the held-out regression set (``tests/fixtures/guidance-heldout.yaml``).
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.guidance import load_library  # noqa: E402

CURATED = ROOT / "knowledge" / "social-media-policy.yaml"  # its `source:` is in knowledge/sources/
BARE = ROOT / "tests" / "fixtures" / "portability"
QUESTIONS = [c["q"] for c in yaml.safe_load((ROOT / "tests/fixtures/guidance-heldout.yaml").read_text("utf-8"))]


def with_id(text: str, new_id: str) -> str:
    """Policy YAML ``text`` with the ``id:`` under ``policy:`` replaced by ``new_id``."""
    return re.sub(r"^(policy:\n(?:  .*\n|#.*\n)*?  id: ).*$", rf"\g<1>{new_id}", text, count=1, flags=re.M)


def build_folder(folder: Path, curated: int, safeguarding: int, data_protection: int) -> Path:
    """Fill ``folder`` with ``curated`` copies of the social media policy and bare policy copies."""
    folder.mkdir()
    shutil.copytree(CURATED.parent / "sources", folder / "sources")
    curated_text = CURATED.read_text("utf-8")
    for n in range(curated):
        (folder / f"social-media-{n}.yaml").write_text(with_id(curated_text, f"social-media-{n}"), "utf-8")
    for name, count in (("safeguarding", safeguarding), ("data-protection", data_protection)):
        shutil.copy(BARE / f"{name}-policy.txt", folder)  # every copy's `source:` points at this file
        text = (BARE / f"{name}-policy.yaml").read_text("utf-8")
        for n in range(count):
            (folder / f"{name}-{n}.yaml").write_text(with_id(text, f"{name}-{n}"), "utf-8")
    return folder


def per_question(folder: Path, rounds: int) -> None:
    """Print median and p95 microseconds per question for the library at ``folder``."""
    library = load_library(folder)
    print(f"  {len(library.policies)} policies, {len(library)} clauses, {len(QUESTIONS)} questions x {rounds} rounds")
    for q in QUESTIONS:  # warm-up
        library.match(q)
    samples = []
    for _ in range(rounds):
        for q in QUESTIONS:
            t = time.perf_counter()
            library.match(q)
            samples.append((time.perf_counter() - t) * 1e6)
    samples.sort()
    print(f"  per question: median {statistics.median(samples):.0f} us, p95 {samples[int(len(samples) * 0.95)]:.0f} us")


def seconds(command: list[str], printed: bool = False, runs: int = 5) -> list[float]:
    """Seconds of each of ``runs`` runs of ``command``: wall time, or the figure it prints if ``printed``."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        out = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True).stdout
        times.append(float(out) if printed else time.perf_counter() - t)
    return times


def main() -> None:
    print("1 policy (knowledge/), target median < 1000 us")
    per_question(ROOT / "knowledge", rounds=10)

    with tempfile.TemporaryDirectory() as tmp:
        print("20 policies (4 social-media copies, 10 safeguarding, 6 data-protection), target median < 3000 us")
        per_question(build_folder(Path(tmp) / "twenty", 4, 10, 6), rounds=3)

        five = build_folder(Path(tmp) / "five", 1, 2, 2)
        code = (
            "import time; t = time.perf_counter(); from bot.guidance import load_library; "
            f"load_library({str(five)!r}); print(time.perf_counter() - t)"
        )
        starts = seconds([sys.executable, "-c", code], printed=True)
    print(
        f"start-up, load_library of 5 policies in a fresh interpreter: median {statistics.median(starts):.3f} s, "
        f"max {max(starts):.3f} s over {len(starts)} runs (target: < 0.5 s)"
    )

    asks = seconds([sys.executable, "-m", "bot", "ask", "can I accept a friend request from a parent?"])
    print(
        f"python -m bot ask, start to exit: median {statistics.median(asks):.3f} s, "
        f"max {max(asks):.3f} s over {len(asks)} runs (target: < 0.5 s)"
    )


if __name__ == "__main__":
    main()
