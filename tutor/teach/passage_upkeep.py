"""Keeping a course's passage index in step with its sources when a lesson opens it.

A fresh checkout of a course holds ``course.json`` and its sources but not the derived
``.build/`` (it is not committed), so free questions would be answered from the concepts'
definitions only. :func:`keep_index_fresh` builds the passage index (only the index: the
concepts, exercises and ``course.json`` are left alone) when it is missing, or stale because
a source changed since it was built: the index records each source's size and a hash of its
bytes (:func:`tutor.index.passages.source_fingerprint`), so a source put back with an older
modification time is noticed too (an index built before it recorded them is judged by times).
It runs at most once per course and sources version in a process, and one process at a time:
a per-course lock (a thread lock, and ``fcntl.flock`` on ``.build/index.lock`` between
processes) makes a second lesson opened meanwhile wait for the first build, then find the
index fresh. A build that fails (no source can be read, a damaged file) is not retried in this
process; the lesson teaches from the definitions and shows a one-line notice.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from tutor.home import BUILD_DIR

__all__ = ["IndexProgress", "forget_index_upkeep", "index_state", "keep_index_fresh"]

IndexProgress = Callable[[int, int], None]
"""Called with (passages embedded, passages in all) while the index is built."""

MISSING, STALE, FRESH, NO_SOURCES = "missing", "stale", "fresh", "no sources"
LOCK_FILE = "index.lock"
"""In the course's ``.build/``: held (``flock``) while a process checks and builds the index."""

_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()
_settled: dict[str, tuple[tuple[str, int, int], ...]] = {}
"""Per course folder, the sources version last built or tried in this process."""
_failed: dict[str, str] = {}
"""Per course folder, the notice of a build that failed for the version in ``_settled``."""


def _sources(folder: Path) -> list[Path]:
    from tutor.ingest import find_sources

    try:
        return find_sources(folder)
    except OSError:
        return []


def _version(sources: list[Path]) -> tuple[tuple[str, int, int], ...]:
    """Names, modification times and sizes: what this process has already checked."""
    out = []
    for path in sources:
        try:
            stat = path.stat()
        except OSError:
            continue
        out.append((path.name, stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(out))


def index_state(folder: Path) -> str:
    """``"no sources"``, ``"missing"`` (no complete index), ``"stale"`` (a source's bytes
    differ from those indexed, one was added or one is gone) or ``"fresh"``."""
    folder = Path(folder)
    sources = _sources(folder)
    return _state(folder, sources, _version(sources))


def _state(folder: Path, sources: list[Path], version: tuple[tuple[str, int, int], ...]) -> str:
    """:func:`index_state` from the sources already listed and their version."""
    from tutor.index.passages import MANIFEST_FILE, PASSAGES_FILE, source_fingerprint

    if not sources:
        return NO_SOURCES
    build = folder / BUILD_DIR
    try:
        built_at = (build / MANIFEST_FILE).stat().st_mtime_ns
        recorded = json.loads((build / MANIFEST_FILE).read_text(encoding="utf-8"))["sources"]
    except KeyError:  # an index from before the fingerprints: judged by times
        recorded = None
    except (OSError, ValueError, TypeError):  # absent, or not text any more: built again
        return MISSING
    try:
        indexed = _indexed_sources(build / PASSAGES_FILE)
    except (OSError, ValueError):
        return MISSING
    if isinstance(recorded, dict):
        return FRESH if source_fingerprint(sources) == recorded else STALE
    newest = max(stamp for _, stamp, _ in version) if version else 0
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


@contextlib.contextmanager
def _between_processes(folder: Path) -> Iterator[None]:
    """Held by one process at a time (``flock`` on the course's ``.build/index.lock``); a
    course folder that cannot be written is not locked (nor can its index be built)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not a POSIX system
        yield
        return
    try:
        (folder / BUILD_DIR).mkdir(exist_ok=True)
        handle = (folder / BUILD_DIR / LOCK_FILE).open("a")
    except OSError:
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


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
        if not sources:
            _settled[key] = version
            _failed.pop(key, None)
            return ""
        with _between_processes(folder):  # another process may have built it meanwhile
            state = _state(folder, sources, version)
            _settled[key] = version
            _failed.pop(key, None)
            if state == FRESH:
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
