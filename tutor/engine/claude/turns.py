"""A teaching turn in one Messages API call: the grade, the feedback and the next move.

The teach graph gives :meth:`ClaudeEngine.grade_turn` a :class:`~tutor.engine.port.TurnPlan`:
what it will write after a right and after a wrong answer (an explanation in a style, or a
hint). One structured request (``prompts/teach_turn.md``, reply :class:`TurnReply`) grades the
answer and writes that move; when code already knows the verdict (choices and cloze, see
:mod:`tutor.engine.claude.grading`) only the move for that verdict is asked for. The written move
waits in a :class:`TurnMemo` until the graph asks the engine for it (``explain`` / ``hint``), which
then costs no call. A move the reply did not write (the verdict turned out otherwise, or the graph
went another way) is written by a call of its own, as before. Given a text sink, the reply is
streamed and the learner reads the feedback and the move as they are written
(:mod:`tutor.engine.claude.turn_stream`).
"""

from __future__ import annotations

import json
import threading
from typing import TYPE_CHECKING, Any

from tutor.course import Chunk, Exercise
from tutor.engine.claude import rendering as r
from tutor.engine.claude.grading import OfflineGrade, code_verdict, final_verdict, grade_from
from tutor.engine.claude.schemas import TurnReply
from tutor.engine.claude.shown_text import kept_explanation, kept_feedback, kept_hint
from tutor.engine.claude.turn_stream import TurnStream
from tutor.engine.port import ExplanationStyle, Grade, NextMove, TextSink, TurnPlan

if TYPE_CHECKING:
    from tutor.engine.claude.engine import ClaudeEngine

GRADE_TOKENS = 700
EXPLAIN_TOKENS = 1200
HINT_TOKENS = 300


class TurnMemo:
    """Moves written ahead by a turn's reply, each served once. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._texts: dict[tuple[str, ...], str] = {}

    def put(self, key: tuple[str, ...], text: str) -> None:
        with self._lock:
            self._texts = {key: text}  # only the latest turn's move is ever wanted

    def take(self, key: tuple[str, ...]) -> str | None:
        with self._lock:
            return self._texts.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._texts = {}


def explanation_key(concept_id: str, style: ExplanationStyle | str) -> tuple[str, ...]:
    return ("explain", concept_id, ExplanationStyle(style).value)


def hint_key(exercise_id: str, level: int) -> tuple[str, ...]:
    return ("hint", exercise_id, str(min(max(1, level), r.LAST_HINT_LEVEL)))


def _describe(move: NextMove | None) -> str:
    if move is None:
        return "nothing."
    if move.kind == "hint":
        level = min(max(1, move.level), r.LAST_HINT_LEVEL)
        return (f"hint number {level} of {r.LAST_HINT_LEVEL} on the same exercise. "
                f"{r.HINT_LEVELS[level]}")
    return (f"explain the concept with id {move.concept.id!r}; style: "
            f"{r.STYLE_INSTRUCTIONS[move.style]}")


def _move_record(move: NextMove) -> dict[str, object]:
    """What a move is about, by id: the concepts are in the cached course context."""
    record: dict[str, object] = {"kind": move.kind, "concept_id": move.concept.id}
    if move.kind == "explain":
        record["prerequisite_ids"] = [p.id for p in move.prerequisites]
        record["learner"] = r.learner_data(move.learner)
        record["passage_ids"] = [c.id for c in move.passages]
    return record


def _compact(value: object) -> str:
    """JSON on one line (a turn's volatile part is kept small: it is not cached)."""
    return r.defuse(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def turn_request(engine: ClaudeEngine, exercise: Exercise, answer: str,
                 wanted: dict[bool, NextMove | None], decided: bool | None) -> dict[str, Any]:
    """The request parameters of one teaching turn."""
    moves = [m for m in wanted.values() if m is not None]
    passages = list({c.id: c for m in moves for c in m.passages}.values())
    if decided is None:
        note = ""
    else:
        verdict = "RIGHT" if decided else "WRONG"
        note = (f"Code has already matched the answer to the exercise's key: it is {verdict}. "
                "Grade it so, and write the feedback for that verdict.")
    explains = any(m.kind == "explain" for m in moves)
    max_tokens = GRADE_TOKENS + (EXPLAIN_TOKENS if explains else HINT_TOKENS if moves else 0)
    return engine.request(
        "teach_turn", engine.model, max_tokens, TurnReply,
        verdict_note=note, if_right=_describe(wanted[True]), if_wrong=_describe(wanted[False]),
        reference=_compact(r.exercise_record(exercise, with_answer=True)),
        learner_answer=r.defuse(answer.strip()),
        moves=_compact([_move_record(m) for m in moves]),
        passages=engine.passages_text(passages),
    )


def grade_turn(engine: ClaudeEngine, exercise: Exercise, answer: str, plan: TurnPlan,
               shown: TextSink | None = None) -> Grade:
    """Grade ``answer`` and prepare the planned move for the verdict, in one call; with
    ``shown``, the reply is streamed and its learner-visible text goes there as it is written
    (:mod:`tutor.engine.claude.turn_stream`)."""
    engine.turns.clear()
    offline = _once(engine.offline_grade)
    decided = code_verdict(exercise, answer, offline)
    wanted: dict[bool, NextMove | None] = {True: plan.if_right, False: plan.if_wrong}
    if decided is not None:
        wanted[not decided] = None  # the other verdict cannot happen: nothing to write for it

    def verdict(said: bool) -> bool:
        checked = offline(exercise, answer) if decided is None else None
        return final_verdict(exercise, said, decided, checked)

    given = [c for m in wanted.values() if m is not None for c in m.passages]
    cited = engine.passages_for(exercise, given)  # what the feedback's citations may cite

    def attempt() -> Grade:
        params = turn_request(engine, exercise, answer, wanted, decided)
        if shown is None:
            reply = engine.calls.structured("teach_turn", TurnReply, params, engine.learner_id)
        else:
            stream = TurnStream(shown, exercise, wanted, verdict, cited)
            reply = engine.calls.structured_stream("teach_turn", TurnReply, params, stream.feed,
                                                   engine.learner_id)
            stream.finish()
        grade = grade_from(reply, exercise, answer, offline, engine.review_flags.add,
                           engine.learner_id, decided, kept_feedback(cited))
        move = wanted[grade.correct]
        text = (reply.next_if_right if grade.correct else reply.next_if_wrong).strip()
        if move is not None and text:
            _keep(engine, exercise, move, text, grade.correct, cited)
        return grade

    return engine.step("grade", attempt, lambda e: e.grade(exercise, answer))


def _once(offline: OfflineGrade) -> OfflineGrade:
    """``offline`` that grades each answer once (the stream and the grade both ask)."""
    graded: dict[tuple[str, str], Grade | None] = {}

    def grade(exercise: Exercise, answer: str) -> Grade | None:
        key = (exercise.id, answer)
        if key not in graded:
            graded[key] = offline(exercise, answer)
        return graded[key]

    return grade


def _keep(engine: ClaudeEngine, exercise: Exercise, move: NextMove, text: str,
          correct: bool, cited: list[Chunk]) -> None:
    """Keep the written move for the graph, as it was shown (:mod:`shown_text`): while the
    exercise is unsolved (a wrong answer), its answer is withheld from it."""
    if move.kind == "hint":
        hidden = kept_hint(text, exercise, move.concept.definition, cited)
        engine.turns.put(hint_key(exercise.id, move.level), hidden)
        return
    # explained again after a wrong answer, the same exercise waits: key and verdict held back
    kept = kept_explanation(text, move, None if correct else exercise)
    engine.turns.put(explanation_key(move.concept.id, move.style), kept)
