"""More ways a book says what a term is (a property with its condition, "we say that ... is
X", "we define X as", a descriptive subject naming its complement, a plural class), and
sentences that only look like definitions (a superlative, a leading phrase, a pronoun that
names what the text before described)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tutor.course import Chunk
from tutor.engine.offline.concepts.extract import extract_concepts
from tutor.engine.offline.definitions.defining import (
    MIN_DEFINING,
    Candidate,
    definition_score,
    features,
)
from tutor.engine.offline.definitions.self_contained import leans, with_continuation


def _score(term: str, text: str, emphasized: bool = False) -> float:
    return definition_score(term, Candidate(text, emphasized=emphasized))


def _pages(*texts: str, headings: tuple[str, ...] = ()) -> list[Chunk]:
    return [Chunk(id=f"n.md#p{i}-0", source="n.md", page=i, text=t, order=i - 1,
                  heading=headings[i - 1] if headings else "")
            for i, t in enumerate(texts, start=1)]


def test_a_property_given_with_its_condition_defines_the_property() -> None:
    assert _score("balanced", "A bag of marbles is balanced if every colour appears equally "
                              "often.") >= MIN_DEFINING
    assert _score("satisfiable", "A formula is satisfiable in PL when some assignment makes "
                                 "it true.") >= MIN_DEFINING
    assert _score("balanced", "The scales were balanced after the second weighing.") < MIN_DEFINING


def test_we_say_that_and_we_define_as_name_the_term() -> None:
    assert _score("isomorphic", "When two graphs have the same shape under some relabelling, "
                                "we say that they are isomorphic.") >= MIN_DEFINING
    assert _score("walk", "We define a walk as a sequence of edges that share end points.") \
        >= MIN_DEFINING
    assert _score("walk", "We define the cost first and the walk later.") < MIN_DEFINING


def test_a_descriptive_subject_names_its_complement() -> None:
    sentence = "Another way to describe the spread of a sample is the interquartile range."
    assert features("interquartile range", Candidate(sentence))["inverse"] == 1.0
    assert _score("interquartile range", sentence, emphasized=True) >= MIN_DEFINING
    # a subordinate clause, an example with quotes or a short subject is no description
    for text in ("Because the last step fails, the result is the interquartile range.",
                 "'Every cat sleeps' is a sentence.",
                 "The mean is a summary statistic."):
        term = text.rstrip(".").rsplit(" ", 2)[-2:]
        assert features(" ".join(term), Candidate(text))["inverse"] == 0.0


def test_a_plural_class_after_the_copula_is_a_genus_and_a_superlative_is_not() -> None:
    assert _score("deadlock", "Deadlocks are situations in which two threads wait for each "
                              "other forever.") >= MIN_DEFINING
    assert _score("deadlock", "Deadlocks are the hardest bugs to find in a threaded "
                              "program.") < MIN_DEFINING
    assert _score("deadlock", "Deadlocks are always a sign of a design error.") < MIN_DEFINING


def test_a_term_in_a_leading_phrase_is_not_defined_by_the_main_clause() -> None:
    sentence = "In linear regression, a residual is the distance of a point from the line."
    assert _score("linear regression", sentence) < MIN_DEFINING
    assert _score("residual", sentence) >= MIN_DEFINING


def test_otherwise_a_pronoun_or_a_demonstrative_before_the_naming_leans() -> None:
    assert leans("Otherwise, they are disjoint.")
    assert leans("Because of this property, it is called a stable sort.")
    assert leans("Databases store these numbers, called row ids, in every table.")
    assert not leans("A row id is a number that names a row of a table.")
    assert not leans("In this chapter, a stack is a list used from one end only.")


def test_a_question_after_a_label_is_no_glossary_entry() -> None:
    course = _pages(
        "Three questions guide the summary of a sample.\nSpread: How far apart are the "
        "values?\nWe measure spread in several ways, and spread matters for every test.",
        "A wide spread makes a small effect hard to see, so we look at the spread first.",
        "spread: A measure of how far apart the values of a sample are.",
        headings=("2.1 Summaries", "2.2 Effects", "2.9 Glossary"),
    )
    drafts = {d.name.lower(): d for d in extract_concepts(course)}
    assert drafts["spread"].definition.startswith("A measure of how far apart")
    assert "?" not in drafts["spread"].definition


def test_a_property_noun_is_defined_by_its_adjective_with_a_condition() -> None:
    course = _pages(
        "A sorting method has several properties. This is the question of stability, which we "
        "answer now. A sort is stable if it keeps equal items in their order.",
        "Merge sort keeps that order, so its stability is easy to check.",
        "Quick sort gives up stability for speed; stability matters for records.",
        headings=("4.2 Stability", "4.3 Merge sort", "4.4 Quick sort"),
    )
    drafts = {d.name.lower(): d for d in extract_concepts(course)}
    assert drafts["stability"].definition.startswith("A sort is stable if")


def test_a_sentence_ending_on_what_the_text_before_described_leans() -> None:
    assert leans("Hash tables give us this speed.")
    assert not leans("Hash tables give us constant time lookups.")


def test_a_short_definition_takes_the_next_sentence_that_goes_on_describing_it() -> None:
    course = _pages(
        "Formally, a heap is a binary tree. The nodes of the tree keep an order: each parent "
        "is smaller than its children. Heaps are used for priority queues.",
        "A heap can be stored in a list, and the heap property is kept after each insertion.",
        "Removing the smallest item from a heap takes logarithmic time.",
    )
    drafts = {d.name.lower(): d for d in extract_concepts(course)}
    assert drafts["heap"].definition == (
        "Formally, a heap is a binary tree. The nodes of the tree keep an order: each parent is "
        "smaller than its children.")


def test_a_short_definition_does_not_take_a_sentence_about_something_else() -> None:
    course = _pages(
        "A queue is a list of waiting items. The printer takes the next job from it. Queues "
        "are first in, first out.",
        "Each queue has a front and a back; a queue grows at the back.",
        "A queue can be empty, and an empty queue has no front.",
    )
    drafts = {d.name.lower(): d for d in extract_concepts(course)}
    assert drafts["queue"].definition == "A queue is a list of waiting items."


def test_a_bulleted_list_run_into_one_sentence_gives_the_item_that_names_the_term() -> None:
    course = _pages(
        "A test has three steps. • The first step is to choose a statistic for the effect. "
        "• The second step is to define a baseline, which is a model of the system with no "
        "effect. • The third step is to compare the two.",
        "The baseline is simulated many times, and each run of the baseline gives a value.",
        "A poor baseline makes a test useless, so the baseline is chosen with care.",
    )
    drafts = {d.name.lower(): d for d in extract_concepts(course)}
    assert drafts["baseline"].definition == (  # the item, its appositive restated
        "A baseline is a model of the system with no effect.")


def test_said_to_be_names_the_term() -> None:
    sentence = ("Given the same inputs, most vending machines give the same outputs, so they are "
                "said to be predictable.")
    assert features("predictable", Candidate(sentence))["named_object"] == 1.0


def test_with_no_defining_sentence_the_passage_that_emphasises_the_term_is_cited() -> None:
    course = [
        Chunk(id="n.md#p1-0", source="n.md", page=1, order=0,
              text="A frame holds every panel widget in place for the operator."),
        Chunk(id="n.md#p2-0", source="n.md", page=2, order=1, emphasized=["panel widget"],
              text="So each panel widget shifts a little when the frame is loose."),
        Chunk(id="n.md#p3-0", source="n.md", page=3, order=2,
              text="The operator moves a panel widget, and the frame keeps the panel widget "
                   "level."),
    ]  # (a term of several words: one word in emphasis that nothing explains is dropped)
    drafts = {d.name.lower(): d for d in extract_concepts(course)}
    assert drafts["panel widget"].citations[0].page == 2


def test_a_quantity_or_an_example_value_is_no_appositive() -> None:
    assert features("day", Candidate("The queue is longest after 3 days, which is the usual "
                                     "delivery time."))["appositive"] == 0.0
    assert features("outlier", Candidate("One reading has to be an outlier, a 90 degree "
                                         "morning!"))["appositive"] == 0.0
    assert features("median", Candidate("We report the median, which is the middle value of "
                                        "the sorted sample."))["appositive"] == 1.0


def test_an_appositive_in_a_sentence_about_something_else_does_not_define() -> None:
    sentence = ("It is close to the plain average, but it has no gaps, which makes it easier "
                "to plot.")
    assert _score("gap", sentence) < MIN_DEFINING
    assert _score("p-value", "Then we compute a p-value, which is the probability of a result "
                             "at least this large.") >= MIN_DEFINING


def test_a_condition_first_and_the_term_last_defines_the_term() -> None:
    sentence = ("If the squares of a set of values have a uniform spread, the values have a "
                "root-uniform spread.")
    assert features("root-uniform spread", Candidate(sentence))["predicate"] == 1.0
    # the term ending the leading clause is not explained by what follows its comma
    assert features("uniform spread", Candidate(sentence))["appositive"] == 0.0


def test_a_definition_run_on_after_a_list_that_lost_its_full_stop_is_taken_alone() -> None:
    run_on = ("Signal words are a hint of what the recipe is meant to be, especially when the "
              "recipe as printed puts the result first or in the middle of the recipe. "
              "ingredient words: take, add, mix, stir, fold in, season, whisk, pour, chop, "
              "slice result words: serve, plate, enjoy So in general, we can define a recipe as "
              "a list of steps that ends in a dish.")
    course = _pages(
        "Cooking starts from a recipe, and a recipe names a dish. " + run_on,
        "Every recipe has ingredients; a good recipe lists them in order of use.",
        "A recipe may be doubled, and a doubled recipe needs a bigger pot.",
        headings=("1.1 Recipes", "1.2 Ingredients", "1.3 Scaling"),
    )
    drafts = {d.name.lower(): d for d in extract_concepts(course)}
    assert drafts["recipe"].definition == (
        "So in general, we can define a recipe as a list of steps that ends in a dish.")


def test_the_sentence_a_short_definition_took_is_not_repeated_as_a_key_point() -> None:
    course = _pages(
        "Formally, a heap is a binary tree. The nodes of the tree keep an order: each parent "
        "is smaller than its children. Heaps are used for priority queues.",
        "A heap can be stored in a list, and the heap property is kept after each insertion.",
        "Removing the smallest item from a heap takes logarithmic time.",
    )
    heap = {d.name.lower(): d for d in extract_concepts(course)}["heap"]
    assert heap.key_points[0] == heap.definition
    assert not any(point in heap.definition for point in heap.key_points[1:])


def test_a_plural_looking_name_taken_as_one_thing_is_a_code_variable_not_a_concept() -> None:
    from tutor.engine.offline.concepts.candidates import TermCandidate, names_identifier

    assert names_identifier(TermCandidate("height"), "Heights is a list of the heights in cm.")
    assert not names_identifier(TermCandidate("height"), "Heights are measured in cm.")
    assert not names_identifier(TermCandidate("analysi"), "Analysis is the study of parts.")
    course = _pages(
        "We load the survey. heights is a list of the heights of the children, and mean is "
        "their average.\nHeights is a list of the heights of the children in cm.",
        "We plot heights against age; heights grows with age in the plot.",
        "The heights of older children vary more, and heights has a long tail.",
    )
    course[0].emphasized.append("heights")
    course[1].emphasized.append("heights")
    assert "height" not in {d.name.lower() for d in extract_concepts(course)}


def test_an_earlier_plain_definition_comes_before_a_later_section_named_for_the_term() -> None:
    course = _pages(
        "You call a machine by its name. The number in brackets is called the setting of the "
        "machine.",
        "A drill turns fast when its setting is high, and a saw cuts deep with a high setting.",
        "Inside the machine, the settings are copied to dials called gauges.",
        "Each gauge shows a setting, and a worker reads the setting from the gauge.",
        "The setting of a lathe is a speed in turns per second.",
        headings=("3.1 Calling machines", "3.2 Drills and saws", "3.5 Gauges and settings",
                  "3.6 Reading gauges", "3.7 Lathes"),
    )
    course[0].emphasized.append("setting")
    drafts = {d.name.lower(): d for d in extract_concepts(course)}
    assert drafts["setting"].definition == "The number in brackets is called the setting of the " \
                                           "machine."
    assert drafts["setting"].citations[0].page == 1


def test_a_naming_where_the_term_is_introduced_beats_a_property_or_a_remark_in_that_passage() -> None:
    course = _pages(
        "We give named parts to a record. These parts are called fields. Each field refers to "
        "one value. Sometimes a field is a sign of a missing table.",
        "A record has as many fields as its type lists, and every field has a name.",
        "Reading a field uses the record's name and the field's name.",
        headings=("5.1 Records", "5.2 Fields", "5.3 Reading"),
    )
    course[0].emphasized.append("fields")
    drafts = {d.name.lower(): d for d in extract_concepts(course)}
    assert drafts["field"].definition == (
        "We give named parts to a record. These parts are called fields.")


def test_the_cells_of_a_small_table_run_into_a_definition_are_dropped() -> None:
    from tutor.engine.offline.definitions.definition_cleaning import clean_definition

    assert clean_definition("P Q P | Q 1 1 1 1 0 1 Alternation is symmetric because the order "
                            "of its parts does not matter.") == (
        "Alternation is symmetric because the order of its parts does not matter.")
    assert clean_definition("We show this in a table for the gate: P ~P 1 0 0 1 We return to "
                            "gates later.") == "We show this in a table for the gate."
    assert clean_definition("In Python, a b c d is a line of four names.") == (
        "In Python, a b c d is a line of four names.")


def test_what_we_will_say_a_term_is_defines_it_and_is_no_announcement() -> None:
    text = "So we will say that a sentence is something that can be true or false."
    marks = features("sentence", Candidate(text))
    assert marks["predicate"] and not marks["announcement"]
    assert _score("sentence", text) >= MIN_DEFINING
    assert _score("sentence", "Instead, we will introduce a sentence.") < MIN_DEFINING



def test_a_word_mostly_used_beside_the_same_word_is_part_of_a_longer_name() -> None:
    from tutor.engine.offline.concepts.candidates import Sentence, name_parts

    texts = ["This process is called ordinary least squares.",
             "We fit the model by ordinary least squares.",
             "Ordinary least squares minimizes the squared residuals.",
             "A residual is the difference between a value and the model.",
             "The residual of a point depends on the model.",
             "Each model has a residual for every point."]
    sentences = [Sentence(text, number, 0, "") for number, text in enumerate(texts)]
    parts = name_parts(sentences, ["ordinary", "residual", "model", "ordinary least square"])
    assert parts == {"ordinary"}



def test_a_name_the_course_never_writes_in_lower_case_is_no_concept() -> None:
    filler = "A sibling is a brother or a sister. Siblings share parents and a household."
    texts = [f"Jane is an only child. {filler}", f"Jane is an example. {filler}",
             f"Jane is here again. {filler}"]
    names = {concept.name.lower() for concept in extract_concepts(_pages(*texts))}
    assert "jane" not in names
    assert "jane" in {concept.name.lower() for concept in extract_concepts(
        _pages(*(text.replace("Jane is here again", "We met jane again") for text in texts)))}


def test_a_result_named_after_its_statement_is_taken_with_the_statement() -> None:
    assert features("spreading law", Candidate(
        "This result is the spreading law."))["named_object"] == 1.0
    course = _pages(
        "Adding many small pushes makes the drift grow. More precisely, the drift grows with "
        "the square root of the number of pushes. This result is the spreading law. The "
        "spreading law explains the shape of many piles in nature.",
        "The spreading law shows up again when we pile sand.",
        headings=("7.4 Spreading law", "7.5 Piles"),
    )
    drafts = {d.name.lower(): d for d in extract_concepts(course)}
    assert drafts["spreading law"].definition == (
        "Adding many small pushes makes the drift grow. More precisely, the drift grows with "
        "the square root of the number of pushes. This result is the spreading law.")


def test_an_introduced_term_takes_the_sentence_that_says_formally_what_it_is() -> None:
    @dataclass
    class _Line:
        text: str
        chunk: int = 0
        block: int = 0

    lines = [_Line("Instead, we will introduce a colour map."),
             _Line("Formally, this will be a function from regions to colours.")]
    assert with_continuation(lines[0].text, 0, lines, re.compile("copyright")) == (
        "Instead, we will introduce a colour map. Formally, this will be a function from "
        "regions to colours.")


def test_a_which_clause_that_only_judges_an_amount_is_no_appositive() -> None:
    judged = "In this example, the gap is 0.03 standard spreads, which is small."
    assert features("spread", Candidate(judged))["appositive"] == 0.0
    named = "Next we look at seasonality, which is periodic behavior."
    assert features("seasonality", Candidate(named))["appositive"] == 1.0


def test_a_passage_that_only_mentions_the_term_gives_way_to_a_later_naming() -> None:
    course = _pages(
        "A team is organised to give its members a reason to trust some captain. Teams win.",
        "A squad is a list of players. The first player in the list is the captain. Every "
        "captain speaks for the team, and the captain tosses the coin.",
        headings=("Chapter 1: What is a team?", "1.1 Squads"),
    )
    course[0].emphasized.append("captain")
    drafts = {d.name.lower(): d for d in extract_concepts(course)}
    assert drafts["captain"].definition.startswith("The first player in the list is the captain.")


def test_a_term_that_only_modifies_the_subject_is_not_its_subject() -> None:
    modifier = "Although it is slow, the sieve table method is a mechanical procedure."
    marks = features("sieve table", Candidate(modifier, "", 3.0))
    assert marks["subject_only"] == 0.0 and marks["pattern"] == 0.0
    plain = "A sieve table is a grid of marks."
    assert features("sieve table", Candidate(plain))["subject_copula"] == 1.0
