"""Markdown study guide: concepts in prerequisite order with definitions, citations and
exercises; the answer key at the end."""

from __future__ import annotations

from pathlib import Path

from tutor.course import Course, ExerciseKind
from tutor.export.gift import teaching_order_or_listed
from tutor.export.summary import ExportSummary


def _anchor(concept_id: str) -> str:
    return f"concept-{concept_id}"


def render_study_guide(course: Course) -> str:
    concepts = {c.id: c for c in course.concepts}
    order = teaching_order_or_listed(course)
    lines = [f"# {course.title}: study guide", ""]
    lines.append(f"{len(order)} concepts in the order to learn them; the answer key is at the end.")
    lines.append("")
    key: list[str] = []
    number = 0
    for index, concept_id in enumerate(order, start=1):
        concept = concepts[concept_id]
        lines += [f'<a id="{_anchor(concept_id)}"></a>', f"## {index}. {concept.name}", ""]
        lines += [concept.definition or "_No definition found in the material._", ""]
        prereqs = [concepts[p] for p in course.prerequisites_of(concept_id) if p in concepts]
        if prereqs:
            links = ", ".join(f"[{p.name}](#{_anchor(p.id)})" for p in prereqs)
            lines += [f"**Builds on:** {links}", ""]
        if concept.key_points:
            lines += [f"- {point}" for point in concept.key_points] + [""]
        if concept.citations:
            lines += ["*Sources:* " + ", ".join(c.label() for c in concept.citations), ""]
        exercises = course.exercises_for(concept_id)
        if exercises:
            lines += ["### Exercises", ""]
        for exercise in exercises:
            number += 1
            lines.append(f"{number}. {exercise.prompt}")
            if exercise.choices and exercise.kind is not ExerciseKind.TRUE_FALSE:
                for letter, choice in zip("ABCDEFGH", exercise.choices, strict=False):
                    lines.append(f"   - {letter}. {choice}")
            answer = exercise.answer
            if exercise.choices and exercise.kind is ExerciseKind.MULTIPLE_CHOICE:
                letter = "ABCDEFGH"[exercise.choices.index(exercise.answer)]
                answer = f"{letter}. {exercise.answer}"
            entry = f"{number}. {answer}"
            if exercise.explanation:
                entry += f" — {exercise.explanation}"
            key.append(entry)
        lines.append("")
    lines += ["---", "", "## Answer key", ""] + key + [""]
    return "\n".join(lines)


def export_markdown(course: Course, out: Path) -> ExportSummary:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_study_guide(course), encoding="utf-8")
    return ExportSummary(format="markdown", path=out, items=len(course.concepts),
                         detail={"concepts": len(course.concepts),
                                 "exercises": len(course.exercises)})
