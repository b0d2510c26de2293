"""Cutting pages into passages: size, page boundaries, headings, emphasis, ids, order."""

from __future__ import annotations

from pathlib import Path

from tutor.course import Chunk
from tutor.ingest import Page, chunk_pages
from tutor.ingest.chunking import MAX_CHARS
from tutor.sentences import split_sentences

SENTENCE = "A heap keeps its smallest item at the root, so the minimum is found in constant time. "


def page(number: int, text: str, headings: list[str] | None = None,
         emphasized: list[str] | None = None, source: str = "ds.pdf") -> Page:
    return Page(source=source, number=number, text=text, headings=headings or [],
                emphasized=emphasized or [])


def test_chunk_invariants() -> None:
    pages = [
        page(1, "Heaps\n\n" + SENTENCE * 12 + "\n\n" + SENTENCE * 9, ["Heaps"], ["root"]),
        page(2, SENTENCE * 5 + "\n\nTries\n\nA trie stores strings by their prefixes. " * 1
             + SENTENCE * 6, ["Tries"], ["trie"]),
        page(3, SENTENCE * 3),
    ]
    chunks = chunk_pages(pages, start_order=10)
    assert [c.order for c in chunks] == list(range(10, 10 + len(chunks)))
    assert len({c.id for c in chunks}) == len(chunks)
    for chunk in chunks:
        assert chunk.id.startswith(f"ds.pdf#p{chunk.page}-")
        assert len(chunk.text) <= MAX_CHARS + 200
        page_words = " ".join(pages[chunk.page - 1].text.split())
        for sentence in split_sentences(" ".join(chunk.text.split())):
            assert sentence[:40] in page_words  # never crosses a page
    big = [c for c in chunks if c.page == 1]
    assert len(big) >= 2 and all(len(c.text) >= 300 for c in big)
    assert [c.heading for c in chunks if c.page == 1] == ["Heaps"] * len(big)
    second = [c for c in chunks if c.page == 2]
    assert second[0].heading == "Heaps"  # carried across the page break
    assert second[-1].heading == "Tries" and second[-1].text.startswith("Tries\n")
    assert all(c.heading == "Tries" for c in chunks if c.page == 3)


def test_emphasis_goes_to_the_chunk_that_has_the_term() -> None:
    text = SENTENCE * 8 + "\n\n" + "A trie stores strings by their prefixes. " + SENTENCE * 6
    chunks = chunk_pages([page(1, text, emphasized=["trie", "root"])])
    assert len(chunks) >= 2
    owners = {term: [c.id for c in chunks if term in c.emphasized] for term in ["trie", "root"]}
    assert owners["root"] == [chunks[0].id]
    assert len(owners["trie"]) == 1 and "trie" in next(
        c.text for c in chunks if c.id == owners["trie"][0]
    )


def test_code_blocks_are_kept_whole_and_short_tails_merged() -> None:
    code = "def push(heap, item):\n    heap.append(item)\n    sift_up(heap)"
    text = SENTENCE * 4 + "\n\n" + code + "\n\nDone."
    chunks = chunk_pages([page(1, text)])
    joined = "\n".join(c.text for c in chunks)
    assert code in joined
    assert not any(c.text.strip() == "Done." for c in chunks)


def test_heading_at_the_end_of_a_page_carries_over_without_its_own_chunk() -> None:
    pages = [page(1, SENTENCE * 4 + "\n\nGraphs", ["Graphs"]), page(2, SENTENCE * 4)]
    chunks = chunk_pages(pages)
    assert all(c.text.strip() != "Graphs" for c in chunks)
    assert chunks[-1].page == 2 and chunks[-1].heading == "Graphs"


def test_heading_resets_between_sources_and_sentences_split_sensibly() -> None:
    pages = [page(1, SENTENCE * 3, ["Heaps"]), page(1, SENTENCE * 3, source="other.md")]
    chunks = chunk_pages(pages)
    assert [c.heading for c in chunks] == ["Heaps", ""]
    assert isinstance(chunks[0], Chunk)
    assert split_sentences("See e.g. the heap. It is fast! Is it? Yes.") == [
        "See e.g. the heap.", "It is fast!", "Is it?", "Yes."
    ]


def test_a_code_block_keeps_the_indentation_of_its_first_line(tmp_path: Path) -> None:
    from tutor.ingest import read_source

    source = tmp_path / "loops.md"
    source.write_text("# Loops\n\nA loop repeats its body.\n\n```python\n    total = 0\n"
                      "    for i in range(3):\n        total += i\n```\n\n"
                      "```\n    print(total)\n```\n")
    [chunk] = chunk_pages(read_source(source).pages)
    assert "\n    total = 0\n    for i in range(3):\n        total += i\n" in chunk.text
    assert chunk.text.endswith("\n    print(total)")
    [code_first] = chunk_pages([page(1, "    x = 1\n    y = 2\n\nThe two names.")])
    assert code_first.text.startswith("    x = 1\n    y = 2\n")


def test_a_term_is_found_as_a_word_exactly_where_the_word_pattern_finds_it() -> None:
    import re

    from tutor.ingest.chunking import _as_word

    cases = [("a tuple is", "tuple"), ("tuples", "tuple"), ("my_tuple x", "tuple"),
             ("étuple, tuple.", "tuple"), ("x+= y", "+="), ("a+=b", "+="), ("tuple", "tuple"),
             ("Tuple", "tuple"), ("tuple2 tuple", "tuple"), ("", "tuple"), ("ab", "")]
    for text, term in cases:
        expected = re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text) is not None
        assert _as_word(text, term) is expected, (text, term)


def test_a_heading_with_no_text_of_its_own_still_opens_its_section() -> None:
    pages = [
        page(1, "3.3 Loops\n\n" + SENTENCE * 3, ["3.3 Loops"]),
        page(2, "4 Function reference\n\n4.1 Schema functions\n\nparse tree\n\n" + SENTENCE * 3,
             ["4 Function reference", "4.1 Schema functions", "parse tree"]),
    ]
    chunks = chunk_pages(pages)
    headings = [c.heading for c in chunks]
    assert headings == ["3.3 Loops", "4 Function reference", "4.1 Schema functions",
                        "parse tree"]
    assert chunks[1].text == "4 Function reference" and chunks[1].page == 2
    assert not any(c.heading == "3.3 Loops" for c in chunks if c.page == 2)


def test_a_heading_at_the_end_of_a_page_before_another_heading_keeps_its_passage() -> None:
    pages = [page(1, SENTENCE * 4 + "\n\n5 Utilities", ["5 Utilities"]),
             page(2, "5.1 Invoking the parser\n\n" + SENTENCE * 3, ["5.1 Invoking the parser"])]
    chunks = chunk_pages(pages)
    assert [(c.page, c.heading) for c in chunks] == [
        (1, ""), (1, "5 Utilities"), (2, "5.1 Invoking the parser")]
    assert chunks[1].text == "5 Utilities"
