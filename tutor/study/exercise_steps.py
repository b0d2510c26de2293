"""The exercise steps of the study graph: one writing task and one checking task per concept.

``plan_exercises`` finds once what each concept's tasks read: the passages that teach it or
show it at work (:class:`tutor.study.rules.PassageLookup`). ``fan_out_writing`` sends each
concept, its nearest concepts (and those the prerequisite graph links it to) and those
passages to ``write_exercises``; once every task is done
(``collect_exercises``), ``fan_out_checking`` sends each concept's written exercises to
``check_exercises``, which drops the rejected ones and counts why. LangGraph runs the tasks of
a fan-out concurrently (which matters for the Claude engine, whose calls wait on the network);
an engine that batches a whole fan-out (Message Batches) is handed it first
(``prepare_exercises``, ``prepare_checks``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import asdict
from typing import Any

from langgraph.graph import END
from langgraph.runtime import Runtime
from langgraph.types import Send

from tutor.answers import CASE_ASKED
from tutor.course import Chunk, Concept, Exercise
from tutor.engine.offline.code_output.prompt_conventions import (
    PromptConvention,
    book_conventions,
)
from tutor.engine.offline.contrasts.contrast_cases import quoted_case
from tutor.engine.offline.contrasts.contrast_questions import pair_of
from tutor.engine.offline.contrasts.nested_ideas import nesting_passages
from tutor.engine.offline.procedures.procedure_passages import procedure_passages
from tutor.engine.offline.writing.entry_purposes import entry_section_passages
from tutor.errors import TutorError
from tutor.study.rules import PassageLookup, exercise_problems, reason_category
from tutor.study.showcases import showcase_passages
from tutor.study.state import ConceptTask, StudyContext, StudyState, emit


def write_exercises(task: ConceptTask, runtime: Runtime[StudyContext]) -> dict[str, Any]:
    """Write the exercises of one concept (one task per concept)."""
    concept = Concept.model_validate(task["concept"])
    related = [Concept.model_validate(c) for c in task["near_concepts"]]
    passages = [Chunk.model_validate(c) for c in task["passages"]]
    conventions = [PromptConvention(**c) for c in task["conventions"]]  # found by the plan
    try:
        exercises = runtime.context.engine.write_exercises(concept, related, passages,
                                                           conventions)
        for exercise in exercises:
            if not exercise.citations:  # every exercise cites where its answer is taught
                exercise.citations = list(concept.citations[:1])
        foreign = sum(e.concept_id != concept.id for e in exercises)
        update: dict[str, Any] = {
            "written": [e.model_dump(mode="json") for e in exercises if e.concept_id == concept.id],
            "drop_reasons": {"written for another concept": foreign} if foreign else {},
        }
    except TutorError:
        update = {"written": [], "drop_reasons": {"the engine could not write exercises": 1}}
    done = runtime.context.tally.tick("write")
    emit("write", done, task["fanout_size"], concept.name)
    return update


ASKED_TWICE = "asked by another concept's exercise too"


def collect_exercises(state: StudyState) -> dict[str, Any]:
    """Wait for all writing tasks (a branch on a fanned-out node would run once per task),
    and count the questions the checking fan-out leaves out as asked twice."""
    written = state.get("written", [])
    twice = len(written) - len(_asked_once(written))
    return {"drop_reasons": {ASKED_TWICE: twice}} if twice else {}


def check_exercises(task: ConceptTask, runtime: Runtime[StudyContext]) -> dict[str, Any]:
    """Check the exercises of one concept; drop the rejected ones and count why."""
    concept = Concept.model_validate(task["concept"])
    passages = [Chunk.model_validate(c) for c in task["passages"]]
    kept: list[dict[str, Any]] = []
    reasons: Counter[str] = Counter()
    for raw in task["candidates"]:
        exercise = Exercise.model_validate(raw)
        problems = exercise_problems(exercise, concept.id)
        if not problems:
            try:
                verdict = runtime.context.engine.check_exercise(exercise, concept, passages)
                problems = [] if verdict.ok else (verdict.problems or ["rejected by the checker"])
            except TutorError:
                problems = ["the engine could not check it"]
        if problems:
            reasons[reason_category(problems[0])] += 1
        else:
            kept.append(exercise.model_dump(mode="json"))
    done = runtime.context.tally.tick("check")
    emit("check", done, task["fanout_size"], concept.name)
    return {"exercises": kept, "drop_reasons": dict(reasons)}


def plan_exercises(state: StudyState, runtime: Runtime[StudyContext]) -> dict[str, Any]:
    """What each concept's writing and checking tasks read, found once for both fan-outs:
    the ids of its passages, of its nearest concepts' and linked concepts' defining passages,
    and of the passages elsewhere that show it at work."""
    concepts = state.get("concepts", [])
    if not concepts:
        return {"task_passages": {}}
    by_id = {c["id"]: c for c in concepts}
    lookup = PassageLookup([Chunk.model_validate(c) for c in state["chunks"]])
    n = runtime.context.passages_per_concept
    conventions = book_conventions(lookup.chunks)  # the book's own prompts, found once
    showcases = showcase_passages(concepts, lookup.chunks, conventions)
    for concept_id, others in procedure_passages(concepts, lookup.chunks).items():
        showcases[concept_id] = [*showcases.get(concept_id, []), *others]  # other tasks' actions
    for concept_id, others in entry_section_passages(concepts, lookup.chunks).items():
        showcases[concept_id] = [*showcases.get(concept_id, []), *others]  # sibling entries
    linked = _linked(state)
    related = state.get("related", {})
    for concept_id, others in nesting_passages(concepts, related, lookup.chunks).items():
        # where the book puts the concept under a near one: no item may oppose the two
        showcases[concept_id] = [*showcases.get(concept_id, []), *others]
    return {"task_passages": {
        concept["id"]: [chunk.id for chunk in _task_passages(
            lookup, by_id, concept, related.get(concept["id"], []), linked[concept["id"]],
            showcases, n)]
        for concept in concepts
    }, "prompt_conventions": [asdict(c) for c in conventions]}


def _passages_of(state: StudyState) -> dict[str, list[dict[str, Any]]]:
    """Each concept's task passages (as chunk dicts), from the plan."""
    chunks = {c["id"]: c for c in state.get("chunks", [])}
    return {cid: [chunks[i] for i in ids]
            for cid, ids in state.get("task_passages", {}).items()}


def fan_out_writing(state: StudyState, runtime: Runtime[StudyContext]) -> list[Send] | str:
    """One exercise-writing task per concept."""
    concepts = state.get("concepts", [])
    if not concepts:
        return END
    by_id = {c["id"]: c for c in concepts}
    passages = _passages_of(state)
    linked = _linked(state)
    emit("write", 0, len(concepts), f"{len(concepts)} concepts")
    tasks = [
        ConceptTask(
            concept=concept,
            near_concepts=_near(by_id, state["related"].get(concept["id"], []),
                                linked[concept["id"]]),
            passages=passages[concept["id"]],
            candidates=[],
            fanout_size=len(concepts),
            conventions=state["prompt_conventions"],
        )
        for concept in concepts
    ]
    prepare = getattr(runtime.context.engine, "prepare_exercises", None)
    if callable(prepare):  # an engine that batches the whole fan-out (Message Batches)
        prepare([(Concept.model_validate(t["concept"]),
                  [Concept.model_validate(c) for c in t["near_concepts"]],
                  [Chunk.model_validate(c) for c in t["passages"]]) for t in tasks])
    return [Send("write_exercises", task) for task in tasks]


LINKED_PASSAGES = 4
"""Defining passages of prerequisites and dependants a writing task gets (relation items)."""


def _linked(state: StudyState) -> defaultdict[str, list[str]]:
    """Each concept's prerequisites, then the concepts that build on it."""
    linked: defaultdict[str, list[str]] = defaultdict(list)
    edges = state.get("prerequisites", [])
    for edge in edges:
        linked[edge["concept"]].append(edge["prerequisite"])
    for edge in edges:
        linked[edge["prerequisite"]].append(edge["concept"])
    return linked


def _near(
    by_id: dict[str, dict[str, Any]], related: list[str], linked: list[str]
) -> list[dict[str, Any]]:
    """The concept's nearest concepts, then those the prerequisite graph links it to (what
    a relation item asks about), each once."""
    ids = list(dict.fromkeys([*related, *linked]))
    return [by_id[i] for i in ids if i in by_id]


def _task_passages(
    lookup: PassageLookup, by_id: dict[str, dict[str, Any]], concept: dict[str, Any],
    related: list[str], linked: list[str], showcases: dict[str, list[Chunk]], n: int,
) -> list[Chunk]:
    """What a writing or checking task reads: the concept's passages with the defining
    passage of its nearest concepts, of a few concepts the graph links it to, and the
    passages elsewhere in the book that show it at work."""
    passages = lookup.with_neighbours(concept, [by_id[i] for i in related if i in by_id], n)
    seen = {c.id for c in passages}
    for other in [by_id[i] for i in linked if i in by_id][:LINKED_PASSAGES]:
        for chunk in lookup.for_concept(other, 1):
            if chunk.id not in seen:
                seen.add(chunk.id)
                passages.append(chunk)
    return passages + [c for c in showcases.get(concept["id"], []) if c.id not in seen]


_CONTRAST = re.compile(r"^How does (.+?) differ from (.+?)\?")
_PAIR = "pair: "
"""A question on a pair: one on X and Y asks what one on Y and X asks."""


def _question(exercise: dict[str, Any]) -> str:
    """What an exercise asks, one spelling for one question: its prompt, or for a contrast or
    a relation item the pair it sets side by side in either order
    (:func:`~tutor.engine.offline.contrasts.contrast_questions.pair_of`, or a prompt "How does X
    differ from Y?")."""
    prompt = " ".join(str(exercise.get("prompt", "")).split())
    if exercise.get("origin") not in ("contrast", "relation"):
        return prompt
    pair = pair_of(str(exercise.get("origin")), prompt, exercise.get("key_points") or [])
    if pair is None and exercise.get("origin") == "contrast":
        asked = _CONTRAST.match(prompt)
        pair = (asked.group(1), asked.group(2)) if asked else None
    if pair is None:
        return prompt
    return _PAIR + " | ".join(sorted(n.strip().lower() for n in pair))


_OF_USE = frozenset({"code_output", "contrast", "book_exercise", "worked_example", "procedure",
                     "example", "purpose"})
"""Origins of items that may use the idea (:attr:`tutor.course.Exercise.tests_use`), beside
which a concept's definition item is its second angle; beside a
relation item (recall) the definition item still counts as a question of its own."""


def _asked_once(exercises: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The exercises with each question beyond a definition asked once: when several
    concepts' writers pose the same one (a session that follows both names, a contrast of
    two concepts each written from its own side), it goes to the
    concept that has the fewest questions of its own and such questions so far (a concept
    whose one item uses the idea has no item on its definition to fall back on), and on a tie
    to one for which it is the only question written (the others have more); a pair one side
    asks on the book's case goes to that side. The other side's item on the same pair stays
    when it is all its concept has and its prompt is its own; one whose prompt is the chosen
    item's, word for word (a mix-up "written" under both concepts with the same note), goes:
    blind raters kept neither copy."""
    by_prompt: dict[str, list[dict[str, Any]]] = defaultdict(list)
    kept: list[dict[str, Any]] = []
    for exercise in exercises:
        if exercise.get("origin") in (None, "definition"):
            kept.append(exercise)
        else:
            by_prompt[_question(exercise)].append(exercise)
    # a definition item beside the concept's own question beyond it (its second angle,
    # :func:`~tutor.engine.offline.writing.exercise_mix.with_a_second_angle`) is no fallback:
    # counted, it would send the question away and leave the concept its recall item only
    beyond = {e.get("concept_id", "") for e in exercises if e.get("origin") in _OF_USE}
    beside = Counter(e.get("concept_id", "") for e in kept if e.get("concept_id", "") in beyond)
    load: Counter[str] = Counter(e.get("concept_id", "") for e in kept
                                 if e.get("concept_id", "") not in beyond)
    load.update(c[0].get("concept_id", "") for c in by_prompt.values() if len(c) == 1)
    # on a tie, a concept for which it is the only question written: a session "prompt" and
    # "interpreter" both pose goes to "prompt", which would otherwise have none; otherwise the
    # first writer's, as before ("immutable" keeps its session beside "left side")
    written = Counter(e.get("concept_id", "") for e in exercises
                      if e.get("origin") not in (None, "definition")
                      or e.get("concept_id", "") not in beyond)
    turned_away: list[dict[str, Any]] = []
    for question, candidates in by_prompt.items():
        if len(candidates) == 1:
            kept.append(candidates[0])
            continue
        # a pair asked on the book's case beats the same pair as a mix-up or a tie
        chosen = min(candidates, key=lambda e: (CASE_ASKED.search(e.get("prompt", "")) is None,
                                                load[e.get("concept_id", "")],
                                                written[e.get("concept_id", "")] > 1))
        load[chosen.get("concept_id", "")] += 1
        kept.append(chosen)
        if question.startswith(_PAIR):
            turned_away += [e for e in candidates if e is not chosen]
    # a contrast written from the other side stays when it is all its concept has (the writer
    # left out that concept's definition item for it) and it is not the same prompt again
    asked = {" ".join(str(e.get("prompt", "")).split()) for e in kept}
    kept += [e for e in turned_away
             if not load[e.get("concept_id", "")] and not beside[e.get("concept_id", "")]
             and " ".join(str(e.get("prompt", "")).split()) not in asked]
    return _one_showing_of_each_case(kept)


def _one_showing_of_each_case(kept: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The exercises with each case of the book shown by one case item (two pairs may classify
    the same sentence: variance beside central moment, and beside standard deviation); a
    repeat stays only when it is all its concept has."""
    items = Counter(e.get("concept_id", "") for e in kept)
    shown: set[str] = set()
    result: list[dict[str, Any]] = []
    for exercise in kept:
        case = quoted_case(str(exercise.get("prompt", "")))
        if case is not None and case in shown and items[exercise.get("concept_id", "")] > 1:
            items[exercise.get("concept_id", "")] -= 1
            continue
        if case is not None:
            shown.add(case)
        result.append(exercise)
    return result


def fan_out_checking(state: StudyState, runtime: Runtime[StudyContext]) -> list[Send] | str:
    """One checking task per concept that got exercises; an exercise that asks what another
    concept's exercise already asks (the same session shown twice) is checked once."""
    written: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for exercise in _asked_once(state.get("written", [])):
        written[exercise.get("concept_id", "")].append(exercise)
    concepts = [c for c in state.get("concepts", []) if c["id"] in written]
    if not concepts:
        return END
    passages = _passages_of(state)
    emit("check", 0, len(concepts), f"{sum(len(written[c['id']]) for c in concepts)} exercises")
    prepare = getattr(runtime.context.engine, "prepare_checks", None)
    if callable(prepare):  # an engine that batches the whole fan-out (Message Batches)
        checked = [(Exercise.model_validate(raw), c) for c in concepts for raw in written[c["id"]]]
        prepare([(e, Concept.model_validate(c),
                  [Chunk.model_validate(p) for p in passages[c["id"]]]) for e, c in checked
                 if not exercise_problems(e, c["id"])])
    return [
        Send(
            "check_exercises",
            ConceptTask(
                concept=concept,
                near_concepts=[],
                passages=passages[concept["id"]],
                candidates=written[concept["id"]],
                fanout_size=len(concepts),
            ),
        )
        for concept in concepts
    ]
