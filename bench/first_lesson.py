"""The first lesson on a fresh checkout of a course: opening it builds the passage index from
the sources (no ``.build/`` yet); opening it again finds the index fresh.

    .venv/bin/python bench/first_lesson.py [--course FOLDER] [--rounds 3]   # prints JSON

Each round copies the course (sources and ``course.json``, no ``.build/``) into a new tutor
home and times, in one process, the first lesson opened (which builds the index) and a second
lesson opened after it (which does not). The medians and their ratio are reported, with the
load average, since the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

RESULTS = REPO / "bench" / "results" / "first_lesson.json"


def one_round(course: Path) -> tuple[float, float, int]:
    """Seconds to open the first lesson (index built), the second (index fresh), passages."""
    from tutor.context import TutorContext
    from tutor.teach.lesson import Lesson
    from tutor.teach.passage_upkeep import forget_index_upkeep
    from tutor.teach.shared_course import forget_shared_courses

    home = Path(tempfile.mkdtemp(prefix="first-lesson-"))
    try:
        target = home / "courses" / course.name
        shutil.copytree(course, target, ignore=shutil.ignore_patterns(".build"))
        context = TutorContext(home=home, data=home / ".tutor", engine="offline",
                               build_passages=True)
        forget_index_upkeep()
        forget_shared_courses()
        started = time.perf_counter()
        first = Lesson(course.name, "first", context=context)
        built = time.perf_counter() - started
        started = time.perf_counter()
        second = Lesson(course.name, "second", context=context)
        fresh = time.perf_counter() - started
        passages = len(first.passages.chunks)
        first.close()
        second.close()
        return built, fresh, passages
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--course", type=Path, default=REPO / "courses" / "probability-basics")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    rounds = [one_round(args.course.resolve()) for _ in range(args.rounds)]
    built = statistics.median(r[0] for r in rounds)
    fresh = statistics.median(r[1] for r in rounds)
    result = {
        "course": args.course.name,
        "passages": rounds[0][2],
        "rounds": args.rounds,
        "first_lesson_seconds_median": round(built, 3),
        "first_lesson_seconds_cold": round(rounds[0][0], 3),  # the embedder loaded in it
        "next_lesson_seconds_median": round(fresh, 3),
        "ratio_first_to_next": round(built / fresh, 1) if fresh > 0 else None,
        "load_average": os.getloadavg()[0],
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
