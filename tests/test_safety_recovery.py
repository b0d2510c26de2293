"""Recovery (issue 14): after a step that failed or was interrupted, the Learn page offers the
pending exercise again; a corrupt or locked store is one line saying what to do; credentials
inside ANTHROPIC_BASE_URL are never echoed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app_support import SAMPLE_NAME, create_profile, install_sample, new_app, pending
from tests.app_support import prepared_sample as prepare
from tutor.context import TutorContext
from tutor.course import Course
from tutor.engine.offline import OfflineEngine
from tutor.teach.lesson import Lesson


@pytest.fixture(scope="session")
def sample_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return prepare(tmp_path_factory.mktemp("sample"))


class BrokenGrader(OfflineEngine):
    """An engine whose grading dies mid-step (as a server killed during an answer)."""

    def grade(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        raise RuntimeError("the process died here")


def test_learn_page_offers_the_exercise_again_after_a_failed_step(sample_copy: Path,
                                                                   tutor_home: Path):
    folder = install_sample(sample_copy, tutor_home)
    course = Course.load(folder / "course.json")
    at = create_profile(new_app(), "Ada")
    first = pending(at)
    assert first is not None
    context = TutorContext.from_env(engine="offline")
    with Lesson(SAMPLE_NAME, "ada", context=context, engine=BrokenGrader()) as broken:
        with pytest.raises(RuntimeError):
            broken.answer(course.exercise(first.id).answer)
        assert broken.pending is None  # stuck mid-step: no exercise to answer
    reloaded = new_app()  # a new session (a reload): Ada picks her profile again
    reloaded.sidebar.button(key="signin").click().run()
    assert not reloaded.exception, reloaded.exception
    assert reloaded.session_state["learner_id"] == "ada"
    assert pending(reloaded) is not None  # the page offers an exercise again
    assert any(b.label == "Submit answer" for b in reloaded.button)
    assert any(b.key == "hint" for b in reloaded.button)
    assert any(b.key == "give_up" for b in reloaded.button)


@pytest.mark.parametrize("damage", [b"this is not a database" * 100, b"\x00" * 4096,
                                    b"SQLite format 3\x00" + b"\xff" * 4000])
def test_a_damaged_learner_store_is_one_line_saying_what_to_do(tutor_home: Path, damage: bytes):
    data = tutor_home / ".tutor"
    data.mkdir(parents=True, exist_ok=True)
    (data / "learners.sqlite").write_bytes(damage)
    at = new_app()
    assert not at.exception, at.exception
    [error] = at.error
    assert "\n" not in error.value and "learners.sqlite is damaged" in error.value
    assert "move it aside" in error.value


def test_a_damaged_lesson_file_is_one_line_on_the_learn_page(sample_copy: Path,
                                                            tutor_home: Path):
    install_sample(sample_copy, tutor_home)
    data = tutor_home / ".tutor"
    data.mkdir(parents=True, exist_ok=True)
    (data / "lessons.sqlite").write_bytes(b"garbage, not SQLite" * 200)
    at = create_profile(new_app(), "Ada")
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "lessons.sqlite is damaged" in errors[0], errors


def test_credentials_in_the_endpoint_are_never_echoed():
    import anthropic

    from tutor.engine.claude.client import endpoint_of, engine_error, make_client

    client = make_client("sk-test", "http://grace:sekret-token@127.0.0.1:9/v1?key=sekret2",
                         timeout=2.0, max_retries=0)
    assert "sekret" not in endpoint_of(client)
    with pytest.raises(anthropic.APIError) as caught:
        client.messages.create(model="m", max_tokens=1,
                               messages=[{"role": "user", "content": "hi"}])
    message = str(engine_error(caught.value, endpoint_of(client)))
    assert "127.0.0.1" in message and "sekret" not in message
    raw = str(engine_error(RuntimeError("GET http://u:sekret3@h.example/x failed"),
                           "http://u:sekret4@h.example"))
    assert "sekret" not in raw and "h.example" in raw


def test_the_cli_reports_a_damaged_learner_store_in_one_line(sample_copy: Path,
                                                             tutor_home: Path,
                                                             capsys: pytest.CaptureFixture):
    from tutor.cli.main import main

    install_sample(sample_copy, tutor_home)
    data = tutor_home / ".tutor"
    data.mkdir(parents=True, exist_ok=True)
    (data / "learners.sqlite").write_bytes(b"not a database at all" * 100)
    assert main(["progress", SAMPLE_NAME, "--learner", "ada"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "learners.sqlite is damaged" in err
