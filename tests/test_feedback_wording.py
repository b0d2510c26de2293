"""Feedback that does not contradict itself or stumble: no tally of points next to a verdict
that the answer is wrong for another reason, no cue made of the question's framing words, no
double full stop, no mix-up called on a half-finished answer, no "Correct: X. "X" is right"."""

from __future__ import annotations

import pytest

from tutor.course import Exercise, ExerciseKind
from tutor.engine.offline.tutoring import grading
from tutor.engine.offline.tutoring.answer_similarity import AnswerSignals, ShortAnswerScore
from tutor.engine.offline.tutoring.grading import grade, point_cue

SHORT = Exercise(
    id="sa1", concept_id="outcome", kind=ExerciseKind.SHORT_ANSWER,
    prompt="Explain outcome in your own words.",
    answer="An outcome is a single possible result of a random experiment.",
    key_points=["An outcome is a single possible result of a random experiment."],
)
MIX_UP = ("A classmate writes in her notes: \"Stable sort: a sort that may reorder equal "
          "keys.\" What has she mixed up? Name the idea her note describes, and say what "
          "stable sort is.")


def test_a_key_point_quoted_as_a_sentence_is_not_followed_by_a_second_full_stop() -> None:
    result = grade(SHORT, "An outcome is a single possible result of a random experiment.")
    assert result.correct
    assert ".." not in result.feedback


def test_a_cue_of_a_quoting_prompt_uses_the_quoted_words_not_the_framing() -> None:
    cue = point_cue("unstable sort: the note describes unstable sort", MIX_UP, 1, 2)
    assert "notes" not in cue and "describes" not in cue
    assert "equal" in point_cue("a stable sort keeps equal keys in order", MIX_UP, 2, 2)


def test_a_cue_keeps_a_name_of_several_words_whole() -> None:
    # "Still missing: point 1 of 1, about sample, space." read as two things.
    prompt = "Explain sample space in your own words."
    point = "A sample space is the set of all outcomes of a random experiment."
    assert point_cue(point, prompt, 1, 1) == "point 1 of 1, about sample space"
    quoting = 'A classmate writes: "Base rate: the probability of a condition."'
    assert point_cue("the base rate is a probability before evidence", quoting, 2, 2) == (
        "point 2 of 2, about Base rate, probability")


def test_an_answer_touching_every_point_unclearly_is_not_told_it_got_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    unclear = ShortAnswerScore(score=0.4, correct=False, signals=AnswerSignals(
        values={"prompt_copy": 0.0, "new_recall": 0.5, "emb_best": 0.6, "ref_recall": 0.5,
                "log_length": 2.0}, matched=[0], missing=[]))
    monkeypatch.setattr(grading, "score_answer", lambda key, text: unclear)
    result = grade(SHORT, "a result, one, of a random experiment")
    assert not result.correct
    assert "You got" not in result.feedback and "every key point" not in result.feedback
    assert "not clearly enough" in result.feedback


def test_a_half_finished_answer_is_not_called_a_mix_up() -> None:
    port = Exercise(
        id="port-name-sa", concept_id="port-name", kind=ExerciseKind.SHORT_ANSWER,
        prompt="Explain port name in your own words.",
        answer=("A port name is a name an edge can use to say that it should be aimed at the "
                "center of the box."),
        key_points=["an edge can use the port name to aim at the center of the box"],
        misconceptions={"A point where edges can attach to a node.":
                        "confuses port name with node port"},
    )
    result = grade(port, "A port name is a name an edge can use")
    assert "node port" not in result.feedback and "That describes" not in result.feedback


def test_a_right_option_is_not_named_twice_when_the_explanation_names_it() -> None:
    choice = Exercise(
        id="mc", concept_id="position", kind=ExerciseKind.MULTIPLE_CHOICE,
        prompt='Which term matches this description: "the center of its object"?',
        answer="position", choices=["size", "position", "port"],
        explanation='"position" is right: A position refers to the center of its object.',
    )
    result = grade(choice, "2")
    assert result.correct
    assert result.feedback == ('Correct: "position" is right: A position refers to the '
                               'center of its object.')


def test_a_right_option_ending_in_a_full_stop_gets_no_second_one() -> None:
    choice = Exercise(
        id="mc2", concept_id="nul", kind=ExerciseKind.MULTIPLE_CHOICE,
        prompt="What follows?", answer="The constant ends there.",
        choices=["The constant ends there.", "Nothing happens."],
    )
    result = grade(choice, "1")
    assert result.correct and result.feedback == "Correct: The constant ends there."
