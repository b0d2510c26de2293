"""The study graph: from course sources to a saved, cited ``course.json``.

    read_sources -> split_passages -+-> index_passages ----------------------+-> save_course
                                    +-> understand_course (subgraph) -------+
    understand_course: extract_concepts -> merge_concepts -> link_prerequisites
      -> relate_concepts -> plan_exercises -> write_exercises (one task per concept)
      -> collect_exercises
      -> check_exercises (one task per concept)

The passage index (embedding every passage, Chroma and BM25) runs in parallel with the
understanding branch when the build makes it (``StudyContext.index_passages``); by default a
build leaves it to the first lesson that opens the course (:mod:`tutor.teach.passage_upkeep`),
unless lessons are told not to build it (``TUTOR_BUILD_PASSAGES=0``).

Every step does its work through the injected engine (``runtime.context.engine``), so the
same graph builds a course offline or with Claude. Progress goes to LangGraph's custom stream
as ``{"step", "done", "total", "message"}`` dicts (``stream_mode="custom"``).

The exercise steps (:mod:`tutor.study.exercise_steps`) fan out with ``Send``: one task per
concept, run concurrently by LangGraph (which matters for the Claude engine, whose calls wait
on the network), with the results gathered by list reducers.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from langgraph.config import get_stream_writer
from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime

from tutor.course import (
    BuildReport,
    Chunk,
    Concept,
    Course,
    Exercise,
    FailedSource,
    Prerequisite,
    Source,
)
from tutor.errors import SourceError
from tutor.home import BUILD_DIR, COURSE_FILE, atomic_write_text, slugify
from tutor.overlay import apply_saved_edits
from tutor.safety.names import shown_name
from tutor.study.exercise_steps import (
    check_exercises,
    collect_exercises,
    fan_out_checking,
    fan_out_writing,
    plan_exercises,
    write_exercises,
)
from tutor.study.rules import acyclic_prerequisites, unique_exercise_ids
from tutor.study.state import (
    STEPS,
    StudyContext,
    StudyInput,
    StudyState,
    UnderstandingOutput,
    emit,
)

__all__ = ["STEPS", "emit", "graph", "understanding"]


# -- nodes ---------------------------------------------------------------------------------


def _source_paths(state: StudyState) -> list[Path]:
    """The source files the build reads: those named, else every source in the folder."""
    from tutor.ingest import find_sources

    named = [Path(p) for p in state.get("source_paths") or []]
    return named or find_sources(Path(state["folder"]))


def read_sources(state: StudyState) -> dict[str, Any]:
    """Read every source into pages; a source that fails is recorded and the rest go on."""
    from tutor.ingest import read_source

    paths = _source_paths(state)
    sources: list[dict[str, Any]] = []
    pages: list[dict[str, Any]] = []
    failed: list[dict[str, Any]] = []
    emit("read", 0, len(paths), f"{len(paths)} source files")
    for done, path in enumerate(paths, start=1):
        try:
            text = read_source(path)
        except SourceError as exc:
            failed.append(FailedSource(source=shown_name(path.name), error=str(exc)).model_dump())
        except Exception as exc:  # noqa: BLE001 - one unreadable file must not stop the course
            error = f"{shown_name(path.name)}: could not be read ({type(exc).__name__}: {exc}); check the file"
            failed.append(FailedSource(source=shown_name(path.name),
                                      error=error.splitlines()[0]).model_dump())
        else:
            sources.append(text.source.model_dump(mode="json"))
            pages.extend(page.model_dump(mode="json") for page in text.pages)
        emit("read", done, len(paths), shown_name(path.name))
    return {
        "sources": sources,
        "pages": pages,
        "failed_sources": failed,
        "started": state.get("started") or time.time(),
    }


def split_passages(state: StudyState) -> dict[str, Any]:
    """Cut the pages into passages (chunks), numbered in reading order across sources."""
    from tutor.ingest import Page, chunk_pages

    by_source: dict[str, list[Page]] = defaultdict(list)
    for page in state["pages"]:
        by_source[page["source"]].append(Page.model_validate(page))
    chunks: list[Chunk] = []
    for name in sorted(by_source):
        chunks.extend(chunk_pages(by_source[name], start_order=len(chunks)))
    return {"chunks": [c.model_dump(mode="json") for c in chunks]}


def index_passages(state: StudyState, runtime: Runtime[StudyContext]) -> dict[str, Any]:
    """Embed and store the passages in the course's index (runs beside the understanding);
    nothing when the index is left to the first lesson (``context.index_passages`` False)."""
    if not runtime.context.index_passages:
        from tutor.study.build import keep_passages_for_index

        keep_passages_for_index(Path(state["folder"]), state["chunks"],
                                [s["name"] for s in state.get("sources", [])])
        return {"indexed": 0}
    from tutor.index.passages import PassageIndex, source_fingerprint

    chunks = [Chunk.model_validate(c) for c in state["chunks"]]
    sources = source_fingerprint(_source_paths(state))
    writer = get_stream_writer()  # the index may report from its own threads

    def progress(done: int, total: int) -> None:
        writer({"step": "index", "done": done, "total": total, "message": "embedding passages"})

    progress(0, len(chunks))
    PassageIndex.build(chunks, Path(state["folder"]) / BUILD_DIR, progress,
                       chroma_url=runtime.context.chroma_url, sources=sources)
    progress(len(chunks), len(chunks))
    return {"indexed": len(chunks)}


def extract_concepts(state: StudyState, runtime: Runtime[StudyContext]) -> dict[str, Any]:
    """Find concept candidates in the passages."""
    chunks = [Chunk.model_validate(c) for c in state["chunks"]]
    emit("extract", 0, 1, f"reading {len(chunks)} passages")
    drafts = runtime.context.engine.extract_concepts(chunks)
    emit("extract", 1, 1, f"{len(drafts)} candidates")
    return {"drafts": [d.model_dump(mode="json") for d in drafts]}


def merge_concepts(state: StudyState, runtime: Runtime[StudyContext]) -> dict[str, Any]:
    """Merge duplicate and alias candidates into concepts with unique ids."""
    from tutor.engine.port import ConceptDraft

    drafts = [ConceptDraft.model_validate(d) for d in state["drafts"]]
    emit("merge", 0, 1, f"{len(drafts)} candidates")
    concepts = runtime.context.engine.merge_concepts(drafts)
    seen: set[str] = set()
    unique: list[Concept] = []
    for concept in sorted(concepts, key=lambda c: c.first_order):
        if concept.id in seen or not concept.citations:
            continue  # every concept must be cited, and ids must be unique
        seen.add(concept.id)
        unique.append(concept)
    emit("merge", 1, 1, f"{len(unique)} concepts")
    return {"concepts": [c.model_dump(mode="json") for c in unique]}


def link_prerequisites(state: StudyState, runtime: Runtime[StudyContext]) -> dict[str, Any]:
    """Link prerequisites, keeping the edge set acyclic and between known concepts."""
    concepts = [Concept.model_validate(c) for c in state["concepts"]]
    chunks = [Chunk.model_validate(c) for c in state["chunks"]]
    emit("link", 0, 1, f"{len(concepts)} concepts")
    edges = runtime.context.engine.link_prerequisites(concepts, chunks) if concepts else []
    kept = acyclic_prerequisites(edges, [c.id for c in concepts])
    emit("link", 1, 1, f"{len(kept)} prerequisite edges")
    return {"prerequisites": [e.model_dump(mode="json") for e in kept]}


def relate_concepts(state: StudyState, runtime: Runtime[StudyContext]) -> dict[str, Any]:
    """Find each concept's nearest concepts by embedding similarity of name + definition head."""
    concepts = state["concepts"]
    k = runtime.context.related_per_concept
    emit("relate", 0, 1, f"{len(concepts)} concepts")
    related: dict[str, list[str]] = {}
    if len(concepts) > 1:
        from tutor.index.embeddings import concept_gist, cosine, embed

        vectors = embed([concept_gist(c["name"], c["definition"]) for c in concepts])
        similarity = cosine(vectors, vectors)
        for row, concept in enumerate(concepts):
            ranked = similarity[row].argsort()[::-1]
            near = [concepts[int(i)]["id"] for i in ranked if int(i) != row][:k]
            related[concept["id"]] = near
    emit("relate", 1, 1, "near concepts found")
    return {"related": related}


def save_course(state: StudyState, runtime: Runtime[StudyContext]) -> dict[str, Any]:
    """Assemble the course and write ``course.json`` atomically."""
    emit("save", 0, 1, COURSE_FILE)
    folder = Path(state["folder"])
    concepts = [Concept.model_validate(c) for c in state.get("concepts", [])]
    rank = {c.id: i for i, c in enumerate(concepts)}
    exercises = [Exercise.model_validate(e) for e in state.get("exercises", [])]
    exercises.sort(key=lambda e: (rank.get(e.concept_id, len(rank)), e.kind.value, e.id))
    exercises = unique_exercise_ids(exercises)
    written = len(state.get("written", [])) + state.get("drop_reasons", {}).get(
        "written for another concept", 0)
    report = BuildReport(
        engine=runtime.context.engine.name,
        seconds=round(time.time() - state.get("started", time.time()), 3),
        pages=len(state.get("pages", [])),
        chunks=len(state.get("chunks", [])),
        concepts=len(concepts),
        prerequisites=len(state.get("prerequisites", [])),
        exercises_by_kind=dict(sorted(Counter(e.kind.value for e in exercises).items())),
        exercises_by_origin=dict(sorted(Counter(e.origin.value for e in exercises).items())),
        exercises_dropped=written - len(exercises),
        drop_reasons=dict(sorted(state.get("drop_reasons", {}).items())),
        failed_sources=[FailedSource.model_validate(f) for f in state["failed_sources"]],
    )
    course = Course(
        title=state.get("title") or folder.name.replace("-", " ").capitalize(),
        slug=slugify(folder.name),
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        sources=[Source.model_validate(s) for s in state["sources"]],
        concepts=concepts,
        prerequisites=[Prerequisite.model_validate(p) for p in state.get("prerequisites", [])],
        exercises=exercises,
        report=report,
    )
    course = apply_saved_edits(folder, course)  # the author's edits survive a rebuild
    path = folder / COURSE_FILE
    atomic_write_text(path, course.to_json())
    emit("save", 1, 1, f"{folder.name}/{COURSE_FILE}")
    return {"course_path": str(path), "course": course.model_dump(mode="json")}


# -- routing -------------------------------------------------------------------------------


def after_reading(state: StudyState) -> str:
    """Nothing readable: stop without touching an existing ``course.json``."""
    return "split_passages" if state.get("pages") else END


# -- the graphs ----------------------------------------------------------------------------

understanding_builder = StateGraph(
    StudyState, context_schema=StudyContext, output_schema=UnderstandingOutput
)
# Ask the engine for concept candidates (headings, emphasis, definitions...).
understanding_builder.add_node("extract_concepts", extract_concepts)
# Merge duplicates and aliases into concepts with unique ids and citations.
understanding_builder.add_node("merge_concepts", merge_concepts)
# Prerequisite edges from the engine, cut down to an acyclic set.
understanding_builder.add_node("link_prerequisites", link_prerequisites)
# Near concepts by embedding similarity: distractor material for exercises.
understanding_builder.add_node("relate_concepts", relate_concepts)
# The passages each concept's exercises are written and checked from (found once).
understanding_builder.add_node("plan_exercises", plan_exercises)
# Fan-out target: write one concept's exercises.
understanding_builder.add_node("write_exercises", write_exercises)  # type: ignore[arg-type,call-overload]
# Join point: waits for every writing task, then fans out the checking.
understanding_builder.add_node("collect_exercises", collect_exercises)
# Fan-out target: check one concept's exercises and drop the rejected ones.
understanding_builder.add_node("check_exercises", check_exercises)  # type: ignore[arg-type,call-overload]

understanding_builder.add_edge(START, "extract_concepts")
understanding_builder.add_edge("extract_concepts", "merge_concepts")
understanding_builder.add_edge("merge_concepts", "link_prerequisites")
understanding_builder.add_edge("link_prerequisites", "relate_concepts")
understanding_builder.add_edge("relate_concepts", "plan_exercises")
understanding_builder.add_conditional_edges(
    "plan_exercises", fan_out_writing, ["write_exercises", END]
)
understanding_builder.add_edge("write_exercises", "collect_exercises")
understanding_builder.add_conditional_edges(
    "collect_exercises", fan_out_checking, ["check_exercises", END]
)
understanding_builder.add_edge("check_exercises", END)

understanding = understanding_builder.compile(name="understanding")
"""Passages in, checked concepts, prerequisites and exercises out (a subgraph of study)."""

builder = StateGraph(StudyState, context_schema=StudyContext, input_schema=StudyInput)
# Read PDFs, Markdown and text into pages; unreadable sources are listed, not fatal.
builder.add_node("read_sources", read_sources)
# Cut pages into passages in reading order.
builder.add_node("split_passages", split_passages)
# Build the passage index under <course>/.build/, in parallel with the understanding.
builder.add_node("index_passages", index_passages)
# Concepts, prerequisites and exercises from the passages (the subgraph above).
builder.add_node("understand_course", understanding)
# Wait for both branches, assemble the course and write course.json atomically.
builder.add_node("save_course", save_course)

builder.add_edge(START, "read_sources")
builder.add_conditional_edges("read_sources", after_reading, ["split_passages", END])
builder.add_edge("split_passages", "index_passages")
builder.add_edge("split_passages", "understand_course")
builder.add_edge(["index_passages", "understand_course"], "save_course")
builder.add_edge("save_course", END)

graph = builder.compile(name="study")
"""The compiled study graph. Run it with ``context=StudyContext(engine=...)`` and
``stream_mode="custom"`` (with ``subgraphs=True``) for progress events."""
