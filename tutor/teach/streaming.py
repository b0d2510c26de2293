"""A turn's text shown while it is written: the feedback, then the explanation or the hint.

The lesson facade runs the teach graph in LangGraph's ``custom`` stream mode when a UI gives it
a :data:`~tutor.engine.port.TextSink` (:meth:`tutor.teach.lesson.Lesson.answer`). The grade
node hands an engine that plans turns (the Claude engine) a sink that writes to that stream
(:func:`turn_sink`); the engine streams its one structured reply and passes on the
learner-visible text as it is written, already withheld and citation-checked
(:mod:`tutor.engine.claude.turn_stream`). The pieces reach the UI in its own thread, in order.

An engine that does not stream (the offline engine), or a message no reply streamed (a hint
asked for separately, a move the turn did not write), reaches the sink whole, as one piece,
once the turn is over (:func:`show_unstreamed`), so a UI has one way to show text as it comes.
The UI shows the pieces for the moment only: when the turn is over it shows the messages the
turn returned, which are what the transcript keeps.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langgraph.config import get_stream_writer

from tutor.engine.port import TextSink
from tutor.teach.state import TutorMessage

STREAMED_KINDS = ("feedback", "explanation", "hint")
"""Messages whose text a turn shows as it is written."""


def turn_sink(streaming: bool) -> TextSink | None:
    """Inside a graph node: a sink writing to the run's ``custom`` stream, when the run is
    streamed (else ``None``: the engine need not stream)."""
    if not streaming:
        return None
    writer = get_stream_writer()

    def sink(kind: str, text: str) -> None:
        writer({"kind": kind, "text": text})

    return sink


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
