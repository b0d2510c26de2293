"""The Course map and the Author graph at book scale, through Streamlit's AppTest: the chapters
at a glance, one chapter by section, search, a concept's neighbourhood, and no exercise
prompt or key on the map."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_support import new_app
from tests.factories import book_course
from tutor.course import Course
from tutor.roles import add_author

pytestmark = pytest.mark.e2e

AUTHOR, SECRET = "Ada", "maps at book scale"


@pytest.fixture
def book(tutor_home: Path) -> Course:
    course = book_course(chapters=12, sections=4, per_section=5)
    folder = tutor_home / "courses" / (course.slug or "long-book")
    folder.mkdir(parents=True)
    (folder / "course.json").write_text(course.to_json(), encoding="utf-8")
    return course


def dot(at: AppTest) -> str:
    charts = at.get("graphviz_chart")
    assert len(charts) == 1
    return charts[0].proto.spec


def nodes(spec: str) -> set[str]:
    return set(re.findall(r'^\s*"([^"]+)" \[', spec, re.M))


def page_text(at: AppTest) -> str:
    """Everything the page shows as text, the graph's labels and tooltips included."""
    parts = [str(e.value) for kind in ("markdown", "caption", "subheader", "title", "info")
             for e in at.get(kind)]
    parts += [str(o) for box in at.selectbox for o in box.options]
    return "\n".join(parts) + "\n".join(c.proto.spec for c in at.get("graphviz_chart"))


def test_a_book_map_starts_from_its_chapters_and_opens_one(book: Course) -> None:
    at = new_app().switch_page("webapp/course_map.py").run()
    assert not at.exception, at.exception
    assert nodes(dot(at)) == {f"chapter:{n}" for n in range(1, 13)}
    assert len(at.expander) == 12  # the outline, one list per chapter
    at.selectbox(key="map_chapter").set_value("3").run()
    assert not at.exception, at.exception
    spec = dot(at)
    chapter_3 = {c.id for c in book.concepts if c.id.startswith("idea-3-")}
    assert chapter_3 <= nodes(spec)
    assert nodes(spec) - chapter_3 == {f"idea-2-{s}-0" for s in range(1, 5)}  # faded, before
    assert spec.count("subgraph cluster_") == 4
    assert set(at.selectbox(key="map_concept").options) == {
        c.name for c in book.concepts if c.id in chapter_3}


def test_the_chapters_at_a_glance_show_what_the_learner_read(book: Course) -> None:
    from tests.app_support import create_profile
    from tutor.clock import system_clock
    from tutor.context import TutorContext
    from tutor.learner.opening import open_store
    from tutor.views.concept_map import READ_BAND
    from webapp.state import COURSE, LEARNER

    at = create_profile(new_app(), "Ada").switch_page("webapp/course_map.py").run()
    assert not at.exception, at.exception
    store = open_store(TutorContext.from_env())
    for concept in book.concepts:
        if concept.id.startswith("idea-2-"):  # chapter 2 read (no exercise on it, say)
            store.mark_read(at.session_state[LEARNER], at.session_state[COURSE], concept.id,
                            system_clock())
    at.run()
    assert not at.exception, at.exception
    spec = dot(at)
    chapter_2 = next(row for row in spec.splitlines() if '"chapter:2" [' in row)
    assert f'fillcolor="{READ_BAND[0]}"' in chapter_2 and "20 concepts, 20 read" in chapter_2
    assert all(READ_BAND[0] not in row for row in spec.splitlines()
               if '"chapter:' in row and '"chapter:2" [' not in row)


def test_search_then_a_concept_shows_its_neighbourhood_and_no_exercise(book: Course) -> None:
    at = new_app().switch_page("webapp/course_map.py").run()
    at.text_input(key="map_search").set_value("core idea 5 2").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="map_concept").options[0] == "core idea 5 2"
    at.selectbox(key="map_concept").set_value("idea-5-2-0").run()
    assert not at.exception, at.exception
    assert nodes(dot(at)) == {"idea-5-2-0", "idea-4-2-0", "idea-5-2-1", "idea-6-2-0"}
    shown = page_text(at)
    assert "**Builds on:** core idea 4 2" in shown
    assert "**Leads to:**" in shown and "idea 5 2 1" in shown
    assert at.subheader[0].value == "core idea 5 2"
    # Exercises are counted, never shown: no prompt and no key of any item is on the page.
    assert "1 exercise(s) on this concept" in shown
    assert "secret" not in shown


def test_the_author_graph_reads_a_book_a_part_at_a_time(book: Course, tutor_home: Path) -> None:
    add_author(tutor_home / ".tutor", AUTHOR, SECRET)
    at = new_app()
    at.switch_page("webapp/author.py").run()
    at.text_input(key="author_name").set_value(AUTHOR)
    at.text_input(key="author_secret").set_value(SECRET)
    next(b for b in at.button if b.label == "Sign in as author").click().run()
    assert not at.exception, at.exception
    assert nodes(dot(at)) == {f"chapter:{n}" for n in range(1, 13)}
    at.selectbox(key="author_map_concept").set_value("idea-1-1-2").run()
    assert not at.exception, at.exception
    assert nodes(dot(at)) == {"idea-1-1-1", "idea-1-1-2", "idea-1-1-3"}


def test_a_concept_the_course_only_describes_says_so(tutor_home: Path) -> None:
    from tutor.course import DefinitionKind

    course = book_course(chapters=2, sections=2, per_section=2)
    for concept in course.concepts:
        if concept.id == "idea-1-1-0":
            concept.definition_kind = DefinitionKind.DESCRIPTION
    folder = tutor_home / "courses" / (course.slug or "long-book")
    folder.mkdir(parents=True)
    (folder / "course.json").write_text(course.to_json(), encoding="utf-8")
    at = new_app().switch_page("webapp/course_map.py").run()
    for concept_id, described in (("idea-1-1-0", True), ("idea-1-2-0", False)):
        name = course.concept(concept_id).name
        at.text_input(key="map_search").set_value(name).run()
        at.selectbox(key="map_concept").set_value(concept_id).run()
        assert not at.exception, at.exception
        said = "The course doesn't define this concept outright" in page_text(at)
        assert said is described, concept_id
