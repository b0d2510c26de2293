"""Feedback on a wrong option: the labels the learner sees, contrast, no second try."""

from __future__ import annotations

from tutor.course import Citation, Exercise, ExerciseKind
from tutor.engine.offline.tutoring.grading import contrast, grade


def _which_term() -> Exercise:
    return Exercise(
        id="event-multiple_choice-1", concept_id="event", kind=ExerciseKind.MULTIPLE_CHOICE,
        prompt="Which term names a subset of the sample space?",
        choices=["outcome", "event", "sample space"], answer="event",
        misconceptions={"sample space": "confuses event with sample space"},
        citations=[Citation(source="notes.md", page=1)],
    )


def test_a_wrong_option_is_named_by_its_number_and_contrasted() -> None:
    result = grade(_which_term(), "3")
    assert not result.correct
    assert "option 3" in result.feedback and "option c" not in result.feedback
    assert "Sample space is a different idea from the one the question asks about: recall " \
        "what sample space means" in result.feedback
    assert "the idea the question asks about" not in result.feedback  # said once, plainly


def test_a_wrong_option_is_said_by_the_items_own_gloss_of_it_without_the_key() -> None:
    exercise = _which_term().model_copy(update={"explanation": (
        '"event" is right: An event is a subset of the sample space (notes.md p. 1). '
        '"sample space" is the set of all outcomes. "outcome" is a single result.')})
    result = grade(exercise, "3")
    assert "Sample space is the set of all outcomes: a different idea from the one the " \
        "question asks about." in result.feedback
    assert "subset" not in result.feedback and "event" not in result.feedback


def test_a_wrong_true_false_gives_the_verdict_so_it_need_not_be_asked_again() -> None:
    exercise = Exercise(
        id="event-true_false-1", concept_id="event", kind=ExerciseKind.TRUE_FALSE,
        prompt="True or false: an event is a single outcome.", choices=["True", "False"],
        answer="False", explanation="An event is a set of outcomes, possibly many.",
        citations=[Citation(source="notes.md", page=1)],
    )
    result = grade(exercise, "true")
    assert not result.correct
    assert "the statement is false" in result.feedback
    assert "set of outcomes" in result.feedback


def test_contrast_quotes_a_definition_when_it_has_one() -> None:
    said = contrast("confuses event with outcome", "outcome",
                    "a single result of a random experiment")
    assert said.startswith("That describes outcome")
    assert "single result" in said and "different idea from event" in said


def test_a_synonym_the_course_states_is_accepted_by_both_engines_rules() -> None:
    from tutor.answers import key_verdict, stated_synonyms

    exercise = Exercise(
        id="disjoint-cloze-1", concept_id="disjoint", kind=ExerciseKind.CLOZE,
        prompt="_____ events cannot occur in the same run of the experiment.",
        answer="disjoint",
        explanation="Disjoint events, also called mutually exclusive, never occur together.",
        citations=[Citation(source="notes.md", page=1)],
    )
    assert stated_synonyms(exercise.explanation) == ["mutually exclusive"]
    assert grade(exercise, "Mutually exclusive").correct
    assert key_verdict(exercise, "mutually exclusive") is True
    assert not grade(exercise, "independent").correct
