"""A re-explanation speaks of the learner's last answer only right after a wrong one: a plain
wrong answer is not called a mix-up, and after the answer was shown there is no "last answer"
to start from."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tests.factories import COURSE, Driver, cloze_first_course


def test_a_plain_wrong_answer_is_taught_again_without_being_called_a_mix_up(
    tmp_path: Path,
) -> None:
    driver = Driver(tmp_path, course=cloze_first_course())
    driver.start()
    reply = driver.act("answer", "a list")
    explanation = next(m for m in reply if m.kind == "explanation")
    assert explanation.text.startswith("Let's look at it another way.")
    assert "mix-up" not in explanation.text and "you answered" not in explanation.text


def test_after_the_answer_is_shown_the_explanation_does_not_start_from_a_last_answer(
    tmp_path: Path,
) -> None:
    driver = Driver(tmp_path, course=cloze_first_course())
    driver.start()
    replies = [driver.act("answer", text) for text in ("a list", "a tuple 0", "a tuple 1")]
    reply = next(r for r in replies if any(m.kind == "reveal" for m in r))
    after = reply[[m.kind for m in reply].index("reveal") + 1:]
    explanations = [m for m in after if m.kind == "explanation"]
    assert explanations  # the idea is taught again after its answer was shown
    for message in explanations:
        assert "last answer" not in message.text and "mix-up" not in message.text
        assert not message.text.startswith("Let's look at it another way.")


def test_back_from_a_step_back_to_an_item_posed_twice_today_it_is_not_posed_a_third_time(
    tmp_path: Path,
) -> None:
    from types import SimpleNamespace

    from tutor.clock import ManualClock
    from tutor.teach.asking import ask
    from tutor.teach.exercise_pool import posed, saved, today

    driver = Driver(tmp_path, course=cloze_first_course())
    clock = ManualClock()
    deps = replace(driver.deps, clock=clock)
    # sorting's two items: posed twice today (the worked answer shown), then a step back to
    # array and, answered right there, back to sorting with its explanation written
    record = today({}, clock())
    for item in ("sorting-mc", "sorting-mc", "sorting-tf", "sorting-tf"):
        record = posed(record, item)
    state = {**saved({}, record), "learner_id": "ana", "course": COURSE,
             "concept_id": "sorting", "reason": "return", "exercise_id": "sorting-mc",
             "outcome": "wrong", "return_to": [], "transcript": [], "said": 0,
             "explanation": {"text": "**sorting**: Sorting is arranging the elements.",
                             "citations": []}}
    update = ask(state, SimpleNamespace(context=deps))  # type: ignore[arg-type]
    shown = [m["kind"] for m in update["transcript"]]
    assert "exercise" not in shown and "explanation" in shown  # taught, not asked again
    assert update["exercise_id"] is None
