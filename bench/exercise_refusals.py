"""Why concepts get no exercise: build a course folder with the offline engine and count the
writer's refusals by reason (:mod:`tutor.engine.offline.writing.refusals`), with the course's own
count of concepts, exercises by origin and concepts with at least one exercise (and of the
concepts it only describes, ``Concept.definition_kind``, those with one); and, for each
concept left without an exercise, why: the writer's refusal, else the checker's reason for the
items written for it, else "asked by another concept's exercise" (its one question went to a
concept that poses it too).

Run: ``.venv/bin/python bench/exercise_refusals.py FOLDER [FOLDER ...]`` (each folder holds the
course's sources; its ``course.json`` is rebuilt). Prints JSON; ``--names N`` lists up to N
concepts per reason.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def refusals_of(folder: Path, names: int) -> dict[str, object]:
    from tutor.context import TutorContext
    from tutor.engine.offline.writing.refusals import RefusalCount
    from tutor.study import build_course

    with tempfile.TemporaryDirectory(prefix="refusals-") as work:
        context = TutorContext(home=Path(work), data=Path(work) / ".tutor", engine="offline")
        with RefusalCount() as count, _checker_refusals() as checked:
            result = build_course(folder, context=context)
    course = result.course
    if course is None:
        return {"course": folder.name, "error": "no source could be read"}
    asked = {e.concept_id for e in course.exercises}
    return {
        "course": folder.name,
        "concepts": len(course.concepts),
        "exercises": len(course.exercises),
        "by_origin": dict(Counter(e.origin for e in course.exercises)),
        "concepts_with_exercise": sum(1 for c in course.concepts if c.id in asked),
        **_described(course.concepts, asked),
        "refusals": {reason: len(found) for reason, found in count.by_reason.items()},
        "refused": {reason: found[:names] for reason, found in count.by_reason.items()},
        "checker_drops": dict(result.report.drop_reasons),
        "without_exercise": _without_exercise(course.concepts, asked, count.by_reason, checked,
                                              names),
    }


def _described(concepts, asked):  # type: ignore[no-untyped-def]
    """How many concepts the course only describes (``Concept.definition_kind``), and how
    many of them have an exercise."""
    described = [c for c in concepts if not c.defined]
    return {"described": len(described),
            "described_with_exercise": sum(1 for c in described if c.id in asked)}


@contextmanager
def _checker_refusals() -> Iterator[dict[str, list[str]]]:
    """The offline checker's reasons, per concept id, for each item it rejects during the
    build (the engine's method wrapped for the build, restored after)."""
    from tutor.engine.offline.engine import OfflineEngine
    from tutor.study.rules import reason_category

    found: dict[str, list[str]] = defaultdict(list)
    original = OfflineEngine.check_exercise

    def recording(self, exercise, concept, passages):  # type: ignore[no-untyped-def]
        verdict = original(self, exercise, concept, passages)
        if not verdict.ok:
            found[concept.id].append(reason_category((verdict.problems or ["rejected"])[0]))
        return verdict

    OfflineEngine.check_exercise = recording  # type: ignore[method-assign]
    try:
        yield found
    finally:
        OfflineEngine.check_exercise = original  # type: ignore[method-assign]


def _without_exercise(concepts, asked, refused, checked, names):  # type: ignore[no-untyped-def]
    """Concepts with no exercise, by why: ``writer: <reason>``, ``checker: <reason>`` (the
    reason given most for its items) or "asked by another concept's exercise"."""
    by_name = {n: reason for reason, found in refused.items() for n in found}
    why: dict[str, list[str]] = defaultdict(list)
    for concept in concepts:
        if concept.id in asked:
            continue
        if concept.name in by_name:
            why[f"writer: {by_name[concept.name]}{_not_defined_how(concept, by_name)}"].append(
                concept.name)
        elif checked.get(concept.id):
            reason = Counter(checked[concept.id]).most_common(1)[0][0]
            why[f"checker: {reason}"].append(concept.name)
        else:
            why["asked by another concept's exercise"].append(concept.name)
    return {reason: {"count": len(found), "names": found[:names]}
            for reason, found in sorted(why.items(), key=lambda kv: -len(kv[1]))}


def _not_defined_how(concept, by_name) -> str:  # type: ignore[no-untyped-def]
    """For a concept the writer found no definition of, what the map's sentence is: a
    description by the map's own judge that names the concept (it says something of it, not
    what it is), a gloss that does not name it, or a sentence the map took for a definition
    that the writers' judge does not (``descriptions.says_what_it_is``)."""
    from tutor.engine.offline.terms import mentions, term_variants
    from tutor.engine.offline.writing.refusals import NOT_DEFINED

    if by_name[concept.name] != NOT_DEFINED:
        return ""
    if concept.defined:
        return " (the map's definition, not one by the writers' judge)"
    if mentions(concept.definition, term_variants(concept.name, concept.aliases)):
        return " (the map's description: a sentence about it)"
    return " (the map's description: a gloss)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--names", type=int, default=8)
    args = parser.parse_args()
    print(json.dumps([refusals_of(f, args.names) for f in args.folders], indent=2))


if __name__ == "__main__":
    main()
