"""What the Author page does, each action checked for the author role on the server.

The web app's Author page calls these functions only; each one takes the caller's
:class:`tutor.roles.AuthorGrant` (or ``None``) and refuses with
:class:`tutor.errors.AccessError` before doing anything when it is not an author's. Hiding the
page from learners is a convenience; this is the check.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tutor import authoring
from tutor.analytics import course_analytics
from tutor.context import TutorContext
from tutor.course import Course
from tutor.errors import TutorError
from tutor.home import COURSE_FILE, course_dir
from tutor.roles import require_author
from tutor.safety.spreadsheet import neutral_rows


def save_upload(grant: object, context: TutorContext, course_name: str, file_name: str,
                data: bytes) -> Path:
    """Save an uploaded source into the course, within the context's upload limits."""
    require_author(grant, "add course sources")
    return authoring.add_source(
        course_name, file_name, data, max_mb=context.max_upload_mb, home=context.home,
        max_sources=context.max_sources_per_course, max_course_mb=context.max_course_mb)


def start_build(grant: object, context: TutorContext, course_name: str) -> Any:
    """Start a build of the course in a worker process (:mod:`tutor.build_jobs`)."""
    require_author(grant, "build a course")
    from tutor.build_jobs import start_build as launch

    return launch(context, course_name)


def build_status(grant: object, context: TutorContext, course_name: str) -> Any:
    """The course's latest build (its progress while it runs), or None."""
    require_author(grant, "follow a course build")
    from tutor.build_jobs import build_status as status

    return status(context, course_name)


def course_with_answers(grant: object, context: TutorContext, course_name: str) -> Course:
    """The course as its author reviews it, answer key included (``course_name``: a course
    name, or a course folder's absolute path as :func:`tutor.catalog.resolve_course_dir`
    gives it)."""
    require_author(grant, "see the answer key")
    folder = Path(course_name)
    if not folder.is_absolute():
        folder = course_dir(course_name, context.home)
    return Course.load(folder / COURSE_FILE)


def edit_concept(grant: object, folder: Path, concept_id: str, *, name: str | None = None,
                 definition: str | None = None) -> Course:
    require_author(grant, "edit a concept")
    return authoring.edit_concept(folder, concept_id, name=name, definition=definition)


def delete_concept(grant: object, folder: Path, concept_id: str) -> Course:
    require_author(grant, "delete a concept")
    return authoring.delete_concept(folder, concept_id)


def delete_exercise(grant: object, folder: Path, exercise_id: str) -> Course:
    require_author(grant, "delete an exercise")
    return authoring.delete_exercise(folder, exercise_id)


def mark_reviewed(grant: object, folder: Path, exercise_ids: list[str],
                  reviewed: bool = True) -> Course:
    """Mark one or many exercises reviewed (or not)."""
    require_author(grant, "review exercises")
    course: Course | None = None
    for exercise_id in exercise_ids:
        course = authoring.mark_reviewed(folder, exercise_id, reviewed)
    if course is None:
        return Course.load(Path(folder) / COURSE_FILE)
    return course


def analytics_tables(grant: object, course: Course, attempts: Any
                     ) -> tuple[int, int, list[dict[str, Any]], list[dict[str, Any]]]:
    """``(learners, attempts, stall rows, wrong-answer rows)``; the rows hold learners' own
    words, so only authors get them, with every cell safe to open as CSV in a spreadsheet."""
    require_author(grant, "read the learners' analytics")
    stats = course_analytics(course, attempts)
    return (stats.learners, stats.attempts,
            neutral_rows([s.model_dump() for s in stats.stalls]),
            neutral_rows([w.model_dump() for w in stats.wrong_answers]))


def export(grant: object, course: Course, fmt: str, out: Path) -> Any:
    """Export the course (every format carries the answers)."""
    require_author(grant, "export a course with its answers")
    from tutor.export import export_course

    return export_course(course, fmt, out)


def edit_exercise(grant: object, folder: Path, exercise_id: str, **fields: Any) -> Course:
    """Change an exercise's prompt, answer, choices or explanation."""
    require_author(grant, "edit an exercise")
    return authoring.edit_exercise(folder, exercise_id, **fields)


def course_names(grant: object, context: TutorContext) -> list[str]:
    """Every course an author can work on: the built ones and the folders that hold sources
    but no build yet (so that a first build can be followed again after a reload)."""
    require_author(grant, "list the courses to author")
    from tutor.catalog import list_course_names
    from tutor.home import check_slug, courses_dir
    from tutor.ingest.sources import find_sources

    names = set(list_course_names(context.home))
    root = courses_dir(context.home)
    for folder in root.iterdir() if root.is_dir() else []:
        try:
            check_slug(folder.name)
        except TutorError:
            continue
        if folder.is_dir() and not folder.is_symlink() and find_sources(folder):
            names.add(folder.name)
    return sorted(names)
