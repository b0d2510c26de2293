"""Reliability: course names, uploaded file names and learner ids cannot reach outside their
own folder or another learner's data (``../``, absolute paths, symbolic links, SQL tricks)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.factories import COURSE, ExactEngine, make_chunks, make_course
from tutor.authoring import add_source
from tutor.context import TutorContext
from tutor.errors import CourseError, LearnerError, SourceError, TutorError
from tutor.home import course_dir, courses_dir, safe_child
from tutor.learner.model import Attempt, LearnerModel
from tutor.learner.store import LearnerStore, check_learner_id
from tutor.teach.lesson import CoursePassages, Lesson

BAD_COURSE_NAMES = [
    "..", "../x", "../../etc", "/etc", "/tmp/x", "a/b", "a\\b", "x/..", ".", ".hidden",
    "", " ", "x\x00y", "UPPER", "курс", "a" * 65, "-lead", "~", "$HOME", "x\n", "..\\..\\x",
]
BAD_FILE_NAMES = [
    "../x.md", "../../etc/passwd.md", "/etc/passwd.md", "/tmp/x.pdf", "a/b.md", "a\\b.md",
    "..\\x.md", ".hidden.md", "..md", "...md", "x\x00.md", "", "./x.md",
]
BAD_LEARNER_IDS = [
    "../bob", "bob/../ana", "/etc/passwd", "Ana", "ana ", " ana", "", "ana' OR '1'='1",
    "ana; DROP TABLE attempts", "ana\x00bob", "a" * 65, "-ana", "ana/", "%", "*", "ana\n",
]


@pytest.mark.parametrize("name", BAD_COURSE_NAMES)
def test_course_names_cannot_leave_the_courses_folder(tutor_home: Path, name: str) -> None:
    with pytest.raises(CourseError) as info:
        course_dir(name)
    assert "\n" not in str(info.value).strip()


@pytest.mark.parametrize("name", BAD_COURSE_NAMES)
def test_uploads_to_a_bad_course_name_are_refused(tutor_home: Path, name: str) -> None:
    before = sorted(p.relative_to(tutor_home.parent) for p in tutor_home.parent.rglob("*"))
    with pytest.raises(TutorError):
        add_source(name, "notes.md", b"# Notes\n\nAn array is a sequence.\n")
    after = sorted(p.relative_to(tutor_home.parent) for p in tutor_home.parent.rglob("*"))
    assert after == before  # nothing written anywhere


@pytest.mark.parametrize("file_name", BAD_FILE_NAMES)
def test_uploaded_file_names_cannot_leave_the_course_folder(
    tutor_home: Path, file_name: str
) -> None:
    with pytest.raises((CourseError, SourceError)):
        add_source("algebra", file_name, b"# Notes\n\nAn array is a sequence.\n")
    outside = [p for p in tutor_home.parent.rglob("*") if p.is_file()]
    assert outside == []


def test_a_symlinked_course_folder_pointing_outside_is_refused(
    tutor_home: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (courses_dir() / "evil").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(CourseError):
        course_dir("evil")
    with pytest.raises(CourseError):
        add_source("evil", "notes.md", b"# Notes\n\nAn array is a sequence.\n")
    assert list(elsewhere.iterdir()) == []


def test_an_upload_over_a_symlink_in_the_course_folder_is_refused(
    tutor_home: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("do not overwrite", encoding="utf-8")
    folder = courses_dir() / "algebra"
    folder.mkdir()
    (folder / "notes.md").symlink_to(secret)
    with pytest.raises(CourseError):
        add_source("algebra", "notes.md", b"# Notes\n\nAn array is a sequence.\n")
    assert secret.read_text(encoding="utf-8") == "do not overwrite"
    # A dangling link is refused too (it would create a file wherever it points).
    (folder / "other.md").symlink_to(tmp_path / "created-outside.md")
    with pytest.raises(CourseError):
        add_source("algebra", "other.md", b"# Notes\n\nAn array is a sequence.\n")
    assert not (tmp_path / "created-outside.md").exists()


def test_safe_child_accepts_plain_names_only(tmp_path: Path) -> None:
    assert safe_child(tmp_path, "notes.md") == (tmp_path / "notes.md").resolve()
    assert safe_child(tmp_path, "chapter 1 – intro.pdf").parent == tmp_path.resolve()
    for name in BAD_FILE_NAMES:
        with pytest.raises(CourseError):
            safe_child(tmp_path, name)


def test_a_good_upload_lands_inside_the_course_folder(tutor_home: Path) -> None:
    saved = add_source("algebra", "notes.md", b"# Notes\n\nAn array is a sequence.\n")
    assert saved.parent == (tutor_home / "courses" / "algebra").resolve()
    assert [p.name for p in saved.parent.iterdir()] == ["notes.md"]  # no leftover temp file


# -- learners --------------------------------------------------------------------------------
@pytest.mark.parametrize("learner_id", BAD_LEARNER_IDS)
def test_unsafe_learner_ids_are_refused_everywhere(tmp_path: Path, learner_id: str) -> None:
    store = LearnerStore(tmp_path / "learners.sqlite")
    with pytest.raises(LearnerError):
        check_learner_id(learner_id)
    with pytest.raises(LearnerError):
        store.load(learner_id, "demo")
    with pytest.raises(LearnerError):
        store.attempts(learner_id, "demo")
    with pytest.raises(LearnerError):
        store.get_learner(learner_id)
    with pytest.raises(LearnerError):
        store.save(LearnerModel(learner_id=learner_id, course="demo"))
    store.close()


def _attempt(learner: str, course: str, n: int) -> Attempt:
    from datetime import timedelta

    from tutor.clock import system_clock

    return Attempt(
        id=f"{learner}-{course}-{n}", learner_id=learner, course=course, concept_id="array",
        exercise_id="array-cloze", answer=f"answer {n} of {learner}", correct=bool(n % 2),
        score=float(n % 2), at=system_clock().replace(microsecond=0) + timedelta(minutes=n),
    )


def test_a_learner_sees_only_their_own_rows(tmp_path: Path) -> None:
    store = LearnerStore(tmp_path / "learners.sqlite")
    for learner in ("ana", "bob"):
        store.ensure_learner(learner)
        for n in range(3):
            model = store.load(learner, "demo")
            store.record(_attempt(learner, "demo", n), model.model_copy(update={"summary": learner}))
    assert {a.learner_id for a in store.attempts("ana", "demo")} == {"ana"}
    assert len(store.attempts("ana", "demo")) == 3
    assert store.load("bob", "demo").summary == "bob"
    # Course names are data, not SQL: tricks return nothing rather than everyone's rows.
    assert store.attempts("ana", "demo' OR '1'='1") == []
    assert store.attempts("ana", "%") == []
    # An attempt cannot be filed under another learner's model.
    with pytest.raises(LearnerError):
        store.record(_attempt("ana", "demo", 9), store.load("bob", "demo"))
    assert len(store.attempts("bob", "demo")) == 3
    store.close()


def test_a_lesson_for_one_learner_never_shows_another_learners_progress(
    tutor_home: Path,
) -> None:
    context = TutorContext.from_env(engine="offline")
    folder = tutor_home / "courses" / COURSE
    folder.mkdir(parents=True)
    course = make_course()
    (folder / "course.json").write_text(course.to_json(), encoding="utf-8")

    def lesson(learner: str) -> Lesson:
        return Lesson(COURSE, learner, context=context, engine=ExactEngine(),
                      passages=CoursePassages(course, make_chunks()))

    ana = lesson("ana")
    ana.start()
    ana.answer("a wrong answer of ana")
    ana.close()
    bob = lesson("bob")
    shown = bob.start()
    assert all("ana" not in m.text for m in shown)
    assert all(m.kind != "learner" for m in bob.transcript)  # bob's thread is his own
    assert bob.progress().learner_id == "bob" and bob.store.attempts("bob", COURSE) == []
    bob.close()
    for bad in ("../ana", "ana/../bob", "ANA"):
        with pytest.raises(LearnerError):
            Lesson(COURSE, bad, context=context, engine=ExactEngine())
    for bad in ("../demo", "/demo", "demo/..", "..", os.sep.join(["x", "..", COURSE])):
        with pytest.raises(CourseError):
            Lesson(bad, "ana", context=context, engine=ExactEngine())
