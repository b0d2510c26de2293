"""What is never a definition, whatever it says: a list of cross-references, a sentence that
leans on the text before it, a sentence about another thing; a concept whose sentence is refused
takes only a sentence that passes the same test, else has no definition and stays only when the
book devotes a section to it."""

from __future__ import annotations

from tests.factories import manual_pages
from tutor.course import Chunk, Citation, DefinitionKind
from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.offline.definitions.definition_kind import definition_kind
from tutor.engine.offline.definitions.real_definitions import review_definitions
from tutor.engine.offline.definitions.refusals import (
    about_another,
    leans_on_before,
    points_elsewhere,
    refused,
)
from tutor.engine.offline.terms import term_key
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


def test_a_list_of_cross_references_is_refused() -> None:
    assert points_elsewhere('Glossary: Section "tempo" in Glossary, Section "meter" in Glossary.')
    assert points_elsewhere('Section "Entering rests" in Usage Guide, Section "Bars" in Usage '
                            'Guide.')
    assert points_elsewhere("See Section 2.3 [Starting the program], page 12.")
    assert not points_elsewhere("A bar line separates the measures of a staff and resets the "
                                "accidentals (see Section 3 [Bars], page 9).")  # words of its own
    assert not points_elsewhere("A bar line separates the measures of a staff.")


def test_a_sentence_that_goes_on_from_the_one_before_is_refused() -> None:
    assert leans_on_before("Again, the limiting factor is the size of the table.")
    assert leans_on_before("The splitq command is more useful.")  # than what?
    assert leans_on_before("The scan command does this quickly but uses more memory.")
    assert leans_on_before("The last examples show that the solver can stop early.")
    assert leans_on_before("The usual way of storing these values is a hash table.")
    assert leans_on_before("The shortest path problem is stated as follows.")
    assert leans_on_before("The same result is given by the scan command.")
    assert not leans_on_before("The unwrap option shifts each point to within pi of the previous "
                               "point.")  # a point of its own data, not earlier text
    assert not leans_on_before("The same option as scan takes is read first.")
    assert not leans_on_before("ABC stands for A Bar Code, and it has two forms (the latter is "
                               "the short one).")  # "the latter" of its own sentence
    assert not leans_on_before("The splitq command is more useful than split for long lists.")
    assert not leans_on_before("The free licence is meant for manuals more than a few pages "
                               "long.")
    assert not leans_on_before("The scan command reads a table row by row.")


def test_a_sentence_whose_subject_is_another_thing_is_refused() -> None:
    others = {term_key("row index")}
    assert about_another("The parameter v_max specifies the largest value a vertex may take.",
                         ["vertex"], others)  # an identifier is the subject
    assert about_another('A "row index" is the number of a row in the table.', ["table"], others)
    assert about_another("The row index is the number of a row in the table.", ["table"], others)
    assert about_another("The left-margin property sets the space before the text.",
                         ["margin property"], others)  # a longer name holding the concept's
    assert not about_another("The table is a list of rows of equal length.", ["table"], others)
    assert not about_another("A row index that holds no gaps is called dense.", ["dense"],
                             others)  # a naming of the concept
    assert not about_another("When the row index is empty, the table is cleared.", ["table"],
                             others)  # no noun phrase opens it
    assert not about_another("A row index is sorted if its numbers increase.", ["sorted"],
                             others)  # the concept is what the subject is said to be
    assert not about_another("The margin property sets the space around the text.",
                             ["margin property"], others)
    assert refused("See Section 2.3 [Starting the program], page 12.", ["program"])


def test_the_strict_judge_refuses_them_too() -> None:
    assert definition_kind('Glossary: Section "tempo" in Glossary.', ["tempo"]) is (
        DefinitionKind.DESCRIPTION)
    assert definition_kind("Again, a tempo is the speed at which a piece is played.",
                           ["tempo"]) is DefinitionKind.DESCRIPTION
    assert definition_kind("The parameter t_max specifies where the routine stores the tempo, "
                           "which is the speed of a piece.", ["tempo"]) is (
        DefinitionKind.DESCRIPTION)  # its subject is an identifier, the tempo a gloss inside
    assert definition_kind("A tempo is the speed at which a piece is played.", ["tempo"]) is (
        DefinitionKind.DEFINITION)


def test_a_refused_definition_takes_a_sentence_that_passes_the_same_test() -> None:
    chunks = manual_pages(
        ("2 Entering music", 'Glossary: Section "tempo" in Glossary, Section "meter" in Glossary.'),
        ("3 Speed", "A tempo is the speed at which a piece of music is played."),
    )
    drafts = _review(chunks, _draft("tempo", 'Glossary: Section "tempo" in Glossary, Section '
                                    '"meter" in Glossary.', ["emphasis", "keyphrase"]))
    assert drafts["tempo"].definition == "A tempo is the speed at which a piece of music is played."
    assert drafts["tempo"].citations[0].page == 2


def test_a_refused_definition_with_no_other_goes_unless_a_section_is_devoted_to_it() -> None:
    chunks = manual_pages(
        ("4 Searching", "The splitq command is more useful. It works on long lists."),
        ("5 Mergeq", "The mergeq command is more useful. It works on sorted lists."),
    )
    kept = _review(
        chunks,
        _draft("splitq", "The splitq command is more useful.", ["emphasis", "keyphrase"]),
        _draft("mergeq", "The mergeq command is more useful.", ["heading", "keyphrase"], page=2),
    )
    assert set(kept) == {"mergeq"}  # a heading leads with its name: it stays
    assert kept["mergeq"].definition == "The mergeq command is more useful."
