"""Helpers of the web app tests (AppTest and the browser test): the sample course copied into a
test's tutor home, and a small PDF course source."""

from __future__ import annotations

import shutil
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.pdf_maker import heading, lines_of, make_pdf
from tutor.course import Course
from webapp.icons import MESSAGE_ICONS

REPO = Path(__file__).resolve().parent.parent
APP = REPO / "app.py"
SAMPLE_NAME = "probability-basics"
SAMPLE = REPO / "courses" / SAMPLE_NAME


def prepared_sample(into: Path) -> Path:
    """A copy of the sample course (sources, course.json, .build/) under ``into``; the course
    is built there when the checkout holds no built copy. Returns the course folder."""
    target = into / SAMPLE_NAME
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns("*.tmp", ".*.upload"))
    if not (target / "course.json").is_file() or not (target / ".build").is_dir():
        from tutor.context import TutorContext
        from tutor.study.build import build_course

        build_course(target, context=TutorContext(home=into.parent, data=into.parent / ".tutor",
                                                  engine="offline"), index=True)
    return target


def install_sample(prepared: Path, home: Path) -> Path:
    """Copy a prepared sample course into ``<home>/courses/``."""
    target = home / "courses" / prepared.name
    shutil.copytree(prepared, target)
    return target


def small_pdf(path: Path) -> Path:
    """A two-page PDF teaching two linked concepts (definitions a build picks up)."""
    return make_pdf(
        path,
        [
            [heading("Vectors"),
             *lines_of("A vector is a quantity that has both a magnitude and a direction. "
                       "Vectors are drawn as arrows whose length is the magnitude."),
             *lines_of("A scalar is a quantity that has a magnitude but no direction, such as "
                       "a temperature or a mass.")],
            [heading("Vector addition"),
             *lines_of("Vector addition is the operation that combines two vectors into a "
                       "resultant vector by placing them head to tail."),
             *lines_of("The resultant vector is the single vector that has the same effect as "
                       "the vectors added together.")],
        ],
    )


# -- driving the app with AppTest ------------------------------------------------------
TIMEOUT = 90


def new_app() -> AppTest:
    return AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()


def create_profile(at: AppTest, name: str) -> AppTest:
    at.sidebar.text_input(key="new_name").set_value(name)
    at.sidebar.button(key="create_profile").click().run()
    assert not at.exception, at.exception
    return at


def lesson(at: AppTest):  # noqa: ANN201
    """The Lesson object the app holds for this session."""
    return at.session_state["lesson"][1]


def pending(at: AppTest):  # noqa: ANN201
    return lesson(at).pending


def answer(at: AppTest, text: str, exercise=None) -> AppTest:  # noqa: ANN001
    """Type or pick ``text`` in the answer form and submit it; ``exercise``: the one the form
    shows, when it is not the lesson's pending one (a tab left behind)."""
    exercise = exercise or pending(at)
    if exercise.choices:
        at.radio(key="choice").set_value(text)
    elif exercise.kind == "short_answer":
        at.text_area(key="free_text").set_value(text)
    else:
        at.text_input(key="free_text").set_value(text)
    next(b for b in at.button if b.label == "Submit answer").click().run()
    assert not at.exception, at.exception
    return at


def right_answer(at: AppTest, course: Course) -> str:
    return course.exercise(pending(at).id).answer


def wrong_answer(at: AppTest, course: Course, exercise=None) -> str:  # noqa: ANN001
    exercise = exercise or pending(at)
    if exercise.choices:
        return next(c for c in exercise.choices if c != course.exercise(exercise.id).answer)
    return "a completely unrelated guess"


def messages(at: AppTest) -> list[tuple[str, str]]:
    """(kind, markdown text) of each chat message on the page, oldest first."""
    kinds = {icon: kind for kind, icon in MESSAGE_ICONS.items()}
    out = []
    for block in at.chat_message:
        kind = "learner" if block.name == "user" else kinds.get(block.avatar, "?")
        parts = [*block.success, *block.warning, *block.markdown]
        out.append((kind, "\n".join(str(part.value) for part in parts)))
    return out
