"""The passage index: build, open, hybrid search, lookups, clean rebuilds, no downloads."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tutor.course import Chunk
from tutor.errors import CourseError
from tutor.index.passages import (
    MANIFEST_FILE,
    OLD_VECTORS_FILE,
    PASSAGES_FILE,
    PassageIndex,
    embed_chunks,
    tokenize,
)

TEXTS = [
    ("Recursion", "A recursive function calls itself. Every recursion needs a base case that "
                  "stops it, or the calls go on until the stack overflows."),
    ("Dictionaries", "A dictionary maps keys to values. Looking up a key takes constant time "
                     "on average because dictionaries are hash tables."),
    ("Loops", "A for loop repeats its body once for each item of a sequence. A while loop "
              "repeats as long as its condition is true."),
    ("Files", "To read a file, open it and iterate over its lines. Close the file when you "
              "are done, or use a with statement."),
    ("Strings", "Strings are immutable sequences of characters. Slicing a string returns a "
                "new string; the original never changes."),
    ("Classes", "A class is a blueprint for objects. Its methods receive the instance as "
                "their first parameter, called self by convention."),
]


def make_chunks(source: str = "py.md") -> list[Chunk]:
    return [
        Chunk(id=f"{source}#p{i + 1}-0", source=source, page=i + 1, text=text, heading=heading,
              emphasized=[heading.lower()], order=i)
        for i, (heading, text) in enumerate(TEXTS)
    ]


@pytest.fixture(autouse=True)
def no_chroma_default_embedder(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chroma's own embedding function would download a model: it must never run."""
    from chromadb.api import types

    def refuse(self: object, input: object) -> object:
        raise AssertionError("chroma's default embedding function was called")

    monkeypatch.setattr(types.DefaultEmbeddingFunction, "__call__", refuse)


def test_build_open_and_search(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    built = PassageIndex.build(make_chunks(), tmp_path / "build",
                               lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 6) and seen[-1] == (6, 6)
    folder = tmp_path / "build"
    assert (folder / PASSAGES_FILE).read_text().count("\n") == 6
    assert json.loads((folder / MANIFEST_FILE).read_text())["chunks"] == 6
    assert built.stats["chunks_per_second"] > 0

    index = PassageIndex.open(folder)
    assert [c.id for c in index.chunks] == [c.id for c in make_chunks()]
    assert index.by_id("py.md#p2-0").heading == "Dictionaries"
    with pytest.raises(KeyError):
        index.by_id("nope")

    cases = {
        "what stops a function that calls itself": "Recursion",
        "hash table lookup of keys": "Dictionaries",
        "how do I go through every line of a text document": "Files",
        "can I change a piece of text in place": "Strings",
    }
    for query, heading in cases.items():
        hits = index.search(query, k=3)
        assert hits[0].chunk.heading == heading, query
        assert hits[0].score >= hits[-1].score
    assert index.search("   ", k=3) == []


def test_vector_and_word_rankings_each_work(tmp_path: Path) -> None:
    index = PassageIndex.build(make_chunks(), tmp_path)
    # the vector ranking alone finds the passage by meaning
    assert index.vector_ranking("object oriented programming blueprint", 2)[0] == "py.md#p6-0"
    assert index.word_ranking("immutable", 5) == ["py.md#p5-0"]
    assert index.word_ranking("zebra", 5) == []


def test_an_index_built_with_other_words_gets_its_word_ranking_rebuilt(tmp_path: Path) -> None:
    PassageIndex.build(make_chunks(), tmp_path)
    manifest = json.loads((tmp_path / MANIFEST_FILE).read_text())
    manifest["words"] = "an older tokenizer"
    (tmp_path / MANIFEST_FILE).write_text(json.dumps(manifest))
    shutil.rmtree(tmp_path / "bm25")  # what was saved with the old words is not read
    index = PassageIndex.open(tmp_path)
    assert index.word_ranking("immutable strings", 5)[0] == "py.md#p5-0"


def test_chroma_is_the_one_vector_store_and_search_goes_through_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import chromadb
    from chromadb.config import Settings

    (tmp_path / OLD_VECTORS_FILE).write_bytes(b"an earlier build's copy")
    PassageIndex.build(make_chunks(), tmp_path)
    assert not (tmp_path / OLD_VECTORS_FILE).exists()  # no numpy copy beside Chroma
    client = chromadb.PersistentClient(path=str(tmp_path / "chroma"),
                                       settings=Settings(anonymized_telemetry=False))
    stored = client.get_collection("passages", embedding_function=None)
    assert stored.count() == 6
    index = PassageIndex.open(tmp_path)
    assert index.vectors == {"store": "embedded", "collection": "passages"}
    queried: list[int] = []
    from tutor.index import vector_store

    original = vector_store.nearest
    monkeypatch.setattr(vector_store, "nearest",
                        lambda c, v, n: queried.append(n) or original(c, v, n))
    assert index.vector_ranking("blueprint for objects", 1) == ["py.md#p6-0"]
    assert queried == [1]


def test_an_index_on_a_chroma_server_needs_the_url_to_open(tmp_path: Path) -> None:
    PassageIndex.build(make_chunks(), tmp_path)
    manifest = json.loads((tmp_path / MANIFEST_FILE).read_text())
    manifest["vectors"] = {"store": "server", "collection": "passages-x-0123"}
    (tmp_path / MANIFEST_FILE).write_text(json.dumps(manifest))
    with pytest.raises(CourseError, match="TUTOR_CHROMA_URL"):
        PassageIndex.open(tmp_path)


def test_passages_for_concept_terms(tmp_path: Path) -> None:
    index = PassageIndex.build(make_chunks(), tmp_path)
    found = index.passages_for(["while loop", "for loop"], k=2)
    assert found[0].heading == "Loops"
    assert index.passages_for([], k=3) == []


def test_rebuild_replaces_the_old_index(tmp_path: Path) -> None:
    PassageIndex.build(make_chunks("old.md"), tmp_path)
    new = make_chunks("new.md")[:3]
    PassageIndex.build(new, tmp_path)
    index = PassageIndex.open(tmp_path)
    assert [c.source for c in index.chunks] == ["new.md"] * 3
    hits = index.search("dictionary keys values", k=5)
    assert {h.chunk.source for h in hits} == {"new.md"} and len(hits) <= 3
    # the folder deleted by hand, then built again in the same process
    shutil.rmtree(tmp_path)
    PassageIndex.build(make_chunks("again.md"), tmp_path)
    assert PassageIndex.open(tmp_path).search("dictionary", k=1)[0].chunk.source == "again.md"


def test_missing_or_incomplete_index_is_a_course_error(tmp_path: Path) -> None:
    with pytest.raises(CourseError, match="no passage index here"):
        PassageIndex.open(tmp_path / "nothing")
    PassageIndex.build(make_chunks(), tmp_path)
    lines = (tmp_path / PASSAGES_FILE).read_text().splitlines()
    (tmp_path / PASSAGES_FILE).write_text("\n".join(lines[:2]) + "\n")
    with pytest.raises(CourseError, match="incomplete"):
        PassageIndex.open(tmp_path)


def test_empty_course_and_duplicate_ids(tmp_path: Path) -> None:
    index = PassageIndex.build([], tmp_path / "empty")
    assert PassageIndex.open(tmp_path / "empty").search("anything") == []
    assert index.chunks == []
    twice = make_chunks()[:1] * 2
    with pytest.raises(ValueError):
        PassageIndex.build(twice, tmp_path / "dup")


def test_keys_mode_vectors_follow_headings_and_terms() -> None:
    chunks = make_chunks()
    vectors = embed_chunks(chunks, "keys")
    assert vectors.shape == (6, 384)
    same_section = chunks[0].model_copy(update={"id": "x", "text": "Other words entirely."})
    again = embed_chunks([chunks[0], same_section], "keys")
    assert float(again[0] @ again[1]) > 0.99  # same heading -> same vector
    assert tokenize("The Dictionaries are running") == ["dictionari", "run"]  # stems


def test_a_query_that_is_notation_finds_the_passages_that_write_it_prose_first(
        tmp_path: Path) -> None:
    # ":=" has no word for BM25 and means nothing to the vectors: it used to rank at random.
    chunks = [*make_chunks(),
              Chunk(id="y.md#p7-0", source="y.md", page=7, order=7,
                    text="In> a:=2;\nIn> b:=a+1;\nIn> c:=b*b;"),
              Chunk(id="y.md#p8-0", source="y.md", page=8, order=8,
                    text="The operator := assigns a value to a variable and returns it.")]
    built = PassageIndex.build(chunks, tmp_path / "build")
    assert built.symbol_ranking(":=") == ["y.md#p8-0", "y.md#p7-0"]
    assert built.symbol_ranking("recursion") == []
    assert [hit.chunk.page for hit in built.search(":=", 2)] == [8, 7]
