"""Teaching-turn latency and lesson storage: one answer through the lesson (grade +
learner-model update + the tutor's next message), offline, on the sample course and on Think
Python (built from ``../shared/eval/pdfs/thinkpython2.pdf`` into a temporary home, or taken
from ``--thinkpython-home``); then the web app's answer turn under AppTest at 10 and 160
messages and the memory per session (``bench/app_turn.py``).

Targets: Lesson p50 <= 15 ms on the sample, <= 25 ms on Think Python; <= 20 KB of lesson
storage per answer (the bytes of every row written into ``lessons.sqlite``: checkpoints,
pending writes, transcript rows; counted by triggers the bench adds, with the checkpoints
written per answer: one per superstep of the teach graph).

    .venv/bin/python bench/teach_turn.py [--turns 200] [--seed 7] [--thinkpython-home HOME]
                                         [--no-thinkpython] [--no-app]

The course is the first ``courses/<name>/`` with a ``course.json``; when the sample course has
sources but no ``course.json`` it is built first (offline, in a child process, into a
temporary copy); when neither works a synthetic course (30 concepts in a prerequisite tree,
3 exercises each) stands in, and the result says which. A scripted learner answers right with
probability 0.7, otherwise gives a wrong answer (plus an occasional hint, not timed); when a
learner has mastered the whole course the next scripted learner starts, until the number of
turns is reached. Each ``Lesson.answer`` call is timed in process, with the SQLite
checkpointer and learner store on disk, in wall-clock time and in process CPU time (all
threads; less sensitive to other jobs on the machine). For the same answers the bare
``engine.grade`` call is timed too (on a fresh text for short answers, so no cache helps it),
so the tutor's own share (graph, checkpoint, learner store, next message) is reported as
``turn - grade`` and as a ratio, measured in the same run. Timings on a shared 2-core machine
are noisy (the load average is recorded): read the CPU time and the ratio with the seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

RESULTS = REPO / "bench" / "results" / "teach_turn.json"
TARGET_P50_MS = {"sample": 15.0, "thinkpython": 25.0}
TARGET_STORAGE_BYTES = 20_000
WARMUP = 5


def synthetic_course() -> tuple[object, list]:
    """30 concepts (a tree: each after the first builds on one or two earlier ones), three
    exercises each (cloze, multiple choice, true/false), and one passage per concept."""
    from tutor.course import (
        Chunk,
        Citation,
        Concept,
        Course,
        Exercise,
        ExerciseKind,
        Prerequisite,
    )

    rng = random.Random(3)
    words = ["vector", "matrix", "tensor", "graph", "tree", "queue", "stack", "heap", "list",
             "table", "map", "set", "bag", "trie", "ring", "grid", "mesh", "path", "node", "edge",
             "port", "pipe", "link", "cell", "slot", "page", "block", "frame", "chain", "field"]
    concepts, edges, exercises, chunks = [], [], [], []
    for i, word in enumerate(words):
        cite = [Citation(source="synthetic.md", page=i + 1)]
        definition = (f"A {word} is a structure number {i} that keeps items in a {word}-like "
                      f"shape, for example {i + 2} items.")
        concepts.append(Concept(id=word, name=word, definition=definition, citations=cite,
                                first_order=i * 10, section=f"Section {i + 1}",
                                key_points=[f"keeps items in a {word}-like shape"]))
        chunks.append(Chunk(id=f"synthetic.md#p{i + 1}-0", source="synthetic.md", page=i + 1,
                            text=definition + f" The {word} is used often. It is simple.",
                            heading=f"Section {i + 1}", order=i * 10))
        if i:
            for parent in {rng.randrange(i), rng.randrange(i)}:
                edges.append(Prerequisite(prerequisite=words[parent], concept=word))
        others = [w for w in words if w != word]
        exercises += [
            Exercise(id=f"{word}-cloze", concept_id=word, kind=ExerciseKind.CLOZE,
                     prompt=f"A ____ is a structure number {i} that keeps items in shape.",
                     answer=word, citations=cite),
            Exercise(id=f"{word}-mc", concept_id=word, kind=ExerciseKind.MULTIPLE_CHOICE,
                     prompt=f"Which structure is number {i}?", answer=word,
                     choices=[word, *rng.sample(others, 3)], citations=cite),
            Exercise(id=f"{word}-tf", concept_id=word, kind=ExerciseKind.TRUE_FALSE,
                     prompt=f"True or false: the {word} keeps items in a {word}-like shape.",
                     answer="True", choices=["True", "False"], citations=cite),
        ]
    course = Course(title="Synthetic structures", slug="synthetic", concepts=concepts,
                    prerequisites=edges, exercises=exercises)
    return course, chunks


def sample_course(workdir: Path) -> tuple[str, Path, str]:
    """(course name, its folder inside ``workdir``, where it came from)."""
    courses = sorted(p for p in (REPO / "courses").glob("*/") if p.is_dir())
    for folder in courses:
        if (folder / "course.json").exists():
            target = workdir / "courses" / folder.name
            shutil.copytree(folder, target)
            return folder.name, target, "sample course (built)"
    for folder in courses:
        target = workdir / "courses" / folder.name
        shutil.copytree(folder, target)
        # Built in a child process, so that none of the build's background work runs
        # during the timed turns.
        script = (
            "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
            "from tutor.context import TutorContext; from tutor.study import build_course;"
            "home = Path(sys.argv[2]);"
            "build_course(Path(sys.argv[3]), context=TutorContext(home=home, "
            "data=home / '.tutor', engine='offline'))"
        )
        done = subprocess.run(
            [sys.executable, "-c", script, str(REPO), str(workdir), str(target)],
            capture_output=True, text=True, timeout=1800,
        )
        if done.returncode == 0 and (target / "course.json").exists():
            return folder.name, target, "sample course (built for this run)"
        # The builder may not be ready: fall back to the synthetic course.
        print(f"could not build {folder.name}: {done.stderr[-500:]}", file=sys.stderr)
        shutil.rmtree(target)
    course, _chunks = synthetic_course()
    target = workdir / "courses" / "synthetic"
    target.mkdir(parents=True)
    (target / "course.json").write_text(course.to_json(), encoding="utf-8")  # type: ignore[attr-defined]
    return "synthetic", target, "synthetic course"


def wrong_answer(exercise, rng: random.Random) -> str:  # type: ignore[no-untyped-def]
    if exercise.choices:
        wrong = [c for c in exercise.choices if c != exercise.answer]
        return rng.choice(wrong) if wrong else "none of these"
    return "something else entirely"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def count_storage(data: Path) -> sqlite3.Connection:
    """Triggers (bench only) that add up the bytes of every row the lesson writes into
    ``lessons.sqlite``: checkpoints, pending writes and transcript rows."""
    connection = sqlite3.connect(data / "lessons.sqlite", isolation_level=None)
    connection.execute("CREATE TABLE IF NOT EXISTS bench_bytes (n INTEGER, checkpoints INTEGER)")
    connection.execute("DELETE FROM bench_bytes")
    connection.execute("INSERT INTO bench_bytes VALUES (0, 0)")
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    sizes = {
        "checkpoints": "length(NEW.checkpoint) + length(NEW.metadata) + length(NEW.thread_id) "
                       "+ length(NEW.checkpoint_id)",
        "writes": "length(NEW.value) + length(NEW.channel) + length(NEW.thread_id) "
                  "+ length(NEW.checkpoint_id) + length(NEW.task_id)",
        "lesson_transcript": "length(CAST(NEW.message AS BLOB)) + length(NEW.thread_id)",
    }
    for table, size in sizes.items():
        if table in tables:
            counted = ", checkpoints = checkpoints + 1" if table == "checkpoints" else ""
            connection.execute(
                f"CREATE TRIGGER IF NOT EXISTS bench_{table} AFTER INSERT ON {table} "
                f"BEGIN UPDATE bench_bytes SET n = n + {size}{counted}; END"
            )
    return connection


def checkpoints_written(connection: sqlite3.Connection) -> int:
    """Checkpoints written so far: one per superstep of the teach graph."""
    return int(connection.execute("SELECT checkpoints FROM bench_bytes").fetchone()[0])


def stored_bytes(connection: sqlite3.Connection) -> tuple[int, int]:
    """(bytes written so far, bytes held now) in the lesson tables."""
    written = connection.execute("SELECT n FROM bench_bytes").fetchone()[0]
    held = 0
    for table, size in (("checkpoints", "length(checkpoint) + length(metadata)"),
                        ("writes", "length(value)"), ("lesson_transcript", "length(CAST(message AS BLOB))")):
        try:
            held += connection.execute(f"SELECT coalesce(sum({size}), 0) FROM {table}").fetchone()[0]
        except sqlite3.OperationalError:
            continue
    return written, held


def thinkpython_home(workdir: Path, given: Path | None) -> tuple[Path | None, str]:
    """A tutor home holding the Think Python course: ``given`` (already built), or built here
    from the shared PDF (offline, in a child process). None when the PDF is not there."""
    if given is not None:
        target = workdir / "tp"
        shutil.copytree(given, target, ignore=shutil.ignore_patterns(".tutor"))
        return target, f"built earlier ({given})"
    pdf = REPO.parent / "shared" / "eval" / "pdfs" / "thinkpython2.pdf"
    if not pdf.is_file():
        return None, f"{pdf} not found"
    home = workdir / "tp"
    folder = home / "courses" / "thinkpython"
    folder.mkdir(parents=True)
    shutil.copy(pdf, folder / pdf.name)
    done = subprocess.run(
        [sys.executable, "-m", "tutor.cli.main", "course", "build", str(folder), "--engine",
         "offline", "--quiet"],
        capture_output=True, text=True, timeout=3600, cwd=REPO,
        env={**os.environ, "TUTOR_HOME": str(home), "TUTOR_DATA": str(home / ".tutor")},
    )
    if done.returncode != 0:
        return None, f"build failed: {done.stderr[-300:]}"
    return home, "built for this run"


def run(turns: int, seed: int, home: Path | None = None) -> dict[str, object]:
    from tutor.context import TutorContext
    from tutor.engine.offline import OfflineEngine
    from tutor.teach.lesson import CoursePassages, Lesson

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        if home is None:
            name, folder, origin = sample_course(workdir)
        else:
            workdir = home
            name, origin = "thinkpython", "Think Python 2 (shared PDF)"
        context = TutorContext(home=workdir, data=workdir / ".tutor", engine="offline")
        target = TARGET_P50_MS["sample" if home is None else "thinkpython"]
        engine = OfflineEngine()
        passages = None
        if name == "synthetic":
            course, chunks = synthetic_course()
            passages = CoursePassages(course, chunks)  # type: ignore[arg-type]
        learners = 1
        lesson = Lesson(name, "bench-1", context=context, engine=engine, passages=passages)
        lesson.start()
        counter = count_storage(Path(context.data))
        storage_per_turn: list[int] = []
        checkpoints_per_turn: list[int] = []
        turn_ms: list[float] = []
        cpu_ms: list[float] = []
        by_kind: dict[str, list[float]] = {}
        overhead_ms: list[float] = []
        grade_ms: list[float] = []
        outcomes = {"right": 0, "wrong": 0}
        messages = 0
        total = 0
        while total < turns + WARMUP:
            pending = lesson.pending
            if pending is None:  # this learner finished the course: the next one starts
                lesson.close()
                learners += 1
                lesson = Lesson(
                    name, f"bench-{learners}", context=context, engine=engine, passages=passages
                )
                lesson.start()
                continue
            exercise = lesson.course.exercise(pending.id)
            # The learner's reading and typing time, during which the lesson prepares a
            # short-answer exercise in the background (capped at 2 s, not timed).
            lesson.wait_prepared(2.0)
            if rng.random() < 0.1:
                lesson.hint()  # not timed: a hint is not a graded turn
            right = rng.random() < 0.7
            text = exercise.answer if right else wrong_answer(exercise, rng)
            written_before, _ = stored_bytes(counter)
            checkpoints_before = checkpoints_written(counter)
            start, cpu_start = time.perf_counter(), time.process_time()
            reply = lesson.answer(text)
            elapsed = (time.perf_counter() - start) * 1000
            cpu = (time.process_time() - cpu_start) * 1000
            written_after, _ = stored_bytes(counter)
            # The bare grade of an answer of the same kind and length, not graded before (a
            # fresh text, so that no grader cache makes it look cheaper than in the turn).
            fresh = text if exercise.kind != "short_answer" else f"{text} variant{total}"
            start = time.perf_counter()
            engine.grade(exercise, fresh)
            graded = (time.perf_counter() - start) * 1000
            total += 1
            if total > WARMUP:
                by_kind.setdefault(str(exercise.kind), []).append(elapsed)
                turn_ms.append(elapsed)
                overhead_ms.append(max(0.0, elapsed - graded))
                cpu_ms.append(cpu)
                grade_ms.append(graded)
                outcomes["right" if right else "wrong"] += 1
                messages += len(reply)
                storage_per_turn.append(written_after - written_before)
                checkpoints_per_turn.append(checkpoints_written(counter) - checkpoints_before)
        _, held = stored_bytes(counter)
        counter.close()
        progress = lesson.progress()
        mastered = sum(1 for c in lesson.course.concepts if progress.is_mastered(c.id))
        concepts = len(lesson.course.concepts)
        exercises = len(lesson.course.exercises)
        lesson.close()
    p50 = statistics.median(turn_ms)
    return {
        "course": name,
        "course_origin": origin,
        "concepts": concepts,
        "exercises": exercises,
        "timed_turns": len(turn_ms),
        "learners": learners,
        "answers": outcomes,
        "last_learner_concepts_mastered": mastered,
        "messages_per_turn": round(messages / max(len(turn_ms), 1), 2),
        "turn_ms": {
            "p50": round(p50, 2),
            "p95": round(percentile(turn_ms, 0.95), 2),
            "mean": round(statistics.fmean(turn_ms), 2),
            "max": round(max(turn_ms), 2),
        },
        "turn_ms_by_exercise_kind": {
            kind: {"turns": len(v), "p50": round(statistics.median(v), 2),
                   "p95": round(percentile(v, 0.95), 2)}
            for kind, v in sorted(by_kind.items())
        },
        "turn_cpu_ms": {
            "p50": round(statistics.median(cpu_ms), 2),
            "p95": round(percentile(cpu_ms, 0.95), 2),
        },
        "grade_only_ms": {
            "p50": round(statistics.median(grade_ms), 2),
            "p95": round(percentile(grade_ms, 0.95), 2),
        },
        "turn_minus_grade_ms": {
            "p50": round(statistics.median(overhead_ms), 2),
            "p95": round(percentile(overhead_ms, 0.95), 2),
        },
        "lesson_storage_bytes_per_turn": {
            "median": round(statistics.median(storage_per_turn)),
            "mean": round(statistics.fmean(storage_per_turn)),
            "max": max(storage_per_turn),
        },
        "lesson_storage_bytes_held_at_end": held,
        "checkpoints_per_turn": round(statistics.fmean(checkpoints_per_turn), 2),
        "turn_over_grade_p50": round(p50 / max(statistics.median(grade_ms), 1e-6), 1),
        "target_p50_ms": target,
        "meets_target": p50 <= target
        and statistics.median(storage_per_turn) <= TARGET_STORAGE_BYTES,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--thinkpython-home", type=Path, default=None,
                        help="a tutor home whose courses/thinkpython is built (else built here)")
    parser.add_argument("--no-thinkpython", action="store_true")
    parser.add_argument("--no-app", action="store_true", help="skip the AppTest turns")
    args = parser.parse_args()
    result: dict[str, object] = {
        "conditions": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "machine": platform.machine(),
            "note": "shared machine (other engineers' jobs run too); in-process timing, "
            "SQLite checkpointer and learner store on local disk, warm-up turns excluded; "
            "storage = bytes of the rows written into lessons.sqlite per answer",
            "warmup_turns": WARMUP,
            "load_average_1m_at_start": round(os.getloadavg()[0], 2),
            "seed": args.seed,
        },
        "sample": run(args.turns, args.seed),
    }
    if not args.no_thinkpython or not args.no_app:
        with tempfile.TemporaryDirectory() as tmp:
            home, origin = thinkpython_home(Path(tmp), args.thinkpython_home)
            if home is None:
                result["thinkpython"] = {"skipped": origin}
            else:
                if not args.no_thinkpython:
                    result["thinkpython"] = {"home": origin, **run(args.turns, args.seed, home)}
                if not args.no_app:
                    from app_turn import app_turns  # type: ignore[import-not-found]

                    with tempfile.TemporaryDirectory() as app_tmp:  # fresh learner data
                        app_home = Path(app_tmp) / "home"
                        shutil.copytree(home, app_home, ignore=shutil.ignore_patterns(".tutor"))
                        result["app_turn"] = app_turns(app_home, "thinkpython")
    result["conditions"]["load_average_1m_at_end"] = round(os.getloadavg()[0], 2)  # type: ignore[index]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
