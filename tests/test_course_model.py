"""The course model: course.json round-trips, lookups, and the teaching order."""

from __future__ import annotations

import json

import pytest

from tutor.course import (
    BuildReport,
    Citation,
    Concept,
    Course,
    Exercise,
    ExerciseKind,
    FailedSource,
    Prerequisite,
    Source,
    SourceKind,
)
from tutor.errors import CourseError


def concept(cid: str, order: int) -> Concept:
    return Concept(id=cid, name=cid.replace("-", " "), definition=f"The {cid}.",
                   citations=[Citation(source="notes.pdf", page=order + 1)], first_order=order)


def sample() -> Course:
    return Course(
        title="Sorting",
        slug="sorting",
        built_at="2026-11-25T12:00:00+00:00",
        sources=[Source(name="notes.pdf", kind=SourceKind.PDF, pages=4, sha256="ab")],
        concepts=[concept("array", 0), concept("comparison", 1), concept("merge-sort", 3),
                  concept("insertion-sort", 2)],
        prerequisites=[
            Prerequisite(prerequisite="array", concept="insertion-sort", rationale="uses arrays"),
            Prerequisite(prerequisite="comparison", concept="insertion-sort", weight=0.5),
            Prerequisite(prerequisite="insertion-sort", concept="merge-sort"),
        ],
        exercises=[
            Exercise(id="e1", concept_id="array", kind=ExerciseKind.MULTIPLE_CHOICE,
                     prompt="Which one keeps items in numbered slots?", answer="array",
                     choices=["array", "set", "map"], misconceptions={"set": "sets are ordered"},
                     citations=[Citation(source="notes.pdf", page=1)]),
            Exercise(id="e2", concept_id="merge-sort", kind=ExerciseKind.SHORT_ANSWER,
                     prompt="Explain merge sort in your own words.", answer="Split, sort, merge.",
                     key_points=["split in halves", "merge sorted halves"], difficulty=0.7),
        ],
        report=BuildReport(pages=4, chunks=9, concepts=4, prerequisites=3,
                           exercises_by_kind={"multiple_choice": 1, "short_answer": 1},
                           drop_reasons={"answer given away by the prompt": 2},
                           failed_sources=[FailedSource(source="x.pdf", error="x.pdf: bad")]),
    )


def test_course_json_round_trips(tmp_path):
    course = sample()
    path = tmp_path / "course.json"
    path.write_text(course.to_json(), encoding="utf-8")
    loaded = Course.load(path)
    assert loaded == course
    assert loaded.model_dump(mode="json") == json.loads(course.to_json())


def test_public_format_fields():
    raw = json.loads(sample().to_json())
    assert {"title", "concepts", "prerequisites", "exercises"} <= set(raw)
    assert {"id", "name", "definition", "citations"} <= set(raw["concepts"][0])
    assert raw["concepts"][0]["citations"] == [{"source": "notes.pdf", "page": 1}]
    assert {"prerequisite", "concept"} <= set(raw["prerequisites"][0])
    assert {"id", "concept_id", "kind", "prompt", "answer", "choices"} <= set(raw["exercises"][0])
    assert raw["exercises"][0]["kind"] == "multiple_choice"


def test_teaching_order_follows_prerequisites_then_reading_order():
    course = sample()
    assert course.teaching_order() == ["array", "comparison", "insertion-sort", "merge-sort"]
    # a later-read concept that nothing depends on still comes in reading order
    course.prerequisites = [Prerequisite(prerequisite="merge-sort", concept="array")]
    assert course.teaching_order() == ["comparison", "insertion-sort", "merge-sort", "array"]


def test_teaching_order_refuses_a_cycle():
    course = sample()
    course.prerequisites.append(Prerequisite(prerequisite="merge-sort", concept="array"))
    with pytest.raises(ValueError, match="cycle"):
        course.teaching_order()


def test_lookups():
    course = sample()
    assert course.prerequisites_of("insertion-sort") == ["array", "comparison"]
    assert course.dependents_of("insertion-sort") == ["merge-sort"]
    assert [e.id for e in course.exercises_for("merge-sort")] == ["e2"]
    assert course.concept("array").citations[0].label() == "notes.pdf p. 1"
    with pytest.raises(KeyError):
        course.concept("nope")


def test_loading_a_missing_or_broken_course_is_a_user_error(tmp_path):
    with pytest.raises(CourseError, match="build it first"):
        Course.load(tmp_path / "course.json")
    (tmp_path / "course.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CourseError, match="rebuild the course"):
        Course.load(tmp_path / "course.json")


def test_lookups_follow_edits_to_the_lists() -> None:
    from tests.factories import make_course

    course = make_course()
    assert course.prerequisites_of("binary-search") == ["sorting", "array"]
    assert course.dependents_of("array") == ["sorting", "binary-search", "hash-table"]
    assert [e.id for e in course.exercises_for("array")] == ["array-cloze", "array-mc"]
    course.prerequisites.append(Prerequisite(prerequisite="hash-table", concept="binary-search"))
    assert course.prerequisites_of("binary-search") == ["sorting", "array", "hash-table"]
    course.prerequisites = [p for p in course.prerequisites if p.prerequisite != "array"]
    assert course.dependents_of("array") == []
    course.exercises = [e for e in course.exercises if e.id != "array-mc"]
    assert [e.id for e in course.exercises_for("array")] == ["array-cloze"]
    with pytest.raises(KeyError):
        course.exercise("array-mc")
    renamed = course.concept("array").model_copy(update={"name": "vector"})
    course.concepts = [renamed if c.id == "array" else c for c in course.concepts]
    assert course.concept("array").name == "vector"
    with pytest.raises(KeyError):
        course.concept("nothing")
    copy = course.model_copy(update={"concepts": course.concepts[:1]})
    with pytest.raises(KeyError):
        copy.concept("sorting")
    assert course.concept("sorting").id == "sorting"
    assert make_course() == make_course()  # the lookup tables never make courses unequal
