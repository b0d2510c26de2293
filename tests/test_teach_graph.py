"""The teach graph's routes, driven directly with an in-memory checkpointer.

The course is small and made here: array -> sorting -> binary search, array -> hash table.
Grading is a plain exact match (the graph's behaviour is under test, not the grader).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating
from langgraph.runtime import Runtime

from tests.factories import COURSE, Driver, make_course, seed
from tutor.learner.review import new_card, review
from tutor.teach import graph as teach_graph
from tutor.teach import policy
from tutor.teach.exercise_pool import MAX_POSES_PER_DAY, times_posed, today
from tutor.teach.graph import asks_for_answer
from tutor.teach.state import TutorMessage


def kinds(messages: list[TutorMessage]) -> list[str]:
    return [m.kind for m in messages]


def test_start_explains_then_asks_the_frontier_concept(tmp_path: Path) -> None:
    tutor = Driver(tmp_path)
    messages = tutor.start()
    assert kinds(messages) == ["explanation", "exercise"]
    assert messages[1].exercise is not None and messages[1].exercise.concept_id == "array"
    assert messages[0].citations and messages[0].citations[0].page == 1
    assert tutor.values["reason"] == "frontier"


def test_correct_answers_advance_as_the_policy_says(tmp_path: Path) -> None:
    tutor = Driver(tmp_path)
    tutor.start()
    seen_exercises = [tutor.exercise.id]
    for _ in range(8):
        reply = tutor.answer_right()
        assert reply[0].kind == "feedback" and reply[0].correct is True
        if tutor.values["concept_id"] != "array":
            break
        # Same concept (not yet ready to move on): the next exercise, no new explanation.
        assert kinds(reply) == ["feedback", "exercise"]
        seen_exercises.append(tutor.exercise.id)
    else:
        pytest.fail("right answers never moved the lesson on")
    model = tutor.store.load("ana", COURSE)
    assert model.p_known("array") > 0.5
    # Each exercise answered right is not posed again today; once a concept has none left the
    # lesson moves on (the policy's choice among the concepts with something left), explained.
    moved_to = tutor.values["concept_id"]
    record = today(tutor.values, datetime.now(UTC))  # type: ignore[arg-type]
    assert moved_to != "array" and times_posed(record, tutor.exercise.id) == 1
    left = {"array", *[c.id for c in tutor.course.concepts if c.id != moved_to]}
    assert moved_to == policy.choose_next(
        tutor.course, model, datetime.now(UTC), skip=left).concept_id or not model.is_ready(
        "array")
    assert kinds(reply)[1:] == ["explanation", "exercise"]
    assert reply[1].text and tutor.values["reason"] == "frontier"
    # Exercises not yet answered came before repeats.
    assert set(seen_exercises[:2]) == {"array-mc", "array-cloze"}


def test_wrong_answer_re_explains_in_another_style_and_asks_again(tmp_path: Path) -> None:
    tutor = Driver(tmp_path)
    tutor.start()
    first_style, exercise_id = tutor.values["style"], tutor.exercise.id
    reply = tutor.act("answer", "by its key" if exercise_id == "array-mc" else "list")
    assert kinds(reply) == ["feedback", "explanation", "exercise"]
    assert reply[0].correct is False
    assert tutor.values["style"] != first_style
    assert tutor.exercise.id == exercise_id  # asked again
    assert reply[2].text.startswith("Try again")
    if exercise_id == "array-mc":  # the misconception is recorded and adapts the explanation
        assert "hash tables" in reply[1].text
        model = tutor.store.load("ana", COURSE)
        assert model.mastery("array").misconceptions == {"confuses arrays with hash tables": 1}


def test_repeated_wrong_steps_back_to_a_prerequisite_then_returns(tmp_path: Path) -> None:
    tutor = Driver(tmp_path)
    # sorting is known well enough to build on but not mastered: wrong answers on binary search
    # are evidence against it too, and the tutor steps back to it (never to a mastered one).
    seed(tutor.store, "ana", array={"p_known": 0.99, "attempts": 3},
         sorting={"p_known": 0.92, "attempts": 3, "evidence_tracked": True})
    first = tutor.start()
    assert first[-1].exercise is not None and first[-1].exercise.concept_id == "binary-search"
    pending = tutor.exercise.id
    first_wrong = tutor.act("answer", "wrong 0")
    assert kinds(first_wrong) == ["feedback", "explanation", "exercise"]  # another style
    for attempt in range(1, 8):
        reply = tutor.act("answer", f"wrong {attempt}")
        assert reply[0].correct is False
        if tutor.values["concept_id"] != "binary-search":
            break
        assert kinds(reply)[1] in {"hint", "explanation"}  # hints, then other styles
    else:
        pytest.fail("repeated wrong answers never stepped back")
    assert attempt >= policy.STEP_BACK_AFTER - 1
    target = tutor.values["concept_id"]
    assert target in tutor.course.prerequisites_of("binary-search")
    # The item missed on its day's last try has its worked answer shown before the step back.
    stepped = reply[2:] if reply[1].kind == "reveal" else reply[1:]
    assert "step back" in stepped[0].text.lower()
    assert kinds(stepped) == ["info", "explanation", "exercise"]
    assert reply[-1].exercise is not None and reply[-1].exercise.concept_id == target
    back = tutor.answer_right()
    assert "back to **binary search**" in back[1].text
    assert tutor.values["concept_id"] == "binary-search"
    assert tutor.values["style"] == "prerequisites"
    assert back[2].kind == "explanation" and target.split("-")[0] in back[2].text.lower()
    # The question left behind is asked again, unless it was already posed twice today.
    record = today(tutor.values, datetime.now(UTC))  # type: ignore[arg-type]
    assert tutor.exercise.id == pending or times_posed(record, pending) == MAX_POSES_PER_DAY
    assert tutor.exercise.concept_id == "binary-search"
    assert all(times_posed(record, e.id) <= MAX_POSES_PER_DAY for e in tutor.course.exercises)
    assert tutor.values["return_to"] == []


def test_a_due_review_comes_before_the_frontier(tmp_path: Path) -> None:
    tutor = Driver(tmp_path)
    long_ago = datetime.now(UTC) - timedelta(days=60)
    card, due = review(new_card(long_ago), Rating.Good, long_ago)  # recall has faded since
    seed(tutor.store, "ana", array={"p_known": 0.99, "attempts": 4, "due": due, "card": card,
                                    "last_seen": long_ago})
    messages = tutor.start()
    assert tutor.values["reason"] == "review"
    assert messages[-1].exercise is not None and messages[-1].exercise.concept_id == "array"
    assert messages[-1].text.startswith("Review:")
    tutor.answer_right()
    assert tutor.values["concept_id"] in {"sorting", "hash-table"}


def test_hint_question_and_give_up_keep_or_move_the_exercise(tmp_path: Path) -> None:
    tutor = Driver(tmp_path)
    tutor.start()
    exercise = tutor.exercise
    exercise_id = exercise.id
    assert kinds(tutor.act("hint")) == ["hint"]
    answer = tutor.act("question", "What is a hash table?")
    assert kinds(answer) == ["answer", "info"]
    assert answer[0].citations and answer[0].citations[0].page == 4
    assert tutor.exercise.id == exercise_id and tutor.values["hints_used"] == 1
    given_up = tutor.act("give_up")
    assert given_up[0].kind == "reveal" and exercise.answer in given_up[0].text
    attempts = tutor.store.attempts("ana", COURSE)
    assert len(attempts) == 1 and attempts[0].gave_up and attempts[0].exercise_id == exercise_id
    assert tutor.exercise.id != exercise_id  # a new question after the reveal


def test_answer_requests_and_empty_answers_get_no_answer(tmp_path: Path) -> None:
    tutor = Driver(tmp_path)
    tutor.start()
    assert kinds(tutor.act("answer", "just tell me the answer")) == ["hint"]
    assert kinds(tutor.act("question", "what's the answer?")) == ["hint"]
    assert kinds(tutor.act("answer", "   ")) == ["info"]
    assert tutor.store.attempts("ana", COURSE) == []
    assert tutor.values["real_attempts"] == 0


@pytest.mark.parametrize(
    "text",
    ["Just tell me the answer", "what is the answer?", "idk", "give me the solution",
     "no idea really", "I don't know."],
)
def test_answer_requests_are_recognised(text: str) -> None:
    assert asks_for_answer(text)
    assert not asks_for_answer("an array")
    assert not asks_for_answer("no, it is an array")


def test_a_replayed_grade_step_records_one_attempt(tmp_path: Path) -> None:
    tutor = Driver(tmp_path)
    tutor.start()
    state = {**tutor.values, "action": {"kind": "answer", "text": "x"}, "turn": 7}
    runtime = Runtime(context=tutor.deps)
    teach_graph.grade(state, runtime)  # type: ignore[arg-type]
    teach_graph.grade(state, runtime)  # type: ignore[arg-type]
    assert len(tutor.store.attempts("ana", COURSE)) == 1
    assert tutor.store.load("ana", COURSE).mastery("array").attempts == 1


def test_course_done_when_everything_is_mastered(tmp_path: Path) -> None:
    tutor = Driver(tmp_path)
    far = datetime.now(UTC) + timedelta(days=30)
    seed(tutor.store, "ana", **{  # mastered (as a course's import could say), never practised
        c: {"p_known": 0.99, "due": far}
        for c in ("array", "sorting", "binary_search", "hash_table")
    })
    messages = tutor.start()
    assert kinds(messages) == ["done"]
    assert tutor.values["concept_id"] is None


def test_a_mastered_course_with_nothing_due_reviews_what_was_practised_longest_ago(
    tmp_path: Path,
) -> None:
    tutor = Driver(tmp_path)
    now = datetime.now(UTC)
    far = now + timedelta(days=30)
    seed(tutor.store, "ana", **{
        c: {"p_known": 0.99, "attempts": 3, "due": far, "last_seen": now - timedelta(days=days)}
        for c, days in (("array", 2), ("sorting", 9), ("binary_search", 4), ("hash_table", 1))
    })
    messages = tutor.start()
    assert "exercise" in kinds(messages) and "done" not in kinds(messages)
    assert tutor.values["concept_id"] == "sorting" and tutor.values["reason"] == "review"


def test_the_first_explanation_uses_the_style_that_worked_for_this_learner(tmp_path: Path) -> None:
    tutor = Driver(tmp_path)
    model = tutor.store.load("ana", COURSE)
    model = model.record_style("example", True).record_style("example", True)
    tutor.store.save(model.record_style("definition", False))
    messages = tutor.start()
    assert tutor.values["style"] == "example"
    assert "by example" in messages[0].text
    tutor.act("answer", "wrong")
    # The re-explanation avoids the style that failed for this learner while others are left.
    assert tutor.values["style"] not in {"example", "definition"}


def test_typing_i_give_up_gives_up(tmp_path: Path) -> None:
    tutor = Driver(tmp_path)
    tutor.start()
    reply = tutor.act("answer", "I give up")
    assert reply[0].kind == "reveal"
    assert tutor.store.attempts("ana", COURSE)[0].gave_up


def test_an_answer_the_engine_cannot_take_is_not_an_attempt(tmp_path: Path) -> None:
    course = make_course()
    course = course.model_copy(
        update={"exercises": [e for e in course.exercises if e.id != "array-cloze"]}
    )
    tutor = Driver(tmp_path, course=course)
    tutor.start()
    exercise_id = tutor.exercise.id
    assert exercise_id == "array-mc"
    reply = tutor.act("answer", "7")
    assert kinds(reply) == ["info"] and "no option 7" in reply[0].text
    assert tutor.store.attempts("ana", COURSE) == []
    assert tutor.exercise.id == exercise_id
    assert tutor.act("answer", "2")[0].correct is True  # still waiting for this exercise


def test_i_dont_know_after_the_last_hint_gives_up_instead_of_repeating_itself(
    tmp_path: Path,
) -> None:
    tutor = Driver(tmp_path)
    tutor.start()
    asked = tutor.values["exercise_id"]
    for _ in range(6):  # "no idea" before the ladder is done: the next hint
        if tutor.values.get("hint_last"):
            break
        assert kinds(tutor.act("answer", "no idea at all")) == ["hint"]
    assert tutor.values["hint_last"] and tutor.values["exercise_id"] == asked
    # After the last hint, the same plea is a give-up: the answer, and the lesson moves on.
    reply = tutor.act("answer", "I don't know")
    assert reply[0].kind == "reveal"
    assert not any("last hint" in m.text for m in reply)
    attempts = tutor.store.attempts("ana", COURSE)
    assert len(attempts) == 1 and attempts[0].gave_up and attempts[0].exercise_id == asked
