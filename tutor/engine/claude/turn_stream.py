"""A teaching turn's text shown while Claude writes it: the feedback, then the next move.

The turn's one structured reply (:class:`~tutor.engine.claude.schemas.TurnReply`) arrives as
JSON text, piece by piece. :class:`TurnStream` reads the fields written so far (a partial
parse: a string field grows until the next field starts) and passes the learner-visible ones to
a :data:`~tutor.engine.port.TextSink` as ``("feedback", piece)`` and then ``("explanation",
piece)`` or ``("hint", piece)``:

- the verdict comes first in the reply; once it is known, the verdict the learner gets is
  worked out as for the finished reply (:func:`~tutor.engine.claude.grading.final_verdict`).
  When it is not Claude's, Claude's feedback is not shown: the overruling sentence is;
- only the move written for that verdict is shown (the other one is never wanted);
- nothing that withholding would hide is shown, not even for a moment: feedback on a wrong
  answer, a hint, and an explanation given while an exercise waits pass through
  :class:`~tutor.engine.claude.withhold.WithheldStream` with the same hiding as the finished
  text; an explanation's citations are checked before they are shown
  (:class:`~tutor.engine.claude.citations.CheckedText`).

The explanation of a concept is shown before the exercise asked after it is chosen (the teach
graph picks one the explanation does not give away). When the move names exercises that may
be asked next (:attr:`~tutor.engine.port.NextMove.withheld`), their keys are hidden in the
streamed text; the finished text, shown once the turn is over, hides only the chosen one's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jiter import from_json

from tutor.answers import mask_answer
from tutor.course import Exercise
from tutor.engine.claude.citations import CheckedText
from tutor.engine.claude.grading import overruled_feedback
from tutor.engine.claude.withhold import WithheldStream, answer_keys, withhold_answer
from tutor.engine.port import NextMove, TextSink

Hide = Callable[[str], str]


def partial_fields(json_text: str) -> dict[str, Any]:
    """The fields of a JSON object written so far (the last string cut where the text ends;
    a number or literal not yet complete is left out)."""
    if not json_text.strip():
        return {}
    try:
        fields = from_json(json_text.encode(), partial_mode="trailing-strings")
    except ValueError:
        return {}
    return fields if isinstance(fields, dict) else {}


def _masking(exercises: list[Exercise], then: Hide | None = None) -> Hide:
    def hide(text: str) -> str:
        if then is not None:
            text = then(text)
        for exercise in exercises:
            text = mask_answer(text, exercise)
        return text

    return hide


class _Open:
    """Text with nothing to hold back, passed on as it comes."""

    def push(self, piece: str) -> str:
        return piece

    def finish(self) -> str:
        return ""


Stage = CheckedText | WithheldStream | _Open


class _Field:
    """One string field of the reply, shown through its filters as it grows."""

    def __init__(self, name: str, kind: str, stages: list[Stage]) -> None:
        self.name, self.kind, self.stages = name, kind, stages
        self.seen = 0
        self.closed = False

    def grow(self, value: str, sink: TextSink) -> None:
        piece, self.seen = value[self.seen:], len(value)
        for stage in self.stages:
            piece = stage.push(piece)
        if piece:
            sink(self.kind, piece)

    def close(self, sink: TextSink) -> None:
        if self.closed:
            return
        self.closed = True
        piece = ""
        for stage in self.stages:
            piece = stage.push(piece) + stage.finish()
        if piece:
            sink(self.kind, piece)


class TurnStream:
    """Feed it the reply's JSON text as it arrives (:meth:`feed`), then :meth:`finish`."""

    def __init__(self, sink: TextSink, exercise: Exercise,
                 wanted: dict[bool, NextMove | None], verdict: Callable[[bool], bool]) -> None:
        self.sink = sink
        self.exercise = exercise
        self.wanted = wanted
        self.verdict = verdict
        """The learner's verdict when Claude's is the argument."""
        self.text = ""
        self.fields: list[_Field] = []

    def feed(self, piece: str) -> None:
        self.text += piece
        written = partial_fields(self.text)
        if not self.fields and isinstance(written.get("correct"), bool):
            self._start(written["correct"])
        names = list(written)
        for field in self.fields:
            if field.name not in written or field.closed:
                continue
            value = written[field.name]
            field.grow(value if isinstance(value, str) else "", self.sink)
            if names.index(field.name) < len(names) - 1:  # a later field has begun
                field.close(self.sink)

    def finish(self) -> None:
        for field in self.fields:
            field.close(self.sink)

    def _start(self, said: bool) -> None:
        correct = self.verdict(said)
        if correct != said:  # Claude's words are about the other verdict: not shown
            self.sink("feedback", overruled_feedback(correct))
        else:
            self.fields.append(_Field("feedback", "feedback", [self._feedback_stage(correct)]))
        move = self.wanted[correct]
        if move is not None:
            name = "next_if_right" if correct else "next_if_wrong"
            self.fields.append(_Field(name, "explanation" if move.kind == "explain" else "hint",
                                      self._move_stages(move, correct)))

    def _feedback_stage(self, correct: bool) -> Stage:
        exercise = self.exercise
        if correct:  # the answer is the learner's now: nothing to hide
            return _Open()
        return WithheldStream(
            _masking([exercise], lambda text: withhold_answer(text, exercise)[0]),
            answer_keys(exercise))

    def _move_stages(self, move: NextMove, correct: bool) -> list[Stage]:
        exercise = self.exercise
        if move.kind == "hint":
            definition = move.concept.definition
            return [WithheldStream(
                _masking([exercise], lambda text: withhold_answer(text, exercise, definition)[0]),
                answer_keys(exercise))]
        held = list(move.withheld)
        keys = [key for e in held for key in answer_keys(e)]
        hide = _masking(held)
        if not correct:  # the exercise waits (asked again, or after a step back)
            hide = _masking([exercise, *held],
                            lambda text: withhold_answer(text, exercise, paraphrase=False)[0])
            keys += answer_keys(exercise)
        return [CheckedText(move.passages), WithheldStream(hide, keys)]
