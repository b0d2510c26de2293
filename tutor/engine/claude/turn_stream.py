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
- nothing that withholding would hide is shown, not even for a moment, and no citation before
  it is checked: each text passes the stages of its kind
  (:mod:`~tutor.engine.claude.shown_text`), the same as the finished text.

The explanation of a concept is shown before the exercise asked after it is chosen (the teach
graph picks one the explanation does not give away). When the move names exercises that may
be asked next (:attr:`~tutor.engine.port.NextMove.withheld`), their keys are hidden in the
streamed text; the finished text, shown once the turn is over, hides only the chosen one's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from jiter import from_json

from tutor.course import Chunk, Exercise
from tutor.engine.claude.grading import empty_feedback, overruled_feedback
from tutor.engine.claude.shown_text import (
    ShownText,
    explanation_stages,
    feedback_stages,
    hint_stages,
)
from tutor.engine.port import NextMove, TextSink


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


class FieldsStream:
    """A structured reply's JSON text fed as it arrives (:meth:`feed`, then :meth:`finish`):
    each string field in :attr:`fields` is shown as it grows, and closed once a later field
    has begun."""

    def __init__(self, fields: dict[str, ShownText] | None = None) -> None:
        self.text = ""
        self.fields: dict[str, ShownText] = dict(fields or {})

    def feed(self, piece: str) -> None:
        self.text += piece
        written = partial_fields(self.text)
        self.started(written)
        names = list(written)
        for name, shown in self.fields.items():
            if name not in written or shown.closed:
                continue
            value = written[name]
            shown.grow(value if isinstance(value, str) else "")
            if names.index(name) < len(names) - 1:  # a later field has begun
                shown.close()

    def started(self, written: dict[str, Any]) -> None:
        """Called with the fields written so far, before they are shown."""

    def finish(self) -> None:
        for shown in self.fields.values():
            shown.close()


class TurnStream(FieldsStream):
    """A teaching turn's reply: the feedback, then the move for the learner's verdict.
    ``cited``: the passages the feedback's citations are checked against."""

    def __init__(self, sink: TextSink, exercise: Exercise,
                 wanted: dict[bool, NextMove | None], verdict: Callable[[bool], bool],
                 cited: Sequence[Chunk] = ()) -> None:
        super().__init__()
        self.sink = sink
        self.exercise = exercise
        self.wanted = wanted
        self.verdict = verdict
        """The learner's verdict when Claude's is the argument."""
        self.cited = list(cited)
        self.begun = False
        self.correct = False

    def started(self, written: dict[str, Any]) -> None:
        if not self.begun and isinstance(written.get("correct"), bool):
            self.begun = True
            self._start(written["correct"])

    def finish(self) -> None:
        super().finish()
        feedback = self.fields.get("feedback")
        if feedback is not None and not feedback.shown:  # nothing left of it: as when kept
            self.sink("feedback", empty_feedback(self.correct))

    def _start(self, said: bool) -> None:
        correct, exercise = self.verdict(said), self.exercise
        self.correct = correct
        if correct != said:  # Claude's words are about the other verdict: not shown
            self.sink("feedback", overruled_feedback(correct))
        else:
            self.fields["feedback"] = ShownText(
                "feedback", feedback_stages(exercise, correct, self.cited), self.sink)
        move = self.wanted[correct]
        if move is None:
            return
        name = "next_if_right" if correct else "next_if_wrong"
        if move.kind == "hint":
            stages = hint_stages(exercise, move.concept.definition, self.cited)
        else:  # after a wrong answer the exercise waits (asked again, or after a step back)
            stages = explanation_stages(move, None if correct else exercise)
        self.fields[name] = ShownText("explanation" if move.kind == "explain" else "hint",
                                      stages, self.sink)
