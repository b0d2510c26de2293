"""The Claude engine's texts written apart from a teaching turn: an explanation, a hint, the
answer to a free question, each shown to the learner while it is written.

A teaching turn's reply writes the feedback and the next move in one call
(:mod:`tutor.engine.claude.turns`); the lesson's opening explanation, a hint the learner asks
for, a free question and any move the turn did not write are calls of their own. Given a
:data:`~tutor.engine.port.TextSink`, each is streamed (``messages.stream``) and its text passes
the stages of its kind (:mod:`tutor.engine.claude.shown_text`: citations checked, the answer
withheld) before it is shown; the text kept is the same text, finished. A move the last turn
already wrote (and streamed) is served from the engine's memo without a call, and not shown
again. A step that fails falls back to the offline engine, whose text the lesson shows whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tutor.course import Chunk, Concept, Exercise
from tutor.engine.claude import rendering as r
from tutor.engine.claude.schemas import AnswerReply
from tutor.engine.claude.shown_text import (
    ShownText,
    answer_stages,
    explanation_stages,
    hint_stages,
    kept_explanation,
    kept_hint,
    shown_pieces,
)
from tutor.engine.claude.turn_stream import FieldsStream
from tutor.engine.claude.turns import explanation_key, hint_key
from tutor.engine.port import Explanation, GroundedAnswer, Hint, NextMove, TextSink
from tutor.errors import AnswerError

if TYPE_CHECKING:
    from tutor.engine.claude.engine import ClaudeEngine


def explain(engine: ClaudeEngine, move: NextMove, waiting: Exercise | None,
            shown: TextSink | None) -> Explanation:
    """The explanation ``move`` names; ``waiting``: the exercise asked again after it."""
    concept, style, passages = move.concept, move.style, move.passages
    served = engine.turns.take(explanation_key(concept.id, style))
    if served is not None:  # written (and shown) by the last teaching turn's reply
        return Explanation(concept_id=concept.id, style=style, text=served,
                           citations=r.citations_of(passages))

    def attempt() -> Explanation:
        params = engine.explain_request(concept, style, passages, move.prerequisites,
                                        move.learner)
        pieces = engine.calls.stream("explain", params, engine.learner_id)
        stages = explanation_stages(move, waiting)
        text = shown_pieces(pieces, ShownText("explanation", stages, shown) if shown else None)
        return Explanation(concept_id=concept.id, style=style,
                           text=kept_explanation(text, move, waiting),
                           citations=r.citations_of(passages))

    return engine.step("explain", attempt, lambda e: e.explain(
        concept, style, passages, move.prerequisites, move.learner))


def hint(engine: ClaudeEngine, exercise: Exercise, concept: Concept, level: int,
         shown: TextSink | None, tried: Sequence[int] = ()) -> Hint:
    """Hint number ``level`` on ``exercise`` (``tried``: the options already picked, passed on
    to the offline ladder when it stands in)."""
    level = max(1, level)
    last = min(level, r.LAST_HINT_LEVEL) >= r.LAST_HINT_LEVEL
    served = engine.turns.take(hint_key(exercise.id, level))
    if served is not None:  # written (and shown) by the last teaching turn's reply
        return Hint(exercise_id=exercise.id, level=level, text=served, last=last)
    cited = engine.passages_for(exercise)

    def attempt() -> Hint:
        rung = min(level, r.LAST_HINT_LEVEL)
        params = engine.request(
            "hint", engine.model, 300,
            level=rung, last_level=r.LAST_HINT_LEVEL,
            level_instructions=r.HINT_LEVELS[rung],
            exercise=r.data_json(r.exercise_record(exercise, with_answer=True)),
            concept=r.data_json(r.concept_record(concept)),
        )
        pieces = engine.calls.stream("hint", params, engine.learner_id)
        stages = hint_stages(exercise, concept.definition, cited)
        text = shown_pieces(pieces, ShownText("hint", stages, shown) if shown else None)
        return Hint(exercise_id=exercise.id, level=level, last=last,
                    text=kept_hint(text, exercise, concept.definition, cited))

    return engine.step("hint", attempt, lambda e: e.hint(exercise, concept, level, tried))


def answer_question(engine: ClaudeEngine, question: str, passages: Sequence[Chunk],
                    waiting: Exercise | None, shown: TextSink | None) -> GroundedAnswer:
    """The answer to a free question from ``passages``; its citations are checked against
    them (all of them: the text is shown before the reply names the ones it used), and the
    key of the ``waiting`` exercise is masked."""
    if not question.strip():
        raise AnswerError("the question is empty; type a question about the course")

    def attempt() -> GroundedAnswer:
        params = engine.request(
            "answer_question", engine.model, 900, AnswerReply,
            question=r.defuse(question.strip()), passages=r.passages_block(passages),
        )
        if shown is None:
            reply = engine.calls.structured("answer_question", AnswerReply, params,
                                            engine.learner_id)
        else:
            stream = FieldsStream({"text": ShownText("answer", answer_stages(passages, waiting),
                                                     shown)})
            reply = engine.calls.structured_stream("answer_question", AnswerReply, params,
                                                   stream.feed, engine.learner_id)
            stream.finish()
        by_id = {c.id: c for c in passages}
        used = [by_id[i] for i in reply.chunk_ids if i in by_id]
        text = _checked(reply.text, passages, waiting)
        return GroundedAnswer(question=question, text=text,
                              citations=r.citations_of(used) if reply.found else [],
                              found=reply.found)

    return engine.step("answer_question", attempt,
                       lambda e: e.answer_question(question, passages))


def _checked(text: str, passages: Sequence[Chunk], waiting: Exercise | None) -> str:
    """The answer as it is kept: the same stages as when it is shown, on the whole text."""
    kept: list[str] = []
    shown_pieces([text], ShownText("answer", answer_stages(passages, waiting),
                                   lambda _, piece: kept.append(piece)))
    return "".join(kept)
