"""Markdown lessons: a lesson per concept in prerequisite order, answer key apart, any engine."""

from __future__ import annotations

from pathlib import Path

from tutor.cli.main import main
from tutor.course import Concept, Course, Exercise, ExerciseKind, Prerequisite
from tutor.engine.claude.batch import BatchRunner
from tutor.engine.offline import OfflineEngine
from tutor.lessons import generate_lessons, generate_lessons_batch
from tutor.testing.claude_replies import TutorResponder, claude_engine, sample_chunks
from tutor.testing.fake_anthropic import FakeAnthropic

CHUNKS = sample_chunks()


def _course() -> Course:
    concepts = [
        Concept(id="binary-search", name="Binary search", citations=[CHUNKS[2].citation()],
                definition=CHUNKS[2].text.split(".")[0] + ".", first_order=0),
        Concept(id="array", name="array", definition=CHUNKS[0].text.split(".")[0] + ".",
                citations=[CHUNKS[0].citation()], first_order=1),
    ]
    cloze = Exercise(id="array-1", concept_id="array", kind=ExerciseKind.CLOZE,
                     prompt="An ____ stores elements next to each other in memory.",
                     answer="array", explanation="That is the definition.",
                     citations=[CHUNKS[0].citation()])
    return Course(title="Searching", slug="searching", concepts=concepts, exercises=[cloze],
                  prerequisites=[Prerequisite(prerequisite="array", concept="binary-search")])


def _check_lessons(out: Path) -> tuple[str, str, str]:
    index = (out / "index.md").read_text()
    assert index.index("[array](01-array.md)") < index.index("[Binary search](02-binary-search.md)")
    first = (out / "01-array.md").read_text()
    second = (out / "02-binary-search.md").read_text()
    key = (out / "answers" / "01-array.md").read_text()
    for lesson in (first, second):
        assert "## Explanation" in lesson and "## Worked example" in lesson
        assert "## Exercises" in lesson and "(answers/" in lesson
    assert "[array](01-array.md)" in second  # the prerequisite is linked
    exercises = first.split("## Exercises")[1]
    assert "An ____ stores elements" in exercises and "array" not in exercises.split("Answers:")[0]
    assert "1. **array**" in key and "notes.md p. 1" in key
    assert (out / "answers" / "02-binary-search.md").read_text().count("**") >= 2
    return first, second, key


def test_offline_lessons(tmp_path):
    result = generate_lessons(_course(), OfflineEngine(), tmp_path / "out", CHUNKS)
    assert [lesson.concept_id for lesson in result.lessons] == ["array", "binary-search"]
    assert result.engine == "offline"
    _check_lessons(tmp_path / "out")


def test_claude_lessons_one_request_at_a_time(tmp_path):
    with FakeAnthropic(TutorResponder()) as fake:
        engine = claude_engine(fake).with_course(_course())
        result = generate_lessons(_course(), engine, tmp_path / "out", CHUNKS)
        assert result.fallbacks == 0
        first, _, _ = _check_lessons(tmp_path / "out")
        assert "**array**: An array is" in first  # Claude's explanation, not the offline one


def test_claude_lessons_in_one_batch(tmp_path):
    with FakeAnthropic(TutorResponder(), batch_polls=2) as fake:
        engine = claude_engine(fake)
        runner = BatchRunner(engine.client, tmp_path / "state.json", usage=engine.usage,
                             sleep=lambda s: None)
        result = generate_lessons_batch(_course(), engine, tmp_path / "out", CHUNKS, runner)
        assert result.fallbacks == 0
        assert fake.message_requests() == []  # everything went through the batch
        (batch,) = fake.batches.values()
        ids = sorted(item["custom_id"] for item in batch["requests"])
        assert ids == ["c0000-def", "c0000-ex", "c0001-def", "c0001-ex", "c0001-exercises"]
        _check_lessons(tmp_path / "out")
        assert all(r.batch for r in engine.usage.records())


def _course_folder(home: Path) -> Path:
    folder = home / "courses" / "searching"
    folder.mkdir(parents=True)
    (folder / "course.json").write_text(_course().to_json())
    (folder / "notes.md").write_text("# Arrays\n\n" + CHUNKS[0].text + "\n\n# Binary search\n\n"
                                     + CHUNKS[2].text + "\n")
    return folder


def test_cli_generates_offline_lessons(tutor_home, tmp_path):
    _course_folder(tutor_home)
    assert main(["lesson", "generate", "searching", "--out", str(tmp_path / "out")]) == 0
    _check_lessons(tmp_path / "out")


def test_cli_lessons_to_a_folder_it_cannot_make_is_a_one_line_error(tutor_home, tmp_path,
                                                                       capsys):
    _course_folder(tutor_home)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    code = main(["lesson", "generate", "searching", "--out", str(blocker / "out")])
    said = capsys.readouterr().err
    assert code == 2 and "cannot write lessons to" in said and "internal error" not in said


def test_cli_batch_needs_claude(tutor_home, tmp_path, capsys):
    _course_folder(tutor_home)
    code = main(["lesson", "generate", "searching", "--out", str(tmp_path / "o"), "--batch"])
    assert code == 2 and "--engine claude" in capsys.readouterr().err


def test_cli_claude_batch_resumes_from_its_state_file(tutor_home, tmp_path, monkeypatch):
    folder = _course_folder(tutor_home)
    with FakeAnthropic(TutorResponder(), batch_polls=1) as fake:
        monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key")
        monkeypatch.setenv("ANTHROPIC_BASE_URL", fake.url)
        args = ["lesson", "generate", "searching", "--out", str(tmp_path / "out"),
                "--engine", "claude", "--batch", "--poll-seconds", "0"]
        assert main(args) == 0
        assert (folder / ".build" / "lessons.batch.json").exists()
        _check_lessons(tmp_path / "out")
        assert main(args) == 0  # a second run reuses the finished batch
        assert len([r for r in fake.requests if r.method == "POST"]) == 1
