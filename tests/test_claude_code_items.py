"""Code-output exercises the model writes are kept only when running their session shows the
model's key; the fake Messages API writes one from a passage's session."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest

from tutor.course import Chunk, Concept, ExerciseKind, ExerciseOrigin
from tutor.engine.claude import code_items
from tutor.engine.claude.schemas import ExerciseItem, ExercisesReply
from tutor.engine.claude.studying import exercises_from
from tutor.engine.offline.code_output import code_sandbox
from tutor.testing.claude_replies import TutorResponder, claude_engine
from tutor.testing.fake_anthropic import FakeAnthropic

CONCEPT = Concept(id="floor-division", name="floor division",
                  definition="Floor division divides two numbers and rounds down.")
PASSAGE = Chunk(id="notes.md#p1-0", source="notes.md", page=1, order=0,
                heading="Floor division",
                text="Floor division divides and rounds down to an integer:\n"
                     ">>> minutes = 105\n>>> minutes // 60\n1\nThe result is whole hours.")


def fake_run(outputs: dict[tuple[str, ...], list[str] | None]):
    def run(statements: Sequence[str]) -> list[str] | None:
        return outputs.get(tuple(statements))
    return run


def test_a_session_is_kept_with_what_the_interpreter_shows():
    run = fake_run({("t = [3, 1, 2]", "t.sort()", "t", "len(t)"): ["", "", "[1, 2, 3]", "3"]})
    session = code_items.checked_session(["t = [3, 1, 2]", "t.sort()", "t", "len(t)"], "3",
                                         run)
    assert session is not None and session.key == "3"
    assert session.shown == ">>> t = [3, 1, 2]\n>>> t.sort()\n>>> t\n[1, 2, 3]\n>>> len(t)"


def test_a_session_showing_something_else_or_not_running_is_dropped():
    run = fake_run({("7 // 2",): ["3"], ("print(",): None, ("x = 1",): [""]})
    assert code_items.checked_session(["7 // 2"], "3.5", run) is None
    assert code_items.checked_session(["print("], "", run) is None
    assert code_items.checked_session(["x = 1"], "1", run) is None  # shows nothing
    assert code_items.checked_session([f"x{n} = {n}" for n in range(9)] + ["x8"], "8",
                                      run) is None  # too long to ask


def test_a_code_item_in_a_reply_becomes_a_blank_after_the_session(monkeypatch):
    monkeypatch.setattr(code_sandbox, "replay", fake_run({
        ("minutes = 105", "minutes // 60"): ["", "1"],
        ("7 // 2",): ["3"]}))
    reply = ExercisesReply(exercises=[
        ExerciseItem(kind="short_answer", prompt="What does Python show after the last line?",
                     answer="1", chunk_id=PASSAGE.id, origin="code_output",
                     code=["minutes = 105", "minutes // 60"]),
        ExerciseItem(kind="cloze", prompt="What does this show?", answer="3.5",
                     chunk_id=PASSAGE.id, origin="code_output", code=["7 // 2"]),
        ExerciseItem(kind="true_false", prompt="Floor division always returns an int.",
                     answer="False", chunk_id=PASSAGE.id, origin="contrast"),
    ])
    code, other = exercises_from(reply, CONCEPT, [PASSAGE])  # the wrong key (3.5) is dropped
    assert code.kind == ExerciseKind.CLOZE and code.origin == ExerciseOrigin.CODE_OUTPUT
    assert code.answer == "1" and ">>> minutes // 60\n```" in code.prompt
    assert code.checked_by == "execution" and other.checked_by == ""
    assert code.prompt.endswith(code_items.QUESTION_BLANK)
    assert other.origin == ExerciseOrigin.CONTRAST


@pytest.fixture
def fake() -> Iterator[FakeAnthropic]:
    with FakeAnthropic(TutorResponder()) as server:
        yield server


@pytest.mark.e2e
def test_the_model_s_code_item_is_run_by_the_sandbox(fake):
    engine = claude_engine(fake)
    exercises = engine.write_exercises(CONCEPT, [], [PASSAGE])
    code = [e for e in exercises if e.origin == ExerciseOrigin.CODE_OUTPUT]
    assert len(code) == 1 and code[0].answer == "1"
    assert "```python\n>>> minutes = 105\n>>> minutes // 60\n```" in code[0].prompt
    assert engine.check_exercise(code[0], CONCEPT, [PASSAGE]).ok
