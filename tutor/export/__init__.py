"""Exports of a built course: Anki decks, Moodle GIFT quizzes, a Markdown study guide, and the
concept graph as GraphML or JSON.

Each exporter is a function ``export_<format>(course, out_path, ...) -> ExportSummary``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tutor.course import Course
from tutor.errors import TutorError
from tutor.export.anki import export_anki
from tutor.export.concept_graph import export_graphml, export_json
from tutor.export.gift import export_gift
from tutor.export.study_guide import export_markdown
from tutor.export.summary import ExportSummary
from tutor.safety.markup import storable_text

FORMATS = ("anki", "gift", "markdown", "graphml", "json")
SUFFIXES = {"anki": ".apkg", "gift": ".gift", "markdown": ".md", "graphml": ".graphml",
            "json": ".json"}


def _storable(value: Any) -> Any:
    if isinstance(value, str):
        return storable_text(value)
    if isinstance(value, list):
        return [_storable(item) for item in value]
    if isinstance(value, dict):
        return {_storable(key): _storable(item) for key, item in value.items()}
    return value


def storable_course(course: Course) -> Course:
    """A copy of ``course`` whose every text any export format can hold (no lone surrogate,
    no control character): each exporter then escapes for its own format."""
    return Course.model_validate(_storable(course.model_dump()))


def export_course(course: Course, fmt: str, out: Path) -> ExportSummary:
    """Write ``course`` to ``out`` in format ``fmt`` (one of :data:`FORMATS`), from its
    :func:`storable_course` copy."""
    writers = {
        "anki": export_anki,
        "gift": export_gift,
        "markdown": export_markdown,
        "graphml": export_graphml,
        "json": export_json,
    }
    if fmt not in writers:
        raise TutorError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    try:
        return writers[fmt](storable_course(course), Path(out))
    except OSError as exc:  # a folder in the way, no permission, a full disk
        raise TutorError(f"cannot write {out}: {exc.strerror or exc}; choose another file "
                         "to export to") from exc


__all__ = [
    "FORMATS",
    "SUFFIXES",
    "ExportSummary",
    "export_anki",
    "export_course",
    "export_gift",
    "export_graphml",
    "export_json",
    "export_markdown",
    "storable_course",
]
