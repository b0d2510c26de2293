"""Claude's text on its way to the learner: what each kind passes through before it is shown.

Every text the learner reads from a Claude reply (the feedback, an explanation, a hint, the
answer to a free question) is shown while it is written, piece by piece, to a
:data:`~tutor.engine.port.TextSink`, and kept whole when the reply is finished. Both go through
the same filters, in the same order, so that the streamed text is the finished text:

- citations first (:class:`~tutor.engine.claude.citations.CheckedText`): a citation of a page
  not given, or a quoted span not found in the cited page, is dropped;
- then the answer (:class:`~tutor.engine.claude.withhold.WithheldStream`): while an exercise is
  unsolved, its key, a true/false verdict and paraphrases are hidden;
- then the ends trimmed (:class:`Trimmed`), as the finished text is.

:class:`ShownText` runs one text through its stages; the ``*_stages`` functions say which
stages each kind has, and the ``kept_*`` functions give the finished text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from tutor.answers import mask_answer
from tutor.course import Chunk, Exercise
from tutor.engine.claude.citations import CheckedText, checked_citations
from tutor.engine.claude.withhold import WithheldStream, answer_keys, withhold_answer
from tutor.engine.port import NextMove, TextSink

Hide = Callable[[str], str]


def masking(exercises: Sequence[Exercise], then: Hide | None = None) -> Hide:
    """``then``, then each exercise's key masked (as the teach graph masks the finished text)."""
    def hide(text: str) -> str:
        if then is not None:
            text = then(text)
        for exercise in exercises:
            text = mask_answer(text, exercise)
        return text

    return hide


class Trimmed:
    """Leading space dropped, trailing space held until more text follows it (the finished
    text is stripped)."""

    def __init__(self) -> None:
        self.started = False
        self.held = ""

    def push(self, piece: str) -> str:
        if not self.started:
            piece = piece.lstrip()
            self.started = bool(piece)
        text = self.held + piece
        body = text.rstrip()
        self.held = text[len(body):]
        return body

    def finish(self) -> str:
        self.held = ""
        return ""


Stage = CheckedText | WithheldStream | Trimmed


class ShownText:
    """One text the learner reads, shown through its stages as it is written: give it the text
    so far (:meth:`grow`) or the next piece (:meth:`push`), then :meth:`close` it."""

    def __init__(self, kind: str, stages: list[Stage], sink: TextSink) -> None:
        self.kind, self.stages, self.sink = kind, [*stages, Trimmed()], sink
        self.seen = 0
        self.closed = False
        self.shown = False
        """Whether any text was passed on."""

    def grow(self, value: str) -> None:
        piece, self.seen = value[self.seen:], len(value)
        self.push(piece)

    def push(self, piece: str) -> None:
        for stage in self.stages:
            piece = stage.push(piece)
        if piece:
            self.shown = True
            self.sink(self.kind, piece)

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        piece = ""
        for stage in self.stages:
            piece = stage.push(piece) + stage.finish()
        if piece:
            self.shown = True
            self.sink(self.kind, piece)


def shown_pieces(pieces: Iterable[str], shown: ShownText | None) -> str:
    """The whole text of ``pieces``, each shown through ``shown`` as it comes."""
    text = ""
    for piece in pieces:
        text += piece
        if shown is not None:
            shown.push(piece)
    if shown is not None:
        shown.close()
    return text


# -- which stages each kind of text passes ----------------------------------------------------
def feedback_stages(exercise: Exercise, correct: bool, passages: Sequence[Chunk]) -> list[Stage]:
    """Feedback: citations checked; on a wrong answer the answer withheld."""
    stages: list[Stage] = [CheckedText(passages)]
    if not correct:  # a right answer is the learner's now: nothing to hide
        stages.append(WithheldStream(
            masking([exercise], lambda text: withhold_answer(text, exercise)[0]),
            answer_keys(exercise)))
    return stages


def hint_stages(exercise: Exercise, definition: str, passages: Sequence[Chunk]) -> list[Stage]:
    """A hint: citations checked; the answer withheld (paraphrases of the key and the
    definition too)."""
    return [CheckedText(passages), WithheldStream(
        masking([exercise], lambda text: withhold_answer(text, exercise, definition)[0]),
        answer_keys(exercise))]


def explanation_stages(move: NextMove, waiting: Exercise | None) -> list[Stage]:
    """An explanation: citations checked; the keys of the exercises that may be asked after it
    (:attr:`NextMove.withheld`) and, when an exercise waits (asked again after it), that one's
    key and verdict hidden."""
    held = list(move.withheld)
    keys = [key for e in held for key in answer_keys(e)]
    hide = masking(held)
    if waiting is not None:
        hide = masking([waiting, *held],
                       lambda text: withhold_answer(text, waiting, paraphrase=False)[0])
        keys += answer_keys(waiting)
    return [CheckedText(move.passages), WithheldStream(hide, keys)]


def answer_stages(passages: Sequence[Chunk], waiting: Exercise | None) -> list[Stage]:
    """The answer to a free question: citations checked against the passages it was given;
    the key of the exercise that waits masked (as the teach graph masks the message)."""
    if waiting is None:
        return [CheckedText(passages)]
    return [CheckedText(passages), WithheldStream(masking([waiting]), answer_keys(waiting))]


# -- the finished texts -----------------------------------------------------------------------
def kept_explanation(text: str, move: NextMove, waiting: Exercise | None) -> str:
    """An explanation as the lesson keeps it: citations checked; a waiting exercise's key and
    verdict held back (the exercise asked after a new explanation is masked by the graph)."""
    kept = checked_citations(text.strip(), move.passages)
    if waiting is not None:
        kept, _ = withhold_answer(kept, waiting, paraphrase=False)
    return kept.strip()


def kept_hint(text: str, exercise: Exercise, definition: str, passages: Sequence[Chunk]) -> str:
    """A hint as the lesson keeps it: citations checked, the answer withheld."""
    kept = checked_citations(text.strip(), passages)
    return withhold_answer(kept, exercise, definition)[0].strip()


def kept_feedback(passages: Sequence[Chunk]) -> Hide:
    """Feedback's citations checked (before the answer is withheld, as when streamed)."""
    return lambda text: checked_citations(text, passages).strip()
