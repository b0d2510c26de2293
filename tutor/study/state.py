"""The study graph's state, run context and progress events.

The state holds only JSON-able data (dicts of the domain models, lists, numbers), so that it
can be inspected in LangGraph Studio and checkpointed without registering serialisers. The
run context carries the dependencies: the engine is injected, never a global.
"""

from __future__ import annotations

import operator
import threading
from dataclasses import dataclass, field
from typing import Annotated, Any, NotRequired, TypedDict

from langgraph.config import get_stream_writer

from tutor.engine.port import Engine


def _merge_counts(left: dict[str, int], right: dict[str, int]) -> dict[str, int]:
    """Reducer: add up counters written by parallel tasks."""
    merged = dict(left or {})
    for key, value in (right or {}).items():
        merged[key] = merged.get(key, 0) + value
    return merged


class StudyInput(TypedDict, total=False):
    """What a caller gives the study graph."""

    folder: str
    """The course folder: ``course.json`` and the ``.build/`` index are written here."""
    title: str
    """Course title; empty = derived from the folder name."""
    source_paths: list[str]
    """Source files to read; empty = every PDF, Markdown and text file in ``folder``."""
    started: float
    """``time.time()`` when the build started (for the report); set by the read step if absent."""


class StudyState(StudyInput, total=False):
    """Everything the study graph knows while it builds a course."""

    sources: list[dict[str, Any]]
    """:class:`tutor.course.Source` dicts of the sources that were read."""
    pages: list[dict[str, Any]]
    """:class:`tutor.ingest.Page` dicts of every page read, sources in name order."""
    failed_sources: list[dict[str, Any]]
    """:class:`tutor.course.FailedSource` dicts: sources that could not be read, with the
    one-line error. The other sources still build."""
    chunks: list[dict[str, Any]]
    """:class:`tutor.course.Chunk` dicts in reading order (also stored in the passage index)."""
    drafts: list[dict[str, Any]]
    """:class:`tutor.engine.port.ConceptDraft` dicts found by concept extraction."""
    concepts: list[dict[str, Any]]
    """:class:`tutor.course.Concept` dicts after duplicates and aliases are merged."""
    prerequisites: list[dict[str, Any]]
    """:class:`tutor.course.Prerequisite` dicts; acyclic, between existing concepts."""
    related: dict[str, list[str]]
    """Concept id -> ids of semantically near concepts (distractor material)."""
    task_passages: dict[str, list[str]]
    """Concept id -> ids of the passages its writing and checking tasks read."""
    prompt_conventions: list[dict[str, Any]]
    """The book's own prompt conventions (how its interpreter's sessions look), found once
    over the whole book by the planning step (offline engine's ``prompt_conventions``), as
    dicts."""
    written: Annotated[list[dict[str, Any]], operator.add]
    """:class:`tutor.course.Exercise` dicts written by the per-concept tasks."""
    exercises: Annotated[list[dict[str, Any]], operator.add]
    """Exercise dicts the checker accepted."""
    drop_reasons: Annotated[dict[str, int], _merge_counts]
    """Why the checker rejected exercises: reason -> count."""
    indexed: int
    """How many passages the passage index holds."""
    course_path: str
    """Where ``course.json`` was written (empty until the save step ran, or when nothing
    could be read)."""
    course: dict[str, Any]
    """The saved :class:`tutor.course.Course` as a dict."""


class UnderstandingOutput(TypedDict, total=False):
    """What the understanding subgraph hands back to the study graph."""

    drafts: list[dict[str, Any]]
    """Concept candidates (see :class:`StudyState`)."""
    concepts: list[dict[str, Any]]
    """Merged concepts."""
    prerequisites: list[dict[str, Any]]
    """Acyclic prerequisite edges."""
    related: dict[str, list[str]]
    """Near concepts per concept."""
    written: Annotated[list[dict[str, Any]], operator.add]
    """Exercises written."""
    exercises: Annotated[list[dict[str, Any]], operator.add]
    """Exercises the checker accepted."""
    drop_reasons: Annotated[dict[str, int], _merge_counts]
    """Rejections by reason."""


class ConceptTask(TypedDict):
    """The input of one fan-out task: one concept and what its exercises are made from.

    (LangGraph registers these keys as channels too, so they differ from the state's keys.)
    """

    concept: dict[str, Any]
    """The concept, as a dict."""
    near_concepts: list[dict[str, Any]]
    """Semantically near concepts, as dicts (distractor material)."""
    passages: list[dict[str, Any]]
    """Chunk dicts of the passages that teach the concept."""
    candidates: list[dict[str, Any]]
    """For the checking task: the exercises written for the concept."""
    fanout_size: int
    """How many concepts the fan-out has (for progress events)."""
    conventions: NotRequired[list[dict[str, Any]]]
    """For the writing task (not set for checking): the book's prompt conventions, found once
    for every concept (empty: the book has none)."""


STEPS: dict[str, str] = {
    "read": "Reading sources",
    "index": "Indexing passages",
    "extract": "Finding concepts",
    "merge": "Merging duplicates",
    "link": "Linking prerequisites",
    "relate": "Relating concepts",
    "write": "Writing exercises",
    "check": "Checking exercises",
    "save": "Saving course.json",
}
"""Progress steps in order, with a label for progress bars."""


def emit(step: str, done: int, total: int, message: str = "") -> None:
    """Send one progress event to the custom stream (a no-op when nobody listens)."""
    get_stream_writer()({"step": step, "done": done, "total": total, "message": message})


class ProgressTally:
    """A thread-safe counter of finished fan-out tasks, per step (tasks run in parallel)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._done: dict[str, int] = {}

    def tick(self, step: str) -> int:
        with self._lock:
            self._done[step] = self._done.get(step, 0) + 1
            return self._done[step]


def _default_engine() -> Engine:
    from tutor.engine.offline import OfflineEngine

    return OfflineEngine()


@dataclass
class StudyContext:
    """Run dependencies of the study graph (LangGraph's ``context``)."""

    engine: Engine = field(default_factory=_default_engine)
    """The engine that performs every understanding task."""
    related_per_concept: int = 6
    """How many near concepts each concept gets as distractor material."""
    passages_per_concept: int = 4
    """How many passages each concept's exercises are written and checked from."""
    tally: ProgressTally = field(default_factory=ProgressTally)
    """Counts finished fan-out tasks for progress events."""
    chroma_url: str = ""
    """Chroma server for the passage vectors (``TUTOR_CHROMA_URL``); empty = embedded."""
    index_passages: bool = True
    """Build the passage index beside the understanding; False leaves it to the first lesson
    that opens the course (:mod:`tutor.teach.passage_upkeep`)."""
