"""Keeping a course's passage index in step with its sources when a lesson opens it.

A fresh checkout of a course holds ``course.json`` and its sources but not the derived
``.build/`` (it is not committed), so free questions would be answered from the concepts'
definitions only. :func:`keep_index_fresh` builds the passage index (only the index: the
concepts, exercises and ``course.json`` are left alone) when it is missing, or stale because
a source changed since it was built. It runs at most once per course and sources version in
a process: a per-course lock makes a second lesson opened meanwhile wait for the first build,
then find the index fresh. A build that fails (no source can be read, a damaged file) is not
retried in this process; the lesson teaches from the definitions and shows a one-line notice.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from tutor.home import BUILD_DIR

__all__ = ["IndexProgress", "forget_index_upkeep", "index_state", "keep_index_fresh"]

IndexProgress = Callable[[int, int], None]
"""Called with (passages embedded, passages in all) while the index is built."""

MISSING, STALE, FRESH, NO_SOURCES = "missing", "stale", "fresh", "no sources"

_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()
_settled: dict[str, tuple[tuple[str, int], ...]] = {}
"""Per course folder, the sources version last built or tried in this process."""
_failed: dict[str, str] = {}
"""Per course folder, the notice of a build that failed for the version in ``_settled``."""


def _sources(folder: Path) -> list[Path]:
    from tutor.ingest import find_sources

    try:
        return find_sources(folder)
    except OSError:
        return []


def _version(sources: list[Path]) -> tuple[tuple[str, int], ...]:
    out = []
    for path in sources:
        try:
            out.append((path.name, path.stat().st_mtime_ns))
        except OSError:
            continue
    return tuple(sorted(out))


def index_state(folder: Path) -> str:
    """``"no sources"``, ``"missing"`` (no complete index), ``"stale"`` (a source is newer
    than the index, or a source it was built from is gone) or ``"fresh"``."""
    folder = Path(folder)
    sources = _sources(folder)
    return _state(folder, sources, _version(sources))


def _state(folder: Path, sources: list[Path], version: tuple[tuple[str, int], ...]) -> str:
    """:func:`index_state` from the sources already listed and their version."""
    from tutor.index.passages import MANIFEST_FILE, PASSAGES_FILE

    if not sources:
        return NO_SOURCES
    build = folder / BUILD_DIR
    try:
        built_at = (build / MANIFEST_FILE).stat().st_mtime_ns
        indexed = _indexed_sources(build / PASSAGES_FILE)
    except (OSError, ValueError):  # absent, or not text any more: built again
        return MISSING
    newest = max(stamp for _, stamp in version) if version else 0
    present = {path.name for path in sources}
    if newest > built_at or not indexed <= present:
        return STALE
    return FRESH


def _indexed_sources(passages: Path) -> set[str]:
    """The source file names the index's passages come from."""
    import json

    names: set[str] = set()
    with passages.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                try:
                    names.add(str(json.loads(line).get("source", "")))
                except ValueError:
                    continue
    return {Path(name).name for name in names if name}


def _lock_for(key: str) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(key, threading.Lock())


def keep_index_fresh(folder: Path, chroma_url: str = "",
                     progress: IndexProgress | None = None) -> str:
    """Build the course's passage index when it is missing or stale; ``""`` when the index
    is usable (or there are no sources to build it from), else a one-line notice saying the
    answers come from the definitions. Never raises for a source that cannot be read."""
    folder = Path(folder)
    key = str(folder.resolve())
    with _lock_for(key):
        sources = _sources(folder)
        version = _version(sources)
        if _settled.get(key) == version:
            return _failed.get(key, "")
        state = _state(folder, sources, version)
        _settled[key] = version
        _failed.pop(key, None)
        if state in (FRESH, NO_SOURCES):
            return ""
        from tutor.study.build import ensure_passage_index

        try:
            ensure_passage_index(folder, chroma_url, progress=progress, rebuild=True)
        except Exception as exc:  # any failure: teach from the definitions, say so once
            reason = " ".join(str(exc).split())[:120] or type(exc).__name__
            _failed[key] = (f"The course's passage index could not be built ({reason}); "
                            "questions are answered from the concepts' definitions.")
        return _failed.get(key, "")


def forget_index_upkeep() -> None:
    """Forget which courses were built or tried in this process (tests)."""
    with _locks_guard:
        _settled.clear()
        _failed.clear()
