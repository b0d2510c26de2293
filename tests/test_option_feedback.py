"""A choice item's explanation is written and read back in one format: the grader finds the
key's opening and each wrong option's gloss in what the writer wrote."""

from __future__ import annotations

from tutor.course import Citation, Exercise, ExerciseKind
from tutor.engine.offline.tutoring.grading import grade
from tutor.option_feedback import key_said, opens_with_key, option_said, said_of_option

PAGE = Citation(source="notes.md", page=4)


def _explained() -> str:
    return " ".join([key_said("stack", "a pile of frames, last in first out (notes.md p. 4)"),
                     option_said("heap", "memory handed out in any order"),
                     option_said("queue", "a line served first in first out")])


def test_what_the_writer_says_the_grader_reads_back() -> None:
    explanation = _explained()
    assert opens_with_key(explanation, "stack") and opens_with_key(explanation, " Stack ")
    assert not opens_with_key(explanation, "heap")
    assert said_of_option(explanation, "heap") == "memory handed out in any order"
    assert said_of_option(explanation, "queue") == "a line served first in first out"
    assert said_of_option(explanation, "stack") is None  # the key's "is right" is no gloss
    assert said_of_option(explanation, "tree") is None


def test_the_grader_words_its_feedback_from_the_explanation() -> None:
    item = Exercise(id="stack-multiple_choice-1", concept_id="stack",
                    kind=ExerciseKind.MULTIPLE_CHOICE, prompt="Which term matches this "
                    "description: \"a pile of frames, last in first out\"?", answer="stack",
                    choices=["stack", "heap", "queue"], explanation=_explained(),
                    misconceptions={"heap": "confuses stack with heap"}, citations=[PAGE])
    right = grade(item, "stack").feedback
    assert right.startswith('Correct: "stack" is right:')  # the key is not named twice
    wrong = grade(item, "heap").feedback
    assert "Heap is memory handed out in any order" in wrong
    assert "stack" not in wrong.lower()
