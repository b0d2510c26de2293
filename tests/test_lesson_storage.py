"""Light lesson storage: the whole transcript beside small checkpoints, old checkpoints pruned."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.factories import open_lesson
from tutor.context import TutorContext
from tutor.database import open_database
from tutor.teach.lesson_storage import LessonStorage, checkpoint_serde
from tutor.teach.state import TRANSCRIPT_LIMIT


@pytest.fixture
def context(demo_context: TutorContext) -> TutorContext:
    return demo_context


def _rows(context: TutorContext, table: str) -> int:
    with sqlite3.connect(Path(context.data) / "lessons.sqlite") as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _long_lesson(context: TutorContext, questions: int) -> list[str]:
    """Ask ``questions`` free questions; returns what the learner said, in order."""
    lesson = open_lesson(context)
    lesson.start()
    asked = [f"what is question number {i}?" for i in range(questions)]
    for question in asked:
        lesson.ask(question)
    lesson.close()
    return asked


def test_the_whole_transcript_outlives_the_checkpointed_window(context: TutorContext) -> None:
    asked = _long_lesson(context, TRANSCRIPT_LIMIT)  # each question says 3 messages
    lesson = open_lesson(context)
    learner_said = [m.text for m in lesson.transcript if m.kind == "learner"]
    assert learner_said == asked
    assert lesson.message_count() == len(lesson.transcript) > 3 * TRANSCRIPT_LIMIT
    recent = lesson.recent_messages(5)
    assert [m.text for m in recent] == [m.text for m in lesson.transcript[-5:]]
    lesson.close()


def test_only_the_latest_checkpoint_of_a_thread_is_kept(context: TutorContext) -> None:
    _long_lesson(context, 6)
    assert _rows(context, "checkpoints") == 1
    lesson = open_lesson(context)  # resumes from it: the same exercise is waiting
    waiting = lesson.pending
    assert waiting is not None
    resumed = lesson.start()
    assert resumed[-1].exercise is not None and resumed[-1].exercise.id == waiting.id
    lesson.close()


def test_messages_checkpointed_but_not_copied_are_copied_on_resume(
    context: TutorContext,
) -> None:
    _long_lesson(context, 2)
    with sqlite3.connect(Path(context.data) / "lessons.sqlite") as connection:
        last = connection.execute("SELECT max(seq) FROM lesson_transcript").fetchone()[0]
        # As if the process was killed between the checkpoint and the copy of the last turn.
        connection.execute("DELETE FROM lesson_transcript WHERE seq > ?", (last - 3,))
    lesson = open_lesson(context)
    lesson.start()
    assert lesson.transcript[-3].text == "what is question number 1?"
    lesson.close()


def test_recording_twice_stores_each_message_once(tmp_path: Path) -> None:
    storage = LessonStorage(open_database(tmp_path / "lessons.sqlite"))
    first = [{"kind": "info", "text": str(i)} for i in range(3)]
    storage.record("t", 3, first)
    storage.record("t", 5, first[1:] + [{"kind": "info", "text": "3"},
                                       {"kind": "info", "text": "4"}])
    storage.record("t", 5, first[1:] + [{"kind": "info", "text": "3"},
                                       {"kind": "info", "text": "4"}])
    assert [m["text"] for m in storage.transcript("t")] == ["0", "1", "2", "3", "4"]
    assert [m["text"] for m in storage.transcript("t", 2)] == ["3", "4"]
    assert storage.transcript("other") == []


def test_checkpoints_are_compressed_and_older_plain_ones_still_load() -> None:
    from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

    serde = checkpoint_serde()
    state = {"transcript": [{"kind": "info", "text": "the same words again"}] * 50}
    kind, data = serde.dumps_typed(state)
    assert kind.endswith("+zlib") and len(data) < len(JsonPlusSerializer().dumps_typed(state)[1]) / 4
    assert serde.loads_typed((kind, data)) == state
    assert serde.loads_typed(JsonPlusSerializer().dumps_typed(state)) == state  # written before
    short = serde.dumps_typed(3)
    assert short[0].endswith("+raw") and serde.loads_typed(short) == 3
