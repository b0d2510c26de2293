"""One masking path for items that ask for a name: the description they quote keeps none of the
name's own words, on the offline engine and on the Claude engine alike."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tutor.answers import MASK
from tutor.course import Concept, ExerciseKind
from tutor.name_masking import description_without_name, prompt_without_name
from tutor.testing.claude_replies import TutorResponder, claude_engine, sample_chunks
from tutor.testing.fake_anthropic import FakeAnthropic

NAMES = ["random experiment"]


def test_a_quoted_description_is_masked_and_the_question_around_it_kept() -> None:
    prompt = 'Which term matches this description: "an experiment whose outcome is unknown"?'
    assert prompt_without_name(prompt, NAMES) == (
        f'Which term matches this description: "a(n) {MASK} whose outcome is unknown"?')
    # the question's own words stay when the name shares them: only the quote is masked
    assert prompt_without_name('Which term matches: "a word a glossary explains"?',
                               ["term"]) == 'Which term matches: "a word a glossary explains"?'


def test_without_quotes_what_follows_the_lead_is_masked_else_the_whole_prompt() -> None:
    assert prompt_without_name("Name the idea: an experiment with an unknown outcome.",
                               NAMES) == f"Name the idea: a(n) {MASK} with an unknown outcome."
    assert prompt_without_name("Which idea is a random draw of one outcome?", NAMES) == (
        f"Which idea is a(n) {MASK} draw of one outcome?")


def test_a_description_said_in_the_name_s_words_only_is_refused() -> None:
    assert description_without_name("a random experiment", NAMES) is None
    assert prompt_without_name('Which term matches: "random experiments"?', NAMES) is None
    assert description_without_name("a set of outcomes", ["event"]) == "a set of outcomes"


@pytest.fixture
def fake() -> Iterator[FakeAnthropic]:
    with FakeAnthropic(TutorResponder()) as server:
        yield server


def _item(prompt: str, answer: str, choices: list[str]) -> dict[str, object]:
    return {"kind": "multiple_choice", "prompt": prompt, "answer": answer, "choices": choices,
            "misconceptions": [], "key_points": [], "explanation": "", "chunk_id": "",
            "difficulty": 0.4, "origin": "definition"}


def test_the_claude_engine_s_which_term_items_are_masked_like_the_offline_ones(
        fake: FakeAnthropic) -> None:
    concept = Concept(id="random-experiment", name="Random experiment",
                      aliases=["chance experiment"],
                      definition="A random experiment is an experiment whose outcome cannot "
                                 "be predicted.")
    options = ["Random experiment", "Event", "Sample space"]
    description = "an experiment whose outcome cannot be predicted"
    fake.enqueue({"exercises": [
        _item(f'Which term matches this description: "{description}"?', "Random experiment",
              options),
        _item('Which term matches this description: "a chance experiment"?',
              "random experiment", options),  # nothing left once masked: not asked
        _item(f'Which option is an event of "{description}"?', "Event", options),
    ]})
    exercises = claude_engine(fake).write_exercises(concept, [], sample_chunks())
    assert [e.answer for e in exercises] == ["Random experiment", "Event"]
    masked = description_without_name(description, [concept.name, *concept.aliases])
    assert masked is not None and "experiment" not in masked.lower()
    assert exercises[0].prompt == f'Which term matches this description: "{masked}"?'
    # an item keyed to another name is left as written
    assert exercises[1].prompt == f'Which option is an event of "{description}"?'
    assert all(e.kind is ExerciseKind.MULTIPLE_CHOICE for e in exercises)
