"""The printed index: entries parsed, printed pages mapped to physical ones, used as
evidence."""

from __future__ import annotations

from tutor.course import Chunk
from tutor.engine.offline.concepts.book_index import PrintedIndex, index_entries, page_offset
from tutor.engine.offline.concepts.extract import extract_concepts

TOPICS = ["stack", "queue", "heap", "graph", "tree", "trie", "deque", "vector", "matrix",
          "bitmap", "string", "record", "tuple", "set", "map", "list", "array", "table",
          "cache", "buffer", "pointer", "socket"]


def book() -> list[Chunk]:
    """Four front pages (printed numbering starts on physical page 5), one page per topic,
    then an index whose columns run together as PDF text often does."""
    chunks = [Chunk(id=f"b.pdf#p{i}-0", source="b.pdf", page=i, text="Front matter.",
                    order=i - 1) for i in range(1, 5)]
    for n, topic in enumerate(TOPICS, start=1):
        page = n + 4
        chunks.append(Chunk(id=f"b.pdf#p{page}-0", source="b.pdf", page=page, order=page - 1,
                            text=f"A {topic} is a structure. The {topic} holds items."))
    entries = " ".join(f"{topic}, {n}" + (", 40-42" if n == 3 else "")
                       for n, topic in enumerate(TOPICS, start=1))
    last = len(chunks) + 1
    chunks.append(Chunk(id=f"b.pdf#p{last}-0", source="b.pdf", page=last, order=last - 1,
                        heading="Index", text="Index\n" + entries + ", vi"))
    return chunks


def test_entries_are_parsed_from_run_together_columns() -> None:
    entries = index_entries(book())
    assert entries["stack"] == [1]
    assert entries["heap"] == [3, 40, 42]
    assert len(entries) == len(TOPICS)


def test_printed_pages_are_calibrated_to_physical_pages() -> None:
    chunks = book()
    assert page_offset(index_entries(chunks), chunks) == 4
    index = PrintedIndex(chunks)
    assert index.pages["stack"] == [5]
    assert index.lists("queue") and not index.lists("kettle")


def test_no_index_no_entries() -> None:
    chunks = book()[:-1]
    assert index_entries(chunks) == {}
    assert not PrintedIndex(chunks)


def test_a_weakly_defined_term_the_index_omits_is_no_concept() -> None:
    def with_page(text: str, emphasized: list[str]) -> list[Chunk]:
        chunks = book()
        extra = Chunk(id="b.pdf#p5-1", source="b.pdf", page=5, order=4, text=text,
                      emphasized=emphasized)
        return [*chunks[:5], extra, *chunks[5:]]

    text = ("Here the gadget holds the stack. The gadget keeps the heap and is used with the "
            "queue.")  # a sentence says what it does: kept when the index lists it
    names = {d.name for d in extract_concepts(with_page(text, ["gadget"]))}
    assert "gadget" not in names
    indexed = [c if c.heading != "Index" else c.model_copy(update={"text": c.text + " gadget, 1"})
               for c in with_page(text, ["gadget"])]
    assert "gadget" in {d.name for d in extract_concepts(indexed)}


def test_the_letter_heading_a_group_of_entries_is_no_part_of_them() -> None:
    chunks = book()
    lines = []
    for letter in sorted({t[0] for t in TOPICS}):
        group = [f"{t.capitalize()} . . . . . . . {TOPICS.index(t) + 1}"
                 for t in TOPICS if t[0] == letter]
        lines += [letter.upper(), " ".join(group)] if letter < "m" else [
            f"{letter.upper()} {' '.join(group)}"]  # the letter alone, or run into the line
    chunks[-1] = chunks[-1].model_copy(update={"text": "Concept Index\n" + "\n".join(lines)})
    entries = index_entries(chunks)
    assert {"stack", "buffer", "pointer", "map", "matrix"} <= set(entries)
    assert not any(len(key.split()[0]) == 1 for key in entries)


def test_an_index_of_one_part_of_the_book_says_nothing_of_the_others() -> None:
    def with_gadget(pages: list[Chunk]) -> list[Chunk]:  # a term the book uses again
        pages = [c.model_copy(update={"text": c.text + " A gadget may hold it."})
                 if 6 <= c.page <= 9 else c for c in pages]
        extra = Chunk(id="b.pdf#p5-1", source="b.pdf", page=5, order=4, emphasized=["gadget"],
                      text="Here the gadget holds the stack. The gadget keeps the heap and is "
                           "used with the queue.")  # said weakly
        return [*pages[:5], extra, *pages[5:]]

    part = book()
    late = [(t, n) for n, t in enumerate(TOPICS, start=1) if n >= 12]
    others = [(f"widget {chr(97 + k)}", 12 + k % 10) for k in range(12)]  # the same late pages
    entries = " ".join(f"{t}, {n}" for t, n in late + others)
    part[-1] = part[-1].model_copy(update={"text": "Index\n" + entries})
    index = PrintedIndex(part)
    assert index and index.speaks_for(20) and not index.speaks_for(5)
    assert "gadget" not in {d.name for d in extract_concepts(with_gadget(book()))}
    # the whole book's index omits it; this one is silent on page 5 and omits nothing there
    assert "gadget" in {d.name for d in extract_concepts(with_gadget(part))}
