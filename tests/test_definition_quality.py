"""What a teacher accepts as a definition: what the term is, not a remark, an announcement
or history; a naming sentence with what it refers back to; glossary words cited where they
are printed."""

from __future__ import annotations

from tutor.course import Chunk
from tutor.engine.offline.concepts.extract import extract_concepts
from tutor.engine.offline.definitions.defining import MIN_DEFINING, Candidate, definition_score
from tutor.engine.offline.definitions.patterns import definitions_in


def _score(term: str, text: str) -> float:
    return definition_score(term, Candidate(text))


def _pages(*texts: str, headings: tuple[str, ...] = ()) -> list[Chunk]:
    return [Chunk(id=f"n.md#p{i}-0", source="n.md", page=i, text=t, order=i - 1,
                  heading=headings[i - 1] if headings else "")
            for i, t in enumerate(texts, start=1)]


def test_a_remark_with_a_modal_scores_below_what_the_term_is() -> None:
    remark = _score("polymorphism", "Polymorphism can facilitate code reuse.")
    plain = _score("polymorphism", "Polymorphism is the ability of code to work with several "
                                   "types.")
    assert remark < plain
    assert plain >= MIN_DEFINING


def test_announcements_and_history_are_not_definitions() -> None:
    assert _score("truth table", "We will now introduce a truth table for each connective "
                                 "in this section.") < MIN_DEFINING
    assert _score("completeness", "Completeness for a language like this was first proven in "
                                  "1929 by a logician.") < MIN_DEFINING


def test_a_relative_clause_after_the_term_explains_it() -> None:
    sentence = ("One of the simplest moving averages is the rolling mean, which computes the "
                "mean of the values in each window.")
    assert _score("rolling mean", sentence) >= MIN_DEFINING
    assert _score("rolling mean", "The rolling mean, which was slow, ran again.") < MIN_DEFINING


def test_it_is_called_in_short_form_names_the_term() -> None:
    sentence = "If the dependent variable is an integer count, it's called Poisson regression."
    assert "Poisson regression" in {d.term for d in definitions_in(sentence, 0, 0)}
    assert _score("Poisson regression", sentence) >= MIN_DEFINING


def test_a_figure_reference_does_not_spoil_a_definition() -> None:
    sentence = ("A state diagram that shows an object and its attributes is called an object "
                "diagram; see Figure 15.1.")
    assert _score("object diagram", sentence) >= MIN_DEFINING


def test_a_naming_sentence_that_points_back_takes_the_sentence_before() -> None:
    course = _pages(
        "Some sentences are true in one case and false in another. Logically speaking, such a "
        "sentence might be either true or false. Sentences like this are called contingent "
        "sentences.",
        "A contingent sentence differs from a tautology. Every contingent sentence has a row "
        "that makes it true.",
        "Contingent sentences fill most of a truth table exercise.",
    )
    drafts = {d.name.lower(): d for d in extract_concepts(course)}
    definition = drafts["contingent sentence"].definition
    assert definition.startswith("Logically speaking, such a sentence might be either true")
    assert definition.endswith("are called contingent sentences.")


def test_a_naming_sentence_with_its_own_reason_is_restated_in_general() -> None:
    course = _pages(
        "Print statements help while you write a function. Code like that is called "
        "scaffolding because it helps to build the program but is not part of the product.",
        "Remove the scaffolding once the function works; scaffolding is not shipped.",
        "Good scaffolding prints the arguments and the result.",
    )
    drafts = {d.name.lower(): d for d in extract_concepts(course)}
    assert drafts["scaffolding"].definition == (
        "Scaffolding is code that helps to build the program but is not part of the product.")


def test_glossary_words_are_cited_after_the_page_that_introduces_the_term() -> None:
    course = _pages(
        "Each of the four functions below uses an accumulator to keep a running total. An "
        "accumulator grows as the loop runs over the list.",
        "The loop adds each item to the accumulator in turn, and the accumulator ends with the "
        "sum of the list.",
        "accumulator: A variable used in a loop to add up or accumulate a result.",
        headings=("3.1 Loops", "3.2 Sums", "3.9 Glossary"),
    )
    drafts = {d.name.lower(): d for d in extract_concepts(course)}
    accumulator = drafts["accumulator"]
    assert accumulator.definition == "A variable used in a loop to add up or accumulate a result."
    pages = [c.page for c in accumulator.citations]
    assert pages[0] != 3  # where the body introduces it (the teacher's definition page) ...
    assert 3 in pages  # ... and where the glossary's words are


def test_a_judgement_where_the_genus_should_be_is_no_definition() -> None:
    assert _score("time series analysis", "Time series analysis is a big topic; this chapter "
                                          "only starts it.") < MIN_DEFINING
    assert _score("normal distribution", "The normal distribution is a good model for this "
                                         "dataset.") < MIN_DEFINING
    assert _score("median", "The median is a measure of central tendency.") >= MIN_DEFINING
    assert _score("natural number", "A natural number is a simple kind of number used for "
                                    "counting.") >= MIN_DEFINING


def test_a_section_that_never_says_what_its_term_is_yields_to_the_glossary() -> None:
    course = _pages(
        "The code for this chapter is in residuals.py. Residuals help us judge a fit, and we "
        "will plot residuals often.",
        "Plot the residuals against the fitted values to see a pattern in the residuals.",
        "residual: The deviation of an actual value from a model.",
        headings=("10.1 Residuals", "10.2 Plots", "10.9 Glossary"),
    )
    drafts = {d.name.lower(): d for d in extract_concepts(course)}
    assert drafts["residual"].definition.startswith("The deviation of an actual value")
    pages = [c.page for c in drafts["residual"].citations]
    assert pages[0] in (1, 2) and pages[1] == 3  # the body, then the glossary's words


def test_an_instruction_to_the_reader_is_no_definition() -> None:
    assert _score("random word", "Write a program that uses this algorithm to choose a random "
                                 "word from the book.") < MIN_DEFINING


def test_a_noun_called_a_term_names_the_term() -> None:
    sentence = "Instead we collect data from a subset of the population called a sample."
    assert _score("sample", sentence) >= MIN_DEFINING
    assert _score("population", sentence) < MIN_DEFINING


def test_a_label_line_that_announces_a_plan_is_no_glossary_entry() -> None:
    course = _pages(
        "This book follows a process:\nExploratory data analysis: We will look for patterns "
        "and differences in the data.\nEstimation: We will use data from a sample.",
        "Exploratory data analysis comes first in every chapter of the book.",
        "We use exploratory data analysis on each dataset before we model it.",
        headings=("1 Introduction", "1.1 Exploratory data analysis", "1.2 Data"),
    )
    drafts = {d.name.lower(): d for d in extract_concepts(course)}
    assert not drafts["exploratory data analysis"].definition.startswith("We will look")


def test_a_term_only_set_in_emphasis_and_never_said_what_it_is_is_no_concept() -> None:
    texts = ("We want a logical language that is expressively simple, and we also want one that "
             "is easy to translate into.",
             "A language that is expressively simple lets us translate quickly.",
             "Two sentences are provably equivalent if each can be derived from the other.",
             "Showing that two sentences are provably equivalent takes two proofs.")
    course = [c.model_copy(update={"emphasized": [term]}) for c, term in zip(
        _pages(*texts), ["expressively simple", "", "provably equivalent", ""], strict=True)]
    drafts = {d.name.lower(): d for d in extract_concepts(course)}
    assert "expressively simple" not in drafts
    assert "provably equivalent" in drafts
