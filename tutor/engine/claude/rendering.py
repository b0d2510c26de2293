"""Course material and learner text rendered as delimited data for the prompts.

Passages become ``<passage id=... source=... page=...>`` elements inside the prompt's
``<course_material>`` block; concepts, exercises and learner records become JSON inside
``<data>`` blocks. Text that would close one of these tags early is defused, so that material
or learner text can never step outside its block and pose as instructions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from tutor.course import Chunk, Citation, Concept, Exercise
from tutor.engine.port import ExplanationStyle, LearnerContext

_OUR_TAGS = re.compile(
    r"<(/?)\s*(course_material|passage|learner_answer|learner_question|data)\b", re.IGNORECASE
)
DEFINITION_LIMIT = 240

STYLE_INSTRUCTIONS = {
    ExplanationStyle.DEFINITION: "state the definition plainly, then what it means in practice.",
    ExplanationStyle.SIMPLER: (
        "explain it as simply as you can, in short sentences and everyday words, as if meeting "
        "the idea for the first time."
    ),
    ExplanationStyle.EXAMPLE: (
        "teach it through one worked example from (or closely modelled on) the material, step "
        "by step, then state the general idea the example shows."
    ),
    ExplanationStyle.PREREQUISITES: (
        "start from the prerequisites listed, recall each in a sentence, then show how the "
        "concept builds on them."
    ),
}

HINT_LEVELS = {
    1: "Nudge: ask a question that turns the learner towards the idea the exercise is about.",
    2: "Point: say which part of the concept (or which page of the course) holds the answer, "
    "and what role it plays, without naming it.",
    3: "Narrow down: for multiple choice, rule out exactly one wrong option and say why; "
    "otherwise describe the missing idea by what it does, without naming it.",
}
LAST_HINT_LEVEL = max(HINT_LEVELS)


def defuse(text: str) -> str:
    """``text`` with any of our delimiter tags neutralised (``<`` becomes ``‹``)."""
    return _OUR_TAGS.sub(lambda m: f"‹{m.group(1)}{m.group(2)}", text)


def _attr(value: str) -> str:
    return defuse(value).replace('"', "'")


def passages_block(passages: Sequence[Chunk]) -> str:
    """Passages as ``<passage>`` elements (the content of a ``<course_material>`` block)."""
    parts = []
    for chunk in passages:
        heading = f' heading="{_attr(chunk.heading)}"' if chunk.heading else ""
        parts.append(
            f'<passage id="{_attr(chunk.id)}" source="{_attr(chunk.source)}" '
            f'page="{chunk.page}"{heading}>\n{defuse(chunk.text.strip())}\n</passage>'
        )
    return "\n".join(parts) if parts else "(no passages)"


def data_json(value: object) -> str:
    return defuse(json.dumps(value, ensure_ascii=False, indent=1))


def concept_record(concept: Concept) -> dict[str, object]:
    return {
        "id": concept.id,
        "name": concept.name,
        "definition": concept.definition[:DEFINITION_LIMIT],
        "definition_kind": str(concept.definition_kind),
        "aliases": concept.aliases,
        "key_points": concept.key_points,
    }


def concepts_line_list(concepts: Sequence[Concept]) -> str:
    """One line per concept, for the course context in the cached prefix."""
    lines = [
        f"- {c.id}: {c.name}: {c.definition[:DEFINITION_LIMIT]}".rstrip(": ") for c in concepts
    ]
    return defuse("\n".join(lines)) if lines else "(none yet)"


def exercise_record(exercise: Exercise, with_answer: bool) -> dict[str, object]:
    record: dict[str, object] = {
        "id": exercise.id,
        "kind": str(exercise.kind),
        "prompt": exercise.prompt,
    }
    if exercise.choices:
        record["choices"] = exercise.choices
    if with_answer:
        record["answer"] = exercise.answer
        if exercise.accepted:
            record["accepted"] = exercise.accepted
        if exercise.key_points:
            record["key_points"] = exercise.key_points
        if exercise.misconceptions:
            record["misconceptions"] = exercise.misconceptions
    record["cited_pages"] = [c.label() for c in exercise.citations]
    return record


def learner_data(learner: LearnerContext) -> dict[str, object]:
    # The learner's name stays out of it: names are for the app to show, not for the model.
    return {
        "summary": learner.summary,
        "styles_that_worked": learner.styles_that_worked,
        "styles_that_failed": learner.styles_that_failed,
        "recent_mistakes": learner.recent_mistakes,
    }


def learner_record(learner: LearnerContext) -> str:
    return data_json(learner_data(learner))


def citations_of(passages: Sequence[Chunk]) -> list[Citation]:
    """The distinct pages of ``passages``, in order."""
    seen: set[tuple[str, int]] = set()
    out: list[Citation] = []
    for chunk in passages:
        key = (chunk.source, chunk.page)
        if key not in seen:
            seen.add(key)
            out.append(chunk.citation())
    return out
