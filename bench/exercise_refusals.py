"""Why concepts get no exercise: build a course folder with the offline engine and count the
writer's refusals by reason (:mod:`tutor.engine.offline.writing.refusals`), with the course's own
count of concepts, exercises by origin and concepts with at least one exercise.

Run: ``.venv/bin/python bench/exercise_refusals.py FOLDER [FOLDER ...]`` (each folder holds the
course's sources; its ``course.json`` is rebuilt). Prints JSON; ``--names N`` lists up to N
concepts per reason.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path


def refusals_of(folder: Path, names: int) -> dict[str, object]:
    from tutor.context import TutorContext
    from tutor.engine.offline.writing.refusals import RefusalCount
    from tutor.study import build_course

    with tempfile.TemporaryDirectory(prefix="refusals-") as work:
        context = TutorContext(home=Path(work), data=Path(work) / ".tutor", engine="offline")
        with RefusalCount() as count:
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
        "refusals": {reason: len(found) for reason, found in count.by_reason.items()},
        "refused": {reason: found[:names] for reason, found in count.by_reason.items()},
        "checker_drops": dict(result.report.drop_reasons),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--names", type=int, default=8)
    args = parser.parse_args()
    print(json.dumps([refusals_of(f, args.names) for f in args.folders], indent=2))


if __name__ == "__main__":
    main()
