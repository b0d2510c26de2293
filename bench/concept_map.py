"""Benchmark: the concept map of a real book against a teacher's map of it.

Each of thinkpython2, thinkstats2 and forall x is built with the offline engine and scored
against the teacher's map in ``../shared/eval/concepts/<book>_map.json`` (README section 2b):

- ``recall``: share of the map's concepts found (a course concept whose name or alias has the
  same term key as the map concept's name or one of its aliases);
- ``definition_page``: of the found concepts, share whose first citation is the map's
  definition page (+-1) or one of its alternative pages;
- ``pairs_forward`` / ``pairs_reversed``: share of the map's prerequisite pairs ``[A, B]``
  with a path A -> ... -> B (B -> ... -> A) in the course's prerequisite graph (pairs with a
  concept not found count as no path);
- ``max_dependent_share``: the largest number of concepts one concept is a direct
  prerequisite of, as a share of all concepts; ``mean_ancestor_share``: a concept's
  ancestors as a share of all concepts, averaged;
- ``matter_only``: concepts whose citations all fall in the front or back matter pages;
- ``size_ratio``: concepts / map concepts;
- ``build_vs_pypdf``: seconds of the whole offline build (``tutor.study.build_course``) over
  seconds of plain pypdf text extraction of the same file, measured back to back.

Run: ``.venv/bin/python bench/concept_map.py`` (prints JSON, writes
``bench/results/concept_map.json``). ``--quick`` skips the timed full build: it reads each
book once (cached under the system temp folder), runs only extract, merge and link, and does
not write the results file. ``--book NAME`` limits the run to one book. ``--sample FILE --seed N``
writes 40 random concepts per book with the text of the page each cites first; ``--blind DIR``
also writes them shuffled, without book or page, for a blind rater (``items.jsonl``), and the
key (``key.jsonl``).

Held out: the two calibrated constants, the defining-sentence threshold
(:data:`tutor.engine.offline.definitions.defining.MIN_DEFINING`) and the passages a concept must be used in
(:data:`tutor.engine.offline.concepts.candidates.MIN_PASSAGES`), are chosen on two books from a small grid
(the sparsest setting near the best that keeps both within 3x their maps) and the third book is
reported with them, for each of the three rotations (``rotations``, in ``bench/map_rotations.py``,
which also runs alone).
The link step's constants (direct prerequisites per concept, the weakest edge kept, the
ancestors a concept may have, and two kinds of evidence: ``LINK_CONSTANTS`` in
``bench/map_rotations.py``) are calibrated the same way on the link step alone
(``link_rotations``). ``--details`` lists, per book, the teacher's pairs without a forward path
and why (a concept not found, reversed, no path in or against reading order).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import pickle
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval"
RESULTS = REPO / "bench" / "results" / "concept_map.json"
sys.path.insert(0, str(REPO))
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
logging.getLogger("pypdf").setLevel(logging.ERROR)

from tutor.course import Chunk, Concept, Prerequisite  # noqa: E402
from tutor.engine.offline.terms import term_key  # noqa: E402

BOOKS = ["thinkpython2", "thinkstats2", "forallx"]


def load_map(book: str) -> dict[str, Any]:
    return json.loads((EVAL / "concepts" / f"{book}_map.json").read_text(encoding="utf-8"))


def _keys(names: list[str]) -> set[str]:
    return {k for k in (term_key(n) for n in names) if k}


def match_concepts(gold: dict[str, Any], concepts: list[Concept]) -> dict[str, Concept]:
    """Map concept name -> the course concept that answers to it (by name first, then by
    alias; earliest introduced wins a tie)."""
    by_name: dict[str, Concept] = {}
    by_alias: dict[str, Concept] = {}
    for concept in sorted(concepts, key=lambda c: c.first_order):
        by_name.setdefault(term_key(concept.name), concept)
        for alias in concept.aliases:
            by_alias.setdefault(term_key(alias), concept)
    found: dict[str, Concept] = {}
    for item in gold["concepts"]:
        keys = [term_key(item["name"])] + [term_key(a) for a in item.get("aliases", [])]
        hit = next((by_name[k] for k in keys if k in by_name), None)
        hit = hit or next((by_alias[k] for k in keys if k in by_alias), None)
        if hit is not None:
            found[item["name"]] = hit
    return found


def _in_ranges(page: int, ranges: list[list[int]]) -> bool:
    return any(first <= page <= last for first, last in ranges)


def _ranges(value: Any) -> list[list[int]]:
    """``[first, last]`` or ``[[first, last], ...]`` as a list of ranges."""
    if not value:
        return []
    return [list(value)] if isinstance(value[0], int) else [list(r) for r in value]


def _reach(successors: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    stack = [start]
    while stack:
        for nxt in successors.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def score(gold: dict[str, Any], concepts: list[Concept], edges: list[Prerequisite]) -> dict[str, Any]:
    """The measures of the module docstring for one book."""
    found = match_concepts(gold, concepts)
    n = max(1, len(concepts))
    on_page = []
    wrong_pages = []
    for item in gold["concepts"]:
        concept = found.get(item["name"])
        if concept is None or not concept.citations:
            continue
        page = concept.citations[0].page
        ok = abs(page - item["definition_page"]) <= 1 or page in item.get(
            "alt_definition_pages", []
        )
        on_page.append(ok)
        if not ok:
            wrong_pages.append(f"{item['name']}: {page} (map {item['definition_page']})")
    successors: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        successors[edge.prerequisite].add(edge.concept)
    forward = reversed_ = 0
    missed_pairs = []
    for a, b, _why in gold["prerequisites"]:
        ca, cb = found.get(a), found.get(b)
        if ca is None or cb is None or ca.id == cb.id:
            missed_pairs.append(f"{a} -> {b}: " + ("same concept" if ca and cb else "not found"))
            continue
        if cb.id in _reach(successors, ca.id):
            forward += 1
        elif ca.id in _reach(successors, cb.id):
            reversed_ += 1
            missed_pairs.append(f"{a} -> {b}: reversed")
        else:
            order = "in" if ca.first_order <= cb.first_order else "against"
            missed_pairs.append(f"{a} -> {b}: no path ({order} reading order)")
    pairs = max(1, len(gold["prerequisites"]))
    dependents = max((len(s) for s in successors.values()), default=0)
    ancestors: dict[str, int] = defaultdict(int)
    for concept in concepts:
        for descendant in _reach(successors, concept.id):
            ancestors[descendant] += 1
    mean_ancestors = sum(ancestors.values()) / n / n
    matter = _ranges(gold.get("back_matter_pages")) + _ranges(gold.get("front_matter_pages"))
    matter_only = [
        c.name for c in concepts
        if c.citations and all(_in_ranges(cit.page, matter) for cit in c.citations)
    ]
    hub = max(successors, key=lambda k: len(successors[k]), default="")
    return {
        "concepts": len(concepts),
        "edges": len(edges),
        "recall": round(len(found) / len(gold["concepts"]), 3),
        "definition_page": round(sum(on_page) / max(1, len(on_page)), 3),
        "pairs_forward": round(forward / pairs, 3),
        "pairs_reversed": round(reversed_ / pairs, 3),
        "max_dependent_share": round(dependents / n, 3),
        "mean_ancestor_share": round(mean_ancestors, 3),
        "matter_only": len(matter_only),
        "size_ratio": round(len(concepts) / len(gold["concepts"]), 2),
        "empty_definitions": sum(1 for c in concepts if not c.definition.strip()),
        "edges_per_concept": round(len(edges) / n, 2),
        "details": {
            "missed": sorted(item["name"] for item in gold["concepts"]
                             if item["name"] not in found),
            "wrong_pages": wrong_pages,
            "missed_pairs": missed_pairs,
            "matter_only": matter_only[:20],
            "hub": f"{hub} ({len(successors.get(hub, ()))})" if hub else "",
        },
    }


def pypdf_seconds(pdf: Path) -> float:
    from pypdf import PdfReader

    start = time.perf_counter()
    for page in PdfReader(pdf).pages:
        page.extract_text()
    return time.perf_counter() - start


def full_build(
    pdf: Path, workdir: Path
) -> tuple[list[Concept], list[Prerequisite], float, dict[str, float]]:
    """The whole offline build of one book, as `tutor course build` runs it."""
    from tutor.context import TutorContext
    from tutor.study import build_course

    folder = workdir / pdf.stem
    folder.mkdir()
    shutil.copy2(pdf, folder / pdf.name)
    context = TutorContext(home=workdir, data=workdir / ".tutor", engine="offline")
    start = time.perf_counter()
    result = build_course(folder, context=context)
    seconds = time.perf_counter() - start
    assert result.course is not None, "the build wrote no course"
    stages = {k: round(v, 2) for k, v in result.stage_seconds.items()}
    return result.course.concepts, result.course.prerequisites, seconds, stages


def cached_chunks(pdf: Path) -> list[Chunk]:
    """The book's passages, read once and kept in the temp folder (quick runs only), under
    the reader's version (a hash of the package's code) and the PDF's bytes: a file's time
    stamp would let two checkouts on one machine share passages read by different code."""
    import hashlib

    from tutor.ingest import chunk_pages, read_source
    from tutor.ingest.sources import reader_version

    stamp = hashlib.sha256(f"{reader_version()}\0".encode() + pdf.read_bytes()).hexdigest()[:24]
    cache = Path(tempfile.gettempdir()) / f"tutor-bench-{pdf.stem}-{stamp}.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())  # noqa: S301 - our own cache file
    chunks = chunk_pages(read_source(pdf).pages)
    cache.write_bytes(pickle.dumps(chunks))
    return chunks


def understand(chunks: list[Chunk]) -> tuple[list[Concept], list[Prerequisite]]:
    """Extract, merge and link as the study graph does, without the other steps."""
    from tutor.engine.offline.engine import OfflineEngine
    from tutor.study.rules import acyclic_prerequisites

    engine = OfflineEngine()
    concepts = engine.merge_concepts(engine.extract_concepts(chunks))
    concepts = [c for c in concepts if c.citations]
    edges = acyclic_prerequisites(engine.link_prerequisites(concepts, chunks),
                                  [c.id for c in concepts])
    return concepts, edges


def sample_rows(book: str, concepts: list[Concept], chunks: list[Chunk], size: int = 40,
                seed: int = 11) -> list[dict[str, Any]]:
    """``size`` random concepts with their definition and the text of the page they cite
    first, for a blind rater (who sees the page and the concept only)."""
    import random

    pages: dict[int, list[str]] = defaultdict(list)
    for chunk in chunks:
        pages[chunk.page].append(chunk.text)
    picked = random.Random(seed).sample(concepts, min(size, len(concepts)))
    return [
        {"book": book, "concept": c.name, "definition": c.definition,
         "page": c.citations[0].page if c.citations else None,
         "page_text": "\n\n".join(pages.get(c.citations[0].page, [])) if c.citations else ""}
        for c in picked
    ]


def write_blind(rows: list[dict[str, Any]], folder: Path, seed: int) -> None:
    """The sampled rows shuffled and numbered for a blind rater (concept, definition and the
    cited page's text only) in ``items.jsonl``; book and page per item in ``key.jsonl``."""
    import random

    shuffled = list(rows)
    random.Random(seed).shuffle(shuffled)
    folder.mkdir(parents=True, exist_ok=True)
    items = [{"item": n, "concept": r["concept"], "definition": r["definition"],
              "page_text": r["page_text"]} for n, r in enumerate(shuffled, start=1)]
    key = [{"item": n, "book": r["book"], "page": r["page"]}
           for n, r in enumerate(shuffled, start=1)]
    (folder / "items.jsonl").write_text("".join(json.dumps(i) + "\n" for i in items),
                                        encoding="utf-8")
    (folder / "key.jsonl").write_text("".join(json.dumps(k) + "\n" for k in key),
                                      encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--book", choices=BOOKS)
    parser.add_argument("--details", action="store_true", help="print missed concepts etc.")
    parser.add_argument("--sample", type=Path,
                        help="write 40 random concepts per book (JSON lines) to this file")
    parser.add_argument("--seed", type=int, default=11,
                        help="random seed of --sample (a new sample needs a new seed)")
    parser.add_argument("--blind", type=Path,
                        help="with --sample: also write DIR/items.jsonl (shuffled, no book or "
                             "page, for a blind rater) and DIR/key.jsonl")
    parser.add_argument("--no-rotations", action="store_true",
                        help="skip the held-out calibration rotations")
    args = parser.parse_args()
    books = [args.book] if args.book else BOOKS
    missing = [b for b in books if not (EVAL / "pdfs" / f"{b}.pdf").exists()]
    if missing:
        print(f"evaluation data not found in {EVAL}: {', '.join(missing)}", file=sys.stderr)
        return 1
    out: dict[str, Any] = {
        "conditions": {"cpus": os.cpu_count(),
                       "load_average_at_start": [round(x, 2) for x in os.getloadavg()]},
        "books": {},
    }
    samples: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="tutor-map-") as tmp:
        for book in books:
            pdf = EVAL / "pdfs" / f"{book}.pdf"
            gold = load_map(book)
            if args.quick:
                start = time.perf_counter()
                concepts, edges = understand(cached_chunks(pdf))
                result = score(gold, concepts, edges)
                result["understand_seconds"] = round(time.perf_counter() - start, 2)
            else:
                extract = pypdf_seconds(pdf)
                concepts, edges, seconds, stages = full_build(pdf, Path(tmp))
                result = score(gold, concepts, edges)
                result["build_seconds"] = round(seconds, 2)
                result["pypdf_seconds"] = round(extract, 2)
                result["build_vs_pypdf"] = round(seconds / extract, 2)
                result["stage_seconds"] = stages
            if args.sample:
                samples += sample_rows(book, concepts, cached_chunks(pdf), seed=args.seed)
            if not args.details:
                result.pop("details")
            out["books"][book] = result
    if args.sample:
        args.sample.write_text("".join(json.dumps(r) + "\n" for r in samples), encoding="utf-8")
        if args.blind:
            write_blind(samples, args.blind, args.seed)
    if not args.no_rotations and not args.book:
        from map_rotations import link_rotations, rotations

        out["rotations"] = rotations(BOOKS)
        out["link_rotations"] = link_rotations(BOOKS)
    out["conditions"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    text = json.dumps(out, indent=2)
    print(text)
    if not args.quick and not args.book:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
