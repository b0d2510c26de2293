"""Definitions completed from the book's notation: a connective's truth condition, a rule's box."""

from __future__ import annotations

from tests.factories import map_definitions, notes_pages
from tutor.course import Chunk
from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.offline.definitions.notation_definitions import (
    BookText,
    rule_statement,
    section_meaning,
    state_in_notation,
    truth_condition,
    with_formula,
    with_symbol_meaning,
)
from tutor.engine.port import ConceptDraft


def _sentences(section: str, *texts: str, chunk: int = 0) -> list[Sentence]:
    return [Sentence(text, chunk, 0, section) for text in texts]


def test_the_truth_condition_of_a_connective_is_read_in_the_section_headed_by_it() -> None:
    sentences = [
        *_sentences("2.1 Conditional", "The connective is called a conditional.",
                    "Sentence 22 is also a conditional.",
                    "In short, A→B is false if and only if A is true and B is false."),
        *_sentences("Negation", "We will use '¬'.", "For any sentence A: If A is true, then ¬A "
                    "is false.", "If ¬A is true, then A is false.", "We will discuss more."),
    ]
    assert truth_condition("conditional", BookText(sentences, [])) == (
        "A→B is false if and only if A is true and B is false.", "→", 0)
    assert truth_condition("negation", BookText(sentences, [])) == (
        "For any sentence A, if A is true, then ¬A is false. If ¬A is true, then A is false.",
        "¬", 0)
    assert truth_condition("disjunction", BookText(sentences, [])) is None  # no section headed by it


def test_a_sentence_about_letters_without_a_symbol_or_outside_the_section_is_no_condition() -> None:
    sentences = [
        *_sentences("Biconditional", "Sentence 26 says that T is true if and only if S is true."),
        *_sentences("Other symbolization", "A↔B is true if and only if A and B agree."),
    ]
    assert truth_condition("biconditional", BookText(sentences, [])) is None


def test_a_naming_that_shows_the_symbol_keeps_it_and_gains_the_condition() -> None:
    sentences = _sentences(
        "Conjunction", "The logical connective '&' is called conjunction.",
        "Sentence 12 is obviously a conjunction.",
        "For any sentences A and B, A & B is true if and only if both A and B are true.")
    named = ConceptDraft(name="conjunction", definition="The logical connective '&' is called "
                         "conjunction.", key_points=["The logical connective '&' is called "
                                                     "conjunction."])
    other = ConceptDraft(name="biconditional", definition="This is called a biconditional.")
    chunks = [Chunk(id="b#p1", source="b.pdf", page=1, text="", order=0)]
    state_in_notation([named, other], sentences, chunks)
    assert named.definition == (
        "The logical connective '&' is called conjunction. For any sentences A and B, A & B is "
        "true if and only if both A and B are true.")
    assert named.key_points[0] == named.definition
    assert other.definition == "This is called a biconditional."


def test_a_rule_box_is_read_as_what_the_rule_lets_you_infer() -> None:
    texts = [
        "This is the general form of the universal elimination rule (∀E): m ∀xAx Ac ∀E m "
        "When using the rule, you write the substituted sentence.",
        "This is the schematic form of the existential elimination rule (∃E): m ∃xAx n Ac∗ "
        "p B B ∃E m, n–p ∗ The constant c must not appear in ∃xAx , in B, or in any "
        "undischarged assumption. Since the proxy ...",
        "This is the conjunction introduction rule (&I): m A n B A & B &I m, n",
    ]
    chunks = [Chunk(id=f"b#p{n}", source="b.pdf", page=n + 1, text=t, order=n)
              for n, t in enumerate(texts)]
    sentences = [Sentence(t.split(":")[0] + ":", n, 0, "Rules") for n, t in enumerate(texts)]
    assert rule_statement("universal elimination", BookText(sentences, chunks)) == (
        "The universal elimination rule (∀E) lets you infer Ac from ∀xAx.", 0)
    assert rule_statement("existential elimination", BookText(sentences, chunks)) == (
        "The existential elimination rule (∃E) lets you infer B from ∃xAx and a subproof that "
        "assumes Ac and derives B. The constant c must not appear in ∃xAx, in B, or in any "
        "undischarged assumption.", 1)
    # "B A & B": which words are the premise and which the conclusion is not clear
    assert rule_statement("conjunction introduction", BookText(sentences, chunks)) is None
    assert rule_statement("universal introduction", BookText(sentences, chunks)) is None


def test_a_rule_named_in_capitals_is_read_and_one_named_nowhere_is_not() -> None:
    text = "This is the Universal Elimination rule (∀E): m ∀xAx Ac ∀E m and so on."
    chunks = [Chunk(id="b#p0", source="b.pdf", page=1, text=text, order=0)]
    sentences = [Sentence(text.split(":")[0] + ":", 0, 0, "Rules")]
    assert rule_statement("universal elimination", BookText(sentences, chunks)) == (
        "The universal elimination rule (∀E) lets you infer Ac from ∀xAx.", 0)
    assert rule_statement("universal", BookText(sentences, chunks)) is None  # "universal rule"


def test_the_map_defines_a_connective_by_its_truth_condition() -> None:
    chunks = notes_pages(
        ("Conjunction", "Consider these sentences. Sentence 11 can be paraphrased as 'A and "
         "B.' We translate 'A and B' as A & B. The logical connective '&' is called "
         "conjunction, and A and B are each called conjuncts. Conjunction joins two "
         "sentences.", ["conjunction"]),
        ("Conjunction", "Sentence 12 is obviously a conjunction. For any sentences A and B, "
         "A & B is true if and only if both A and B are true. Conjunction is symmetrical.", []),
    )
    assert "A & B is true if and only if both A and B are true" in (
        map_definitions(chunks)["conjunction"])


def test_a_term_introduced_as_a_symbol_is_said_as_the_symbol_and_its_meaning() -> None:
    from tutor.course import Citation

    chunks = [Chunk(id="b#p1", source="b.pdf", page=1, text="", order=0),
              Chunk(id="b#p2", source="b.pdf", page=2, text="", order=1)]
    sentences = [Sentence("In order to do this, we introduce the '∀' symbol.", 0, 0, "Q"),
                 Sentence("The expression ∀x means that you can pick anyone and put them in "
                          "as x.", 0, 0, "Q"),
                 Sentence("The expression ∃x means that something is there.", 1, 0, "Q")]
    draft = ConceptDraft(name="universal quantifier", definition="In order to do this, we "
                         "introduce the '∀' symbol. This is called the universal quantifier.",
                         citations=[Citation(source="b.pdf", page=1)])
    assert with_symbol_meaning(draft, BookText(sentences, chunks)) == (
        "The universal quantifier is the symbol '∀': the expression ∀x means that you can pick "
        "anyone and put them in as x.", 0)
    elsewhere = draft.model_copy(update={"definition": "We introduce the '∃' symbol."})
    assert with_symbol_meaning(elsewhere, BookText(sentences, chunks)) is None  # said on another page


def test_a_distribution_used_before_it_is_defined_is_said_by_its_formula() -> None:
    from tutor.course import Citation

    chunks = [Chunk(id="b#p1", source="b.pdf", page=1, order=0, text=(
        "The CDF of the exponential distribution is\nCDF(x) = 1 − e\n−λx\nThe parameter, λ, "
        "determines the shape.\nThe CDF of the Pareto distribution is:\nCDF(x) = 1 −\nx xm\n"
        "−α\nThe parameters determine the location."))]
    used = ConceptDraft(name="exponential distribution", citations=[Citation(
        source="b.pdf", page=1)], definition="In the real world, exponential distributions "
        "come up when we look at the times between events.")
    assert with_formula(used, BookText([], chunks)) == (
        "The exponential distribution is the distribution whose CDF is CDF(x) = 1 − e^(−λx).", 0)
    broken = used.model_copy(update={"name": "Pareto distribution", "definition": (
        "The Pareto distribution is named after the economist Vilfredo Pareto.")})
    assert with_formula(broken, BookText([], chunks)) is None  # a formula over several lines
    glossed = used.model_copy(update={"definition": "A distribution of waiting times."})
    assert with_formula(glossed, BookText([], chunks)) is None  # the glossary's gloss stays


def test_a_term_whose_section_says_what_its_symbol_means_is_that_symbol() -> None:
    sentences = [
        *_sentences("4.6 Identity", "The solution is to add another symbol to QL.",
                    "The predicate x = y means 'x is identical to y.'",
                    "This does not mean merely that x and y are indistinguishable."),
        *_sentences("4.7 Descriptions", "The predicate x < y means 'x is less.'"),
    ]
    assert section_meaning("identity", BookText(sentences, [])) == (
        "Identity is the predicate '=': x = y means 'x is identical to y.'", 0)
    assert section_meaning("definite description", BookText(sentences, [])) is None


def test_a_term_named_for_a_quoted_symbol_takes_that_symbols_condition_in_its_section() -> None:
    sentences = _sentences(
        "Conditional", "Instead, the symbol '→' will be a material conditional.",
        "For any sentence A, ¬A is false if A is true.",
        "In short, A→B is false if and only if A is true and B is false.")
    chunks = [Chunk(id="b#p1", source="b.pdf", page=1, text="", order=0)]
    draft = ConceptDraft(name="material conditional", section="Conditional",
                         definition="Instead, the symbol '→' will be a material conditional.")
    state_in_notation([draft], sentences, chunks)
    assert draft.definition == ("Instead, the symbol '→' will be a material conditional. A→B is "
                                "false if and only if A is true and B is false.")
