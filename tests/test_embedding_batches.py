"""Embedding texts in batches of like token counts must give each text the vector it gets
alone, in the order the texts were asked for (the order only saves padding)."""

from __future__ import annotations

import numpy as np

from tutor.index.embeddings import Embedder


def test_a_text_gets_the_vector_it_gets_alone_whatever_its_batch() -> None:
    texts = [
        "a dictionary maps keys to values, and each key appears once, with its value beside it",
        "",
        "tuple: an immutable sequence",
        "x",
        "a list is a sequence of values",
    ]
    embedder = Embedder(batch_size=2)
    together = embedder.embed(texts)
    assert together.shape == (len(texts), 384)
    for row, text in enumerate(texts):
        assert np.array_equal(embedder.embed([text])[0], together[row]), text
