"""Build speed: `tutor course build` (offline engine) against plain pypdf text extraction.

Target: building thinkpython2.pdf takes at most 3 times as long as extracting its text with
pypdf alone, both measured in this run. Also builds thinkstats2.pdf and forallx.pdf and reports
their counts and times (the pipeline must not be tuned to one book).

    .venv/bin/python bench/build_speed.py            # prints JSON, writes bench/results/

Each book is copied into a temporary course folder and built in-process through
``tutor.study.build_course`` (what `tutor course build` runs), so interpreter start-up is not
counted; the embedding model's load is. Timings on a shared machine are noisy: compare the
ratio, measured back to back, rather than the seconds.
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


def main() -> int:
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
