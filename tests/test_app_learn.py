"""The Learn page through Streamlit's AppTest: sign in, answer right and wrong, hints, giving
up, free questions, resuming in a new session, and no answer shown before an attempt."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_support import (
    APP,
    SAMPLE_NAME,
    answer,
    create_profile,
    install_sample,
    lesson,
    messages,
    new_app,
    pending,
    prepared_sample,
    right_answer,
    wrong_answer,
)
from tutor.course import Course

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def sample_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return prepared_sample(tmp_path_factory.mktemp("sample"))


@pytest.fixture
def course(sample_copy: Path, tutor_home: Path) -> Course:
    folder = install_sample(sample_copy, tutor_home)
    return Course.load(folder / "course.json")


def test_learn_asks_for_a_profile_first(course: Course) -> None:
    at = new_app()
    assert not at.exception
    assert any("learner profile" in i.value for i in at.info)
    assert not at.chat_message


def test_answer_right_then_wrong(course: Course) -> None:
    at = create_profile(new_app(), "Ada")
    first = pending(at)
    assert first is not None
    assert [k for k, _ in messages(at)][-1] == "exercise"
    answer(at, right_answer(at, course))
    assert len(at.success) == 1 and not at.warning  # the feedback, in green
    assert messages(at)[-1][0] == "exercise"  # the next exercise is asked
    answer(at, wrong_answer(at, course))
    assert len(at.warning) == 1 and len(at.success) == 1
    store_attempts = lesson(at).store.attempts("ada", SAMPLE_NAME)
    assert [a.correct for a in store_attempts] == [True, False]


def test_hint_give_up_and_free_question(course: Course) -> None:
    at = create_profile(new_app(), "Grace")
    exercise = pending(at)
    at.button(key="hint").click().run()
    kinds = [k for k, _ in messages(at)]
    assert kinds[-1] == "hint"
    assert pending(at).id == exercise.id  # a hint does not move on
    assert "reveal" not in kinds
    at.chat_input[0].set_value("What is a sample space?").run()
    assert not at.exception
    shown = messages(at)
    assert ("learner", "What is a sample space?") in shown
    reply = next(text for kind, text in shown if kind == "answer")
    cited = reply + " ".join(c.value for c in at.caption)
    assert re.search(r"\.(pdf|md) p\. \d+", cited), cited  # answered with page citations
    assert pending(at).id == exercise.id  # the lesson goes on with the exercise after it
    at.button(key="give_up").click().run()
    shown = messages(at)
    reveal = next(text for kind, text in shown if kind == "reveal")
    assert course.exercise(exercise.id).answer.lower() in reveal.lower()
    # a give-up moves on: another exercise, or, when nothing is left to ask today (what
    # follows builds on the concept given up), the day's end, said as such
    after = pending(at)
    assert (after is not None and after.id != exercise.id) or shown[-1][0] == "done", shown[-3:]


def test_empty_answer_is_refused_with_a_message(course: Course) -> None:
    at = create_profile(new_app(), "Edsger")
    before = pending(at).id
    next(b for b in at.button if b.label == "Submit answer").click().run()
    assert any("answer first" in e.value for e in at.error)
    assert pending(at).id == before


def _leaks(answer_text: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(answer_text.lower())}(?!\w)", text.lower()) is not None


def test_answers_are_never_shown_before_an_attempt(course: Course) -> None:
    """Whenever an exercise is put to the learner, nothing said with it (nor the form) holds
    its answer; wrong answers and hints keep it hidden too."""
    at = create_profile(new_app(), "Barbara")
    checked = 0
    actions = ["wrong", "hint", "right", "hint", "wrong", "right", "wrong", "give_up", "right"]
    # Whole rounds of these actions until five exercises with a non-trivial answer were seen
    # (true/false exercises, often served first for a new concept, are not checked).
    for step, action in enumerate(actions * 4):
        if step % len(actions) == 0 and checked >= 5:
            break
        exercise = pending(at)
        solution = course.exercise(exercise.id).answer
        shown = messages(at)
        last_learner = max((i for i, (k, _) in enumerate(shown) if k == "learner"), default=-1)
        # What the tutor said since the learner's last turn, minus feedback and reveals about
        # the previous exercise: explanations, hints and the exercise itself.
        fresh = [text for kind, text in shown[last_learner + 1:]
                 if kind not in {"feedback", "reveal", "done"}]
        form = [m.value for m in at.main.markdown if m.value not in {t for _, t in shown}]
        if solution not in {"True", "False"}:  # a true/false answer is an ordinary word
            for text in fresh + form:
                assert not _leaks(solution, text), (exercise.id, solution, text)
            checked += 1
        if action == "hint":
            at.button(key="hint").click().run()
        elif action == "give_up":
            at.button(key="give_up").click().run()
        else:
            answer(at, right_answer(at, course) if action == "right"
                   else wrong_answer(at, course))
        assert not at.exception
    assert checked >= 5


def test_a_new_session_resumes_the_same_exercise(course: Course) -> None:
    at = create_profile(new_app(), "Alan")
    answer(at, right_answer(at, course))
    waiting = pending(at).id
    lesson(at).close()
    again = new_app()  # a new browser session: sign in with the existing profile
    assert again.sidebar.selectbox(key="profile_picker").options == ["Alan"]
    again.sidebar.button(key="signin").click().run()
    assert not again.exception
    assert pending(again).id == waiting
    assert [k for k, _ in messages(again)][-1] == "exercise"
    assert len(again.success) == 1  # the earlier feedback is shown again


def test_a_passphrase_protects_a_profile(course: Course) -> None:
    at = new_app()
    at.sidebar.text_input(key="new_name").set_value("Hedy")
    at.sidebar.text_input(key="new_secret").set_value("frequency hopping")
    at.sidebar.button(key="create_profile").click().run()
    assert pending(at) is not None
    other = new_app()
    other.sidebar.text_input(key="signin_secret").set_value("wrong")
    other.sidebar.button(key="signin").click().run()
    assert "Wrong passphrase." in [e.value for e in other.sidebar.error]
    assert "lesson" not in other.session_state
    other.sidebar.text_input(key="signin_secret").set_value("frequency hopping")
    other.sidebar.button(key="signin").click().run()
    assert pending(other) is not None


def test_a_refresh_keeps_the_learner_and_the_lesson(course: Course) -> None:
    at = create_profile(new_app(), "Ada")
    answer(at, right_answer(at, course))
    waiting = pending(at).id
    assert at.query_params == {"learner": "ada", "course": SAMPLE_NAME}
    lesson(at).close()
    refreshed = AppTest.from_file(str(APP), default_timeout=90)
    refreshed.query_params.update(at.query_params)  # same URL, new session
    refreshed.run()
    assert not refreshed.exception
    assert refreshed.session_state["learner_id"] == "ada"
    assert pending(refreshed).id == waiting


def test_a_refresh_asks_for_the_passphrase_again(course: Course) -> None:
    at = new_app()
    at.sidebar.text_input(key="new_name").set_value("Hedy")
    at.sidebar.text_input(key="new_secret").set_value("frequency hopping")
    at.sidebar.button(key="create_profile").click().run()
    assert "learner" not in at.query_params
    refreshed = AppTest.from_file(str(APP), default_timeout=90)
    refreshed.query_params["learner"] = "hedy"  # typed into the URL by someone else
    refreshed.run()
    assert "learner_id" not in refreshed.session_state
    assert "lesson" not in refreshed.session_state


def test_a_long_lesson_shows_recent_messages_and_earlier_ones_on_request(course: Course) -> None:
    from webapp.learn import EARLIER, RECENT

    at = create_profile(new_app(), "Lin")
    held = lesson(at)
    while held.message_count() < RECENT + EARLIER + 5:
        held.ask("What is a sample space?")
    at.run()
    total = held.message_count()
    assert len(at.chat_message) == RECENT
    shown_kinds = [kind for kind, _ in messages(at)]
    assert shown_kinds == [m.kind for m in held.transcript[-RECENT:]]  # the newest ones
    at.button(key="show_earlier").click().run()
    assert len(at.chat_message) == RECENT + EARLIER
    at.button(key="show_earlier").click().run()
    assert len(at.chat_message) == total
    assert not any(b.key == "show_earlier" for b in at.button)


def test_an_answer_from_a_tab_left_behind_is_refused_and_keys_stay_opaque(course: Course) -> None:
    at = create_profile(new_app(), "Ada")
    shown = pending(at)
    assert shown is not None
    submit = next(b for b in at.button if b.label == "Submit answer")
    assert shown.concept_id not in submit.proto.form_id  # the form key names no concept
    # Another tab (the same lesson) answers it first; this tab still shows the old form.
    other_tab = lesson(at)
    other_tab.answer(course.exercise(shown.id).answer, exercise_id=shown.id)
    moved_to = other_tab.pending
    answer(at, wrong_answer(at, course, shown), shown)  # the form still shows ``shown``
    assert any("no longer the one waiting" in e.value for e in at.error)
    attempts = other_tab.store.attempts("ada", SAMPLE_NAME)
    assert [a.exercise_id for a in attempts] == [shown.id]  # nothing graded against the next
    assert pending(at) is not None and moved_to is not None
    assert pending(at).id == moved_to.id  # the tab now shows the exercise waiting


def test_a_fresh_checkout_gets_its_passage_index_when_the_learner_starts(
        sample_copy: Path, tutor_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    folder = install_sample(sample_copy, tutor_home)
    shutil.rmtree(folder / ".build")  # as cloned: course.json and sources only
    before = (folder / "course.json").read_bytes()
    monkeypatch.setenv("TUTOR_BUILD_PASSAGES", "1")
    at = create_profile(new_app(), "Ada")
    assert (folder / ".build" / "passages-index.json").is_file()
    definitions = {c.definition for c in lesson(at).course.concepts}
    assert any(chunk.text not in definitions for chunk in lesson(at).passages.chunks)
    assert not at.info or all("could not be built" not in i.value for i in at.info)
    assert (folder / "course.json").read_bytes() == before
