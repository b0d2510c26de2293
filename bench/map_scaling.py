"""Scaling of the concept map: concepts and linking time as a book grows.

Books of 250, 500 and 1,000 pages are made by concatenating the passages of the shared books
(thinkpython2, thinkstats2, forallx: 640 pages in all; past that the pages repeat, so the
1,000-page book holds no new concepts and its concept count should level off). Each book is
understood as the study graph does it (extract, merge, link); the table gives the concepts,
and the seconds per page of extraction and of linking, with their ratio to the smallest book
measured in the same run. Target: concepts grow with new material (no ceiling) and linking
time per page stays flat (near-linear cost).

Run: ``.venv/bin/python bench/map_scaling.py [--sizes 250,500,1000]`` (prints JSON, writes
``bench/results/map_scaling.json``). Passages are read once per book and cached (see
``bench/concept_map.py``); timings on a shared machine are noisy, so read the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from concept_map import BOOKS, EVAL, cached_chunks  # noqa: E402

from tutor.course import Chunk  # noqa: E402

RESULTS = REPO / "bench" / "results" / "map_scaling.json"


def book_of(pages: int) -> list[Chunk]:
    """The first ``pages`` pages of the shared books read one after the other (repeating),
    renumbered as one course."""
    by_book = [cached_chunks(EVAL / "pdfs" / f"{b}.pdf") for b in BOOKS]
    out: list[Chunk] = []
    page = 0
    copy = 0
    while page < pages:
        for chunks in by_book:
            for number in sorted({c.page for c in chunks}):
                if page >= pages:
                    break
                page += 1
                for chunk in (c for c in chunks if c.page == number):
                    out.append(chunk.model_copy(update={
                        "id": f"book.pdf#{copy}-{chunk.id}", "source": "book.pdf",
                        "page": page, "order": len(out)}))
        copy += 1
    return out


def measure(pages: int) -> dict[str, Any]:
    from tutor.engine.offline.engine import OfflineEngine

    engine = OfflineEngine()
    chunks = book_of(pages)
    start = time.process_time()
    drafts = engine.extract_concepts(chunks)
    extracted = time.process_time()
    concepts = [c for c in engine.merge_concepts(drafts) if c.citations]
    merged = time.process_time()
    edges = engine.link_prerequisites(concepts, chunks)
    linked = time.process_time()
    return {"pages": pages, "passages": len(chunks), "concepts": len(concepts),
            "edges": len(edges), "extract_cpu_per_page": (extracted - start) / pages,
            "merge_cpu_per_page": (merged - extracted) / pages,
            "link_cpu_per_page": (linked - merged) / pages}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="250,500,1000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    rows = [measure(size) for size in sizes]
    base = rows[0]
    for row in rows:
        for stage in ("extract", "merge", "link"):
            key = f"{stage}_cpu_per_page"
            row[f"{stage}_per_page_vs_smallest"] = round(row[key] / max(1e-9, base[key]), 2)
            row[key] = round(row[key], 4)
    out = {"load_average": [round(x, 2) for x in os.getloadavg()], "rows": rows}
    text = json.dumps(out, indent=2)
    print(text)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
