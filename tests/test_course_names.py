"""One way to name a course: by name under the tutor home, or by its folder, in every command;
and course slugs that keep accented titles readable and never merge non-Latin ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.factories import cloze_first_course
from tutor.catalog import course_key, resolve_course_dir
from tutor.cli.main import app, main
from tutor.errors import CourseError
from tutor.home import check_slug, slugify


@pytest.fixture
def outside_course(tmp_path: Path) -> Path:
    """A built course in a folder outside the tutor home."""
    folder = tmp_path / "elsewhere" / "my-demo"
    folder.mkdir(parents=True)
    (folder / "course.json").write_text(cloze_first_course().to_json(), encoding="utf-8")
    return folder


def test_learn_and_progress_take_a_course_folder(outside_course: Path) -> None:
    runner = CliRunner()
    learned = runner.invoke(app, ["learn", str(outside_course), "--learner", "Ana",
                                  "--engine", "offline"], input="array\n/quit\n")
    assert learned.exit_code == 0, learned.output
    assert "Right" in learned.output
    by_path = runner.invoke(app, ["progress", str(outside_course), "--learner", "Ana", "--json"])
    assert by_path.exit_code == 0, by_path.output
    rows = {r["concept_id"]: r for r in json.loads(by_path.output)["progress"]}
    assert rows["array"]["attempts"] == 1 and rows["array"]["correct"] == 1
    # the same course through its course.json path: the same learner data
    by_file = runner.invoke(app, ["progress", str(outside_course / "course.json"),
                                  "--learner", "Ana", "--json"])
    assert json.loads(by_file.output) == json.loads(by_path.output)


def test_lesson_generate_takes_a_course_folder(outside_course: Path, tmp_path: Path) -> None:
    out = tmp_path / "lessons"
    assert main(["lesson", "generate", str(outside_course), "--out", str(out)]) == 0
    assert (out / "index.md").is_file() and (out / "answers").is_dir()


def test_a_name_and_its_folder_resolve_to_the_same_course(tutor_home: Path) -> None:
    folder = tutor_home / "courses" / "demo"
    folder.mkdir(parents=True)
    (folder / "course.json").write_text(cloze_first_course().to_json(), encoding="utf-8")
    assert resolve_course_dir("demo", tutor_home) == resolve_course_dir(str(folder), tutor_home)
    assert course_key(resolve_course_dir("demo", tutor_home)) == "demo"


@pytest.mark.parametrize("command", [["learn", "{ref}", "--learner", "ana"],
                                     ["progress", "{ref}", "--learner", "ana"],
                                     ["lesson", "generate", "{ref}", "--out", "{out}"]])
def test_unknown_courses_are_one_line_errors_naming_the_known_ones(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [a.format(ref=str(tmp_path / "nowhere"), out=str(tmp_path / "o")) for a in command]
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert "no built course" in err and len(err.splitlines()) == 1
    with pytest.raises(CourseError):
        resolve_course_dir(str(tmp_path / "nowhere"))


@pytest.mark.parametrize("title,slug", [
    ("Mécanique quantique", "mecanique-quantique"),
    ("Straße Ærø", "strasse-aero"),
    ("Ｆｕｌｌ width", "full-width"),
    ("Probability basics", "probability-basics"),
    ("", "course"),
])
def test_latin_titles_keep_their_letters(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_non_latin_titles_get_distinct_valid_slugs() -> None:
    titles = ["Физика", "Химия", "物理学", "化学", "Ελληνικά", "Physics Физика", "Physics Химия"]
    slugs = [slugify(t) for t in titles]
    assert len(set(slugs)) == len(titles)
    for slug in slugs:
        assert check_slug(slug) == slug
    assert slugs[5].startswith("physics-")
    assert slugify("Физика") == slugify("Физика")  # stable: the same title, the same folder
    assert len(slugify("Ж" * 300)) <= 64 and check_slug(slugify("x" * 300 + "Ж"))
