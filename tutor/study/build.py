"""Building a course: the facade over the study graph used by the CLI and the web app.

``build_course(path, context=...)`` takes what a user points at and runs the study graph:

- a course folder holding sources (PDF, Markdown, text): ``course.json`` and the ``.build/``
  index are written into it;
- the name of a course under ``<TUTOR_HOME>/courses/``;
- a single source file (e.g. ``book.pdf``): the course folder is
  ``<TUTOR_HOME>/courses/<slug of the file name>/`` and the file is copied into it, so the
  course folder holds its sources, shows up in ``tutor course list`` and can be rebuilt.
"""

from __future__ import annotations

import gc
import json
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from pydantic import BaseModel, Field

from tutor.context import TutorContext
from tutor.course import BuildReport, Chunk, Course
from tutor.engine.port import Engine
from tutor.errors import CourseError, TutorError
from tutor.home import COURSE_FILE, atomic_write_text, course_dir, courses_dir, slugify

ProgressEvent = dict[str, Any]
"""``{"step": str, "done": int, "total": int, "message": str}``; steps as in
:data:`tutor.study.graph.STEPS`."""


_PARALLEL_NODES = frozenset({"index_passages", "understand_course"})
"""Study-graph nodes that run side by side; each is timed from the step before both."""


class CourseTarget(BaseModel):
    """Where a build reads from and writes to."""

    folder: Path
    """The course folder (``course.json`` and ``.build/`` go here)."""
    source_paths: list[Path] = Field(default_factory=list)
    """The sources to read; empty = every source file in ``folder``."""


class BuildResult(BaseModel):
    """What a build produced."""

    folder: Path
    course_path: Path | None = None
    """The written ``course.json``; None when no source could be read."""
    course: Course | None = None
    report: BuildReport
    stage_seconds: dict[str, float] = Field(default_factory=dict)
    """Wall-clock seconds per graph node, in the order they ran."""

    @property
    def ok(self) -> bool:
        """True when every source was read and the course was saved."""
        return self.course_path is not None and not self.report.failed_sources


def resolve_target(path: Path | str, home: Path) -> CourseTarget:
    """Turn a folder, a course name or a single source file into a :class:`CourseTarget`."""
    from tutor.ingest.sources import SUFFIXES, find_sources

    given = Path(path).expanduser()
    if given.is_dir():
        folder = given.resolve()
        if not find_sources(folder):
            raise CourseError(
                f"{folder}: no PDF, Markdown or text files here; add course material and rebuild"
            )
        return CourseTarget(folder=folder)
    if given.is_file():
        if given.suffix.lower() not in SUFFIXES:
            raise CourseError(
                f"{given.name}: not a PDF, Markdown or text file; give a course folder or a PDF"
            )
        folder = courses_dir(home) / slugify(given.stem)
        folder.mkdir(parents=True, exist_ok=True)
        copy = folder / given.name
        if copy.resolve() != given.resolve():
            if not copy.exists() or copy.read_bytes() != given.read_bytes():
                shutil.copy2(given, copy)
        return CourseTarget(folder=folder, source_paths=[copy])
    if str(path) and "/" not in str(path):
        try:
            named: Path | None = course_dir(str(path), home)
        except CourseError:
            named = None
        if named is not None and named.is_dir():
            return resolve_target(named, home)
    raise CourseError(
        f"{path}: no such course folder, source file or course name under {courses_dir(home)}"
    )


def default_title(folder: Path) -> str:
    """The previous build's title if there is one, else the folder name in words."""
    try:
        return Course.load(folder / COURSE_FILE).title
    except CourseError:
        words = folder.name.replace("-", " ").replace("_", " ").strip()
        return words[:1].upper() + words[1:] if words else "Course"


def build_course(
    path: Path | str,
    *,
    context: TutorContext,
    engine: Engine | None = None,
    on_progress: Callable[[ProgressEvent], None] | None = None,
    title: str | None = None,
    max_concurrency: int = 8,
    batch: BatchOptions | None = None,
    index: bool | None = None,
) -> BuildResult:
    """Build (or rebuild) a course and write its ``course.json`` atomically.

    ``index``: build the passage index too (under ``.build/``). None = only when lessons do not
    build it themselves (``context.build_passages`` False) or the vectors go to a Chroma
    server (app replicas would race to build it); otherwise the first lesson that opens the
    course builds it (:func:`tutor.teach.passage_upkeep.keep_index_fresh`), so a build that
    is never taught, or rebuilt before it is, does not pay for it.

    ``max_concurrency``: how many graph tasks run at once (at least 2, see
    :data:`_SUBGRAPH_SLOTS`).

    Failed sources do not stop the build: they are listed in ``result.report.failed_sources``
    and the course is built from the others. Raises :class:`CourseError` when ``path`` is not
    a course; :class:`tutor.errors.EngineUnavailable` when the engine cannot run.
    """
    with _collector_paused():
        from tutor.engine.select import make_engine
        from tutor.study.carried_over import carried_over
        from tutor.study.graph import graph
        from tutor.study.state import StudyContext, StudyInput

    target = resolve_target(path, context.home)
    if batch is not None:
        engine = batch_engine(context, target.folder, batch, engine)
    engine = engine or make_engine(context)
    started = time.time()
    inputs: StudyInput = {
        "folder": str(target.folder),
        "title": title or default_title(target.folder),
        "source_paths": [str(p) for p in target.source_paths],
        "started": started,
    }
    stage_seconds: dict[str, float] = {}
    final: dict[str, Any] = {}
    # Seconds per node: the time since the previous node of the same (sub)graph finished; a
    # subgraph's clock starts when the last node of its parent before it finished.
    last: dict[tuple[str, ...], float] = {(): time.perf_counter()}
    branches_start = last[()]
    with _earlier_objects_left_alone(), carried_over(target.folder):
        for part in graph.stream(
            inputs,
            context=StudyContext(engine=engine, chroma_url=context.chroma_url,
                                 index_passages=_indexes(context, index)),
            stream_mode=["custom", "updates", "values"],
            config={"max_concurrency": max(max_concurrency, _SUBGRAPH_SLOTS)},
            subgraphs=True,
        ):
            namespace, mode, payload = cast(tuple[tuple[str, ...], str, Any], part)
            if mode == "custom" and on_progress is not None:
                on_progress(payload)
            elif mode == "updates":
                now = time.perf_counter()
                since = last.setdefault(namespace, last[()])
                for node in payload:
                    start = branches_start if node in _PARALLEL_NODES else since
                    stage_seconds[node] = round(stage_seconds.get(node, 0.0) + now - start, 4)
                last[namespace] = now
                if namespace == () and "split_passages" in payload:
                    branches_start = now
            elif mode == "values" and namespace == ():
                final = payload
    course = Course.model_validate(final["course"]) if final.get("course") else None
    report = course.report if course else _unsaved_report(final, engine, started)
    return BuildResult(
        folder=target.folder,
        course_path=Path(final["course_path"]) if final.get("course_path") else None,
        course=course,
        report=report,
        stage_seconds=stage_seconds,
    )


_SUBGRAPH_SLOTS = 2
"""The fewest concurrent tasks a build can run with: the understanding subgraph is one task of
the study graph and holds its worker while its own steps run on the same pool, so with one
worker its first step would wait for ever."""


def _indexes(context: TutorContext, index: bool | None) -> bool:
    """Whether a build makes the passage index (see :func:`build_course`)."""
    if index is not None:
        return index
    return not context.build_passages or bool(context.chroma_url)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while the build's libraries are imported: what an import
    makes (modules, classes, tables) lives as long as the process, so the collections a cold
    import of LangGraph sets off find nothing to free (about a sixth of the imports' CPU)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


YOUNG_OBJECTS = 10_000
"""New container objects between two young collections during a build (Python's default is
700): most of what a build makes dies young by reference counting, so fewer, larger young
collections find it gone, and no full collection falls inside a Think Python build (its
collections: 0.47 -> 0.25 CPU-s, peak memory 398 -> 415 MB)."""


@contextmanager
def _earlier_objects_left_alone() -> Iterator[None]:
    """The cyclic garbage collector skips the objects that existed before the build (modules,
    classes, the libraries' tables) until it ends: a book build runs several full collections,
    and walking those objects again each time cost about an eighth of its CPU. They go back
    to the collector afterwards, so nothing is kept that would otherwise be freed. Young
    collections come every :data:`YOUNG_OBJECTS` new objects meanwhile (builds running at
    once in one process, as in the app, share the setting: the last to end restores it)."""
    with _builds_lock:
        if not _builds_running:
            _thresholds_before[:] = gc.get_threshold()
            gc.set_threshold(YOUNG_OBJECTS, *_thresholds_before[1:])
        _builds_running.append(1)
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
        with _builds_lock:
            _builds_running.pop()
            if not _builds_running:
                gc.set_threshold(*_thresholds_before)


_builds_lock = threading.Lock()
_builds_running: list[int] = []
_thresholds_before: list[int] = []


class BatchOptions(BaseModel):
    """``tutor course build --batch``: the per-concept work in Message Batches."""

    model_config = {"arbitrary_types_allowed": True}

    on_estimate: Callable[[str, Any], None] | None = None
    """Told ``(what, CostEstimate)`` before each batch is submitted."""
    on_progress: Callable[[Any], None] | None = None
    """Told each poll's ``BatchProgress``."""
    poll_seconds: float = 30.0


def batch_engine(context: TutorContext, folder: Path, options: BatchOptions,
                 engine: Engine | None = None) -> Engine:
    """The Claude engine (``engine``, or the one the settings describe) batching a build of
    ``folder``, its batch state under ``.build/``, held to the course token budget."""
    from tutor.engine.claude import ClaudeEngine
    from tutor.engine.claude.batch_build import BatchBuild
    from tutor.errors import EngineUnavailable
    from tutor.home import BUILD_DIR

    if engine is None:
        if context.resolved_engine() != "claude":
            raise EngineUnavailable("--batch needs the Claude engine; add --engine claude "
                                    "and set ANTHROPIC_API_KEY")
        engine = ClaudeEngine.from_context(context)
    if not isinstance(engine, ClaudeEngine):
        raise EngineUnavailable("--batch needs the Claude engine; add --engine claude")
    return BatchBuild(engine, folder / BUILD_DIR, course_budget=context.course_token_budget,
                      on_estimate=options.on_estimate, progress=options.on_progress,
                      poll_seconds=options.poll_seconds)


def _unsaved_report(state: dict[str, Any], engine: Engine, started: float) -> BuildReport:
    """The report of a build that read nothing (no course was saved)."""
    return BuildReport(
        engine=engine.name,
        seconds=round(time.time() - started, 3),
        failed_sources=state.get("failed_sources", []),
    )


PENDING_PASSAGES = "passages-pending.json"
"""Under ``.build/``: the passages a build cut, kept for the first lesson to index (with the
sources' names, sizes and hashes they were cut from)."""


def keep_passages_for_index(folder: Path, chunks: list[dict[str, Any]],
                            source_names: list[str]) -> None:
    """Keep a build's passages for the lesson that builds the index (best effort: without
    them it reads the sources again). Only when every source of the folder was read."""
    from tutor.home import BUILD_DIR
    from tutor.index.passages import source_fingerprint
    from tutor.ingest import find_sources

    try:
        paths = find_sources(folder)
        if sorted(p.name for p in paths) != sorted(source_names):
            return
        build = folder / BUILD_DIR
        build.mkdir(parents=True, exist_ok=True)
        kept = json.dumps({"sources": source_fingerprint(paths), "chunks": chunks})
        atomic_write_text(build / PENDING_PASSAGES, kept)
    except OSError:
        return


def _kept_passages(folder: Path, sources: dict[str, list[Any]]) -> list[Chunk] | None:
    """The passages a build kept, if the sources (``source_fingerprint``) are still those it
    read."""
    from tutor.home import BUILD_DIR

    try:
        kept = json.loads((folder / BUILD_DIR / PENDING_PASSAGES).read_text(encoding="utf-8"))
        if kept.get("sources") != sources:
            return None
        return [Chunk.model_validate(c) for c in kept["chunks"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def ensure_passage_index(folder: Path | str, chroma_url: str = "",
                         progress: Callable[[int, int], None] | None = None,
                         rebuild: bool = False) -> Any:
    """The course's :class:`tutor.index.passages.PassageIndex`, rebuilt from its sources when
    it is missing or damaged (e.g. a fresh checkout: ``.build/`` is not committed), or always
    with ``rebuild`` (the sources changed since). ``chroma_url``: the Chroma server of the
    vectors (empty = the course's embedded store); ``progress(done, total)`` while embedding.

    ``course.json`` is left alone. Raises :class:`CourseError` when no source can be read.
    """
    from tutor.home import BUILD_DIR
    from tutor.index.passages import PassageIndex, source_fingerprint
    from tutor.ingest import chunk_pages, find_sources, read_source

    folder = Path(folder)
    if not rebuild:
        try:
            return PassageIndex.open(folder / BUILD_DIR, chroma_url)
        except CourseError:
            pass
    paths = find_sources(folder)
    sources = source_fingerprint(paths)  # before reading: a change meanwhile shows as stale
    chunks = _kept_passages(folder, sources)  # the last build's, when the sources are unchanged
    if chunks is None:
        chunks = []
        for path in paths:
            try:
                text = read_source(path)
            except TutorError:
                continue  # the build reported it; index what can be read
            chunks.extend(chunk_pages(text.pages, start_order=len(chunks)))
    if not chunks:
        raise CourseError(f"{folder}: no readable sources to index; add course material")
    PassageIndex.build(chunks, folder / BUILD_DIR, progress=progress, chroma_url=chroma_url,
                       sources=sources)
    (folder / BUILD_DIR / PENDING_PASSAGES).unlink(missing_ok=True)
    return PassageIndex.open(folder / BUILD_DIR, chroma_url)
