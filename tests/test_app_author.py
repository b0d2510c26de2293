"""The Author page through Streamlit's AppTest: upload, build with progress, review and edit,
analytics, and clear errors for bad files."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_support import (
    SAMPLE_NAME,
    answer,
    create_profile,
    install_sample,
    new_app,
    prepared_sample,
    small_pdf,
    wrong_answer,
)
from tutor.course import Course
from tutor.roles import add_author

pytestmark = pytest.mark.e2e

NEW = "➕ New course"
AUTHOR, SECRET = "Grace", "compilers are fun"


@pytest.fixture(scope="session")
def sample_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return prepared_sample(tmp_path_factory.mktemp("sample"))


@pytest.fixture
def sample(sample_copy: Path, tutor_home: Path) -> Path:
    return install_sample(sample_copy, tutor_home)


@pytest.fixture(autouse=True)
def author_account(tutor_home: Path) -> None:
    add_author(tutor_home / ".tutor", AUTHOR, SECRET)


def author_page(at: AppTest | None = None) -> AppTest:
    """The Author page, signed in as an author (the sign-in form first, once a session)."""
    at = at or new_app()
    at.switch_page("webapp/author.py").run()
    assert not at.exception, at.exception
    if any(t.key == "author_name" for t in at.text_input):
        at.text_input(key="author_name").set_value(AUTHOR)
        at.text_input(key="author_secret").set_value(SECRET)
        next(b for b in at.button if b.label == "Sign in as author").click().run()
        assert not at.exception, at.exception
    return at


def upload(at: AppTest, name: str, data: bytes, mime: str = "application/pdf") -> AppTest:
    at.file_uploader[0].set_value((name, data, mime))
    at.run()
    at.button(key="save_uploads").click().run()
    assert not at.exception, at.exception
    return at


def test_upload_a_pdf_build_and_review(tutor_home: Path, tmp_path: Path) -> None:
    at = author_page()
    assert at.selectbox(key="author_course").value == NEW  # no course yet
    at.text_input(key="author_new_name").set_value("Vectors 101").run()
    pdf = small_pdf(tmp_path / "vectors.pdf").read_bytes()
    upload(at, "vectors.pdf", pdf)
    assert [s.value for s in at.success] == ["Saved vectors.pdf"]
    folder = tutor_home / "courses" / "vectors-101"
    assert (folder / "vectors.pdf").read_bytes() == pdf
    assert any("vectors.pdf" in c.value for c in at.caption)
    at.button(key="build").click().run()
    assert not at.exception, at.exception
    for _ in range(600):  # the build runs in a worker process; each run reads its status
        if at.status and at.status[0].state != "running":
            break
        time.sleep(0.5)
        at.run()
    course = Course.load(folder / "course.json")
    assert course.concepts and course.exercises
    [status] = at.status
    assert status.label.startswith(f"Built: {len(course.concepts)} concepts"), status.label
    assert status.state == "complete"
    steps = [m.value for m in status.markdown]
    assert steps[0] == "▸ Reading sources" and "▸ Saving course.json" in steps
    # The review tabs show what was built.
    concepts = at.dataframe[0].value
    assert set(concepts["id"]) == {c.id for c in course.concepts}
    assert len(at.get("graphviz_chart")) == 1


def test_edit_a_concept_name_and_definition(sample: Path) -> None:
    at = author_page()
    assert at.selectbox(key="author_course").value == SAMPLE_NAME
    course = Course.load(sample / "course.json")
    target = course.concepts[1].id
    at.selectbox(key="edit_target").set_value(target).run()
    name_box = next(t for t in at.text_input if t.label == "Name")
    assert name_box.value == course.concepts[1].name
    name_box.set_value("Random trial")
    next(t for t in at.text_area if t.label == "Definition").set_value(
        "A process whose result is uncertain.")
    next(b for b in at.button if b.label == "Save changes").click().run()
    assert not at.exception
    edited = Course.load(sample / "course.json").concept(target)
    assert (edited.name, edited.definition) == ("Random trial",
                                                "A process whose result is uncertain.")
    assert "Random trial" in set(at.dataframe[0].value["name"])


def test_an_empty_name_is_refused(sample: Path) -> None:
    at = author_page()
    course = Course.load(sample / "course.json")
    next(t for t in at.text_input if t.label == "Name").set_value("   ")
    next(b for b in at.button if b.label == "Save changes").click().run()
    assert any("cannot be empty" in e.value for e in at.error)
    assert Course.load(sample / "course.json").concepts[0].name == course.concepts[0].name


def test_delete_an_exercise_and_mark_one_reviewed(sample: Path) -> None:
    at = author_page()
    course = Course.load(sample / "course.json")
    concept = course.concepts[0].id
    assert at.selectbox(key="exercise_filter").value == concept
    first, second = course.exercises_for(concept)[:2]
    at.button(key=f"del-{first.id}").click().run()
    assert not at.exception
    after = Course.load(sample / "course.json")
    assert first.id not in {e.id for e in after.exercises}
    assert len(after.exercises) == len(course.exercises) - 1
    assert not after.exercise(second.id).reviewed
    at.checkbox(key=f"rev-{second.id}").check().run()
    assert not at.exception
    assert Course.load(sample / "course.json").exercise(second.id).reviewed
    assert at.checkbox(key=f"rev-{second.id}").value is True


def test_delete_a_concept(sample: Path) -> None:
    at = author_page()
    course = Course.load(sample / "course.json")
    target = course.concepts[0].id
    assert at.button(key="delete_concept").disabled  # asks for confirmation first
    at.checkbox(key="confirm_delete_concept").check().run()
    at.button(key="delete_concept").click().run()
    assert not at.exception
    after = Course.load(sample / "course.json")
    assert target not in {c.id for c in after.concepts}
    assert not after.exercises_for(target)


def test_a_fake_pdf_is_refused_with_a_clear_error(sample: Path) -> None:
    at = author_page()
    upload(at, "notes.pdf", b"this is not a pdf at all")
    errors = [e.value for e in at.error]
    assert any("not a PDF" in e for e in errors), errors
    assert not (sample / "notes.pdf").exists()


def test_analytics_count_wrong_answers(sample: Path) -> None:
    at = create_profile(new_app(), "Ada")
    course = Course.load(sample / "course.json")
    wrong = wrong_answer(at, course)
    answer(at, wrong)
    author_page(at)
    assert any(c.value.startswith("1 learner(s), 1 attempt(s)") for c in at.caption)
    tables = [d.value for d in at.dataframe]
    common = next(t for t in tables if "answer" in t.columns and "count" in t.columns)
    assert list(common["answer"]) == [" ".join(wrong.lower().split())]


def test_export_offers_a_download(sample: Path) -> None:
    at = author_page()
    at.selectbox(key="export_format").set_value("gift").run()
    assert not at.exception
    assert at.get("download_button")


def test_concepts_without_a_definition_are_shown_and_an_edit_lifts_the_label(
        sample: Path) -> None:
    from tutor.course import DefinitionKind

    course = Course.load(sample / "course.json")
    target = course.concepts[1]
    for concept in course.concepts:
        concept.definition_kind = (DefinitionKind.DESCRIPTION if concept.id == target.id
                                   else DefinitionKind.DEFINITION)
    (sample / "course.json").write_text(course.to_json(), encoding="utf-8")
    at = author_page()
    assert any("1 concept(s) have no definition" in c.value for c in at.caption)
    at.checkbox(key="only_undefined").check().run()
    shown = at.dataframe[0].value
    assert list(shown["id"]) == [target.id]
    assert list(shown["defined"]) == ["no (a description)"]
    at.selectbox(key="edit_target").set_value(target.id).run()
    next(t for t in at.text_area if t.label == "Definition").set_value(
        "A process whose result is uncertain.")
    next(b for b in at.button if b.label == "Save changes").click().run()
    assert not at.exception
    assert Course.load(sample / "course.json").concept(target.id).defined
    assert not any("have no definition" in c.value for c in at.caption)
