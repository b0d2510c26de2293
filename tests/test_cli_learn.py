"""The terminal tutor end to end: a scripted session, then the progress report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.factories import COURSE, cloze_first_course
from tutor.cli.main import app, main

SESSION = "\n".join(
    [
        "/hint",
        "/ask What is a hash table?",
        "just tell me the answer",
        "a list",
        "/frobnicate",
        "/giveup",  # the give-up retires array's only item for today: sorting comes next
        "/quit",
    ]
) + "\n"


@pytest.fixture
def course_home(tutor_home: Path) -> Path:
    folder = tutor_home / "courses" / COURSE
    folder.mkdir(parents=True)
    (folder / "course.json").write_text(cloze_first_course().to_json(), encoding="utf-8")
    return tutor_home


def test_a_scripted_terminal_session(course_home: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["learn", COURSE, "--learner", "Ana", "--engine", "offline"], input=SESSION
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Exercise" in out and "Explanation" in out
    assert "Exercise: array" not in out  # the panel title would give the cloze's key away
    assert "Hint 1" in out and "Hint 2" in out  # /hint, then the answer request gets a hint
    assert "notes.md p. 4" in out  # the free question is answered with its page
    assert "Not yet" in out
    # Array's only item is used up: its answer is shown, the idea taught again, and the day
    # goes on with sorting, which builds on it, rather than ending.
    assert "The answer is array" in out.replace("*", "")
    assert "Come back tomorrow" not in " ".join(out.replace("│", " ").split())
    assert "What does sorting do to the elements?" in out
    assert "Unknown command /frobnicate" in out
    # /quit closes the session and says that the progress is kept.
    assert out.rstrip().endswith("Lesson saved; `tutor learn` resumes it.")

    report = runner.invoke(app, ["progress", COURSE, "--learner", "Ana", "--json"])
    assert report.exit_code == 0, report.output
    data = json.loads(report.output)
    rows = {row["concept_id"]: row for row in data["progress"]}
    assert data["learner"] == "ana" and data["concepts"] == 4
    assert rows["array"]["attempts"] == 2 and rows["array"]["correct"] == 0
    assert rows["sorting"]["attempts"] == 0
    assert data["reviews_due"] == []

    table = runner.invoke(app, ["progress", COURSE, "--learner", "Ana"])
    assert table.exit_code == 0 and "0 of 4 concepts mastered" in table.output


def test_resume_in_a_new_terminal_session(course_home: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["learn", COURSE, "--learner", "ben"], input="a list\n")
    assert first.exit_code == 0 and "Lesson saved" in first.output  # end of input
    again = runner.invoke(app, ["learn", COURSE, "--learner", "ben"], input="/quit\n")
    assert again.exit_code == 0
    assert "Welcome back" in again.output and "Exercise" in again.output
    assert "Exercise: array" not in again.output


def test_progress_of_an_unknown_learner_is_a_one_line_error(
    course_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["progress", COURSE, "--learner", "nobody"]) == 2
    assert "no learner 'nobody'" in capsys.readouterr().err


@pytest.mark.e2e
def test_the_tutor_command_reads_stdin(course_home: Path) -> None:
    env = {**os.environ, "TUTOR_ENGINE": "offline"}
    done = subprocess.run(
        [sys.executable, "-m", "tutor.cli.main", "learn", COURSE, "--learner", "cleo"],
        input="/hint\narray\n/quit\n", capture_output=True, text=True, env=env, timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert "Hint 1" in done.stdout and "Right" in done.stdout


def test_a_transcript_holds_exactly_what_was_shown_with_exercise_ids(
    course_home: Path, tmp_path: Path
) -> None:
    log = tmp_path / "session.jsonl"
    result = CliRunner().invoke(
        app, ["learn", COURSE, "--learner", "Eva", "--engine", "offline", "--transcript",
              str(log)], input="a list\n/hint\n/giveup\n",
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert {"from", "kind", "text", "exercise", "concept"} <= set(rows[0])
    posed = [r for r in rows if r["from"] == "tutor" and r["kind"] == "exercise"]
    first = posed[0]["exercise"]
    assert first is not None and posed[0]["concept"] == "array"
    learner = [r for r in rows if r["from"] == "learner"]
    assert [r["kind"] for r in learner] == ["attempt", "hint_request", "give_up"]
    assert learner[0]["text"] == "a list" and {r["exercise"] for r in learner} == {first}
    feedback = next(r for r in rows if r["kind"] == "feedback")
    assert feedback["exercise"] == first
    assert any(r["kind"] == "answer" and r["exercise"] == first for r in rows)
    # nothing before the first attempt names the key of the first exercise
    before = rows[: rows.index(learner[0])]
    assert not any("array" in r["text"].lower() for r in before if r["kind"] == "exercise")


def test_a_transcript_path_that_cannot_be_written_is_a_one_line_error(
    course_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert main(["learn", COURSE, "--learner", "Eva", "--engine", "offline", "--transcript",
                 str(blocker / "session.jsonl")]) == 2
    said = capsys.readouterr().err
    assert "cannot write the transcript" in said and "--transcript" in said
    assert "internal error" not in said
    # a folder that does not exist yet is made, as an export's is
    log = tmp_path / "new" / "session.jsonl"
    result = CliRunner().invoke(app, ["learn", COURSE, "--learner", "Eva", "--engine",
                                      "offline", "--transcript", str(log)], input="/quit\n")
    assert result.exit_code == 0, result.output
    assert log.read_text(encoding="utf-8").strip()
