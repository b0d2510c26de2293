"""Course builds off the request path: a build runs in its own worker process, with a memory
and a time limit and one build per course at a time, and reports its progress in a status file
that any page (and a reload) can read.

- :func:`start_build` checks the per-course lock, writes a ``starting`` status and launches
  ``python -m tutor.build_jobs`` in a new session; it returns at once.
- The worker takes the course's lock (``courses/<slug>/.build.lock``, an ``flock`` held for its
  whole life, so a second build of the same course refuses to start), then runs
  :func:`tutor.study.build_course` and writes each progress event to
  ``courses/<slug>/.build-job.json``. A watchdog thread ends the worker when its resident
  memory passes the limit or its time runs out, after writing why (``RLIMIT_CPU`` backs the
  time limit up).
- :func:`build_status` reads the status; a worker that died without a last word (killed) is
  reported as ``interrupted``: its lock is free while the status still says it runs.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from tutor.context import TutorContext
from tutor.errors import CourseError, TutorError
from tutor.home import atomic_write_text, course_dir
from tutor.ingest.sources import find_sources

STATUS_FILE = ".build-job.json"
LOCK_FILE = ".build.lock"
LOG_FILE = ".build-job.log"
STARTING_GRACE_S = 60.0
"""How long a ``starting`` status is believed without a worker holding the lock."""
JobState = Literal["starting", "running", "done", "failed", "interrupted"]


class JobStatus(BaseModel):
    """What a page shows about a course's latest build."""

    state: JobState
    pid: int | None = None
    started: float = Field(default_factory=time.time)
    updated: float = Field(default_factory=time.time)
    step: str = ""
    done: int = 0
    total: int = 0
    message: str = ""
    steps: list[str] = Field(default_factory=list)
    """Steps seen so far, in order."""
    summary: str = ""
    """One line when the build ended: what was built, or why it failed."""
    failed_sources: list[str] = Field(default_factory=list)

    @property
    def active(self) -> bool:
        return self.state in ("starting", "running")


def _lock_is_held(folder: Path) -> bool:
    path = folder / LOCK_FILE
    if not path.exists():
        return False
    with path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
    return False


def _write(folder: Path, status: JobStatus) -> None:
    status.updated = time.time()
    atomic_write_text(folder / STATUS_FILE, status.model_dump_json())


def read_status(folder: Path) -> JobStatus | None:
    try:
        return JobStatus.model_validate_json((folder / STATUS_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def build_status(context: TutorContext, course_name: str) -> JobStatus | None:
    """The latest build of the course, ``interrupted`` if its worker died mid-way."""
    folder = course_dir(course_name, context.home)
    status = read_status(folder)
    if status is None or not status.active or _lock_is_held(folder):
        return status
    if status.state == "starting" and time.time() - status.updated < STARTING_GRACE_S:
        return status
    status.state = "interrupted"
    status.summary = "the build stopped without finishing (the worker was killed); start it again"
    return status


def start_build(context: TutorContext, course_name: str) -> JobStatus:
    """Launch a build worker for the course; :class:`CourseError` when one is running."""
    folder = course_dir(course_name, context.home)
    if not folder.is_dir() or not find_sources(folder):
        raise CourseError(f"course {course_name!r} has no sources yet; add some first")
    current = build_status(context, course_name)
    if _lock_is_held(folder) or (current is not None and current.active):
        raise CourseError(f"a build of {course_name!r} is already running; wait for it to end")
    status = JobStatus(state="starting")
    _write(folder, status)
    command = [sys.executable, "-m", "tutor.build_jobs", str(folder), "--home",
               str(context.home), "--data", str(context.data), "--engine", context.engine,
               "--max-mb", str(context.build_max_mb),
               "--max-seconds", str(context.build_max_seconds)]
    with (folder / LOG_FILE).open("w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True,
                                   cwd=str(folder))
    status.pid = process.pid
    _write(folder, status)
    return status


# -- the worker ------------------------------------------------------------------------
class _Worker:
    def __init__(self, folder: Path, max_mb: int, max_seconds: float) -> None:
        self.folder = folder
        self.max_bytes = max_mb * 1024 * 1024
        self.max_mb = max_mb
        self.max_seconds = max_seconds
        self.started = time.monotonic()
        self.lock = threading.Lock()
        self.status = JobStatus(state="running", pid=os.getpid())

    def update(self, **fields: Any) -> None:
        with self.lock:
            for key, value in fields.items():
                setattr(self.status, key, value)
            _write(self.folder, self.status)

    def on_progress(self, event: dict) -> None:
        step = str(event.get("step", ""))
        steps = self.status.steps + ([step] if step and step not in self.status.steps else [])
        self.update(step=step, done=int(event.get("done") or 0),
                    total=int(event.get("total") or 0),
                    message=" ".join(str(event.get("message", "")).split())[:120], steps=steps)

    def watch(self) -> None:
        """End the process (after saying why) past the memory or time limit."""
        page = os.sysconf("SC_PAGE_SIZE")
        while True:
            time.sleep(0.2)
            with open("/proc/self/statm") as statm:
                resident = int(statm.read().split()[1]) * page
            if resident > self.max_bytes:
                self.update(state="failed", summary=f"the build used more than {self.max_mb} "
                            "MB of memory and was stopped; split the course material")
                os._exit(4)
            if time.monotonic() - self.started > self.max_seconds:
                self.update(state="failed", summary=f"the build took longer than "
                            f"{self.max_seconds:g} s and was stopped; split the course material")
                os._exit(5)


def run_worker(folder: Path, context: TutorContext, max_mb: int, max_seconds: float) -> int:
    lock = (folder / LOCK_FILE).open("a+")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return 3  # another worker builds this course; its status file is left alone
    cpu = int(max_seconds * 2) + 30
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    worker = _Worker(folder, max_mb, max_seconds)
    worker.update()
    threading.Thread(target=worker.watch, daemon=True).start()
    from tutor.study.build import build_course

    try:
        result = build_course(folder, context=context, on_progress=worker.on_progress)
    except TutorError as exc:
        worker.update(state="failed", summary=str(exc))
        return 1
    except Exception as exc:  # noqa: BLE001 - reported on the page, one line
        worker.update(state="failed", summary=f"the build failed ({type(exc).__name__}: "
                      f"{' '.join(str(exc).split())[:120]})")
        return 1
    report = result.report
    failed = [f.error for f in report.failed_sources]
    if result.course is None:
        worker.update(state="failed", failed_sources=failed,
                      summary="no source could be read; nothing was built")
        return 1
    worker.update(state="done", failed_sources=failed, summary=(
        f"Built: {report.concepts} concepts, {report.prerequisites} prerequisite edges, "
        f"{sum(report.exercises_by_kind.values())} exercises in {report.seconds:.1f} s"))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tutor.build_jobs")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--engine", default="auto")
    parser.add_argument("--max-mb", type=int, required=True)
    parser.add_argument("--max-seconds", type=float, required=True)
    args = parser.parse_args(argv)
    context = TutorContext.from_env(home=args.home, data=args.data, engine=args.engine)
    return run_worker(args.folder, context, args.max_mb, args.max_seconds)


if __name__ == "__main__":
    sys.exit(main())
