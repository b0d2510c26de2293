"""What a build leaves for the next build of the same course: vectors of short texts and the
sandbox's replays, by content; a rebuild embeds and replays only what changed, and gets the
course a fresh build gets."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from tests.factories import write_course, write_pdf
from tutor.context import TutorContext
from tutor.engine.offline.code_output import code_sandbox
from tutor.home import BUILD_DIR
from tutor.index import embeddings
from tutor.ingest import pdf, sources
from tutor.study.carried_over import PAGES_FILE, REPLAYS_FILE, VECTORS_FILE, carried_over


class CountingEmbedder:
    """Vectors that depend on the text only; remembers what it was asked to embed."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.asked.extend(texts)
        rows = [np.random.default_rng(sum(map(ord, t))).random(embeddings.DIMENSIONS)
                for t in texts]
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), embeddings.DIMENSIONS)


@pytest.fixture
def embedder(monkeypatch: pytest.MonkeyPatch) -> CountingEmbedder:
    fake = CountingEmbedder()
    monkeypatch.setattr(embeddings, "default_embedder", lambda: fake)
    monkeypatch.setattr(embeddings, "_RECENT", {})
    return fake


def test_a_rebuild_embeds_only_the_texts_it_has_not_kept(
        tmp_path: Path, embedder: CountingEmbedder, monkeypatch: pytest.MonkeyPatch) -> None:
    with carried_over(tmp_path):
        first = embeddings.embed(["list: a sequence of values", "loop: a repeated block"])
    assert (tmp_path / BUILD_DIR / VECTORS_FILE).exists()
    monkeypatch.setattr(embeddings, "_RECENT", {})  # a new process
    embedder.asked.clear()
    with carried_over(tmp_path):
        again = embeddings.embed(["loop: a repeated block", "tuple: an immutable sequence"])
    assert embedder.asked == ["tuple: an immutable sequence"]
    assert np.array_equal(again[0], first[1])
    monkeypatch.setattr(embeddings, "_RECENT", {})
    embedder.asked.clear()
    with carried_over(tmp_path):  # the list's vector was not asked for last time: not kept
        embeddings.embed(["list: a sequence of values", "tuple: an immutable sequence"])
    assert embedder.asked == ["list: a sequence of values"]


def test_texts_embedded_outside_the_build_are_not_kept(
        tmp_path: Path, embedder: CountingEmbedder) -> None:
    learner = threading.Thread(target=embeddings.embed, args=(["my answer: no idea"],))
    with carried_over(tmp_path):
        embeddings.embed(["loop: a repeated block"])
        learner.start()  # a lesson in another thread of the same process
        learner.join()
    kept = json.loads((tmp_path / BUILD_DIR / VECTORS_FILE).read_text(encoding="utf-8"))
    assert kept["keys"] == [embeddings.content_key("loop: a repeated block")]


def test_vectors_of_another_model_are_not_used(
        tmp_path: Path, embedder: CountingEmbedder, monkeypatch: pytest.MonkeyPatch) -> None:
    with carried_over(tmp_path):
        embeddings.embed(["loop: a repeated block"])
    path = tmp_path / BUILD_DIR / VECTORS_FILE
    kept = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**kept, "model": "another-model"}), encoding="utf-8")
    monkeypatch.setattr(embeddings, "_RECENT", {})
    embedder.asked.clear()
    with carried_over(tmp_path):
        embeddings.embed(["loop: a repeated block"])
    assert embedder.asked == ["loop: a repeated block"]


class CountingSandbox(code_sandbox.Sandbox):
    """Replays without a process: a session shows its statements back, unless it loops."""

    def __init__(self) -> None:
        super().__init__()
        self.ran: list[tuple[str, ...]] = []

    def _replayed(self, statements: tuple[str, ...]) -> tuple[bool, list[str] | None]:
        self.ran.append(statements)
        if "while True: pass" in statements:
            return True, None
        return True, [f"{s}\n" for s in statements]


def test_a_rebuild_replays_only_the_sessions_it_has_not_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(code_sandbox, "_shared", CountingSandbox())
    with carried_over(tmp_path):
        shown = code_sandbox.replay(["x = 1", "x"])
        assert code_sandbox.replay(["while True: pass"]) is None
    assert (tmp_path / BUILD_DIR / REPLAYS_FILE).exists()
    fresh = CountingSandbox()  # a new process
    monkeypatch.setattr(code_sandbox, "_shared", fresh)
    with carried_over(tmp_path):
        assert code_sandbox.replay(["x = 1", "x"]) == shown
        assert code_sandbox.replay(["x = 1"]) == shown[:1]  # the first statements, as before
        assert code_sandbox.replay(["while True: pass"]) is None  # not kept: tried again
        code_sandbox.replay(["y = 2"])
    assert fresh.ran == [("while True: pass",), ("y = 2",)]


def test_replays_of_another_sandbox_are_not_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(code_sandbox, "_shared", CountingSandbox())
    with carried_over(tmp_path):
        code_sandbox.replay(["x = 1", "x"])
    path = tmp_path / BUILD_DIR / REPLAYS_FILE
    kept = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**kept, "sandbox": "another"}), encoding="utf-8")
    fresh = CountingSandbox()
    monkeypatch.setattr(code_sandbox, "_shared", fresh)
    with carried_over(tmp_path):
        code_sandbox.replay(["x = 1", "x"])
    assert fresh.ran == [("x = 1", "x")]


def test_a_rebuild_reads_only_the_pdfs_it_has_not_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = write_pdf(tmp_path / "book.pdf", [["A list is a sequence of values."]])
    notes = write_pdf(tmp_path / "notes.pdf", [["A loop repeats a block."]])
    read: list[str] = []
    read_pdf = pdf.read_pdf

    def counted(path: Path, *args: object, **kwargs: object) -> object:
        read.append(Path(path).name)
        return read_pdf(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf, "read_pdf", counted)
    with carried_over(tmp_path):
        first = sources.read_source(book)
    assert (tmp_path / BUILD_DIR / PAGES_FILE).exists()
    with carried_over(tmp_path):
        again = sources.read_source(book)
        sources.read_source(notes)
    assert read == ["book.pdf", "notes.pdf"]
    assert again.pages == first.pages and again.source == first.source
    monkeypatch.setattr(sources, "reader_version", lambda: "another reader")
    with carried_over(tmp_path):  # the reader's code changed: read again
        sources.read_source(book)
    assert read == ["book.pdf", "notes.pdf", "book.pdf"]


def test_a_rebuild_gives_the_course_a_fresh_build_gives(
        tmp_path: Path, embedder: CountingEmbedder, monkeypatch: pytest.MonkeyPatch) -> None:
    from tutor.study import build_course

    folder = write_course(tmp_path / "course")
    context = TutorContext(home=tmp_path, data=tmp_path / ".tutor", engine="offline")
    first = build_course(folder, context=context)
    assert embedder.asked
    monkeypatch.setattr(embeddings, "_RECENT", {})
    embedder.asked.clear()
    again = build_course(folder, context=context)
    assert embedder.asked == []
    assert first.course is not None and again.course is not None
    keep = {"concepts", "prerequisites", "exercises"}
    assert again.course.model_dump(include=keep) == first.course.model_dump(include=keep)

