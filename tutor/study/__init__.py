"""The study graph: reads a course's sources and builds its concepts, prerequisites and
exercises into ``course.json``. Use :func:`build_course`; the graph itself is
:data:`tutor.study.graph.graph`."""

from tutor.study.build import (
    BuildResult,
    CourseTarget,
    build_course,
    ensure_passage_index,
    resolve_target,
)

__all__ = ["BuildResult", "CourseTarget", "build_course", "ensure_passage_index", "resolve_target"]
