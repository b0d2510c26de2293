"""Every text the learner reads is streamed, withheld and citation-checked alike: the lesson's
opening explanation, a hint asked for, the answer to a free question, and the feedback (its
citations checked too). The fake Messages API sends each reply as SSE events a few characters
each, through the real SDK; what the learner saw is the text the lesson keeps.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.claude_lesson_support import (
    claude_lesson,
    demo_claude_engine,
    tasks_sent,
    terminal_lesson,
    write_course,
)
from tests.factories import Shown, make_chunks, make_course, open_lesson
from tutor.answers import mask_answer, reveals_answer
from tutor.context import TutorContext
from tutor.engine.claude.withhold import PLACEHOLDER, withhold_answer
from tutor.engine.port import ExplanationStyle, NextMove, TurnPlan
from tutor.teach.choosing import could_be_asked
from tutor.teach.lesson import Lesson
from tutor.testing.claude_replies import TutorResponder
from tutor.testing.fake_anthropic import FakeAnthropic

COURSE = make_course()
CHUNKS = make_chunks()
CLOZE = COURSE.exercise("array-cloze")  # key "array"; cites notes.md p. 1


def _turn_reply(correct: bool, feedback: str, if_wrong: str = "") -> str:
    return json.dumps({"correct": correct, "score": float(correct), "feedback": feedback,
                       "matched_points": [], "missing_points": [], "misconception": "",
                       "next_if_right": "", "next_if_wrong": if_wrong})


# -- withholding keeps what it does not hide -------------------------------------------------
def test_hiding_a_sentence_keeps_the_marks_no_sentence_pattern_starts_with() -> None:
    true_false = COURSE.exercise("sorting-tf")
    text = "?! Think again. The statement is true.\n...and look at page 2."
    hidden, changed = withhold_answer(text, true_false)
    assert changed
    assert hidden == f"?! Think again. {PLACEHOLDER}\n...and look at page 2."


# -- citations in feedback -------------------------------------------------------------------
FEEDBACK = ('Not quite. An array keeps its elements "stored next to each other" (notes.md '
            'p. 1), not "in a hash of slots" (notes.md p. 1); see (notes.md p. 9).')


def _checked_feedback(text: str) -> None:
    assert '"stored next to each other" (notes.md p. 1)' in text
    assert '"in a hash' not in text and "in a hash of slots" in text  # quote marks gone
    assert text.count("(notes.md p. 1)") == 1 and "p. 9" not in text


def test_feedback_citations_are_checked_when_streamed_and_when_kept(
    streamed_fake: FakeAnthropic
) -> None:
    streamed_fake.enqueue(_turn_reply(False, FEEDBACK), _turn_reply(False, FEEDBACK))
    engine, shown = demo_claude_engine(streamed_fake), Shown()
    streamed = engine.grade_turn(CLOZE, "list", TurnPlan(), shown)
    plain = demo_claude_engine(streamed_fake).grade_turn(CLOZE, "list", TurnPlan())

    assert streamed.feedback == plain.feedback == shown.text("feedback")
    _checked_feedback(streamed.feedback)
    for moment in shown.moments("feedback"):  # never shown before it was checked
        assert "p. 9" not in moment and '"in a hash' not in moment


def test_the_separate_grade_checks_its_feedback_citations(streamed_fake: FakeAnthropic) -> None:
    streamed_fake.enqueue(json.dumps({"correct": False, "score": 0.0, "feedback": FEEDBACK,
                                      "matched_points": [], "missing_points": [],
                                      "misconception": ""}))
    grade = demo_claude_engine(streamed_fake).grade(CLOZE, "list")
    _checked_feedback(grade.feedback)


def test_the_misconception_s_citations_are_checked_like_the_feedback_s(
    streamed_fake: FakeAnthropic
) -> None:
    # The misconception is fed back into later prompts: no unchecked quote goes with it.
    reply = {"correct": False, "score": 0.0, "feedback": "Not quite.", "matched_points": [],
             "missing_points": [], "misconception": FEEDBACK}
    streamed_fake.enqueue(json.dumps(reply), json.dumps(
        {**reply, "next_if_right": "", "next_if_wrong": ""}))
    engine = demo_claude_engine(streamed_fake)
    _checked_feedback(engine.grade(CLOZE, "list").misconception)
    _checked_feedback(engine.grade_turn(CLOZE, "list", TurnPlan(), Shown()).misconception)


def test_a_quote_from_the_exercise_s_page_is_checked_when_the_course_is_not_in_the_prefix(
    streamed_fake: FakeAnthropic
) -> None:
    # A course too long for the cached prefix: the exercise's cited page is still checked.
    engine = demo_claude_engine(streamed_fake)
    engine._material, engine._material_ids = [], set()
    streamed_fake.enqueue(_turn_reply(False, FEEDBACK))
    _checked_feedback(engine.grade_turn(CLOZE, "list", TurnPlan()).feedback)


# -- a step's own call, streamed ---------------------------------------------------------------
def test_a_hint_is_streamed_with_the_answer_withheld_and_kept_as_shown(
    streamed_fake: FakeAnthropic
) -> None:
    streamed_fake.enqueue("Think again: the array stores them side by side (notes.md p. 1), "
                 "see (notes.md p. 7).")
    engine, shown = demo_claude_engine(streamed_fake), Shown()
    hint = engine.hint_streamed(CLOZE, COURSE.concept("array"), 1, shown)

    assert shown.text("hint") == hint.text and "p. 7" not in hint.text
    assert "(notes.md p. 1)" in hint.text
    assert not any(reveals_answer(m, CLOZE) for m in shown.moments("hint"))
    assert streamed_fake.message_requests()[-1].body["stream"] is True


def test_an_explanation_of_its_own_holds_back_the_waiting_exercise_s_verdict(
    streamed_fake: FakeAnthropic
) -> None:
    true_false = COURSE.exercise("sorting-tf")
    sorting = COURSE.concept("sorting")
    streamed_fake.enqueue("Sorting puts elements in order (notes.md p. 2). So the statement is true. "
                 "A sorted array is quick to search.")
    move = NextMove(kind="explain", concept=sorting, style=ExplanationStyle.EXAMPLE,
                    passages=[c for c in CHUNKS if c.page == 2])
    engine, shown = demo_claude_engine(streamed_fake), Shown()
    explanation = engine.explain_streamed(move, true_false, shown)

    assert shown.text("explanation") == explanation.text
    assert PLACEHOLDER in explanation.text and "is true" not in explanation.text
    assert not any("is true" in m for m in shown.moments("explanation"))


def test_an_answer_to_a_question_is_streamed_citations_checked_first(
    streamed_fake: FakeAnthropic
) -> None:
    text = ('Binary search works "by halving the search range" (notes.md p. 3), and it "never fails" '
            '(notes.md p. 3).')
    streamed_fake.enqueue(json.dumps({"text": text, "chunk_ids": ["notes.md#p3-0"], "found": True}))
    engine, shown = demo_claude_engine(streamed_fake), Shown()
    answer = engine.answer_streamed("How does binary search work?",
                                    [c for c in CHUNKS if c.page == 3], None, shown)

    assert shown.kinds() == ["answer"] and shown.text("answer") == answer.text
    assert answer.text.count("(notes.md p. 3)") == 1 and '"never fails"' not in answer.text
    assert not any('"never' in m for m in shown.moments("answer"))
    assert len(shown.pieces) > 1


# -- through the lesson ------------------------------------------------------------------------
class Talkative(TutorResponder):
    """Hints and answers of several sentences (a one-sentence text is shown once whole)."""

    def _hint(self, text: str, body: dict) -> str:  # type: ignore[type-arg]
        return ("Reread the passage that defines this idea. Ask yourself what it is used "
                "for. Then look at how its elements are laid out in memory.")

    def _answer_question(self, text: str, body: dict) -> dict:  # type: ignore[type-arg]
        reply = super()._answer_question(text, body)
        reply["text"] += (" The course shows this on its last page (notes.md p. 4). "
                          "Each value is found at once. That is why it is fast.")
        return reply


def _pending(lesson: Lesson):  # noqa: ANN202 - an Exercise
    return lesson.course.exercise(lesson.pending.id)  # type: ignore[union-attr]


def test_the_lesson_streams_its_opening_explanation_hints_and_answers(
    tutor_home: Path
) -> None:
    with FakeAnthropic(Talkative(), stream_chunk=4) as streamed_fake:
        lesson, engine = claude_lesson(tutor_home, streamed_fake)
        with lesson:
            opening = Shown()
            replies = lesson.start(shown=opening)
            kept = {m.kind: m.text for m in replies}
            assert opening.kinds() == ["explanation"] and len(opening.pieces) > 1
            pending = _pending(lesson)
            assert not any(reveals_answer(m, pending)
                           for m in opening.moments("explanation"))
            # Shown before the exercise was chosen: every key that could be asked is held
            # back; the message kept masks the chosen one's.
            expected = kept["explanation"]
            for candidate in could_be_asked({}, lesson.course, pending.concept_id):
                expected = mask_answer(expected, candidate)
            assert opening.text("explanation") == expected

            since = len(streamed_fake.message_requests())
            hinted = Shown()
            kept = {m.kind: m.text for m in lesson.hint(shown=hinted)}
            assert hinted.kinds() == ["hint"] and len(hinted.pieces) > 1
            assert hinted.text("hint") == kept["hint"] and kept["hint"].startswith("Hint 1: ")
            assert tasks_sent(streamed_fake, since) == ["hint"]

            asked = Shown()
            kept = {m.kind: m.text for m in lesson.ask("How does a hash table find a value?",
                                                      shown=asked)}
            assert asked.kinds() == ["answer"] and len(asked.pieces) > 1
            assert asked.text("answer") == kept["answer"] and "(notes.md p. 4)" in kept["answer"]
            assert not any(reveals_answer(m, pending) for m in asked.moments("answer"))
            assert all(r.body.get("stream") for r in streamed_fake.message_requests()[since:])
    assert engine.fallbacks == []


def test_a_right_answer_streams_the_feedback_the_lesson_keeps_explanation_included(
    tutor_home: Path
) -> None:
    with FakeAnthropic(TutorResponder(), stream_chunk=4) as streamed_fake:
        lesson, _ = claude_lesson(tutor_home, streamed_fake)
        with lesson:
            lesson.start()
            checked = 0
            for _ in range(6):
                pending = _pending(lesson)
                shown = Shown()
                replies = lesson.answer(pending.answer, shown=shown)
                feedback = next(m.text for m in replies if m.kind == "feedback")
                assert shown.text("feedback") == feedback
                if pending.explanation:
                    assert feedback.endswith(pending.explanation)
                    checked += 1
                if lesson.pending is None:
                    break
    assert checked >= 1


def test_a_hint_written_by_the_turn_streams_with_its_label(tutor_home: Path) -> None:
    with FakeAnthropic(TutorResponder(), stream_chunk=4) as streamed_fake:
        lesson, _ = claude_lesson(tutor_home, streamed_fake)
        with lesson:
            lesson.start()
            hints = 0
            for _ in range(4):
                pending = _pending(lesson)
                shown = Shown()
                wrong = next((c for c in pending.choices or [] if c != pending.answer), "nope")
                replies = lesson.answer(wrong, shown=shown)
                for message in replies:
                    if message.kind == "hint":
                        assert shown.text("hint") == message.text
                        assert message.text.startswith("Hint ")
                        hints += 1
                if lesson.pending is None:
                    break
    assert hints >= 1


def test_the_offline_engine_gives_each_step_s_text_whole_through_the_same_sink(
    tutor_home: Path
) -> None:
    write_course(tutor_home)
    with open_lesson(TutorContext.from_env(engine="offline")) as lesson:
        for step in (lesson.start, lesson.hint, lambda shown: lesson.ask("What is an array?",
                                                                         shown=shown)):
            shown = Shown()
            replies = step(shown=shown)
            streamed = [(m.kind, m.text) for m in replies
                        if m.kind in ("feedback", "explanation", "hint", "answer")]
            assert streamed and shown.pieces == streamed


def test_the_terminal_draws_the_opening_a_hint_and_an_answer_as_they_are_written(
    tutor_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = terminal_lesson(tutor_home, monkeypatch,
                           lambda _: ["/hint", "/ask What is an array?", "/quit"])
    hint = "Reread the passage that defines this idea"
    # Each drawn while written (a live frame), then in the step's messages.
    assert text.count(hint) >= 2 and text.index("\x1b[2K") < text.index("Exercise")
    assert text.count("Put simply, this is the idea") >= 2


def test_feedback_with_nothing_left_after_the_checks_streams_what_is_kept(
    streamed_fake: FakeAnthropic
) -> None:
    streamed_fake.enqueue(_turn_reply(False, "(notes.md p. 9)"))
    shown = Shown()
    grade = demo_claude_engine(streamed_fake).grade_turn(CLOZE, "list", TurnPlan(), shown)
    assert grade.feedback == "Not quite." == shown.text("feedback")


@pytest.mark.e2e
def test_the_learn_page_gives_each_step_a_live_sink(
    tutor_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.app_support import create_profile, install_sample, new_app, prepared_sample
    from webapp.live_turn import LiveTurn

    install_sample(prepared_sample(tutor_home.parent / "sample"), tutor_home)
    sinks: list[tuple[str, bool]] = []
    for name in ("start", "hint", "ask", "give_up", "answer"):
        original = getattr(Lesson, name)

        def recorded(self: Lesson, *args: object, _name: str = name, _original=original,  # noqa: ANN001
                     **options: object) -> object:
            sinks.append((_name, isinstance(options.get("shown"), LiveTurn)))
            return _original(self, *args, **options)

        monkeypatch.setattr(Lesson, name, recorded)
    at = create_profile(new_app(), "Ada")
    at.button(key="hint").click().run()
    at.chat_input[0].set_value("What is a sample space?").run()
    at.button(key="give_up").click().run()
    assert not at.exception
    assert sinks == [("start", True), ("hint", True), ("ask", True), ("give_up", True)]
