"""Shared helpers for the tests of the Claude engine taught through :class:`Lesson`: a course
folder under a fresh ``TUTOR_HOME``, a Claude engine bound to the demo course, and a lesson
whose Claude engine talks to the local fake Messages API server (127.0.0.1). The fake that
streams its replies in small SSE events is the ``streamed_fake`` fixture (``conftest.py``)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from tests.factories import COURSE, make_chunks, make_course
from tutor.cli.learn_commands import run_lesson
from tutor.context import TutorContext
from tutor.course import Course
from tutor.engine.claude import ClaudeEngine
from tutor.teach.lesson import CoursePassages, Lesson
from tutor.testing.claude_replies import TutorResponder, claude_engine
from tutor.testing.fake_anthropic import FakeAnthropic, task_of


def write_course(home: Path, course: Course | None = None) -> Course:
    """``course`` (default: the teach-graph test course) saved as ``courses/demo/course.json``."""
    course = course or make_course()
    folder = home / "courses" / COURSE
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "course.json").write_text(course.to_json(), encoding="utf-8")
    return course


def demo_claude_engine(fake: FakeAnthropic) -> ClaudeEngine:
    """A Claude engine on ``fake`` bound to the demo course and its passages."""
    return claude_engine(fake).with_course(make_course(), make_chunks())


def claude_lesson(home: Path, fake: FakeAnthropic, learner: str = "ana",
                  **engine_options: Any) -> tuple[Lesson, ClaudeEngine]:
    """A lesson on the test course taught by an (unbound) Claude engine given to it."""
    course = write_course(home)
    engine = claude_engine(fake, **engine_options)
    lesson = Lesson(COURSE, learner, context=TutorContext.from_env(engine="offline"),
                    engine=engine, passages=CoursePassages(course, make_chunks()))
    return lesson, engine


def tasks_sent(fake: FakeAnthropic, since: int = 0) -> list[str]:
    """The task of each Messages API request the fake received, in order."""
    return [task_of(r.body) for r in fake.message_requests()[since:]]


def terminal_lesson(home: Path, monkeypatch: pytest.MonkeyPatch,
                    lines: Callable[[Lesson], list[str]]) -> str:
    """What the CLI draws (terminal codes included) for a Claude lesson whose replies stream
    in 4-character events, typed the ``lines(lesson)``."""
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100)
    with FakeAnthropic(TutorResponder(), stream_chunk=4) as streamed_fake:
        lesson, _ = claude_lesson(home, streamed_fake)
        with lesson:
            typed = iter(lines(lesson))
            monkeypatch.setattr("builtins.input", lambda *_: next(typed))
            run_lesson(lesson, console)
    return out.getvalue()
