"""A kind named by a modifier of its plural subject becomes a two-word term, not the modifier."""

from __future__ import annotations

from tutor.course import Chunk
from tutor.engine.offline.concepts.extract import extract_concepts
from tutor.engine.offline.definitions.patterns import definitions_in, kind_names


def terms(sentence: str) -> set[str]:
    return {d.term for d in definitions_in(sentence, 0, 0)}


def test_a_bare_modifier_after_are_called_qualifies_the_subject() -> None:
    assert terms("Definitions like this are called recursive.") == {"recursive definition"}
    assert terms("Predicates with n places, for some number n, are called n-place or "
                 "n-adic.") == {"n-place predicate", "n-adic predicate"}
    assert kind_names("Variables like these are called global because they live outside.") == [
        "global variable"]


def test_a_plural_noun_or_a_singular_subject_is_left_as_it_is() -> None:
    assert kind_names("Values like these are called integers.") == []
    assert terms("Values like these are called integers.") == {"integers"}
    assert kind_names("These are called tuples.") == []
    assert kind_names("This process is called parsing.") == []
    assert kind_names("Such values are called None.") == []  # a capitalised name, not a modifier


def test_the_kind_is_a_concept_of_a_course_that_uses_it() -> None:
    intro = ("A definition may build things from simpler parts. Definitions like this are "
             "called recursive. A recursive definition has a base and a rule.")
    later = "The recursive definition of a formula lets us take a formula apart."
    course = [Chunk(id=f"n.md#p{i}-0", source="n.md", page=i, order=i, heading=f"{i}. Formulas",
                    text=intro if i == 1 else later) for i in range(1, 4)]
    concepts = {d.name.lower(): d for d in extract_concepts(course)}
    assert "recursive definition" in concepts
    assert "recursive" not in concepts
    assert concepts["recursive definition"].citations[0].page == 1


def test_a_modifier_said_of_a_noun_in_a_leading_clause_names_the_kind() -> None:
    sentence = ("When you create a variable inside a function, it is local, which means that it "
                "only exists inside the function.")
    assert terms(sentence) == {"local variable"}
    assert kind_names("If the list changes, it is modified, which means it is new.") == []
    assert terms("Strings are immutable, which means you cannot change them.") == {"immutable"}


def test_a_notion_relative_to_a_language_is_named_up_to_the_language() -> None:
    assert terms("Truth in QL is truth in a model.") == {"Truth in QL"}
    assert "valid in SL" in terms("An argument is valid in sl if there is no row of a complete "
                                  "truth table on which the premises are all 1.")
    assert terms("Errors in Python are exceptions.") == set()  # a language named in full
