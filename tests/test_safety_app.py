"""The web app fetches nothing from the internet and renders course and model text inert
(issue 14): a course whose text carries remote images, entity-encoded images and HTML is shown
on every page without a single image, link or raw HTML element; the course map lists no
exercise prompt or answer."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from tests.app_support import (
    REPO,
    answer,
    create_profile,
    install_sample,
    new_app,
    pending,
    prepared_sample,
    right_answer,
)
from tutor.course import Course

PAYLOAD = (" ![x](http://evil.example/p.png) !&#91;e&#93;(http://evil.example/q.png)"
           " <img src=http://evil.example/s.png> [go](http://evil.example/t)")
_MD = MarkdownIt("commonmark")
TEXT_ELEMENTS = ("markdown", "caption", "subheader", "title", "header", "success", "error",
                 "warning", "info")


def active(text: str) -> list[str]:
    found = []
    for token in _MD.parse(text):
        for tok in [token, *(token.children or [])]:
            if tok.type in ("image", "link_open", "html_inline", "html_block"):
                found.append(f"{tok.type}:{tok.attrs or tok.content}")
    return found


def rendered(at: AppTest) -> list[str]:
    """Every text the page hands to a Markdown-rendering element, radio labels included, but
    the app's own HTML (elements allowed HTML, which must hold no course text)."""
    texts = []
    for kind in TEXT_ELEMENTS:
        for el in getattr(at, kind):
            if getattr(el.proto, "allow_html", False):
                assert "evil.example" not in str(el.value)
            else:
                texts.append(str(el.value))
    texts += [str(option) for radio in at.radio for option in radio.options]
    return texts


def assert_inert(at: AppTest) -> None:
    assert not at.exception, at.exception
    texts = rendered(at)
    assert texts
    bad = [(text, active(text)) for text in texts if active(text)]
    assert bad == []


@pytest.fixture(scope="session")
def sample_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return prepared_sample(tmp_path_factory.mktemp("sample"))


@pytest.fixture
def hostile(sample_copy: Path, tutor_home: Path) -> Course:
    """The sample course with remote references appended to every definition and prompt (as
    a course built before the ingestion fix, or a model's output, could hold)."""
    folder = install_sample(sample_copy, tutor_home)
    data = json.loads((folder / "course.json").read_text())
    for concept in data["concepts"]:
        concept["definition"] += PAYLOAD
    for exercise in data["exercises"]:
        exercise["prompt"] += PAYLOAD
    (folder / "course.json").write_text(json.dumps(data))
    return Course.load(folder / "course.json")


def test_learn_page_renders_hostile_course_text_inert(hostile: Course) -> None:
    at = create_profile(new_app(), "Ada")
    assert_inert(at)
    assert any("evil.example" in text for text in rendered(at))  # shown, as text
    answer(at, right_answer(at, hostile))
    assert_inert(at)
    assert pending(at) is not None


def test_course_map_renders_inert_and_lists_no_exercise(hostile: Course) -> None:
    at = new_app().switch_page("webapp/course_map.py").run()
    concept = hostile.teaching_order()[0]
    at.selectbox(key="map_concept").set_value(concept).run()
    assert_inert(at)
    texts = "\n".join(rendered(at))
    for exercise in hostile.exercises_for(concept):
        assert exercise.prompt.replace(PAYLOAD, "")[:40] not in texts
    assert not at.expander  # no exercise list


def test_app_icon_is_a_local_file() -> None:
    """A Material icon as page icon makes the browser fetch it from fonts.gstatic.com."""
    tree = ast.parse((REPO / "app.py").read_text())
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)
             and getattr(node.func, "attr", "") == "set_page_config"]
    assert len(calls) == 1
    icon = next(k.value for k in calls[0].keywords if k.arg == "page_icon")
    assert not (isinstance(icon, ast.Constant) and str(icon.value).startswith(":"))
    namespace: dict = {"__file__": str(REPO / "app.py")}
    exec(compile("from pathlib import Path\n" + "\n".join(
        line for line in (REPO / "app.py").read_text().splitlines()
        if line.startswith("ICON =")), "app-icon", "exec"), namespace)
    assert Path(namespace["ICON"]).is_file()
