"""What one build of a course leaves for the next build of it.

Some of a build's work gives the same answer for the same input every time: reading a PDF
(with the same reader code), embedding a short text (a concept's gist, a name) and replaying
one of the book's interactive sessions in the sandbox. A build keeps those answers in the
course's ``.build/`` folder, by content, and the next build of the course finds them there
(:mod:`tutor.shelf`): a rebuild of the same book reads, embeds and replays only what changed.
Only what a build asked for is kept, so the files do not grow from build to build.

- ``carried_pages.json``: the reader's version (a hash of the package's code, the PDF
  libraries and the interpreter) and, by the hash of each PDF's bytes, the pages read;
- ``carried_vectors.json``: the embedding model, the content keys (model and text, hashed)
  and the vectors (float32, base64);
- ``carried_replays.json``: the sandbox's version (its worker, the interpreter, the limits)
  and each session's statements with what the prompt showed after each.

Each file is best effort: one that is missing, unreadable or made by another reader, model
or sandbox is ignored, and a build that fails leaves the files as they were. A fresh build
(a new course folder) does all the work, as before.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from tutor.home import BUILD_DIR, atomic_write_text
from tutor.shelf import Shelf, shelved

PAGES_FILE = "carried_pages.json"
VECTORS_FILE = "carried_vectors.json"
REPLAYS_FILE = "carried_replays.json"


@contextmanager
def carried_over(folder: Path) -> Iterator[None]:
    """Within this block the build's reading, embeddings and replays use what the course's
    previous build kept; when the block ends without an error, what this build used is
    kept."""
    from tutor.engine.offline.code_output import code_sandbox
    from tutor.index import embeddings
    from tutor.ingest import sources

    build = Path(folder) / BUILD_DIR
    pages = Shelf(_read_pages(build / PAGES_FILE))
    vectors = Shelf(_read_vectors(build / VECTORS_FILE))
    replays = Shelf(_read_replays(build / REPLAYS_FILE))
    with ExitStack() as stack:
        stack.enter_context(shelved(sources.PAGES_SHELF, pages))
        stack.enter_context(shelved(embeddings.SHELF, vectors))
        stack.enter_context(shelved(code_sandbox.SHELF, replays))
        yield
    _keep(build / PAGES_FILE, pages, _pages_text)
    _keep(build / VECTORS_FILE, vectors, _vectors_text)
    _keep(build / REPLAYS_FILE, replays, _replays_text)


def _keep(path: Path, shelf: Shelf[Any, Any], text: Callable[[dict[Any, Any]], str]) -> None:
    """Write what the build used (nothing when there was nothing either time)."""
    if shelf.kept or shelf.stored:
        try:
            atomic_write_text(path, text(shelf.kept))
        except OSError:
            return


def _load(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _read_pages(path: Path) -> dict[str, Any]:
    from tutor.ingest.sources import reader_version

    data = _load(path)
    if data is None or data.get("reader") != reader_version():
        return {}
    stored: dict[str, Any] = {}
    for key, entry in (data.get("pdfs") or {}).items():
        try:
            raw, skipped = entry
            pages = [(int(n), str(t), [str(h) for h in hs], [str(e) for e in es])
                     for n, t, hs, es in raw]
            stored[str(key)] = (pages, [int(n) for n in skipped])
        except (TypeError, ValueError):
            continue
    return stored


def _pages_text(kept: dict[str, Any]) -> str:
    from tutor.ingest.sources import reader_version

    return json.dumps({"reader": reader_version(),
                       "pdfs": {key: [raw, skipped] for key, (raw, skipped) in kept.items()}})


def _read_vectors(path: Path) -> dict[str, np.ndarray]:
    from tutor.index.embeddings import DIMENSIONS, Embedder

    data = _load(path)
    if data is None or data.get("model") != Embedder.model_id:
        return {}
    try:
        keys = [str(k) for k in data["keys"]]
        raw = base64.b64decode(data["vectors"], validate=True)
        matrix = np.frombuffer(raw, dtype="<f4").reshape(len(keys), DIMENSIONS)
    except (KeyError, TypeError, ValueError):
        return {}
    return {key: matrix[row].astype(np.float32) for row, key in enumerate(keys)}


def _vectors_text(kept: dict[str, np.ndarray]) -> str:
    from tutor.index.embeddings import DIMENSIONS, Embedder

    keys = sorted(kept)
    matrix = np.asarray([kept[k] for k in keys], dtype="<f4").reshape(len(keys), DIMENSIONS)
    return json.dumps({"model": Embedder.model_id, "keys": keys,
                       "vectors": base64.b64encode(matrix.tobytes()).decode("ascii")})


def _read_replays(path: Path) -> dict[tuple[str, ...], list[str]]:
    from tutor.engine.offline.code_output.code_sandbox import sandbox_version

    data = _load(path)
    if data is None or data.get("sandbox") != sandbox_version():
        return {}
    stored: dict[tuple[str, ...], list[str]] = {}
    for entry in data.get("sessions") or []:
        if not (isinstance(entry, list) and len(entry) == 2):
            continue
        statements, shown = entry
        if (isinstance(statements, list) and isinstance(shown, list)
                and len(shown) == len(statements)
                and all(isinstance(s, str) for s in [*statements, *shown])):
            stored[tuple(statements)] = list(shown)
    return stored


def _replays_text(kept: dict[tuple[str, ...], list[str]]) -> str:
    from tutor.engine.offline.code_output.code_sandbox import sandbox_version

    sessions = [[list(key), kept[key]] for key in sorted(kept)]
    return json.dumps({"sandbox": sandbox_version(), "sessions": sessions})
