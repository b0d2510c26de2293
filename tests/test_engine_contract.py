"""The port's contract, held against both engines with the same small course.

The Claude engine runs against the local fake Messages API (real SDK path, no network) and must
not fall back to the offline engine here: what is tested is its own output.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tutor.course import Concept, Course, Exercise, ExerciseKind, Prerequisite
from tutor.engine.claude.withhold import reveals_answer
from tutor.engine.offline import OfflineEngine
from tutor.engine.port import (
    ConceptDraft,
    Engine,
    ExerciseCheck,
    ExplanationStyle,
    LearnerContext,
)
from tutor.testing.claude_replies import TutorResponder, claude_engine, sample_chunks
from tutor.testing.fake_anthropic import FakeAnthropic

CHUNKS = sample_chunks()
PAGES = {(c.source, c.page) for c in CHUNKS}
CONCEPTS = [
    Concept(id="array", name="array", definition=CHUNKS[0].text.split(".")[0] + ".",
            citations=[CHUNKS[0].citation()], first_order=0, section="Arrays",
            key_points=["elements stored next to each other", "access by index"]),
    Concept(id="sorted-array", name="sorted array", definition=CHUNKS[1].text.split(".")[0] + ".",
            citations=[CHUNKS[1].citation()], first_order=1, section="Sorting",
            key_points=["elements in increasing order"]),
    Concept(id="binary-search", name="Binary search",
            definition=CHUNKS[2].text.split(".")[0] + ".", citations=[CHUNKS[2].citation()],
            first_order=2, section="Binary search",
            key_points=["needs a sorted array", "halves the range each step"]),
]
SEARCH = CONCEPTS[2]
MC = Exercise(id="contract-mc", concept_id="binary-search", kind=ExerciseKind.MULTIPLE_CHOICE,
              prompt="Which method finds an item in a sorted array by halving the range?",
              answer="Binary search", choices=["Binary search", "Linear search", "Sorting"],
              misconceptions={"Linear search": "thinks scanning halves the range",
                              "Sorting": "confuses preparing data with searching it"},
              citations=[CHUNKS[2].citation()])
LEAKY = Exercise(id="contract-leaky", concept_id="binary-search", kind=ExerciseKind.CLOZE,
                 prompt="Binary search, also called ____, halves the range of a sorted array.",
                 answer="binary search", citations=[CHUNKS[2].citation()])


@pytest.fixture(params=["offline", "claude"])
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    if request.param == "offline":
        yield OfflineEngine()
        return
    with FakeAnthropic(TutorResponder()) as fake:
        claude = claude_engine(fake)
        yield claude
        assert claude.fallbacks == [], "the Claude engine fell back during a contract test"


def _cited_pages_ok(citations) -> bool:
    return all((c.source, c.page) in PAGES for c in citations)


def test_engine_satisfies_the_port(engine):
    assert isinstance(engine, Engine)
    assert engine.name in {"offline", "claude"}


def test_extract_concepts(engine):
    drafts = engine.extract_concepts(CHUNKS)
    assert drafts and all(isinstance(d, ConceptDraft) for d in drafts)
    assert all(d.name.strip() and _cited_pages_ok(d.citations) for d in drafts)
    assert any("binary search" in d.name.lower() for d in drafts)


def test_merge_concepts(engine):
    drafts = engine.extract_concepts(CHUNKS)
    concepts = engine.merge_concepts(drafts)
    ids = [c.id for c in concepts]
    assert concepts and len(ids) == len(set(ids))
    assert all(c.citations and _cited_pages_ok(c.citations) for c in concepts)
    names = [c.name.casefold() for c in concepts]
    assert len(names) == len(set(names))


def test_link_prerequisites_is_acyclic_and_uses_known_ids(engine):
    edges = engine.link_prerequisites(CONCEPTS, CHUNKS)
    assert all(isinstance(e, Prerequisite) for e in edges)
    ids = {c.id for c in CONCEPTS}
    assert all(e.prerequisite in ids and e.concept in ids and e.prerequisite != e.concept
               for e in edges)
    order = Course(title="t", concepts=CONCEPTS, prerequisites=edges).teaching_order()
    assert sorted(order) == sorted(ids)


def test_write_exercises(engine):
    exercises = engine.write_exercises(SEARCH, CONCEPTS[:2], CHUNKS[1:])
    assert exercises
    assert len({e.id for e in exercises}) == len(exercises)
    for exercise in exercises:
        assert exercise.concept_id == SEARCH.id and exercise.prompt and exercise.answer
        assert _cited_pages_ok(exercise.citations)
        if exercise.kind == ExerciseKind.MULTIPLE_CHOICE:
            assert exercise.answer in (exercise.choices or [])
        if exercise.kind in (ExerciseKind.CLOZE, ExerciseKind.MULTIPLE_CHOICE):
            assert not reveals_answer(exercise.prompt, exercise), exercise.prompt


def test_check_exercise_keeps_its_own_good_exercises_and_rejects_a_leak(engine):
    exercises = engine.write_exercises(SEARCH, CONCEPTS[:2], CHUNKS[1:])
    checks = [engine.check_exercise(e, SEARCH, CHUNKS) for e in exercises]
    assert all(isinstance(c, ExerciseCheck) for c in checks)
    assert [c.exercise_id for c in checks] == [e.id for e in exercises]
    assert any(c.ok for c in checks)
    leaky = engine.check_exercise(LEAKY, SEARCH, CHUNKS)
    assert not leaky.ok and leaky.problems


@pytest.mark.parametrize("style", list(ExplanationStyle))
def test_explain_in_every_style(engine, style):
    learner = LearnerContext(name="Ana", styles_that_failed=["definition"])
    explanation = engine.explain(SEARCH, style, CHUNKS[1:], CONCEPTS[:2], learner)
    assert explanation.concept_id == SEARCH.id and explanation.style == style
    assert explanation.text.strip()
    assert explanation.citations and _cited_pages_ok(explanation.citations)


def test_hint_ladder_never_gives_the_answer(engine):
    hints = [engine.hint(MC, SEARCH, level) for level in (1, 2, 3)]
    assert [h.level for h in hints] == [1, 2, 3]
    assert all(h.exercise_id == MC.id and h.text.strip() for h in hints)
    assert not any(reveals_answer(h.text, MC) for h in hints)


def test_grade_right_and_wrong_answers(engine):
    right = engine.grade(MC, "Binary search")
    assert right.correct and right.score >= 0.5 and right.exercise_id == MC.id
    wrong = engine.grade(MC, "Linear search")
    assert not wrong.correct and wrong.score < 0.5
    assert wrong.feedback.strip() and not reveals_answer(wrong.feedback, MC)


def test_answer_question_cites_the_course(engine):
    answer = engine.answer_question("What does binary search do?", CHUNKS)
    assert answer.question == "What does binary search do?"
    assert answer.text.strip()
    assert answer.found and answer.citations and _cited_pages_ok(answer.citations)


def test_the_port_names_no_engines_class() -> None:
    """The port's types are its own: nothing in it comes from an engine's package (the book's
    prompt conventions are the port's ``PromptConvention``, which the offline engine reads)."""
    import ast
    from pathlib import Path

    import tutor.engine.port as port

    tree = ast.parse(Path(port.__file__).read_text())
    imported = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert not [m for m in imported if m.startswith(("tutor.engine.offline", "tutor.engine.claude"))]
    from tutor.engine.offline.code_output.prompt_conventions import find_conventions

    found = find_conventions("In> 1+1\nOut> 2;\nIn> 2*3\nOut> 6;\nIn> 7-2\nOut> 5;\n")
    assert found and all(isinstance(c, port.PromptConvention) for c in found)
