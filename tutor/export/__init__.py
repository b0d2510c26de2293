"""Exports of a built course: Anki decks, Moodle GIFT quizzes, a Markdown study guide, and the
concept graph as GraphML or JSON.

Each exporter is a function ``export_<format>(course, out_path, ...) -> ExportSummary``.
"""

from __future__ import annotations

from pathlib import Path

from tutor.course import Course
from tutor.errors import TutorError
from tutor.export.anki import export_anki
from tutor.export.concept_graph import export_graphml, export_json
from tutor.export.gift import export_gift
from tutor.export.study_guide import export_markdown
from tutor.export.summary import ExportSummary

FORMATS = ("anki", "gift", "markdown", "graphml", "json")
SUFFIXES = {"anki": ".apkg", "gift": ".gift", "markdown": ".md", "graphml": ".graphml",
            "json": ".json"}


def export_course(course: Course, fmt: str, out: Path) -> ExportSummary:
    """Write ``course`` to ``out`` in format ``fmt`` (one of :data:`FORMATS`)."""
    writers = {
        "anki": export_anki,
        "gift": export_gift,
        "markdown": export_markdown,
        "graphml": export_graphml,
        "json": export_json,
    }
    if fmt not in writers:
        raise TutorError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return writers[fmt](course, Path(out))


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
]
