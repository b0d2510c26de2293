"""A free question asked while an exercise waits: the answer keeps the course's sentences whole,
taken from text that does not give the exercise away, or comes after the attempt."""

from __future__ import annotations

from pathlib import Path

from tests.claude_lesson_support import claude_lesson
from tests.factories import Shown, open_lesson
from tutor.answers import MASK, reveals_answer
from tutor.context import TutorContext
from tutor.course import Chunk, Exercise, ExerciseKind
from tutor.engine.offline.tutoring.answering import answer_question
from tutor.teach.waiting_answers import (
    AFTER_THE_ATTEMPT,
    passages_without_key,
    quoted_answer,
)
from tutor.testing.claude_replies import TutorResponder
from tutor.testing.fake_anthropic import FakeAnthropic, task_of, user_text

EXPERIMENT = Exercise(id="experiment-cloze", concept_id="experiment", kind=ExerciseKind.CLOZE,
                      prompt="A process whose result is not known in advance is an _____.",
                      answer="experiment")
PAGE = Chunk(id="notes.md#p2-0", source="notes.md", page=2, order=20, heading="Variables",
             text="A random variable assigns a number to every outcome of an experiment.\n\n"
                  "A random variable gives every outcome a number, as a function does.")
OTHER = Chunk(id="notes.md#p3-0", source="notes.md", page=3, order=30, heading="Dice",
              text="A die has six faces. Each face is equally likely.")


def _offline(question: str):  # type: ignore[no-untyped-def]
    return lambda given: answer_question(question, given)


def test_the_paragraphs_holding_the_key_are_set_aside() -> None:
    kept = passages_without_key([PAGE, OTHER], EXPERIMENT)
    assert [c.id for c in kept] == [PAGE.id, OTHER.id]
    assert kept[0].text == "A random variable gives every outcome a number, as a function does."
    assert kept[1] is OTHER
    only_key = PAGE.model_copy(update={"text": "An experiment has outcomes."})
    assert passages_without_key([only_key], EXPERIMENT) == []


def test_an_answer_that_would_quote_the_key_is_taken_from_another_sentence() -> None:
    question = "What does a random variable assign to every outcome?"
    assert reveals_answer(answer_question(question, [PAGE, OTHER]).text, EXPERIMENT)
    answer = quoted_answer(question, [PAGE, OTHER], EXPERIMENT, _offline(question))
    assert answer.found and "as a function does" in answer.text
    assert not reveals_answer(answer.text, EXPERIMENT) and MASK not in answer.text
    free = quoted_answer(question, [PAGE, OTHER], None, _offline(question))
    assert "experiment" in free.text  # nothing waits: the best sentences, as they are


def test_a_question_only_the_key_answers_is_answered_after_the_attempt(
    demo_context: TutorContext
) -> None:
    lesson = open_lesson(demo_context)
    lesson.start()
    assert lesson.pending is not None and lesson.pending.id == "array-cloze"  # key: "array"
    reply = lesson.ask("What is stored next to each other?")
    assert reply[0].kind == "answer" and reply[0].text == AFTER_THE_ATTEMPT
    assert MASK not in reply[0].text
    lesson.close()


def test_claude_is_given_only_the_passages_that_keep_the_key(tutor_home: Path) -> None:
    with FakeAnthropic(TutorResponder()) as fake:
        lesson, _ = claude_lesson(tutor_home, fake)
        lesson.start()
        assert lesson.pending is not None
        pending = lesson.course.exercise(lesson.pending.id)
        reply = lesson.ask("How do a hash table and binary search each find a value?",
                           shown=Shown())
        [request] = [r for r in fake.message_requests()
                     if task_of(r.body) == "answer_question"]
        sent = user_text(request.body)
    assert reply[0].kind == "answer" and MASK not in reply[0].text
    assert "Collisions happen" in sent and not reveals_answer(sent, pending)
    lesson.close()
