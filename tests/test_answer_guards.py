"""Answers a similarity grader would accept but a teacher would not."""

from __future__ import annotations

from tutor.answers import says_the_opposite
from tutor.course import Citation, Exercise, ExerciseKind
from tutor.engine.offline.tutoring.answer_guards import keyword_salad, negates
from tutor.engine.offline.tutoring.grading import grade
from tutor.evals.adversarial_answers import negated, negation_dropped, salad
from tutor.negation import has_negation, negation_count, sense_turns

REFERENCE = "sample space: the set of all possible outcomes of a random experiment"
SIBLING = "An event is a subset of the outcomes of a random experiment."


def _explain() -> Exercise:
    return Exercise(
        id="sample-space-short_answer-1", concept_id="sample-space",
        kind=ExerciseKind.SHORT_ANSWER, prompt="Explain sample space in your own words.",
        answer=REFERENCE, key_points=["the set of all possible outcomes",
                                      "of a random experiment"],
        misconceptions={SIBLING: "confuses sample space with event"},
        citations=[Citation(source="notes.md", page=1)],
    )


def test_a_negated_reference_is_caught_and_a_plain_not_is_not() -> None:
    assert negates("The sample space is not the set of all possible outcomes of a random "
                   "experiment", [REFERENCE])
    assert not negates("It is the set of all outcomes, not just some of them",
                       ["the set of outcomes, not just some of them"])
    assert not negates("The set of all possible outcomes of a random experiment", [REFERENCE])


def test_keywords_without_a_sentence_are_a_salad_but_a_list_is_not() -> None:
    assert keyword_salad("outcomes experiment set random possible", [REFERENCE])
    assert not keyword_salad("push, pop, peek and isEmpty", ["push pop peek is empty"])
    assert not keyword_salad("the set of all outcomes", [REFERENCE])


def test_the_grader_rejects_negation_salad_and_a_siblings_definition_but_not_the_answer() -> None:
    exercise = _explain()
    good = grade(exercise, "It is the set of all possible outcomes of a random experiment.")
    assert good.correct
    flipped = grade(exercise, "A sample space is not the set of all possible outcomes of a "
                              "random experiment.")
    assert not flipped.correct and "opposite" in flipped.feedback
    mixed = grade(exercise, "outcomes experiment random possible set")
    assert not mixed.correct and "keywords" in mixed.feedback
    sibling = grade(exercise, "A subset of the outcomes of a random experiment.")
    assert not sibling.correct and "event" in sibling.feedback


def test_the_perturbations_of_the_evaluation() -> None:
    assert negated("sample space", "The set of all outcomes.") == (
        "Sample space is not the set of all outcomes.")
    assert negated("validity", "An argument has validity if it is impossible ...") == (
        "An argument has validity if it is not impossible ...")
    words = salad("The set of all possible outcomes", "seed").split()
    assert sorted(words) == ["all", "outcomes", "possible", "set"]


def test_a_not_put_before_a_key_that_already_says_not_is_caught() -> None:
    key = "base case: the branch of a recursive function that does not make a recursive call"
    assert negates("Base case is not the branch of a recursive function that does not make "
                   "a recursive call", [key])
    assert not negates("The branch of a recursive function that does not make a recursive "
                       "call", [key])


def test_a_salad_may_keep_some_small_words_but_a_terse_sentence_in_order_is_not_one() -> None:
    key = "truth value: being true or being false, the value that a sentence has"
    assert keyword_salad("sentence being value true has false being", [key])
    assert not keyword_salad("sentence has value true or false", [key])  # "or" holds it
    assert not keyword_salad("value being true being false", [key])  # the key's order


def test_a_siblings_definition_under_the_concepts_name_is_still_the_sibling() -> None:
    sibling = grade(_explain(), "Sample space is a subset of the outcomes of a random "
                                "experiment.")
    assert not sibling.correct
    assert "event" in sibling.feedback and "different idea from sample space" in \
        sibling.feedback


def test_a_correct_paraphrase_is_shown_the_course_wording_not_what_it_misses() -> None:
    result = grade(_explain(), "All possible outcomes of a chance experiment, as one set.")
    assert result.correct
    assert "Still missing" not in result.feedback and "point 1 of" not in result.feedback


def test_a_negation_typed_without_its_apostrophe_is_counted_by_the_guard_too() -> None:
    # "cant" is a negation for the grader's features and for the guard alike (one word list).
    key = "a function can return a value to its caller"
    assert negates("A function cant return a value to its caller", [key])
    assert negation_count("It cant, won't and does not; never nothing") == 5
    assert has_negation("Nothing.") and not has_negation("A notation worth knowing")


def _key_says_not() -> Exercise:
    return Exercise(
        id="plot-short_answer-1", concept_id="normal-probability-plot",
        kind=ExerciseKind.SHORT_ANSWER,
        prompt="What does the normal probability plot of adult weights show?",
        answer="The normal probability plot of adult weights is not a straight line.",
        key_points=["the plot is not a straight line"],
        citations=[Citation(source="notes.md", page=1)],
    )


def test_an_answer_that_drops_the_keys_not_is_caught() -> None:
    # It scored 0.87 and passed: the guard only looked for a "not" the key does not have.
    dropped = grade(_key_says_not(), "The normal probability plot of adult weights is a "
                                     "straight line.")
    assert not dropped.correct and "opposite" in dropped.feedback
    assert negates("Base case is the branch of a recursive function that does make a "
                   "recursive call", ["base case: the branch of a recursive function that "
                                      "does not make a recursive call"])


def test_a_negating_prefix_turns_an_answer_around_and_two_turns_cancel() -> None:
    key = "a tuple is an immutable sequence of values"
    assert negates("A tuple is a mutable sequence of values", [key])
    assert not negates("A tuple is a sequence of values that is not mutable", [key])
    assert sense_turns("is not valid", "is invalid") == 2
    assert sense_turns("is a straight line", "is not a straight line") == 1
    assert says_the_opposite("mutable", "immutable") and says_the_opposite("valid", "invalid")
    assert not says_the_opposite("an invalid argument", "an argument that is not valid")


def test_the_evaluation_drops_a_definitions_negation() -> None:
    assert negation_dropped("base case", "the branch that does not recurse.") == (
        "Base case is the branch that does recurse.")
    assert negation_dropped("constant", "the value that cannot change.") == (
        "Constant is the value that can change.")
    assert negation_dropped("set", "A collection of values.") is None
