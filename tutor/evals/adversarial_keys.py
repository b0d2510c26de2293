"""Answers built to fool the short-answer grader, from the keys a built course's writers made.

:mod:`tutor.evals.adversarial_answers` builds its answers from the teachers' definitions ("X
is ..."); the offline writers key short answers in more shapes than that: a purpose ("To read
a file ... and write it to a file"), a relation or a contrast of two ideas, what a worked
example's value means, a case or a classmate's mixed-up note. This module takes every short
answer of a built ``course.json``, names its shape (:func:`key_shape`) and grades with the
product grader, for each key:

* ``right``: the key itself, and the key in other words a learner might use (its points in
  the other order; a purpose said as "It is used to ..."; a "term: definition" key without
  the term): should be accepted;
* ``negated``: the key with "not" put in every place a learner may put it (after the copula,
  "never", "no longer", "cannot", "to not", "does not", the last clause, "it is not true
  that ..."), and the first key point alone, negated: should be rejected;
* ``salad``: the key's content words in order and shuffled, and all its words shuffled
  (function words kept): should be rejected;
* ``sibling``: the key of the nearest other exercise of the same shape in the course (another
  concept's): should be rejected.

A case item ("is the missing idea X or Y? say why") is graded by the idea it names, so its
answers are built from the two names (:func:`case_cases`): the right name with and without the
reason, the right name denied, the other idea named.

The report gives, per course and shape, the share graded right of each family.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from tutor.course import Course, Exercise, ExerciseKind
from tutor.engine.offline.tutoring.answer_similarity import content_words, tokens
from tutor.evals.adversarial_answers import lower_first_word

FAMILIES = ("right", "negated", "salad", "sibling")
_COPULA = re.compile(r"\b(is|are|was|were)\b(?! not\b)")
_CAN = re.compile(r"\bcan\b(?! not\b)")
_TO_VERB = re.compile(r"\bto (?=[a-z])")
_LAST_AND = re.compile(r"\b(and|or|but)\s+(?=[a-z])(?!.*\b(?:and|or|but)\s)", re.S)
_TERM_LEAD = re.compile(r"^(?P<term>[^:.;]{1,60}):\s+(?P<rest>\S.*)$", re.S)


def key_shape(exercise: Exercise) -> str:
    """The shape of a short answer's key, from the writer's origin and the prompt it asks."""
    from tutor.answers import mix_up_sides
    from tutor.engine.offline.tutoring.case_answers import case_sides

    answer = exercise.answer.strip()
    origin = str(exercise.origin or "definition")
    if case_sides(exercise) is not None:
        return "case"
    if mix_up_sides(exercise) is not None:
        return "mix_up_note"
    if origin == "purpose" or re.match(r"^To [a-z]", answer):
        return "purpose"
    if origin == "contrast":
        return "contrast_pair"
    return origin


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def negations(key: str, points: list[str]) -> dict[str, str]:
    """The key turned around in each place a learner may say "not" (those that fit it)."""
    key = key.strip()
    out: dict[str, str] = {}
    if _COPULA.search(key):
        out["copula_not"] = _COPULA.sub(r"\1 not", key, count=1)
        out["copula_never"] = _COPULA.sub(r"\1 never", key, count=1)
        out["copula_no_longer"] = _COPULA.sub(r"\1 no longer", key, count=1)
    if _CAN.search(key):
        out["cannot"] = _CAN.sub("cannot", key, count=1)
    purpose = re.match(r"^To (?P<rest>[a-z].*)$", key, re.S)
    if purpose:
        out["to_not"] = f"To not {purpose['rest']}"
        out["never_to"] = f"Never to {purpose['rest']}"
        out["does_not"] = f"It does not {purpose['rest']}"
    elif _TO_VERB.search(key):
        out["to_not"] = _TO_VERB.sub("to not ", key, count=1)
    term = _TERM_LEAD.match(key)
    if term and not purpose:
        out["term_not"] = f"{term['term']}: not {lower_first_word(term['rest'])}"
    last = list(_LAST_AND.finditer(key))
    if last:
        at = last[-1].end()
        out["last_clause_not"] = key[:at] + "not " + key[at:]
    out["not_true_that"] = f"It is not true that {lower_first_word(key)}"
    first = (points or [key])[0].strip()
    if first and first != key:
        bare = re.sub(r"^To\s+", "", first)
        out["first_point_not"] = (f"To not {bare}" if purpose else
                                  _COPULA.sub(r"\1 not", first, count=1)
                                  if _COPULA.search(first) else f"Not {lower_first_word(first)}")
    return out


def salads(key: str, seed: str) -> dict[str, str]:
    """The key's words with no sentence around them: content words in order, shuffled, and
    every word shuffled (the function words kept)."""
    words = tokens(key)
    content = [w for w in words if content_words(w)]
    rng = random.Random(seed)
    shuffled, every = content[:], words[:]
    rng.shuffle(shuffled)
    rng.shuffle(every)
    return {"content_in_order": " ".join(content), "content_shuffled": " ".join(shuffled),
            "all_words_shuffled": " ".join(every)}


def rewordings(exercise: Exercise, shape: str) -> dict[str, str]:
    """The key, and the key in the other words a learner who knows it might use."""
    key = exercise.answer.strip()
    out = {"key": key}
    points = [p.strip().rstrip(".") for p in exercise.key_points if p.strip()]
    if len(points) >= 2 and shape not in ("case", "mix_up_note"):
        out["points_reordered"] = ". ".join(_upper_first(p) for p in reversed(points)) + "."
    purpose = re.match(r"^To (?P<rest>[a-z].*)$", key, re.S)
    if purpose:
        out["used_to"] = f"It is used to {purpose['rest']}"
    term = _TERM_LEAD.match(key)
    if term and shape in ("definition", "relation"):
        out["without_term"] = _upper_first(term["rest"])
    return out


def short_answers(course: Course) -> list[Exercise]:
    return [e for e in course.exercises if e.kind == ExerciseKind.SHORT_ANSWER and e.answer]


def _siblings(exercises: list[Exercise]) -> dict[str, Exercise]:
    """For each exercise, the nearest exercise of the same shape about another concept."""
    from tutor.index.embeddings import embed

    by_shape: dict[str, list[Exercise]] = defaultdict(list)
    for e in exercises:
        by_shape[key_shape(e)].append(e)
    out: dict[str, Exercise] = {}
    for group in by_shape.values():
        if len(group) < 2:
            continue
        vectors = embed([e.answer for e in group])
        similarity = vectors @ vectors.T
        for row, e in enumerate(group):
            for i in similarity[row].argsort()[::-1]:
                other = group[int(i)]
                if other.concept_id != e.concept_id and other.answer != e.answer:
                    out[e.id] = other
                    break
    return out


def case_cases(exercise: Exercise) -> Iterable[tuple[str, str, str, bool]]:
    """A case item asks which of two ideas the case shows, and why: it is graded by the idea
    named (a bare right name passes), so its answers are built from the two names and the
    right idea's description (the key's second point, "name: description")."""
    from tutor.engine.offline.tutoring.case_answers import case_sides

    sides = case_sides(exercise)
    if sides is None:
        return
    right, other = sides[0][0], sides[1]
    described = exercise.key_points[1].split(": ", 1)[-1].strip().rstrip(".")
    yield "right", "name_and_reason", f"{_upper_first(right)}, because it is {described}.", True
    yield "right", "name_only", _upper_first(right), True
    yield "negated", "not_the_name", f"It is not {right}; {described}.", False
    yield "negated", "not_name_other_named", f"Not {right} but {other}.", False
    yield "sibling", "other_idea", f"{_upper_first(other)}, because it is {described}.", False


def cases(exercise: Exercise, sibling: Exercise | None) -> Iterable[tuple[str, str, str, bool]]:
    """``(family, variant, answer, should_pass)`` for one exercise."""
    shape = key_shape(exercise)
    if shape == "case":
        yield from case_cases(exercise)
        return
    for variant, text in rewordings(exercise, shape).items():
        yield "right", variant, text, True
    for variant, text in negations(exercise.answer, exercise.key_points).items():
        yield "negated", variant, text, False
    for variant, text in salads(exercise.answer, exercise.id).items():
        yield "salad", variant, text, False
    if sibling is not None:
        yield "sibling", "nearest_same_shape", sibling.answer, False


def graded_right(course_dir: Path) -> list[dict[str, object]]:
    """One row per case: course, shape, family, variant, exercise, answer, right (whether
    the grader's verdict is the one the case should get)."""
    from tutor.engine.offline.tutoring.grading import grade

    course = Course.load(Path(course_dir) / "course.json")
    exercises = short_answers(course)
    siblings = _siblings(exercises)
    rows: list[dict[str, object]] = []
    for e in exercises:
        for family, variant, text, should in cases(e, siblings.get(e.id)):
            if not text.strip():
                continue
            rows.append({"course": Path(course_dir).name, "shape": key_shape(e),
                         "family": family, "variant": variant, "exercise": e.id,
                         "answer": text, "right": grade(e, text).correct == should})
    return rows


def shares(rows: list[dict[str, object]], by: tuple[str, ...] = ("shape", "family")
           ) -> dict[str, dict[str, float]]:
    """Share graded right and count, per the ``by`` fields joined with ``/``."""
    groups: dict[str, list[bool]] = defaultdict(list)
    for row in rows:
        groups["/".join(str(row[f]) for f in by)].append(bool(row["right"]))
    return {k: {"right": round(sum(v) / len(v), 4), "n": float(len(v))}
            for k, v in sorted(groups.items())}
