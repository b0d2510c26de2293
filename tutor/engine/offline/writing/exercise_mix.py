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

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from tutor.course import Chunk, Concept, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.terms import mentions, term_variants
from tutor.engine.offline.writing.checking import check_exercise

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
"""Origins beyond the definition from which a concept needs no definition item (with an item
of use among them the lesson's evidence rule, :data:`tutor.learner.evidence.ORIGINS_NEEDED`,
is met without it; without one, a recall on a later day meets it)."""

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
    if not any(e.tests_use for e in items):
        notes = [e.id for e in items if e.is_mix_up][:1]
        return [e for e in items if not e.is_mix_up or e.id in notes]
    recalls = [e.id for e in items if not e.tests_use][:MAX_RECALL_BESIDE_USE]
    return [e for e in items if e.tests_use or e.id in recalls]


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
            (e.tests_use or e.is_mix_up) and check_exercise(e, concept, passages).ok
            for e in beyond):
        # items beyond it that name it (a contrast, a relation, a case; a session or a
        # practice exercise may go to another concept that poses it too) restate the
        # definition in use (two origins of recognition prove mastery only by a recall on a
        # later day, :attr:`Exercise.tests_use`): a question on the sentence would add
        # recall only; one item that uses the idea proves more than
        # restating the sentence the learner just read, and the lesson proves mastery of a
        # one-origin concept by a recall on a later day; a note to diagnose asks what the
        # concept is (recall, but beside the definition item it would give two origins of
        # recall, mastery in a day by recognition)
        return []
    return written



_SECOND_ANGLE = {ExerciseKind.SHORT_ANSWER: (ExerciseKind.MULTIPLE_CHOICE,)}
"""The definition item asked beside a concept's one item of use, by that item's kind: beside a
short answer (a case, a contrast), the question that tells the term from its neighbours;
beside anything else (a session's output, a worked example), the explanation in the learner's
own words (:data:`_SECOND_DEFAULT`)."""
_SECOND_DEFAULT = (ExerciseKind.SHORT_ANSWER, ExerciseKind.MULTIPLE_CHOICE)
MIN_EXPLAIN_POINTS = 2
"""Distinct key points an "explain in your own words" item needs to be a second item: graded
on one point, it would pass a learner who repeats the term's first words."""
SAME_POINT = 85
"""Token-set likeness (0-100) from which two key points say the same thing ("item: One of the
values in a sequence." and "One of the values in a sequence.")."""


def distinct_points(points: Sequence[str], name: str) -> int:
    """How many of the key points say something the others do not: a glossary entry's
    "name: description" and the description alone are one point."""
    lead = re.compile(rf"^\s*{re.escape(name)}\s*:\s*", re.I)
    found: list[str] = []
    for point in points:
        text = lead.sub("", point).strip()
        if text and all(fuzz.token_set_ratio(text, f) < SAME_POINT for f in found):
            found.append(text)
    return len(found)


def with_a_second_angle(kept: list[Exercise], written: Sequence[Exercise], concept: Concept,
                        passages: Sequence[Chunk]) -> list[Exercise]:
    """A concept whose one item uses the idea (:attr:`tutor.course.Exercise.tests_use`) gets a second, of
    another kind, from its definition items ``written``: the item of use asks the idea at
    work, the second asks what it is from the other side (which term a description names, or
    what the named term is in the learner's words), so a learner whose one item was revealed
    has another item to show the idea with, and the two give the mastery rule its two
    origins, one beyond the definition. Only where the second passes the checker; an
    explanation needs :data:`MIN_EXPLAIN_POINTS` key points. A concept with recall items only
    gets none: a second item on the one sentence is recognition twice (and a course where
    most items restate definitions); nor beside a note to diagnose. The lesson keeps either
    item from being posed while the other's shown answer holds its key
    (:func:`tutor.teach.exercise_pool.askable`)."""
    if len(kept) != 1 or not kept[0].tests_use:
        return kept
    one = kept[0]
    for kind in _SECOND_ANGLE.get(one.kind, _SECOND_DEFAULT):
        for item in written:
            if item.kind is not kind or item.origin != ExerciseOrigin.DEFINITION:
                continue
            if kind is ExerciseKind.SHORT_ANSWER and distinct_points(
                    item.key_points, concept.name) < MIN_EXPLAIN_POINTS:
                continue
            if kind is ExerciseKind.MULTIPLE_CHOICE and item.answer != concept.name:
                continue  # "which statement describes X": its options restate the definition
            if check_exercise(item, concept, passages).ok:
                return [one, item]
    return kept
