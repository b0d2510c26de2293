"""Ingestion and passage-index speed against plain pypdf text extraction, in the same run.

For each evaluation PDF: plain ``PdfReader.pages[i].extract_text()`` on every page versus
``tutor.ingest.read_source`` (text, headings, emphasis, clean-up), measured alternately
(``ROUNDS`` times, best of each kept); then chunking, embedding (chunks per second) and the
whole ``PassageIndex.build``. Ratios matter more than seconds on a shared machine.

    .venv/bin/python bench/ingest_speed.py [ROUNDS]   # prints JSON, writes bench/results/
"""

from __future__ import annotations

import json
import logging
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

PDFS = REPO.parent / "shared" / "eval" / "pdfs"
BOOKS = ["thinkpython2.pdf", "thinkstats2.pdf", "forallx.pdf"]
RESULTS = REPO / "bench" / "results" / "ingest_speed.json"


def plain_seconds(pdf: Path) -> float:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    start = time.perf_counter()
    for page in PdfReader(pdf).pages:
        page.extract_text()
    return time.perf_counter() - start


def measure(pdf: Path, rounds: int) -> dict[str, object]:
    from tutor.index.passages import PassageIndex
    from tutor.ingest import chunk_pages, read_source

    plain, ours = [], []
    text = None
    for _ in range(rounds):
        plain.append(plain_seconds(pdf))
        start = time.perf_counter()
        text = read_source(pdf)
        ours.append(time.perf_counter() - start)
    assert text is not None
    start = time.perf_counter()
    chunks = chunk_pages(text.pages)
    chunk_seconds = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        index = PassageIndex.build(chunks, Path(folder))
        build_seconds = time.perf_counter() - start
        stats = index.stats
    best_plain = min(plain)
    return {
        "pages": len(text.pages),
        "plain_pypdf_s": [round(s, 2) for s in plain],
        "read_source_s": [round(s, 2) for s in ours],
        "read_over_plain": round(min(ours) / best_plain, 2),
        "chunks": len(chunks),
        "chunking_s": round(chunk_seconds, 2),
        "headings": sum(len(p.headings) for p in text.pages),
        "emphasized_terms": sum(len(p.emphasized) for p in text.pages),
        "embed_s": round(stats["embed_seconds"], 2),
        "embed_chunks_per_s": round(stats["chunks_per_second"], 1),
        "chroma_bm25_store_s": round(stats["store_seconds"], 2),
        "index_build_s": round(build_seconds, 2),
        "index_over_plain": round(build_seconds / best_plain, 2),
        "ingest_and_index_over_plain": round((min(ours) + chunk_seconds + build_seconds)
                                             / best_plain, 2),
    }


def main() -> None:
    from tutor.index.embeddings import default_embedder

    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    default_embedder().embed(["load the model before timing"])
    results: dict[str, object] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}",
        "rounds": rounds,
    }
    for name in BOOKS:
        pdf = PDFS / name
        if not pdf.exists():
            results[name] = "missing (../shared/eval/pdfs not beside the repo)"
            continue
        results[name] = measure(pdf, rounds)
        print(name, json.dumps(results[name]), file=sys.stderr, flush=True)
    results["load_after"] = round(os.getloadavg()[0], 1)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
