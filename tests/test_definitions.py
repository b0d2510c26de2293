"""The defining-sentence classifier: which sentence defines a term, cleaned and cited."""

from __future__ import annotations

from tutor.course import Chunk
from tutor.engine.offline.concepts.extract import extract_concepts
from tutor.engine.offline.definitions.defining import (
    MIN_DEFINING,
    Candidate,
    clean_definition,
    definition_score,
)
from tutor.engine.offline.definitions.plain_definitions import plain_definition


def score(term: str, text: str, section: str = "") -> float:
    return definition_score(term, Candidate(text, section))


def test_subject_with_copula_and_determiner_defines() -> None:
    assert score("list", "A list is a sequence of values.") >= MIN_DEFINING
    assert score("recursion", "Recursion refers to a function that calls itself.") >= MIN_DEFINING
    assert score("list", "You can print a list with a loop over its items.") < MIN_DEFINING


def test_naming_has_a_direction() -> None:
    sentence = "We call the square root of the dimension the degree."
    assert score("degree", sentence) >= MIN_DEFINING
    assert score("square root", sentence) < MIN_DEFINING
    assert score("parsing", "This process is called parsing.") >= MIN_DEFINING


def test_appositive_defines() -> None:
    text = "Then we compute a p-value, which is the probability of seeing such an effect."
    assert score("p-value", text) >= MIN_DEFINING


def test_openers_boilerplate_and_questions_do_not_define() -> None:
    assert score("precision", "Well, it is the default initial precision.") < MIN_DEFINING
    assert score("font", "Copyright 2020: a font is a set of glyphs under this licence.") < (
        score("font", "A font is a set of glyphs."))
    assert score("loop", "Is a loop a statement?") < MIN_DEFINING


def test_heading_that_names_the_term_helps() -> None:
    text = "A loop repeats a block of statements."
    assert score("loop", text, "3.2 Loops") > score("loop", text, "3.2 Printing")


def test_clean_definition() -> None:
    assert clean_definition("• a stack is a pile of items (see Section 2.3):") == (
        "A stack is a pile of items.")
    assert clean_definition("A queue is a line [3, 4].") == "A queue is a line."
    assert clean_definition("print(count) This program shows a pattern called a counter.") == (
        "This program shows a pattern called a counter.")
    assert clean_definition("In Python, a list is a sequence of values.") == (
        "In Python, a list is a sequence of values.")


def pages(*texts: str) -> list[Chunk]:
    return [Chunk(id=f"n.md#p{i}-0", source="n.md", page=i, text=t, order=i - 1)
            for i, t in enumerate(texts, start=1)]


def test_concepts_cite_the_page_of_their_defining_sentence() -> None:
    course = pages(
        "This book is about data structures. If a stack is full, nothing more fits in it. "
        "So a stack matters here.",
        "A stack is a collection of items where the last item added is the first removed. "
        "You push an item onto a stack and pop it off again.",
        "A queue is a collection where the first item added is the first removed. A queue "
        "is used in a stack-free design.",
    )
    drafts = {d.name.lower(): d for d in extract_concepts(course)}
    assert drafts["stack"].citations[0].page == 2
    assert drafts["stack"].definition.startswith("A stack is a collection")
    assert all(d.definition.strip() for d in drafts.values())


def test_a_section_devoted_to_the_term_comes_before_a_later_plain_definition() -> None:
    course = [
        Chunk(id="n.md#p1-0", source="n.md", page=1, order=0, heading="1.2 Sentences",
              text="In logic we only care about sentences that can be true or false. Sentences "
                   "can be premises or conclusions of arguments."),
        Chunk(id="n.md#p2-0", source="n.md", page=2, order=1, heading="1.3 Arguments",
              text="An argument has premises and a conclusion, each of them a sentence."),
        Chunk(id="n.md#p3-0", source="n.md", page=3, order=2, heading="4.1 Formal sentences",
              text="A sentence is a string of symbols that the rules allow."),
    ]
    sentence = {d.name.lower(): d for d in extract_concepts(course)}["sentence"]
    assert sentence.citations[0].page == 1


def test_this_is_the_rule_names_what_the_passage_showed() -> None:
    text = "This is the general form of the universal elimination rule (UE)."
    assert score("universal elimination", text, "Universal elimination") >= MIN_DEFINING
    assert score("universal elimination", "This rule is hard to use.") < MIN_DEFINING


def test_a_chapter_named_for_a_term_gives_way_to_its_plain_definition() -> None:
    course = [
        Chunk(id="n.md#p1-0", source="n.md", page=1, order=0,
              heading="Chapter 2: Variables and expressions",
              text="One of the most powerful features of a language is the ability to "
                   "manipulate variables. A variable is a name that refers to a value."),
        Chunk(id="n.md#p2-0", source="n.md", page=2, order=1, heading="2.1 Assignment",
              text="An assignment gives a variable a value. A variable can change."),
        Chunk(id="n.md#p3-0", source="n.md", page=3, order=2, heading="2.2 Names",
              text="Each variable has a name; variables hold values."),
    ]
    variable = {d.name.lower(): d for d in extract_concepts(course)}["variable"]
    assert variable.definition == "A variable is a name that refers to a value."
    assert score("variable", "An atomic variable of QL is a name for a value.") >= MIN_DEFINING


def test_clean_definition_drops_code_and_the_next_glossary_entry() -> None:
    assert clean_definition("Alice = turtle.Turtle() square(alice) Wrapping a piece of code up "
                            "in a function is called encapsulation.") == (
        "Wrapping a piece of code up in a function is called encapsulation.")
    assert clean_definition("The syntax is the same as for strings: for cheese in cheeses: "
                            "print(cheese) This works well.") == "The syntax is the same as for strings."
    assert clean_definition("Some programs use a flag named verbose to control the output: "
                            "verbose = True") == (
        "Some programs use a flag named verbose to control the output.")
    assert clean_definition("A reserved word used to parse a program. operand: One of the values "
                            "on which an operator operates.") == "A reserved word used to parse a program."
    assert clean_definition("A list is a sequence of values: it can hold anything.") == (
        "A list is a sequence of values: it can hold anything.")


def test_a_rule_named_after_its_example_keeps_no_formula() -> None:
    course = [Chunk(id=f"n.md#p{i}-0", source="n.md", page=i + 1, order=i, heading=heading,
                    text=text) for i, (heading, text) in enumerate([
        ("Universal introduction",
         "Universal introduction lets a proof generalise over a constant. For example: 1 Ra 2 "
         "Rb 3 Rc. This is the schematic form of the universal introduction rule (UI): m Ac "
         "UxAx UI m."),
        ("Other rules", "The universal introduction rule needs care with constants."),
        ("More rules", "A proof may use universal introduction once per line.")])]
    rule = {d.name.lower(): d for d in extract_concepts(course)}["universal introduction"]
    # the box is read as what the rule lets you infer, never copied raw
    assert "m Ac UxAx" not in rule.definition and "For example" not in rule.definition
    assert rule.definition == "The universal introduction rule (UI) lets you infer UxAx from Ac."


def test_a_term_qualified_by_its_language_and_a_named_rule_are_defined() -> None:
    from tutor.engine.offline.definitions.patterns import definitions_in

    terms = {d.term for d in definitions_in(
        "An atomic formula of QL is an n-place predicate followed by n terms.", 0, 0)}
    assert {"atomic formula of QL", "atomic formula"} <= terms
    assert {d.term for d in definitions_in("A flow of execution is the order.", 0, 0)} == {
        "flow of execution"}  # "of execution" is part of the name, not a language
    rule = definitions_in("This is the general form of the universal elimination rule (UE).", 0, 0)
    assert [d.term for d in rule] == ["universal elimination"]
    assert definitions_in("This is the rule:", 0, 0) == []


def test_a_heading_names_a_notion_relative_to_a_language() -> None:
    text = ("A sentence is true in a model when the model satisfies it. Truth in QL is truth in "
            "a model, and a model decides it. Every model gives each sentence a truth value.")
    course = [Chunk(id=f"n.md#p{i}-0", source="n.md", page=i, order=i,
                    heading="5.5 Truth in QL" if i == 1 else f"{i}. Models and truth",
                    text=text) for i in range(1, 4)]
    names = {d.name.lower() for d in extract_concepts(course)}
    assert "truth in ql" in names
    assert not any(" in " in n for n in names - {"truth in ql"})


def test_a_noun_that_is_also_a_verb_is_a_term_where_the_book_defines_it() -> None:
    from tutor.engine.offline.definitions.patterns import definitions_in

    sentence = ("If you have a sample of n values, xi , the mean, x, is the sum of the values "
                "divided by the number of values; in other words")
    assert [d.term for d in definitions_in(sentence, 0, 0)] == ["mean"]
    assert score("mean", sentence) >= MIN_DEFINING  # the subject after a leading condition
    assert definitions_in("This means that the list is a copy.", 0, 0) == []
    assert clean_definition(sentence).endswith("divided by the number of values.")
    assert score("effect", "If the value is a tuple, the effect is the same as before.") < (
        MIN_DEFINING)


def test_a_sentence_that_cleans_to_nothing_is_not_a_plain_definition() -> None:
    # A whole-sentence aside in parentheses cleans to nothing; judging it must not fail the
    # build (it did on a FAQ whose answer held one).
    aside = "(E.g., the R executable will then be installed into /where/you/want/R/to/go/bin.)"
    assert clean_definition(aside) == ""
    assert not plain_definition("R", Candidate(clean_definition(aside), "2.5.1 Installing R",
                                               0.0, False), chosen=True)


def test_a_listings_comment_is_no_sentence_of_the_section() -> None:
    from tests.factories import manual_pages
    from tutor.engine.offline.concepts.candidates import Sentence
    from tutor.engine.offline.definitions.section_definitions import define_from_sections
    from tutor.engine.port import ConceptDraft

    chunks = manual_pages(("2.15 Bezier curves", "Programs use them for curving borders."))
    lines = ["# define the bezier curve control points",
             "The curve starts at the first point and ends at the last."]
    said = "Programs use Bezier curves for curving borders."
    draft = ConceptDraft(name="bezier curve", definition=said, evidence=["heading"])
    define_from_sections([draft], [Sentence(t, 0, 0, "2.15 Bezier curves") for t in lines],
                         chunks)
    assert draft.definition == said  # "define the bezier curve" in a comment defines nothing
