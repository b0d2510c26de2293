"""Front and back matter: recognised by heading, position and content; never concepts."""

from __future__ import annotations

from tutor.course import Chunk
from tutor.engine.offline.concepts.book_matter import (
    is_bibliography,
    is_chapter_heading,
    is_licence,
    is_matter_title,
    is_release_notes,
    matter_chunks,
)
from tutor.engine.offline.concepts.extract import extract_concepts

PROSE = ("A stack is a collection of items where the last item added is the first removed. "
         "A stack supports push and pop. Every push puts an item on top of the stack.")


def chunks(*pages: tuple[str, str]) -> list[Chunk]:
    return [
        Chunk(id=f"b.pdf#p{i}-0", source="b.pdf", page=i, text=text, heading=heading,
              order=i - 1)
        for i, (heading, text) in enumerate(pages, start=1)
    ]


def test_matter_titles_are_whole_titles() -> None:
    for title in ("Index", "7 References", "Release notes", "Changelog", "Preface",
                  "Appendix B: Solutions to selected exercises", "Contents", "License"):
        assert is_matter_title(title), title
    for title in ("Indexing strings", "Sources of error", "Solutions of quadratic equations",
                  "2.3 Binary search", "Referencing cells"):
        assert not is_matter_title(title), title


def test_chapter_level_headings() -> None:
    assert is_chapter_heading("Chapter 3: Loops")
    assert is_chapter_heading("Appendix B Tables")
    assert is_chapter_heading("4 Working with files")
    assert not is_chapter_heading("4.2 Reading lines")
    assert not is_chapter_heading("The way of the program")


def test_bibliography_and_licence_by_content() -> None:
    bibliography = (
        "Knuth, D. (1997). The Art of Computer Programming. Addison-Wesley Press, pp. 12-40.\n\n"
        "Wirth, N. (1976). Algorithms + Data Structures = Programs. Prentice Hall Press.\n\n"
        "Aho, A. et al. (1986). Compilers. Journal of Principles, vol. 3, pp. 1-9.\n\n"
        "Hoare, C. A. R. (1962). Quicksort. The Computer Journal 5 (1), doi 10.1093/5.1.10."
    )
    assert is_bibliography(bibliography)
    assert not is_bibliography(PROSE)
    keyed = (  # entries keyed by authors and year, as an alphabetic bibliography style sets them
        "[Knu97] D. Knuth. The Art of Computer Programming. Addison-Wesley, 1997.\n"
        "[ABC+88] O. Able, B. Baker, and C. Cole. Symbolic processing. In IEEE, editor,\n"
        "Proceedings of the Spring Conference, pages 482-485, 1988.\n"
        "[Wir76] N. Wirth. Algorithms + Data Structures = Programs. Prentice Hall, 1976.\n"
        "[Hoa62] C. Hoare. Quicksort. The Computer Journal, 5(1):10-15, 1962.")
    assert is_bibliography(keyed)
    assert not is_bibliography("A stack [Knu97] holds items.\n" + PROSE)
    licence = ("Copyright 2020 A. Author. Permission is granted to copy and distribute this "
               "work under the terms of the Creative Commons Attribution licence.")
    assert is_licence(licence)
    assert not is_licence(PROSE)


def test_matter_by_heading_position_and_content() -> None:
    book = chunks(
        ("Preface", "A preface is a note where the author thanks the readers and friends."),
        ("Contents", "1 Stacks . . . . . . 3\n2 Queues . . . . . . 5\n3 Trees . . . . . . 7"),
        ("Chapter 1: Stacks", PROSE),
        ("1.1 Pushing", "A push is an operation that puts an item on the stack."),
        ("Release notes", "Version 2.1 fixed the push example. A hotfix is a quick release."),
        ("Release notes", "Version 2.0 added the queue chapter."),
        ("Chapter 2: Queues", "A queue is a collection where the first item added is removed "
                              "first. A queue has a front and a back."),
        ("Index", "push, 3, 4\npop, 3\nqueue, 5, 6\nstack, 3, 4, 7\ntree, 7\nleaf, 8"),
    )
    assert matter_chunks(book) == {0, 1, 4, 5, 7}


def test_matter_without_numbered_chapters_keeps_the_start() -> None:
    tutorial = chunks(("Getting started", PROSE), ("References", "See the manual."))
    assert matter_chunks(tutorial) == {1}


def test_no_concept_comes_from_matter() -> None:
    book = chunks(
        ("Preface", "A colophon is a note about how the book was typeset. A colophon is short."),
        ("Chapter 1: Stacks", PROSE),
        ("1.1 Queues", "A queue is a collection where the first item added is removed first."),
        ("License", "A licensee is a person who is granted the licence. Copyright 2020. "
                    "Permission is granted under the Creative Commons licence."),
    )
    found = {d.name.lower() for d in extract_concepts(book)}
    assert "stack" in found
    assert "colophon" not in found and "licensee" not in found


def test_release_notes_by_content() -> None:
    notes = ("Version 2.3.1\nFixed a crash when the file is empty.\nAdded the --quiet option.\n"
             "Version 2.3.0\nRemoved the old parser.\nChanged the default encoding.")
    assert is_release_notes(notes)
    assert not is_release_notes(PROSE)
    book = chunks(("Getting started", PROSE), ("", notes))
    assert matter_chunks(book) == {1}


def test_a_list_title_in_the_middle_is_a_section_like_any_other() -> None:
    body = [("Getting started", PROSE)] * 6
    book = chunks(*body, ("Index", "The index modifier selects one data set of a file."),
                  ("Smooth", PROSE), *body, ("Index", "push, 3, 4\npop, 3\nqueue, 5, 6\n"
                                                      "stack, 3, 4, 7\ntree, 7\nleaf, 8"))
    assert matter_chunks(book) == {14}


def test_a_preface_ends_at_the_first_numbered_section() -> None:
    book = chunks(("Preface", "This book grew out of notes."), ("Suggestions to the reader", ""),
                  ("1.1 The environment", PROSE), ("1.2 Related software", PROSE))
    assert matter_chunks(book) == {0, 1}


def test_a_licence_goes_on_through_its_numbered_clauses_and_ends_after() -> None:
    clause = ("This License applies to any manual. A Modified Version of the Document means any "
              "work containing the Document or a portion of it.")
    book = chunks(("Chapter 1: Stacks", PROSE), ("GNU Free Documentation License", clause),
                  ("1. APPLICABILITY AND DEFINITIONS", clause),
                  ("2. VERBATIM COPYING", "You may copy the Document provided that this "
                                          "License is reproduced."),
                  ("Copyright", "Copyright 2020 A. Author. All rights reserved."),
                  ("Introduction", PROSE))
    assert matter_chunks(book) == {1, 2, 3, 4}


def test_a_licence_goes_on_through_a_section_that_names_it_after_its_first_passage() -> None:
    # "Preamble": its first passage says nothing of the licence itself, a later one does
    book = chunks(("Chapter 1: Stacks", PROSE),
                  ("GNU General Public License", "Version 3. Copyright 2007 the Foundation. "
                                                 "Everyone is permitted to copy this license."),
                  ("Preamble", "Software is meant to be shared and changed freely."),
                  ("Preamble", "This License gives you permission to copy it; the copyright "
                               "holder offers no warranty."),
                  ("Chapter 2: Queues", PROSE))
    assert matter_chunks(book) == {1, 2, 3}


def test_release_notes_go_on_through_headings_about_what_changed() -> None:
    book = chunks(("Introduction", PROSE), ("Features introduced in version 5.4", PROSE),
                  ("New plot styles", PROSE), ("Integer arithmetic", PROSE),
                  ("Voxel grids", "The program now supports grids of voxels."),
                  ("Changes", PROSE), ("Deprecated syntax", PROSE), ("Coordinates", PROSE),
                  ("Demos", PROSE), ("Expressions", PROSE))
    assert matter_chunks(book) == {1, 2, 3, 4, 5, 6}


def test_an_index_of_dot_leaders_under_a_named_index_title() -> None:
    from tutor.engine.offline.concepts.book_index import index_entries

    assert is_matter_title("Appendix E Concept index")
    assert is_matter_title("Function and variable index")
    letters = "abcdefghijklmnopqrstuvwxyz"
    text = " ".join(f"Term {a}{b} . . . . . . . . {n}" for n, (a, b) in
                    enumerate(zip(letters, reversed(letters), strict=True), start=3))
    entries = index_entries(chunks(("Stacks", PROSE), ("Appendix E Concept index", text)))
    assert entries["term az"] == [3] and len(entries) == 26


def test_an_introduction_is_body_whatever_it_mentions_in_passing() -> None:
    book = chunks(
        ("Table of Contents", "1 Introduction . . . . . . 1\n2 Stacks . . . . . . 3\n"
                              "3 Queues . . . . . . 5"),
        ("1 Introduction", "This manual describes a stack library. A stack is a collection of "
                           "items. It is free software: you can redistribute it under the terms "
                           "of the GNU Lesser General Public License; the tools are licensed "
                           "under the GNU General Public License."),
        ("2 Stacks", PROSE),
        ("Appendix A Copying", "Everyone is permitted to copy and distribute verbatim copies of "
                               "this license document. Copyright (c) 2007 Free Software "
                               "Foundation. Permission is granted to redistribute it."),
    )
    assert matter_chunks(book) == {0, 3}


def test_an_unnumbered_overview_before_the_first_chapter_is_body() -> None:
    book = chunks(
        ("An Introduction to Stacks", "Notes on stacks and queues. Version 2.1."),
        ("Preface", "A preface is a note where the author thanks the readers and friends."),
        ("Overview", "A queue is a collection where the first item added is removed first."),
        ("1 Stacks", PROSE),
    )
    assert matter_chunks(book) == {0, 1}  # the book's title is no introduction chapter
