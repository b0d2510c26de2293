"""Small synthetic courses for tests and benchmarks, made in code (no files needed).

- :func:`stress_course`: N concepts in pairs (the second of each pair builds on the first), two
  exercises and one passage each, long enough that nobody masters it in a few dozen answers,
  and with half its concepts ready from the start, so that no learner runs out of what may be
  asked in a day (concurrency and crash trials).
- :func:`branching_course`: ten concepts, a chain with two branches that join (the simulated-
  learner evaluation).
"""

from __future__ import annotations

from pathlib import Path

from tutor.course import Chunk, Citation, Concept, Course, Exercise, ExerciseKind, Prerequisite

STRESS_COURSE = "stress"

WORDS = ["array", "list", "stack", "queue", "heap", "tree", "graph", "hash", "trie", "deque",
         "tuple", "record", "matrix", "vector", "set", "map", "bag", "ring", "rope", "table"]


def stress_course(concepts: int = 12) -> tuple[Course, list[Chunk]]:
    """A course of ``concepts`` concepts in pairs (each odd-numbered concept builds on the one
    before it), two exercises each, with one passage per concept: long enough that nobody
    masters it in a few dozen answers, and never out of ready material within a day (a lesson
    ends the day when nothing ready is left to ask)."""
    items, edges, exercises, chunks = [], [], [], []
    for i in range(concepts):
        word = WORDS[i % len(WORDS)] + ("" if i < len(WORDS) else str(i))
        cid = f"c{i:02d}-{word}"
        cite = [Citation(source="notes.md", page=i + 1)]
        definition = f"A {word} is structure number {i} that keeps elements in its own way."
        items.append(Concept(id=cid, name=word, definition=definition, first_order=i * 10,
                             section=word.title(), citations=cite,
                             key_points=[f"structure number {i}"]))
        if i % 2:
            edges.append(Prerequisite(prerequisite=items[i - 1].id, concept=cid))
        others = [w for w in WORDS if w != word][:2]
        exercises += [
            Exercise(id=f"{cid}-cloze", concept_id=cid, kind=ExerciseKind.CLOZE,
                     prompt=f"Structure number {i}, which keeps elements in its own way, is a "
                     "____.", answer=word, citations=cite),
            Exercise(id=f"{cid}-mc", concept_id=cid, kind=ExerciseKind.MULTIPLE_CHOICE,
                     prompt=f"Which structure is number {i}?", answer=word,
                     choices=[word, *others], citations=cite),
        ]
        chunks.append(Chunk(id=f"notes.md#p{i + 1}-0", source="notes.md", page=i + 1,
                            heading=word.title(), order=i * 10,
                            text=f"{definition} For example, a {word} can hold 3, 8 and 5."))
    course = Course(title="Stress course", slug=STRESS_COURSE, concepts=items, prerequisites=edges,
                    exercises=exercises)
    return course, chunks


def install_stress_course(home: Path, concepts: int = 12) -> None:
    folder = home / "courses" / STRESS_COURSE
    folder.mkdir(parents=True, exist_ok=True)
    course = stress_course(concepts)[0]
    (folder / "course.json").write_text(course.to_json(), encoding="utf-8")


CHAIN_AND_BRANCHES = [
    ("a0", "a1"), ("a1", "a2"), ("a2", "a3"), ("a3", "a4"),
    ("a1", "b1"), ("b1", "b2"), ("a2", "c1"), ("c1", "c2"),
    ("b2", "d"), ("a4", "d"),
]  # fmt: skip
IDS = ["a0", "a1", "a2", "a3", "a4", "b1", "b2", "c1", "c2", "d"]


def branching_course() -> Course:
    """Ten concepts (a chain with two branches that join), two exercises each."""
    exercises = []
    for n, cid in enumerate(IDS):
        exercises.append(
            Exercise(
                id=f"{cid}-mc",
                concept_id=cid,
                kind=ExerciseKind.MULTIPLE_CHOICE,
                prompt=f"Which is {cid}?",
                answer="x",
                choices=["x", "y", "z", "w"],
            )
        )
        if n % 2:
            exercises.append(
                Exercise(
                    id=f"{cid}-tf",
                    concept_id=cid,
                    kind=ExerciseKind.TRUE_FALSE,
                    prompt=f"{cid} is x.",
                    answer="True",
                    choices=["True", "False"],
                )
            )
        else:
            exercises.append(
                Exercise(
                    id=f"{cid}-cloze",
                    concept_id=cid,
                    kind=ExerciseKind.CLOZE,
                    prompt=f"{cid} is ____.",
                    answer="x",
                )
            )
    return Course(
        title="Synthetic",
        slug="synthetic",
        concepts=[
            Concept(id=cid, name=cid.upper(), definition=f"{cid} is x", first_order=n)
            for n, cid in enumerate(IDS)
        ],
        prerequisites=[Prerequisite(prerequisite=p, concept=c) for p, c in CHAIN_AND_BRANCHES],
        exercises=exercises,
    )
