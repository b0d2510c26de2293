"""The book's glossary, read once for the concept map and the exercise bank: entries run
together or bulleted, glosses cut by a page, and the glossary's words taking the place of a
body sentence that only names the term."""

from __future__ import annotations

from tutor.course import Chunk, Citation, Concept
from tutor.engine.offline.concepts.extract import extract_concepts
from tutor.engine.offline.concepts.glossary import glossary_entries, reads_as_glossary
from tutor.engine.offline.concepts.merge import merge_concepts
from tutor.engine.offline.definitions.book_definition import find_book_definition
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.writing.exercise_material import gather
from tutor.engine.port import ConceptDraft

RUN_TOGETHER = (
    "2.9 Glossary\n"
    "variable: A name that refers to a value. assignment: A statement that assigns a value to "
    "a variable. state diagram: A graphical representation of a set of variables.\n"
    "keyword: A reserved word that is used to parse a program.")


def test_entries_run_together_after_a_full_stop_are_each_read() -> None:
    entries = glossary_entries(RUN_TOGETHER)
    assert [e.term for e in entries] == ["variable", "assignment", "state diagram", "keyword"]
    assert entries[1].first_sentence == "A statement that assigns a value to a variable."
    assert [e.at_line_start for e in entries] == [True, False, False, True]
    assert reads_as_glossary(entries)


def test_bullets_brackets_and_a_gloss_cut_by_the_page() -> None:
    page = ("\u2022 cumulative distribution function (CDF): A function that maps from values "
            "to their cumulative probabilities.\n"
            "\u2022 bias (of an estimator): The tendency of an estimator to be off.\n"
            "\u2022 cohort: a group of subjects defined by an event.\n"
            "\u2022 summary statistic: A statistic that quantifies some aspect of a")
    entries = glossary_entries(page, following="distribution, like its spread.\n\u2022 tail: "
                                                "The part of a distribution at the extremes.")
    assert [(e.term, e.abbreviation) for e in entries] == [
        ("cumulative distribution function", "CDF"), ("bias of an estimator", ""),
        ("cohort", ""), ("summary statistic", "")]
    assert entries[2].definition == "a group of subjects defined by an event."
    assert entries[3].definition == ("A statistic that quantifies some aspect of a distribution, "
                                     "like its spread.")


def test_labels_and_colons_inside_prose_are_no_entries() -> None:
    text = ("Note: Python 3 is used throughout. The program prints: Hello, world.\n"
            "It reads as follows: The first line imports the module.")
    assert glossary_entries(text) == []
    assert not reads_as_glossary(glossary_entries("Python shows: Hello, world."))


def _pages(*texts: str, headings: tuple[str, ...]) -> list[Chunk]:
    return [Chunk(id=f"n.md#p{i}-0", source="n.md", page=i, text=t, order=i - 1,
                  heading=headings[i - 1]) for i, t in enumerate(texts, start=1)]


NAMING_ONLY = _pages(
    "To deal with longer programs, you might want to try a process called incremental "
    "development. You add and test only a small amount of code at a time.",
    "With incremental development you start with a working program and make small changes.",
    "Incremental development saves debugging time on larger programs.",
    "scaffolding: Code that is used while writing a program but is not part of it. incremental "
    "development: A development plan intended to avoid debugging by adding and testing only a "
    "small amount of code at a time.",
    headings=("6.2 Incremental development", "6.3 Composition", "6.4 More", "6.10 Glossary"))


def test_a_body_sentence_that_only_names_the_term_gives_way_to_the_glossary() -> None:
    drafts = {d.name: d for d in extract_concepts(NAMING_ONLY)}
    found = drafts["incremental development"]
    assert found.definition.startswith("A development plan intended to avoid debugging")
    pages = [c.page for c in found.citations]
    assert pages[0] == 1 and pages[1] == 4  # where the body introduces it, then the words
    assert any(p.startswith("To deal with longer programs") for p in found.key_points)


def test_a_body_sentence_that_says_what_the_term_is_stays() -> None:
    course = _pages(
        "A list is a sequence of values of any type. Lists are written in square brackets.",
        "You can change the values of a list, so lists are mutable and a list can grow.",
        "Lists hold many values; a list of lists is a nested list.",
        "tuple: An immutable sequence. list: A sequence of values.",
        headings=("10.1 Lists", "10.2 Mutable lists", "10.3 Nested", "10.14 Glossary"))
    found = {d.name: d for d in extract_concepts(course)}["list"]
    assert found.definition == "A list is a sequence of values of any type."
    assert found.citations[0].page == 1


def test_the_bank_reads_the_same_entries_as_the_map() -> None:
    glossary = Chunk(id="b.pdf#p9-0", source="b.pdf", page=9, text=(
        "\u2022 percentile rank: The percentage of values that are less than or equal to a "
        "given value.\n\u2022 cumulative distribution function (CDF): A function that maps "
        "from values to their cumulative probabilities."))
    concept = Concept(id="cdf", name="cumulative distribution function", aliases=["CDF"],
                      definition="We use the CDF often.",
                      citations=[Citation(source="b.pdf", page=3)])
    terms = term_variants(concept.name, concept.aliases)
    found = find_book_definition(gather(concept, terms, [glossary]))
    assert found is not None and found.chunk.page == 9
    assert found.description == "A function that maps from values to their cumulative probabilities"


def test_concepts_introduced_by_one_sentence_merge_though_their_definitions_differ() -> None:
    intro = "The alternative is to save code in a file called a script and run it in script mode."
    drafts = [
        ConceptDraft(name="script", definition="A program stored in a file.",
                     key_points=[intro, "A program stored in a file."], evidence=["definition"]),
        ConceptDraft(name="script mode", definition="A way of running a script.",
                     key_points=[intro, "A way of running a script."], evidence=["glossary"]),
    ]
    assert len(merge_concepts(drafts, use_embeddings=False)) == 1
    apart = [d.model_copy(update={"key_points": d.key_points[1:]}) for d in drafts]
    assert len(merge_concepts(apart, use_embeddings=False)) == 2


def test_a_naming_with_no_description_takes_the_glossary_and_keeps_the_introduction() -> None:
    course = _pages(
        "A function may compute a result and hand it back. The result is also called the "
        "return value. You can assign the return value to a variable.",
        "The return value of a function can be used in an expression.",
        "Print the return value to check it.",
        "void function: A function that returns nothing. return value: The result of a "
        "function.",
        headings=("3.1 Calls", "3.2 Results", "3.3 Checks", "3.13 Glossary"))
    course[0] = course[0].model_copy(update={"emphasized": ["return value"]})
    found = {d.name: d for d in extract_concepts(course)}["return value"]
    assert found.definition == "The result of a function."
    assert [c.page for c in found.citations][:2] == [1, 4]
    assert found.key_points[0] == "The result is also called the return value."


def test_with_no_glossary_a_plain_definition_elsewhere_gives_its_words() -> None:
    course = _pages(
        "Some sentences cannot be false. A logically false sentence is called a contradiction.",
        "Contradictions are rare in ordinary talk, but contradictions matter in logic.",
        "A contradiction is a sentence that must be false, as a matter of logic. . "
        "Every row of its truth table makes it false.",
        headings=("1.5 Other notions", "1.6 Talk", "1.7 Precision"))
    course[0] = course[0].model_copy(update={"emphasized": ["contradiction"]})
    found = {d.name: d for d in extract_concepts(course)}["contradiction"]
    assert found.definition == "A contradiction is a sentence that must be false, as a matter of logic."
    assert [c.page for c in found.citations][:2] == [1, 3]


def test_a_list_of_capitalised_labels_or_questions_is_no_glossary() -> None:
    labels = ("Syntax error: Python can only run a program if it is correct. Runtime error: The "
              "error does not appear until the program runs.")
    assert not reads_as_glossary(glossary_entries(labels))
    questions = ("\u2022 central tendency: Do the values cluster around a point?\n"
                 "\u2022 spread: How much variability is there in the values?")
    assert glossary_entries(questions) == []
    assert [e.term for e in glossary_entries("inverse CDF: A function. tail: The extremes.")] == [
        "inverse CDF", "tail"]


def test_exercises_on_a_glossary_definition_cite_the_glossary_page() -> None:
    from tutor.engine.offline.writing.exercises import write_exercises

    body = Chunk(id="b.pdf#p3-0", source="b.pdf", page=3, text=(
        "You can also use a list as an element of another list, and the nested list counts "
        "as one element of the outer list."))
    glossary = Chunk(id="b.pdf#p9-0", source="b.pdf", page=9, text=(
        "list: A sequence of values. nested list: A list that is an element of another list. "
        "accumulator: A variable used in a loop to add up values."))
    concept = Concept(id="nested-list", name="nested list",
                      definition="A list that is an element of another list.",
                      citations=[Citation(source="b.pdf", page=3),
                                 Citation(source="b.pdf", page=9)])
    exercises = write_exercises(concept, [], [body, glossary])
    assert exercises
    assert any(c.page == 9 for e in exercises for c in e.citations)


def test_a_naming_whose_subject_points_at_its_place_takes_the_glossary() -> None:
    from tutor.engine.offline.definitions.defining_signs import Candidate
    from tutor.engine.offline.definitions.plain_definitions import plain_definition

    pointing = "The second approach, which this section demonstrates, is called data mining."
    assert not plain_definition("data mining", Candidate(pointing), chosen=True)
    assert plain_definition("data mining", Candidate(
        "Testing many models at once to find relationships is called data mining."), chosen=True)
    course = _pages(
        "There are two ways to choose variables. The first approach is to think hard. "
        f"{pointing} An advantage of data mining is that it finds unexpected patterns.",
        "Data mining can mislead when many models are tried.",
        "Use data mining with care.",
        "data mining: An approach to finding relationships between variables by testing a "
        "large number of models.",
        headings=("11.5 Prediction", "11.6 Caution", "11.7 Practice", "11.11 Glossary"))
    found = {d.name: d for d in extract_concepts(course)}["data mining"]
    assert found.definition == ("An approach to finding relationships between variables by "
                                "testing a large number of models.")
    assert found.citations[0].page == 1
