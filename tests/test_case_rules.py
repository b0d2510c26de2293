"""A rule a manual states for two opposite cases ("If override is false, ... If override is
true, ..."; "If val is supplied, ...; otherwise, ..."): the item shows both cases and asks
which outcome goes with which; the options swap them or give one outcome to both. Refused
when the cases are not opposite, a condition leans on the sentence before, an outcome is cut
short or opens a third case, or the rule is the concept's defining sentence."""

from __future__ import annotations

from tests.factories import checked_on_pages, written_on_pages
from tutor.course import Citation, Concept, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.examples.case_rules import (
    NO_EFFECT,
    case_rules,
    opposite,
    write_case_rules,
)

POLICY = Concept(id="compiler-policy", name="compiler policy",
                 definition="The compiler policy is the set of qualities the compiler optimises.",
                 citations=[Citation(source="m.pdf", page=1)])
TEXT = ("The function restrict-compiler-policy sets the compiler policy. If override is false, "
        "specified policy is merged with current global policy. If override is true, current "
        "global policy is discarded in favor of the specified policy.\n")


def _items(text: str, concept: Concept = POLICY) -> list:  # type: ignore[type-arg]
    return checked_on_pages(write_case_rules, concept, ("Policy", text))


def test_both_cases_are_shown_and_the_second_is_asked() -> None:
    [item] = _items(TEXT)
    assert item.kind is ExerciseKind.MULTIPLE_CHOICE
    assert item.origin is ExerciseOrigin.WORKED_EXAMPLE and item.checked_by == "page"
    assert "Case 1: if override is false.\nCase 2: if override is true." in item.prompt
    assert item.prompt.endswith("What happens in case 2?")
    assert item.prompt.startswith('In the section "Policy", the manual states')
    assert item.answer == "Current global policy is discarded in favor of the specified policy."
    first = "Specified policy is merged with current global policy."
    assert item.choices is not None and set(item.choices) == {item.answer, first, NO_EFFECT}
    assert item.misconceptions[first] == "gives case 2 the outcome the manual states for case 1"
    # the prompt states neither outcome
    assert "merged" not in item.prompt and "discarded" not in item.prompt


def test_a_pronoun_opening_the_asked_outcome_is_said_as_its_subject() -> None:
    item = _items("The compiler policy applies to each declared set. If the subscript domain "
                  "is not specified, the set is a simple set, otherwise it is an array of "
                  "elemental sets.\n")[0]
    assert item.answer == "The set is an array of elemental sets."
    assert "The set is a simple set." in (item.choices or [])


def test_otherwise_in_the_sentence_or_the_next_is_the_second_case() -> None:
    [rule] = case_rules("If the optional argument val is supplied, the elements are initialized "
                        "to val; otherwise, they are left uninitialized.")
    assert (rule.first, rule.second) == ("the optional argument val is supplied", None)
    assert rule.second_outcome == "they are left uninitialized"
    [rule] = case_rules("If the argument is exact, the result is computed using the default "
                        "precision. Otherwise, the precision of the argument is used instead.")
    assert rule.second is None and rule.second_outcome.startswith("the precision of the argument")
    item = _items("The compiler policy has a mode. If the mode is strict, every declaration is "
                  "checked at run time. Otherwise, declarations are trusted without a check.\n")
    assert "Case 2: otherwise (case 1 does not hold)." in item[0].prompt


def test_opposite_cases_are_a_negation_one_state_or_one_subject() -> None:
    assert opposite("the argument is exact", "the argument is not exact")
    assert opposite("override is false", "override is true")
    assert opposite("the argument is an integer", "the argument is a string")
    assert not opposite("you do not provide FontFace", "you do not provide it")
    assert not opposite("the file is missing", "a font name contains spaces")
    assert not opposite("the argument is exact", "the argument is exact")
    # two arguments, not two states of one; a case inside the other
    assert not opposite("timeout is given", "notification is given")
    assert not opposite("front is given", "back is given")  # read alike: two keywords
    assert not opposite("the assign attribute is not specified",
                        "neither assign nor default attribute is specified")


def test_rules_that_cannot_stand_as_an_item_are_refused() -> None:
    # the second sentence is no opposite case
    assert case_rules("If the file is missing, the loader stops with an error. If a font name "
                      "contains spaces, it must be enclosed in quotes.") == []
    # a condition leaning on the sentence before
    assert case_rules("If it is true, the second argument is evaluated and returned; otherwise "
                      "the third argument is evaluated and returned.") == []
    # an outcome cut at a line break, and one opening a third case
    assert case_rules("If a single value is given, that value is used for both directions. "
                      "Otherwise two different values can be") == []
    assert case_rules("If quality is nil, nothing at all is done here. Otherwise, if min is "
                      "zero, any existing restrictions of quality are removed.") == []
    # an outcome pointing at what the item does not show; a formula the PDF flattened
    assert case_rules("If the node is a record, the record rectangles are given in the rects "
                      "attribute. If the node is polygonal, this attribute contains the "
                      "vertices of the node.") == []
    assert case_rules("If a = 1 or a = n-1, the test passes on the base number x. Otherwise, "
                      "the test fails on the base number x.") == []
    # an outcome holding a further case; an opposite case two sentences on
    [rule] = case_rules("If the count cannot be decremented in time, the call returns nil at "
                        "once. If the count were to become negative, punt and return nil, "
                        "otherwise return the new count.")
    assert rule.first == "the count were to become negative"  # the second sentence's own
    assert case_rules("If override is false, specified policy is merged with global policy. "
                      "The outermost form grabs the warnings. If override is true, global "
                      "policy is discarded for the specified one.") == []
    # the reader's situation; a quotation cut at its comma; a key saying "nothing"
    assert case_rules("If you are using Anaconda, you already have the library installed. "
                      "Otherwise, you might have to install the library yourself.") == []
    assert case_rules("If m means 'It is Monday, then you would check a calendar today. If m "
                      "means 'It is Friday, then you would check a diary first.") == []
    assert case_rules("If the guess is exactly right, the player wins a large prize. Otherwise, "
                      "the player gets nothing at all.") == []
    # two outcomes saying the same
    assert case_rules("If the flag is set, the value is printed in full. If the flag is not "
                      "set, the value is printed in full.") == []


def test_only_near_the_concept_and_never_its_defining_sentence() -> None:
    assert _items("Nothing on policies here. If override is false, specified policy is merged "
                  "with current global policy. If override is true, current global policy is "
                  "discarded in favor of the specified policy.\n",
                  Concept(id="ratio", name="aspect ratio", definition="The aspect ratio is...",
                          citations=[Citation(source="m.pdf", page=1)])) == []
    defined = POLICY.model_copy(update={
        "definition": "If override is false, specified policy is merged with current global "
                      "policy."})
    items, _ = written_on_pages(write_case_rules, defined, ("Policy", TEXT))
    assert items == []


def test_one_rule_under_two_concepts_is_one_question() -> None:
    # the prompt names the section, not the concept: the build asks the question once
    other = Concept(id="global-policy", name="global policy", definition="The global policy "
                    "is the policy in force.", citations=[Citation(source="m.pdf", page=1)])
    [first], [second] = _items(TEXT), _items(TEXT, other)
    assert first.prompt == second.prompt and "compiler policy" not in first.prompt
    [unheaded], _ = written_on_pages(write_case_rules, POLICY, ("", TEXT))
    assert unheaded.prompt.startswith("The manual states what happens in two cases.")
