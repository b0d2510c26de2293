"""Author operations on a course: add source files, edit or delete concepts and exercises.

Every change is recorded in the course's overlay of author edits (:mod:`tutor.overlay`), so
that a rebuild re-applies it, and saved to ``course.json`` atomically. Used by the web app's
Author page (through :mod:`tutor.author_desk`) and ``tutor course review``; no UI code here.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from tutor.course import Concept, Course, Exercise
from tutor.errors import CourseError, SourceError
from tutor.home import COURSE_FILE, atomic_write_text, course_dir, safe_child
from tutor.ingest.sources import SUFFIXES, find_sources
from tutor.overlay import apply_saved_edits, record_concept_edit, record_exercise_edit
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


def _reapply(folder: Path) -> Course:
    """The course with the author's overlay (just updated) laid over it, saved."""
    course = apply_saved_edits(folder, _load(folder))
    save_course(folder, course)
    return course


def edit_concept(folder: Path, concept_id: str, *, name: str | None = None,
                 definition: str | None = None) -> Course:
    """Change a concept's name and/or definition (kept across rebuilds)."""
    _find_concept(_load(folder), concept_id)
    changes: dict[str, str] = {}
    if name is not None:
        if not name.strip():
            raise CourseError("a concept name cannot be empty")
        changes["name"] = name.strip()
    if definition is not None:
        if not definition.strip():
            raise CourseError("a definition cannot be empty; delete the concept instead")
        changes["definition"] = definition.strip()
    record_concept_edit(folder, concept_id, **changes)
    return _reapply(folder)


def delete_concept(folder: Path, concept_id: str) -> Course:
    """Remove a concept with its exercises, now and after every rebuild; its prerequisite
    edges are bridged so that the concepts that needed it now need its own prerequisites."""
    _find_concept(_load(folder), concept_id)
    record_concept_edit(folder, concept_id, deleted=True)
    return _reapply(folder)


def _find_exercise(course: Course, exercise_id: str) -> Exercise:
    try:
        return course.exercise(exercise_id)
    except KeyError as exc:
        raise CourseError(f"no exercise {exercise_id!r} in this course") from exc


def delete_exercise(folder: Path, exercise_id: str) -> Course:
    _find_exercise(_load(folder), exercise_id)
    record_exercise_edit(folder, exercise_id, deleted=True)
    return _reapply(folder)


def mark_reviewed(folder: Path, exercise_id: str, reviewed: bool = True) -> Course:
    _find_exercise(_load(folder), exercise_id)
    record_exercise_edit(folder, exercise_id, reviewed=reviewed)
    return _reapply(folder)


def edit_exercise(folder: Path, exercise_id: str, *, prompt: str | None = None,
                  answer: str | None = None, choices: list[str] | None = None,
                  explanation: str | None = None) -> Course:
    """Change an exercise's prompt, answer, choices or explanation (kept across rebuilds).
    The result must still be a well-formed exercise of its kind."""
    exercise = _find_exercise(_load(folder), exercise_id)
    changes: dict[str, object] = {}
    for field, value in (("prompt", prompt), ("answer", answer)):
        if value is not None:
            if not value.strip():
                raise CourseError(f"an exercise's {field} cannot be empty")
            changes[field] = value.strip()
    if choices is not None:
        cleaned = [c.strip() for c in choices if c.strip()]
        if exercise.choices is None or len(cleaned) < 2:
            raise CourseError("choices need at least two options, on a choice exercise")
        changes["choices"] = cleaned
    if explanation is not None:
        changes["explanation"] = explanation.strip()
    edited = exercise.model_copy(update=changes)
    if edited.choices is not None and edited.choices.count(edited.answer) != 1:
        raise CourseError("the answer must be exactly one of the choices")
    record_exercise_edit(folder, exercise_id, **changes)
    return _reapply(folder)


def _find_concept(course: Course, concept_id: str) -> Concept:
    try:
        return course.concept(concept_id)
    except KeyError as exc:
        raise CourseError(f"no concept {concept_id!r} in this course") from exc
