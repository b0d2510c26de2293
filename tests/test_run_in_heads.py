"""A paragraph opened by a run-in head in emphasis is a concept described by its first
sentence; a list's items, advice, a lone head and a glossary's terms are not."""

from __future__ import annotations

from tutor.course import Chunk
from tutor.engine.offline.concepts.run_in_heads import add_run_in_concepts


def _page(heading: str, text: str, emphasized: list[str], page: int = 2) -> Chunk:
    return Chunk(id=f"m.pdf#p{page}-0", source="m.pdf", page=page, text=text, heading=heading,
                 order=page, emphasized=emphasized)


def _names(*chunks: Chunk) -> dict[str, str]:
    return {d.name: d.definition for d in add_run_in_concepts([], list(chunks))}


_CONVENTIONS = ("2.1 Lexical conventions\n"
                "Blanks. Space, newline and tabulation are considered as blanks.\n"
                "Comments. Both C-style comments and Java-style comments are supported.\n"
                "Identifiers. Identifiers have the same syntax as in C.\n"
                "ident ::= letter {letter | digit}")


def test_run_in_heads_of_a_section_are_concepts_described_by_their_paragraph() -> None:
    names = _names(_page("2.1 Lexical conventions", _CONVENTIONS,
                         ["Blanks", "Comments", "Identifiers"]))
    assert names["identifier"] == "Identifiers have the same syntax as in C."
    assert names["blank"] == "Space, newline and tabulation are considered as blanks."


def test_a_head_leading_into_code_is_said_with_a_full_stop() -> None:
    text = ("3.9 Functions\nError checking: For every output of a named type with the errorcheck "
            "attribute, the error checking function is called after the C function returns.\n"
            "Custom calling sequences: The declaration of a function can specify a custom "
            "calling sequence via quote clauses:\nfunction-decl ::= attributes ident")
    names = _names(_page("3.9 Functions", text, ["Error checking", "Custom calling sequences"]))
    assert names["custom calling sequence"] == (
        "The declaration of a function can specify a custom calling sequence via quote "
        "clauses.")
    assert "error checking" in names


def test_heads_not_in_emphasis_and_a_lone_head_are_no_concepts() -> None:
    assert _names(_page("2.1 Lexical conventions", _CONVENTIONS, [])) == {}
    lone = "4.2 Options\nCaching. Results are cached between runs of the generator program."
    assert _names(_page("4.2 Options", lone, ["Caching"])) == {}


def test_items_of_an_introduced_list_and_advice_are_no_concepts() -> None:
    listed = ("1.6 Languages\nThere are some differences between the two kinds:\n"
              "ambiguity: Natural languages are full of ambiguity in every sentence.\n"
              "redundancy: Natural languages employ lots of redundancy to reduce errors.")
    assert _names(_page("1.6 Languages", listed, ["ambiguity", "redundancy"])) == {}
    advice = ("11.8 Debugging\nDebugging large datasets by hand is slow.\n"
              "Write self-checks: Sometimes you can write code that checks for errors itself.\n"
              "Format the output: Formatting the debugging output makes an error easy to see.")
    assert _names(_page("11.8 Debugging", advice,
                        ["Write self-checks", "Format the output"])) == {}



def test_a_glossary_gives_no_run_in_concepts() -> None:
    glossary = ("2.9 Glossary\nkeyword: A reserved keyword that the interpreter uses to parse "
                "a program.\noperator: A special symbol, an operator, that stands for a "
                "computation.")
    assert _names(_page("2.9 Glossary", glossary, ["keyword", "operator"])) == {}
