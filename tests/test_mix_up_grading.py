"""A mix-up item asks which idea a classmate's note describes: an answer with the two ideas the
wrong way round uses the key's words and must still be wrong, on either engine."""

from __future__ import annotations

import pytest

from tutor.answers import key_verdict, mix_up_note, mix_up_sides, reversed_diagnosis
from tutor.course import Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.tutoring.grading import contrast, grade

P_VALUE = ("the probability of seeing an effect as big as the observed effect by chance, if the "
           "null hypothesis is true")
MIX_UP = Exercise(
    id="p-value-contrast-1", concept_id="p-value", kind=ExerciseKind.SHORT_ANSWER,
    prompt=('A classmate writes in her notes: "P-value: the probability of a positive test if '
            'the null hypothesis is false." What has she mixed up? Name the idea her note '
            "describes, and say what p-value is."),
    answer=f"The note gives the course's description of power. P-value: {P_VALUE}.",
    key_points=["power: the note describes power", f"p-value: {P_VALUE}"],
    origin=ExerciseOrigin.CONTRAST)

RIGHT = [
    "That is power. The p-value is the probability of seeing an effect as big as the observed "
    "one by chance if the null hypothesis is true.",
    "Her note describes power, not the p-value; the p-value is the chance of an effect this "
    "big when the null hypothesis is true.",
    "Power. The p-value is the probability of an effect as big by chance under the null.",
]
REVERSED = [
    "That is the p-value. Power is the probability of seeing an effect as big as the observed "
    "one by chance if the null hypothesis is true.",
    "She mixed them up. Power is the probability of seeing an effect as big as the observed "
    "one by chance, if the null hypothesis is true.",
    "She mixed them up. The p-value is the probability of a positive test if the null "
    "hypothesis is false.",
]


def test_the_sides_are_read_from_the_key_points() -> None:
    assert mix_up_sides(MIX_UP) == ("power", "p-value")
    relation = MIX_UP.model_copy(update={"key_points": ["mean: x", "mode: y"]})
    assert mix_up_sides(relation) is None


@pytest.mark.parametrize("said", RIGHT)
def test_a_right_diagnosis_is_not_reversed(said: str) -> None:
    assert not reversed_diagnosis(MIX_UP, said)
    assert key_verdict(MIX_UP, said) is None  # judgement, as for any short answer


@pytest.mark.parametrize("said", REVERSED)
def test_a_reversed_diagnosis_is_wrong_for_both_engines(said: str) -> None:
    assert reversed_diagnosis(MIX_UP, said)
    assert key_verdict(MIX_UP, said) is False  # code decides: the Claude engine agrees


def test_the_offline_grader_refuses_the_reversed_diagnosis_it_would_score_right() -> None:
    right = grade(MIX_UP, RIGHT[0])
    assert right.correct
    reversed_ = grade(MIX_UP, REVERSED[0])
    assert not reversed_.correct
    assert "wrong way round" in reversed_.feedback
    assert "power" not in reversed_.feedback.lower()  # the feedback does not say which is which


def test_other_short_answers_are_left_to_judgement() -> None:
    other = MIX_UP.model_copy(update={"key_points": ["a point", "another point"]})
    assert key_verdict(other, REVERSED[0]) is None


def test_one_reader_of_a_mix_up_note_for_the_grader_and_the_explainer() -> None:
    note = "confuses arrays with hash tables, which the course gives to lookups by key"
    assert mix_up_note(note) == ("arrays", "hash tables",
                                 ", which the course gives to lookups by key")
    assert mix_up_note("  confuses a with b \n") == ("a", "b", "")
    assert mix_up_note("takes case 2 to change nothing") is None
    # the grader names the other idea with what the note adds of it
    said = contrast(note, "hash tables")
    assert said.startswith("Hash tables, which the course gives to lookups by key is a "
                           "different idea from arrays")
