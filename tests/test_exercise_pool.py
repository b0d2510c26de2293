"""What may be asked now: two posings a day, retired items after a give-up, no key already on
screen (the term masked only as a last resort), resting concepts."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.factories import Driver, cloze_first_course, make_course
from tutor.answers import MASK, reveals_answer
from tutor.teach.exercise_pool import (
    MAX_POSES_PER_DAY,
    askable,
    emitted_since_attempt,
    is_retired,
    posed,
    retire_revealed,
    saved,
    times_posed,
    today,
)
from tutor.teach.state import TutorMessage, keep_recent
from tutor.teach.withholding import remask_emitted, withhold

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _posed(driver: Driver) -> list[str]:
    return [m.exercise.id for m in driver.said if m.kind == "exercise" and m.exercise]


def _answered(tmp_path: Path, right_every: int = 0) -> tuple[Driver, Counter[str]]:
    """A lesson on the default course answered wrong (a wrong option, or a wrong statement:
    not a plea for help), right every ``right_every``-th turn if given (after the misses
    before it), until the day ends; the driver and how often each exercise was posed."""
    driver = Driver(tmp_path)
    driver.start()
    for turn in range(40):
        if not driver.values.get("exercise_id") or driver.said[-1].kind == "done":
            break
        exercise = driver.exercise
        wrong = next((c for c in exercise.choices or [] if c != exercise.answer),
                     "a loop that prints numbers")
        right = right_every and turn % right_every == right_every - 1
        driver.act("answer", exercise.answer if right else wrong)
    return driver, Counter(_posed(driver))


def test_no_exercise_is_posed_more_than_twice_a_day_for_a_learner_who_keeps_missing(
    tmp_path: Path,
) -> None:
    driver, counts = _answered(tmp_path)
    assert counts and max(counts.values()) <= MAX_POSES_PER_DAY
    # Every item missed on its last try today has its answer shown; the day goes on one step
    # past a prerequisite revealed, never answered right (sorting and hash table build on the
    # array), and no further: binary search, built on sorting, waits. Then the day ends.
    assert driver.said[-1].kind == "done" and "Come back tomorrow" in driver.said[-1].text
    reached = {driver.course.exercise(e).concept_id for e in counts}
    assert reached == {"array", "sorting", "hash-table"}
    reveals = [m for m in driver.said if m.kind == "reveal"]
    assert len(reveals) >= 3


def test_a_learner_who_gets_there_in_the_end_moves_on_instead_of_being_sent_home(
    tmp_path: Path,
) -> None:
    driver, counts = _answered(tmp_path, right_every=4)
    assert max(counts.values()) <= MAX_POSES_PER_DAY
    # Right now and then, after misses: once the first concept's items are used up, the lesson
    # goes on to what builds on it (to come back to it on a later day) rather than ending.
    assert set(counts) - {e.id for e in driver.course.exercises_for("array")}


def test_a_give_up_retires_the_items_its_reveal_answers_and_nothing_leaks(
    tmp_path: Path,
) -> None:
    driver = Driver(tmp_path, course=cloze_first_course())
    driver.start()
    cloze = driver.exercise
    assert cloze.id == "array-cloze"  # its key, "array", is the concept's name
    reply = driver.act("give_up")
    assert reply[0].kind == "reveal" and "array" in reply[0].text
    assert is_retired(today(driver.values, datetime.now(UTC)), cloze.id)  # type: ignore[arg-type]
    posed_next = [m.exercise.id for m in reply if m.kind == "exercise" and m.exercise]
    assert cloze.id not in posed_next  # not the item just revealed
    # The concept had no other item: the day goes on with what builds on it (sorting),
    # the array left unproven, to come first on a later day.
    assert posed_next and driver.course.exercise(posed_next[0]).concept_id == "sorting"
    assert "another question" not in reply[0].text  # the reveal promises nothing it can't keep
    # The idea is taught again from another angle, whole (its one item is retired for the day).
    assert [m.kind for m in reply[1:3]] == ["explanation", "explanation"]
    assert MASK not in reply[1].text and "array" in reply[1].text
    for other in driver.course.exercises:  # nothing said since gives another key away
        if other.id != cloze.id:
            assert not any(reveals_answer(m.text, other) for m in reply[1:])


def test_the_next_exercise_avoids_a_key_already_on_screen() -> None:
    course = make_course()
    cloze = course.exercise("array-cloze")
    state = {"transcript": [{"kind": "learner", "text": "x"},
                            {"kind": "feedback", "text": "Right: that is an array."}]}
    fresh = [e.id for e in askable(state, course, "array", NOW, leak_free=True)]  # type: ignore[arg-type]
    assert cloze.id not in fresh and fresh
    assert cloze.id in [e.id for e in askable(state, course, "array", NOW)]  # type: ignore[arg-type]


def test_as_a_last_resort_only_the_term_is_masked_in_what_was_shown() -> None:
    course = make_course()
    cloze = course.exercise("array-cloze")
    shown = [{"kind": "learner", "text": "x"},
             {"kind": "info", "text": "Let's learn **array** now (notes-array.md p. 1)."}]
    update = remask_emitted({"transcript": shown}, cloze)  # type: ignore[typeddict-item]
    merged = keep_recent(shown, update)
    assert len(merged) == 2 and merged[0] == shown[0]
    assert merged[1]["text"] == f"Let's learn **{MASK}** now (notes-array.md p. 1)."
    assert remask_emitted({"transcript": shown[:1]}, cloze) == []  # type: ignore[typeddict-item]


def test_the_tutors_own_framing_words_are_never_masked_and_hold_no_key() -> None:
    # A course whose key is an everyday word ("array" here, "question" in a real manual) must
    # not turn "First, a question on something from earlier" into "First, a [...] on ...".
    course = make_course()
    cloze = course.exercise("array-cloze")
    framing = {"kind": "info", "framing": True, "text": "First, an array of questions to answer."}
    shown = [{"kind": "learner", "text": "x"}, framing]
    assert remask_emitted({"transcript": shown}, cloze) == []  # type: ignore[typeddict-item]
    assert emitted_since_attempt({"transcript": shown}) == ""  # type: ignore[typeddict-item]
    said = withhold([TutorMessage(**framing)], cloze, revealed=False)  # type: ignore[arg-type]
    assert said[0].text == framing["text"]
    # the same words as course text are masked, and a framing message beside them is kept
    plain = {**framing, "framing": False}
    update = remask_emitted({"transcript": [*shown, plain]}, cloze)  # type: ignore[typeddict-item]
    assert update[1] == framing and MASK in update[2]["text"]
    assert withhold([TutorMessage(**plain)], cloze, revealed=False)[0].text != plain["text"]


def test_the_days_record_starts_afresh_on_a_new_day() -> None:
    course = make_course()
    cloze = course.exercise("array-cloze")
    record = retire_revealed(today({}, NOW), course, cloze, "The answer is **array**.")
    assert [e.id for e in course.exercises if is_retired(record, e.id)] == ["array-cloze"]
    state = saved({}, record)  # type: ignore[arg-type]
    assert is_retired(today(state, NOW), "array-cloze")  # type: ignore[arg-type]
    assert not is_retired(today(state, NOW.replace(day=3)), "array-cloze")  # type: ignore[arg-type]
    again = posed(today(state, NOW.replace(day=3)), "array-cloze")  # a new day: marks afresh
    assert times_posed(again, "array-cloze") == 1 and again["log"]["array-cloze"][0] == 1


def test_a_concept_on_a_long_run_is_not_posed_again_when_nothing_else_is_ready(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tutor.learner.model import LearnerModel
    from tutor.teach import policy
    from tutor.teach.exercise_pool import MAX_RUN, choose_concept_today

    course = make_course()
    model = LearnerModel(learner_id="ada", course="algorithms")  # nothing known yet
    monkeypatch.setattr(policy, "candidates", lambda *args: [])  # nothing ready has more today
    first = policy.teaching_order(course)[0]
    state = {"pace": {"day": NOW.date().isoformat(), "asked": MAX_RUN, "run": [first, MAX_RUN]}}
    step, resting_now = choose_concept_today(state, course, model, NOW)  # type: ignore[arg-type]
    assert step.concept_id != first  # a rest, another concept or the end of the day
    assert step.concept_id is None or first in resting_now
