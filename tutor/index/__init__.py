"""The passage index: offline embeddings, a Chroma store and BM25, searched together."""
