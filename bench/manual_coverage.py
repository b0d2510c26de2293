"""Benchmark: how many of a teacher's concepts of a manual a built course has.

A teacher's list (JSON lines, one concept a line: ``name``, ``aliases``, ``page``, ``why``)
is matched against the concepts of a built course the way ``bench/concept_map.py`` matches
the teacher maps of the shared books: a teacher's concept is found when the term key
(:func:`tutor.engine.offline.terms.term_key`) of its name or of one of its aliases is the term
key of a course concept's name or alias.

- ``recall``: share of the teacher's concepts found so;
- ``recall_parts``: the same, with each teacher name also read as its parts, since a teacher
  often names two ideas at once or spells an abbreviation out in parentheses ("Vectors and
  c()", "Cipher Block Chaining (CBC)", "init/update/digest interface"): a concept is found when
  one part is. This is looser than ``recall`` and is reported beside it, never instead;
- ``concepts``: how many concepts the course has, and ``per_teacher``: that over the teacher's;
- ``missed``: the teacher's concepts not found (name, page), for reading by hand;
- ``found``: each found teacher concept with the course concept that answers to it.

Automatic matching is stricter than a human reader: "Objects and the workspace" is not found
by a course concept "workspace" unless the teacher listed it as an alias. Read the misses.

Run: ``.venv/bin/python bench/manual_coverage.py COURSE_DIR TEACHER_JSONL [--brief]``
(COURSE_DIR: a built course folder, its ``course.json`` path, or a course name). Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.concept_map import match_concepts  # noqa: E402
from tutor.catalog import load_course  # noqa: E402
from tutor.course import Concept  # noqa: E402

_PARTS = re.compile(r"\s+and\s+|\s*/\s*|\s*[()]\s*|,\s+")


def load_teacher(path: Path) -> list[dict[str, Any]]:
    """The teacher's concepts, one JSON object a line (blank lines skipped)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def name_parts(name: str) -> list[str]:
    """A teacher's name and the parts it joins ("Vectors and c()" -> "Vectors", "c()")."""
    parts = [p.strip() for p in _PARTS.split(name) if p and p.strip()]
    return [name, *(p for p in parts if p != name)]


def coverage(teacher: list[dict[str, Any]], concepts: list[Concept]) -> dict[str, Any]:
    """The measures of the module docstring."""
    gold = {"concepts": [{"name": t["name"], "aliases": t.get("aliases", [])} for t in teacher]}
    found = match_concepts(gold, concepts)
    split = {"concepts": [{"name": t["name"],
                           "aliases": [*name_parts(t["name"])[1:], *t.get("aliases", [])]}
                          for t in teacher]}
    found_parts = match_concepts(split, concepts)
    total = max(1, len(teacher))
    return {
        "teacher_concepts": len(teacher),
        "concepts": len(concepts),
        "per_teacher": round(len(concepts) / total, 2),
        "found": len(found),
        "recall": round(len(found) / total, 3),
        "recall_parts": round(len(found_parts) / total, 3),
        "missed": [f"{t['name']} (p. {t.get('page')})" for t in teacher
                   if t["name"] not in found],
        "matches": {name: concept.name for name, concept in found.items()},
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("course", help="course folder, course.json path or course name")
    parser.add_argument("teacher", type=Path, help="the teacher's concepts (JSON lines)")
    parser.add_argument("--brief", action="store_true", help="numbers only, no lists")
    args = parser.parse_args()
    course = load_course(args.course)
    result = coverage(load_teacher(args.teacher), course.concepts)
    if args.brief:
        result = {k: v for k, v in result.items() if k not in ("missed", "matches")}
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
