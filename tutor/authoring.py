"""Author operations on a course: add source files, edit or delete concepts and exercises.

Every change is saved to ``course.json`` atomically. Used by the web app's Author page; no UI
code here.
"""

from __future__ import annotations

from pathlib import Path

from tutor.course import Concept, Course, Prerequisite
from tutor.errors import CourseError, SourceError
from tutor.home import COURSE_FILE, atomic_write_text, course_dir, safe_child
from tutor.ingest.sources import SUFFIXES

PDF_MAGIC = b"%PDF-"


def add_source(
    course_name: str, file_name: str, data: bytes, *, max_mb: int = 50,
    home: Path | None = None,
) -> Path:
    """Save an uploaded source file into the course folder (created if new).

    Refuses names that would leave the folder, unsupported types, empty or oversized files,
    and ``.pdf`` files that are not PDFs. Returns the saved path.
    """
    folder = course_dir(course_name, home)
    target = safe_child(folder, file_name)
    suffix = target.suffix.lower()
    if suffix not in SUFFIXES:
        raise SourceError(target, "unsupported file type",
                          "upload a PDF, Markdown (.md) or text (.txt) file")
    if not data:
        raise SourceError(target, "the file is empty", "upload the file again")
    if len(data) > max_mb * 1024 * 1024:
        raise SourceError(target, f"larger than the {max_mb} MB limit",
                          "split it or raise max_upload_mb")
    if suffix == ".pdf" and not data[:1024].lstrip().startswith(PDF_MAGIC):
        raise SourceError(target, "not a PDF file (no %PDF header)",
                          "export it to PDF again or upload the original")
    folder.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.upload")
    tmp.write_bytes(data)
    tmp.replace(target)
    return target


def save_course(folder: Path, course: Course) -> None:
    atomic_write_text(Path(folder) / COURSE_FILE, course.to_json())


def _load(folder: Path) -> Course:
    return Course.load(Path(folder) / COURSE_FILE)


def edit_concept(folder: Path, concept_id: str, *, name: str | None = None,
                 definition: str | None = None) -> Course:
    """Change a concept's name and/or definition."""
    course = _load(folder)
    concept = _find_concept(course, concept_id)
    if name is not None:
        if not name.strip():
            raise CourseError("a concept name cannot be empty")
        concept.name = name.strip()
    if definition is not None:
        if not definition.strip():
            raise CourseError("a definition cannot be empty; delete the concept instead")
        concept.definition = definition.strip()
    save_course(folder, course)
    return course


def delete_concept(folder: Path, concept_id: str) -> Course:
    """Remove a concept with its exercises; its prerequisite edges are bridged so that the
    concepts that needed it now need its own prerequisites (order is kept)."""
    course = _load(folder)
    _find_concept(course, concept_id)
    before = course.prerequisites_of(concept_id)
    after = course.dependents_of(concept_id)
    kept = [e for e in course.prerequisites if concept_id not in (e.prerequisite, e.concept)]
    existing = {(e.prerequisite, e.concept) for e in kept}
    for a in before:
        for b in after:
            if (a, b) not in existing:
                kept.append(Prerequisite(prerequisite=a, concept=b, weight=0.5,
                                         rationale="bridged after an author removed a concept"))
                existing.add((a, b))
    course.prerequisites = kept
    course.concepts = [c for c in course.concepts if c.id != concept_id]
    course.exercises = [e for e in course.exercises if e.concept_id != concept_id]
    save_course(folder, course)
    return course


def delete_exercise(folder: Path, exercise_id: str) -> Course:
    course = _load(folder)
    if not any(e.id == exercise_id for e in course.exercises):
        raise CourseError(f"no exercise {exercise_id!r} in this course")
    course.exercises = [e for e in course.exercises if e.id != exercise_id]
    save_course(folder, course)
    return course


def mark_reviewed(folder: Path, exercise_id: str, reviewed: bool = True) -> Course:
    course = _load(folder)
    try:
        course.exercise(exercise_id).reviewed = reviewed
    except KeyError as exc:
        raise CourseError(f"no exercise {exercise_id!r} in this course") from exc
    save_course(folder, course)
    return course


def _find_concept(course: Course, concept_id: str) -> Concept:
    try:
        return course.concept(concept_id)
    except KeyError as exc:
        raise CourseError(f"no concept {concept_id!r} in this course") from exc
