"""Markdown lessons from a built course: one per concept, in prerequisite order, plus an index.

Each lesson has an explanation, a worked example and exercises; the answers are in a separate
answer key (``answers/``), so a printed lesson can be worked before the key is looked at. Any
engine writes them through the port (``explain`` in the definition and example styles, and
``write_exercises`` for a concept the course has no exercises for). With the Claude engine,
:func:`generate_lessons_batch` sends all those requests as one Message Batch (half price,
resumable: see :mod:`tutor.engine.claude.batch`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from tutor.course import Chunk, Concept, Course, Exercise, ExerciseKind
from tutor.engine.port import Engine, Explanation, ExplanationStyle, LearnerContext
from tutor.home import atomic_write_text

if TYPE_CHECKING:
    from tutor.engine.claude.batch import BatchRunner
    from tutor.engine.claude.engine import ClaudeEngine

ANSWERS_DIR = "answers"
MAX_EXERCISES = 5
LETTERS = "ABCDEFGHIJ"


class LessonContent(BaseModel):
    """What one lesson says."""

    concept: Concept
    explanation: Explanation
    example: Explanation
    exercises: list[Exercise]


class LessonFile(BaseModel):
    concept_id: str
    title: str
    path: str
    """Lesson file, relative to the output folder."""
    answers_path: str


class LessonSet(BaseModel):
    """What :func:`generate_lessons` wrote."""

    out: Path
    index: str = "index.md"
    lessons: list[LessonFile]
    engine: str
    fallbacks: int = 0
    """Steps the fallback engine did (Claude engine only)."""


def passages_for(concept: Concept, chunks: Sequence[Chunk]) -> list[Chunk]:
    """The passages on the concept's cited pages, else those naming it, else its definition."""
    pages = {(c.source, c.page) for c in concept.citations}
    found = [c for c in chunks if (c.source, c.page) in pages]
    if not found:
        names = [concept.name.casefold(), *(a.casefold() for a in concept.aliases)]
        found = [c for c in chunks if any(n and n in c.text.casefold() for n in names)][:3]
    if not found:
        where = concept.citations[0] if concept.citations else None
        found = [Chunk(id=f"{concept.id}#definition", source=where.source if where else "course",
                       page=where.page if where else 1, text=concept.definition or concept.name)]
    return sorted(found, key=lambda c: c.order)[:4]


def _related(course: Course, concept: Concept) -> list[Concept]:
    near = set(course.prerequisites_of(concept.id)) | set(course.dependents_of(concept.id))
    related = [c for c in course.concepts if c.id in near]
    others = [c for c in course.concepts if c.id != concept.id and c.id not in near]
    return (related + others)[:4]


def ordered_concepts(course: Course) -> list[Concept]:
    return [course.concept(cid) for cid in course.teaching_order()]


def generate_lessons(course: Course, engine: Engine, out: Path,
                     chunks: Sequence[Chunk] = ()) -> LessonSet:
    """Write the lessons of ``course`` to ``out`` with ``engine`` (one request at a time)."""
    learner = LearnerContext()
    contents = []
    for concept in ordered_concepts(course):
        passages = passages_for(concept, chunks)
        prerequisites = [course.concept(p) for p in course.prerequisites_of(concept.id)]
        exercises = course.exercises_for(concept.id) or engine.write_exercises(
            concept, _related(course, concept), passages)
        contents.append(LessonContent(
            concept=concept,
            explanation=engine.explain(concept, ExplanationStyle.DEFINITION, passages,
                                       prerequisites, learner),
            example=engine.explain(concept, ExplanationStyle.EXAMPLE, passages, prerequisites,
                                   learner),
            exercises=exercises[:MAX_EXERCISES],
        ))
    return write_lessons(course, contents, out, engine.name,
                         len(getattr(engine, "fallbacks", [])))


def generate_lessons_batch(course: Course, engine: ClaudeEngine, out: Path,
                           chunks: Sequence[Chunk], runner: BatchRunner) -> LessonSet:
    """Like :func:`generate_lessons`, with every Claude request in one Message Batch.
    Items that still fail after the runner's retries are written by the fallback engine."""
    from tutor.engine.claude import studying
    from tutor.engine.claude.calls import StepFailed
    from tutor.engine.claude.rendering import citations_of

    learner = LearnerContext()
    concepts = ordered_concepts(course)
    requests: dict[str, dict] = {}
    for n, concept in enumerate(concepts):
        passages = passages_for(concept, chunks)
        prerequisites = [course.concept(p) for p in course.prerequisites_of(concept.id)]
        for tag, style in (("def", ExplanationStyle.DEFINITION), ("ex", ExplanationStyle.EXAMPLE)):
            requests[f"c{n:04d}-{tag}"] = engine.explain_request(concept, style, passages,
                                                                 prerequisites, learner)
        if not course.exercises_for(concept.id):
            requests[f"c{n:04d}-exercises"] = studying.exercises_request(
                engine, concept, _related(course, concept), passages)
    results = runner.run(requests)

    contents = []
    for n, concept in enumerate(concepts):
        passages = passages_for(concept, chunks)
        prerequisites = [course.concept(p) for p in course.prerequisites_of(concept.id)]
        explanations = []
        for tag, style in (("def", ExplanationStyle.DEFINITION), ("ex", ExplanationStyle.EXAMPLE)):
            item = results.get(f"c{n:04d}-{tag}")
            if item is not None and item.ok and item.text.strip():
                explanations.append(Explanation(concept_id=concept.id, style=style,
                                                text=item.text.strip(),
                                                citations=citations_of(passages)))
            else:
                engine.record_fallback("explain", StepFailed(
                    "batch", item.error if item else "no result"))
                explanations.append(engine.fallback.explain(concept, style, passages,
                                                            prerequisites, learner))
        exercises = course.exercises_for(concept.id)
        if not exercises:
            item = results.get(f"c{n:04d}-exercises")
            try:
                if item is None or not item.ok:
                    raise StepFailed("batch", item.error if item else "no result")
                exercises = studying.exercises_from_reply(item.text, concept, passages)
            except StepFailed as failed:
                engine.record_fallback("write_exercises", failed)
                exercises = engine.fallback.write_exercises(concept, _related(course, concept),
                                                            passages)
        contents.append(LessonContent(concept=concept, explanation=explanations[0],
                                      example=explanations[1],
                                      exercises=exercises[:MAX_EXERCISES]))
    return write_lessons(course, contents, out, engine.name, len(engine.fallbacks))


# -- Markdown ----------------------------------------------------------------------------------
def _file_name(n: int, concept: Concept) -> str:
    return f"{n:02d}-{concept.id}.md"


def _sources(explanations: Sequence[Explanation]) -> str:
    labels = dict.fromkeys(c.label() for e in explanations for c in e.citations)
    return ", ".join(labels) or "the course"


def exercise_markdown(number: int, exercise: Exercise) -> str:
    lines = [f"{number}. {exercise.prompt.strip()}"]
    if exercise.kind == ExerciseKind.MULTIPLE_CHOICE:
        lines += [f"   - {LETTERS[i]}. {c}" for i, c in enumerate(exercise.choices or [])]
    elif exercise.kind == ExerciseKind.TRUE_FALSE:
        lines.append("   - True / False")
    elif exercise.kind == ExerciseKind.SHORT_ANSWER:
        lines.append("   - *(answer in a few sentences)*")
    return "\n".join(lines)


def answer_markdown(number: int, exercise: Exercise) -> str:
    answer = exercise.answer
    if exercise.kind == ExerciseKind.MULTIPLE_CHOICE and exercise.choices:
        answer = f"{LETTERS[exercise.choices.index(answer)]}. {answer}"
    lines = [f"{number}. **{answer}**"]
    if exercise.key_points:
        lines += [f"   - {p}" for p in exercise.key_points]
    if exercise.explanation:
        lines.append(f"   {exercise.explanation.strip()}")
    if exercise.citations:
        lines.append(f"   *({', '.join(c.label() for c in exercise.citations)})*")
    return "\n".join(lines)


def lesson_markdown(n: int, content: LessonContent, course: Course,
                    numbers: dict[str, int]) -> str:
    concept = content.concept
    parts = [f"# Lesson {n}: {concept.name}", ""]
    before = [course.concept(p) for p in course.prerequisites_of(concept.id)]
    if before:
        links = ", ".join(f"[{p.name}]({_file_name(numbers[p.id], p)})" for p in before)
        parts += [f"*Before this lesson:* {links}", ""]
    parts += ["## Explanation", "", content.explanation.text.strip(), "",
              "## Worked example", "", content.example.text.strip(), ""]
    if content.exercises:
        parts += ["## Exercises", ""]
        parts += [exercise_markdown(i, e) for i, e in enumerate(content.exercises, 1)]
        parts += ["", f"Answers: [answer key]({ANSWERS_DIR}/{_file_name(n, concept)})", ""]
    parts += [f"*Sources: {_sources([content.explanation, content.example])}*", ""]
    return "\n".join(parts)


def answers_markdown(n: int, content: LessonContent) -> str:
    parts = [f"# Answer key, lesson {n}: {content.concept.name}", ""]
    parts += [answer_markdown(i, e) for i, e in enumerate(content.exercises, 1)]
    return "\n".join(parts) + "\n"


def write_lessons(course: Course, contents: Sequence[LessonContent], out: Path,
                  engine_name: str, fallbacks: int = 0) -> LessonSet:
    out = Path(out)
    numbers = {c.concept.id: n for n, c in enumerate(contents, 1)}
    files = []
    for n, content in enumerate(contents, 1):
        name = _file_name(n, content.concept)
        atomic_write_text(out / name, lesson_markdown(n, content, course, numbers))
        atomic_write_text(out / ANSWERS_DIR / name, answers_markdown(n, content))
        files.append(LessonFile(concept_id=content.concept.id, title=content.concept.name,
                                path=name, answers_path=f"{ANSWERS_DIR}/{name}"))
    index = [f"# {course.title}: lessons", "",
             "In prerequisite order: each lesson builds on the ones before it.", ""]
    index += [f"{n}. [{f.title}]({f.path}) ([answers]({f.answers_path}))"
              for n, f in enumerate(files, 1)]
    atomic_write_text(out / "index.md", "\n".join(index) + "\n")
    return LessonSet(out=out, lessons=files, engine=engine_name, fallbacks=fallbacks)
