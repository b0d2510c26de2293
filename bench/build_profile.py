"""Where a book build's CPU goes: CPU seconds per study-graph step, in one process.

Builds one shared PDF (default thinkpython2.pdf) with the offline engine through
``tutor.study.build_course`` and reports:

- ``imports_cpu_s``: importing the build's modules (the study graph, LangGraph, the engine);
- ``step_cpu_s``: the CPU of each graph node, summed over its tasks, and of the routing
  functions that fan out the exercise tasks (``fan_out_*``), read from the thread that ran it (``time.thread_time``; ONNX Runtime runs on the caller's thread, so embedding
  counts in the step that asked for it);
- ``outside_steps_cpu_s``: the process's CPU during the build less the steps' (LangGraph's
  executor, Chroma's own threads);
- ``children_cpu_s``: CPU of the processes the build started (the sandbox's worker and the
  children it forks to replay the book's Python sessions), ``replays``, how many sessions the
  writers asked for, ``sessions_run``, how many of them the worker ran (the others were
  answered from memory: asked before, or the first statements of a session run to its end),
  and ``sandbox_workers_started``;
- ``embedding``: per caller, how many texts were embedded, their characters and CPU.

``--index`` builds the passage index too (``tutor course build --index``; by default a build
leaves it to the first lesson). ``--without-replay`` answers every sandboxed replay with "could not replay" instead of
starting a process, to see the rest of the build apart from that cost (the exercises that
need a replay are then dropped, so the counts differ). Timings on a shared machine are noisy:
compare steps within one run.

    .venv/bin/python bench/build_profile.py [--book thinkpython2.pdf] [--index] [--without-replay]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

EVAL_PDFS = REPO.parent / "shared" / "eval" / "pdfs"
RESULTS = REPO / "bench" / "results" / "build_profile.json"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class StepClock:
    """Thread CPU of every node of the compiled study graphs, summed per node."""

    def __init__(self) -> None:
        self.cpu: Counter[str] = Counter()
        self.tasks: Counter[str] = Counter()
        self._lock = threading.Lock()

    def wrap(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)  # LangGraph reads the signature to pass ``runtime``
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.thread_time()
            try:
                return func(*args, **kwargs)
            finally:
                with self._lock:
                    self.cpu[name] += time.thread_time() - start
                    self.tasks[name] += 1

        return timed

    def install(self, *graphs: Any) -> None:
        # A node's callable keeps the argument plan LangGraph made from the function's
        # signature, so swapping in a wrapper that passes everything through is enough.
        for compiled in graphs:
            for name, node in compiled.nodes.items():
                bound = node.bound
                if not name.startswith("__") and callable(getattr(bound, "func", None)):
                    bound.func = self.wrap(name, bound.func)


class EmbeddingLedger:
    """Texts, characters and CPU of every embedding call, by the function that asked."""

    def __init__(self) -> None:
        self.rows: dict[str, Counter[str]] = {}
        self._lock = threading.Lock()

    def install(self) -> None:
        from tutor.index import embeddings

        original = embeddings.Embedder.embed
        ledger = self

        def embed(self: Any, texts: Any) -> Any:
            start = time.thread_time()
            try:
                return original(self, texts)
            finally:
                ledger.add(_asker(), texts, time.thread_time() - start)

        embeddings.Embedder.embed = embed  # type: ignore[method-assign]

    def add(self, asker: str, texts: Any, cpu: float) -> None:
        with self._lock:
            row = self.rows.setdefault(asker, Counter())
            row["calls"] += 1
            row["texts"] += len(texts)
            row["chars"] += sum(len(t) for t in texts)
            row["cpu_s"] += cpu


def _asker() -> str:
    """The first caller outside the embedding modules."""
    for frame in reversed(traceback.extract_stack(limit=12)[:-2]):
        name = Path(frame.filename).name
        if name not in ("embeddings.py", "build_profile.py") and not (
                name == "passages.py" and frame.name == "_embed_all"):
            return f"{name}:{frame.name}"
    return "?"


def profile(pdf: Path, without_replay: bool, index: bool = False) -> dict[str, Any]:
    start = time.process_time()
    from tutor.engine.offline.code_output import code_sandbox

    replays = Counter[str]()
    replay = code_sandbox.replay

    def counted_replay(statements: Any) -> Any:
        replays["replays"] += 1
        return None if without_replay else replay(statements)

    code_sandbox.replay = counted_replay
    run_by_worker = code_sandbox.Sandbox._replayed

    def counted_run(self: Any, statements: Any) -> Any:
        replays["run"] += 1
        return run_by_worker(self, statements)

    code_sandbox.Sandbox._replayed = counted_run  # type: ignore[method-assign]
    steps = StepClock()
    from tutor.study import exercise_steps

    for router in ("fan_out_writing", "fan_out_checking"):  # before the graph binds them
        setattr(exercise_steps, router, steps.wrap(router, getattr(exercise_steps, router)))
    from tutor.context import TutorContext
    from tutor.study import build_course
    from tutor.study.graph import graph, understanding

    imports = time.process_time() - start
    steps.install(graph, understanding)
    ledger = EmbeddingLedger()
    ledger.install()
    with tempfile.TemporaryDirectory(prefix="tutor-bench-") as tmp:
        folder = Path(tmp) / pdf.stem
        folder.mkdir()
        shutil.copy2(pdf, folder / pdf.name)
        context = TutorContext(home=Path(tmp), data=Path(tmp) / ".tutor", engine="offline")
        children, cpu, wall = _children_cpu(), time.process_time(), time.perf_counter()
        result = build_course(folder, context=context, index=index)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        starts = code_sandbox.shared().starts
        code_sandbox.close()  # the worker and the sessions it ran count once it has ended
        children = _children_cpu() - children
    report = result.report
    in_steps = sum(steps.cpu.values())
    return {
        "book": pdf.name,
        "without_replay": without_replay,
        "index": index,
        "pages": report.pages,
        "concepts": report.concepts,
        "exercises": sum(report.exercises_by_kind.values()),
        "imports_cpu_s": round(imports, 2),
        "build_cpu_s": round(cpu, 2),
        "build_wall_s": round(wall, 2),
        "step_cpu_s": {k: round(v, 3) for k, v in steps.cpu.most_common()},
        "step_tasks": dict(steps.tasks),
        "outside_steps_cpu_s": round(cpu - in_steps, 2),
        "children_cpu_s": round(children, 2),
        "replays": replays["replays"],
        "sessions_run": replays["run"],
        "sandbox_workers_started": starts,
        "embedding": {k: {f: round(v, 3) for f, v in row.items()}
                      for k, row in ledger.rows.items()},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--book", default="thinkpython2.pdf")
    parser.add_argument("--without-replay", action="store_true")
    parser.add_argument("--index", action="store_true", help="build the passage index too")
    args = parser.parse_args()
    pdf = EVAL_PDFS / args.book
    if not pdf.exists():
        print(f"{pdf} not found", file=sys.stderr)
        return 1
    out = {"load_average_at_start": [round(x, 2) for x in os.getloadavg()]}
    out.update(profile(pdf, args.without_replay, args.index))
    out["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
