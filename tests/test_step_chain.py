"""The teach graph's steps run back to back in one node: two supersteps per answer, the same
lesson as step by step, one read of the learner model per run."""

from __future__ import annotations

import inspect
from datetime import UTC, datetime
from pathlib import Path

import pytest
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.runtime import Runtime

from tests.factories import COURSE, Driver
from tutor.learner.model import LearnerModel
from tutor.learner.store import LearnerStore
from tutor.teach.attempts import record_attempt
from tutor.teach.context import RunStore
from tutor.teach.graph import FOLLOWS, STEPS, build_graph
from tutor.teach.state import REPLACE, TRANSCRIPT_LIMIT, keep_recent
from tutor.teach.step_chain import WAIT, chained, merged, transcript_update


def _said(*texts: str) -> list[dict[str, str]]:
    return [{"kind": "info", "text": t} for t in texts]


def test_the_transcript_update_adds_the_new_messages_and_replaces_a_changed_tail() -> None:
    before = _said("a", "b", "c")
    assert transcript_update(before, before + _said("d")) == _said("d")
    assert transcript_update(before, before) == []
    changed = _said("a", "B", "c", "d")
    update = transcript_update(before, changed)
    assert update == [{"kind": REPLACE, "count": 2}, *_said("B", "c", "d")]
    assert keep_recent(before, update) == changed  # what the graph's reducer makes of it


def test_the_state_keeps_the_messages_since_the_learner_last_acted() -> None:
    earlier = _said("explanation", "exercise")
    learner = [{"kind": "learner", "text": "an answer"}]
    kept = keep_recent(earlier, learner + _said("feedback", "exercise"))
    assert kept == learner + _said("feedback", "exercise")
    assert keep_recent(kept, _said("notice")) == kept + _said("notice")
    many = _said(*(str(i) for i in range(TRANSCRIPT_LIMIT + 5)))
    assert keep_recent([], many) == many[-TRANSCRIPT_LIMIT:]


def test_merged_joins_the_transcript_and_replaces_the_other_fields() -> None:
    state = {"said": 2, "transcript": _said("a", "b"), "outcome": "wrong"}
    update = {"said": 3, "transcript": [{"kind": REPLACE, "count": 1}, *_said("B", "c")],
              "outcome": ""}
    assert merged(state, update) == {"said": 3, "transcript": _said("a", "B", "c"),
                                     "outcome": ""}


def _checkpoints(driver: Driver, saver: InMemorySaver) -> int:
    return len(list(saver.list(driver.config)))


def test_an_answer_is_two_supersteps_whatever_the_steps_after_it(tmp_path: Path) -> None:
    driver = Driver(tmp_path)
    saver = InMemorySaver()
    driver.graph = build_graph(saver)
    driver.start()
    for action in ("right", "wrong", "hint", "right", "wrong", "wrong", "wrong", "right"):
        before = _checkpoints(driver, saver)
        if action == "right":
            driver.answer_right()
        elif action == "hint":
            driver.act("hint")
        else:
            driver.act("answer", "not it at all")
        # the learner's action, then every step up to the next exercise: two checkpoints
        assert _checkpoints(driver, saver) - before == 2


def test_a_chained_node_leaves_the_state_the_steps_one_by_one_leave(tmp_path: Path) -> None:
    driver = Driver(tmp_path)
    driver.start()
    state = {**driver.values, "action": {"kind": "answer", "text": "not it at all"}, "turn": 1}
    runtime = Runtime(context=driver.deps)
    one_by_one, name = dict(state), "grade"
    while name != WAIT:
        one_by_one = merged(one_by_one, STEPS[name](one_by_one, runtime))
        route = FOLLOWS[name]
        if isinstance(route, str):
            name = route
        else:
            takes_runtime = len(inspect.signature(route).parameters) > 1
            name = route(one_by_one, runtime) if takes_runtime else route(one_by_one)
    (tmp_path / "again").mkdir()
    other = Driver(tmp_path / "again")
    other.start()
    again = {**other.values, "action": state["action"], "turn": 1}
    command = chained("grade", STEPS, FOLLOWS)(again, Runtime(context=other.deps))
    assert command.goto == WAIT
    chained_state = merged(again, command.update)
    for key in ("concept_id", "exercise_id", "style", "styles_tried", "fails", "outcome",
                "said", "exercise_log", "pace"):
        assert chained_state.get(key) == one_by_one.get(key), key
    assert [m["text"] for m in chained_state["transcript"]] == [
        m["text"] for m in one_by_one["transcript"]]


def test_one_run_reads_the_learner_model_once_and_keeps_the_model_it_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    driver = Driver(tmp_path)
    driver.start()
    reads: list[str] = []
    original = LearnerStore.load

    def counted(self: LearnerStore, learner_id: str, course: str) -> LearnerModel:
        reads.append(learner_id)
        return original(self, learner_id, course)

    monkeypatch.setattr(LearnerStore, "load", counted)
    run = driver.deps.for_one_run()
    assert isinstance(run.store, RunStore)
    first = run.store.load("ana", COURSE)
    assert run.store.load("ana", COURSE) is first and len(reads) == 1
    state = {**driver.values, "turn": 1}
    exercise = driver.exercise
    recorded = record_attempt(state, driver.course, run.store, datetime.now(UTC), exercise,
                              exercise.answer, True, 1.0, "", gave_up=False)
    # record_attempt read the model kept; the one it recorded is kept in its place
    assert run.store.load("ana", COURSE) is recorded and len(reads) == 1
    assert recorded.mastery(exercise.concept_id).attempts == 1
    assert run.for_one_run().store.store is driver.store  # never a store of a store
    assert driver.deps.store is driver.store  # the lesson's own dependencies stay as they were
