"""Author edits survive rebuilds (issue 14): definition and exercise edits, approvals and
deletions live in an overlay keyed by stable ids and are laid over every new build; the shell
(`tutor course review`) and the Author page use the same functions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app_support import SAMPLE_NAME, install_sample, new_app, prepared_sample
from tutor import authoring
from tutor.cli.main import main
from tutor.context import TutorContext
from tutor.course import Course
from tutor.errors import CourseError
from tutor.overlay import EDITS_FILE, load_edits, unmatched_edits
from tutor.roles import add_author

MATERIAL = """# Averages

The **mean** is the sum of the values divided by how many values there are.

The **median** is the middle value once the values are sorted.

## Spread

The **variance** is the average of the squared distances from the mean.

The **standard deviation** is the square root of the variance.

## Ranges

The **range** is the difference between the largest and the smallest value.

The **interquartile range** is the difference between the third and the first quartile.

## Shape

The **skewness** is a measure of how far a distribution leans to one side.
"""


def build(folder: Path) -> Course:
    from tutor.study.build import build_course

    result = build_course(folder, context=TutorContext.from_env(engine="offline"))
    assert result.course is not None
    return Course.load(folder / "course.json")


@pytest.fixture
def built(tutor_home: Path) -> Path:
    folder = tutor_home / "courses" / "stats"
    folder.mkdir()
    (folder / "notes.md").write_text(MATERIAL)
    course = build(folder)
    assert len(course.concepts) >= 3 and len(course.exercises) >= 6
    return folder


def test_every_kind_of_edit_survives_a_rebuild(built: Path):
    course = Course.load(built / "course.json")
    first, doomed = course.concepts[0], course.concepts[-1]
    keep = [e for e in course.exercises if e.concept_id not in (doomed.id,)]
    approved = [e.id for e in keep[:3]]
    deleted = keep[3].id
    edited = next(e for e in keep[4:] if e.id not in approved)
    authoring.edit_concept(built, first.id, definition="An edited definition.")
    for exercise_id in approved:
        authoring.mark_reviewed(built, exercise_id)
    authoring.delete_exercise(built, deleted)
    authoring.edit_exercise(built, edited.id, prompt="An edited prompt?",
                            explanation="Edited explanation.")
    authoring.delete_concept(built, doomed.id)

    rebuilt = build(built)
    assert rebuilt.concept(first.id).definition == "An edited definition."
    assert sorted(e.id for e in rebuilt.exercises if e.reviewed) == sorted(approved)
    ids = {e.id for e in rebuilt.exercises}
    assert deleted not in ids
    assert rebuilt.exercise(edited.id).prompt == "An edited prompt?"
    assert rebuilt.exercise(edited.id).explanation == "Edited explanation."
    assert doomed.id not in {c.id for c in rebuilt.concepts}
    assert not rebuilt.exercises_for(doomed.id)
    assert unmatched_edits(rebuilt, load_edits(built)) == [f"concept {doomed.id}"] or \
        doomed.id not in {c.id for c in rebuilt.concepts}


def test_an_exercise_edit_must_stay_well_formed(built: Path):
    course = Course.load(built / "course.json")
    choice = next(e for e in course.exercises if e.choices and len(e.choices) > 2)
    with pytest.raises(CourseError, match="exactly one of the choices"):
        authoring.edit_exercise(built, choice.id, answer="not one of them")
    with pytest.raises(CourseError, match="cannot be empty"):
        authoring.edit_exercise(built, choice.id, prompt="  ")
    assert not (built / EDITS_FILE).exists() or not load_edits(built).exercises


def test_review_from_the_shell_survives_a_rebuild(built: Path, capsys: pytest.CaptureFixture):
    course = Course.load(built / "course.json")
    first, second, third = (e.id for e in course.exercises[:3])
    assert main(["course", "review", "stats", "--approve", first, "--approve", second,
                 "--delete", third]) == 0
    out = capsys.readouterr().out
    listing = [line for line in out.splitlines() if line.startswith("[")]
    assert f"[x] {first}" in out and f"[x] {second}" in out
    assert not any(line[4:].startswith(f"{third} ") for line in listing)
    rebuilt = build(built)
    assert rebuilt.exercise(first).reviewed and rebuilt.exercise(second).reviewed
    assert third not in {e.id for e in rebuilt.exercises}
    assert main(["course", "review", "stats", "--unreviewed"]) == 0
    listed = capsys.readouterr().out
    assert first not in listed and f"{len(rebuilt.exercises) - 2} not reviewed" in listed


def test_review_from_the_shell_takes_a_course_folder_as_every_command_does(
        built: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    # `tutor course review ./ycoding` said "'./ycoding' is not a valid course name" where
    # `tutor learn` and `tutor export` take the folder.
    first = Course.load(built / "course.json").exercises[0].id
    monkeypatch.chdir(built.parent)
    assert main(["course", "review", "./stats", "--approve", first]) == 0
    assert f"[x] {first}" in capsys.readouterr().out
    assert main(["course", "review", str(built), "--unreviewed"]) == 0
    assert first not in capsys.readouterr().out


@pytest.fixture(scope="session")
def sample_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return prepared_sample(tmp_path_factory.mktemp("sample"))


def test_author_page_bulk_approves_filters_and_edits_inline(sample_copy: Path,
                                                            tutor_home: Path):
    folder = install_sample(sample_copy, tutor_home)
    add_author(tutor_home / ".tutor", "Grace", "compilers are fun")
    at = new_app().switch_page("webapp/author.py").run()
    at.text_input(key="author_name").set_value("Grace")
    at.text_input(key="author_secret").set_value("compilers are fun")
    next(b for b in at.button if b.label == "Sign in as author").click().run()
    course = Course.load(folder / "course.json")
    concept = at.selectbox(key="exercise_filter").value
    shown = course.exercises_for(concept)
    at.button(key="approve_shown").click().run()
    assert not at.exception, at.exception
    after = Course.load(folder / "course.json")
    assert all(after.exercise(e.id).reviewed for e in shown)
    assert sum(e.reviewed for e in after.exercises) == len(shown)
    at.checkbox(key="only_unreviewed").check().run()
    assert not any(c.key and c.key.startswith("rev-") for c in at.checkbox)  # all reviewed
    at.checkbox(key="only_unreviewed").uncheck().run()
    target = shown[0]
    at.text_area(key=f"ex-prompt-{target.id}").set_value("A prompt edited inline?")
    next(b for b in at.button if b.label == "Save exercise").click().run()
    assert not at.exception, at.exception
    assert Course.load(folder / "course.json").exercise(target.id).prompt == \
        "A prompt edited inline?"
    assert load_edits(folder).exercises[target.id].prompt == "A prompt edited inline?"
    assert SAMPLE_NAME == folder.name


def test_a_download_does_not_rerun_the_author_page(sample_copy: Path, tutor_home: Path):
    """A rerun after every download sent the author back to the first tab."""
    install_sample(sample_copy, tutor_home)
    add_author(tutor_home / ".tutor", "Grace", "compilers are fun")
    at = new_app().switch_page("webapp/author.py").run()
    at.text_input(key="author_name").set_value("Grace")
    at.text_input(key="author_secret").set_value("compilers are fun")
    next(b for b in at.button if b.label == "Sign in as author").click().run()
    at.selectbox(key="export_format").set_value("gift").run()
    [download] = at.get("download_button")
    assert download.proto.ignore_rerun
