"""``bench/exercise_refusals.py`` says why each concept was left without an exercise: the
writer's refusal first, else the checker's most frequent reason, else a question that went to
another concept."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from tutor.course import Concept

REPO = Path(__file__).resolve().parent.parent


def _bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_exercise_refusals",
                                                  REPO / "bench" / "exercise_refusals.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_exercise_refusals"] = module
    spec.loader.exec_module(module)
    return module


def test_each_concept_without_an_exercise_gets_one_reason() -> None:
    bench = _bench()
    concepts = [Concept(id=c, name=c.replace("-", " "), definition="") for c in
                ("pipeline", "null-string", "prompt", "mean", "path")]
    why = bench._without_exercise(
        concepts, asked={"mean"},
        refused={"no sentence says what it is": ["pipeline"]},
        checked={"null-string": ["the key", "leans", "the key"], "pipeline": ["leans"]},
        names=8)
    assert why == {
        "writer: no sentence says what it is": {"count": 1, "names": ["pipeline"]},
        "checker: the key": {"count": 1, "names": ["null string"]},
        "asked by another concept's exercise": {"count": 2, "names": ["prompt", "path"]},
    }


def test_the_checker_is_recorded_during_the_build_only() -> None:
    from tutor.course import Citation, Exercise, ExerciseKind
    from tutor.engine.offline.engine import OfflineEngine

    bench = _bench()
    original = OfflineEngine.check_exercise
    concept = Concept(id="flag", name="flag", definition="A flag is a boolean variable.",
                      citations=[Citation(source="m.pdf", page=1)])
    item = Exercise(id="flag-cloze-1", concept_id="flag", kind=ExerciseKind.CLOZE,
                    prompt="Fill in the blank: _____", answer="flag",
                    citations=[Citation(source="m.pdf", page=1)])
    with bench._checker_refusals() as checked:
        assert not OfflineEngine().check_exercise(item, concept, []).ok
    assert list(checked) == ["flag"] and len(checked["flag"]) == 1
    assert OfflineEngine.check_exercise is original


def test_the_concepts_the_course_only_describes_are_counted_with_those_asked() -> None:
    from tutor.course import DefinitionKind

    bench = _bench()
    concepts = [Concept(id=c, name=c, definition="", definition_kind=kind) for c, kind in
                (("pipe", DefinitionKind.DESCRIPTION), ("flag", DefinitionKind.DESCRIPTION),
                 ("mean", DefinitionKind.DEFINITION))]
    assert bench._described(concepts, asked={"pipe", "mean"}) == {
        "described": 2, "described_with_exercise": 1}


def test_a_concept_with_no_definition_says_what_the_maps_sentence_was() -> None:
    from tutor.course import DefinitionKind
    from tutor.engine.offline.writing.refusals import NO_MATERIAL, NOT_DEFINED

    bench = _bench()
    concepts = [
        Concept(id="set-statement", name="set statement", definition="The set statement is "
                "optional.", definition_kind=DefinitionKind.DEFINITION),
        Concept(id="comment", name="comment", definition="The first form is a single-line "
                "comment.", definition_kind=DefinitionKind.DESCRIPTION),
        Concept(id="delimiter", name="delimiter", definition="One special character or two.",
                definition_kind=DefinitionKind.DESCRIPTION),
        Concept(id="locale", name="locale", definition=""),
    ]
    why = bench._without_exercise(concepts, asked=set(), refused={
        NOT_DEFINED: ["set statement", "comment", "delimiter"], NO_MATERIAL: ["locale"]},
        checked={}, names=8)
    assert set(why) == {
        f"writer: {NOT_DEFINED} (the map's definition, not one by the writers' judge)",
        f"writer: {NOT_DEFINED} (the map's description: a sentence about it)",
        f"writer: {NOT_DEFINED} (the map's description: a gloss)",
        f"writer: {NO_MATERIAL}",
    }
