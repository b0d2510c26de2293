"""What the tests build their inputs from: small courses, passages, engines and lessons.

- the *demo* course (array -> sorting -> binary search, array -> hash table) with its passages,
  taught with :class:`~tutor.testing.engines.ExactEngine`;
- the *Python first steps* course of the export tests;
- the study-graph inputs (a Markdown file and a small PDF) and :class:`FakeEngine`;
- lesson openers on the demo and stress courses (also run by child processes in crash trials).

Test modules import from here, never from each other. What benchmarks also need lives in
:mod:`tutor.testing`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from langgraph.checkpoint.memory import InMemorySaver
from langgraph.types import Command

from tutor.context import TutorContext
from tutor.course import (
    Chunk,
    Citation,
    Concept,
    Course,
    Exercise,
    ExerciseKind,
    Prerequisite,
)
from tutor.engine.port import ConceptDraft, ExerciseCheck
from tutor.home import slugify
from tutor.learner.model import ConceptMastery
from tutor.learner.store import LearnerStore
from tutor.teach.graph import TeachDeps, build_graph
from tutor.teach.lesson import CoursePassages, Lesson
from tutor.teach.state import TutorMessage
from tutor.testing.courses import STRESS_COURSE, stress_course
from tutor.testing.engines import ExactEngine

__all__ = ["COURSE", "ExactEngine", "FakeEngine", "STRESS_COURSE"]

# -- the demo course ---------------------------------------------------------------------------
COURSE = "demo"


def _cite(page: int) -> list[Citation]:
    return [Citation(source="notes.md", page=page)]


def book_chunk(text: str, page: int) -> Chunk:
    """One passage of ``book.pdf`` on ``page``, ordered by its page."""
    return Chunk(id=f"book.pdf#p{page}-0", source="book.pdf", page=page, text=text, order=page)


def book_concept(name: str, definition: str, page: int, aliases: Sequence[str] = ()) -> Concept:
    """A concept of ``book.pdf`` defined on ``page`` (its id is its name, hyphenated)."""
    return Concept(id=name.replace(" ", "-"), name=name, definition=definition,
                   aliases=list(aliases), citations=[Citation(source="book.pdf", page=page)])


def make_course() -> Course:
    """Four concepts, a small prerequisite graph, two or three exercises each."""
    concepts = [
        Concept(
            id="array", name="array", first_order=0, section="Arrays", citations=_cite(1),
            definition="An array is a sequence of elements stored next to each other, each "
            "found by its index.",
            key_points=["elements sit next to each other", "each element has an index"],
        ),
        Concept(
            id="sorting", name="sorting", first_order=10, section="Sorting", citations=_cite(2),
            definition="Sorting is arranging the elements of an array in order, for example "
            "from smallest to largest.",
            key_points=["elements put in order"],
        ),
        Concept(
            id="binary-search", name="binary search", first_order=20, section="Searching",
            citations=_cite(3),
            definition="Binary search is a method that finds an item in a sorted array by "
            "halving the search range at each step.",
            key_points=["needs a sorted array", "halves the range at each step"],
        ),
        Concept(
            id="hash-table", name="hash table", first_order=30, section="Hashing",
            citations=_cite(4),
            definition="A hash table is a structure that stores key-value pairs and finds a "
            "value from its key through a hash function.",
            key_points=["stores key-value pairs", "uses a hash function"],
        ),
    ]
    prerequisites = [
        Prerequisite(prerequisite="array", concept="sorting"),
        Prerequisite(prerequisite="sorting", concept="binary-search"),
        Prerequisite(prerequisite="array", concept="binary-search"),
        Prerequisite(prerequisite="array", concept="hash-table"),
    ]
    exercises = [
        Exercise(
            id="array-cloze", concept_id="array", kind=ExerciseKind.CLOZE,
            prompt="A sequence of elements stored next to each other, each found by its index, "
            "is called an ____.",
            answer="array", citations=_cite(1), explanation="That is the definition of an array.",
        ),
        Exercise(
            id="array-mc", concept_id="array", kind=ExerciseKind.MULTIPLE_CHOICE,
            prompt="How is an element of an array found?",
            answer="by its index",
            choices=["by its key", "by its index", "by a hash"],
            misconceptions={"by its key": "confuses arrays with hash tables"},
            citations=_cite(1),
        ),
        Exercise(
            id="sorting-mc", concept_id="sorting", kind=ExerciseKind.MULTIPLE_CHOICE,
            prompt="What does sorting do to the elements?",
            answer="puts them in order", choices=["puts them in order", "removes duplicates",
                                                  "counts them"],
            citations=_cite(2),
        ),
        Exercise(
            id="sorting-tf", concept_id="sorting", kind=ExerciseKind.TRUE_FALSE,
            prompt="True or false: sorting arranges elements in order.", answer="True",
            choices=["True", "False"], citations=_cite(2),
        ),
        Exercise(
            id="bs-cloze", concept_id="binary-search", kind=ExerciseKind.CLOZE,
            prompt="Binary search works on a sorted array and ____ the search range at each step.",
            answer="halves", accepted=["halving"], citations=_cite(3),
        ),
        Exercise(
            id="bs-mc", concept_id="binary-search", kind=ExerciseKind.MULTIPLE_CHOICE,
            prompt="What must be true of the array for binary search?",
            answer="it is sorted", choices=["it is sorted", "it is short", "it has no gaps"],
            citations=_cite(3),
        ),
        Exercise(
            id="hash-mc", concept_id="hash-table", kind=ExerciseKind.MULTIPLE_CHOICE,
            prompt="What does a hash table store?",
            answer="key-value pairs", choices=["key-value pairs", "only keys", "sorted lists"],
            citations=_cite(4),
        ),
        Exercise(
            id="hash-tf", concept_id="hash-table", kind=ExerciseKind.TRUE_FALSE,
            prompt="True or false: a hash table finds a value from its key.", answer="True",
            choices=["True", "False"], citations=_cite(4),
        ),
    ]
    return Course(
        title="Data structures", slug=COURSE, concepts=concepts, prerequisites=prerequisites,
        exercises=exercises,
    )


def make_chunks() -> list[Chunk]:
    texts = [
        ("Arrays", 1, "An array is a sequence of elements stored next to each other, each found "
         "by its index. Arrays are the simplest structure. For example, the array [3, 8, 5] has "
         "the element 8 at index 1."),
        ("Sorting", 2, "Sorting is arranging the elements of an array in order, for example from "
         "smallest to largest. A sorted array makes searching fast."),
        ("Searching", 3, "Binary search is a method that finds an item in a sorted array by "
         "halving the search range at each step. It compares the middle element with the item. "
         "For example, to find 7 in [1, 3, 7, 9, 12] it looks at 7 first."),
        ("Hashing", 4, "A hash table is a structure that stores key-value pairs and finds a "
         "value from its key through a hash function. Collisions happen when two keys share a "
         "slot."),
    ]
    return [
        Chunk(id=f"notes.md#p{page}-0", source="notes.md", page=page, text=text, heading=heading,
              order=page * 10)
        for heading, page, text in texts
    ]


def cloze_first_course() -> Course:
    """The demo course where the first concept has one exercise: a cloze whose answer (the
    concept's own name) is in every explanation of it."""
    course = make_course()
    return course.model_copy(
        update={"exercises": [e for e in course.exercises if e.id != "array-mc"]}
    )


def open_lesson(context: TutorContext, learner: str = "ana") -> Lesson:
    course = Course.load(Path(context.home) / "courses" / COURSE / "course.json")
    return Lesson(
        COURSE, learner, context=context, engine=ExactEngine(),
        passages=CoursePassages(course, make_chunks()),
    )



def seed(store: LearnerStore, learner: str, **beliefs: Any) -> None:
    """Store a learner model with the given concept beliefs (ConceptMastery fields)."""
    model = store.load(learner, COURSE)
    concepts = dict(model.concepts)
    for concept_id, fields in beliefs.items():
        concepts[concept_id.replace("_", "-")] = ConceptMastery(
            concept_id=concept_id.replace("_", "-"), **fields
        )
    store.save(model.model_copy(update={"concepts": concepts}))


class Driver:
    """The compiled graph with an in-memory checkpointer and test dependencies."""

    def __init__(self, tmp_path: Path, learner: str = "ana", course: Course | None = None) -> None:
        self.course = course or make_course()
        self.store = LearnerStore(tmp_path / "learners.sqlite")
        self.store.ensure_learner(learner)
        self.learner = learner
        passages = CoursePassages(self.course, make_chunks())
        self.deps = TeachDeps(
            course=self.course, engine=ExactEngine(), store=self.store,
            passages=passages.for_concept, retrieve=passages.search,
        )
        self.graph = build_graph(InMemorySaver())
        self.config: Any = {"configurable": {"thread_id": f"{learner}:{COURSE}"}}
        self.said: list[TutorMessage] = []

    def _run(self, payload: Any) -> list[TutorMessage]:
        before = self.values.get("said", 0)
        out = self.graph.invoke(payload, self.config, context=self.deps)
        fresh = out["transcript"][-(out["said"] - before):] if out["said"] > before else []
        messages = [TutorMessage.model_validate(m) for m in fresh if m["kind"] != "learner"]
        self.said.extend(messages)
        return messages

    def start(self) -> list[TutorMessage]:
        return self._run({"learner_id": self.learner, "course": COURSE})

    def act(self, kind: str, text: str = "") -> list[TutorMessage]:
        return self._run(Command(resume={"kind": kind, "text": text}))

    @property
    def values(self) -> dict[str, Any]:
        return self.graph.get_state(self.config).values

    @property
    def exercise(self) -> Exercise:
        return self.course.exercise(self.values["exercise_id"])

    def answer_right(self) -> list[TutorMessage]:
        return self.act("answer", self.exercise.answer)


def seen_before_solved(messages: list[TutorMessage]) -> list[TutorMessage]:
    """What the tutor said before the answer was given away or the learner got it right:
    the messages that must not contain the answer."""
    out = []
    for message in messages:
        if message.kind == "reveal" or (message.kind == "feedback" and message.correct):
            break
        out.append(message)
    return out


# -- the stress course in one lesson (kill -9 trials) -------------------------------------------
LESSON_CONCEPTS = 200  # enough that ten kill trials never master the whole course


def open_stress_lesson(context: TutorContext, learner: str = "kim") -> Lesson:
    course, chunks = stress_course(LESSON_CONCEPTS)
    return Lesson(STRESS_COURSE, learner, context=context, engine=ExactEngine(),
                  passages=CoursePassages(course, chunks))


# -- the export tests' course ------------------------------------------------------------------
CITE = [Citation(source="notes.pdf", page=2)]


def python_course() -> Course:
    concepts = [
        Concept(id="variable", name="variable", definition="A variable is a name that refers "
                "to a value.", citations=CITE, first_order=0, section="Basics"),
        Concept(id="assignment", name="assignment", definition="An assignment statement "
                "gives a value to a variable.", citations=CITE, first_order=1, section="Basics"),
        Concept(id="function", name="function", definition="A function is a named sequence "
                "of statements {with: braces} = #special ~chars.", citations=CITE,
                first_order=2, section="Functions"),
    ]
    exercises = [
        Exercise(id="variable-cloze-1", concept_id="variable", kind=ExerciseKind.CLOZE,
                 prompt="A _____ is a name that refers to a value.", answer="variable",
                 accepted=["variables"], explanation="See p. 2.", citations=CITE),
        Exercise(id="variable-mc-1", concept_id="variable",
                 kind=ExerciseKind.MULTIPLE_CHOICE,
                 prompt="Which term means: a name that refers to a value?",
                 answer="variable", choices=["function", "variable", "assignment", "loop"],
                 misconceptions={"function": "confuses a name for a value with a named "
                                 "sequence of statements"}, citations=CITE),
        Exercise(id="assignment-tf-1", concept_id="assignment", kind=ExerciseKind.TRUE_FALSE,
                 prompt="True or false: an assignment statement gives a value to a variable.",
                 answer="True", choices=["True", "False"], citations=CITE),
        Exercise(id="function-short-1", concept_id="function", kind=ExerciseKind.SHORT_ANSWER,
                 prompt="Explain function {in your own words}: what is it?",
                 answer="A named sequence of statements = a #recipe ~ {reusable}.",
                 key_points=["named", "sequence of statements"], citations=CITE),
    ]
    edges = [Prerequisite(prerequisite="variable", concept="assignment"),
             Prerequisite(prerequisite="assignment", concept="function")]
    return Course(title="Python: first steps", slug="python-first-steps", concepts=concepts,
                  prerequisites=edges, exercises=exercises)


# -- the study graph's inputs ------------------------------------------------------------------
MARKDOWN = """# Counting

A **sample space** is the set of every outcome an experiment can have.

An **event** is a set of outcomes taken from the sample space.

# Chance

A **probability** is a number between zero and one given to an event of the sample space.
"""

PDF_LINES = [
    "Combining events",
    "",
    "A union is the event that at least one of two events happens.",
    "An intersection is the event that both of two events happen.",
    "Two events are disjoint when their intersection is empty.",
]


def write_pdf(path: Path, pages: Sequence[Sequence[str]]) -> Path:
    """A small text PDF made with reportlab, one list of lines per page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    for lines in pages:
        y = 800
        for line in lines:
            pdf.drawString(60, y, line)
            y -= 18
        pdf.showPage()
    pdf.save()
    return path


def write_course(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "01-basics.md").write_text(MARKDOWN, encoding="utf-8")
    write_pdf(folder / "02-events.pdf", [PDF_LINES])
    return folder


class FakeEngine:
    """A tiny engine for the graph's wiring: "A(n) <term> is <definition>." sentences."""

    name = "fake"

    def __init__(self) -> None:
        self.checked: list[str] = []

    def extract_concepts(self, chunks: Sequence[Chunk]) -> list[ConceptDraft]:
        drafts = []
        pattern = re.compile(r"\b(?:A|An|Two) \**([a-z ]+?)\**s? (?:is|are) ([^.]+)\.")
        for chunk in chunks:
            for match in pattern.finditer(chunk.text.replace("\n", " ")):
                drafts.append(ConceptDraft(
                    name=match.group(1), definition=match.group(0),
                    citations=[chunk.citation()], first_order=chunk.order * 10_000 + match.start(),
                ))
        return drafts

    def merge_concepts(self, drafts: Sequence[ConceptDraft]) -> list[Concept]:
        merged: dict[str, Concept] = {}
        for draft in drafts:
            merged.setdefault(slugify(draft.name), Concept(
                id=slugify(draft.name), name=draft.name, definition=draft.definition,
                citations=draft.citations, first_order=draft.first_order,
            ))
        return list(merged.values())

    def link_prerequisites(
        self, concepts: Sequence[Concept], chunks: Sequence[Chunk]
    ) -> list[Prerequisite]:
        edges = []
        for later in concepts:
            for earlier in concepts:
                if earlier.first_order < later.first_order and earlier.name in later.definition:
                    edges.append(Prerequisite(prerequisite=earlier.id, concept=later.id))
                    # a backwards edge too: the graph must cut the cycle
                    edges.append(Prerequisite(prerequisite=later.id, concept=earlier.id,
                                              weight=0.1))
        return edges

    def write_exercises(
        self, concept: Concept, related: Sequence[Concept], passages: Sequence[Chunk],
        conventions: Sequence[Any] | None = None,
    ) -> list[Exercise]:
        assert passages, f"no passages for {concept.id}"
        others = [c.name for c in related][:3]
        cloze = concept.definition.replace(concept.name, "_____", 1)
        return [
            Exercise(id=f"{concept.id}-cloze", concept_id=concept.id, kind=ExerciseKind.CLOZE,
                     prompt=cloze, answer=concept.name),
            Exercise(id=f"{concept.id}-mc", concept_id=concept.id,
                     kind=ExerciseKind.MULTIPLE_CHOICE, prompt=f"Which term fits? {cloze}",
                     answer=concept.name, choices=[concept.name, *others]),
            # breaks the contract: its answer is not among the choices
            Exercise(id=f"{concept.id}-bad", concept_id=concept.id,
                     kind=ExerciseKind.MULTIPLE_CHOICE, prompt="Pick one.",
                     answer="none of these", choices=["a", "b"]),
            # given away by the prompt: the fake checker rejects it
            Exercise(id=f"{concept.id}-leak", concept_id=concept.id,
                     kind=ExerciseKind.SHORT_ANSWER, prompt=f"Explain {concept.name}.",
                     answer=concept.name),
        ]

    def check_exercise(
        self, exercise: Exercise, concept: Concept, passages: Sequence[Chunk]
    ) -> ExerciseCheck:
        self.checked.append(exercise.id)
        leak = exercise.answer.lower() in exercise.prompt.lower()
        return ExerciseCheck(exercise_id=exercise.id, ok=not leak,
                             problems=["answer given away by the prompt"] if leak else [])


def assert_invariants(course: Course) -> None:
    """The public course.json contract."""
    ids = {c.id for c in course.concepts}
    assert len(ids) == len(course.concepts)
    for concept in course.concepts:
        assert concept.citations, f"{concept.id} is not cited"
        assert all(c.page >= 1 and c.source for c in concept.citations)
    for edge in course.prerequisites:
        assert edge.prerequisite in ids and edge.concept in ids
        assert edge.prerequisite != edge.concept
    course.teaching_order()  # raises on a cycle
    for exercise in course.exercises:
        assert exercise.concept_id in ids
        assert exercise.citations
        if exercise.kind is ExerciseKind.MULTIPLE_CHOICE:
            assert exercise.choices and exercise.answer in exercise.choices
        if exercise.kind is ExerciseKind.TRUE_FALSE:
            assert exercise.answer in ("True", "False")
    assert len({e.id for e in course.exercises}) == len(course.exercises)
    raw = json.loads(course.to_json())
    assert {"title", "concepts", "prerequisites", "exercises"} <= set(raw)


def book_course(chapters: int = 12, sections: int = 4, per_section: int = 5) -> Course:
    """A book-sized course (240 concepts by default): chapters of numbered sections ("3.2
    Topic 3.2"), each concept building on the one before it in its section and on the
    section's first concept in the chapter before; one cloze exercise per concept."""
    concepts, edges, exercises = [], [], []
    for ch in range(1, chapters + 1):
        for sec in range(1, sections + 1):
            title = f"{ch}.{sec} Topic {ch}.{sec}" if sec > 1 else f"{ch} Chapter {ch} basics"
            for n in range(per_section):
                cid = f"idea-{ch}-{sec}-{n}"
                order = len(concepts)
                concepts.append(Concept(
                    id=cid, name=f"idea {ch} {sec} {n}" if n else f"core idea {ch} {sec}",
                    definition=f"Idea {ch}.{sec}.{n} is the idea defined on page {order + 1}.",
                    section=title, first_order=order, citations=_cite(order + 1)))
                if n:
                    edges.append(Prerequisite(prerequisite=concepts[-2].id, concept=cid))
                elif ch > 1:
                    edges.append(Prerequisite(prerequisite=f"idea-{ch - 1}-{sec}-0", concept=cid))
                exercises.append(Exercise(
                    id=f"{cid}-cloze", concept_id=cid, kind=ExerciseKind.CLOZE,
                    prompt=f"The secret prompt of {cid}: the idea of page {order + 1} is _____.",
                    answer=f"secret key {cid}", citations=_cite(order + 1)))
    return Course(title="A long book", slug="long-book", concepts=concepts, prerequisites=edges,
                  exercises=exercises)


class Shown:
    """A text sink (``shown=`` of a lesson action) that keeps every piece the learner saw, per
    kind, so a test can look at each moment of a streamed text."""

    def __init__(self) -> None:
        self.pieces: list[tuple[str, str]] = []

    def __call__(self, kind: str, piece: str) -> None:
        self.pieces.append((kind, piece))

    def text(self, kind: str) -> str:
        return "".join(p for k, p in self.pieces if k == kind)

    def moments(self, kind: str) -> list[str]:
        """The text of ``kind`` as it stood after each piece."""
        seen, out = "", []
        for k, piece in self.pieces:
            if k == kind:
                seen += piece
                out.append(seen)
        return out

    def kinds(self) -> list[str]:
        return list(dict.fromkeys(k for k, _ in self.pieces))


def notes_pages(*pages: tuple[str, str, list[str]]) -> list[Chunk]:
    """Passages of a small notes file, one per page: (heading, text, emphasised terms)."""
    return [Chunk(id=f"notes.md#p{n}-0", source="notes.md", page=n, text=text,
                  heading=heading, emphasized=list(marked), order=n - 1)
            for n, (heading, text, marked) in enumerate(pages, start=1)]


def manual_pages(*pages: tuple[str, str], source: str = "m.pdf") -> list[Chunk]:
    """One passage per page of a manual, in reading order: (heading, text)."""
    return [Chunk(id=f"{source}#p{n}-0", source=source, page=n, text=text, heading=heading,
                  order=n - 1) for n, (heading, text) in enumerate(pages, start=1)]


def written_on_pages(writer: Any, concept: Concept,
                     *pages: tuple[str, str]) -> tuple[list[Exercise], list[Chunk]]:
    """What an offline exercise writer (``writer(material, passages)``) writes for ``concept``
    from a manual's pages, (heading, text) each: the items, and the passages they cite."""
    from tutor.engine.offline.terms import term_variants
    from tutor.engine.offline.writing.exercise_material import gather

    chunks = manual_pages(*pages)
    material = gather(concept, term_variants(concept.name, concept.aliases), chunks)
    return writer(material, chunks), chunks


def checked_on_pages(writer: Any, concept: Concept, *pages: tuple[str, str]) -> list[Exercise]:
    """What :func:`written_on_pages` writes, each item asserted to pass the offline checker
    against the pages it cites (its problems in the failure message)."""
    from tutor.engine.offline.writing.checking import check_exercise

    items, chunks = written_on_pages(writer, concept, *pages)
    assert all(check_exercise(e, concept, chunks).ok for e in items), [
        check_exercise(e, concept, chunks).problems for e in items]
    return items


def map_definitions(chunks: list[Chunk]) -> dict[str, str]:
    """The concept map's definitions of the passages, by lower-case concept name."""
    from tutor.engine.offline.concepts.extract import extract_concepts

    return {d.name.lower(): d.definition for d in extract_concepts(chunks)}


def book_page(text: str, page: int = 3) -> Chunk:
    """One page of a book as a passage (``book.pdf``, page ``page``)."""
    return Chunk(id=f"book.pdf#p{page}-0", source="book.pdf", page=page, text=text)


def sampling_course(*items: tuple[str, str, str, str]) -> Course:
    """Two concepts, ``pooled`` (a pooled estimate) building on ``sample``, with one
    multiple-choice item per ``(id, concept id, prompt, answer)``; every item's wrong options
    are the same three terms."""
    return Course(
        title="Sampling", slug="sampling",
        concepts=[
            Concept(id="sample", name="sample", definition="A sample is part of a population.",
                    first_order=0),
            Concept(id="pooled", name="pooled estimate",
                    definition="A pooled estimate combines two samples.", first_order=1),
        ],
        prerequisites=[Prerequisite(prerequisite="sample", concept="pooled")],
        exercises=[Exercise(id=eid, concept_id=concept_id, kind=ExerciseKind.MULTIPLE_CHOICE,
                            prompt=prompt, answer=answer,
                            choices=[answer, "census", "parameter", "histogram"])
                   for eid, concept_id, prompt, answer in items],
    )
