"""The book's structure as evidence: numbered headings without dots, activity headings, and
the glossary section."""

from __future__ import annotations

from tutor.course import Chunk
from tutor.engine.offline.concepts.extract import extract_concepts, read_sentences
from tutor.engine.offline.definitions.patterns import heading_terms


def chunks(*texts: str, headings: tuple[str, ...] = ()) -> list[Chunk]:
    heads = list(headings) + [""] * (len(texts) - len(headings))
    return [Chunk(id=f"m.pdf#p{i}-0", source="m.pdf", page=i, text=t, heading=h, order=i - 1)
            for i, (t, h) in enumerate(zip(texts, heads, strict=True), start=1)]


def test_activity_and_numbering_leave_the_subject_of_a_heading() -> None:
    assert heading_terms("10. Working with files.") == ["files"]
    assert heading_terms("Chapter 3: Defining functions") == ["functions"]
    assert heading_terms("1.1 What is a program?") == ["program"]
    assert heading_terms("Using regular expressions") == ["regular expressions"]


def test_numbered_heading_without_dots_starts_a_section() -> None:
    text = ("10. Working with files.\n\nA file is a named sequence of bytes on a disk. "
            "You open a file before you read it.")
    sentences, headings = read_sentences(chunks(text))
    assert headings == [["Working with files"]]
    assert sentences[0].section == "Working with files"
    assert sentences[0].text.startswith("A file is")


def test_a_numbered_list_item_inside_a_paragraph_is_no_heading() -> None:
    text = "Do these steps:\n1. Open the file\n2. Read the lines\nThen close it again."
    _, headings = read_sentences(chunks(text))
    assert headings == [[]]


def test_label_lists_outside_a_glossary_are_weak_evidence() -> None:
    body = ("Finding a bug takes several kinds of work.\nReading: Examine your code and read it "
            "back to yourself.\nRunning: Experiment by making changes and running versions.\n"
            "Ruminating: Take some time to think.")
    glossary = ("Glossary\nbug: An error in a program.\ndebugging: The process of finding and "
                "correcting bugs.")
    found = {d.name.lower(): d for d in extract_concepts(
        chunks(body, glossary, headings=("1.7 Debugging", "1.8 Glossary")))}
    assert "bug" in found and "glossary" in found["bug"].evidence
    assert "ruminating" not in found


def test_a_definition_cut_by_a_page_break_is_whole_and_cites_where_it_starts() -> None:
    course = chunks(
        "Logic is a subject of study. A tautology is a sentence that",
        "is true in every row of its truth table. Every tautology is true whatever the "
        "sentence letters mean.",
    )
    drafts = {d.name.lower(): d for d in extract_concepts(course)}
    tautology = drafts["tautology"]
    assert tautology.definition == ("A tautology is a sentence that is true in every row of its "
                                    "truth table.")
    assert tautology.citations[0].page == 1
