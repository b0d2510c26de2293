"""Benchmark: offline concept extraction, merging and prerequisite linking on real books.

Think Python 2e: recall and precision of the extracted concepts against the book's own
end-of-chapter glossaries (whose sections are removed from the input first, so the pipeline
cannot read them), and whether prerequisite edges between glossary terms point forward in
the book. Think Stats 2e and forall x: concept and edge counts, to check that nothing is tuned
to one book. Stage times are measured in the same run; the pypdf reading time is given as the
reference the whole build is held to.

Run: ``.venv/bin/python bench/concepts.py``; prints JSON and writes
``bench/results/concepts.json``.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval"
sys.path.insert(0, str(REPO))

from tutor.course import Chunk, Concept, Prerequisite  # noqa: E402
from tutor.engine.offline.concepts.extract import extract_concepts  # noqa: E402
from tutor.engine.offline.concepts.merge import merge_concepts  # noqa: E402
from tutor.engine.offline.prerequisites.link import link_prerequisites  # noqa: E402
from tutor.engine.offline.terms import term_key  # noqa: E402
from tutor.ingest import chunk_pages, read_source  # noqa: E402

BOOKS = ["thinkpython2", "thinkstats2", "forallx"]
_GLOSSARY_HEADING = re.compile(r"^(?:\d+|[A-Z])\.\d+\s+Glossary\s*$")
_NEXT_SECTION = re.compile(r"^(?:(?:\d+|[A-Z])\.\d+\s+[A-Z][^\d]*|Chapter\s+\d+.*)$")


def without_glossaries(chunks: list[Chunk]) -> tuple[list[Chunk], int]:
    """The chunks with every "Glossary" section cut out (by heading when ingestion gives one,
    else by the numbered section lines in the text). Returns the chunks and lines removed."""
    kept: list[Chunk] = []
    removed = 0
    inside = False
    for chunk in chunks:
        if chunk.heading:
            inside = "glossary" in chunk.heading.lower()
            if inside:
                removed += chunk.text.count("\n") + 1
                continue
        lines = []
        for line in chunk.text.split("\n"):
            stripped = line.strip()
            if _GLOSSARY_HEADING.match(stripped):
                inside = True
            elif inside and _NEXT_SECTION.match(stripped):
                inside = False
            if inside:
                removed += 1
            else:
                lines.append(line)
        text = "\n".join(lines).strip()
        if text:
            kept.append(chunk.model_copy(update={"text": text}))
    return kept, removed


def glossary() -> dict[str, int]:
    """Glossary term key -> the first chapter whose glossary lists it (appendix B = 20)."""
    terms: dict[str, int] = {}
    path = EVAL / "concepts" / "thinkpython2_glossary.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        chapter = 20 if row["chapter"] == "B" else int(row["chapter"])
        key = term_key(row["term"])
        terms[key] = min(chapter, terms.get(key, 99))
    return terms


def concept_terms(concept: Concept, terms: dict[str, int]) -> set[str]:
    keys = {term_key(concept.name)} | {term_key(a) for a in concept.aliases}
    return keys & terms.keys()


def score_glossary(concepts: list[Concept], edges: list[Prerequisite]) -> dict[str, object]:
    terms = glossary()
    matched: dict[str, set[str]] = {c.id: concept_terms(c, terms) for c in concepts}
    found = set().union(*matched.values()) if matched else set()
    chapter = {cid: min(terms[k] for k in ks) for cid, ks in matched.items() if ks}
    judged = [e for e in edges if e.prerequisite in chapter and e.concept in chapter]
    forward = [e for e in judged if chapter[e.prerequisite] <= chapter[e.concept]]
    return {
        "glossary_terms": len(terms),
        "recall": round(len(found) / len(terms), 3),
        "precision": round(sum(1 for ks in matched.values() if ks) / max(1, len(concepts)), 3),
        "missed_terms": sorted(set(terms) - found),
        "edges_between_glossary_terms": len(judged),
        "edge_direction_accuracy": round(len(forward) / max(1, len(judged)), 3),
        "backward_edges": [f"{e.prerequisite} -> {e.concept}" for e in judged if e not in forward],
    }


def _plain_pypdf_seconds(pdf: Path) -> float:
    """Time to extract the text of every page with plain pypdf: the reference the course
    build is held to."""
    from pypdf import PdfReader

    start = time.perf_counter()
    for page in PdfReader(pdf).pages:
        page.extract_text()
    return time.perf_counter() - start


def run_book(name: str) -> dict[str, object]:
    pdf = EVAL / "pdfs" / f"{name}.pdf"
    times: dict[str, float] = {}
    cpu_times: dict[str, float] = {}
    start = time.perf_counter()
    source = read_source(pdf)
    times["read_source"] = time.perf_counter() - start
    start = time.perf_counter()
    chunks = chunk_pages(source.pages)
    times["chunk"] = time.perf_counter() - start
    result: dict[str, object] = {"pages": len(source.pages), "chunks": len(chunks)}
    if name == "thinkpython2":
        times["pypdf_plain"] = _plain_pypdf_seconds(pdf)
        chunks, removed = without_glossaries(chunks)
        result["glossary_lines_removed"] = removed
    start, cpu = time.perf_counter(), time.process_time()
    drafts = extract_concepts(chunks)
    times["extract"] = time.perf_counter() - start
    cpu_times["extract"] = time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    concepts = merge_concepts(drafts)
    times["merge"] = time.perf_counter() - start
    cpu_times["merge"] = time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    edges = link_prerequisites(concepts, chunks)
    times["link"] = time.perf_counter() - start
    cpu_times["link"] = time.process_time() - cpu
    times["understand_total"] = times["extract"] + times["merge"] + times["link"]
    if "pypdf_plain" in times:
        result["understand_vs_pypdf_ratio"] = round(
            times["understand_total"] / times["pypdf_plain"], 3
        )
    course_like = {c.id: c.first_order for c in concepts}
    assert all(course_like[e.prerequisite] <= course_like[e.concept] for e in edges)
    result.update(
        drafts=len(drafts),
        concepts=len(concepts),
        edges=len(edges),
        max_in_degree=max(
            (sum(1 for e in edges if e.concept == c.id) for c in concepts), default=0
        ),
        with_definition=sum(1 for c in concepts if c.definition),
        seconds={k: round(v, 3) for k, v in times.items()},
        cpu_seconds={k: round(v, 3) for k, v in cpu_times.items()},
        sample_concepts=[c.name for c in concepts[:40]],
        sample_edges=[f"{e.prerequisite} -> {e.concept} ({e.weight})" for e in edges[:15]],
    )
    if name == "thinkpython2":
        result["glossary"] = score_glossary(concepts, edges)
    return result


def main() -> None:
    books = [b for b in (sys.argv[1:] or BOOKS) if (EVAL / "pdfs" / f"{b}.pdf").exists()]
    if not books:
        print(json.dumps({"skipped": f"no evaluation PDFs under {EVAL}"}))
        return
    results: dict[str, object] = {
        "conditions": f"2 shared cores, load average {os.getloadavg()[0]:.1f} at start; wall "
        "and CPU seconds measured in the same run",
    }
    for book in books:
        results[book] = run_book(book)
    out = REPO / "bench" / "results" / "concepts.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
