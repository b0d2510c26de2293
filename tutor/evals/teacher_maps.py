"""True prerequisites for simulated learners, from a teacher's concept map of the book.

The evaluation data holds, for each shipped book, the map a teacher drew from the PDF alone
(``../shared/eval/concepts/<book>_map.json``: concepts with names and aliases, and pairs
``[A, B]`` meaning "A is needed to understand B"). A simulated learner of such a book needs
what the teacher says it needs, not what our extraction found: otherwise a policy that follows
the extracted graph is graded against its own guesses.

A course concept is matched to a map concept by its name or an alias (either side's), after
normalising case, punctuation, articles and plurals. Course concepts the map does not cover
need nothing; map pairs whose ends are not both in the course are dropped (the bridged pairs
through missing concepts are kept: A -> X -> B with X missing gives A -> B).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from pydantic import BaseModel, Field

from tutor.answers import normalise
from tutor.course import Course


class TeacherPrerequisites(BaseModel):
    """The map's prerequisites over a course's concept ids, and how much of the map matched."""

    map_name: str
    needs: dict[str, list[str]] = Field(default_factory=dict)
    """Course concept id -> the course concept ids it needs."""
    matched: int = 0
    """Course concepts matched to a map concept."""
    pairs: int = 0
    """Prerequisite pairs kept (both ends in the course, bridged over missing concepts)."""


def maps_folder(start: Path) -> Path | None:
    """``shared/eval/concepts`` beside ``start`` or one of its parents, if there is one."""
    for folder in [start, *start.parents]:
        candidate = folder / "shared" / "eval" / "concepts"
        if candidate.is_dir():
            return candidate
    return None


def map_for(course: Course, folder: Path | None) -> Path | None:
    """The teacher's map of the book the course was built from (by the PDF's file name)."""
    if folder is None:
        return None
    names = {Path(s.name).name.lower() for s in course.sources}
    for path in sorted(folder.glob("*_map.json")):
        book = str(json.loads(path.read_text(encoding="utf-8")).get("book", "")).lower()
        if book and book in names:
            return path
    return None


def _keys(name: str, aliases: list[str]) -> set[str]:
    return {k for k in (normalise(t) for t in [name, *aliases]) if k}


def teacher_prerequisites(course: Course, map_path: Path) -> TeacherPrerequisites:
    """The map's prerequisite pairs expressed over ``course``'s concept ids."""
    data = json.loads(map_path.read_text(encoding="utf-8"))
    owner: dict[str, str] = {}  # normalised name or alias -> map concept name
    for concept in data.get("concepts", []):
        for key in _keys(concept["name"], list(concept.get("aliases", []))):
            owner.setdefault(key, concept["name"])
    course_of: dict[str, str] = {}  # map concept name -> course concept id
    for concept in course.concepts:
        for key in _keys(concept.name, list(concept.aliases)):
            if key in owner:
                course_of.setdefault(owner[key], concept.id)
                break
    edges: dict[str, set[str]] = defaultdict(set)  # map concept -> map concepts it needs
    for pair in data.get("prerequisites", []):
        edges[pair[1]].add(pair[0])
    needs: dict[str, list[str]] = {}
    pairs = 0
    for name, concept_id in course_of.items():
        found: set[str] = set()
        seen: set[str] = set()
        todo = list(edges.get(name, ()))
        while todo:  # walk through map concepts the course lacks to ones it has
            other = todo.pop()
            if other in seen:
                continue
            seen.add(other)
            if other in course_of:
                if course_of[other] != concept_id:
                    found.add(course_of[other])
            else:
                todo.extend(edges.get(other, ()))
        if found:
            needs[concept_id] = sorted(found)
            pairs += len(found)
    return TeacherPrerequisites(map_name=map_path.name, needs=needs,
                                matched=len(set(course_of.values())), pairs=pairs)
