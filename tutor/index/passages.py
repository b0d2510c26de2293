"""The passage index: every chunk of a course, searchable by meaning and by words.

On disk, in the folder given to :meth:`PassageIndex.build` (a course's ``.build/``):

- ``passages.jsonl`` — the chunks, one JSON object a line, in reading order;
- ``chroma/`` — the embedded Chroma store, collection ``passages``, holding our own MiniLM
  vectors; with ``TUTOR_CHROMA_URL`` the vectors go to that Chroma server instead
  (:mod:`tutor.index.vector_store`);
- ``bm25/`` — a ``bm25s`` index of the same chunks;
- ``passages-index.json`` — what was built (counts, embedder, where the vectors are), written
  last.

:meth:`PassageIndex.search` fuses the vector ranking (a Chroma query, embedded or on the
server: the one copy of the vectors) and the BM25 ranking by reciprocal rank.

Vectors and cost. MiniLM costs about as much per token as pypdf costs per character of text
extracted several times over, so embedding every passage of a book would dominate the build.
Two ways to embed, chosen by the size of the course (:func:`choose_embedding`):

- ``text`` (small courses): the chunk's heading plus its first :data:`EMBED_CHARS` characters;
- ``keys`` (books): each distinct section heading is embedded once and is the vector of every
  chunk under it (a chunk without a heading uses its first :data:`KEY_CHARS` characters).
  The vector side then finds the right *section* by meaning; BM25, which covers every word,
  picks the passage within it. (Embedding the emphasised terms too doubled the cost for
  little gain; measured on thinkpython2.pdf: 717 keys against 256 headings.)
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

from tutor.course import Chunk
from tutor.errors import CourseError
from tutor.home import atomic_write_text
from tutor.index import vector_store
from tutor.index.vector_store import EMBEDDED, EMBEDDED_COLLECTION, SERVER
from tutor.sentences import is_prose_line
from tutor.text import STOPWORDS, holds_symbol, stem, symbol_phrase

PASSAGES_FILE = "passages.jsonl"
MANIFEST_FILE = "passages-index.json"
BM25_DIR = "bm25"
OLD_VECTORS_FILE = "vectors.npy"
"""A numpy copy of the vectors that earlier builds wrote; deleted by a new build."""
COLLECTION = EMBEDDED_COLLECTION
EMBED_CHARS = 400
"""Characters of each chunk (after its heading) that go into its vector."""
EMBED_BATCH = 64
"""Texts embedded per call (progress is reported after each)."""
KEY_CHARS = 120
TEXT_MODE_CHARS = 20_000
"""Courses whose embedding texts add up to at most this many characters embed passage text."""
RRF_K = 60
"""Reciprocal rank fusion constant: score = sum of 1 / (RRF_K + rank)."""
FORMAT = 1

_TOKEN = re.compile(r"[a-z0-9_]+")
WORDS = "snowball-english-1"
"""How :func:`tokenize` makes words (the toolkit's stopwords and stemmer); an index built with
other words gets its BM25 part rebuilt from its passages when opened."""


class ScoredPassage(BaseModel):
    """A search hit: the chunk and its fused score (higher is better)."""

    chunk: Chunk
    score: float


def tokenize(text: str) -> list[str]:
    """Words for BM25: lower case (identifiers with underscores kept whole), stopwords out,
    stemmed by the toolkit."""
    return [stem(w) for w in _TOKEN.findall(text.lower()) if w not in STOPWORDS and len(w) >= 2]


def notation_ranking(chunks: Sequence[Chunk], query: str) -> list[int]:
    """Positions in ``chunks`` of those that write the notation ``query`` is
    (:func:`tutor.text.symbol_phrase`), best first: most lines of prose that write it
    (:func:`tutor.sentences.is_prose_line`: a line that says what it does, before code that
    uses it), then most lines that write it, then the order given; ``[]`` for a query of
    words. The one ranking of notation, for the passage index and for a course without one."""
    symbol = symbol_phrase(query)
    if not symbol:
        return []
    uses = []
    for position, chunk in enumerate(chunks):
        lines = [line for line in chunk.text.splitlines() if holds_symbol(line, symbol)]
        if lines:
            prose = sum(is_prose_line(line) for line in lines)
            uses.append((-prose, -len(lines), position))
    return [position for *_, position in sorted(uses)]


def embedding_text(chunk: Chunk, chars: int = EMBED_CHARS) -> str:
    head = f"{chunk.heading}: " if chunk.heading else ""
    return head + chunk.text[:chars]


def choose_embedding(chunks: Sequence[Chunk]) -> str:
    """``"text"`` for small courses, ``"keys"`` for large ones (see the module notes)."""
    total = sum(len(embedding_text(c)) for c in chunks)
    return "text" if total <= TEXT_MODE_CHARS else "keys"


def _embed_all(
    texts: list[str], progress: Callable[[int, int], None] | None, total: int
) -> np.ndarray:
    """Vectors of ``texts``; progress is reported on the scale of ``total`` chunks."""
    from tutor.index.embeddings import DIMENSIONS, embed

    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    for start in range(0, len(texts), EMBED_BATCH):
        out[start : start + EMBED_BATCH] = embed(texts[start : start + EMBED_BATCH])
        if progress:
            progress(total * min(start + EMBED_BATCH, len(texts)) // len(texts), total)
    return out


def embed_chunks(
    chunks: Sequence[Chunk], mode: str, progress: Callable[[int, int], None] | None = None
) -> np.ndarray:
    """One unit vector per chunk, by ``mode`` ``"text"`` or ``"keys"``."""
    if mode == "text":
        texts = [embedding_text(c) for c in chunks]
        return _embed_all(texts, progress, len(texts))
    keys = [chunk.heading or chunk.text[:KEY_CHARS] for chunk in chunks]
    distinct = list(dict.fromkeys(keys))
    key_vectors = _embed_all(distinct, progress, len(chunks))
    row_of = {key: row for row, key in enumerate(distinct)}
    out = key_vectors[[row_of[key] for key in keys]] if keys else key_vectors
    return out


class PassageIndex:
    """Hybrid (vector + BM25) search over a course's passages. Build it, or open a built one."""

    def __init__(
        self, folder: Path, chunks: list[Chunk], vectors: dict[str, str], bm25: Any,
        chroma_url: str = "",
    ) -> None:
        self.folder = folder
        self.chunks = chunks
        """All passages, in reading order."""
        self.vectors = vectors
        """Where the vectors are: ``{"store": "embedded"|"server", "collection": name}``."""
        self._chroma_url = chroma_url
        self._collection: Any = None
        self._opening = threading.Lock()
        self._bm25 = bm25
        self._by_id = {chunk.id: chunk for chunk in chunks}
        self._position = {chunk.id: i for i, chunk in enumerate(chunks)}
        self.stats: dict[str, float] = {}
        """Timings of the build (seconds, chunks per second) when this index was built here."""

    # -- building ---------------------------------------------------------------------------
    @classmethod
    def build(
        cls,
        chunks: Sequence[Chunk],
        folder: Path,
        progress: Callable[[int, int], None] | None = None,
        mode: str | None = None,
        chroma_url: str = "",
        sources: dict[str, list[Any]] | None = None,
    ) -> PassageIndex:
        """Index ``chunks`` into ``folder``, replacing any index already there.

        ``mode`` is ``"text"`` or ``"keys"`` (see the module notes); default: by course size.
        ``chroma_url``: the Chroma server for the vectors; empty = the embedded store.
        ``sources``: the :func:`source_fingerprint` of the files the chunks were read from,
        recorded in the manifest (what tells a lesson the index is stale).
        """
        from tutor.index.embeddings import default_embedder

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        chunks = sorted(chunks, key=lambda c: c.order)
        ids = [chunk.id for chunk in chunks]
        if len(set(ids)) != len(ids):
            raise ValueError("chunk ids must be unique")
        previous = _read_manifest(folder).get("vectors", {})
        (folder / MANIFEST_FILE).unlink(missing_ok=True)  # an interrupted build stays invalid
        started = time.perf_counter()
        mode = mode or choose_embedding(chunks)
        total = len(chunks)
        if progress:
            progress(0, total)
        vectors = embed_chunks(chunks, mode, progress)
        if progress:
            progress(total, total)
        embed_seconds = time.perf_counter() - started
        embedder = default_embedder()

        store_started = time.perf_counter()
        if chroma_url:
            client = vector_store.server_client(chroma_url)
            vectors_at = {"store": SERVER, "collection": vector_store.server_collection_name(folder)}
        else:
            client = vector_store.embedded_client(folder)
            vectors_at = {"store": EMBEDDED, "collection": COLLECTION}
        vector_store.write_collection(
            client, vectors_at["collection"], [c.id for c in chunks], vectors,
            [{"source": c.source, "page": c.page, "order": c.order} for c in chunks])
        bm25 = _build_bm25(chunks, folder)
        (folder / OLD_VECTORS_FILE).unlink(missing_ok=True)
        lines = "".join(chunk.model_dump_json() + "\n" for chunk in chunks)
        atomic_write_text(folder / PASSAGES_FILE, lines)
        manifest = {
            "format": FORMAT,
            "words": WORDS,
            "chunks": total,
            "embedder": embedder.model_id,
            "embedding": mode,
            "vectors": vectors_at,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            **({"sources": sources} if sources is not None else {}),
        }
        atomic_write_text(folder / MANIFEST_FILE, json.dumps(manifest, indent=2))
        if (previous.get("store") == SERVER and chroma_url
                and previous.get("collection") != vectors_at["collection"]):
            vector_store.drop_collection(client, str(previous["collection"]))
        index = cls(folder, chunks, vectors_at, bm25, chroma_url)
        index.stats = {
            "embed_seconds": embed_seconds,
            "chunks_per_second": total / embed_seconds if embed_seconds > 0 else 0.0,
            "store_seconds": time.perf_counter() - store_started,
            "seconds": time.perf_counter() - started,
        }
        return index

    # -- opening ----------------------------------------------------------------------------
    @classmethod
    def open(cls, folder: Path, chroma_url: str = "") -> PassageIndex:
        """The index built in ``folder``; :class:`CourseError` when there is none or it is
        incomplete, or when its vectors are on a Chroma server and ``chroma_url`` is empty."""
        folder = Path(folder)
        manifest_path = folder / MANIFEST_FILE
        rebuild = "rebuild the course with `tutor course build`"
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            lines = (folder / PASSAGES_FILE).read_text(encoding="utf-8").splitlines()
            chunks = [Chunk.model_validate_json(line) for line in lines if line.strip()]
        except FileNotFoundError as exc:
            raise CourseError(f"{folder}: no passage index here; {rebuild}") from exc
        except ValueError as exc:
            raise CourseError(f"{folder}: the passage index is damaged; {rebuild}") from exc
        if manifest.get("format") != FORMAT or manifest.get("chunks") != len(chunks):
            raise CourseError(f"{folder}: the passage index is incomplete; {rebuild}")
        vectors = manifest.get("vectors") or {"store": EMBEDDED, "collection": COLLECTION}
        if vectors.get("store") == SERVER and not chroma_url:
            raise CourseError(f"{folder}: the passage vectors are on a Chroma server; set "
                              "TUTOR_CHROMA_URL, or rebuild the course without it")
        try:
            if manifest.get("words") != WORDS:
                bm25 = _index_bm25(chunks)  # built with other words: rebuilt, in memory
            else:
                bm25 = _load_bm25(folder) if chunks else None
        except Exception as exc:
            raise CourseError(f"{folder}: the passage index cannot be opened ({exc}); "
                              f"{rebuild}") from exc
        return cls(folder, chunks, vectors, bm25, chroma_url)

    # -- reading ----------------------------------------------------------------------------
    def by_id(self, chunk_id: str) -> Chunk:
        """The chunk with this id (:class:`KeyError` if there is none)."""
        return self._by_id[chunk_id]

    def vector_ranking(self, query: str, n: int) -> list[str]:
        """Chunk ids nearest to the query's meaning, best first."""
        from tutor.index.embeddings import embed

        if not self.chunks or not query.strip():
            return []
        query_vector = embed([query])[0]
        return vector_store.nearest(self._vector_collection(), query_vector,
                                    min(n, len(self.chunks)))

    def _vector_collection(self) -> Any:
        with self._opening:
            return self._open_collection()

    def _open_collection(self) -> Any:
        if self._collection is None:
            if self.vectors.get("store") == SERVER:
                client = vector_store.server_client(self._chroma_url)
            else:
                client = vector_store.embedded_client(self.folder)
            self._collection = client.get_collection(self.vectors["collection"],
                                                     embedding_function=None)
        return self._collection

    def word_ranking(self, query: str, n: int) -> list[str]:
        """Chunk ids ranked by BM25 on the query's words, best first (matches only)."""
        tokens = [t for t in tokenize(query) if self._bm25 and t in self._bm25.vocab_dict]
        if not tokens:
            return []
        docs, scores = self._bm25.retrieve(
            [tokens], k=min(n, len(self.chunks)), show_progress=False
        )
        return [self.chunks[int(d)].id for d, s in zip(docs[0], scores[0], strict=True) if s > 0]

    def search(self, query: str, k: int = 5) -> list[ScoredPassage]:
        """The ``k`` passages that best answer ``query`` (vector and BM25 rankings fused); a
        query that is notation (``:=``, ``#'``: :func:`tutor.text.symbol_phrase`) has no words
        to rank by, so the passages that write it come first."""
        depth = max(4 * k, 20)
        rankings = [self.vector_ranking(query, depth), self.word_ranking(query, depth)]
        written = self.symbol_ranking(query)
        if written:
            return self._fuse([written, *rankings], k, weights=(3.0, 1.0, 1.0))
        return self._fuse(rankings, k)

    def symbol_ranking(self, query: str) -> list[str]:
        """Chunk ids that write the notation ``query`` is, best first
        (:func:`notation_ranking`); ``[]`` for a query of words."""
        return [self.chunks[i].id for i in notation_ranking(self.chunks, query)]

    def passages_for(self, terms: Sequence[str], k: int = 5) -> list[Chunk]:
        """Passages that teach a concept named by ``terms`` (its name and aliases), best first:
        passages that emphasise or head with a term rank first, then those that use it, then
        the hybrid search's best matches; ties go to the earlier passage."""
        terms = [t.strip() for t in terms if t and t.strip()]
        if not terms:
            return []
        patterns = [re.compile(rf"(?<!\w){re.escape(t)}(?!\w)", re.I) for t in terms]
        folded = {t.lower() for t in terms}
        exact: list[tuple[float, int, str]] = []
        for position, chunk in enumerate(self.chunks):
            uses = sum(len(p.findall(chunk.text)) for p in patterns)
            if not uses:
                continue
            score = min(uses, 3) + 2 * any(p.search(chunk.heading) for p in patterns)
            score += 3 * any(e.lower() in folded for e in chunk.emphasized)
            exact.append((-score, position, chunk.id))
        exact.sort()
        query = " ".join(terms)
        depth = max(4 * k, 20)
        searched = [hit.chunk.id for hit in self.search(query, depth)]
        fused = self._fuse([[cid for _, _, cid in exact], searched], k, weights=(2.0, 1.0))
        return [hit.chunk for hit in fused]

    def _fuse(
        self, rankings: list[list[str]], k: int, weights: Sequence[float] | None = None
    ) -> list[ScoredPassage]:
        scores: dict[str, float] = {}
        for i, ranking in enumerate(rankings):
            weight = weights[i] if weights else 1.0
            for rank, chunk_id in enumerate(ranking):
                scores[chunk_id] = scores.get(chunk_id, 0.0) + weight / (RRF_K + rank + 1)
        best = sorted(scores, key=lambda cid: (-scores[cid], self._position.get(cid, 0)))
        return [
            ScoredPassage(chunk=self._by_id[cid], score=scores[cid])
            for cid in best[:k]
            if cid in self._by_id
        ]


def source_fingerprint(paths: Sequence[Path]) -> dict[str, list[Any]]:
    """Per source file name, ``[size, BLAKE2b of its bytes]``: what an index was built from.
    A source changed back to an older modification time still differs here."""
    found: dict[str, list[Any]] = {}
    for path in paths:
        try:
            with path.open("rb") as data:
                digest = hashlib.file_digest(data, "blake2b").hexdigest()[:32]
            found[path.name] = [path.stat().st_size, digest]
        except OSError:
            continue
    return dict(sorted(found.items()))


def _read_manifest(folder: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def _build_bm25(chunks: Sequence[Chunk], folder: Path) -> Any:
    target = folder / BM25_DIR
    shutil.rmtree(target, ignore_errors=True)
    retriever = _index_bm25(chunks)
    if retriever is not None:
        retriever.save(str(target), show_progress=False)
    return retriever


def _index_bm25(chunks: Sequence[Chunk]) -> Any:
    """A BM25 index of the passages' words (``None`` for no passages)."""
    import bm25s

    if not chunks:
        return None
    retriever = bm25s.BM25()
    retriever.index([tokenize(f"{c.heading} {c.text}") for c in chunks], show_progress=False)
    return retriever


def _load_bm25(folder: Path) -> Any:
    import bm25s

    return bm25s.BM25.load(str(folder / BM25_DIR), show_progress=False)
