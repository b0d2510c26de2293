"""Every concept said what it is in the book's own words, or no concept: the classes of
definitions blind raters refused on real manuals (a list, a fragment, an entry's action done to
the concept, a sentence leaning on the one before) and the junk classes (an argument's
placeholder, another system's name mentioned in passing, a common word said in passing)."""

from __future__ import annotations

import pytest

from tests.factories import manual_pages
from tutor.course import Chunk, Citation
from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.offline.definitions.definition_faults import (
    acted_on,
    is_fragment,
    lists_things,
    real_definition,
)
from tutor.engine.offline.definitions.real_definitions import review_definitions
from tutor.engine.port import ConceptDraft
from tutor.sentences import split_sentences


def _sentences(chunks: list[Chunk]) -> list[Sentence]:
    return [Sentence(text, i, 0, c.heading) for i, c in enumerate(chunks)
            for text in split_sentences(c.text)]


def _draft(name: str, definition: str, evidence: list[str], page: int = 1) -> ConceptDraft:
    return ConceptDraft(name=name, definition=definition, evidence=evidence,
                        citations=[Citation(source="m.pdf", page=page)],
                        key_points=[definition])


def _review(chunks: list[Chunk], *drafts: ConceptDraft) -> dict[str, ConceptDraft]:
    return {d.name: d for d in review_definitions(list(drafts), _sentences(chunks), chunks)}


def test_the_refused_classes_are_no_real_definition() -> None:
    assert lists_things("There are seven kinds of expansion performed: • brace expansion • tilde "
                        "expansion • filename expansion.", ["filename expansion"])
    assert lists_things("The following tests are run in addition to the power-up tests: HMAC "
                        "SHA-1 1.", ["MAC algorithm test"])
    assert not lists_things("Most time series analysis is based on the assumption that the "
                            "series is the sum of three components: • Trend • Seasonality",
                            ["time series analysis"])  # the list says what it is made of
    assert is_fragment("Adopting notational conventions is a compromise between these two "
                       "desires.", ["notational convention"])
    assert is_fragment("For MPFR_RNDF, those functions return non-zero when it is guaranteed that "
                       "the corresponding conversion function", ["conversion function"])  # cut
    assert is_fragment("In these cases, tilde expansion is also performed.", ["tilde expansion"])
    assert is_fragment("Either process is known as metafying the k key.", ["metafying"])
    assert is_fragment("Function read.fwf provides a simple way to read such files.",
                       ["fixed-width-format file"])
    assert is_fragment("Within double quotes, backslashes that are followed by one of these "
                       "characters are removed.", ["double quote"])
    assert acted_on("Begin saving the characters typed into the current keyboard macro.",
                    ["keyboard macro"])
    assert acted_on("Map the MAC algorithm id algo to a string representation.",
                    ["MAC algorithm"])
    # what the concept is, or a pointing word that is the concept's own or of its own sentence
    assert real_definition("Shell functions are a way to group commands for later execution "
                           "using a single name for the group.", ["shell function"])
    assert not is_fragment("For cryptographic purposes, an elliptic curve is a group of points, "
                           "and computing logarithms in this group is difficult.",
                           ["elliptic curve"])
    assert is_fragment("Such files are known as CSV files.", ["CSV file"])
    assert not is_fragment("Elementary commands consist of either expressions or assignments.",
                           ["command"])  # a choice, not a reference
    assert not acted_on("Put the other way round, a generic function performs a task on its "
                        "arguments specific to their class.", ["generic function"])
    assert not is_fragment("A comma is a common separator. Such files are known as CSV files.",
                           ["CSV file"])  # the later sentence points at the first


def test_a_list_gives_way_to_its_section_sentence_that_says_what_the_topic_does() -> None:
    chunks = manual_pages(
        ("3.1 Shell Expansions", "There are seven kinds of expansion performed: • brace "
         "expansion • tilde expansion • filename expansion. Expansion is performed on the "
         "command line after it has been split into words."),
        ("3.1.2 Double Quotes", "Within double quotes, backslashes that are followed by one of "
         "these characters are removed. Backslashes preceding characters without a special "
         "meaning are left unmodified. Enclosing characters in double quotes preserves the "
         "literal value of all characters within the quotes, with the exception of the dollar "
         "sign."),
    )
    drafts = _review(chunks, _draft("double quote", "Within double quotes, backslashes that are "
                                    "followed by one of these characters are removed.",
                                    ["heading", "keyphrase"], page=2))
    quote = drafts["double quote"]
    assert quote.definition.startswith("Enclosing characters in double quotes preserves")
    assert quote.citations[0].page == 2
    assert "backslashes that are followed" in " ".join(quote.key_points)  # the old one kept


def test_a_list_gives_way_only_to_a_sentence_that_names_the_concept() -> None:
    chunks = manual_pages(("3.5.8 Filename Expansion", "After word splitting, Bash scans each word "
                                                        "for the characters star and question "
                                                        "mark. The word is then regarded as a "
                                                        "pattern."))
    listing = ("There are seven kinds of expansion performed: • brace expansion • tilde expansion "
               "• filename expansion.")
    kept = _review(chunks, _draft("filename expansion", listing, ["heading", "keyphrase"]))
    assert kept["filename expansion"].definition == listing  # no sentence of its own says more


def test_a_sentence_that_does_not_name_the_concept_replaces_only_one_that_does_not() -> None:
    chunks = manual_pages(
        ("4.3 Ordered factors", "The levels of factors are stored in alphabetical order, or in "
         "the order they were given. The ordered() function creates such ordered factors but "
         "is otherwise identical to factor."),
        ("2.2 Fixed-width-format files", "Sometimes data files have no field delimiters but "
         "have fields in pre-specified columns. Function read.fwf provides a simple way to read "
         "such files."),
    )
    ordered = ("The ordered() function creates such ordered factors but is otherwise identical "
               "to factor.")
    kept = _review(chunks, _draft("ordered factor", ordered, ["heading", "keyphrase"]),
                   _draft("fixed-width-format file", "Function read.fwf provides a simple way to "
                          "read such files.", ["heading", "section"], page=2))
    assert kept["ordered factor"].definition == ordered
    assert kept["fixed-width-format file"].definition.startswith("Sometimes data files have no "
                                                                 "field delimiters")


def test_a_pointer_to_another_section_is_no_replacement() -> None:
    chunks = manual_pages(("8.2 Working with MAC algorithms", "To use most of these functions it "
                                                              "is necessary to create a context. "
                                                              "For a list of supported MAC "
                                                              "algorithms, see Section 8.1 "
                                                              "[Available MAC algorithms], "
                                                              "page 61."))
    action = "Map the MAC algorithm id algo to a string representation of the algorithm name."
    kept = _review(chunks, _draft("MAC algorithm", action, ["heading"]))
    assert kept["MAC algorithm"].definition == action


def test_a_section_concept_takes_no_sentence_about_one_thing_of_its_kind() -> None:
    chunks = manual_pages(
        ("11.7 Estimating parameters", "The usual goal is to find the maximum-likelihood "
         "estimate, which is the set of parameters that maximizes the likelihood of the data."),
        ("12.1 Importing", "The parameter, transactions, is a DataFrame that contains columns "
         "date and price."),
    )
    usual = ("The usual goal is to find the maximum-likelihood estimate, which is the set of "
             "parameters that maximizes the likelihood of the data.")
    kept = _review(chunks, _draft("parameter", usual, ["heading", "section"]))
    assert kept["parameter"].definition == usual


def test_a_naming_that_leans_on_the_sentence_before_it_is_given_that_sentence() -> None:
    chunks = manual_pages(("5 Conventions", "Functions can have one or several input arguments. "
                                            "An input point is a mapping from these input "
                                            "arguments to the set of the numbers."))
    drafts = _review(chunks, _draft("input point", "An input point is a mapping from these input "
                                    "arguments to the set of the numbers.", ["definition"]))
    assert drafts["input point"].definition == (
        "Functions can have one or several input arguments. An input point is a mapping from "
        "these input arguments to the set of the numbers.")


def test_junk_nothing_defines_goes() -> None:
    chunks = manual_pages(
        ("4.2 Builtins", "If delim is the empty string, mapfile will terminate a line when it "
         "reads a NUL character. Mapfile reads lines from the standard input."),
        ("2.4 Spreadsheets", "If Minitab is available on your system, its worksheets can be "
         "exported first. Function read.mtp imports a portable worksheet."),
        ("1.8 Names", "Names are effectively unlimited in length. A name starts with a letter."),
        ("7.3 RSA", "The RSA algorithm was the first practical digital signature algorithm."),
        ("2 Objects", "The R specific function typeof returns the type of an R object."),
    )
    kept = _review(
        chunks,
        _draft("delim", "If delim is the empty string, mapfile will terminate a line when it "
               "reads a NUL character.", ["emphasis", "keyphrase"]),
        _draft("Minitab", "If Minitab is available on your system, its worksheets can be "
               "exported first.", ["emphasis", "keyphrase"], page=2),  # in passing
        _draft("SAS", "If SAS is available on your system, function read.ssd can be used to "
               "create a SAS script.", ["heading", "keyphrase"], page=2),  # a heading names it
        _draft("length", "Names are effectively unlimited in length.",
               ["emphasis", "keyphrase"], page=3),
        _draft("RSA", "The RSA algorithm was the first practical digital signature algorithm.",
               ["heading", "keyphrase"], page=4),  # its own section: kept
        _draft("delim2", "If delim2 is set, the line ends there.", ["definition", "reference"]),
        _draft("type", "The R specific function typeof returns the type of an R object.",
               ["emphasis", "heading", "keyphrase"], page=5),  # a heading names it ("Basic types")
    )
    assert set(kept) == {"RSA", "SAS", "delim2", "type"}  # another module's entry is left alone


def test_a_concept_with_no_better_sentence_keeps_its_own() -> None:
    chunks = manual_pages(("2.5 Re-shaping data", "Sometimes spreadsheet data is in a compact "
                                                  "format that gives the covariates for each "
                                                  "subject followed by the observations."))
    definition = ("Sometimes spreadsheet data is in a compact format that gives the covariates "
                  "for each subject followed by the observations.")
    kept = _review(chunks, _draft("re-shaping data", definition, ["heading", "section"]))
    assert kept["re-shaping data"].definition == definition  # a section explains it: kept


def test_the_concept_map_runs_the_pass_last(monkeypatch: pytest.MonkeyPatch) -> None:
    from tutor.engine.offline.concepts import extract

    seen: list[list[str]] = []

    def spy(drafts: list[ConceptDraft], sentences: list[Sentence],
            chunks: list[Chunk]) -> list[ConceptDraft]:
        seen.append([d.name for d in drafts])
        return drafts[:1]

    monkeypatch.setattr(extract, "review_definitions", spy)
    chunks = manual_pages(("1 Introduction", "A command is a word followed by its arguments. "
                                             "The shell reads a command and runs it. A pipeline "
                                             "is a sequence of commands joined by bars."))
    names = [d.name for d in extract.extract_concepts(chunks)]
    assert seen and names == seen[0][:1]  # what the pass returns is the map


@pytest.mark.parametrize("said", [
    "You can define open question giving options (see Section 5.4.3.3) enclosed with < and >, "
    "as in the following example:",
    "The drawing above shows the open question boxes written at the foot of the page.",
])
def test_a_section_sentence_about_a_figure_or_announcing_an_example_is_no_replacement(
        said: str) -> None:
    chunks = manual_pages(("4.3.3 Open questions", said))
    cut = "Text to be written along the boxes to tell the"
    kept = _review(chunks, _draft("open question", cut, ["heading", "keyphrase"]))
    assert kept["open question"].definition == cut


def test_a_section_sentence_is_judged_as_the_learner_would_read_it() -> None:
    chunks = manual_pages(("9.3.53.4 write image", "'write image colorscale to \\filename' There "
                           "is no header. The image is written row by row, one value a line."))
    cut = "Storage is by unsigned-char, and is in the"
    kept = _review(chunks, _draft("write image", cut, ["heading", "keyphrase"]))
    assert kept["write image"].definition == ("The image is written row by row, one value a "
                                              "line.")


def test_a_section_sentence_opening_on_a_command_in_lower_case_is_no_order() -> None:
    said = "set palette gray switches to a grayscale palette shading from black to white."
    chunks = manual_pages(("Gray", said))
    cut = "Palette gray switches to a grayscale palette and the"
    kept = _review(chunks, _draft("gray", cut, ["heading", "keyphrase"]))
    assert kept["gray"].definition == "S" + said[1:]  # the command's own words, not an order
