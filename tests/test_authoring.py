"""Author operations: uploads stay inside the course folder; edits are saved atomically."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import python_course as make_course
from tutor.authoring import add_source, delete_concept, delete_exercise, edit_concept, mark_reviewed
from tutor.course import Course
from tutor.errors import CourseError, SourceError
from tutor.views.concept_map import concept_map_dot
from tutor.views.math_text import normalise_math


def test_upload_is_saved_inside_the_course_folder(tutor_home: Path) -> None:
    path = add_source("algebra", "notes.md", b"# Groups\nA **group** is a set.")
    assert path == tutor_home / "courses" / "algebra" / "notes.md"
    assert path.read_bytes().startswith(b"# Groups")


@pytest.mark.parametrize("name", ["../evil.md", "/etc/passwd.md", "a/b.md", "..\\x.md", ".hidden.md",
                                  ""])
def test_upload_names_cannot_escape(tutor_home: Path, name: str) -> None:
    with pytest.raises(CourseError):
        add_source("algebra", name, b"text")
    assert not (tutor_home / "evil.md").exists()


@pytest.mark.parametrize("course", ["../up", "/abs", "Bad Name", "a/b", ""])
def test_course_names_cannot_escape(course: str) -> None:
    with pytest.raises(CourseError):
        add_source(course, "notes.md", b"text")


def test_upload_refuses_symlinks(tutor_home: Path, tmp_path: Path) -> None:
    folder = tutor_home / "courses" / "algebra"
    folder.mkdir(parents=True)
    outside = tmp_path / "outside.md"
    outside.write_text("secret")
    (folder / "link.md").symlink_to(outside)
    with pytest.raises(CourseError, match="symbolic link"):
        add_source("algebra", "link.md", b"overwrite")
    assert outside.read_text() == "secret"


def test_upload_checks_type_size_and_pdf_magic() -> None:
    with pytest.raises(SourceError, match="unsupported file type"):
        add_source("algebra", "slides.pptx", b"PK")
    with pytest.raises(SourceError, match="not a PDF"):
        add_source("algebra", "fake.pdf", b"<html>not a pdf</html>")
    with pytest.raises(SourceError, match="larger than the 1 MB limit"):
        add_source("algebra", "big.txt", b"x" * (1024 * 1024 + 1), max_mb=1)
    with pytest.raises(SourceError, match="empty"):
        add_source("algebra", "empty.txt", b"")


def _write(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "course.json").write_text(make_course().to_json())
    return folder


def test_edit_delete_and_review_are_saved(tmp_path: Path) -> None:
    folder = _write(tmp_path / "c")
    edit_concept(folder, "variable", name="Variable", definition="A named reference to a value.")
    course = Course.load(folder / "course.json")
    assert course.concept("variable").name == "Variable"
    assert course.concept("variable").definition == "A named reference to a value."
    mark_reviewed(folder, "variable-mc-1")
    assert Course.load(folder / "course.json").exercise("variable-mc-1").reviewed
    delete_exercise(folder, "variable-mc-1")
    assert "variable-mc-1" not in {e.id for e in Course.load(folder / "course.json").exercises}
    # Deleting the middle of a chain bridges the edge and removes its exercises.
    delete_concept(folder, "assignment")
    course = Course.load(folder / "course.json")
    assert [c.id for c in course.concepts] == ["variable", "function"]
    assert [(e.prerequisite, e.concept) for e in course.prerequisites] == [("variable", "function")]
    assert all(e.concept_id != "assignment" for e in course.exercises)
    with pytest.raises(CourseError):
        edit_concept(folder, "variable", name="  ")
    with pytest.raises(CourseError):
        delete_exercise(folder, "nope")


def test_concept_map_colours_by_mastery() -> None:
    dot = concept_map_dot(make_course(), {"variable": 0.97, "assignment": 0.4},
                          selected="function", due={"variable"})
    assert dot.startswith("digraph concepts {") and dot.rstrip().endswith("}")
    variable = next(line for line in dot.splitlines() if line.strip().startswith('"variable" ['))
    assert "#2e7d32" in variable and "dashed" in variable
    assert '"variable" -> "assignment";' in dot
    function = next(line for line in dot.splitlines() if line.strip().startswith('"function" ['))
    assert "penwidth=3" in function and "#eeeeee" in function


def test_math_delimiters_are_normalised() -> None:
    assert normalise_math(r"area \(\pi r^2\) and \[ E = mc^2 \]") == (
        "area $\\pi r^2$ and \n$$\nE = mc^2\n$$\n")
