"""A use item for a concept whose only items would recall its definition: the book's case of
it, with its name left out, told apart from a near concept that does not fit the case."""

from __future__ import annotations

from tests.factories import book_chunk, book_concept
from tutor.course import Chunk, Concept, DefinitionKind, Exercise, ExerciseOrigin
from tutor.engine.offline.contrasts.code_cases import case_exercise
from tutor.engine.offline.contrasts.contrast_cases import names_an_instance, shown_case
from tutor.engine.offline.contrasts.use_cases import (
    USE_CASE_MARK,
    write_use_case,
)
from tutor.engine.offline.definitions.descriptions import describe
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.writing.checking import check_exercise
from tutor.engine.offline.writing.exercise_material import Sibling, gather
from tutor.engine.offline.writing.exercises import write_exercises

SINGULAR = book_concept("singular term", "A singular term is a word or phrase that refers to a "
                        "specific person, place, or thing.", page=48)
PREDICATE = book_concept("predicate", "A predicate is a word or phrase that says something "
                         "about the things a sentence is about.", page=48)
DEFINING = book_chunk("A singular term is a word or phrase that refers to a specific person, "
                      "place, or thing. A predicate is a word or phrase that says something "
                      "about the things a sentence is about.", page=48)
CASE = book_chunk("Names need not describe what they name. If 'Jack Hathaway' is used as a "
                  "singular term, you might guess that it refers to a man.", page=49)


def _use_case(concept: Concept, other: Concept, passages: list[Chunk],
              similarity: float = 0.5) -> Exercise | None:
    m = gather(concept, term_variants(concept.name, concept.aliases), passages)
    sibling = Sibling(other, similarity, describe(other.definition, [other.name]))
    return write_use_case(m, [sibling], passages)


def test_a_named_instance_is_a_case_told_from_a_near_concept() -> None:
    item = _use_case(SINGULAR, PREDICATE, [DEFINING, CASE])
    assert item is not None and USE_CASE_MARK in item.id
    assert item.origin is ExerciseOrigin.CONTRAST and item.tests_use
    assert "If 'Jack Hathaway' is used as a(n) _____, you might guess" in item.prompt
    assert "singular term" not in item.prompt.split("Is the missing idea")[0]
    assert "Is the missing idea predicate or singular term?" in item.prompt
    assert item.answer.startswith("Singular term. Singular term: a word or phrase that refers")
    assert shown_case(item) == CASE.text.split(". ", 1)[1]
    assert item.citations[0].page == 49  # the case's page first, then the defining page
    assert check_exercise(item, SINGULAR, [DEFINING, CASE]).ok


def test_without_a_case_or_with_a_far_concept_there_is_no_use_item() -> None:
    assert _use_case(SINGULAR, PREDICATE, [DEFINING]) is None
    assert _use_case(SINGULAR, PREDICATE, [DEFINING, CASE], similarity=0.1) is None


def test_a_rival_the_course_only_describes_is_no_rival() -> None:
    described = PREDICATE.model_copy(update={"definition_kind": DefinitionKind.DESCRIPTION})
    assert _use_case(SINGULAR, described, [DEFINING, CASE]) is None


def test_a_case_naming_the_rival_is_no_case() -> None:
    both = book_chunk("If 'Jack Hathaway' is used as a singular term, you might guess that the "
                      "predicate refers to a man.", page=49)
    assert _use_case(SINGULAR, PREDICATE, [DEFINING, both]) is None


def test_a_rival_of_another_shape_or_holding_the_name_is_no_rival() -> None:
    condition = book_concept("referring", "A phrase is referring if it picks out one specific "
                             "person, place, or thing.", page=48)
    assert _use_case(SINGULAR, condition, [DEFINING, CASE]) is None  # a condition, not a thing
    broader = book_concept("term", "A term is a word or phrase that a sentence uses to speak of "
                           "things.", page=48)
    assert _use_case(SINGULAR, broader, [DEFINING, CASE]) is None  # every singular term is one


def test_the_writer_adds_the_use_item_to_a_concept_that_had_only_its_definition() -> None:
    alone = write_exercises(SINGULAR, [PREDICATE], [DEFINING])
    assert alone and not any(e.tests_use for e in alone)  # recall only: the definition, a note
    with_case = write_exercises(SINGULAR, [PREDICATE], [DEFINING, CASE])
    assert any(USE_CASE_MARK in e.id and e.tests_use for e in with_case)


def test_a_case_of_a_longer_named_concept_is_no_case_of_this_one() -> None:
    loop = book_concept("loop", "A loop is a part of a program that can run repeatedly.", 20)
    statement = book_concept("statement", "A statement is a unit of code that has an effect, "
                             "like creating a variable.", page=20)
    infinite = book_concept("infinite loop", "A loop that never ends.", page=22)
    defining = book_chunk(f"{loop.definition} {statement.definition}", page=20)
    case = book_chunk('The directions on shampoo, "Lather, rinse, repeat", are an infinite '
                      "loop that runs 3 times a day.", page=22)
    m = gather(loop, ["loop"], [defining, case])
    sibling = Sibling(statement, 0.5, describe(statement.definition, ["statement"]))
    assert write_use_case(m, [sibling], [defining, case]) is not None
    assert write_use_case(m, [sibling], [defining, case], [infinite]) is None


def test_a_name_the_code_binds_is_a_named_instance() -> None:
    file_object = book_concept("file object", "A file object is a value that represents an open "
                               "file.", page=105)
    module_object = book_concept("module object", "A module object is a value created by an "
                                 "import statement that provides access to a module.", page=105)
    defining = book_chunk(f"{file_object.definition} {module_object.definition}", page=105)
    code = book_chunk(">>> fin = open('words.txt')\nfin is a common name for a file object "
                      "used for input.", page=106)
    prose = book_chunk("Fin is a common name for a file object used for input.", page=106)
    m = gather(file_object, ["file object"], [defining, code])
    sibling = Sibling(module_object, 0.5, describe(module_object.definition, ["module object"]))
    item = write_use_case(m, [sibling], [defining, code])
    assert item is not None and "fin is a common name for a(n) _____ used for" in item.prompt
    m = gather(file_object, ["file object"], [defining, prose])
    assert write_use_case(m, [sibling], [defining, prose]) is None  # no code binds it


def test_a_named_instance_is_a_quoted_word_or_an_acronym() -> None:
    assert names_an_instance("The word 'dog' is not a _____, because there are many dogs.")
    assert names_an_instance("Using data from the NSFG, make a _____ of weight.")
    assert not names_an_instance("Sometimes it just takes time to find a _____.")
    assert not names_an_instance("It doesn't matter which _____ you're in.")  # an apostrophe


def test_a_case_that_gives_its_answer_away_is_refused() -> None:
    from tutor.engine.offline.contrasts.contrast_cases import gives_itself_away
    from tutor.engine.offline.writing.giveaways import told_by_its_parts

    assert gives_itself_away("We write 'for _____' as a note to ourselves.")
    assert gives_itself_away("A string that identifies a file or _____ is a path.")
    assert gives_itself_away("chosen with _____; that is, the same value could come twice.")
    assert gives_itself_away('A(n) _____ is "clean" if it allows the caller to ...')
    assert not gives_itself_away("In ∀xHx, the _____ of the universal quantifier is Hx.")
    assert not gives_itself_away("The median is near zero, and the _____ is about 2 pounds.")
    # a part of the name spelled in the case: the one check every item kind goes through
    assert told_by_its_parts("replacement", "np.random.choice(xs, len(xs), replace=True)",
                             ["sample"])
    assert told_by_its_parts("integer logarithm", "found quickly by the _____ procedure IntLog",
                             ["bit length"])
    assert told_by_its_parts("default value", "The default _____ of num is 10.", ["scope"])
    assert not told_by_its_parts("default value", "The _____ of num is 10.", ["scope"])


def test_a_key_without_the_rival_definition_names_only_the_idea() -> None:
    m = gather(SINGULAR, ["singular term"], [DEFINING, CASE])
    item = case_exercise(m, "singular term", "a word that refers to one thing", "predicate", "",
                         CASE, "a case", "case", CASE.text, [], "x-1")
    assert item.answer == "Singular term. Singular term: a word that refers to one thing."
    assert "by contrast" not in item.answer and "predicate is" not in item.explanation


def test_a_case_spelling_a_word_of_the_name_is_passed_over_for_the_next() -> None:
    spelled = book_chunk("Names need not describe what they name. If 'Jack Hathaway' is used as "
                         "a singular term in a sentence, the term names one man.", page=49)
    later = book_chunk("Names need not be English words. If 'Mount Kilimanjaro' is used as a "
                       "singular term, you might guess that it refers to a mountain.", page=50)
    item = _use_case(SINGULAR, PREDICATE, [DEFINING, spelled, later])
    assert item is not None and "Kilimanjaro" in item.prompt  # "the term names" spelled it
    assert _use_case(SINGULAR, PREDICATE, [DEFINING, spelled]) is None
