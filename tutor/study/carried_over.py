"""What one build of a course leaves for the next build of it.

Two kinds of work give the same answer for the same input every time: embedding a short text
(a concept's gist, a name) and replaying one of the book's interactive sessions in the
sandbox. A build keeps both in the course's ``.build/`` folder, by content (a hash of the model
and the text; the session's statements with the sandbox that replayed them), and the next
build of the course finds them there: a rebuild of the same book embeds and replays only what
changed. Only what a build asked for is kept, so the files do not grow from build to build.

- ``carried_vectors.json``: the embedding model, the content keys and the vectors (float32,
  base64);
- ``carried_replays.json``: the sandbox's version (its worker, the interpreter, the limits)
  and each session's statements with what the prompt showed after each.

Either file is best effort: one that is missing, unreadable or made by another model or
sandbox is ignored, and a build that fails leaves the files as they were. A fresh build
(a new course folder) does all the work, as before.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from tutor.home import BUILD_DIR, atomic_write_text

VECTORS_FILE = "carried_vectors.json"
REPLAYS_FILE = "carried_replays.json"


@contextmanager
def carried_over(folder: Path) -> Iterator[None]:
    """Within this block the build's embeddings and replays use what the course's previous
    build kept; when the block ends without an error, what this build used is kept."""
    from tutor.engine.offline import code_sandbox
    from tutor.index import embeddings

    build = Path(folder) / BUILD_DIR
    vectors = embeddings.Shelf(_read_vectors(build / VECTORS_FILE))
    replays = code_sandbox.Shelf(_read_replays(build / REPLAYS_FILE))
    with embeddings.shelved(vectors), code_sandbox.shelved(replays):
        yield
    try:
        if vectors.kept or vectors.stored:
            atomic_write_text(build / VECTORS_FILE, _vectors_text(vectors.kept))
        if replays.kept or replays.stored:
            atomic_write_text(build / REPLAYS_FILE, _replays_text(replays.kept))
    except OSError:
        return


def _load(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


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
    from tutor.engine.offline.code_sandbox import sandbox_version

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
    from tutor.engine.offline.code_sandbox import sandbox_version

    sessions = [[list(key), kept[key]] for key in sorted(kept)]
    return json.dumps({"sandbox": sandbox_version(), "sessions": sessions})
