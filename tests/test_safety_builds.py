"""Builds off the request path (issue 14): a build runs in a worker process with memory and
time limits and one build per course at a time; its progress is a status file any page (and a
reload) reads; a killed worker is reported as interrupted."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from tests.app_support import new_app
from tests.bombs import bomb_pdf
from tutor.build_jobs import JobStatus, build_status, start_build
from tutor.context import TutorContext
from tutor.errors import CourseError
from tutor.roles import add_author

pytestmark = pytest.mark.e2e  # every build here runs in a worker process

MATERIAL = ("# Averages\n\nThe **mean** is the sum of the values divided by their count.\n\n"
            "## Spread\n\nThe **variance** is the average squared distance from the mean.\n")


def wait_for(context: TutorContext, name: str, until: tuple[str, ...],
             limit_s: float = 240) -> JobStatus:
    """Poll the status until its state is one of ``until`` (a generous safety net, not a
    timing assertion)."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        status = build_status(context, name)
        if status is not None and status.state in until:
            return status
        time.sleep(0.2)
    raise AssertionError(f"the build never reached {until}: {build_status(context, name)}")


@pytest.fixture
def context(tutor_home: Path) -> TutorContext:
    return TutorContext.from_env(engine="offline")


def course_with(tutor_home: Path, name: str, files: dict[str, bytes]) -> Path:
    folder = tutor_home / "courses" / name
    folder.mkdir()
    for file_name, data in files.items():
        (folder / file_name).write_bytes(data)
    return folder


def slow_course(tutor_home: Path, name: str) -> Path:
    """A course whose only source takes several seconds to read (then is refused)."""
    folder = course_with(tutor_home, name, {})
    bomb_pdf(folder / "slow.pdf", 3_000_000, pages=3)
    return folder


def test_a_build_runs_in_a_worker_and_reports_progress(tutor_home: Path,
                                                       context: TutorContext):
    folder = course_with(tutor_home, "stats", {"notes.md": MATERIAL.encode()})
    started = start_build(context, "stats")
    assert started.state == "starting" and started.pid and started.pid != os.getpid()
    done = wait_for(context, "stats", ("done", "failed"))
    assert done.state == "done", done
    assert done.steps[0] == "read" and done.steps[-1] == "save"
    assert done.summary.startswith("Built: ") and (folder / "course.json").is_file()


def test_one_build_per_course_at_a_time(tutor_home: Path, context: TutorContext):
    slow_course(tutor_home, "slow")
    start_build(context, "slow")
    with pytest.raises(CourseError, match="already running"):
        start_build(context, "slow")
    wait_for(context, "slow", ("done", "failed"))
    start_build(context, "slow")  # free again once the first has ended
    wait_for(context, "slow", ("done", "failed"))


def test_the_memory_limit_stops_a_build(tutor_home: Path, context: TutorContext):
    course_with(tutor_home, "stats", {"notes.md": MATERIAL.encode()})
    small = context.model_copy(update={"build_max_mb": 60})
    start_build(small, "stats")
    failed = wait_for(small, "stats", ("done", "failed"))
    assert failed.state == "failed" and "more than 60 MB of memory" in failed.summary


def test_the_time_limit_stops_a_build(tutor_home: Path, context: TutorContext):
    slow_course(tutor_home, "slow")
    quick = context.model_copy(update={"build_max_seconds": 1.0})
    start_build(quick, "slow")
    failed = wait_for(quick, "slow", ("done", "failed"))
    assert failed.state == "failed" and "took longer than 1 s" in failed.summary


def test_a_killed_worker_is_reported_interrupted(tutor_home: Path, context: TutorContext):
    slow_course(tutor_home, "slow")
    start_build(context, "slow")
    running = wait_for(context, "slow", ("running",))
    assert running.pid
    os.kill(running.pid, signal.SIGKILL)
    interrupted = wait_for(context, "slow", ("interrupted",))
    assert "start it again" in interrupted.summary
    start_build(context, "slow")  # the lock died with the worker
    wait_for(context, "slow", ("done", "failed"))


def test_the_author_page_finds_a_running_build_after_a_reload(tutor_home: Path,
                                                              context: TutorContext):
    slow_course(tutor_home, "slow")
    add_author(tutor_home / ".tutor", "Grace", "compilers are fun")

    def signed_in():  # noqa: ANN202
        at = new_app().switch_page("webapp/author.py").run()
        at.text_input(key="author_name").set_value("Grace")
        at.text_input(key="author_secret").set_value("compilers are fun")
        next(b for b in at.button if b.label == "Sign in as author").click().run()
        at.selectbox(key="author_course").set_value("slow").run()  # sources, not built yet
        return at

    at = signed_in()
    at.button(key="build").click().run()
    assert not at.exception, at.exception
    wait_for(context, "slow", ("running",))
    reloaded = signed_in()  # a new session, as after a reload
    labels = [s.label for s in reloaded.status]
    job = build_status(context, "slow")
    assert job is not None
    if job.active:
        assert labels == ["Building the course…"]
        assert not any(b.key == "build" for b in reloaded.button)  # no second build
    else:
        assert labels == [job.summary]
    wait_for(context, "slow", ("done", "failed"))
