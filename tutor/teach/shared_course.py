"""A course and its passage index, loaded once per process and shared by every lesson on it.

A web server holds one :class:`~tutor.teach.lesson.Lesson` per browser session; each used to
parse ``course.json``, restrict it to the teachable concepts and open the passage index for
itself. :func:`shared_course` does that once per course folder and keeps the result while
``course.json`` and the index folder keep their modification times: an author's rebuild or
edit is picked up by the next lesson opened, lessons already open keep the version they
started with. The objects shared are only read by the lessons (the passage lookup's
per-concept cache is filled idempotently), so sessions on several threads can use them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from tutor.course import Chunk, Course
from tutor.home import BUILD_DIR, COURSE_FILE
from tutor.teach.passage_upkeep import IndexProgress, keep_index_fresh
from tutor.teach.teaching_material import CoursePassages, teachable

__all__ = ["MAX_SHARED_COURSES", "SharedCourse", "index_chunks", "shared_course"]

MAX_SHARED_COURSES = 16
"""Courses kept loaded at once (the least recently used one is dropped beyond that)."""


@dataclass(frozen=True)
class SharedCourse:
    """One version of a course as the lessons use it."""

    whole: Course
    """The course as built (``course.json``)."""
    teachable: Course
    """The concepts with exercises (``lesson.teachable``)."""
    passages: CoursePassages
    """Passage lookup over the index's chunks (or the definitions without an index)."""
    retrieve: Callable[[str, int], list[Chunk]] | None
    """The index's search, when the index is built."""
    index_notice: str = ""
    """Why the passage index is not there when building it failed (one line), else empty."""


_cache: OrderedDict[str, tuple[tuple[int, int], SharedCourse]] = OrderedDict()
_lock = threading.Lock()


def _stamp(folder: Path) -> tuple[int, int]:
    """Modification times (ns) of ``course.json`` and of the index's manifest (0 when absent):
    a build rewrites both atomically, so either changing means a new version."""
    from tutor.index.passages import MANIFEST_FILE

    course_time = (folder / COURSE_FILE).stat().st_mtime_ns
    try:
        index_time = (folder / BUILD_DIR / MANIFEST_FILE).stat().st_mtime_ns
    except OSError:
        index_time = 0
    return course_time, index_time


def index_chunks(folder: Path, chroma_url: str = "",
                 ) -> tuple[list[Chunk], Callable[[str, int], list[Chunk]] | None]:
    """The chunks of the course's passage index and its search (through Chroma, embedded or
    the ``chroma_url`` server), when the index is built."""
    build = folder / BUILD_DIR
    if not build.is_dir():
        return [], None
    try:
        from tutor.index.passages import PassageIndex
    except ImportError:
        return [], None
    try:
        index = PassageIndex.open(build, chroma_url)
        chunks = list(index.chunks)
    except Exception:  # an unreadable index: teach from the course's own definitions
        return [], None

    def search(query: str, k: int) -> list[Chunk]:
        return [hit.chunk for hit in index.search(query, k)]

    return chunks, search


def shared_course(folder: Path, chroma_url: str = "", *, build_index: bool = False,
                  progress: IndexProgress | None = None) -> SharedCourse:
    """The course in ``folder`` with its passages, loaded at most once per version.

    ``build_index``: first build the passage index from the course's sources when it is
    missing or stale (:mod:`tutor.teach.passage_upkeep`, once per process; ``progress`` is
    told while it embeds); a build that fails leaves the definitions as passages and its
    notice in :attr:`SharedCourse.index_notice`."""
    notice = keep_index_fresh(Path(folder), chroma_url, progress) if build_index else ""
    key = str(Path(folder).resolve())
    stamp = _stamp(Path(folder))
    with _lock:
        held = _cache.get(key)
        if held is not None and held[0] == stamp:
            _cache.move_to_end(key)
            return _with_notice(held[1], notice)
        whole = Course.load(Path(folder) / COURSE_FILE)
        taught = teachable(whole)
        chunks, search = index_chunks(Path(folder), chroma_url)
        loaded = SharedCourse(whole=whole, teachable=taught,
                              passages=CoursePassages(taught, chunks), retrieve=search)
        _cache[key] = (stamp, loaded)
        _cache.move_to_end(key)
        while len(_cache) > MAX_SHARED_COURSES:
            _cache.popitem(last=False)
        return _with_notice(loaded, notice)


def _with_notice(loaded: SharedCourse, notice: str) -> SharedCourse:
    return replace(loaded, index_notice=notice) if notice else loaded


def forget_shared_courses() -> None:
    """Drop every loaded course (the next lesson loads its course again)."""
    with _lock:
        _cache.clear()
