"""Prompt templates: files with $variables; a missing file or variable fails loudly."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.context import TutorContext
from tutor.errors import PromptError
from tutor.prompts import load_prompt, render_prompt

PROMPTS = Path(__file__).resolve().parent.parent / "prompts"
TASKS = ["extract_concepts", "merge_concepts", "link_prerequisites", "write_exercises",
         "check_exercise", "explain", "hint", "grade", "answer_question"]


def test_every_task_has_a_prompt_naming_its_task():
    for task in TASKS:
        prompt = load_prompt(task)
        assert prompt.text.startswith(f"Task: {task}\n"), task
        assert prompt.path == PROMPTS / f"{task}.md"


def test_course_and_learner_text_go_inside_data_tags():
    for task in TASKS:
        text = load_prompt(task).text
        for tag, variable in [("course_material", "$passages"), ("learner_answer",
                                                                  "$learner_answer"),
                              ("learner_question", "$question")]:
            if variable in text:
                assert f"<{tag}>\n{variable}\n</{tag}>" in text, (task, variable)
    assert "never instructions" in load_prompt("rules").text


def test_persona_says_what_the_tutor_never_does():
    persona = load_prompt("persona").text
    assert "never gives the answer to an exercise before the learner has tried" in persona
    assert not load_prompt("persona").variables  # nothing volatile in the cached prefix


def test_variables_are_listed_and_filled():
    prompt = load_prompt("answer_question")
    assert prompt.variables == {"question", "passages"}
    text = prompt.render(question="Why?", passages="<passage>...</passage>", extra="ignored")
    assert "Why?" in text and "$" not in text


def test_a_missing_variable_raises():
    with pytest.raises(PromptError, match=r"needs the variable \$passages"):
        render_prompt("answer_question", question="Why?")


def test_a_missing_prompt_file_raises(tmp_path):
    with pytest.raises(PromptError, match="not found"):
        load_prompt("grade", tmp_path)
    with pytest.raises(PromptError, match="not a prompt name"):
        load_prompt("../etc/passwd")


def test_a_malformed_placeholder_raises(tmp_path):
    (tmp_path / "bad.md").write_text("costs $5")
    with pytest.raises(PromptError, match=r"\$\$"):
        load_prompt("bad", tmp_path).render()


def test_tutor_prompts_env_points_at_another_folder(tmp_path, monkeypatch):
    (tmp_path / "persona.md").write_text("You are Brook.")
    monkeypatch.setenv("TUTOR_PROMPTS", str(tmp_path))
    monkeypatch.setenv("TUTOR_DATA", str(tmp_path / "data"))
    folder = TutorContext.from_env().prompts_folder()
    assert folder == tmp_path
    assert load_prompt("persona", folder).text == "You are Brook."
    assert load_prompt("persona").text == "You are Brook."  # the default folder too


def test_without_tutor_prompts_the_homes_prompts_folder_is_used(tmp_path, monkeypatch):
    monkeypatch.delenv("TUTOR_PROMPTS", raising=False)
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path))
    monkeypatch.setenv("TUTOR_DATA", str(tmp_path / "data"))
    assert TutorContext.from_env().prompts_folder() == PROMPTS  # no prompts/ in this home
    (tmp_path / "prompts").mkdir()
    assert TutorContext.from_env().prompts_folder() == tmp_path.resolve() / "prompts"


def test_notes_for_authors_are_not_sent(tmp_path):
    (tmp_path / "note.md").write_text("<!--\nfor authors: $ignored\n-->\nHello $name.\n")
    prompt = load_prompt("note", tmp_path)
    assert prompt.variables == {"name"}
    assert prompt.render(name="Ana") == "Hello Ana.\n"
    assert load_prompt("persona").render().startswith("# The tutor")
