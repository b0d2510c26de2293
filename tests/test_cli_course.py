"""``tutor course build|list|show`` through the real command line, and the sample course
built end to end by the offline engine."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.factories import FakeEngine, assert_invariants, write_course, write_pdf
from tutor.cli.main import app, main
from tutor.course import Course, ExerciseKind

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "courses" / "probability-basics"

runner = CliRunner()


@pytest.fixture()
def fake_engine(monkeypatch):
    """The CLI picks its engine through make_engine; hand it the fake one."""
    import tutor.engine.select

    monkeypatch.setattr(tutor.engine.select, "make_engine", lambda context: FakeEngine())


def test_build_with_bad_sources_exits_1_and_names_them(tmp_path, fake_engine):
    from pypdf import PdfWriter

    folder = write_course(tmp_path / "mixed")
    (folder / "fake.pdf").write_text("plain words, no PDF here", encoding="utf-8")
    locked = PdfWriter(clone_from=str(write_pdf(tmp_path / "plain.pdf", [["Some words."]])))
    locked.encrypt("secret")
    locked.write(folder / "locked.pdf")

    result = runner.invoke(app, ["course", "build", str(folder), "--engine", "offline"])

    assert result.exit_code == 1, result.output
    assert "2 source(s) failed" in result.stderr
    failure_lines = [ln.strip() for ln in result.stderr.splitlines() if ".pdf:" in ln]
    assert {ln.split(":")[0] for ln in failure_lines} == {"fake.pdf", "locked.pdf"}
    course = Course.load(folder / "course.json")
    assert course.concepts and {s.name for s in course.sources} == {"01-basics.md",
                                                                     "02-events.pdf"}
    assert "concepts" in result.stdout and "prerequisite edges" in result.stdout


def test_build_then_list_and_show(tutor_home, fake_engine):
    write_course(tutor_home / "courses" / "chance")
    built = runner.invoke(app, ["course", "build", "chance", "--title", "Chance", "-q"])
    assert built.exit_code == 0, built.output
    assert "exercises" in built.stdout and "dropped exercises" in built.stdout
    assert "without an exercise" not in built.stdout  # every concept of this one has one

    listed = runner.invoke(app, ["course", "list"])
    assert listed.exit_code == 0 and "chance" in listed.stdout and "Chance" in listed.stdout

    shown = runner.invoke(app, ["course", "show", "chance"])
    assert shown.exit_code == 0, shown.output
    course = Course.load(tutor_home / "courses" / "chance" / "course.json")
    positions = [shown.stdout.index(f". {course.concept(cid).name}\n")
                 for cid in course.teaching_order()]
    assert positions == sorted(positions)
    assert "needs: sample space" in shown.stdout and "see: 01-basics.md p. 1" in shown.stdout

    as_json = runner.invoke(app, ["course", "show", "chance", "--json"])
    assert Course.model_validate(json.loads(as_json.stdout)) == course


def test_user_errors_exit_2(tutor_home):
    missing = runner.invoke(app, ["course", "build", "no-such-course"])
    assert missing.exit_code == 2 and "no such course" in missing.stderr
    assert runner.invoke(app, ["course", "show", "nothing-here"]).exit_code == 2
    wrong = runner.invoke(app, ["course", "build", "x", "--engine", "gpt"])
    assert wrong.exit_code == 2 and "unknown engine" in wrong.stderr
    # no key: the Claude engine cannot run here (or is not there yet); either way a user error
    write_course(tutor_home / "courses" / "chance")
    claude = runner.invoke(app, ["course", "build", "chance", "--engine", "claude", "-q"])
    assert claude.exit_code == 2 and "error:" in claude.stderr


def test_the_console_script_returns_the_build_status(tmp_path, fake_engine, capsys):
    folder = write_course(tmp_path / "status")
    assert main(["course", "build", str(folder), "-q"]) == 0
    (folder / "broken.pdf").write_bytes(b"not a pdf")
    assert main(["course", "build", str(folder), "-q"]) == 1
    assert main(["course", "build", str(tmp_path / "nowhere")]) == 2


def test_the_console_script_reports_a_usage_error_in_one_message(tmp_path, capsys):
    """An unknown option is a usage error (status 2, click's message), not a traceback."""
    assert main(["course", "index", str(tmp_path), "--no-such-option"]) == 2
    err = capsys.readouterr().err
    assert "No such option" in err and "Traceback" not in err


def test_sample_course_is_committed_and_valid():
    course = Course.load(SAMPLE / "course.json")
    assert_invariants(course)
    assert {s.kind.value for s in course.sources} >= {"pdf", "markdown"}
    assert course.prerequisites and len(course.concepts) >= 10


@pytest.mark.e2e
def test_sample_course_builds_end_to_end_offline(tmp_path):
    """`tutor course build` of a copy of the sample course, with the real offline engine."""
    folder = tmp_path / "probability-basics"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".build", "course.json"))

    result = runner.invoke(app, ["course", "build", str(folder), "--engine", "offline"])

    assert result.exit_code == 0, result.output
    course = Course.load(folder / "course.json")
    assert_invariants(course)
    assert course.report.engine == "offline" and not course.report.failed_sources
    assert len(course.concepts) >= 10 and course.prerequisites
    kinds = {e.kind for e in course.exercises}  # one definition item per concept: no fixed mix
    assert ExerciseKind.MULTIPLE_CHOICE in kinds and len(kinds) >= 2
    assert (folder / ".build").is_dir()
    for name in ("sample space", "probability", "random variable"):
        assert any(c.name.lower() == name for c in course.concepts), name


def test_make_engine_follows_the_context(tutor_home):
    from tutor.context import TutorContext
    from tutor.engine.select import make_engine
    from tutor.errors import EngineUnavailable

    assert make_engine(TutorContext.from_env(engine="offline")).name == "offline"
    assert make_engine(TutorContext.from_env(engine="auto")).name == "offline"  # no key set
    with pytest.raises(EngineUnavailable, match="offline"):
        make_engine(TutorContext.from_env(engine="claude"))


def test_a_build_leaves_its_objects_to_the_process_end_unless_chroma_is_open(
        tmp_path, fake_engine, monkeypatch):
    """The build command freezes the objects the build left when the process ends (the
    interpreter's last collection would walk them all), not when a Chroma store is open."""
    import atexit
    import gc
    import sys

    registered: list[object] = []
    monkeypatch.setattr(atexit, "register", registered.append)
    monkeypatch.setenv("TUTOR_BUILD_PASSAGES", "1")  # the index is left to the first lesson
    monkeypatch.delitem(sys.modules, "chromadb", raising=False)
    folder = write_course(tmp_path / "course")
    assert main(["course", "build", str(folder), "--engine", "offline", "--quiet"]) == 0
    assert gc.freeze in registered
    registered.clear()
    monkeypatch.setitem(sys.modules, "chromadb", object())
    assert main(["course", "build", str(folder), "--engine", "offline", "--quiet"]) == 0
    assert gc.freeze not in registered


def test_a_bug_prints_a_short_message_and_saves_a_report(tutor_home, monkeypatch, capsys):
    import tutor.cli.main as cli_main

    def failing(**_: object) -> None:
        raise IndexError("list index out of range")

    monkeypatch.setattr(cli_main, "app", failing)
    monkeypatch.delenv("TUTOR_DEBUG", raising=False)
    assert main(["course", "build", "x"]) == 1
    err = capsys.readouterr().err
    assert "internal error (IndexError: list index out of range)" in err
    assert "Traceback" not in err
    reports = list((tutor_home / ".tutor" / "crashes").glob("crash-*.txt"))
    assert len(reports) == 1 and str(reports[0]) in err
    report = reports[0].read_text()
    assert "command: tutor course build x" in report and "IndexError" in report
    assert "Traceback (most recent call last)" in report
    monkeypatch.setenv("TUTOR_DEBUG", "1")
    with pytest.raises(IndexError):
        main(["course", "build", "x"])


def test_the_build_summary_counts_the_concepts_without_an_exercise(tmp_path, capsys):
    from tests.factories import make_course
    from tutor.cli.course_commands import _print_summary
    from tutor.course import BuildReport
    from tutor.study.build import BuildResult

    course = make_course()
    course = course.model_copy(update={"exercises": [
        e for e in course.exercises if e.concept_id not in {"array", "sorting"}]})
    report = BuildReport(concepts=len(course.concepts))
    _print_summary(BuildResult(folder=tmp_path, course_path=tmp_path / "course.json",
                               course=course, report=report))
    said = " ".join(capsys.readouterr().out.split())
    assert "(2 without an exercise" in said
