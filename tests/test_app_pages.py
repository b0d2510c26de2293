"""The Course map and Progress pages through Streamlit's AppTest."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_support import (
    answer,
    create_profile,
    install_sample,
    messages,
    new_app,
    pending,
    prepared_sample,
    right_answer,
)
from tutor.course import Course
from tutor.teach.teaching_material import teachable
from tutor.views.concept_map import MASTERY_BANDS, READ_BAND

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def sample_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return prepared_sample(tmp_path_factory.mktemp("sample"))


@pytest.fixture
def course(sample_copy: Path, tutor_home: Path) -> Course:
    folder = install_sample(sample_copy, tutor_home)
    return Course.load(folder / "course.json")


def dot(at: AppTest) -> str:
    charts = at.get("graphviz_chart")
    assert len(charts) == 1
    return charts[0].proto.spec


def fill_of(spec: str, concept_id: str) -> str:
    match = re.search(rf'^\s*"{re.escape(concept_id)}" \[.*fillcolor="([^"]+)"', spec, re.M)
    assert match, concept_id
    return match.group(1)


def test_course_map_without_a_learner_shows_the_graph(course: Course) -> None:
    at = new_app().switch_page("webapp/course_map.py").run()
    assert not at.exception
    spec = dot(at)
    assert all(f'"{c.id}"' in spec for c in course.concepts)
    assert spec.count("->") == len(course.prerequisites)
    assert {fill_of(spec, c.id) for c in course.concepts} == {MASTERY_BANDS[-1][1]}


def test_course_map_shows_a_concept_read_from_it_as_read(course: Course) -> None:
    exercised = {c.id for c in teachable(course).concepts}
    unread = next(c for c in course.teaching_order() if c not in exercised)
    at = create_profile(new_app(), "Ada")
    at.switch_page("webapp/course_map.py").run()
    assert fill_of(dot(at), unread) == MASTERY_BANDS[-1][1]  # not started yet
    at.selectbox(key="map_concept").set_value(unread).run()
    assert "0 exercise(s) on this concept: it is read, not checked" in [
        c.value for c in at.caption]
    name = course.concept(unread).name
    assert at.button(key="learn_now").label == f"Read “{name}” now"
    at.button(key="learn_now").click().run()  # read now: no exercise on it
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    at.switch_page("webapp/course_map.py").run()
    assert not at.exception, at.exception
    spec = dot(at)
    assert fill_of(spec, unread) == READ_BAND[0] != MASTERY_BANDS[-1][1]
    assert re.search(rf'"{re.escape(unread)}" \[.*tooltip="[^"]*: read"', spec)
    legend = next(m.value for m in at.markdown if "not started" in m.value)
    assert f"background:{READ_BAND[0]}" in legend and "</span> read" in legend
    assert all(fill_of(spec, c) != READ_BAND[0] for c in exercised)


def test_course_map_colours_mastery_after_answers(course: Course) -> None:
    at = create_profile(new_app(), "Ada")
    concept = pending(at).concept_id
    answer(at, right_answer(at, course))
    answer(at, right_answer(at, course))
    at.switch_page("webapp/course_map.py").run()
    assert not at.exception
    spec = dot(at)
    assert fill_of(spec, concept) != MASTERY_BANDS[-1][1]
    assert re.search(rf'"{re.escape(concept)}" \[.*tooltip="[^"]*\(\d+%\)"', spec)
    at.selectbox(key="map_concept").set_value(concept).run()
    assert not at.exception
    name = course.concept(concept).name
    assert at.subheader[0].value == name
    assert any(p.proto.text.startswith("Mastery") for p in at.get("progress"))
    assert 'penwidth=3' in dot(at)  # the selected concept is outlined


def test_progress_page_lists_attempts_and_mastery(course: Course) -> None:
    at = create_profile(new_app(), "Grace")
    answer(at, right_answer(at, course))
    at.button(key="give_up").click().run()
    at.switch_page("webapp/progress.py").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Exercises answered"] == "2"
    assert metrics["Concepts mastered"].endswith(f"/ {len(course.concepts)}")
    history = at.dataframe[-1].value
    assert len(history) == 2
    assert list(history["gave up"]) == [True, False]  # newest first
    assert len(at.get("vega_lite_chart")) == 1


def test_progress_asks_for_a_profile(course: Course) -> None:
    at = new_app().switch_page("webapp/progress.py").run()
    assert not at.exception
    assert any("learner profile" in i.value for i in at.info)


def test_learn_now_teaches_the_selected_concept_next(course: Course) -> None:
    at = create_profile(new_app(), "Alan")
    current = pending(at).concept_id
    # far from where a new learner starts; a concept with exercises (a fresh build of the sample
    # may leave a concept without any, and "Learn now" then says so instead of teaching it)
    target = [c for c in course.teaching_order() if course.exercises_for(c)][-1]
    assert target != current
    before = len(messages(at))
    at.switch_page("webapp/course_map.py").run()
    at.selectbox(key="map_concept").set_value(target).run()
    at.button(key="learn_now").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Learn"  # the button opened the Learn page
    # The target, or first the weakest of its prerequisites (none is mastered yet).
    wanted = {target} | ancestors(course, target)
    assert pending(at).concept_id in wanted
    fresh = " ".join(text for _, text in messages(at)[before:])
    assert course.concept(target).name.lower() in fresh.lower()
    assert at.get("radio") or at.text_input or at.text_area  # an exercise is asked


def ancestors(course: Course, concept_id: str) -> set[str]:
    found: set[str] = set()
    todo = list(course.prerequisites_of(concept_id))
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(course.prerequisites_of(current))
    return found
