"""Definition items only where the definition says what the concept is, options that cannot
both fit, and one recall item at most beside an item that uses the idea."""

from __future__ import annotations

from tutor.course import Chunk, Citation, Concept, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.writing.exercise_mix import with_one_recall
from tutor.engine.offline.writing.exercises import write_exercises


def _chunk(text: str, page: int = 1) -> Chunk:
    return Chunk(id=f"book.pdf#p{page}-0", source="book.pdf", page=page, text=text)


def _concept(name: str, definition: str, page: int = 1) -> Concept:
    return Concept(id=name.replace(" ", "-"), name=name, definition=definition,
                   citations=[Citation(source="book.pdf", page=page)])


def _item(n: int, origin: ExerciseOrigin, kind: ExerciseKind = ExerciseKind.SHORT_ANSWER
          ) -> Exercise:
    return Exercise(id=f"x-{origin.value}-{n}", concept_id="x", kind=kind, prompt="Why so?",
                    answer="Because.", key_points=["because"], origin=origin,
                    citations=[Citation(source="book.pdf", page=1)])


def test_beside_an_item_that_uses_the_idea_one_recall_item_is_kept() -> None:
    items = [_item(1, ExerciseOrigin.RELATION), _item(2, ExerciseOrigin.RELATION),
             _item(3, ExerciseOrigin.CONTRAST), _item(4, ExerciseOrigin.DEFINITION)]
    kept = with_one_recall(items)
    assert [e.id for e in kept] == ["x-relation-1", "x-contrast-3"]
    recall_only = [_item(1, ExerciseOrigin.RELATION), _item(2, ExerciseOrigin.DEFINITION)]
    assert with_one_recall(recall_only) == recall_only  # nothing else teaches it: all stay


def test_a_definition_that_only_gives_examples_gets_no_definition_item() -> None:
    text = ("Expressions like 'no one', 'everyone', and 'anyone' are called quantifiers. "
            "A sentence letter is a capital letter that stands for a sentence.")
    quantifier = _concept("quantifier", "Expressions like 'no one', 'everyone', and 'anyone' "
                          "are called quantifiers.")
    assert write_exercises(quantifier, [], [_chunk(text)]) == []
    letter = _concept("sentence letter", "A sentence letter is a capital letter that stands "
                      "for a sentence.")
    assert write_exercises(letter, [], [_chunk(text)])  # a definition: its item stays


def test_a_description_made_of_the_listings_names_gets_no_item() -> None:
    text = ("The return value is the value of result, which is the product of n and recurse.\n"
            ">>> def factorial(n):\n...     recurse = factorial(n-1)\n"
            "...     result = n * recurse\n...     return result\n")
    result = _concept("value of result", "The value of result is the product of n and "
                      "recurse.")
    assert write_exercises(result, [], [_chunk(text)]) == []


def test_a_distractor_holding_the_answers_name_is_not_offered() -> None:
    texts = {
        "one-sided test": "A one-sided test is a test that asks about an effect as big as "
                          "the one observed and with the same sign.",
        "onesided": "onesided is a test that asks about an effect as big as the one observed "
                    "in either direction of the sign.",
        "two-sided test": "A two-sided test is a test that asks about an effect as big as the "
                          "one observed, of either sign.",
        "permutation test": "A permutation test is a test that shuffles the observed data "
                            "to compute a p-value.",
        "chi-squared test": "A chi-squared test is a test that uses the chi-squared "
                            "statistic.",
    }
    pages = [_chunk(d, page=n) for n, d in enumerate(texts.values(), 1)]
    concepts = [_concept(name, d, page=n) for n, (name, d) in enumerate(texts.items(), 1)]
    from tutor.engine.offline.writing.exercises import write_definition_exercises

    written = write_definition_exercises(concepts[0], concepts[1:], pages)
    choices = [c for e in written if e.kind is ExerciseKind.MULTIPLE_CHOICE
               and e.answer == "one-sided test" for c in e.choices or []]
    assert choices and "onesided" not in choices
    assert "two-sided test" in choices


def test_a_definition_said_of_any_instance_or_as_a_law_still_defines() -> None:
    from tutor.engine.offline.definitions.descriptions import describe, plainly_defines

    complement = ("The complement of an event A is the event made of all outcomes of the sample "
                  "space that are not in A.")
    assert plainly_defines(complement, ["complement"])
    assert describe(complement, ["complement"]) is None  # "not in A" needs its subject
    (item,) = write_exercises(_concept("complement", complement), [], [_chunk(complement)])
    assert "The _____ of an event A is the event made of" in item.prompt
    law = ("The law of total probability states that the probability of an event equals the "
           "sum of the probabilities of its parts.")
    assert describe(law, ["total probability"]) == (
        "the probability of an event equals the sum of the probabilities of its parts")
    one = "The extension of L is a collection of ordered pairs."  # one instance: no definition
    assert not plainly_defines(one, ["extension"])


def test_a_gloss_of_a_longer_name_a_case_in_an_example_or_a_code_sentence_is_no_definition(
) -> None:
    text = ("Because isfirst is a boolean, ols treats it as a categorical variable, which means "
            "that the values fall into categories.")
    variable = _concept("variable", "For the explorations in this book, I use the following "
                        "variables: caseid is the integer ID of the respondent.")
    assert write_exercises(variable, [], [_chunk(text)]) == []
    case = ("In the NSFG example, the apparent effect is a difference in pregnancy length "
            "between first babies and others.")
    assert write_exercises(_concept("apparent effect", case), [], [_chunk(case)]) == []
    code = ("return test_stat DiffMeansOneSided inherits MakeModel and RunModel from DiffMeans. "
            "This kind of test is called onesided because it counts one side.")
    assert write_exercises(_concept("onesided", "This kind of test is called onesided because "
                                    "it counts one side."), [], [_chunk(code)]) == []
    extension = "The extension of L is a collection of ordered pairs of numbers in the UD."
    assert write_exercises(_concept("extension of l", extension), [],
                           [_chunk(extension)]) == []  # one case, named by its letter
