"""Whole-process build cost: ``tutor course build`` against a process that only extracts the
text with pypdf, each started fresh (interpreter start-up and imports counted), interleaved
and reported as medians, with a rebuild of the same course folder after each build and the
design's floor (:data:`FLOOR`: start-up, LangGraph's imports, reading the PDF); and a scaling
table over books made of 6 to 1,000 pages.

Used by ``bench/build_speed.py``. CPU seconds are the child's user + system time (all its
threads), read from ``getrusage(RUSAGE_CHILDREN)`` around each run; wall seconds are reported
beside them. Long inputs are made by concatenating the shared PDFs' pages into a temporary PDF
(pypdf's writer), in the order thinkpython2, thinkstats2, forallx, repeated as needed.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXTRACT = (
    "import sys, logging; logging.getLogger('pypdf').setLevel(logging.ERROR);"
    "from pypdf import PdfReader;"
    "[p.extract_text() for p in PdfReader(sys.argv[1]).pages]"
)
FLOOR = {
    "start_up": "pass",
    "langgraph_imports": "from langgraph.graph import END, START, StateGraph;"
    "from langgraph.types import Send; from langgraph.config import get_stream_writer",
    "langgraph_imports_and_reading": "import sys; from pathlib import Path;"
    "from langgraph.graph import END, START, StateGraph;"
    "from langgraph.types import Send; from langgraph.config import get_stream_writer;"
    "from tutor.ingest.pdf import read_pdf; path = Path(sys.argv[1]);"
    "read_pdf(path, path.read_bytes(), timeout_s=3600, max_pages=100000)",
    "build_imports": "import tutor.cli.main, tutor.study.build, tutor.study.graph,"
    "tutor.engine.offline",
}
"""The floor of the design, each a fresh process run in every round: the interpreter's
start-up; that plus the imports the study graph needs from LangGraph; that plus reading the
PDF as a build does (:func:`tutor.ingest.pdf.read_pdf`: text, layout, outline); and, apart,
every module a build imports, without building."""


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(command: list[str], env: dict[str, str], cwd: Path = REPO) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one child process, which must succeed. A ``-c``
    command imports the package from ``cwd`` first."""
    cpu, wall = _child_cpu(), time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=7200)
    wall, cpu = time.perf_counter() - wall, _child_cpu() - cpu
    if done.returncode != 0:
        raise RuntimeError(f"{command[:3]} failed: {done.stderr[-400:]}")
    return wall, cpu


def extract_once(pdf: Path) -> tuple[float, float]:
    return _timed([sys.executable, "-c", EXTRACT, str(pdf)], dict(os.environ))


def floor_once(pdf: Path) -> dict[str, tuple[float, float]]:
    """(wall, CPU) of each :data:`FLOOR` process."""
    return {name: _timed([sys.executable, "-c", code, str(pdf)], dict(os.environ))
            for name, code in FLOOR.items()}


def build_once(pdf: Path, workdir: Path, code: Path = REPO,
               rebuilds: list[tuple[float, float]] | None = None) -> tuple[float, float, int]:
    """(wall, CPU, concepts) of a fresh offline build of ``pdf`` as a one-source course, run
    from the checkout ``code`` (another commit's tree, to compare in the same run). With
    ``rebuilds``, the course is then built again in the same folder (what the first build
    left there, e.g. ``.build/``, in place) and that build's (wall, CPU) is appended."""
    import json

    home = workdir / f"home-{time.monotonic_ns()}"
    folder = home / "courses" / pdf.stem
    folder.mkdir(parents=True)
    shutil.copy2(pdf, folder / pdf.name)
    env = {**os.environ, "TUTOR_HOME": str(home), "TUTOR_DATA": str(home / ".tutor"),
           "ANONYMIZED_TELEMETRY": "False"}
    command = [sys.executable, "-c", "from tutor.cli.main import main; main()",
               "course", "build", str(folder), "--engine", "offline", "--quiet"]
    wall, cpu = _timed(command, env, cwd=code)
    course = json.loads((folder / "course.json").read_text(encoding="utf-8"))
    if rebuilds is not None:
        rebuilds.append(_timed(command, env, cwd=code))
    shutil.rmtree(home, ignore_errors=True)
    return wall, cpu, len(course["concepts"])


def compare(pdf: Path, workdir: Path, runs: int, baseline: Path | None = None) -> dict[str, object]:
    """Build vs pypdf extraction, ``runs`` of each, alternating which goes first; with
    ``baseline`` (a checkout of an earlier commit) its build runs in each round too."""
    builds: list[tuple[float, float, int]] = []
    extracts: list[tuple[float, float]] = []
    earlier: list[tuple[float, float, int]] = []
    rebuilds: list[tuple[float, float]] = []
    earlier_rebuilds: list[tuple[float, float]] = []
    floors: list[dict[str, tuple[float, float]]] = []
    for i in range(runs):
        order = ["extract", "build", "baseline", "floor"]
        for what in order[i % len(order):] + order[: i % len(order)]:
            if what == "extract":
                extracts.append(extract_once(pdf))
            elif what == "floor":
                floors.append(floor_once(pdf))
            elif what == "build":
                builds.append(build_once(pdf, workdir, rebuilds=rebuilds))
            elif baseline is not None:
                earlier.append(build_once(pdf, workdir, baseline, rebuilds=earlier_rebuilds))
    out = _summary(builds, extracts, runs)
    out["rebuild"] = _rebuild_summary(rebuilds, extracts)
    out["floor"] = {name: _rebuild_summary([f[name] for f in floors], extracts)
                    for name in FLOOR}
    if baseline is not None:
        out["baseline"] = {"code": str(baseline), **_summary(earlier, extracts, runs),
                           "rebuild": _rebuild_summary(earlier_rebuilds, extracts)}
    return out


def _rebuild_summary(rebuilds: list[tuple[float, float]],
                     extracts: list[tuple[float, float]]) -> dict[str, float]:
    """Medians of some processes' runs, CPU also as a ratio to pypdf's extraction (the second
    build of the same course folder, a rebuild of an unchanged book; the floor's processes)."""
    cpu = statistics.median(r[1] for r in rebuilds)
    return {"cpu_s": round(cpu, 2), "wall_s": round(statistics.median(r[0] for r in rebuilds), 2),
            "ratio_cpu": round(cpu / statistics.median(e[1] for e in extracts), 2)}


def _summary(builds: list[tuple[float, float, int]], extracts: list[tuple[float, float]],
             runs: int) -> dict[str, object]:
    build_cpu = statistics.median(b[1] for b in builds)
    build_wall = statistics.median(b[0] for b in builds)
    extract_cpu = statistics.median(e[1] for e in extracts)
    extract_wall = statistics.median(e[0] for e in extracts)
    return {
        "runs": runs,
        "build_cpu_s": round(build_cpu, 2),
        "build_wall_s": round(build_wall, 2),
        "pypdf_extract_cpu_s": round(extract_cpu, 2),
        "pypdf_extract_wall_s": round(extract_wall, 2),
        "ratio_cpu": round(build_cpu / extract_cpu, 2),
        "ratio_wall": round(build_wall / extract_wall, 2),
        "concepts": builds[-1][2],
    }


def concatenated(sources: list[Path], pages: int, target: Path) -> Path:
    """A PDF of the first ``pages`` pages of ``sources`` read in turn (repeated as needed)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    readers = [PdfReader(p) for p in sources]
    added = 0
    while added < pages:
        for reader in readers:
            for page in reader.pages:
                if added >= pages:
                    break
                writer.add_page(page)
                added += 1
    with target.open("wb") as out:
        writer.write(out)
    return target


def scaling(sources: list[Path], sizes: list[int], workdir: Path) -> list[dict[str, object]]:
    """One build and one extraction per size: CPU per page and concepts."""
    rows = []
    for size in sizes:
        pdf = concatenated(sources, size, workdir / f"book-{size}.pdf")
        extract_wall, extract_cpu = extract_once(pdf)
        build_wall, build_cpu, concepts = build_once(pdf, workdir)
        rows.append({
            "pages": size,
            "build_cpu_s": round(build_cpu, 2),
            "build_wall_s": round(build_wall, 2),
            "build_cpu_ms_per_page": round(1000 * build_cpu / size, 1),
            "pypdf_extract_cpu_s": round(extract_cpu, 2),
            "ratio_cpu": round(build_cpu / extract_cpu, 2),
            "concepts": concepts,
        })
    return rows
