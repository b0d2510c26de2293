"""Author operations on a course: add source files, edit or delete concepts and exercises.

Every change is saved to ``course.json`` atomically. Used by the web app's Author page; no UI
code here.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from tutor.course import Concept, Course, Prerequisite
from tutor.errors import CourseError, SourceError
from tutor.home import COURSE_FILE, atomic_write_text, course_dir, safe_child
from tutor.ingest.sources import SUFFIXES, find_sources
from tutor.safety.names import MAX_FILE_NAME_BYTES, has_bad_characters, shown_name

PDF_MAGIC = b"%PDF-"
MAX_SOURCES = 50
"""Source files one course may hold."""
MAX_COURSE_MB = 200
"""Megabytes all the source files of one course may take together."""


def _checked_name(file_name: str) -> str:
    """The upload's name in NFC; :class:`CourseError` for control characters, bytes that are
    not UTF-8, or a name too long for the file system."""
    if has_bad_characters(file_name):
        raise CourseError(f"{shown_name(file_name, 80)!r} holds control characters or bytes "
                          "that are not UTF-8; rename the file and retry")
    name = unicodedata.normalize("NFC", file_name)
    if len(name.encode("utf-8")) > MAX_FILE_NAME_BYTES:
        raise CourseError(f"{shown_name(name, 60)!r} is a name longer than "
                          f"{MAX_FILE_NAME_BYTES} bytes; rename the file shorter and retry")
    return name


def _check_room(folder: Path, target: Path, size: int, max_sources: int, max_course_mb: int
                ) -> None:
    """Refuse an upload past the course's file count or total size (a file it replaces does
    not count)."""
    others = [p for p in find_sources(folder) if p.name != target.name] if folder.is_dir() else []
    if len(others) + 1 > max_sources:
        raise CourseError(f"the course already has {len(others)} source files, the most one "
                          "course may have; remove some or start another course")
    total = sum(p.stat().st_size for p in others) + size
    if total > max_course_mb * 1024 * 1024:
        raise CourseError(f"the course's sources would take {total / 1024 / 1024:.0f} MB, over "
                          f"the {max_course_mb} MB limit; remove some or split the course")


def add_source(
    course_name: str, file_name: str, data: bytes, *, max_mb: int = 50,
    home: Path | None = None, max_sources: int = MAX_SOURCES,
    max_course_mb: int = MAX_COURSE_MB,
) -> Path:
    """Save an uploaded source file into the course folder (created if new).

    Refuses names that would leave the folder, hold control characters or are too long,
    unsupported types, empty or oversized files, ``.pdf`` files that are not PDFs, and uploads
    past the course's file count or total size. Returns the saved path.
    """
    folder = course_dir(course_name, home)
    target = safe_child(folder, _checked_name(file_name))
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
    _check_room(folder, target, len(data), max_sources, max_course_mb)
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
