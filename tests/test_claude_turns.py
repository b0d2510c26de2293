"""One Messages API call per teaching turn, through the lesson facade, against the local fake.

A turn is one answer: the Claude engine grades it and writes the move the teach graph makes
next (the explanation of the next concept, a re-explanation, a hint) in one structured reply;
the graph then gets that text from the engine without another call. From the second call on,
the cached prefix (persona, rules, teaching guide, course context and material) is read from
the prompt cache.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.claude_lesson_support import tasks_sent, write_course
from tests.factories import COURSE, make_chunks
from tutor.context import TutorContext
from tutor.course import Chunk
from tutor.engine.claude import UsageLog
from tutor.engine.claude.withhold import PLACEHOLDER
from tutor.teach.lesson import CoursePassages, Lesson
from tutor.testing.claude_replies import TutorResponder, claude_engine
from tutor.testing.fake_anthropic import FakeAnthropic

FILLER = [
    "Arrays are laid out in one block of memory, so the address of any element is the start "
    "address plus the index times the element size. That is why reading element i takes the "
    "same time whatever i is, and why inserting in the middle means moving every later element.",
    "Sorting algorithms differ in how many comparisons they make. Insertion sort is simple and "
    "quick on short or nearly sorted arrays; merge sort splits the array in halves, sorts each "
    "half and merges them, and takes time proportional to n log n on any input.",
    "Binary search keeps two bounds, low and high, and looks at the middle element between them. "
    "If the middle element is smaller than the item, the search goes on in the upper half; if "
    "larger, in the lower half. Each comparison halves what is left to search.",
    "A hash function turns a key into a slot number. A good hash function spreads keys evenly "
    "over the slots, so that few keys collide. When two keys land in the same slot, the table "
    "keeps both, for example in a short list per slot, and compares keys to tell them apart.",
]


def richer_chunks(rounds: int = 3) -> list[Chunk]:
    """The test course's passages plus pages of further reading (16 passages, about 4,500
    characters: a short course; the share below grows with the material)."""
    extra = [Chunk(id=f"notes.md#p{10 + n}-0", source="notes.md", page=10 + n,
                   text=f"(Part {n // len(FILLER) + 1}.) {text}", heading="Further reading",
                   order=100 + n)
             for n, text in enumerate(FILLER * rounds)]
    return make_chunks() + extra


@pytest.fixture
def fake() -> Iterator[FakeAnthropic]:
    with FakeAnthropic(TutorResponder()) as server:
        yield server


def _lesson(home: Path, fake: FakeAnthropic, usage: UsageLog) -> Lesson:
    course = write_course(home)
    return Lesson(COURSE, "ana", context=TutorContext.from_env(engine="offline"),
                  engine=claude_engine(fake, usage=usage),
                  passages=CoursePassages(course, richer_chunks()))


def _wrong(lesson: Lesson) -> str:
    exercise = lesson.course.exercise(lesson.pending.id)  # type: ignore[union-attr]
    others = [c for c in exercise.choices or [] if c != exercise.answer]
    return others[0] if others else "something else entirely"


def test_every_answer_costs_one_call_and_the_next_move_comes_with_it(
    tutor_home: Path, fake: FakeAnthropic
) -> None:
    usage = UsageLog()
    with _lesson(tutor_home, fake, usage) as lesson:
        lesson.start()
        per_turn: list[list[str]] = []
        explanations = 0
        for turn in range(12):
            if lesson.pending is None:  # the small course has nothing left to ask today
                break
            exercise = lesson.course.exercise(lesson.pending.id)
            sent = len(fake.message_requests())
            said = lesson.answer(_wrong(lesson) if turn % 3 == 0 else exercise.answer)
            per_turn.append(tasks_sent(fake, sent))
            explanations += sum(1 for m in said if m.kind == "explanation")
    assert len(per_turn) >= 8 and per_turn == [["teach_turn"]] * len(per_turn)
    assert explanations >= 3  # new concepts and re-explanations were taught along the way
    assert fake.message_requests()[0].body["stream"]  # the first explanation is streamed


def test_an_explanation_written_by_the_turn_is_what_the_learner_reads(
    tutor_home: Path, fake: FakeAnthropic
) -> None:
    usage = UsageLog()
    with _lesson(tutor_home, fake, usage) as lesson:
        lesson.start()
        said = lesson.answer(_wrong(lesson))  # a wrong answer: explained again, another style
    explanation = next(m for m in said if m.kind == "explanation")
    turn = fake.message_requests()[-1].body
    assert "concept with id 'array'" in turn["messages"][0]["content"]
    # The turn's text, with the pending exercise's answer ("array") withheld.
    assert explanation.text.startswith(f"**{PLACEHOLDER}**:")
    assert "(notes.md p. 1)" in explanation.text and "Put simply" in explanation.text
    assert [r.task for r in usage.records()] == ["explain", "teach_turn"]


def test_the_cached_prefix_is_most_of_every_prompt_from_the_second_call_on(
    tutor_home: Path, fake: FakeAnthropic
) -> None:
    usage = UsageLog()
    with _lesson(tutor_home, fake, usage) as lesson:
        lesson.start()
        for turn in range(6):
            exercise = lesson.course.exercise(lesson.pending.id)  # type: ignore[union-attr]
            lesson.answer(_wrong(lesson) if turn % 2 else exercise.answer)
    records = usage.records()
    assert records[0].cache_write_tokens > 0 and records[0].cache_read_tokens == 0
    later = records[1:]
    read = sum(r.cache_read_tokens for r in later)
    prompt = sum(r.cache_read_tokens + r.input_tokens + r.cache_write_tokens for r in later)
    assert read / prompt >= 0.8
    system = fake.message_requests()[1].body["system"]
    assert "teaching turn" in system[0]["text"] and "<course_material>" in system[1]["text"]
    assert "<passage id=" not in fake.message_requests()[1].body["messages"][0]["content"]


def test_stepping_back_and_coming_back_cost_no_second_call(
    tutor_home: Path, fake: FakeAnthropic
) -> None:
    usage = UsageLog()
    with _lesson(tutor_home, fake, usage) as lesson:
        model = lesson.store.load("ana", COURSE)
        lesson.store.save(model.model_copy(update={"concepts": {
            "array": model.mastery("array").model_copy(
                update={"p_known": 0.99, "attempts": 3, "correct": 3,
                        # known, but its review is due: recall may have dropped
                        "due": lesson.deps.clock() - timedelta(days=1)})}}))
        lesson.focus("sorting")
        per_turn: list[list[str]] = []
        said: list[str] = []
        for _ in range(8):
            exercise = lesson.course.exercise(lesson.pending.id)  # type: ignore[union-attr]
            sent = len(fake.message_requests())
            # Wrong on sorting until the tutor steps back; right on the prerequisite.
            reply = lesson.answer(_wrong(lesson) if exercise.concept_id == "sorting"
                                  else exercise.answer)
            per_turn.append(tasks_sent(fake, sent))
            said += [m.text for m in reply]
            if any("Now back to" in text for text in said):
                break
    assert any("step back to **array**" in text for text in said)
    assert any("Now back to **sorting**" in text for text in said)
    assert per_turn == [["teach_turn"]] * len(per_turn)
