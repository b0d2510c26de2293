"""Author edits as an overlay: kept beside the course, keyed by stable ids, and applied again
after every rebuild, so that a rebuild never throws an author's work away.

``courses/<slug>/edits.json`` records, per concept id, a new name or definition or a
deletion, and per exercise id, new field values (prompt, answer, choices, explanation),
an approval (``reviewed``) or a deletion. :func:`apply_edits` lays the overlay over a course:
the study graph calls it before it writes ``course.json``, and each author action records its
edit here first and then applies the overlay to the current ``course.json``.

Ids are stable because the study graph derives them from the material (a concept's id is the
slug of its name, an exercise's id its concept, kind and rank); an edit whose id a rebuild no
longer produces stays in the overlay, unused, and is listed by :func:`unmatched_edits`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from tutor.course import Course, DefinitionKind, Exercise, Prerequisite
from tutor.errors import CourseError
from tutor.home import atomic_write_text

EDITS_FILE = "edits.json"
EXERCISE_FIELDS = ("prompt", "answer", "choices", "explanation")
"""Exercise fields an author may change."""


class ConceptEdit(BaseModel):
    name: str | None = None
    definition: str | None = None
    deleted: bool = False


class ExerciseEdit(BaseModel):
    prompt: str | None = None
    answer: str | None = None
    choices: list[str] | None = None
    explanation: str | None = None
    reviewed: bool | None = None
    deleted: bool = False


class Edits(BaseModel):
    """Every author edit of one course."""

    concepts: dict[str, ConceptEdit] = Field(default_factory=dict)
    exercises: dict[str, ExerciseEdit] = Field(default_factory=dict)


def load_edits(folder: Path) -> Edits:
    path = Path(folder) / EDITS_FILE
    if not path.is_file():
        return Edits()
    try:
        return Edits.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise CourseError(f"{path} cannot be read ({type(exc).__name__}); restore it from a "
                          "backup or delete it (the author edits in it are then lost)") from exc


def save_edits(folder: Path, edits: Edits) -> None:
    atomic_write_text(Path(folder) / EDITS_FILE, edits.model_dump_json(
        indent=2, exclude_defaults=True))


def record_concept_edit(folder: Path, concept_id: str, **changes: Any) -> Edits:
    return _record(folder, lambda edits: edits.concepts.setdefault(concept_id, ConceptEdit()),
                   changes)


def record_exercise_edit(folder: Path, exercise_id: str, **changes: Any) -> Edits:
    return _record(folder, lambda edits: edits.exercises.setdefault(exercise_id, ExerciseEdit()),
                   changes)


def _record(folder: Path, entry_of: Callable[[Edits], ConceptEdit | ExerciseEdit],
            changes: dict[str, Any]) -> Edits:
    """The folder's edits with ``changes`` set on one entry (``entry_of``), saved."""
    edits = load_edits(folder)
    entry = entry_of(edits)
    for key, value in changes.items():
        setattr(entry, key, value)
    save_edits(folder, edits)
    return edits


def _bridge_deleted(course: Course, concept_id: str) -> None:
    """Remove a concept with its exercises; concepts that needed it now need its own
    prerequisites (the order of the course is kept)."""
    before = course.prerequisites_of(concept_id)
    after = course.dependents_of(concept_id)
    kept = [e for e in course.prerequisites if concept_id not in (e.prerequisite, e.concept)]
    existing = {(e.prerequisite, e.concept) for e in kept}
    for a in before:
        for b in after:
            if (a, b) not in existing:
                kept.append(Prerequisite(prerequisite=a, concept=b, weight=0.5,
                                         rationale="bridged after an author removed a concept"))
                existing.add((a, b))
    course.prerequisites = kept
    course.concepts = [c for c in course.concepts if c.id != concept_id]
    course.exercises = [e for e in course.exercises if e.concept_id != concept_id]


def _edited_exercise(exercise: Exercise, edit: ExerciseEdit) -> Exercise:
    changes = {name: getattr(edit, name) for name in EXERCISE_FIELDS
               if getattr(edit, name) is not None}
    if edit.reviewed is not None:
        changes["reviewed"] = edit.reviewed
    return exercise.model_copy(update=changes)


def apply_edits(course: Course, edits: Edits) -> Course:
    """A copy of ``course`` with the overlay laid over it (edits of ids it lacks are skipped)."""
    course = course.model_copy(deep=True)
    present = {c.id for c in course.concepts}
    for concept_id, edit in edits.concepts.items():
        if concept_id not in present:
            continue
        if edit.deleted:
            _bridge_deleted(course, concept_id)
            continue
        concept = course.concept(concept_id)
        if edit.name is not None:
            concept.name = edit.name
        if edit.definition is not None:
            concept.definition = edit.definition
            concept.definition_kind = DefinitionKind.DEFINITION  # the author's own words
    exercises = []
    for exercise in course.exercises:
        change = edits.exercises.get(exercise.id)
        if change is None:
            exercises.append(exercise)
        elif not change.deleted:
            exercises.append(_edited_exercise(exercise, change))
    course.exercises = exercises
    return course


def apply_saved_edits(folder: Path, course: Course) -> Course:
    """``course`` with the overlay saved in ``folder`` (unchanged when there is none)."""
    edits = load_edits(folder)
    if not edits.concepts and not edits.exercises:
        return course
    return apply_edits(course, edits)


def unmatched_edits(course: Course, edits: Edits) -> list[str]:
    """Ids the overlay edits that the course (as built, before the overlay) does not have."""
    concepts = {c.id for c in course.concepts}
    exercises = {e.id for e in course.exercises}
    return sorted([f"concept {cid}" for cid in edits.concepts if cid not in concepts]
                  + [f"exercise {eid}" for eid in edits.exercises if eid not in exercises])
