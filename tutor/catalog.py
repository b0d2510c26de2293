"""Finding built courses: by name under the courses folder, or by folder or course.json path."""

from __future__ import annotations

from pathlib import Path

from tutor.course import Course
from tutor.errors import CourseError
from tutor.home import COURSE_FILE, course_dir, courses_dir


def resolve_course_dir(ref: str | Path, home: Path | None = None) -> Path:
    """The course folder ``ref`` names: a folder, a ``course.json`` path, or a course name."""
    path = Path(ref).expanduser()
    if path.name == COURSE_FILE and path.is_file():
        return path.parent.resolve()
    if path.is_dir() and (path / COURSE_FILE).is_file():
        return path.resolve()
    if isinstance(ref, str) and "/" not in ref and "\\" not in ref:
        candidate = course_dir(ref, home)
        if (candidate / COURSE_FILE).is_file():
            return candidate
    known = ", ".join(list_course_names(home)) or "none yet"
    raise CourseError(
        f"no built course (course.json) at {str(ref)!r} (known courses: {known}); "
        "build one with `tutor course build PATH`"
    )


def load_course(ref: str | Path, home: Path | None = None) -> Course:
    return Course.load(resolve_course_dir(ref, home) / COURSE_FILE)


def course_key(folder: Path) -> str:
    """The name learner data is kept under for the course in ``folder``: its folder name, the
    same whether the course was named by name or by path."""
    return Path(folder).name


def list_course_names(home: Path | None = None) -> list[str]:
    root = courses_dir(home)
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / COURSE_FILE).is_file())
