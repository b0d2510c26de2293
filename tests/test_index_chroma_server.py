"""Passage vectors on a real Chroma server (``TUTOR_CHROMA_URL``, ``chromadb.HttpClient``).

The ``chroma_url`` fixture runs ``chroma run`` on a free loopback port; without it the tests
fail. Search goes through the server (fused with BM25), rebuilds replace the collection
without a window of missing vectors, and a lesson on PostgreSQL asks its questions through it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.factories import COURSE, ExactEngine, cloze_first_course, make_chunks
from tutor.context import TutorContext
from tutor.course import Chunk
from tutor.errors import CourseError, StorageError
from tutor.index import vector_store
from tutor.index.passages import MANIFEST_FILE, PassageIndex
from tutor.teach.lesson import Lesson

pytestmark = pytest.mark.e2e


def chunks() -> list[Chunk]:
    texts = [("Recursion", "A recursive function calls itself and needs a base case."),
             ("Dictionaries", "A dictionary maps keys to values; it is a hash table."),
             ("Classes", "A class is a blueprint for objects with methods.")]
    return [Chunk(id=f"py.md#p{i + 1}-0", source="py.md", page=i + 1, text=text,
                  heading=heading, order=i) for i, (heading, text) in enumerate(texts)]


def test_vectors_live_on_the_server_and_search_goes_through_it(tmp_path: Path,
                                                               chroma_url: str) -> None:
    folder = tmp_path / "algebra" / ".build"
    PassageIndex.build(chunks(), folder, chroma_url=chroma_url)
    assert not (folder / "chroma").exists()  # nothing embedded: the server holds the vectors
    first = json.loads((folder / MANIFEST_FILE).read_text())["vectors"]
    assert first["store"] == "server" and first["collection"].startswith("passages-algebra-")
    client = vector_store.server_client(chroma_url)
    assert client.get_collection(first["collection"], embedding_function=None).count() == 3

    index = PassageIndex.open(folder, chroma_url)
    assert index.vector_ranking("blueprint for making objects", 1) == ["py.md#p3-0"]
    assert index.search("hash table of keys", k=1)[0].chunk.heading == "Dictionaries"
    with pytest.raises(CourseError, match="TUTOR_CHROMA_URL"):
        PassageIndex.open(folder)

    PassageIndex.build(chunks()[:2], folder, chroma_url=chroma_url)  # a rebuild
    second = json.loads((folder / MANIFEST_FILE).read_text())["vectors"]
    names = {c.name for c in client.list_collections()}
    assert second["collection"] in names and first["collection"] not in names
    rebuilt = PassageIndex.open(folder, chroma_url)
    assert sorted(rebuilt.vector_ranking("objects", 5)) == ["py.md#p1-0", "py.md#p2-0"]


def test_an_unreachable_chroma_server_is_one_line(tmp_path: Path) -> None:
    from tutor.testing.servers import free_port

    with pytest.raises(StorageError) as caught:
        PassageIndex.build(chunks(), tmp_path, chroma_url=f"http://127.0.0.1:{free_port()}")
    assert "\n" not in str(caught.value) and "cannot reach the Chroma server" in str(caught.value)


def test_a_lesson_on_postgres_answers_questions_from_the_chroma_server(
        tutor_home: Path, postgres_url: str, chroma_url: str) -> None:
    folder = tutor_home / "courses" / COURSE
    folder.mkdir(parents=True)
    (folder / "course.json").write_text(cloze_first_course().to_json(), encoding="utf-8")
    context = TutorContext.from_env(engine="offline", database_url=postgres_url,
                                    chroma_url=chroma_url)
    PassageIndex.build(make_chunks(), folder / ".build", chroma_url=chroma_url)
    lesson = Lesson(COURSE, "ana", context=context, engine=ExactEngine())
    assert len(lesson.passages.chunks) == len(make_chunks())
    lesson.start()
    reply = lesson.ask("Why do collisions happen in a hash table?")
    assert reply[0].kind == "answer" and "Collisions happen" in reply[0].text
    lesson.close()
