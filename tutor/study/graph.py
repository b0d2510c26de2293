"""The study graph: from course sources to a saved, cited ``course.json``.

    read_sources -> split_passages -+-> index_passages ----------------------+-> save_course
                                    +-> understand_course (subgraph) -------+
    understand_course: extract_concepts -> merge_concepts -> link_prerequisites
      -> relate_concepts -> write_exercises (one task per concept) -> collect_exercises
      -> check_exercises (one task per concept)

The passage index (embedding every passage, the slowest step) runs in parallel with the
understanding branch: LangGraph runs the two nodes of a superstep on separate threads, and the
embedding model releases the GIL, so on two cores the index costs little extra wall time.

Every step does its work through the injected engine (``runtime.context.engine``), so the
same graph builds a course offline or with Claude. Progress goes to LangGraph's custom stream
as ``{"step", "done", "total", "message"}`` dicts (``stream_mode="custom"``).

The exercise steps fan out with ``Send``: one task per concept, run concurrently by LangGraph
(which matters for the Claude engine, whose calls wait on the network), with the results
gathered by list reducers.
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
from langgraph.types import Send

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
from tutor.errors import SourceError, TutorError
from tutor.home import BUILD_DIR, COURSE_FILE, atomic_write_text, slugify
from tutor.overlay import apply_saved_edits
from tutor.safety.names import shown_name
from tutor.study.rules import (
    PassageLookup,
    acyclic_prerequisites,
    exercise_problems,
    reason_category,
    unique_exercise_ids,
)
from tutor.study.showcases import showcase_passages
from tutor.study.state import (
    ConceptTask,
    StudyContext,
    StudyInput,
    StudyState,
    UnderstandingOutput,
)

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


# -- nodes ---------------------------------------------------------------------------------


def read_sources(state: StudyState) -> dict[str, Any]:
    """Read every source into pages; a source that fails is recorded and the rest go on."""
    from tutor.ingest import find_sources, read_source

    folder = Path(state["folder"])
    paths = [Path(p) for p in state.get("source_paths") or []] or find_sources(folder)
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
    """Embed and store the passages in the course's index (runs beside the understanding)."""
    from tutor.index.passages import PassageIndex

    chunks = [Chunk.model_validate(c) for c in state["chunks"]]
    writer = get_stream_writer()  # the index may report from its own threads

    def progress(done: int, total: int) -> None:
        writer({"step": "index", "done": done, "total": total, "message": "embedding passages"})

    progress(0, len(chunks))
    PassageIndex.build(chunks, Path(state["folder"]) / BUILD_DIR, progress,
                       chroma_url=runtime.context.chroma_url)
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


def write_exercises(task: ConceptTask, runtime: Runtime[StudyContext]) -> dict[str, Any]:
    """Write the exercises of one concept (one task per concept)."""
    concept = Concept.model_validate(task["concept"])
    related = [Concept.model_validate(c) for c in task["near_concepts"]]
    passages = [Chunk.model_validate(c) for c in task["passages"]]
    try:
        exercises = runtime.context.engine.write_exercises(concept, related, passages)
        for exercise in exercises:
            if not exercise.citations:  # every exercise cites where its answer is taught
                exercise.citations = list(concept.citations[:1])
        foreign = sum(e.concept_id != concept.id for e in exercises)
        update: dict[str, Any] = {
            "written": [e.model_dump(mode="json") for e in exercises if e.concept_id == concept.id],
            "drop_reasons": {"written for another concept": foreign} if foreign else {},
        }
    except TutorError:
        update = {"written": [], "drop_reasons": {"the engine could not write exercises": 1}}
    done = runtime.context.tally.tick("write")
    emit("write", done, task["fanout_size"], concept.name)
    return update


ASKED_TWICE = "asked by another concept's exercise too"


def collect_exercises(state: StudyState) -> dict[str, Any]:
    """Wait for all writing tasks (a branch on a fanned-out node would run once per task),
    and count the questions the checking fan-out leaves out as asked twice."""
    written = state.get("written", [])
    twice = len(written) - len(_asked_once(written))
    return {"drop_reasons": {ASKED_TWICE: twice}} if twice else {}


def check_exercises(task: ConceptTask, runtime: Runtime[StudyContext]) -> dict[str, Any]:
    """Check the exercises of one concept; drop the rejected ones and count why."""
    concept = Concept.model_validate(task["concept"])
    passages = [Chunk.model_validate(c) for c in task["passages"]]
    kept: list[dict[str, Any]] = []
    reasons: Counter[str] = Counter()
    for raw in task["candidates"]:
        exercise = Exercise.model_validate(raw)
        problems = exercise_problems(exercise, concept.id)
        if not problems:
            try:
                verdict = runtime.context.engine.check_exercise(exercise, concept, passages)
                problems = [] if verdict.ok else (verdict.problems or ["rejected by the checker"])
            except TutorError:
                problems = ["the engine could not check it"]
        if problems:
            reasons[reason_category(problems[0])] += 1
        else:
            kept.append(exercise.model_dump(mode="json"))
    done = runtime.context.tally.tick("check")
    emit("check", done, task["fanout_size"], concept.name)
    return {"exercises": kept, "drop_reasons": dict(reasons)}


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


def fan_out_writing(state: StudyState, runtime: Runtime[StudyContext]) -> list[Send] | str:
    """One exercise-writing task per concept."""
    concepts = state.get("concepts", [])
    if not concepts:
        return END
    by_id = {c["id"]: c for c in concepts}
    lookup = PassageLookup([Chunk.model_validate(c) for c in state["chunks"]])
    n = runtime.context.passages_per_concept
    showcases = showcase_passages(concepts, lookup.chunks)
    linked = _linked(state)
    emit("write", 0, len(concepts), f"{len(concepts)} concepts")
    tasks = [
        ConceptTask(
            concept=concept,
            near_concepts=_near(by_id, state["related"].get(concept["id"], []),
                                linked[concept["id"]]),
            passages=[p.model_dump(mode="json") for p in _task_passages(
                lookup, by_id, concept, state["related"].get(concept["id"], []),
                linked[concept["id"]], showcases, n)],
            candidates=[],
            fanout_size=len(concepts),
        )
        for concept in concepts
    ]
    prepare = getattr(runtime.context.engine, "prepare_exercises", None)
    if callable(prepare):  # an engine that batches the whole fan-out (Message Batches)
        prepare([(Concept.model_validate(t["concept"]),
                  [Concept.model_validate(c) for c in t["near_concepts"]],
                  [Chunk.model_validate(c) for c in t["passages"]]) for t in tasks])
    return [Send("write_exercises", task) for task in tasks]


LINKED_PASSAGES = 4
"""Defining passages of prerequisites and dependants a writing task gets (relation items)."""


def _linked(state: StudyState) -> defaultdict[str, list[str]]:
    """Each concept's prerequisites, then the concepts that build on it."""
    linked: defaultdict[str, list[str]] = defaultdict(list)
    edges = state.get("prerequisites", [])
    for edge in edges:
        linked[edge["concept"]].append(edge["prerequisite"])
    for edge in edges:
        linked[edge["prerequisite"]].append(edge["concept"])
    return linked


def _near(
    by_id: dict[str, dict[str, Any]], related: list[str], linked: list[str]
) -> list[dict[str, Any]]:
    """The concept's nearest concepts, then those the prerequisite graph links it to (what
    a relation item asks about), each once."""
    ids = list(dict.fromkeys([*related, *linked]))
    return [by_id[i] for i in ids if i in by_id]


def _task_passages(
    lookup: PassageLookup, by_id: dict[str, dict[str, Any]], concept: dict[str, Any],
    related: list[str], linked: list[str], showcases: dict[str, list[Chunk]], n: int,
) -> list[Chunk]:
    """What a writing or checking task reads: the concept's passages with the defining
    passage of its nearest concepts, of a few concepts the graph links it to, and the
    passages elsewhere in the book that show it at work."""
    passages = lookup.with_neighbours(concept, [by_id[i] for i in related if i in by_id], n)
    for other in [by_id[i] for i in linked if i in by_id][:LINKED_PASSAGES]:
        passages += [c for c in lookup.for_concept(other, 1) if c not in passages]
    return passages + [c for c in showcases.get(concept["id"], []) if c not in passages]


def _asked_once(exercises: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The exercises with each question beyond a definition asked once: when several
    concepts' writers pose the same one (a session that follows both names), it goes to the
    concept that has the fewest such questions so far."""
    by_prompt: dict[str, list[dict[str, Any]]] = defaultdict(list)
    kept: list[dict[str, Any]] = []
    for exercise in exercises:
        if exercise.get("origin") in (None, "definition"):
            kept.append(exercise)
        else:
            by_prompt[" ".join(str(exercise.get("prompt", "")).split())].append(exercise)
    load: Counter[str] = Counter()
    for candidates in by_prompt.values():
        chosen = min(candidates, key=lambda e: load[e.get("concept_id", "")])
        load[chosen.get("concept_id", "")] += 1
        kept.append(chosen)
    return kept


def fan_out_checking(state: StudyState, runtime: Runtime[StudyContext]) -> list[Send] | str:
    """One checking task per concept that got exercises; an exercise that asks what another
    concept's exercise already asks (the same session shown twice) is checked once."""
    written: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for exercise in _asked_once(state.get("written", [])):
        written[exercise.get("concept_id", "")].append(exercise)
    concepts = [c for c in state.get("concepts", []) if c["id"] in written]
    if not concepts:
        return END
    lookup = PassageLookup([Chunk.model_validate(c) for c in state["chunks"]])
    n = runtime.context.passages_per_concept
    by_id = {c["id"]: c for c in state.get("concepts", [])}
    related = state.get("related", {})

    showcases = showcase_passages(state.get("concepts", []), lookup.chunks)
    linked = _linked(state)

    def passages_of(concept: dict[str, Any]) -> list[Chunk]:
        return _task_passages(lookup, by_id, concept, related.get(concept["id"], []),
                              linked[concept["id"]], showcases, n)

    emit("check", 0, len(concepts), f"{sum(len(written[c['id']]) for c in concepts)} exercises")
    prepare = getattr(runtime.context.engine, "prepare_checks", None)
    if callable(prepare):  # an engine that batches the whole fan-out (Message Batches)
        passages = {c["id"]: passages_of(c) for c in concepts}
        checked = [(Exercise.model_validate(raw), c) for c in concepts for raw in written[c["id"]]]
        prepare([(e, Concept.model_validate(c), passages[c["id"]]) for e, c in checked
                 if not exercise_problems(e, c["id"])])
    return [
        Send(
            "check_exercises",
            ConceptTask(
                concept=concept,
                near_concepts=[],
                passages=[p.model_dump(mode="json") for p in passages_of(concept)],
                candidates=written[concept["id"]],
                fanout_size=len(concepts),
            ),
        )
        for concept in concepts
    ]


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
understanding_builder.add_conditional_edges(
    "relate_concepts", fan_out_writing, ["write_exercises", END]
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
