"""A weak learner's day goes on: the worked answer after an item's last try today, the next
concept in prerequisite order, and no mix-up made of "I am not sure"."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.factories import COURSE, Driver, cloze_first_course, make_course
from tutor.answers import MASK
from tutor.course import ExerciseKind
from tutor.evals.lesson_audit import audit_course
from tutor.learner.model import LearnerModel
from tutor.teach.exercise_pool import (
    MAX_RUN,
    choose_concept_today,
    posed,
    retire,
    saved,
    today,
    used_up_after_miss,
)
from tutor.teach.graph import UNSURE_REPLY
from tutor.teach.withholding import unsure

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def test_the_last_try_at_an_item_shows_its_worked_answer_and_the_day_goes_on(
    tmp_path: Path,
) -> None:
    driver = Driver(tmp_path, course=cloze_first_course())  # array's one item: a cloze
    driver.start()
    assert driver.exercise.id == "array-cloze"
    first = driver.act("answer", "a list")
    assert first[0].correct is False and driver.exercise.id == "array-cloze"  # tried again
    replies = [driver.act("answer", f"a tuple {n}") for n in range(3)]  # posed twice by now
    reply = next(r for r in replies if any(m.kind == "reveal" for m in r))
    # A hint the policy gives on the item still comes first; its last try missed, the answer.
    assert replies[0][1].kind == "hint" and replies[1] is reply
    kinds = [m.kind for m in reply]
    assert kinds[:2] == ["feedback", "reveal"] and "array" in reply[1].text
    # The idea taught again in another style, whole; then sorting, which builds on it.
    assert reply[2].kind == "explanation" and MASK not in reply[2].text
    assert reply[-1].kind == "exercise" and reply[-1].exercise is not None
    assert reply[-1].exercise.concept_id == "sorting"
    assert all(m.kind != "done" for m in reply)
    # Two wrong answers recorded, no give-up added, no mastery.
    attempts = [a for a in driver.store.attempts("ana", COURSE) if a.concept_id == "array"]
    assert [a.correct for a in attempts] == [False, False, False]
    assert not any(a.gave_up for a in attempts)
    assert driver.store.load("ana", COURSE).mastery("array").correct == 0


def test_a_missed_true_false_with_other_items_left_is_not_the_last_try() -> None:
    course = make_course()
    true_false = course.exercise("sorting-tf")
    assert true_false.kind is ExerciseKind.TRUE_FALSE
    record = retire(posed(today({}, NOW), true_false.id), [true_false.id])  # missed: retired
    state = {**saved({}, record), "outcome": "wrong", "exercise_id": true_false.id}
    assert not used_up_after_miss(state, course, NOW)  # type: ignore[arg-type]
    mc = course.exercise("sorting-mc")
    record = retire(record, [mc.id])  # nothing else of sorting left today
    state = {**saved({}, record), "outcome": "wrong", "exercise_id": true_false.id}
    assert used_up_after_miss(state, course, NOW)  # type: ignore[arg-type]
    twice = posed(posed(today({}, NOW), mc.id), mc.id)
    state = {**saved({}, twice), "outcome": "wrong", "exercise_id": mc.id}
    assert used_up_after_miss(state, course, NOW)  # type: ignore[arg-type]
    assert not used_up_after_miss({**state, "revealed": True}, course, NOW)  # type: ignore[arg-type]


def test_a_concept_opened_past_a_reveal_rests_after_a_long_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tutor.teach import exercise_pool, policy

    course = make_course()
    model = LearnerModel(learner_id="ada", course="algorithms")
    monkeypatch.setattr(policy, "candidates", lambda *args: [])
    monkeypatch.setattr(policy, "past_cleared", lambda *args: [])
    monkeypatch.setattr(exercise_pool, "past_shown", lambda *args: ["sorting", "hash-table"])
    state = {"pace": {"day": NOW.date().isoformat(), "asked": MAX_RUN,
                      "run": ["sorting", MAX_RUN]}}
    step, _ = choose_concept_today(state, course, model, NOW)  # type: ignore[arg-type]
    assert step.concept_id == "hash-table"


def test_not_being_sure_is_no_mix_up(tmp_path: Path) -> None:
    assert unsure("I am not sure") and unsure("not sure.") and unsure("?")
    assert not unsure("I am not sure it is a list")
    driver = Driver(tmp_path, course=cloze_first_course())
    driver.start()
    reply = driver.act("answer", "I am not sure")
    assert reply[0].kind == "feedback" and UNSURE_REPLY in reply[0].text
    assert driver.values["mistakes"] == []
    assert not any("mix-up" in m.text for m in reply)
    wrong = driver.act("answer", "a list")
    assert driver.values["mistakes"] == ["you answered “a list”"] or wrong[0].kind == "feedback"
    assert UNSURE_REPLY not in wrong[0].text


def test_the_audit_counts_concepts_reached_and_turns_used(tutor_home: Path) -> None:
    folder = tutor_home / "courses" / COURSE
    folder.mkdir(parents=True)
    (folder / "course.json").write_text(cloze_first_course().to_json(), encoding="utf-8")
    report = audit_course(folder)
    for row in report["learners"].values():
        assert 1 <= row["concepts_reached"] <= 4
        assert 1 <= row["turns_used"] <= 60
    # The weak learner is not sent home after the first concept.
    assert report["learners"]["weak"]["concepts_reached"] >= 2


def test_after_a_reveal_an_item_whose_key_it_holds_waits(tmp_path: Path) -> None:
    from tutor.teach.routes import leaves_after_reveal

    driver = Driver(tmp_path)  # array: a cloze keyed "array" and a choice keyed "by its index"
    record = retire(posed(posed(today({}, NOW), "array-mc"), "array-mc"), ["array-mc"])
    state = {**saved({}, record), "learner_id": "ana", "course": COURSE, "concept_id": "array",
             "outcome": "gave_up", "fails": 1, "revealed": True}
    quiet = {**state, "transcript": [{"kind": "learner", "text": "x"},
                                     {"kind": "reveal", "text": "The answer is **by its index**."}]}
    told = {**state, "transcript": [{"kind": "learner", "text": "x"},
                                    {"kind": "reveal", "text": "The answer is: an array."}]}
    driver.deps.clock = lambda: NOW  # type: ignore[method-assign]
    assert not leaves_after_reveal(quiet, driver.deps)  # type: ignore[arg-type]
    # The cloze's key stands in the reveal: asked now, the reveal would be masked. It waits.
    assert leaves_after_reveal(told, driver.deps)  # type: ignore[arg-type]


def test_the_turn_plan_does_not_write_past_a_worked_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tutor.teach import lookahead, policy

    driver = Driver(tmp_path, course=cloze_first_course())
    driver.start()
    driver.act("answer", "a list")  # posed again: its last try today comes next
    reply = driver.act("answer", "a tuple")
    assert reply[1].kind == "hint"  # a hint on the item first
    # Were another concept ready (the hash table), the lesson would still show the item's
    # worked answer and teach the idea again before it: the plan writes (and streams) no
    # explanation of the hash table the lesson would not show next.
    monkeypatch.setattr(lookahead, "choose_concept_today", lambda *args: (
        policy.NextStep(concept_id="hash-table", reason="frontier"), {}))
    plan = lookahead.plan_turn(driver.values, driver.deps, driver.exercise)  # type: ignore[arg-type]
    assert plan.if_wrong is None
    monkeypatch.undo()
    kinds = [m.kind for m in driver.act("answer", "a set")]
    assert kinds[:3] == ["feedback", "reveal", "explanation"]


def test_a_worked_answer_that_is_a_sentence_ends_once() -> None:
    from tutor.teach.withholding import reveal_message

    sentence = make_course().exercises[0].model_copy(update={
        "answer": "A sample space is the set of all outcomes.", "explanation": None})
    word = make_course().exercises[0].model_copy(update={"answer": "array", "explanation": None})
    assert reveal_message(sentence).text.startswith(
        "The answer is **A sample space is the set of all outcomes.**\n")
    assert reveal_message(word).text.startswith("The answer is **array**.\n")


def test_right_once_then_given_up_the_day_goes_on_one_step(tmp_path: Path) -> None:
    # array answered right, then its other item given up: its latest answer is no proof, so
    # nothing opens past it as cleared, and its answer was shown, so the day goes on one step
    driver = Driver(tmp_path, course=make_course())
    driver.start()
    assert driver.exercise.concept_id == "array"
    driver.answer_right()
    assert driver.exercise.concept_id == "array"
    reply = driver.act("give_up")
    assert all(m.kind != "done" for m in reply)
    assert driver.exercise.concept_id in {"sorting", "hash-table"}
    # sorting given up too: binary search needs it and array, neither answered right last,
    # so a chain of reveals opens nothing past sorting
    while driver.values.get("exercise_id") and driver.exercise.concept_id == "sorting":
        driver.act("give_up")
    if driver.values.get("exercise_id"):
        assert driver.exercise.concept_id != "binary-search"
