"""Where a course's passage vectors live: one Chroma collection, embedded or on a server.

Without ``TUTOR_CHROMA_URL`` the collection ``passages`` is in the course's own embedded store
(``courses/<slug>/.build/chroma``, a ``PersistentClient``). With it, the collection is on that
Chroma server (``chromadb.HttpClient``), named ``passages-<slug>-<build id>``, so app replicas on
several machines search the same vectors and a rebuild never disturbs a search of the previous
build: the new collection is filled first, the index manifest then names it, and only then is the
old one deleted. The manifest (:mod:`tutor.index.passages`) records which store and collection a
build used; searching reads it from there.

Only our own MiniLM vectors go in (no Chroma embedding function is ever created, so nothing is
downloaded). A server that cannot be reached is a one-line :class:`tutor.errors.StorageError`.
"""

from __future__ import annotations

import re
import threading
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from tutor.errors import StorageError
from tutor.safety.urls import redacted_url

CHROMA_DIR = "chroma"
EMBEDDED_COLLECTION = "passages"
EMBEDDED, SERVER = "embedded", "server"

_clients: dict[str, Any] = {}
_guard = threading.Lock()


def _settings() -> Any:
    from chromadb.config import Settings

    return Settings(anonymized_telemetry=False)


def embedded_client(folder: Path) -> Any:
    """The course's embedded Chroma store (``<folder>/chroma``): one client per store in a
    process (Chroma fails when many threads open the same store at once)."""
    import chromadb

    path = str(Path(folder).resolve() / CHROMA_DIR)
    with _guard:
        if not (Path(path) / "chroma.sqlite3").exists():
            _clients.pop(path, None)
            _forget_embedded_system(path)
        client = _clients.get(path)
        if client is None:
            client = chromadb.PersistentClient(path=path, settings=_settings())
            _clients[path] = client
        return client


def _forget_embedded_system(path: str) -> None:
    """Chroma keeps one open system per path for the life of the process; when the store's
    folder has been deleted since, that system points at a deleted database and every call
    fails. Drop it so that a new store can be made at the same path."""
    try:
        from chromadb.api.shared_system_client import SharedSystemClient

        system = SharedSystemClient._identifier_to_system.pop(path, None)
        SharedSystemClient._identifier_to_refcount.pop(path, None)
        if system is not None:
            system.stop()
    except Exception:  # a newer Chroma without this cache: nothing to forget
        return


def server_client(url: str) -> Any:
    """This process's client of the Chroma server at ``url`` (checked with a heartbeat)."""
    with _guard:
        client = _clients.get(url)
        if client is not None:
            return client
        import chromadb

        try:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError("not an http(s) URL")
            client = chromadb.HttpClient(
                host=parts.hostname, port=parts.port or (443 if parts.scheme == "https" else 80),
                ssl=parts.scheme == "https", settings=_settings())
            client.heartbeat()
        except Exception as exc:
            reason = " ".join(str(exc).split())[:120] or type(exc).__name__
            raise StorageError(
                f"cannot reach the Chroma server at {redacted_url(url)} ({reason}); check "
                "TUTOR_CHROMA_URL and that `chroma run` is serving there") from None
        _clients[url] = client
        return client


def server_collection_name(folder: Path) -> str:
    """A new collection name for a build of the course whose ``.build`` folder is ``folder``."""
    slug = re.sub(r"[^a-zA-Z0-9_-]+", "-", Path(folder).resolve().parent.name).strip("-_")
    return f"passages-{slug[:40] or 'course'}-{uuid.uuid4().hex[:12]}"


def write_collection(client: Any, name: str, ids: list[str], vectors: np.ndarray,
                     metadatas: list[dict[str, Any]]) -> None:
    """Create collection ``name`` (replacing one of that name) holding these vectors."""
    if any(c.name == name for c in client.list_collections()):
        client.delete_collection(name)
    collection = client.create_collection(
        name, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None)
    batch_size = max(1, min(5000, client.get_max_batch_size()))
    for start in range(0, len(ids), batch_size):
        end = start + batch_size
        collection.add(ids=ids[start:end],
                       embeddings=[vectors[i].tolist() for i in range(start, min(end, len(ids)))],
                       metadatas=metadatas[start:end])


def drop_collection(client: Any, name: str) -> None:
    """Delete collection ``name`` if it is there (an old build's vectors)."""
    try:
        client.delete_collection(name)
    except Exception:  # already gone (another replica rebuilt first): nothing to drop
        return


def nearest(collection: Any, vector: np.ndarray, n: int) -> list[str]:
    """Ids of the ``n`` vectors nearest to ``vector`` in ``collection``, best first."""
    result = collection.query(query_embeddings=[vector.tolist()], n_results=n, include=[])
    return list(result["ids"][0])
