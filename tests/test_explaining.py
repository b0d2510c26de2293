"""Offline explanations: each style picks a different passage, cites it, adapts to mistakes."""

from __future__ import annotations

from tests.factories import make_chunks, make_course
from tutor.engine.offline.tutoring.explaining import explain
from tutor.engine.port import ExplanationStyle, LearnerContext

COURSE = make_course()
CHUNKS = make_chunks()
NOBODY = LearnerContext()


def _explain(concept_id: str, style: ExplanationStyle, learner: LearnerContext = NOBODY):
    concept = COURSE.concept(concept_id)
    prerequisites = [COURSE.concept(p) for p in COURSE.prerequisites_of(concept_id)]
    return explain(concept, style, CHUNKS, prerequisites, learner)


def test_the_four_styles_give_four_different_cited_texts() -> None:
    texts = {}
    for style in ExplanationStyle:
        explanation = _explain("binary-search", style)
        assert explanation.style is style and explanation.concept_id == "binary-search"
        assert explanation.citations, style
        assert "notes.md p." in explanation.text
        texts[style] = explanation.text
    assert len(set(texts.values())) == 4


def test_definition_uses_the_defining_page() -> None:
    explanation = _explain("hash-table", ExplanationStyle.DEFINITION)
    assert explanation.text.startswith("**hash table**: A hash table is a structure")
    assert [c.label() for c in explanation.citations] == ["notes.md p. 4"]


def test_example_style_picks_the_passage_with_an_example() -> None:
    explanation = _explain("binary-search", ExplanationStyle.EXAMPLE)
    assert "For example, to find 7" in explanation.text
    assert explanation.citations[0].page == 3


def test_example_style_says_so_when_the_material_has_no_example() -> None:
    concept = COURSE.concept("hash-table")
    only_hashing = [c for c in CHUNKS if c.page == 4]
    explanation = explain(concept, ExplanationStyle.EXAMPLE, only_hashing, [], NOBODY)
    assert "no worked example" in explanation.text
    assert "1. stores key-value pairs" in explanation.text


def test_simpler_style_uses_short_sentences() -> None:
    explanation = _explain("array", ExplanationStyle.SIMPLER)
    assert "Arrays are the simplest structure." in explanation.text


def test_prerequisite_style_recaps_prerequisites_first() -> None:
    text = _explain("binary-search", ExplanationStyle.PREREQUISITES).text
    assert text.index("**sorting**") < text.index("With those in mind")
    assert "**array**" in text
    labels = [c.label() for c in _explain("binary-search", ExplanationStyle.PREREQUISITES).citations]
    assert "notes.md p. 2" in labels and "notes.md p. 3" in labels


def test_explanation_starts_from_the_learners_last_mistake() -> None:
    learner = LearnerContext(recent_mistakes=["is off by one"], just_missed=True)
    text = _explain("array", ExplanationStyle.DEFINITION, learner).text
    assert text.startswith("Your last answer suggested a mix-up (*is off by one*)")


def test_a_confusion_names_only_the_idea_the_answer_took_it_for() -> None:
    # "confuses X with Y": X may be the key still withheld (masked to "…" on screen)
    learner = LearnerContext(recent_mistakes=["confuses arrays with hash tables, which the "
                                              "course keeps apart"], just_missed=True)
    text = _explain("array", ExplanationStyle.DEFINITION, learner).text
    assert text.startswith("Your last answer took it for *hash tables*, a different idea.")
    assert "confuses" not in text


def test_a_plain_wrong_answer_is_not_called_a_mix_up() -> None:
    learner = LearnerContext(recent_mistakes=["you answered “2”"], just_missed=True)
    text = _explain("array", ExplanationStyle.DEFINITION, learner).text
    assert text.startswith("Let's look at it another way.")
    assert "mix-up" not in text and "you answered" not in text


def test_no_opening_when_the_explanation_does_not_follow_a_wrong_answer() -> None:
    # after a give-up or a shown answer, mistakes are still known but there is no last answer
    learner = LearnerContext(recent_mistakes=["confuses arrays with hash tables"])
    text = _explain("array", ExplanationStyle.DEFINITION, learner).text
    assert "last answer" not in text and not text.startswith("Let's look")


def test_no_passages_falls_back_to_the_definition_and_its_page() -> None:
    concept = COURSE.concept("sorting")
    explanation = explain(concept, ExplanationStyle.SIMPLER, [], [], NOBODY)
    assert "Sorting is arranging" in explanation.text
    assert explanation.citations[0].label() == "notes.md p. 2"


def test_a_short_version_quotes_no_sentence_a_page_break_or_a_code_block_cut() -> None:
    # "In short, about **Scheme**: - The “R5RS” Scheme standard is - Scheme variables are
    # created with define:" (27 of 106 such bullets in a day's lessons on two manuals).
    from tutor.course import Chunk

    concept = COURSE.concept("array")
    cut = [Chunk(id="cut.md#p1-0", source="cut.md", page=1, order=1, text=(
        "An array is made with:\n\nAn array is a row of cells and")),
        Chunk(id="cut.md#p2-0", source="cut.md", page=2, order=2, text=(
            "An array keeps its elements next to each other in memory, so that each element "
            "is found by its index without searching through the others."))]
    explanation = explain(concept, ExplanationStyle.SIMPLER, cut, [], NOBODY)
    bullets = [line[2:] for line in explanation.text.splitlines() if line.startswith("- ")]
    assert bullets and all(b.endswith(".") for b in bullets), explanation.text
    assert "made with:" not in explanation.text and "cells and" not in explanation.text
