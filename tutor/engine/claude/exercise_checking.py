"""The Claude engine's exercise checker: an exercise is kept only when the checker, shown the
cited passages and not the key, solves it to the same answer.

What code alone can tell is wrong comes first (:func:`structural_problems`: the answer not
among the choices, duplicate choices, a cloze with no blank, the answer in the prompt); then
the checker's own solution (:func:`check_from`: not answerable, another answer, more than one
correct option, the prompt giving it away). The request is also used for Message Batches.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from tutor.answers import key_verdict
from tutor.course import Chunk, Concept, Exercise, ExerciseKind
from tutor.engine.claude import rendering as r
from tutor.engine.claude.schemas import SolutionReply
from tutor.engine.claude.withhold import reveals_answer
from tutor.engine.port import ExerciseCheck
from tutor.text import fold

if TYPE_CHECKING:
    from tutor.engine.claude.engine import ClaudeEngine


def structural_problems(exercise: Exercise) -> list[str]:
    """What code alone can tell is wrong with an exercise."""
    problems = []
    if exercise.kind == ExerciseKind.MULTIPLE_CHOICE:
        choices = exercise.choices or []
        if exercise.answer not in choices:
            problems.append("answer is not one of the choices")
        if len({fold(c) for c in choices}) != len(choices):
            problems.append("duplicate choices")
    if exercise.kind == ExerciseKind.CLOZE and "___" not in exercise.prompt:
        problems.append("cloze prompt has no blank")
    if exercise.kind != ExerciseKind.TRUE_FALSE and reveals_answer(exercise.prompt, exercise):
        problems.append("answer given away by the prompt")
    return problems


def _same_answer(solved: str, exercise: Exercise) -> bool:
    """Whether the checker's own solution is the exercise's key (the learner's matching:
    option number, letter, text or verdict word; a cloze spelling near the key)."""
    if exercise.kind == ExerciseKind.SHORT_ANSWER:
        return True
    if key_verdict(exercise, solved):
        return True
    given = fold(solved)
    answers = {fold(a) for a in [exercise.answer, *exercise.accepted]}
    return exercise.kind == ExerciseKind.CLOZE and any(
        fuzz.ratio(given, a) >= 85 for a in answers
    )


def cited_passages(exercise: Exercise, passages: Sequence[Chunk]) -> list[Chunk]:
    pages = {(c.source, c.page) for c in exercise.citations}
    return [c for c in passages if (c.source, c.page) in pages] or list(passages)


def check_request(engine: ClaudeEngine, exercise: Exercise, passages: Sequence[Chunk]
                  ) -> dict[str, Any]:
    """The checker's request for ``exercise`` (also used for Message Batches)."""
    return engine.request(
        "check_exercise", engine.fast_model, 600, SolutionReply,
        exercise=r.data_json(r.exercise_record(exercise, with_answer=False)),
        passages=r.passages_block(cited_passages(exercise, passages)),
    )


def check_from(reply: SolutionReply, exercise: Exercise) -> ExerciseCheck:
    """The verdict on ``exercise`` from the checker's own solution."""
    found = structural_problems(exercise)
    if not reply.answerable:
        found.append("not answerable from the cited passage")
    elif not _same_answer(reply.answer, exercise):
        found.append(f"checker answered differently: {reply.answer.strip()[:80]}")
    if exercise.kind == ExerciseKind.MULTIPLE_CHOICE and not reply.single_correct:
        found.append("more than one correct option")
    if reply.gives_answer_away and "answer given away by the prompt" not in found:
        found.append("answer given away by the prompt")
    return ExerciseCheck(exercise_id=exercise.id, ok=not found, problems=found)


def check_exercise(engine: ClaudeEngine, exercise: Exercise, concept: Concept,
                   passages: Sequence[Chunk]) -> ExerciseCheck:
    def attempt() -> ExerciseCheck:
        params = check_request(engine, exercise, passages)
        reply = engine.calls.structured("check_exercise", SolutionReply, params)
        return check_from(reply, exercise)

    return engine.step("check_exercise", attempt,
                       lambda e: e.check_exercise(exercise, concept, passages))
