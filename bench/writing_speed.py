"""CPU of writing the exercises (offline engine) against an earlier tree's, in the same run.

Each round builds each shared book once per tree, each build in a fresh process, and sums the
CPU time of the exercise-writing work: finding each concept's showcases (``plan_exercises``)
and the engine's ``write_exercises`` and ``check_exercise`` calls (thread CPU, so the build's
other threads are not counted). Reports the medians per book and their ratio to the
baseline's.

    .venv/bin/python bench/writing_speed.py --baseline DIR [--runs 3] [--books thinkstats2,...]

DIR is an earlier commit's tree (``git archive COMMIT | tar -x -C DIR``); both trees run with
this virtual environment. Timings on a shared machine are noisy: compare the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EVAL_PDFS = REPO.parent / "shared" / "eval" / "pdfs"
RESULTS = REPO / "bench" / "results" / "writing_speed.json"
BOOKS = ("thinkstats2", "thinkpython2", "forallx")

_MEASURE = r"""
import json, sys, threading, time
from pathlib import Path
from tutor.context import TutorContext
from tutor.engine.offline.engine import OfflineEngine
from tutor.study import build_course
import tutor.study.exercise_steps as steps

spent = [0.0]
lock = threading.Lock()

def timed(fn):
    def run(*args, **kwargs):
        start = time.thread_time()
        try:
            return fn(*args, **kwargs)
        finally:
            with lock:
                spent[0] += time.thread_time() - start
    return run

OfflineEngine.write_exercises = timed(OfflineEngine.write_exercises)
OfflineEngine.check_exercise = timed(OfflineEngine.check_exercise)
steps.showcase_passages = timed(steps.showcase_passages)
folder, home = Path(sys.argv[1]), Path(sys.argv[2])
context = TutorContext.from_env(home=home, engine="offline")
result = build_course(folder, context=context, index=False)
print(json.dumps({"writing_cpu": spent[0], "exercises": len(result.course.exercises)}))
"""


def _measure(tree: Path, pdf: Path, workdir: Path) -> dict[str, float]:
    folder = workdir / pdf.stem
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    shutil.copy2(pdf, folder / pdf.name)
    env = {**os.environ, "PYTHONPATH": str(tree), "ANONYMIZED_TELEMETRY": "False"}
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(folder), str(workdir / "home")],
                          cwd=tree, env=env, capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--books", default=",".join(BOOKS))
    args = parser.parse_args()
    books = [b for b in args.books.split(",") if b]
    samples: dict[str, dict[str, list[float]]] = {b: {"tree": [], "baseline": []} for b in books}
    counts: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="writing-speed-") as tmp:
        for _ in range(args.runs):
            for book in books:
                pdf = EVAL_PDFS / f"{book}.pdf"
                for side, tree in (("baseline", args.baseline), ("tree", REPO)):
                    got = _measure(tree, pdf, Path(tmp) / side)
                    samples[book][side].append(got["writing_cpu"])
                    counts.setdefault(book, {})[f"{side}_exercises"] = got["exercises"]
    report = {"runs": args.runs, "load_average": os.getloadavg(), "books": {}}
    for book in books:
        tree, base = (statistics.median(samples[book][s]) for s in ("tree", "baseline"))
        report["books"][book] = {"writing_cpu_s": round(tree, 3),
                                 "baseline_writing_cpu_s": round(base, 3),
                                 "ratio": round(tree / base, 3), **counts[book]}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
