"""Which candidates become concepts: the book defines or explains them, and no quota."""

from __future__ import annotations

from collections import Counter

from tutor.course import Chunk
from tutor.engine.offline.concepts.candidates import (
    BOOK_PASSAGES,
    TermCandidate,
    display_name,
    introduced_in_emphasis,
    is_generic,
    modifiers,
    weakly_supported,
)
from tutor.engine.offline.concepts.extract import extract_concepts


def candidate(key: str, evidence: set[str], emphasized: set[int] | None = None) -> TermCandidate:
    return TermCandidate(key, Counter({key: 1}), set(evidence),
                         emphasized_in=set(emphasized or ()))


def test_a_word_that_modifies_longer_names_is_no_concept() -> None:
    drafts = [(3.0, candidate("inductive", {"emphasis"}), {1: 2}),
              (3.0, candidate("inductive argument", {"definition"}), {1: 5, 2: 4})]
    assert modifiers(drafts) == {"inductive"}


def test_common_words_need_the_book_to_mark_them() -> None:
    assert is_generic(candidate("result", {"definition"}))
    assert not is_generic(candidate("result", {"glossary"}))
    assert not is_generic(candidate("tautology", {"definition"}))


def test_emphasis_where_introduced_is_not_emphasis_as_a_style() -> None:
    mentions = {3: 1, 4: 2, 9: 1, 12: 1}
    assert introduced_in_emphasis(candidate("subproof", {"emphasis"}, {3}), mentions)
    assert not introduced_in_emphasis(candidate("ls", {"emphasis"}, {3, 4, 9, 12}), mentions)
    assert not introduced_in_emphasis(candidate("late", {"emphasis"}, {12}), mentions)


def test_weak_marks_need_a_good_sentence() -> None:
    assert not weakly_supported(candidate("error occur", {"keyphrase"}), 2.0, 2.0)
    assert weakly_supported(candidate("palindrome", {"keyphrase"}), 4.4, 2.0)
    assert not weakly_supported(candidate("object feature", {"heading"}), 0.0, 2.0)
    assert weakly_supported(candidate("stack", {"heading", "emphasis"}), 0.0, 2.0)


def test_the_map_follows_the_book_not_a_quota() -> None:
    # 40 defined terms on 10 pages: a per-page quota (1.2 a page, at least 15) would cut most.
    letters = [a + b for a in "bcdfg" for b in "aeiouklm"][:40]
    terms = [f"zor{t}" for t in letters]
    pages = [" ".join(f"A {t} is a kind of gadget that holds parts. Each {t} is small."
                      for t in terms[i : i + 4]) for i in range(0, 40, 4)]
    chunks = [Chunk(id=f"n.md#p{i}-0", source="n.md", page=i + 1, text=t, order=i)
              for i, t in enumerate(pages)]
    names = {d.name for d in extract_concepts(chunks)}
    assert set(terms) <= names


def test_a_term_used_once_is_kept_only_when_emphasised_and_plainly_defined() -> None:
    # A book (enough passages that a concept is expected to be used again after it is
    # introduced): a term used once is still kept when set in emphasis and plainly defined.
    filler = "Proofs are written line by line, and each line cites a rule of the system."
    texts = [filler] * (BOOK_PASSAGES + 2)
    texts[3] = filler + " Because A is part of the metalanguage, it is called a metavariable."
    texts[9] = filler + " Because B is part of the language, it is called a wobblevariable."
    chunks = [Chunk(id=f"n.md#p{i}-0", source="n.md", page=i + 1, text=t, order=i,
                    emphasized=["metavariable"] if i == 3 else [])
              for i, t in enumerate(texts)]
    names = {d.name for d in extract_concepts(chunks)}
    assert "metavariable" in names
    assert "wobblevariable" not in names


def test_a_label_the_book_never_explains_is_not_a_concept() -> None:
    texts = ["A program is built from a few basic instructions:\n\n"
             "Math: Perform basic operations like addition.\n\n"
             "Repetition: Perform some action repeatedly.\n\n"
             "A loop is a statement that repeats a block. The loop runs the block again.",
             "Every program uses math and a loop. The loop repeats; repetition is common.",
             "Math is everywhere, and a loop too."]
    chunks = [Chunk(id=f"n.md#p{i}-0", source="n.md", page=i + 1, text=t, order=i,
                    emphasized=["Math", "Repetition"] if i == 0 else [])
              for i, t in enumerate(texts)]
    names = {d.name.lower() for d in extract_concepts(chunks)}
    assert "loop" in names
    assert "math" not in names and "repetition" not in names


def test_an_acronym_is_not_made_singular() -> None:
    # "BLAS" read as the plural of "BLA" named a manual's concept "BLA".
    assert display_name(TermCandidate("bla", Counter({"BLAS": 3}), {"heading"}),
                        proper=False) == "BLAS"
    assert display_name(TermCandidate("rectangle", Counter({"rectangles": 3}), {"heading"}),
                        proper=False) == "rectangle"
