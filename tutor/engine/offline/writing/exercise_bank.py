"""The exercises beyond the definition: what the book shows and how concepts stand apart.

The definition writers (:mod:`tutor.engine.offline.writing.exercises`) test whether the learner knows
what the book says a concept is. These test whether the learner can use it: recognise an
example among examples of sibling concepts, say what a session at the Python prompt shows,
tell the concept from the sibling it is most easily confused with, say how it stands to the
broader idea it is a kind of (and to another kind of it), answer the book's own practice
exercises, work out the result of a worked example the book computes, say what a value the
book reports means. Each
exercise records its
``origin`` so the lesson and the mastery rules can tell recall of a sentence from use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tutor.course import Chunk, Exercise
from tutor.engine.offline.code_output.annotated_results import write_annotated_results
from tutor.engine.offline.code_output.bash_sessions import write_bash_sessions
from tutor.engine.offline.code_output.code_exercises import write_code_output
from tutor.engine.offline.code_output.prompt_conventions import PromptConvention
from tutor.engine.offline.code_output.special_values import write_special_values
from tutor.engine.offline.code_output.stated_results import write_stated_results
from tutor.engine.offline.code_output.transcript_exercises import write_transcript_outputs
from tutor.engine.offline.contrasts.contrast_cases import shown_case
from tutor.engine.offline.contrasts.contrast_exercises import write_contrast
from tutor.engine.offline.contrasts.contrast_questions import pair_of
from tutor.engine.offline.contrasts.relation_exercises import fits, write_relation
from tutor.engine.offline.definitions.book_definition import (
    find_book_definition,
    named_siblings_described,
)
from tutor.engine.offline.examples.case_rules import write_case_rules
from tutor.engine.offline.examples.drawn_conclusions import write_conclusions
from tutor.engine.offline.examples.example_exercises import write_example
from tutor.engine.offline.examples.example_use_exercises import write_example_use
from tutor.engine.offline.examples.paired_cases import write_paired_cases
from tutor.engine.offline.examples.value_readings import write_readings
from tutor.engine.offline.examples.worked_examples import write_worked_examples
from tutor.engine.offline.procedures.procedure_exercises import write_procedures
from tutor.engine.offline.writing.book_exercises import write_book_exercises
from tutor.engine.offline.writing.exercise_material import Material, Sibling
from tutor.engine.offline.writing.option_exercises import write_option_items
from tutor.engine.offline.writing.purpose_exercises import write_purposes


def write_beyond_definition(
    m: Material, siblings: Sequence[Sibling], passages: Sequence[Chunk],
    heads: Sequence[Sibling] = (),
    conventions: Sequence[PromptConvention] | None = None,
) -> list[Exercise]:
    """Example, code-output, practice, worked-example, contrast and relation items on the concept, those the material
    allows; ``heads`` are the related concepts the concept's name ends with, which a relation
    item may place it under (:func:`~tutor.engine.offline.contrasts.relation_exercises.broader_by_name`);
    ``conventions``: the book's prompt conventions, found once per build."""
    found: list[Exercise] = []
    example = write_example(m, siblings, passages)
    if example is not None:
        found.append(example)
    found += write_code_output(m, passages)
    found += write_transcript_outputs(m, passages, conventions)  # R, gnuplot, the shell, and
    # systems read in the book's own convention: keyed to the page
    found += write_bash_sessions(m, passages)  # a Bash manual's sessions at the prompt
    found += write_stated_results(m, passages)  # results the manual states in prose
    found += write_annotated_results(m, passages)  # code with its result in a comment
    found += write_special_values(m, passages)  # a call on -0, Inf, NaN: what it gives
    found += write_paired_cases(m, passages)  # two cases in a sentence: work out the second
    found += write_book_exercises(m, passages)
    found += write_worked_examples(m, passages)
    found += write_readings(m, passages)
    found += write_conclusions(m, passages)  # what follows from a result the book reports
    found += write_option_items(m, passages)  # a tool's options: which does what
    found += write_procedures(m, passages)  # a goal the manual states: what to run or choose
    found += write_purposes(m, siblings, passages)  # a described concept: what it is used for
    compared = comparable(m)
    siblings = named_siblings_described(compared, siblings, passages)
    contrasts = write_contrast(compared, siblings, passages)
    found += contrasts
    # a pair the contrast sets apart has its tie in that key already
    found += write_relation(compared, siblings, heads, taken=_contrasted(contrasts, siblings),
                            quoted=[q for e in contrasts if (q := shown_case(e))])
    if not found:
        # "which idea fills the blank" is recognition: asked only when nothing else goes
        # beyond the definition, so a give-up on that one item does not leave the concept
        # without a question
        found += write_example_use(m, siblings, passages)[:1]
    # a rule's two cases, what the second does: written after that fallback, so a concept
    # whose only other question would be its example sentence keeps it (and the contrast
    # asked on that sentence) beside the rule
    found += write_case_rules(m, passages)
    return found


def comparable(m: Material) -> Material:
    """The material as contrast and relation items read it: a concept whose own defining
    sentence gives no one-sentence description ("This description is called the distribution
    of the variable") is described by the book's definition found among its passages (its
    glossary entry, a defining sentence elsewhere), cited where it was found. The definition
    items keep the map's sentence."""
    if fits(m.description):
        return m
    found = find_book_definition(m)
    if found is None or found.naming or not fits(found.description):
        return m
    glossary = found.text.startswith(f"{m.concept.name}: ")
    return replace(m, sentence=None if glossary else found.text, defines=not glossary,
                   description=found.description, citations=[found.chunk.citation()],
                   found_elsewhere=True)


def _contrasted(contrasts: Sequence[Exercise], siblings: Sequence[Sibling]) -> set[str]:
    """The ids of the siblings the contrast items set the concept apart from."""
    paired = {name for e in contrasts
              if (pair := pair_of(e.origin.value, e.prompt, e.key_points)) for name in pair}
    return {s.concept.id for s in siblings if s.concept.name.lower() in paired}
