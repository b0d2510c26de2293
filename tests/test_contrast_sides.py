"""Contrast items in a book without a glossary: each side read from the book's own property
statements and namings, alternatives of one kind only, never one idea under two names."""

from __future__ import annotations

from tutor.course import Chunk, Citation, Concept, Exercise
from tutor.engine.offline.contrasts.contrast_exercises import write_contrast
from tutor.engine.offline.contrasts.contrast_questions import pair_of
from tutor.engine.offline.contrasts.contrast_sides import find_side
from tutor.engine.offline.definitions.descriptions import describe
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.writing.checking import check_exercise
from tutor.engine.offline.writing.exercise_material import Sibling, gather, rank_siblings
from tutor.sentences import split_sentences


def _pair(item: Exercise) -> set[str]:
    """The two concepts a contrast sets apart, in either order."""
    return set(pair_of(item.origin.value, item.prompt, item.key_points) or ())


def _chunk(text: str, page: int, n: int = 0) -> Chunk:
    return Chunk(id=f"logic.pdf#p{page}-{n}", source="logic.pdf", page=page, text=text)


def _concept(name: str, definition: str, page: int) -> Concept:
    return Concept(id=name.replace(" ", "-"), name=name, definition=definition,
                   citations=[Citation(source="logic.pdf", page=page)])


def _side(name: str, *texts: str) -> str | None:
    found = find_side(term_variants(name), [_chunk(t, n) for n, t in enumerate(texts, 1)])
    return found.description if found else None


def test_a_property_is_described_by_its_condition_cut_at_its_first_clause() -> None:
    assert _side("valid", "1.4 Deductive validity An argument is (deductively) valid if and "
                 "only if it is impossible for the premises to be true and the conclusion "
                 "false; it is invalid otherwise.") == (
        "an argument is valid if and only if it is impossible for the premises to be true "
        "and the conclusion false")
    assert _side("inconsistent", "If a set of sentences could not all be true at the same "
                 "time, like B1-B2, they are said to be inconsistent.") == (
        "a set of sentences that could not all be true at the same time")
    assert _side("logically equivalent", "When two sentences necessarily have the same truth "
                 "value, we say that they are logically equivalent.") == (
        "two sentences that necessarily have the same truth value")
    # the other side of "...; it is X otherwise"
    assert _side("invalid", "An argument is valid if it is impossible for the premises to be "
                 "true and the conclusion false; it is invalid otherwise.") == (
        "an argument that is not valid")


def test_a_naming_is_described_by_the_rule_it_points_back_at() -> None:
    text = ("Argument B makes use of a different valid form: Given a conditional and its "
            "antecedent, the consequent follows as a valid consequence. This is called modus "
            "ponens.")
    assert _side("modus ponens", text) == (
        "given a conditional and its antecedent, the consequent follows as a valid consequence")
    # a naming whose antecedent leans on the text before says nothing on its own
    assert _side("universal quantifier", "In order to do this, we introduce the symbol. This "
                 "is called the universal quantifier.") is None
    assert _side("empty set", "It is possible to have a set with no members in it. This is "
                 "called the empty set.") is None


def test_a_property_said_of_a_narrower_language_is_not_the_concepts_own() -> None:
    assert _side("contingent", "A sentence is contingent in SL if it is neither a tautology "
                 "nor a contradiction.") is None
    assert _side("contingent", "A sentence is contingent if it is neither a tautology nor a "
                 "contradiction.") == "a sentence is contingent if it is neither a tautology " \
                                      "nor a contradiction"


SUMMARY = _chunk("Summary of logical notions. A tautology is a sentence that must be true, as a "
                 "matter of logic. A contradiction is a sentence that must be false, as a "
                 "matter of logic. A contingent sentence is neither a tautology nor a "
                 "contradiction. Two sentences are logically equivalent if they necessarily "
                 "have the same truth value. A set of sentences is consistent if it is "
                 "logically possible for all the members of the set to be true at the same "
                 "time; it is inconsistent otherwise.", page=14)


def _write(name: str, definition: str, others: list[tuple[Concept, float]],
           passages: list[Chunk]):  # type: ignore[no-untyped-def]
    concept = _concept(name, definition, 14)
    m = gather(concept, term_variants(concept.name, concept.aliases), passages)
    siblings = [Sibling(c, s, describe(c.definition, term_variants(c.name, c.aliases)))
                for c, s in others]
    return concept, write_contrast(m, siblings, passages)


def test_alternatives_the_book_defines_as_properties_are_contrasted() -> None:
    inconsistent = _concept("inconsistent", "If a set of sentences could not all be true at "
                            "the same time, they are said to be inconsistent.", 11)
    page11 = _chunk(inconsistent.definition, 11)
    concept, items = _write(
        "consistent", "A set of sentences is consistent if it is logically possible for all "
        "the members of the set to be true at the same time; it is inconsistent otherwise.",
        [(inconsistent, 0.69)], [SUMMARY, page11])
    (item,) = items
    assert _pair(item) == {"consistent", "inconsistent"}
    said = f"{item.prompt} {item.answer}"
    assert ("a set of sentences is consistent if it is logically possible for all the members "
            "of the set to be true at the same time") in said
    assert "a set of sentences that could not all be true at the same time" in said
    assert check_exercise(item, concept, [SUMMARY, page11]).ok


def test_a_side_that_only_denies_the_other_is_a_contrast_not_a_lean() -> None:
    tautology = _concept("tautology", "A tautology is a sentence that must be true, as a "
                         "matter of logic.", 14)
    _, items = _write("contingent sentence", "A contingent sentence is neither a tautology nor "
                      "a contradiction.", [(tautology, 0.5)], [SUMMARY])
    (item,) = items
    said = f"{item.prompt} {item.answer}"  # one side is the note, the other the key
    assert "neither a tautology nor a contradiction" in said
    assert "must be true, as a matter of logic" in said


def test_one_idea_under_two_names_and_a_property_of_two_things_are_not_contrasted() -> None:
    in_ql = _concept("contingent in QL", "A sentence is contingent in QL if and only if it is "
                     "neither a tautology nor a contradiction.", 14)
    page = _chunk(in_ql.definition, 14, n=1)
    _, items = _write("contingent sentence", "A contingent sentence is neither a tautology nor "
                      "a contradiction.", [(in_ql, 0.8)], [SUMMARY, page])
    assert items == []
    equivalent = _concept("logically equivalent", "Two sentences are logically equivalent if "
                          "they necessarily have the same truth value.", 14)
    # a property of one sentence and a relation between two: no alternatives
    _, items = _write("tautology", "A tautology is a sentence that must be true, as a matter of "
                      "logic.", [(equivalent, 0.5)], [SUMMARY])
    assert items == []


def test_names_sharing_a_modifier_name_no_alternatives_of_different_kinds() -> None:
    page = _chunk("Survival analysis is a way to describe how long things last. A survival "
                  "curve is a function that maps from a time to the probability of surviving "
                  "past it.", 3)
    curve = _concept("survival curve", "A survival curve is a function that maps from a time "
                     "to the probability of surviving past it.", 3)
    concept = _concept("survival analysis", "Survival analysis is a way to describe how long "
                       "things last.", 3)
    m = gather(concept, term_variants(concept.name), [page])
    sibling = Sibling(curve, 0.55, describe(curve.definition, [curve.name]))
    assert write_contrast(m, [sibling], [page]) == []


def test_a_name_and_its_negation_are_siblings_not_one_concept() -> None:
    consistent = _concept("consistent", SUMMARY.text, 14)
    inconsistent = _concept("inconsistent", "If a set of sentences could not all be true at "
                            "the same time, they are said to be inconsistent.", 11)
    ranked = rank_siblings(consistent, [inconsistent], ["consistent"])
    assert [s.concept.name for s in ranked] == ["inconsistent"]


def test_a_variables_full_stop_ends_a_sentence_a_page_reference_does_not() -> None:
    text = ("Trials share the same success probability p. Its expected value is n times p. "
            "See p. 92 and Fig. 3 for more.")
    assert split_sentences(text) == [
        "Trials share the same success probability p.", "Its expected value is n times p.",
        "See p. 92 and Fig. 3 for more."]


def test_asides_to_the_reader_and_the_running_example_leave_the_key() -> None:
    from tutor.engine.offline.contrasts.contrast_sides import without_asides

    assert without_asides("a summary statistic intended to describe (wait for it) the size "
                          "of an effect") == "a summary statistic intended to describe the " \
                                             "size of an effect"
    assert without_asides("the sentence on the right-hand side (B)") == (
        "the sentence on the right-hand side")
    assert without_asides("the expected total (or mean) error") == (
        "the expected total (or mean) error")  # part of what it is


def test_a_property_and_a_kind_of_thing_are_alternatives_only_when_one_denies_the_other() -> None:
    page = _chunk("An estimator is unbiased if the expected total error is 0. A maximum "
                  "likelihood estimator is an estimator that computes the point estimate most "
                  "likely to be correct.", 7)
    unbiased = _concept("unbiased", "An estimator is unbiased if the expected total error "
                        "is 0.", 7)
    mle = _concept("maximum likelihood estimator", "A maximum likelihood estimator is an "
                   "estimator that computes the point estimate most likely to be correct.", 7)
    m = gather(mle, term_variants(mle.name), [page])
    sibling = Sibling(unbiased, 0.6, describe(unbiased.definition, ["unbiased"]))
    assert write_contrast(m, [sibling], [page]) == []  # a property beside a kind of estimator
    contradiction = _concept("contradiction", "A contradiction is a sentence that must be "
                             "false, as a matter of logic.", 14)
    _, items = _write("contingent", "A sentence is contingent if it is neither a tautology "
                      "nor a contradiction.", [(contradiction, 0.5)],
                      [SUMMARY, _chunk("A sentence is contingent if it is neither a tautology "
                                       "nor a contradiction.", 14, n=1)])
    assert len(items) == 1  # the property denies the other: its alternative


def test_two_of_one_kind_far_apart_or_one_a_kind_of_the_other_are_not_contrasted() -> None:
    page = _chunk("A conditional expression is an expression that has one of two values, "
                  "depending on a condition. A list comprehension is an expression with a for "
                  "loop in square brackets that yields a new list. Estimation is the process of "
                  "inferring the parameters of a distribution from a sample. Regression is one "
                  "of several related processes for estimating parameters that fit a model to "
                  "data.", 4)

    def written(name: str, other: str, similarity: float) -> list[object]:
        def concept(n: str) -> Concept:
            return _concept(n, next(s for s in page.text.split(". ")
                                    if s.lower().startswith((f"a {n}", n))) + ".", 4)
        m = gather(concept(name), term_variants(name), [page])
        theirs = concept(other)
        return list(write_contrast(m, [Sibling(theirs, similarity, describe(
            theirs.definition, [other]))], [page]))

    assert written("conditional expression", "list comprehension", 0.3) == []
    assert len(written("conditional expression", "list comprehension", 0.5)) == 1
    assert written("estimation", "regression", 0.6) == []  # regression is a kind of estimation


def test_two_of_one_kind_defined_in_parallel_are_alternatives_however_far_apart() -> None:
    page = _chunk("The CDF is a function that maps from values to their cumulative "
                  "probabilities. The survival curve is a function that maps from a time to "
                  "the probability of surviving past that time.", 9)
    cdf = _concept("CDF", "The CDF is a function that maps from values to their cumulative "
                   "probabilities.", 9)
    curve = _concept("survival curve", "The survival curve is a function that maps from a time "
                     "to the probability of surviving past that time.", 9)
    m = gather(cdf, term_variants("CDF"), [page])
    (item,) = write_contrast(m, [Sibling(curve, 0.28, describe(curve.definition,
                                                                 ["survival curve"]))], [page])
    assert _pair(item) == {"cdf", "survival curve"}
