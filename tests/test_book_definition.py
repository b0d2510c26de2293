"""Looking through a concept's passages for where the book defines it, and the last-resort
item on a concept the book uses but never defines."""

from __future__ import annotations

from collections.abc import Sequence

from tutor.course import Chunk, Citation, Concept, ExerciseKind
from tutor.engine.offline.definitions.book_definition import (
    ABOUT_PROMPT,
    find_book_definition,
    states_about,
)
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.writing.checking import check_exercise
from tutor.engine.offline.writing.exercise_material import Material, gather
from tutor.engine.offline.writing.exercises import write_exercises


def _chunk(text: str, page: int) -> Chunk:
    return Chunk(id=f"book.pdf#p{page}-0", source="book.pdf", page=page, text=text)


def _concept(cid: str, name: str, definition: str, page: int) -> Concept:
    return Concept(id=cid, name=name, definition=definition,
                   citations=[Citation(source="book.pdf", page=page)])


def _material(concept: Concept, passages: Sequence[Chunk]) -> Material:
    return gather(concept, term_variants(concept.name, concept.aliases), passages)


USE = _chunk("Although a list can contain another list, the nested list still counts as a "
             "single element of the outer list.", 3)
GLOSSARY = _chunk("list: A sequence of values. nested list: A list that is an element of "
                  "another list. accumulator: A variable used in a loop to add up values.", 9)


def test_a_glossary_entry_defines_a_concept_the_map_gave_a_passing_mention() -> None:
    concept = _concept("nested-list", "nested list", USE.text, 3)
    found = find_book_definition(_material(concept, [USE, GLOSSARY]))
    assert found is not None and found.chunk.page == 9
    assert found.description == "A list that is an element of another list"


def test_a_naming_that_points_back_is_read_with_the_sentence_before() -> None:
    text = ("An alternative is to use the sample to estimate the distribution for the "
            "population, then draw a random sample from that distribution. This process is "
            "called resampling.")
    concept = _concept("resampling", "resampling", "Resampling is used in chapter 9.", 4)
    found = find_book_definition(_material(concept, [_chunk(text, 4)]))
    assert found is not None and found.naming
    assert found.text.startswith("An alternative is to use the sample")


def test_a_sentence_that_only_mentions_the_term_defines_nothing() -> None:
    text = ("A logical argument is structured to give someone a reason to believe some "
            "conclusion. If you believe the premises, you have a reason to believe the "
            "conclusion.")
    concept = _concept("conclusion", "conclusion", text.split(". ")[0] + ".", 5)
    material = _material(concept, [_chunk(text, 5)])
    assert find_book_definition(material) is None
    assert write_exercises(concept, [], [_chunk(text, 5)]) == []


def test_definition_items_come_back_keyed_to_the_definition_found() -> None:
    concept = _concept("nested-list", "nested list", USE.text, 3)
    exercises = write_exercises(concept, [], [USE, GLOSSARY])
    assert exercises
    assert all("another list" in e.answer or e.answer == "nested list" for e in exercises)
    assert all(c.page == 9 for e in exercises for c in e.citations)


def test_a_concept_the_book_never_defines_gets_no_item_keyed_to_one_fact_about_it() -> None:
    """"What does the course say about X?" keyed to one sentence that happens to name X ("The
    normal distribution is characterized by two parameters") is no fair key: no item."""
    text = ("The traceback identifies the function that is currently running, and then the "
            "function that called it, and so on.")
    concept = _concept("traceback", "traceback", text, 6)
    assert write_exercises(concept, [], [_chunk(text, 6)]) == []


def test_the_checker_refuses_a_last_resort_key_that_points_back_or_only_mentions() -> None:
    assert not states_about("This is called the empty set.", "empty set")
    assert not states_about("Overall, these distributions resemble the bell shape.",
                            "distribution")
    assert not states_about("A logical argument is structured to give someone a reason to "
                            "believe some conclusion.", "conclusion")
    text = "This process is called resampling, and it uses the sample again and again."
    concept = _concept("resampling", "resampling", text, 4)
    item = write_exercises(concept, [], [_chunk("The traceback is long.", 4)])
    assert item == []
    from tutor.course import Exercise

    bad = Exercise(id="resampling-short_answer-2", concept_id="resampling",
                   kind=ExerciseKind.SHORT_ANSWER,
                   prompt=ABOUT_PROMPT.format(name="resampling"), answer=text,
                   key_points=["it uses the sample again"],
                   citations=[Citation(source="book.pdf", page=4)])
    verdict = check_exercise(bad, concept, [_chunk(text, 4)])
    assert "the key points back or only mentions the term" in verdict.problems


def test_a_sibling_without_a_description_takes_its_glossary_entry() -> None:
    from tutor.engine.offline.definitions.book_definition import described_siblings
    from tutor.engine.offline.writing.exercise_material import Sibling

    accumulator = _concept("accumulator", "accumulator", "We use an accumulator here.", 3)
    (sibling,) = described_siblings([Sibling(accumulator, 0.5, None)], [USE, GLOSSARY])
    assert sibling.description == "A variable used in a loop to add up values"
    assert sibling.cited is not None and sibling.cited.page == 9


def test_a_definition_naming_the_term_twice_is_asked_on_its_first_clause() -> None:
    text = ("A theorem is a sentence that is derivable without any premises; that is, T is a "
            "theorem if and only if it can be derived from nothing.")
    concept = _concept("theorem", "theorem", text, 7)
    others = [_concept(f"c{n}", name, f"A {name} is a kind of sentence of the language.", 7)
              for n, name in enumerate(["premise", "conclusion", "argument"])]
    written = write_exercises(concept, others, [_chunk(text, 7)])
    assert all(e.prompt.count("_____") <= 1 for e in written)
    assert any("derivable without any premises." in e.prompt for e in written
               if e.kind is not ExerciseKind.SHORT_ANSWER)


def test_a_sentence_cut_off_by_a_page_break_keys_no_item() -> None:
    # the page ends inside the defining sentence; the map's definition says what the thing
    # does, not what it is, so the writer looks through the passages, where only the cut
    # sentence names the concept: a key "... is an alternative that" is no definition
    cut = _chunk("7.7 Spearman's rank correlation\nPearson's correlation works well if the "
                 "relationship between variables is linear and if the variables are roughly "
                 "normal. But it is not robust in the presence of outliers. Spearman's rank "
                 "correlation is an alternative that", 111)
    rest = _chunk("mitigates the effect of outliers and skewed distributions. To compute "
                  "it, we compute the rank of each value.", 112)
    concept = _concept("spearman", "Spearman rank correlation",
                       "Spearman's rank correlation is an alternative that mitigates the "
                       "effect of outliers and skewed distributions.", 111)
    concept.aliases = ["rank correlation"]  # what "Spearman's rank correlation" matches
    answers = [e.answer for e in write_exercises(concept, [], [cut, rest])]
    assert not any(a.rstrip(". ").endswith(" that") for a in answers), answers
