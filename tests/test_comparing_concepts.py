"""Contrast and relation items on more of the book: descriptions found among the passages,
siblings the definition names however far down the ranking, pairs the book sets apart."""

from __future__ import annotations

from tutor.course import Chunk, Citation, Concept, Exercise, ExerciseOrigin
from tutor.engine.offline.contrasts.contrast_exercises import write_contrast
from tutor.engine.offline.contrasts.contrast_questions import pair_of
from tutor.engine.offline.definitions.descriptions import describe
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.writing.checking import check_exercise
from tutor.engine.offline.writing.exercise_bank import comparable, write_beyond_definition
from tutor.engine.offline.writing.exercise_material import Sibling, gather


def _pair(item: Exercise) -> set[str]:
    """The two concepts a contrast sets apart, in either order."""
    return set(pair_of(item.origin.value, item.prompt, item.key_points) or ())


def _chunk(text: str, page: int) -> Chunk:
    return Chunk(id=f"book.pdf#p{page}-0", source="book.pdf", page=page, text=text)


def _concept(name: str, definition: str, page: int) -> Concept:
    return Concept(id=name.replace(" ", "-"), name=name, definition=definition,
                   citations=[Citation(source="book.pdf", page=page)])


def _material(concept: Concept, passages: list[Chunk]):  # type: ignore[no-untyped-def]
    return gather(concept, term_variants(concept.name, concept.aliases), passages)


def _sibling(concept: Concept, similarity: float) -> Sibling:
    return Sibling(concept, similarity, describe(concept.definition, [concept.name]))


GLOSSARY = _chunk("• distribution: The values that appear in a sample and the "
                  "frequency of each. • histogram: A mapping from values to frequencies, or a "
                  "graph that shows that mapping. • mode: The most frequent value in a sample.",
                  page=30)
NAMING = _chunk("One of the best ways to describe a variable is to report the values that "
                "appear in the dataset and how many times each value appears. This description "
                "is called the distribution of the variable.", page=20)


def test_a_concept_named_by_pointing_back_is_compared_by_its_glossary_entry() -> None:
    distribution = _concept("distribution", "This description is called the distribution of "
                            "the variable.", page=20)
    passages = [NAMING, GLOSSARY]
    m = _material(distribution, passages)
    assert m.description is None  # the naming sentence gives nothing to compare
    compared = comparable(m)
    assert compared.description == "The values that appear in a sample and the frequency of each"
    assert [c.page for c in compared.citations] == [30]
    assert m.description is None  # the definition items keep the map's sentence
    mode = _concept("mode", "mode: The most frequent value in a sample.", page=30)
    sibling = Sibling(mode, 0.7, "The most frequent value in a sample")
    written = write_beyond_definition(m, [sibling], passages)
    (contrast,) = [e for e in written if e.origin is ExerciseOrigin.CONTRAST]
    said = f"{contrast.prompt} {contrast.answer}"  # one side is the note, the other the key
    assert "frequency of each" in said and "most frequent value" in said
    assert check_exercise(contrast, distribution, [GLOSSARY]).ok  # the cited page alone
    # without the glossary there is nothing to say what a distribution is
    assert [e for e in write_beyond_definition(m, [sibling], [NAMING])
            if e.origin is ExerciseOrigin.CONTRAST] == []


def test_an_idea_the_definition_ties_by_an_operation_is_asked_however_far_down() -> None:
    pages = [_chunk("The standard deviation is the square root of variance, so it is in the "
                    "same units as the values.", page=1),
             _chunk("• variance: The mean squared deviation from the mean.", page=2)]
    deviation = _concept("standard deviation", pages[0].text, page=1)
    variance = _concept("variance", "Variance is a summary statistic of spread.", page=2)
    fillers = [_concept(f"idea {n}", f"An idea {n} is a thing number {n} of the course.",
                        page=10 + n) for n in range(10)]
    siblings = [Sibling(c, 0.5, describe(c.definition, [c.name])) for c in fillers]
    siblings += [Sibling(variance, 0.1, None)]  # far down, undescribed
    m = _material(deviation, pages)
    written = write_beyond_definition(m, siblings, pages)
    (relation,) = [e for e in written if e.origin is ExerciseOrigin.RELATION]
    assert relation.prompt.startswith("How are standard deviation and variance related?")
    assert relation.answer == pages[0].text  # the book's sentence is the key
    assert {c.page for c in relation.citations} == {1}
    assert check_exercise(relation, deviation, pages).ok


def test_a_kind_under_a_broader_idea_gets_no_relation_item() -> None:
    # "Every decrement is an update. Is every update a decrement?" has an obvious answer
    pages = [_chunk("A decrement is an update that decreases the value of a variable.", page=1),
             _chunk("• update: An assignment where the new value of the variable depends on "
                    "the old.", page=2)]
    decrement = _concept("decrement", pages[0].text, page=1)
    update = _concept("update", "An update is an assignment where the new value of the "
                      "variable depends on the old.", page=2)
    written = write_beyond_definition(_material(decrement, pages), [_sibling(update, 0.6)],
                                      pages)
    assert [e for e in written if e.origin is ExerciseOrigin.RELATION] == []


ITERATOR = _concept("iterator", "An iterator is an object that iterates through a sequence.",
                    page=5)
LIST = _concept("list", "A list is a sequence of values stored in order.", page=5)
ELEMENT_TEXT = "An element is a value stored in a list."


def test_concepts_the_book_sets_apart_are_contrasted_though_their_kinds_differ() -> None:
    defining = _chunk(f"{ITERATOR.definition} {LIST.definition} {ELEMENT_TEXT}", page=5)
    apart = _chunk("Iterators are similar to lists in some ways, but unlike lists, you can't "
                   "use an index to select an element from an iterator.", page=6)
    m = _material(ITERATOR, [defining, apart])
    (item,) = write_contrast(m, [_sibling(LIST, 0.4)], [defining, apart])
    assert _pair(item) == {"iterator", "list"}
    assert check_exercise(item, ITERATOR, [defining]).ok
    # the element is named in that sentence too, but nothing sets the iterator apart from it
    element = _concept("element", ELEMENT_TEXT, page=5)
    assert write_contrast(m, [_sibling(element, 0.4)], [defining, apart]) == []
    # an object and a sequence, far apart, never set apart by the book: no alternatives
    assert write_contrast(_material(ITERATOR, [defining]), [_sibling(LIST, 0.4)],
                          [defining]) == []
    # read from the other side: the cue sets this concept apart from the one named with it
    listed = _material(LIST, [defining, apart])
    (item,) = write_contrast(listed, [_sibling(ITERATOR, 0.4)], [defining, apart])
    assert _pair(item) == {"iterator", "list"}


def test_a_thing_the_book_sets_apart_from_its_own_kind_is_not_contrasted() -> None:
    method = _concept("method", "A method is a function that is associated with an object.",
                      page=7)
    function = _concept("function", "A function is a named sequence of statements.", page=7)
    defining = _chunk(f"{method.definition} {function.definition}", page=7)
    apart = _chunk("Methods are similar to functions, but a method is defined inside a class "
                   "rather than at the top level of a module.", page=8)
    m = _material(method, [defining, apart])
    assert write_contrast(m, [_sibling(function, 0.7)], [defining, apart]) == []


def test_a_participle_after_the_head_leaves_the_kind_of_thing_it_is() -> None:
    variance = _concept("variance", "Variance is a summary statistic intended to describe "
                        "the variability of a distribution.", page=9)
    chunk = _chunk(f"{variance.definition} The mean is a summary statistic computed as the "
                   "sum of the values divided by their number.", page=9)
    mean = _concept("mean", "The mean is a summary statistic computed as the sum of the "
                    "values divided by their number.", page=9)
    m = _material(variance, [chunk])
    (item,) = write_contrast(m, [_sibling(mean, 0.45)], [chunk])  # two summary statistics
    assert _pair(item) == {"variance", "mean"}


def test_a_tie_the_glossary_entry_states_is_asked_when_the_sentence_does_not_state_it(
) -> None:
    median = _concept("median", "The median is a measure of central tendency.", page=40)
    percentile = _concept("percentile", "A percentile is the value associated with a given "
                          "percentile rank.", page=41)
    pages = [_chunk(median.definition, page=40), _chunk(percentile.definition, page=41),
             _chunk("• median: The 50th percentile, often used as a measure of central "
                    "tendency. • lag: The size of the shift in a serial correlation.", page=45)]
    m = _material(median, pages)
    written = write_beyond_definition(m, [_sibling(percentile, 0.6)], pages)
    (relation,) = [e for e in written if e.origin is ExerciseOrigin.RELATION]
    assert relation.answer == ("median: The 50th percentile, often used as a measure of "
                               "central tendency.")  # the entry, not the run-on glossary
    assert relation.citations[0].page == 45
    assert check_exercise(relation, median, pages).ok
    # without the glossary the book states no tie between them
    assert [e for e in write_beyond_definition(_material(median, pages[:2]),
                                               [_sibling(percentile, 0.6)], pages[:2])
            if e.origin is ExerciseOrigin.RELATION] == []


def test_a_form_of_a_kind_is_that_kind_and_two_of_them_are_alternatives() -> None:
    ordinal = _concept("ordinal regression", "Ordinal regression is a form of regression used "
                       "when the outcome is an ordered category.", page=11)
    ridge = _concept("ridge regression", "Ridge regression is a regression that shrinks the "
                     "estimated coefficients toward zero.", page=11)
    chunk = _chunk(f"{ordinal.definition} {ridge.definition}", page=11)
    (item,) = write_contrast(_material(ordinal, [chunk]), [_sibling(ridge, 0.45)], [chunk])
    assert _pair(item) == {"ordinal regression", "ridge regression"}


def test_a_role_given_in_passing_leaves_the_kind_two_definitions_share() -> None:
    # "also used as a measure of ..." is a use, and both are square roots: alternatives
    spread = _concept("standard deviation", "Standard deviation is the square root of "
                      "variance, also used as a measure of spread.", page=12)
    typical = _concept("root mean squared error", "Root mean squared error is the square "
                       "root of the average squared difference of the estimates.", page=12)
    chunk = _chunk(f"{spread.definition} {typical.definition}", page=12)
    (item,) = write_contrast(_material(spread, [chunk]), [_sibling(typical, 0.5)], [chunk])
    assert _pair(item) == {"standard deviation", "root mean squared error"}
