"""The mix of a concept's items: which kinds teach, and how much recall goes beside them.

An item that uses the idea (a session's output, a contrast asked on the book's case, the
book's practice exercise, a worked example) tests understanding; an item on the definition, a
relation item keyed to one sentence of the book, "which idea fills the blank" in an example
sentence, or a classmate's note to diagnose (it gives one idea's description under the other's
name: matching it to the definitions just read is recognition) tests recall of what the
learner just read. Beside an item of use, one recall item is enough: more add repetition of
the same sentences, not evidence. A concept with nothing but recall keeps its recall items,
one of each form: a second note to diagnose rehearses the same definition again.
"""

from __future__ import annotations

from collections.abc import Sequence

from tutor.answers import NOTE_DESCRIBES
from tutor.course import Chunk, Concept, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.terms import mentions, term_variants
from tutor.engine.offline.writing.checking import check_exercise
from tutor.engine.offline.writing.purpose_exercises import NEED

MAX_ON_DEFINITION = 1
"""Definition items kept for a concept: a second item on the same sentence proves
recognition of it, not understanding."""
_DEFINITION_PREFERENCE = (ExerciseKind.SHORT_ANSWER, ExerciseKind.CLOZE,
                          ExerciseKind.MULTIPLE_CHOICE, ExerciseKind.TRUE_FALSE)
"""Beside items that use the idea: recall in the learner's own words."""
_ALONE_PREFERENCE = (ExerciseKind.MULTIPLE_CHOICE, ExerciseKind.CLOZE,
                     ExerciseKind.SHORT_ANSWER, ExerciseKind.TRUE_FALSE)
"""A concept with nothing beyond its definition: the question on the term first (its options
are the near concepts, so it tells the idea from its neighbours)."""
ORIGINS_FOR_MASTERY = 2
"""Origins beyond the definition from which a concept needs no definition item (the lesson's
evidence rule, :data:`tutor.learner.evidence.ORIGINS_NEEDED`, is met without it)."""

_USES_THE_IDEA = frozenset({ExerciseOrigin.CODE_OUTPUT, ExerciseOrigin.CONTRAST,
                           ExerciseOrigin.BOOK_EXERCISE, ExerciseOrigin.WORKED_EXAMPLE,
                           ExerciseOrigin.PROCEDURE})
"""Origins whose items test use of the idea, not recall of a sentence (a relation item is
keyed to the one sentence that ties two ideas: recall, so it does not count)."""


def uses_the_idea(exercise: Exercise) -> bool:
    """Whether the item tests understanding beyond the definition: a session's output, a
    contrast (not a classmate's note to diagnose, :func:`is_mix_up`), a practice exercise, or
    a worked example (not the "which idea fills the blank" cloze on an example sentence,
    which is recognition)."""
    if exercise.origin in _USES_THE_IDEA:
        return not is_mix_up(exercise)
    if exercise.origin == ExerciseOrigin.PURPOSE:  # a need to meet, not "what is X for?"
        return NEED in exercise.id
    return exercise.origin == ExerciseOrigin.EXAMPLE and "-example-use-" not in exercise.id


def is_mix_up(exercise: Exercise) -> bool:
    """Whether the item is a classmate's note to diagnose (a contrast whose note gives one
    idea's description under the other's name): the learner matches the note to a definition
    just read, which blind raters count as recall, never as understanding."""
    return exercise.origin == ExerciseOrigin.CONTRAST and any(
        f": {NOTE_DESCRIBES} " in p for p in exercise.key_points[:1])


MAX_RECALL_BESIDE_USE = 1
"""Recall items (on the definition, "why do you need X to understand Y", "which idea fills
the blank") kept for a concept that has an item using the idea: the one that does the
teaching is the item of use; more recall of the same sentences adds repetition, not
evidence."""


def with_one_recall(items: list[Exercise]) -> list[Exercise]:
    """The items, with at most :data:`MAX_RECALL_BESIDE_USE` recall items beside an item that
    uses the idea (the first written, so the relation item on the idea the definition uses
    comes before one read from a glossary entry); a concept with recall items only keeps
    them, one note to diagnose at most."""
    if not any(uses_the_idea(e) for e in items):
        notes = [e.id for e in items if is_mix_up(e)][:1]
        return [e for e in items if not is_mix_up(e) or e.id in notes]
    recalls = [e.id for e in items if not uses_the_idea(e)][:MAX_RECALL_BESIDE_USE]
    return [e for e in items if uses_the_idea(e) or e.id in recalls]


def definition_items_kept(written: list[Exercise], beyond: list[Exercise], concept: Concept,
                          passages: Sequence[Chunk]) -> list[Exercise]:
    """The definition items a concept keeps beside its items ``beyond`` the definition: at
    most :data:`MAX_ON_DEFINITION` (with items beyond it, the production item; alone, the
    question on the term), and none when an item beyond it uses the idea and passes the
    checker, or items of :data:`ORIGINS_FOR_MASTERY` origins name it."""
    if len(written) > MAX_ON_DEFINITION:
        order = _DEFINITION_PREFERENCE if beyond else _ALONE_PREFERENCE
        ranked = sorted(written, key=lambda e: order.index(e.kind))
        kept = {e.id for e in ranked[:MAX_ON_DEFINITION]}
        written = [e for e in written if e.id in kept]
    terms = term_variants(concept.name, concept.aliases)
    own = {e.origin for e in beyond if mentions(e.prompt, terms, fuzzy=False)}
    if len(own) >= ORIGINS_FOR_MASTERY or any(
            (uses_the_idea(e) or is_mix_up(e)) and check_exercise(e, concept, passages).ok
            for e in beyond):
        # items beyond it that name it (a contrast, a relation, a case; a session or a
        # practice exercise may go to another concept that poses it too) restate the
        # definition in use and give the two origins mastery asks for: a question on the
        # sentence would add recall only; one item that uses the idea proves more than
        # restating the sentence the learner just read, and the lesson proves mastery of a
        # one-origin concept by a recall on a later day; a note to diagnose asks what the
        # concept is (recall, but beside the definition item it would give two origins of
        # recall, mastery in a day by recognition)
        return []
    return written
