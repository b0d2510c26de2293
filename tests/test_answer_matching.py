"""One answer matching for both engines: option number, letter, text and true/false words.

The contract runs the offline engine and the Claude engine (against the local fake Messages
API) on the same inputs and expects the same verdicts. On the Claude side two models are
played: one that judges well, and one that only accepts the option's exact text (the way the
engine used to override Claude): code decides choice exercises, so both give the same verdicts,
and where the model disagreed the answer is flagged for the author.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from tutor.answers import (
    chosen_option,
    exact_number,
    key_verdict,
    mask_answer,
    number_kind,
    reveals_answer,
)
from tutor.course import Exercise, ExerciseKind
from tutor.engine.offline import OfflineEngine
from tutor.engine.port import Engine
from tutor.testing.claude_replies import TutorResponder, claude_engine
from tutor.testing.fake_anthropic import FakeAnthropic, user_text

MC = Exercise(id="m-mc", concept_id="binary-search", kind=ExerciseKind.MULTIPLE_CHOICE,
              prompt="Which method halves the range of a sorted array at each step?",
              answer="binary search", choices=["linear search", "binary search", "hashing"])
TRUE = Exercise(id="m-true", concept_id="array", kind=ExerciseKind.TRUE_FALSE,
                prompt="True or false: an array element is found by its index.",
                answer="True", choices=["True", "False"])
FALSE = Exercise(id="m-false", concept_id="array", kind=ExerciseKind.TRUE_FALSE,
                 prompt="True or false: an array element is found by a hash function.",
                 answer="False", choices=["True", "False"])
CLOZE = Exercise(id="m-cloze", concept_id="binary-search", kind=ExerciseKind.CLOZE,
                 prompt="____ halves the range of a sorted array at each step.",
                 answer="binary search", accepted=["bisection search"])

CASES: list[tuple[Exercise, str, bool]] = [
    *[(MC, said, True) for said in ["2", "2.", "b", "B", "(b)", "b)", "option 2",
                                     "binary search", "Binary Searches", "  BINARY   search "]],
    *[(MC, said, False) for said in ["1", "a", "3", "c)", "linear search", "Hashing"]],
    *[(TRUE, said, True) for said in ["T", "t", "true", "True.", "yes", "Y", "correct", "a",
                                       "1"]],
    *[(TRUE, said, False) for said in ["F", "false", "no", "N", "wrong", "b", "2"]],
    *[(FALSE, said, True) for said in ["F", "f", "False", "no", "incorrect", "b", "2"]],
    *[(FALSE, said, False) for said in ["T", "yes", "true", "a", "1"]],
    *[(CLOZE, said, True) for said in ["binary search", "Binary Search.", "binary-search",
                                        "bisection search", "binary serch",
                                        "it is binary search"]],
    *[(CLOZE, said, False) for said in ["linear search", "not binary search", "hashing"]],
]


class JudgingResponder(TutorResponder):
    """A model that grades well: it resolves option numbers, letters and verdict words."""

    def _grade(self, text: str, body: dict[str, Any]) -> dict[str, Any]:
        blocks = [json.loads(b) for b in re.findall(r"<data>\n(.*?)\n</data>", text, re.S)]
        reference = blocks[1]
        given = re.search(r"<learner_answer>\n(.*?)\n</learner_answer>", text, re.S)
        exercise = Exercise(id=reference["id"], concept_id="c", kind=reference["kind"],
                            prompt=reference["prompt"], answer=reference["answer"],
                            choices=reference.get("choices"),
                            accepted=reference.get("accepted", []))
        correct = bool(key_verdict(exercise, given.group(1) if given else ""))
        return {"correct": correct, "score": float(correct),
                "feedback": "Right." if correct else "Not that one.",
                "matched_points": [], "missing_points": [], "misconception": ""}


@pytest.fixture(params=["offline", "claude-judging", "claude-exact"])
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    if request.param == "offline":
        yield OfflineEngine()
        return
    responder = JudgingResponder() if request.param == "claude-judging" else TutorResponder()
    with FakeAnthropic(responder) as fake:
        claude = claude_engine(fake)
        yield claude
        assert claude.fallbacks == [], "the Claude engine fell back during the contract"
        assert len(fake.message_requests()) == len(CASES)  # each answer went to Claude


def test_both_engines_give_the_same_verdicts(engine: Engine) -> None:
    verdicts = [(exercise.id, said, engine.grade(exercise, said).correct)
                for exercise, said, _ in CASES]
    expected = [(exercise.id, said, right) for exercise, said, right in CASES]
    assert verdicts == expected


def test_a_model_that_misjudges_an_option_number_is_overruled_and_flagged() -> None:
    with FakeAnthropic(TutorResponder()) as fake:  # accepts only the option's exact text
        claude = claude_engine(fake)
        grade = claude.grade(MC, "2")
        sent = user_text(fake.message_requests()[0].body)
    assert grade.correct and grade.score == 1.0
    assert "<learner_answer>\n2\n</learner_answer>" in sent
    flags = claude.review_flags.all()
    assert [(f.exercise_id, f.answer, f.claude_correct, f.verdict) for f in flags] == [
        ("m-mc", "2", False, True)]


def test_an_agreeing_model_raises_no_flag() -> None:
    with FakeAnthropic(JudgingResponder()) as fake:
        claude = claude_engine(fake)
        assert claude.grade(MC, "b").correct
        assert not claude.grade(MC, "a").correct
    assert claude.review_flags.all() == []


def test_option_matching_edges() -> None:
    assert chosen_option(MC, "4") is None and chosen_option(MC, "d") is None
    assert chosen_option(MC, "not binary search") is None  # a negation picks nothing
    assert chosen_option(TRUE, "I'd mark this true") is None  # no verdict inside a sentence
    assert key_verdict(CLOZE, "binary sort") is None  # near, not equal: judgement needed


def test_masking_is_shared_and_whole_word() -> None:
    assert mask_answer("Binary searches are fast; binary search wins.", MC) == (
        "[…] are fast; […] wins.")
    assert not reveals_answer("a binaryish searcher", MC)


def test_masking_spares_file_names_and_is_safe_to_render() -> None:
    from tutor.answers import MASK, mask_answer
    from tutor.course import Exercise, ExerciseKind

    exercise = Exercise(id="e-cloze-1", concept_id="e", kind=ExerciseKind.CLOZE,
                        prompt="An _____ is a set of outcomes.", answer="experiment")
    text = "An experiment has outcomes (Source: 01-chance-and-experiment.pdf, experiment.md)."
    masked = mask_answer(text, exercise)
    assert masked.startswith(f"An {MASK} has outcomes")
    assert "01-chance-and-experiment.pdf" in masked and "experiment.md" in masked
    assert set(MASK.strip()) - set("_-*=") and not MASK.startswith(("#", ">", "-"))


def test_a_number_key_is_not_masked_in_a_page_label() -> None:
    # A "what does this print?" item keyed "6" once blanked every citation of page 6 in the
    # explanations shown before it ("*Source: coding.book.pdf p. […]*").
    printed = Exercise(id="f-out-1", concept_id="f", kind=ExerciseKind.MULTIPLE_CHOICE,
                       prompt="What does `3!` print?", answer="6", choices=["5", "6", "7"])
    text = "Three factorial is 6.\n\n*Source: book.pdf p. 6* (book.pdf p. 6; pp. 6, page 6)"
    assert mask_answer(text, printed) == (
        "Three factorial is […].\n\n*Source: book.pdf p. 6* (book.pdf p. 6; pp. 6, page 6)")
    assert not reveals_answer("*Source: book.pdf p. 6*", printed)
    assert reveals_answer("It prints 6.", printed)


def test_a_names_words_are_masked_in_a_description_but_not_in_a_file_name() -> None:
    from tutor.answers import MASK
    from tutor.name_masking import mask_name_words

    said = "an experiment whose outcome cannot be predicted (Source: experiments.pdf)"
    assert mask_name_words(said, ["random experiment"]) == (
        f"a(n) {MASK} whose outcome cannot be predicted (Source: experiments.pdf)")
    assert mask_name_words("A function that returns functions", ["fruitful function"]) == (
        f"A(n) {MASK} that returns {MASK}")
    assert mask_name_words("Random experiments, experimented on", ["random experiment"]) == (
        f"{MASK}, {MASK} on")  # a run of masked words is one mask; any form of the word
    assert mask_name_words("a set of outcomes", ["event"]) == "a set of outcomes"


def test_one_number_as_a_program_shows_it() -> None:
    from fractions import Fraction

    assert [number_kind(t) for t in ("-3", "2.50", "15/2")] == ["integer", "decimal", "fraction"]
    assert [number_kind(t) for t in ("1,000", ".5", "2.5/3", "3 ", "1e5", "x")] == [""] * 6
    assert exact_number("15/2") == Fraction(15, 2) and exact_number("-2.50") == Fraction(-5, 2)
    assert exact_number("3/0") is None and number_kind("3/0") == "fraction"
    assert exact_number("2.5/3") is None
