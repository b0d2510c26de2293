"""Scale-out: ``tutor eval load`` on PostgreSQL + a Chroma server, and on the SQLite files, in
one run.

    .venv/bin/python bench/scale_out.py [--learners 500] [--processes 4] [--sqlite-learners 50]
                                        [--answers 4]

Starts a real PostgreSQL (Debian's initdb/pg_ctl, fsync on) and a real ``chroma run`` on
127.0.0.1, builds the repository's sample course twice (vectors on the Chroma server; vectors
in the embedded store), then drives ``--learners`` simulated learners from ``--processes``
processes through real lessons on PostgreSQL + Chroma, and ``--sqlite-learners`` on the SQLite
files + embedded Chroma with the same number of processes. Each learner starts, asks one
question (a passage search through Chroma) and answers ``--answers`` exercises with the offline
engine. Prints both reports (``tutor.evals.load.LoadReport``) and writes
``bench/results/scale_out.json``. Timings on a shared 2-core machine are noisy; the load
average is recorded.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from tutor.context import TutorContext  # noqa: E402
from tutor.evals.load import run_load  # noqa: E402
from tutor.study import build_course  # noqa: E402
from tutor.testing.servers import start_chroma, start_postgres  # noqa: E402

COURSE = "probability-basics"


def home_with_course(folder: Path, chroma_url: str) -> TutorContext:
    home = folder / "home"
    (home / "courses").mkdir(parents=True)
    shutil.copytree(REPO / "courses" / COURSE, home / "courses" / COURSE,
                    ignore=shutil.ignore_patterns(".build"))
    context = TutorContext(home=home, data=home / ".tutor", engine="offline",
                           chroma_url=chroma_url)
    build_course(COURSE, context=context)
    return context


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=500)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--sqlite-learners", type=int, default=50)
    parser.add_argument("--answers", type=int, default=4)
    args = parser.parse_args()
    postgres = start_postgres(durable=True)
    chroma = start_chroma()
    try:
        with tempfile.TemporaryDirectory() as server_folder, \
                tempfile.TemporaryDirectory() as file_folder:
            on_servers = home_with_course(Path(server_folder), chroma.url).model_copy(
                update={"database_url": postgres.url})
            on_files = home_with_course(Path(file_folder), "")
            started = time.perf_counter()
            servers = run_load(on_servers, COURSE, learners=args.learners,
                               processes=args.processes, answers=args.answers)
            files = run_load(on_files, COURSE, learners=args.sqlite_learners,
                             processes=args.processes, answers=args.answers)
            seconds = time.perf_counter() - started
    finally:
        chroma.stop()
        postgres.stop()
    result = {
        "postgres_chroma_server": servers.model_dump(),
        "sqlite_embedded_chroma": files.model_dump(),
        "processes": args.processes, "answers_per_learner": args.answers,
        "seconds": round(seconds, 1), "load_average": os.getloadavg(),
        "cpus": os.cpu_count(), "python": platform.python_version(),
    }
    text = json.dumps(result, indent=2)
    print(text)
    out = REPO / "bench" / "results" / "scale_out.json"
    out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
