"""Moodle GIFT export: multiple choice, true/false, short answer (cloze) and essay questions.

GIFT reserves ``~ = # { } :``; they are escaped with a backslash wherever they occur in text
(as is the backslash itself), and newlines are written as ``\\n``.

- multiple choice: ``::id::prompt {=right#why ~wrong#misconception ...}``
- true/false: ``::id::statement {TRUE#why}``
- cloze: a missing-word short-answer question, ``text {=answer =alias} text``
- explain in your own words: an essay question with the reference answer as general feedback
"""

from __future__ import annotations

import re
from pathlib import Path

from tutor.course import Course, Exercise, ExerciseKind
from tutor.export.summary import ExportSummary

_SPECIAL = "\\~=#{}:"
_BLANK = re.compile(r"_{3,}")
_TF_PREFIX = re.compile(r"^\s*true or false\s*[:?.]\s*", re.IGNORECASE)


def escape(text: str) -> str:
    """Escape GIFT's reserved characters and newlines in ``text``."""
    out = []
    for char in text:
        if char in _SPECIAL:
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            continue
        else:
            out.append(char)
    return "".join(out)


def _category(text: str) -> str:
    """One level of a ``$CATEGORY`` path: GIFT has no escapes there, so a ``/`` (a new level),
    a ``$`` (``$system$`` picks another context) and line breaks are replaced."""
    text = " ".join(text.split()).replace("/", "-").replace("$", "S")
    return text.lstrip("/ ") or "concept"


def _title(exercise: Exercise) -> str:
    return f"::{escape(exercise.id)}::"


def _feedback(text: str) -> str:
    return f"#{escape(text)}" if text else ""


def question(exercise: Exercise) -> str | None:
    """One GIFT question for ``exercise``, or None when GIFT cannot hold it."""
    kind = exercise.kind
    if kind is ExerciseKind.MULTIPLE_CHOICE and exercise.choices:
        lines = []
        for choice in exercise.choices:
            if choice == exercise.answer:
                lines.append(f"={escape(choice)}{_feedback(exercise.explanation)}")
            else:
                lines.append(f"~{escape(choice)}{_feedback(exercise.misconceptions.get(choice, ''))}")
        return f"{_title(exercise)}{escape(exercise.prompt)} {{\n\t" + "\n\t".join(lines) + "\n}"
    if kind is ExerciseKind.TRUE_FALSE:
        value = exercise.answer.strip().lower()
        if value not in {"true", "false"}:
            return None
        statement = _TF_PREFIX.sub("", exercise.prompt)
        return (f"{_title(exercise)}{escape(statement)} "
                f"{{{value.upper()}{_feedback(exercise.explanation)}}}")
    if kind is ExerciseKind.CLOZE:
        answers = " ".join(f"={escape(a)}" for a in [exercise.answer, *exercise.accepted] if a)
        parts = _BLANK.split(exercise.prompt, maxsplit=1)
        if len(parts) == 2:
            return f"{_title(exercise)}{escape(parts[0])}{{{answers}}}{escape(parts[1])}"
        return f"{_title(exercise)}{escape(exercise.prompt)} {{{answers}}}"
    if kind is ExerciseKind.SHORT_ANSWER:
        reference = exercise.answer
        if exercise.key_points:
            reference += "\nKey points: " + "; ".join(exercise.key_points)
        return f"{_title(exercise)}{escape(exercise.prompt)} {{####{escape(reference)}}}"
    return None


def export_gift(course: Course, out: Path) -> ExportSummary:
    """Write a GIFT file: questions grouped under a category per concept."""
    names = {c.id: c.name for c in course.concepts}
    blocks: list[str] = [f"// {' '.join(course.title.split())}: exported by agent-tutor"]
    detail: dict[str, int] = {}
    skipped: dict[str, int] = {}
    current = None
    rank = {cid: i for i, cid in enumerate(teaching_order_or_listed(course))}
    for exercise in sorted(course.exercises,
                           key=lambda e: (rank.get(e.concept_id, len(rank)), e.id)):
        text = question(exercise)
        if text is None:
            skipped[exercise.kind.value] = skipped.get(exercise.kind.value, 0) + 1
            continue
        if exercise.concept_id != current:
            current = exercise.concept_id
            category = f"{_category(course.title)}/{_category(names.get(current, current))}"
            blocks.append(f"$CATEGORY: {category}")
        blocks.append(f"// concept: {exercise.concept_id}\n{text}")
        detail[exercise.kind.value] = detail.get(exercise.kind.value, 0) + 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return ExportSummary(format="gift", path=out, items=sum(detail.values()), detail=detail,
                         skipped=skipped)


def teaching_order_or_listed(course: Course) -> list[str]:
    """Concept ids in teaching order; in listed order if the edges are not acyclic."""
    try:
        return course.teaching_order()
    except ValueError:
        return [c.id for c in course.concepts]
