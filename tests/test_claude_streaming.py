"""A teaching turn streamed to the learner: the fake Messages API sends the reply as SSE events
a few characters each (keys and citations split across events), through the real SDK.

What the learner sees while the reply is written must never hold what withholding hides or a
citation that checking drops, at any moment, and it must add up to the finished text.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from tests.claude_lesson_support import (
    claude_lesson,
    demo_claude_engine,
    terminal_lesson,
    write_course,
)
from tests.factories import Shown, make_chunks, make_course, open_lesson
from tutor.answers import reveals_answer
from tutor.context import TutorContext
from tutor.course import Exercise
from tutor.engine.claude.turns import explanation_key, hint_key
from tutor.engine.claude.withhold import PLACEHOLDER, WithheldStream, withhold_answer
from tutor.engine.port import ExplanationStyle, NextMove, TurnPlan
from tutor.teach.choosing import could_be_asked
from tutor.teach.lesson import Lesson
from tutor.testing.claude_replies import TutorResponder
from tutor.testing.fake_anthropic import FakeAnthropic

COURSE = make_course()
CHUNKS = make_chunks()
ARRAY = COURSE.concept("array")
HASH = COURSE.concept("hash-table")
CLOZE = COURSE.exercise("array-cloze")  # key: "array"
MC = COURSE.exercise("array-mc")  # key: "by its index"


def _reply(correct: bool, feedback: str, if_right: str = "", if_wrong: str = "") -> str:
    return json.dumps({"correct": correct, "score": float(correct), "feedback": feedback,
                       "matched_points": [], "missing_points": [], "misconception": "",
                       "next_if_right": if_right, "next_if_wrong": if_wrong})


def _explain(concept_id: str, withheld: list[Exercise] | None = None) -> NextMove:
    concept = COURSE.concept(concept_id)
    return NextMove(kind="explain", concept=concept, style=ExplanationStyle.SIMPLER,
                    passages=[c for c in CHUNKS if c.page == concept.citations[0].page],
                    withheld=withheld or [])


def test_the_fake_server_streams_sse_in_small_pieces_the_sdk_reads(
    streamed_fake: FakeAnthropic
) -> None:
    streamed_fake.enqueue("Binary search halves the range.")
    engine = demo_claude_engine(streamed_fake)
    with engine.client.messages.stream(model="m", max_tokens=50,
                                       messages=[{"role": "user", "content": "hi"}]) as stream:
        events = [event.type for event in stream]
        final = stream.get_final_message()
    assert events[0] == "message_start" and events[-1] == "message_stop"
    assert events.count("text") == len("Binary search halves the range.") // 3 + 1
    assert final.content[0].text == "Binary search halves the range."  # type: ignore[union-attr]
    assert final.usage.output_tokens > 0


def test_a_wrong_answer_streams_feedback_then_the_explanation_never_showing_the_key(
    streamed_fake: FakeAnthropic
) -> None:
    feedback = "Not quite. The word is array, as the passage says."
    explanation = ("An array keeps its elements side by side (notes.md p. 1). "
                   "Each array element has an index, so any element is found at once.")
    streamed_fake.enqueue(_reply(False, feedback, if_wrong=explanation))
    engine, shown = demo_claude_engine(streamed_fake), Shown()
    plan = TurnPlan(if_right=None, if_wrong=_explain("array"))
    grade = engine.grade_turn(CLOZE, "list", plan, shown)

    assert not grade.correct and shown.kinds() == ["feedback", "explanation"]
    for kind in ("feedback", "explanation"):
        assert shown.moments(kind), kind
        assert not any(reveals_answer(moment, CLOZE) for moment in shown.moments(kind))
    assert shown.text("feedback").strip() == grade.feedback
    served = engine.turns.take(explanation_key("array", ExplanationStyle.SIMPLER))
    assert served is not None and shown.text("explanation").strip() == served
    assert PLACEHOLDER in served and "(notes.md p. 1)" in served
    assert streamed_fake.message_requests()[-1].body["stream"] is True
    assert len(streamed_fake.message_requests()) == 1


def test_a_citation_is_shown_only_once_checked_and_a_dropped_one_never(
    streamed_fake: FakeAnthropic
) -> None:
    explanation = ('A hash table "finds a value from its key" (notes.md p. 4). It is "always '
                   'faster than a list" (notes.md p. 4), and see (notes.md p. 9).')
    streamed_fake.enqueue(_reply(True, "Right: that is the order.", if_right=explanation))
    engine, shown = demo_claude_engine(streamed_fake), Shown()
    sorting_mc = COURSE.exercise("sorting-mc")
    plan = TurnPlan(if_right=_explain("hash-table"), if_wrong=None)
    grade = engine.grade_turn(sorting_mc, "puts them in order", plan, shown)

    assert grade.correct
    served = engine.turns.take(explanation_key("hash-table", ExplanationStyle.SIMPLER))
    assert served == shown.text("explanation").strip()
    assert served.count("(notes.md p. 4)") == 1 and "p. 9" not in served
    assert '"always faster' not in served  # the unsupported quote lost its quote marks
    for moment in shown.moments("explanation"):
        assert "p. 9" not in moment and '"always' not in moment


def test_the_keys_of_exercises_that_may_come_next_are_hidden_while_streaming(
    streamed_fake: FakeAnthropic
) -> None:
    explanation = "A hash table stores key-value pairs. That is what makes lookups fast."
    streamed_fake.enqueue(_reply(True, "Right.", if_right=explanation))
    engine, shown = demo_claude_engine(streamed_fake), Shown()
    hash_mc = COURSE.exercise("hash-mc")  # key: "key-value pairs"
    plan = TurnPlan(if_right=_explain("hash-table", withheld=[hash_mc]), if_wrong=None)
    engine.grade_turn(COURSE.exercise("sorting-mc"), "puts them in order", plan, shown)

    assert shown.text("explanation")
    assert not any(reveals_answer(m, hash_mc) for m in shown.moments("explanation"))


def test_a_verdict_code_overrules_shows_code_words_never_the_model_s(
    streamed_fake: FakeAnthropic
) -> None:
    streamed_fake.enqueue(_reply(True, "Yes, by its index is exactly right!",
                        if_right="unused", if_wrong="Think about how you find a seat by number."))
    engine, shown = demo_claude_engine(streamed_fake), Shown()
    hint = NextMove(kind="hint", concept=ARRAY, exercise=MC, level=1)
    grade = engine.grade_turn(MC, "by its key", TurnPlan(if_right=None, if_wrong=hint), shown)

    assert not grade.correct
    assert "exactly right" not in shown.text("feedback")
    assert shown.text("feedback") == grade.feedback
    # The model was asked only for the wrong-answer move; its hint streams, key withheld.
    assert shown.text("hint").strip() == engine.turns.take(hint_key(MC.id, 1))


def test_the_streamed_turn_grades_and_keeps_what_the_unstreamed_one_does(
    streamed_fake: FakeAnthropic
) -> None:
    reply = _reply(False, "Not quite: an array is found by its index, not by a key.",
                   if_wrong="Picture a row of boxes numbered 0, 1, 2; by its index you "
                   "go straight to one.")
    plan = TurnPlan(if_right=None, if_wrong=_explain("array"))
    streamed_fake.enqueue(reply, reply)
    streamed_engine, plain_engine = demo_claude_engine(streamed_fake), demo_claude_engine(streamed_fake)
    streamed = streamed_engine.grade_turn(MC, "by its key", plan, Shown())
    plain = plain_engine.grade_turn(MC, "by its key", plan)
    assert streamed == plain
    key = explanation_key("array", ExplanationStyle.SIMPLER)
    assert streamed_engine.turns.take(key) == plain_engine.turns.take(key)
    assert [r.body.get("stream", False) for r in streamed_fake.message_requests()] == [True, False]


@pytest.mark.parametrize("size", [1, 2, 5, 11])
def test_withheld_stream_equals_the_finished_text_whatever_the_pieces(size: int) -> None:
    text = ("Not quite. You said list, but an ar" "ray is what it is called. It is an "
            "array\n\nof elements. ARRAYS hold elements next to each other, by index.")
    finished, _ = withhold_answer(text, CLOZE)
    stream = WithheldStream(lambda t: withhold_answer(t, CLOZE)[0], ["array"])
    seen = ""
    for i in range(0, len(text), size):
        seen += stream.push(text[i:i + size])
        assert not reveals_answer(seen, CLOZE)
    seen += stream.finish()
    assert seen == finished


# -- through the lesson ------------------------------------------------------------------------
def _wrong_answer(lesson: Lesson) -> str:
    exercise = lesson.course.exercise(lesson.pending.id)  # type: ignore[union-attr]
    others = [c for c in exercise.choices or [] if c != exercise.answer]
    return others[0] if others else "something else entirely"


class ThreadedShown(Shown):
    """Also notes the thread each piece arrives in (a UI draws in its own thread only)."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: set[int] = set()

    def __call__(self, kind: str, piece: str) -> None:
        self.threads.add(threading.get_ident())
        super().__call__(kind, piece)


def test_the_lesson_streams_a_turn_in_the_caller_s_thread_and_keeps_the_final_text(
    tutor_home: Path
) -> None:
    with FakeAnthropic(TutorResponder(), stream_chunk=4) as streamed_fake:
        lesson, engine = claude_lesson(tutor_home, streamed_fake)
        with lesson:
            lesson.start()
            for turn in range(4):
                shown = ThreadedShown()
                pending = lesson.course.exercise(lesson.pending.id)  # type: ignore[union-attr]
                right = turn % 2 == 1
                replies = lesson.answer(pending.answer if right else _wrong_answer(lesson),
                                        shown=shown)
                kept = {m.kind: m.text for m in replies}
                assert shown.kinds()[0] == "feedback" and len(shown.pieces) > len(shown.kinds())
                assert shown.threads == {threading.get_ident()}
                if not right:  # the exercise waits: its key was never on screen
                    for kind in shown.kinds():
                        assert not any(reveals_answer(m, pending) for m in shown.moments(kind))
                    assert shown.text("feedback").strip() == kept["feedback"]
                if "explanation" in shown.kinds():
                    assert shown.text("explanation").strip() == kept["explanation"]
                assert [r.body.get("stream") for r in streamed_fake.message_requests()][-1] is True
                used = lesson.engine.usage.records()[-1]  # type: ignore[attr-defined]
                assert used.task == "teach_turn" and used.learner_id == "ana"
                assert used.cache_read_tokens > 0 and used.output_tokens > 0
    assert engine.fallbacks == [] and lesson.engine.fallbacks == []  # type: ignore[attr-defined]


def test_the_offline_engine_gives_its_text_whole_through_the_same_sink(
    tutor_home: Path
) -> None:
    write_course(tutor_home)
    with open_lesson(TutorContext.from_env(engine="offline")) as lesson:
        lesson.start()
        shown = Shown()
        pending = lesson.course.exercise(lesson.pending.id)  # type: ignore[union-attr]
        replies = lesson.answer(_wrong_answer(lesson), shown=shown)
    streamed = [(m.kind, m.text) for m in replies if m.kind in ("feedback", "explanation",
                                                               "hint")]
    assert shown.pieces == streamed and streamed[0][0] == "feedback"
    assert not any(reveals_answer(text, pending) for _, text in shown.pieces)


def test_the_terminal_draws_the_turn_as_it_is_written_then_the_messages(
    tutor_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = terminal_lesson(tutor_home, monkeypatch,
                           lambda lesson: [_wrong_answer_after_start(lesson), "/quit"])
    feedback = "that option describes a different idea"
    # Drawn while written (a live frame), then the feedback panel of the turn's messages.
    assert text.count(feedback) >= 2
    assert text.index("\x1b[2K") < text.rindex(feedback)


def _wrong_answer_after_start(lesson: Lesson) -> str:
    lesson.start()
    return _wrong_answer(lesson)


def test_the_exercises_that_may_follow_a_new_explanation() -> None:
    # Any of the array exercises may be chosen; none of them is a true/false.
    assert {e.id for e in could_be_asked({}, COURSE, "array")} == {"array-cloze", "array-mc"}
    # One answered right ranks after the others.
    log = {"exercise_log": {"array-cloze": [1, 1]}}
    assert [e.id for e in could_be_asked(log, COURSE, "array")] == ["array-mc"]  # type: ignore[arg-type]
    # A true/false among them can never be given away: one is always left to ask.
    assert could_be_asked({}, COURSE, "sorting") == []


def _live_page() -> None:
    import streamlit as st

    from webapp.live_turn import LiveTurn

    st.markdown("before")
    area = st.container()
    st.markdown("after")
    live = LiveTurn(area)
    for kind, piece in [("feedback", "Not quite: "), ("feedback", "look again."),
                        ("explanation", "An *array* keeps"), ("explanation", " them in a row.")]:
        live(kind, piece)


@pytest.mark.e2e
def test_the_learn_page_grows_each_kind_of_text_in_its_own_message_in_place() -> None:
    from streamlit.testing.v1 import AppTest

    page = AppTest.from_function(_live_page).run()
    assert not page.exception
    assert [m.avatar for m in page.chat_message] == [":material/rate_review:",
                                                     ":material/menu_book:"]
    texts = [m.value for m in page.markdown]
    assert texts[0] == "before" and texts[-1] == "after"  # drawn where the area is
    assert "Not quite: look again." in texts and "An *array* keeps them in a row." in texts
