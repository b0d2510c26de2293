"""Build speed, as whole processes: `tutor course build` (offline engine) of thinkpython2.pdf
against a process that only extracts its text with pypdf, each started fresh, interleaved,
medians of ``--runs``, and a rebuild of the same course folder after each build (what the first
build left in ``.build/`` in place: ``tutor.study.carried_over``), and the design's floor in the same
rounds (start-up, LangGraph's imports, those plus reading the PDF, and all of a build's imports:
``build_processes.FLOOR``); then a scaling table of builds of 6 to 1,000 pages (books made by
concatenating the shared PDFs' pages; ``bench/build_processes.py``).

Target: the whole-process build takes at most 1.5 times the CPU of the pypdf extraction; the
build's CPU per page stays flat from 250 to 1,000 pages.

    .venv/bin/python bench/build_speed.py [--runs 3] [--sizes 6,50,250,500,1000]
        [--baseline DIR]   # DIR: an earlier commit's tree, built in each round as well
    .venv/bin/python bench/build_speed.py --in-process   # the earlier in-process report

``--in-process`` builds each of the three books through ``tutor.study.build_course`` in this
process (start-up not counted) and compares with in-process pypdf extraction. Timings on a
shared machine are noisy: compare the ratios, measured in the same run, rather than seconds.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
logging.getLogger("pypdf").setLevel(logging.ERROR)  # font warnings, as `tutor course build`

EVAL_PDFS = REPO.parent / "shared" / "eval" / "pdfs"
RESULTS = REPO / "bench" / "results" / "build_speed.json"
TARGET_RATIO = 3.0
"""Of the in-process report."""
TARGET_PROCESS_RATIO = 1.5


def pypdf_seconds(pdf: Path) -> tuple[float, int]:
    """Seconds to extract the text of every page with plain pypdf."""
    from pypdf import PdfReader

    start = time.perf_counter()
    reader = PdfReader(pdf)
    for page in reader.pages:
        page.extract_text()
    return time.perf_counter() - start, len(reader.pages)


def build_seconds(pdf: Path, workdir: Path) -> dict[str, object]:
    """Build the book as a one-source course with the offline engine; counts and times."""
    from tutor.context import TutorContext
    from tutor.study import build_course

    folder = workdir / pdf.stem
    folder.mkdir()
    shutil.copy2(pdf, folder / pdf.name)
    context = TutorContext(home=workdir, data=workdir / ".tutor", engine="offline")
    step_times: dict[str, float] = {}
    first_seen: dict[str, float] = {}

    def on_progress(event: dict) -> None:
        now = time.perf_counter()
        first_seen.setdefault(event["step"], now)
        step_times[event["step"]] = now - first_seen[event["step"]]

    start = time.perf_counter()
    result = build_course(folder, context=context, on_progress=on_progress)
    seconds = time.perf_counter() - start
    report = result.report
    return {
        "seconds": round(seconds, 2),
        "pages": report.pages,
        "chunks": report.chunks,
        "concepts": report.concepts,
        "prerequisites": report.prerequisites,
        "exercises_by_kind": report.exercises_by_kind,
        "exercises_dropped": report.exercises_dropped,
        "drop_reasons": report.drop_reasons,
        "failed_sources": [f.error for f in report.failed_sources],
        "stage_seconds": result.stage_seconds,
        "progress_step_seconds": {k: round(v, 2) for k, v in step_times.items()},
    }


def whole_processes(runs: int, sizes: list[int], baseline: Path | None = None) -> int:
    from build_processes import compare, scaling  # type: ignore[import-not-found]

    books = [EVAL_PDFS / b for b in ("thinkpython2.pdf", "thinkstats2.pdf", "forallx.pdf")]
    if not all(b.exists() for b in books):
        print(f"evaluation PDFs not found in {EVAL_PDFS}", file=sys.stderr)
        return 1
    out: dict[str, object] = {
        "conditions": {
            "cpus": os.cpu_count(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(),
            "note": "whole processes (start-up and imports counted); CPU = the child's user + "
            "system time; interleaved runs, medians",
        },
        "target_ratio_cpu": TARGET_PROCESS_RATIO,
    }
    with tempfile.TemporaryDirectory(prefix="tutor-bench-") as tmp:
        out["thinkpython2"] = compare(books[0], Path(tmp), runs, baseline)
        if sizes:
            out["scaling"] = scaling(books, sizes, Path(tmp))
    out["meets_target"] = out["thinkpython2"]["ratio_cpu"] <= TARGET_PROCESS_RATIO  # type: ignore[index]
    out["conditions"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]  # type: ignore[index]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=2))
    return 0


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="6,50,250,500,1000",
                        help="pages of the scaling table (empty: no table)")
    parser.add_argument("--in-process", action="store_true")
    parser.add_argument("--baseline", type=Path, default=None,
                        help="a checkout of an earlier commit (e.g. `git archive` unpacked): "
                        "its build runs in each round too, for a before/after in one run")
    args = parser.parse_args()
    if not args.in_process:
        sizes = [int(n) for n in args.sizes.split(",") if n.strip()]
        return whole_processes(args.runs, sizes, args.baseline)
    books = ["thinkpython2.pdf", "thinkstats2.pdf", "forallx.pdf"]
    missing = [b for b in books if not (EVAL_PDFS / b).exists()]
    if missing:
        print(f"evaluation PDFs not found in {EVAL_PDFS}: {', '.join(missing)}", file=sys.stderr)
        return 1
    out: dict[str, object] = {
        "conditions": {
            "cpus": os.cpu_count(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(),
            "machine": platform.machine(),
        },
        "target_ratio": TARGET_RATIO,
        "books": {},
    }
    with tempfile.TemporaryDirectory(prefix="tutor-bench-") as tmp:
        for name in books:
            pdf = EVAL_PDFS / name
            extract, pages = pypdf_seconds(pdf)
            build = build_seconds(pdf, Path(tmp))
            ratio = float(build["seconds"]) / extract  # type: ignore[arg-type]
            out["books"][name] = {  # type: ignore[index]
                "pypdf_extract_seconds": round(extract, 2),
                "build": build,
                "ratio_build_to_pypdf": round(ratio, 2),
                "build_pages_per_second": round(pages / float(build["seconds"]), 1),  # type: ignore[arg-type]
                "pypdf_pages_per_second": round(pages / extract, 1),
            }
    main_book = out["books"]["thinkpython2.pdf"]  # type: ignore[index]
    out["ratio"] = main_book["ratio_build_to_pypdf"]
    out["pages_per_second"] = main_book["build_pages_per_second"]
    out["meets_target"] = out["ratio"] <= TARGET_RATIO
    out["conditions"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]  # type: ignore[index]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
