"""Markdown study guide: concepts in prerequisite order with definitions, citations and
exercises; the answer key at the end. Every course text goes in through
:func:`tutor.safety.markup.inert_markdown`, so no image, link or HTML can form in a viewer."""

from __future__ import annotations

from pathlib import Path

from tutor.course import Course, ExerciseKind
from tutor.export.gift import teaching_order_or_listed
from tutor.export.summary import ExportSummary
from tutor.safety.markup import inert_markdown as md


def _anchor(concept_id: str) -> str:
    return f"concept-{concept_id}"


def _line(text: str) -> str:
    """Text that must stay on its line (a heading, a list item)."""
    return " ".join(text.split())


def render_study_guide(course: Course) -> str:
    concepts = {c.id: c for c in course.concepts}
    order = teaching_order_or_listed(course)
    lines = [f"# {md(_line(course.title))}: study guide", ""]
    lines.append(f"{len(order)} concepts in the order to learn them; the answer key is at the end.")
    lines.append("")
    key: list[str] = []
    number = 0
    for index, concept_id in enumerate(order, start=1):
        concept = concepts[concept_id]
        lines += [f'<a id="{_anchor(concept_id)}"></a>', f"## {index}. {md(_line(concept.name))}", ""]
        lines += [md(concept.definition) or "_No definition found in the material._", ""]
        prereqs = [concepts[p] for p in course.prerequisites_of(concept_id) if p in concepts]
        if prereqs:
            links = ", ".join(f"[{md(_line(p.name))}](#{_anchor(p.id)})" for p in prereqs)
            lines += [f"**Builds on:** {links}", ""]
        if concept.key_points:
            lines += [f"- {md(_line(point))}" for point in concept.key_points] + [""]
        if concept.citations:
            lines += ["*Sources:* " + md(", ".join(c.label() for c in concept.citations)), ""]
        exercises = course.exercises_for(concept_id)
        if exercises:
            lines += ["### Exercises", ""]
        for exercise in exercises:
            number += 1
            lines.append(f"{number}. {md(_line(exercise.prompt))}")
            if exercise.choices and exercise.kind is not ExerciseKind.TRUE_FALSE:
                for letter, choice in zip("ABCDEFGH", exercise.choices, strict=False):
                    lines.append(f"   - {letter}. {md(_line(choice))}")
            answer = md(_line(exercise.answer))
            if exercise.choices and exercise.kind is ExerciseKind.MULTIPLE_CHOICE:
                letter = "ABCDEFGH"[exercise.choices.index(exercise.answer)]
                answer = f"{letter}. {answer}"
            entry = f"{number}. {answer}"
            if exercise.explanation:
                entry += f" — {md(_line(exercise.explanation))}"
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
