"""Reliability: the Claude engine failing in every way a network service can, mid-lesson.

Against the local fake Messages API: HTTP 500s, replies slower than the client's timeout,
streams cut off part-way, streams carrying broken events or an error event, and bodies that
are not JSON. In each case the learner gets a usable message (the offline engine stands in)
and the lesson goes on: the same exercise is still pending, and each answer is recorded once.
"""

from __future__ import annotations

import json
import time
from collections import deque
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from tests.factories import COURSE, make_chunks, make_course
from tutor.context import TutorContext
from tutor.course import Course
from tutor.engine.claude import ClaudeEngine
from tutor.teach.lesson import CoursePassages, Lesson
from tutor.teach.state import TutorMessage
from tutor.testing.claude_replies import TutorResponder, claude_engine
from tutor.testing.fake_anthropic import FakeAnthropic, Reply, task_of

TIMEOUT_S = 1.0
"""The client's timeout in these tests; slow replies take longer than this."""


class SabotagingFake(FakeAnthropic):
    """The fake server, plus sabotage by task: ``sabotage("explain", "sse_cut")`` breaks the
    next ``explain`` request that way."""

    def __init__(self) -> None:
        super().__init__(TutorResponder())
        self.plans: dict[str, deque[str]] = {}
        self.done: list[tuple[str, str]] = []

    def sabotage(self, task: str, *kinds: str) -> None:
        self.plans.setdefault(task, deque()).extend(kinds)

    def _take(self, body: dict[str, Any]) -> str | None:
        task = task_of(body)
        with self._lock:
            plan = self.plans.get(task)
            if plan:
                kind = plan.popleft()
                self.done.append((task, kind))
                return kind
        return None

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        base: Any = super()._handler_class()
        fake = self

        class Handler(base):  # type: ignore[misc, valid-type]
            def _messages(self, body: dict[str, Any]) -> None:
                kind = fake._take(body)
                if kind is None:
                    super()._messages(body)
                elif kind == "status_500":
                    self._error(500, "internal server error")
                elif kind == "slow":
                    time.sleep(TIMEOUT_S * 2)
                    self._error(500, "too late")
                elif kind == "json_garbage":
                    self._send_json(200, None, raw=b'{"id": "msg_1", "type": "message", "con')
                elif kind == "model_garbage":
                    message = fake.message(body, Reply(text="Sure! {'correct': yes, score=1"))
                    self._send_json(200, message)
                else:
                    self._broken_stream(body, kind)

            def _broken_stream(self, body: dict[str, Any], kind: str) -> None:
                self.send_response(200)
                self.send_header("content-type", "text/event-stream")
                self.send_header("connection", "close")
                self.end_headers()
                self.close_connection = True
                message = fake.message(body, Reply(text="An array keeps its elements"))
                start = {**message, "content": [], "stop_reason": None}
                events = [
                    ("message_start", {"type": "message_start", "message": start}),
                    ("content_block_start", {"type": "content_block_start", "index": 0,
                                             "content_block": {"type": "text", "text": ""}}),
                    ("content_block_delta", {"type": "content_block_delta", "index": 0,
                                             "delta": {"type": "text_delta",
                                                       "text": "An array keeps "}}),
                ]
                out = b"".join(f"event: {n}\ndata: {json.dumps(d)}\n\n".encode()
                               for n, d in events)
                if kind == "sse_cut":  # the connection drops mid-reply
                    out = out[: len(out) - 7]
                elif kind == "sse_garbage":  # an event whose data is not JSON
                    out += b"event: content_block_delta\ndata: {\"type\": \"content_blo\n\n"
                elif kind == "sse_error":  # the API reports an error inside the stream
                    out += (b"event: error\ndata: " + json.dumps(
                        {"type": "error", "error": {"type": "overloaded_error",
                                                    "message": "Overloaded"}}).encode()
                        + b"\n\n")
                elif kind == "sse_empty":  # headers, then nothing at all
                    out = b""
                elif kind == "sse_start_only":  # message_start, then the end of the stream
                    out = out.split(b"\n\n")[0] + b"\n\n"
                try:
                    self.wfile.write(out)
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass

        return Handler


@pytest.fixture
def fake() -> Iterator[SabotagingFake]:
    with SabotagingFake() as server:
        yield server


@pytest.fixture
def course(tutor_home: Path) -> Course:
    course = make_course()
    folder = tutor_home / "courses" / COURSE
    folder.mkdir(parents=True)
    (folder / "course.json").write_text(course.to_json(), encoding="utf-8")
    return course


def open_lesson(fake: SabotagingFake, course: Course) -> tuple[Lesson, ClaudeEngine]:
    engine = claude_engine(fake, max_retries=0, timeout=TIMEOUT_S).with_course(course)
    lesson = Lesson(COURSE, "ana", context=TutorContext.from_env(engine="offline"),
                    engine=engine, passages=CoursePassages(course, make_chunks()))
    return lesson, engine


def usable(messages: list[TutorMessage]) -> bool:
    """Every message has text, and none shows a traceback or raw error."""
    return bool(messages) and all(
        m.text.strip() and "Traceback" not in m.text and "Error:" not in m.text
        for m in messages
    )


STREAM_FAILURES = ["sse_cut", "sse_garbage", "sse_error", "sse_empty", "sse_start_only",
                   "status_500", "slow"]
REPLY_FAILURES = ["status_500", "slow", "json_garbage", "model_garbage"]


@pytest.mark.parametrize("failure", STREAM_FAILURES)
def test_a_failed_explanation_still_teaches_and_asks(fake: SabotagingFake, course: Course,
                                                     failure: str) -> None:
    fake.sabotage("explain", failure)
    lesson, engine = open_lesson(fake, course)
    said = lesson.start()
    assert fake.done == [("explain", failure)]
    assert usable(said)
    assert said[0].kind == "explanation" and len(said[0].text) > 20
    assert said[-1].kind == "exercise" and lesson.pending is not None
    assert engine.fallbacks or "dropped" in said[0].text  # fell back, or said it was cut off
    reply = lesson.answer(course.exercise(lesson.pending.id).answer)
    assert reply[0].kind == "feedback" and reply[0].correct
    assert len(lesson.store.attempts("ana", COURSE)) == 1
    lesson.close()


@pytest.mark.parametrize("failure", REPLY_FAILURES)
def test_a_failed_grade_hint_or_question_keeps_the_lesson_going(
    fake: SabotagingFake, course: Course, failure: str
) -> None:
    lesson, engine = open_lesson(fake, course)
    lesson.start()
    pending = lesson.pending
    assert pending is not None
    # A reply that is not the asked-for JSON is asked again once: sabotage both tries.
    times = 2 if failure == "model_garbage" else 1
    fake.sabotage("teach_turn", *[failure] * times)  # a lesson grades in one call a turn
    fake.sabotage("answer_question", *[failure] * times)
    if failure != "model_garbage":  # (a hint is plain text: any text is a usable reply)
        fake.sabotage("hint", failure)

    wrong = lesson.answer("a linked list")
    assert usable(wrong) and wrong[0].kind == "feedback" and wrong[0].correct is False
    assert lesson.pending is not None and lesson.pending.id == pending.id
    hint = lesson.hint()
    assert usable(hint) and hint[0].kind == "hint"
    answer = lesson.ask("What is stored next to each other?")
    assert usable(answer) and answer[0].kind == "answer"
    expected = ["answer_question", "grade"] + ([] if failure == "model_garbage" else ["hint"])
    sent = {"grade": "teach_turn"}
    assert sorted({task for task, _ in fake.done}) == sorted(sent.get(t, t) for t in expected)
    assert sorted(f.task for f in engine.fallbacks) == expected

    right = lesson.answer(course.exercise(pending.id).answer)  # the service is back
    assert right[0].kind == "feedback" and right[0].correct
    attempts = lesson.store.attempts("ana", COURSE)
    assert [a.correct for a in attempts] == [False, True]
    lesson.close()


def test_every_failure_in_a_row_then_recovery(fake: SabotagingFake, course: Course) -> None:
    """A long outage: every kind of failure on every call for a while, then service again."""
    lesson, engine = open_lesson(fake, course)
    fake.sabotage("explain", *STREAM_FAILURES)
    fake.sabotage("teach_turn", *REPLY_FAILURES * 2)
    said = lesson.start()
    answers = 0
    for _ in range(8):
        pending = lesson.pending
        if pending is None:  # every exercise of the small course answered right today
            break
        said += lesson.answer(course.exercise(pending.id).answer)
        answers += 1
    # The demo course has 7 exercises; a learner who answers each right has done all that
    # can be done today, and the lesson says so (it never previews a concept not yet ready).
    assert answers >= 6
    assert lesson.pending is not None or (said[-1].kind == "done"
                                          and "Come back tomorrow" in said[-1].text)
    assert usable([m for m in said if m.kind != "learner"])
    assert len(lesson.store.attempts("ana", COURSE)) == answers
    assert engine.fallbacks
    lesson.close()
