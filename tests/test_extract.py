"""Offline concept extraction: text utilities, candidate signals, junk filtering."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.conftest import REPO, eval_path
from tutor.course import Chunk
from tutor.engine.offline.concepts.book_matter import is_reference_matter
from tutor.engine.offline.concepts.extract import extract_concepts
from tutor.engine.offline.concepts.glossary import glossary_entries
from tutor.engine.offline.definitions.patterns import definitions_in, heading_terms
from tutor.engine.offline.terms import (
    is_junk_term,
    term_key,
)


def course(*pages: tuple[str, str] | tuple[str, str, list[str]]) -> list[Chunk]:
    """Chunks of a small course: one per page, ``(heading, text[, emphasised terms])``."""
    chunks = []
    for number, page in enumerate(pages, start=1):
        heading, text = page[0], page[1]
        emphasized = page[2] if len(page) > 2 else []
        chunks.append(
            Chunk(id=f"notes.md#p{number}-0", source="notes.md", page=number, text=text,
                  heading=heading, emphasized=list(emphasized), order=number - 1)
        )
    return chunks


def names(drafts) -> set[str]:  # type: ignore[no-untyped-def]
    return {d.name.lower() for d in drafts}


# -- text utilities ---------------------------------------------------------------------------


def test_term_key_agrees_on_spellings() -> None:
    assert term_key("Floating-point numbers") == term_key("floating point number")
    assert term_key("The Lists") == "list"


def test_junk_terms_are_rejected() -> None:
    for junk in ["Figure 3.1", "x = 5", "the", "print_n", "Exercise 2", "http://example.com",
                 "first line", "strings are immutable", "simplest", "ofList", "make"]:
        assert is_junk_term(junk), junk
    for term in ["binary search", "recursion", "flow of execution", "NLP", "floating-point"]:
        assert not is_junk_term(term), term


# -- candidate signals -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "term"),
    [
        ("A variable is a name that refers to a value.", "variable"),
        ("This process is called parsing.", "parsing"),
        ("In programming, a function is a named sequence of statements.", "function"),
        ("Recursion refers to a function that calls itself.", "Recursion"),
        ("Python provides operators, which are special symbols for computations.", "operators"),
        ("Such programs are said to be deterministic.", "deterministic"),
        ("Strings are immutable, which means you cannot change them.", "immutable"),
        ("The values in a list are known as elements.", "elements"),
    ],
)
def test_definitional_sentences_name_their_term(sentence: str, term: str) -> None:
    assert term in [d.term for d in definitions_in(sentence, 0, 0)]


def test_non_definitions_are_not_taken_for_definitions() -> None:
    assert definitions_in("The rules for names are the same as before.", 0, 0) == []
    assert definitions_in("Is this a question?", 0, 0) == []


def test_abbreviations_become_aliases() -> None:
    found = definitions_in("We study natural language processing (NLP) in this course.", 0, 0)
    assert [(d.term, d.aliases) for d in found] == [("natural language processing", ("NLP",))]


def test_glossary_lines_and_headings() -> None:
    text = "base case: A branch that does not recurse.\nnot a term here"
    (entry,) = glossary_entries(text)
    assert (entry.term, entry.first_sentence) == ("base case", "A branch that does not recurse.")
    assert heading_terms("2.3 Lists and tuples") == ["Lists", "tuples"]
    assert heading_terms("1.6 Formal and natural languages") == [
        "Formal languages", "natural languages"]


def test_tables_of_contents_are_recognised() -> None:
    toc = "\n".join(f"{i}.1 Section number {i} . . . . . {i * 7}" for i in range(1, 8))
    assert is_reference_matter(toc)
    assert not is_reference_matter("A variable is a name.\nIt refers to a value.\n" * 3)


# -- whole extraction ------------------------------------------------------------------------

VALUES = (
    "Values",
    "A value is one of the basic things a program works with, like a letter or a number. "
    "Every value has a type. You can print a value to see it. Each value lives in memory.",
)
VARIABLES = (
    "Variables",
    "A variable is a name that refers to a value. This process is called assignment. "
    "You can use a variable anywhere you would use its value. A variable can change.\n"
    ">>> message = 'hello'\n>>> len(message)\n5",
)
RECURSION = (
    "",
    "A function that calls itself is recursive; doing so is called recursion. Recursion "
    "needs a base case. A base case is a branch that does not call the function again. "
    "Without a base case, recursion never stops. See Figure 5.1.",
    ["recursion", "base case"],
)


def test_extraction_finds_defined_terms_with_definitions_and_pages() -> None:
    drafts = extract_concepts(course(VALUES, VARIABLES, RECURSION))
    by_name = {d.name.lower(): d for d in drafts}
    assert {"value", "variable", "recursion", "base case"} <= set(by_name)
    variable = by_name["variable"]
    assert variable.definition == "A variable is a name that refers to a value."
    assert variable.citations[0].page == 2
    assert "definition" in variable.evidence and "heading" in variable.evidence
    assert 1 <= len(variable.key_points) <= 4
    assert "emphasis" in by_name["base case"].evidence
    assert by_name["value"].first_order < variable.first_order < by_name["recursion"].first_order


def test_extraction_filters_code_numbers_and_labels() -> None:
    found = names(extract_concepts(course(VALUES, VARIABLES, RECURSION)))
    assert not {"len", "message", "figure", "5.1", "hello"} & found
    assert all(not is_junk_term(name) for name in found)


def test_extraction_works_without_headings_or_emphasis() -> None:
    plain = [("", VALUES[1]), ("", VARIABLES[1]), ("", RECURSION[1])]
    found = names(extract_concepts(course(*plain)))
    assert {"value", "variable", "recursion"} <= found


def test_extraction_of_nothing_is_nothing() -> None:
    assert extract_concepts([]) == []


# -- evaluation data ------------------------------------------------------------------------


@pytest.mark.eval
@pytest.mark.e2e
def test_think_python_glossary_recall_and_edge_direction() -> None:
    """The bench's measurement, on the real book: recall of the glossary terms >= 0.6 with
    fewer than 400 concepts, and >= 90% of edges between glossary terms pointing forward."""
    eval_path("pdfs", "thinkpython2.pdf")
    eval_path("concepts", "thinkpython2_glossary.jsonl")
    spec = importlib.util.spec_from_file_location("bench_concepts", REPO / "bench" / "concepts.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_concepts"] = bench
    spec.loader.exec_module(bench)
    result = bench.run_book("thinkpython2")
    assert result["concepts"] < 400
    assert result["glossary"]["recall"] >= 0.6
    assert result["glossary"]["edge_direction_accuracy"] >= 0.9




def test_mention_index_counts_keys_sharing_a_first_word_up_to_the_last_token():
    from tutor.engine.offline.terms import MentionIndex

    texts = ["A floating-point number is a number.", "Floating point", "number number"]
    found = MentionIndex(texts, ["number", "floating point number", "floating point"])
    assert found.counts("number") == {0: 2, 2: 2}
    assert found.counts("floating point number") == {0: 1}
    assert found.counts("floating point") == {0: 1, 1: 1}  # the gram that ends the text
    assert found.counts("point") == {}


def test_cached_tokens_and_features_are_fresh_copies():
    # Tokens and definition features are remembered per text: a caller that changes what it
    # got must not change what the next caller gets.
    from tutor.engine.offline.definitions.defining_signs import Candidate, features
    from tutor.engine.offline.terms import key_tokens

    first = key_tokens("Lists are sequences.")
    first.append("changed")
    assert key_tokens("Lists are sequences.") == ["list", "are", "sequence"]
    candidate = Candidate("A list is a sequence of values.")
    marks = features("list", candidate)
    assert marks["subject_copula"] == 1.0
    marks["subject_copula"] = 0.0
    assert features("list", candidate)["subject_copula"] == 1.0
