"""The cached prefix of every Claude request: what stays the same from call to call.

The system prompt is built of parts, each closed by a cache breakpoint
(:func:`tutor.engine.claude.calls.system_blocks`): first the persona and the reading rules,
and the teaching guide (how a one-call teaching turn is done), then, for an engine working on a
course, the course context: its concepts in teaching order
and, when the course is small enough, all its passages. Nothing volatile (the learner, the
exercise, the answer) goes here, so from the second request on the whole prefix is read from
the prompt cache; requests then name the passages they are about by id.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tutor.course import Chunk, Course
from tutor.engine.claude import rendering as r
from tutor.prompts import load_prompt


def teaching_order(course: Course) -> list[str]:
    """The course's teaching order, or its concept order when the graph has a cycle."""
    try:
        return course.teaching_order()
    except ValueError:
        return [c.id for c in course.concepts]


def course_context(prompts: Path, course: Course, material: Sequence[Chunk] = ()) -> str:
    """The course part of the prefix: title, concepts (and the passages, when given)."""
    order = {cid: i for i, cid in enumerate(teaching_order(course))}
    concepts = sorted(course.concepts, key=lambda c: order.get(c.id, len(order)))
    context = load_prompt("course_context", prompts).render(
        title=course.title, concepts=r.concepts_line_list(concepts))
    if material:
        context += ("\n\nThe course material, which requests name by passage id:\n"
                    f"<course_material>\n{r.passages_block(material)}\n</course_material>")
    return context


def prefix_parts(prompts: Path, course: Course | None,
                 material: Sequence[Chunk] = ()) -> list[str]:
    """The system prompt parts: persona + rules + teaching guide, then the course context (if
    any)."""
    persona = load_prompt("persona", prompts).render()
    rules = load_prompt("rules", prompts).render()
    guide = load_prompt("teaching_guide", prompts).render()
    parts = [f"{persona.strip()}\n\n{rules.strip()}\n\n{guide.strip()}"]
    if course is not None:
        parts.append(course_context(prompts, course, material))
    return parts
