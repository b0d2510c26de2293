"""The exercises beyond the definition: what the book shows and how concepts stand apart.

The definition writers (:mod:`tutor.engine.offline.exercises`) test whether the learner knows
what the book says a concept is. These test whether the learner can use it: recognise an
example among examples of sibling concepts, say what a session at the Python prompt shows,
tell the concept from the sibling it is most easily confused with, say why the idea its
definition uses is needed to understand it, answer the book's own practice exercises. Each
exercise records its
``origin`` so the lesson and the mastery rules can tell recall of a sentence from use.
"""

from __future__ import annotations

from collections.abc import Sequence

from tutor.course import Chunk, Exercise
from tutor.engine.offline.book_exercises import write_book_exercises
from tutor.engine.offline.code_exercises import write_code_output
from tutor.engine.offline.contrast_exercises import write_contrast
from tutor.engine.offline.example_exercises import write_example
from tutor.engine.offline.example_use_exercises import write_example_use
from tutor.engine.offline.exercise_material import Material, Sibling
from tutor.engine.offline.relation_exercises import write_relation


def write_beyond_definition(
    m: Material, siblings: Sequence[Sibling], passages: Sequence[Chunk]
) -> list[Exercise]:
    """Example, code-output, contrast and relation items on the concept, those the material
    allows."""
    found: list[Exercise] = []
    example = write_example(m, siblings, passages)
    if example is not None:
        found.append(example)
    found += write_code_output(m, passages)
    found += write_book_exercises(m, passages)
    found += write_contrast(m, siblings, passages)
    found += write_relation(m, siblings, passages)
    if not found:
        # "which idea fills the blank" is recognition: asked only when nothing else goes
        # beyond the definition, so a give-up on that one item does not leave the concept
        # without a question
        found += write_example_use(m, siblings, passages)[:1]
    return found
