"""The text of a lesson step shown while it is written: the feedback, an explanation, a hint,
the answer to a free question.

The lesson facade runs the teach graph in LangGraph's ``custom`` stream mode when a UI gives it
a :data:`~tutor.engine.port.TextSink` (``Lesson.start``, ``answer``, ``hint``, ``ask``, ...). A
node that writes text hands the engine a sink that writes to that stream (:func:`node_sink`):
the grade node to an engine that plans turns (the Claude engine streams its one structured
reply: the feedback, then the move, :mod:`tutor.engine.claude.turn_stream`), and the explain,
hint and question nodes to an engine that streams text (:class:`~tutor.engine.port.
StreamsText`, through :func:`write_explanation`, :func:`write_hint`, :func:`write_answer`). The
engine passes on the learner-visible text already withheld and citation-checked; the node adds
what it adds to the message (a hint's "Hint N: ", the exercise's explanation after a right
answer), so the text streamed is the text kept. The pieces reach the UI in its own thread.

An engine that does not stream (the offline engine), or a message no reply streamed, reaches
the sink whole, as one piece, once the step is over (:func:`show_unstreamed`), so a UI has one
way to show text as it comes. The UI shows the pieces for the moment only: when the step is
over it shows the messages it returned, which are what the transcript keeps.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langgraph.config import get_stream_writer

from tutor.course import Chunk, Concept, Exercise
from tutor.engine.port import Explanation, GroundedAnswer, Hint, NextMove, StreamsText, TextSink
from tutor.teach.context import TeachDeps
from tutor.teach.state import TutorMessage
from tutor.teach.waiting_answers import later, passages_without_key, quoted_answer

STREAMED_KINDS = ("feedback", "explanation", "hint", "answer")
"""Messages whose text a step shows as it is written."""


def hint_label(level: int) -> str:
    """What a hint message starts with."""
    return f"Hint {level}: "


class NodeSink:
    """A node's sink on the run's ``custom`` stream: the first piece of a kind in ``labels``
    gets its label in front (as the message has it); :meth:`more` adds to a kind already
    shown (one not shown goes whole, after the step)."""

    def __init__(self, labels: dict[str, str] | None = None) -> None:
        self.writer = get_stream_writer()
        self.labels = dict(labels or {})
        self.written: set[str] = set()

    def __call__(self, kind: str, text: str) -> None:
        if kind not in self.written:
            self.written.add(kind)
            text = self.labels.get(kind, "") + text
        self.writer({"kind": kind, "text": text})

    def more(self, kind: str, text: str) -> None:
        if kind in self.written and text:
            self(kind, text)


def node_sink(deps: TeachDeps, labels: dict[str, str] | None = None) -> NodeSink | None:
    """Inside a graph node: a sink writing to the run's stream when it is streamed, else
    ``None`` (the engine need not stream)."""
    return NodeSink(labels) if deps.stream_turns else None


def write_explanation(deps: TeachDeps, move: NextMove, waiting: Exercise | None) -> Explanation:
    """The explanation ``move`` names, shown while it is written when the engine can."""
    if isinstance(deps.engine, StreamsText):
        return deps.engine.explain_streamed(move, waiting, node_sink(deps))
    return deps.engine.explain(move.concept, move.style, move.passages, move.prerequisites,
                               move.learner)


def write_hint(deps: TeachDeps, exercise: Exercise, concept: Concept, level: int,
               tried: Sequence[int] = ()) -> Hint:
    """Hint ``level``, shown (after its label) while it is written when the engine can;
    ``tried``: the options the learner already picked for ``exercise``."""
    if isinstance(deps.engine, StreamsText):
        return deps.engine.hint_streamed(exercise, concept, level,
                                         node_sink(deps, {"hint": hint_label(level)}), tried)
    return deps.engine.hint(exercise, concept, level, tried)


def write_answer(deps: TeachDeps, question: str, passages: list[Chunk],
                 waiting: Exercise | None) -> GroundedAnswer:
    """The answer to a free question, shown while it is written when the engine can; course
    text holding the key of the ``waiting`` exercise is kept out of it
    (:mod:`tutor.teach.waiting_answers`)."""
    if isinstance(deps.engine, StreamsText):
        if waiting is not None:
            passages = passages_without_key(passages, waiting)
            if not passages:
                return later(question)
        return deps.engine.answer_streamed(question, passages, waiting, node_sink(deps))
    engine = deps.engine
    return quoted_answer(question, passages, waiting,
                         lambda given: engine.answer_question(question, given))


def run_streamed(graph: Any, payload: Any, config: Any, context: Any,
                 shown: TextSink) -> tuple[dict[str, Any], set[str]]:
    """Run ``graph`` as ``invoke`` would, passing the text pieces its nodes write to ``shown``
    as they come; the final values (``__interrupt__`` included) and the kinds streamed."""
    values: dict[str, Any] = {}
    streamed: set[str] = set()
    for mode, chunk in graph.stream(payload, config, context=context, durability="sync",
                                    stream_mode=["custom", "values"]):
        if mode == "custom" and isinstance(chunk, dict) and chunk.get("text"):
            shown(str(chunk.get("kind", "")), str(chunk["text"]))
            streamed.add(str(chunk.get("kind", "")))
        elif mode == "values":
            values = dict(chunk)
    return values, streamed


def show_unstreamed(replies: Sequence[TutorMessage], streamed: set[str],
                    shown: TextSink) -> None:
    """Each reply of a streamed kind that no piece was written for, whole, as one piece."""
    for message in replies:
        if message.kind in STREAMED_KINDS and message.kind not in streamed and message.text:
            shown(message.kind, message.text)
