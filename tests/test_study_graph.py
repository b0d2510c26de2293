"""The study graph on small courses the tests write: steps, progress events, course.json
invariants, bad sources, the atomic save."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import PDF_LINES, FakeEngine, assert_invariants, write_course, write_pdf
from tutor.context import TutorContext
from tutor.course import (
    Course,
    Exercise,
    ExerciseKind,
    Prerequisite,
)
from tutor.errors import CourseError
from tutor.study import build_course
from tutor.study.rules import acyclic_prerequisites, exercise_problems


@pytest.fixture()
def context(tutor_home: Path) -> TutorContext:
    return TutorContext.from_env(engine="offline")


def test_builds_a_cited_acyclic_course_and_streams_progress(tmp_path, context):
    folder = write_course(tmp_path / "probability")
    events: list[dict] = []
    engine = FakeEngine()
    result = build_course(folder, context=context, engine=engine, on_progress=events.append,
                          title="Probability")

    assert result.ok and result.course_path == folder / "course.json"
    course = Course.load(folder / "course.json")
    assert course.title == "Probability" and course.slug == "probability"
    names = {c.name for c in course.concepts}
    assert {"sample space", "event", "probability", "union", "intersection"} <= names
    assert_invariants(course)
    # the backwards edges were cut: event needs sample space, not the other way round
    assert ("sample-space", "event") in {(p.prerequisite, p.concept) for p in course.prerequisites}
    assert course.teaching_order().index("sample-space") < course.teaching_order().index("event")
    # rejected exercises are gone and counted by reason
    kinds = {e.kind for e in course.exercises}
    assert kinds == {ExerciseKind.CLOZE, ExerciseKind.MULTIPLE_CHOICE}
    n = len(course.concepts)
    assert course.report.drop_reasons == {
        "answer given away by the prompt": n,
        "answer not exactly once among the choices": n,
    }
    assert course.report.exercises_dropped == 2 * n
    assert course.report.engine == "fake"
    assert course.report.pages == sum(s.pages for s in course.sources) >= 2
    assert {s.name for s in course.sources} == {"01-basics.md", "02-events.pdf"}
    # the structural check runs before the engine's: the bad exercise never reached it
    assert not any(e.endswith("-bad") for e in engine.checked)
    # progress: every step reported, counts well-formed, fan-outs reach their totals
    steps = [e["step"] for e in events]
    for step in ("read", "index", "extract", "merge", "link", "relate", "write", "check", "save"):
        assert step in steps, step
    assert all(set(e) == {"step", "done", "total", "message"} for e in events)
    assert all(0 <= e["done"] <= e["total"] for e in events)
    writes = [e for e in events if e["step"] == "write"]
    assert max(e["done"] for e in writes) == n == writes[-1]["total"]
    # the index is built beside the understanding steps, which run in order
    in_order = [s for s in dict.fromkeys(steps) if s != "index"]
    assert in_order == ["read", "extract", "merge", "link", "relate", "write", "check", "save"]
    assert steps.index("index") > steps.index("read")
    assert steps.index("save") > max(i for i, s in enumerate(steps) if s == "index")
    assert set(result.stage_seconds) >= {"read_sources", "index_passages", "extract_concepts",
                                         "write_exercises", "check_exercises", "save_course"}
    # the passage index was built under .build/
    assert (folder / ".build").is_dir()


def test_the_passage_index_is_left_to_the_first_lesson_unless_asked_for(tmp_path, tutor_home):
    from tutor.teach.passage_upkeep import MISSING, index_state

    folder = write_course(tmp_path / "lazy")
    lessons_build_it = TutorContext.from_env(engine="offline", build_passages=True)
    events: list[dict] = []
    result = build_course(folder, context=lessons_build_it, engine=FakeEngine(),
                          on_progress=events.append)
    assert result.ok and not (folder / ".build" / "chroma").exists()
    assert index_state(folder) == MISSING  # what the first lesson looks at
    assert "index" not in {e["step"] for e in events}
    build_course(folder, context=lessons_build_it, engine=FakeEngine(), index=True)
    assert index_state(folder) != MISSING
    # lessons that do not build it (TUTOR_BUILD_PASSAGES=0): the build does
    other = write_course(tmp_path / "eager")
    build_course(other, context=TutorContext.from_env(engine="offline", build_passages=False),
                 engine=FakeEngine())
    assert index_state(other) != MISSING
    # vectors on a Chroma server: the build fills it, so app replicas do not race to
    from tutor.study.build import _indexes

    served = TutorContext.from_env(engine="offline", build_passages=True,
                                   chroma_url="http://chroma.invalid:8000")
    assert _indexes(served, None) and not _indexes(lessons_build_it, None)


def test_the_first_lesson_indexes_the_passages_the_build_kept(tmp_path, tutor_home, monkeypatch):
    import os

    from tutor.ingest import sources as ingest_sources
    from tutor.study import build as study_build

    folder = write_course(tmp_path / "kept")
    lessons_build_it = TutorContext.from_env(engine="offline", build_passages=True)
    build_course(folder, context=lessons_build_it, engine=FakeEngine())
    assert (folder / ".build" / study_build.PENDING_PASSAGES).is_file()
    read: list[str] = []
    real_read = ingest_sources.read_source

    def counted(path, *args, **kwargs):
        read.append(Path(path).name)
        return real_read(path, *args, **kwargs)

    monkeypatch.setattr("tutor.ingest.read_source", counted)
    index = study_build.ensure_passage_index(folder, rebuild=True)
    assert read == [] and index.chunks  # the build's passages, no source read again
    assert not (folder / ".build" / study_build.PENDING_PASSAGES).exists()
    kept_ids = [c.id for c in index.chunks]
    # a source only touched (same bytes, a new time): the build's passages still serve
    build_course(folder, context=lessons_build_it, engine=FakeEngine())
    read.clear()
    source = sorted(folder.glob("*.md"))[0]
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 10**9))
    touched = study_build.ensure_passage_index(folder, rebuild=True)
    assert read == [] and [c.id for c in touched.chunks] == kept_ids
    # a source whose bytes changed since the build: the sources are read again
    build_course(folder, context=lessons_build_it, engine=FakeEngine())
    read.clear()
    source.write_text(source.read_text(encoding="utf-8") + "\nOne more line.\n",
                      encoding="utf-8")
    study_build.ensure_passage_index(folder, rebuild=True)
    assert sorted(read) == sorted(p.name for p in folder.iterdir()
                                  if p.suffix in (".md", ".pdf"))


def test_bad_sources_are_listed_and_the_rest_still_builds(tmp_path, context):
    from pypdf import PdfWriter

    folder = write_course(tmp_path / "mixed")
    (folder / "03-fake.pdf").write_text("this is not a PDF at all", encoding="utf-8")
    locked = PdfWriter(clone_from=str(write_pdf(tmp_path / "plain.pdf", [PDF_LINES])))
    locked.encrypt("secret")
    locked.write(folder / "04-locked.pdf")

    result = build_course(folder, context=context, engine=FakeEngine())

    assert not result.ok and result.course is not None
    failed = {f.source: f.error for f in result.report.failed_sources}
    assert set(failed) == {"03-fake.pdf", "04-locked.pdf"}
    for name, error in failed.items():
        assert name in error and "\n" not in error
    assert Course.load(folder / "course.json").report.failed_sources == result.report.failed_sources
    assert {s.name for s in result.course.sources} == {"01-basics.md", "02-events.pdf"}


def test_nothing_readable_leaves_the_old_course_alone(tmp_path, context):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "only.pdf").write_bytes(b"%PDF-1.4 garbage")
    (folder / "course.json").write_text("old", encoding="utf-8")
    result = build_course(folder, context=context, engine=FakeEngine())
    assert result.course_path is None and not result.ok
    assert [f.source for f in result.report.failed_sources] == ["only.pdf"]
    assert (folder / "course.json").read_text(encoding="utf-8") == "old"


def test_a_crash_while_saving_keeps_the_old_course(tmp_path, context, monkeypatch):
    folder = write_course(tmp_path / "crash")
    build_course(folder, context=context, engine=FakeEngine(), title="First")
    before = (folder / "course.json").read_bytes()

    import os

    real_fsync = os.fsync

    def crash(fd: int) -> None:  # the new text is being written when the "power goes"
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError, match="disk full"):
        build_course(folder, context=context, engine=FakeEngine(), title="Second")
    monkeypatch.setattr(os, "fsync", real_fsync)

    assert (folder / "course.json").read_bytes() == before
    assert Course.load(folder / "course.json").title == "First"
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_single_pdf_becomes_a_course_under_the_home(tmp_path, context, tutor_home):
    pdf = write_pdf(tmp_path / "Set Theory.pdf", [PDF_LINES])
    result = build_course(pdf, context=context, engine=FakeEngine())
    folder = tutor_home / "courses" / "set-theory"
    assert result.folder == folder and (folder / "Set Theory.pdf").is_file()
    assert Course.load(folder / "course.json").title == "Set theory"


def test_unknown_targets_are_user_errors(tmp_path, context):
    with pytest.raises(CourseError, match="no such course"):
        build_course("no-such-course", context=context, engine=FakeEngine())
    (tmp_path / "empty").mkdir()
    with pytest.raises(CourseError, match="no PDF, Markdown or text"):
        build_course(tmp_path / "empty", context=context, engine=FakeEngine())


def test_acyclic_prerequisites_keeps_the_stronger_edge_of_a_cycle():
    edges = [
        Prerequisite(prerequisite="a", concept="b", weight=0.9),
        Prerequisite(prerequisite="b", concept="c", weight=0.8),
        Prerequisite(prerequisite="c", concept="a", weight=0.2),  # closes a -> b -> c -> a
        Prerequisite(prerequisite="a", concept="a"),
        Prerequisite(prerequisite="a", concept="ghost"),
        Prerequisite(prerequisite="a", concept="b", weight=0.5),  # duplicate, weaker
    ]
    kept = acyclic_prerequisites(edges, ["a", "b", "c"])
    assert [(e.prerequisite, e.concept, e.weight) for e in kept] == [
        ("a", "b", 0.9), ("b", "c", 0.8)]


def test_exercise_problems_name_contract_breaches():
    mc = Exercise(id="x", concept_id="c", kind=ExerciseKind.MULTIPLE_CHOICE, prompt="Which?",
                  answer="mean", choices=["mean", "median", "mode"])
    assert exercise_problems(mc, "c") == []
    assert exercise_problems(mc, "other") == ["written for another concept"]
    twice = mc.model_copy(update={"choices": ["mean", "Mean ", "mode"]})
    assert exercise_problems(twice, "c") == ["answer not exactly once among the choices"]
    tf = Exercise(id="t", concept_id="c", kind=ExerciseKind.TRUE_FALSE, prompt="Is it?",
                  answer="yes", choices=["True", "False"])
    assert exercise_problems(tf, "c") == ["true/false answer is neither True nor False"]



def test_drop_reasons_are_counted_without_pages_or_figures():
    from tutor.study.rules import reason_category

    assert reason_category(
        "not answerable from book.pdf p. 23: only 20% of the answer's key words are there"
    ) == "not answerable"
    assert reason_category("key points not found in a.pdf p. 140, a.pdf p. 138") == (
        "key points not found")
    assert reason_category("answer given away by the prompt: only the correct option names x") == (
        "answer given away by the prompt")
    assert reason_category("") == "rejected by the checker"


def test_a_missing_passage_index_is_rebuilt_from_the_sources(tmp_path, context):
    import shutil

    from tutor.study import ensure_passage_index

    folder = write_course(tmp_path / "fresh-checkout")
    build_course(folder, context=context, engine=FakeEngine())
    before = (folder / "course.json").read_bytes()
    built = ensure_passage_index(folder)
    shutil.rmtree(folder / ".build")

    rebuilt = ensure_passage_index(folder)

    assert [c.id for c in rebuilt.chunks] == [c.id for c in built.chunks]
    assert rebuilt.search("sample space", 1)
    assert (folder / "course.json").read_bytes() == before


def test_builds_with_one_task_at_a_time(tmp_path, context):
    # The understanding subgraph holds a worker while its steps run on the same pool: with one
    # worker the build used to wait for ever. A generous guard turns a hang into a failure.
    import threading

    folder = write_course(tmp_path / "probability")
    results: list = []
    worker = threading.Thread(
        target=lambda: results.append(build_course(folder, context=context, engine=FakeEngine(),
                                                   max_concurrency=1)),
        daemon=True)
    worker.start()
    worker.join(timeout=300)
    assert results and results[0].ok and results[0].course.concepts
