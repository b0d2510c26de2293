"""Concurrent lessons: many simulated learners at once against one SQLite learner store and one
SQLite checkpoint database (the embedded default).

    .venv/bin/python bench/concurrency.py [--learners 50] [--answers 20] [--processes 5]

Each learner is a thread driving its own :class:`tutor.teach.lesson.Lesson` (own connections,
as separate web sessions would), answering ``--answers`` exercises of a synthetic 12-concept
course, right with probability 0.7 (exact-match grading: the cost measured is the tutor's own,
graph + checkpoints + learner store, not an embedding model). Learners are spread over
``--processes`` processes that share the two database files. For comparison, one learner alone
in one process is run first, in the same run. Reported: turns per second (answers stored per
wall-clock second, process start-up included and excluded), the ratio to the lone learner, and
the checks of ``tutor/testing/load.py`` (every answer stored exactly once, no
"database is locked"). Timings on a shared 2-core machine are noisy; the load average is
recorded.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from tutor.testing.courses import install_stress_course as install_course  # noqa: E402
from tutor.testing.load import check_store, run_in_processes  # noqa: E402


def run(learners: int, answers: int, processes: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        data = home / ".tutor"
        install_course(home)
        results, wall = run_in_processes(home, data, learners, answers, processes)
        check_store(data, results, answers)
        turns = sum(r["answers"] for r in results)
        busy = max(r["seconds"] for r in results)  # lessons only, without process start-up
        per_learner = sorted(r["seconds"] for r in results)
        return {
            "learners": learners,
            "processes": processes,
            "answers_per_learner": answers,
            "turns": turns,
            "wall_seconds": round(wall, 2),
            "turns_per_second": round(turns / wall, 1),
            "turns_per_second_lessons_only": round(turns / busy, 1),
            "learner_seconds": {"min": round(per_learner[0], 2),
                                "median": round(per_learner[len(per_learner) // 2], 2),
                                "max": round(per_learner[-1], 2)},
            "errors": sum(len(r["errors"]) for r in results),
            "database_locked": sum("locked" in e for r in results for e in r["errors"]),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--answers", type=int, default=20)
    parser.add_argument("--processes", type=int, default=5)
    args = parser.parse_args()
    load_before = os.getloadavg()
    alone = run(1, args.answers, 1)
    crowd = run(args.learners, args.answers, args.processes)
    result = {
        "conditions": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
            "note": "shared machine; SQLite (WAL) learner store and checkpoints on local disk; "
                    "one thread per learner; exact-match grading",
        },
        "alone": alone,
        "concurrent": crowd,
        "throughput_ratio_concurrent_to_alone": round(
            float(crowd["turns_per_second_lessons_only"])  # type: ignore[arg-type]
            / float(alone["turns_per_second_lessons_only"]), 2),  # type: ignore[arg-type]
    }
    out = REPO / "bench" / "results" / "concurrency.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
