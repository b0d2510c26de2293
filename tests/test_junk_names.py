"""Names that are no concepts (a clause, a routine's parameter, a remark's phrase, a word of
the book's own vocabulary, a grammar word) are dropped unless the book's evidence of a real
concept outweighs the sign: an index or list entry, a defining sentence, emphasis."""

from __future__ import annotations

from tests.factories import manual_pages
from tutor.course import DefinitionKind
from tutor.engine.offline.concepts.junk_names import (
    BookUse,
    book_uses,
    clause_name,
    junk_sign,
    noun_uses,
    remark_phrase,
    routine_parameter,
    vocabulary_word,
    without_junk,
)
from tutor.engine.port import ConceptDraft

_DESCRIPTION = DefinitionKind.DESCRIPTION


def _draft(name: str, evidence: list[str], definition: str = "It is said of it.",
           kind: DefinitionKind = _DESCRIPTION) -> ConceptDraft:
    return ConceptDraft(name=name, definition=definition, evidence=evidence,
                        definition_kind=kind)


def test_a_clause_is_no_name() -> None:
    assert clause_name("Objects that look like functions")
    assert clause_name("Inside the layout")
    assert clause_name("Given a factorization modulo 2")
    assert clause_name("Implementation using predicates")
    assert clause_name("I\u2019m hearing Voices")
    assert not clause_name("Inline data and datablocks")
    assert not clause_name("Structure of an installed package")
    assert not clause_name("Using non-standard features")  # a task a teacher may list
    assert not clause_name("Indexing by vectors")
    assert not clause_name("up")  # one word: a command's name
    assert clause_name("gnuplot simply")  # a subject and the adverb after it
    assert clause_name("invoked non-interactively")
    assert not clause_name("inline assembly")  # a noun in -ly
    assert not clause_name("power supply")


def test_one_routines_parameter_is_no_concept() -> None:
    assert routine_parameter("parameter p", "The parameter P is the resultant LP problem.")
    assert routine_parameter("parameter names", "The parameter names is a flag.")
    assert not routine_parameter("argument list", "An argument list is a list of arguments.")
    assert not routine_parameter("parameter statement", "The parameter statement declares a "
                                 "parameter.", book_terms={"statement"})


def test_a_remarks_phrase_is_met_in_passing() -> None:
    once = BookUse(passages=1, sections=1, book_sections=40)
    assert remark_phrase("large matrix", once, set())
    assert remark_phrase("general function", once, set())
    assert not remark_phrase("large matrix", BookUse(9, 5, 40), set())  # a term the book uses
    assert not remark_phrase("making release", once, set())  # a task
    assert not remark_phrase("set operator", once, {"set"})  # sets are a concept of the book
    assert not remark_phrase("sturm sequence", once, set())  # no common modifier
    assert not remark_phrase("c structure", once, set())  # a letter names a language
    noun = BookUse(passages=1, sections=1, book_sections=40, first_as_noun=5)
    assert not remark_phrase("process environment", noun, set())  # "the process is ..."


def test_a_noun_of_the_books_prose() -> None:
    text = "the process is started. each process of the group ends. a process, then."
    assert noun_uses("process", text) == 3
    assert noun_uses("large", "the large matrix is slow. a large value.") == 0


def test_a_word_of_the_books_own_vocabulary() -> None:
    assert vocabulary_word("function", BookUse(100, 44, 59))
    assert not vocabulary_word("function", BookUse(20, 10, 59))  # a few sections only
    assert not vocabulary_word("bignum", BookUse(100, 44, 59))  # no common word


def test_evidence_of_a_real_concept_outweighs_the_sign() -> None:
    once = BookUse(1, 1, 40)
    spread = BookUse(100, 44, 59)
    assert junk_sign(_draft("Inside the layout", ["heading", "section"]), once, False) == "clause"
    assert junk_sign(_draft("Inside the layout", ["heading"]), once, indexed=True) == ""
    assert junk_sign(_draft("large matrix", ["heading"]), once, False) == "remark phrase"
    assert junk_sign(_draft("initial condition", ["emphasis"]), once, False) == ""
    assert junk_sign(_draft("line-gap", ["definition"]), once, False) == ""  # a property's name
    assert junk_sign(_draft("line gap", ["definition"]), once, False) == "remark phrase"
    assert junk_sign(_draft("special case", ["definition"], "A special case is a case that "
                            "...", DefinitionKind.DEFINITION), once, False) == ""
    assert junk_sign(_draft("function", ["definition", "keyphrase"]), spread, False) == (
        "vocabulary word")
    assert junk_sign(_draft("function", ["heading", "section"]), spread, False) == ""
    assert junk_sign(_draft("function", ["glossary"]), spread, False) == ""
    assert junk_sign(_draft("first", ["taught"]), once, False) == "grammar word"
    assert junk_sign(_draft("up", ["definition", "reference"]), once, False) == ""  # an entry
    assert junk_sign(_draft("set", ["taught"]), once, False) == ""  # a command it teaches


def test_the_book_is_read_for_its_uses() -> None:
    chunks = manual_pages(
        ("Functions", "A function is called. Every function returns."),
        ("Loops", "A loop calls a function."),
        ("Index", "function, 1, 2"),
    )
    drafts = [_draft("function", ["definition", "keyphrase"]), _draft("loop", ["heading"])]
    uses = book_uses(drafts, chunks, reference={2})
    assert uses["function"] == BookUse(passages=2, sections=2, book_sections=2)
    assert book_uses([_draft("loop body", ["heading"])], chunks, {2})["loop body"] == BookUse(
        0, 0, 2, first_as_noun=0)
    assert uses["loop"] == BookUse(passages=1, sections=1, book_sections=2)
    kept = without_junk(drafts, chunks, reference={2})
    assert [d.name for d in kept] == ["loop"]  # "function" is in every section, never defined
