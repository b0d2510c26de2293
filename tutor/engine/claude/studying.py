"""The Claude engine's study-time tasks: concepts, merging, prerequisites, exercises.

Each function takes the :class:`ClaudeEngine` (for its requests, calls and fallback) and turns
the model's flat JSON reply into the port's domain objects, keeping only what the inputs
support: passage ids that exist, concept ids that exist, an acyclic set of edges, options that
contain the answer. Each step falls back to the fallback engine as a whole. Checking the
exercises is :mod:`~tutor.engine.claude.exercise_checking`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from tutor.course import (
    Chunk,
    Citation,
    Concept,
    DefinitionKind,
    Exercise,
    ExerciseKind,
    ExerciseOrigin,
    Prerequisite,
)
from tutor.engine.claude import code_items
from tutor.engine.claude import rendering as r
from tutor.engine.claude.calls import StepFailed
from tutor.engine.claude.schemas import (
    ConceptsReply,
    EdgesReply,
    ExerciseItem,
    ExercisesReply,
    MergeReply,
)
from tutor.engine.port import ConceptDraft, Engine
from tutor.home import slugify
from tutor.name_masking import prompt_without_name
from tutor.text import fold

if TYPE_CHECKING:
    from tutor.engine.claude.engine import ClaudeEngine
    from tutor.engine.port import PromptConvention

GROUP_CHARS = 8000
"""Passages per extraction request, in characters."""
BLANK = "____"


def passage_groups(chunks: Sequence[Chunk], limit: int = GROUP_CHARS) -> list[list[Chunk]]:
    groups: list[list[Chunk]] = []
    size = limit + 1
    for chunk in sorted(chunks, key=lambda c: c.order):
        if size + len(chunk.text) > limit and (not groups or groups[-1]):
            groups.append([])
            size = 0
        groups[-1].append(chunk)
        size += len(chunk.text)
    return groups


def _chunk_for(item_id: str, name: str, group: Sequence[Chunk]) -> Chunk:
    for chunk in group:
        if chunk.id == item_id:
            return chunk
    for chunk in group:
        if name.casefold() in chunk.text.casefold():
            return chunk
    return group[0]


def extract_request(engine: ClaudeEngine, group: Sequence[Chunk]) -> dict[str, Any]:
    return engine.request("extract_concepts", engine.model, 4000, ConceptsReply,
                          passages=r.passages_block(group))


def drafts_from(reply: ConceptsReply, group: Sequence[Chunk]) -> list[ConceptDraft]:
    found = []
    for item in reply.concepts:
        if not item.name.strip():
            continue
        chunk = _chunk_for(item.chunk_id, item.name, group)
        found.append(ConceptDraft(
            name=item.name.strip(), definition=item.definition.strip(),
            definition_kind=_kind(item.defines),
            aliases=[a for a in item.aliases if a.strip()],
            citations=[chunk.citation()], first_order=chunk.order,
            section=item.section or chunk.heading, score=1.0, evidence=["claude"],
        ))
    return found


def extract_concepts(engine: ClaudeEngine, chunks: Sequence[Chunk]) -> list[ConceptDraft]:
    drafts: list[ConceptDraft] = []
    for group in passage_groups(chunks):

        def attempt(group: list[Chunk] = group) -> list[ConceptDraft]:
            params = extract_request(engine, group)
            reply = engine.calls.structured("extract_concepts", ConceptsReply, params,
                                            timeout=engine.long_timeout(4000))
            return drafts_from(reply, group)

        def fallback(e: Engine, group: list[Chunk] = group) -> list[ConceptDraft]:
            return e.extract_concepts(group)

        drafts.extend(engine.step("extract_concepts", attempt, fallback))
    return drafts


def _unique_id(name: str, taken: set[str]) -> str:
    base = slugify(name)
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _kind(defines: bool) -> DefinitionKind:
    return DefinitionKind.DEFINITION if defines else DefinitionKind.DESCRIPTION


def _merged(name: str, definition: str, aliases: list[str], key_points: list[str],
            members: list[ConceptDraft], taken: set[str],
            kind: DefinitionKind | None = None) -> Concept:
    """One concept from its drafts; ``kind`` is the model's verdict on ``definition`` (else
    the verdict of the draft whose definition it keeps)."""
    members = sorted(members, key=lambda d: d.first_order)
    citations: list[Citation] = []
    for draft in members:
        for citation in draft.citations:
            if citation not in citations:
                citations.append(citation)
    seen = {name.casefold()}
    all_aliases = []
    for alias in [*aliases, *(d.name for d in members), *(a for d in members for a in d.aliases)]:
        if alias.strip() and alias.casefold() not in seen:
            seen.add(alias.casefold())
            all_aliases.append(alias.strip())
    kept = next((d for d in members if d.definition), None)
    if not definition and kept is not None:
        definition, kind = kept.definition, kept.definition_kind
    return Concept(
        id=_unique_id(name, taken), name=name, definition=definition,
        definition_kind=kind or DefinitionKind.DEFINITION,
        aliases=all_aliases, key_points=key_points, citations=citations,
        first_order=members[0].first_order, section=members[0].section,
    )


def merge_concepts(engine: ClaudeEngine, drafts: Sequence[ConceptDraft]) -> list[Concept]:
    if not drafts:
        return []

    def attempt() -> list[Concept]:
        params = merge_request(engine, drafts)
        reply = engine.calls.structured("merge_concepts", MergeReply, params,
                                        timeout=engine.long_timeout(params["max_tokens"]))
        return merged_from(reply, drafts)

    return engine.step("merge_concepts", attempt, lambda e: e.merge_concepts(drafts))


def merge_request(engine: ClaudeEngine, drafts: Sequence[ConceptDraft]) -> dict[str, Any]:
    records = [
        {"index": i, "name": d.name, "definition": d.definition[:r.DEFINITION_LIMIT],
         "defines": d.definition_kind is DefinitionKind.DEFINITION,
         "aliases": d.aliases, "section": d.section, "pages": [c.label() for c in d.citations]}
        for i, d in enumerate(drafts)
    ]
    return engine.request("merge_concepts", engine.model, min(32000, 1000 + 60 * len(drafts)),
                          MergeReply, drafts=r.data_json(records))


def merged_from(reply: MergeReply, drafts: Sequence[ConceptDraft]) -> list[Concept]:
    used: set[int] = set()
    taken: set[str] = set()
    concepts = []
    for group in reply.groups:
        members = [i for i in group.members if 0 <= i < len(drafts) and i not in used]
        if not members or not group.name.strip():
            continue
        used.update(members)
        concepts.append(_merged(group.name.strip(), group.definition.strip(), group.aliases,
                                group.key_points, [drafts[i] for i in members], taken,
                                _kind(group.defines)))
    rejected = set(reply.rejected) - used
    for i, draft in enumerate(drafts):
        if i not in used and i not in rejected:
            concepts.append(_merged(draft.name, draft.definition, draft.aliases, [],
                                    [draft], taken, draft.definition_kind))
    return sorted(concepts, key=lambda c: (c.first_order, c.id))


def _defining_text(concept: Concept, chunks: Sequence[Chunk]) -> str:
    if concept.citations:
        first = concept.citations[0]
        for chunk in sorted(chunks, key=lambda c: c.order):
            if chunk.source == first.source and chunk.page == first.page:
                return chunk.text[:400]
    return ""


def _reaches(edges: dict[str, set[str]], start: str, goal: str) -> bool:
    stack, seen = [start], set()
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            stack.extend(edges.get(node, ()))
    return False


def link_request(engine: ClaudeEngine, concepts: Sequence[Concept],
                 chunks: Sequence[Chunk]) -> dict[str, Any]:
    records = [{**r.concept_record(c), "introduced_in": _defining_text(c, chunks)}
               for c in concepts]
    return engine.request("link_prerequisites", engine.model,
                          min(32000, 1000 + 80 * len(concepts)), EdgesReply,
                          concepts=r.data_json(records))


def edges_from(reply: EdgesReply, concepts: Sequence[Concept]) -> list[Prerequisite]:
    """The reply's edges between known concepts, strongest first, cut to an acyclic set."""
    ids = {c.id for c in concepts}
    graph: dict[str, set[str]] = {}
    edges: list[Prerequisite] = []
    for item in sorted(reply.edges, key=lambda e: -e.confidence):
        a, b = item.prerequisite, item.concept
        if a not in ids or b not in ids or a == b or b in graph.get(a, set()):
            continue
        if _reaches(graph, b, a):
            continue  # would close a cycle: the stronger edges already stand
        graph.setdefault(a, set()).add(b)
        edges.append(Prerequisite(prerequisite=a, concept=b,
                                  weight=min(1.0, max(0.0, item.confidence)),
                                  rationale=item.rationale.strip()))
    return edges


def link_prerequisites(engine: ClaudeEngine, concepts: Sequence[Concept],
                       chunks: Sequence[Chunk]) -> list[Prerequisite]:
    if len(concepts) < 2:
        return []

    def attempt() -> list[Prerequisite]:
        params = link_request(engine, concepts, chunks)
        reply = engine.calls.structured("link_prerequisites", EdgesReply, params,
                                        timeout=engine.long_timeout(params["max_tokens"]))
        return edges_from(reply, concepts)

    return engine.step("link_prerequisites", attempt,
                       lambda e: e.link_prerequisites(concepts, chunks))


def _exercise_from(item: ExerciseItem, concept: Concept, passages: Sequence[Chunk],
                   number: int) -> Exercise | None:
    kind = ExerciseKind(item.kind)
    answer = item.answer.strip()
    prompt = item.prompt.strip()
    origin = ExerciseOrigin(item.origin)
    checked_by = ""
    choices: list[str] | None = None
    if item.code:  # asked as a blank after the session, whatever kind the model chose
        session = code_items.checked_session(item.code, answer)
        if session is None or not prompt:
            return None  # the interpreter does not show the model's key
        kind, answer = ExerciseKind.CLOZE, session.key
        prompt, origin = code_items.with_session(prompt, session), ExerciseOrigin.CODE_OUTPUT
        checked_by = "execution"  # replayed by the sandbox, as the offline engine's are
    elif kind == ExerciseKind.MULTIPLE_CHOICE:
        choices = list(dict.fromkeys(c.strip() for c in item.choices if c.strip()))
        match = [c for c in choices if fold(c) == fold(answer)]
        if len(choices) < 2 or not match:
            return None
        answer = match[0]
    elif kind == ExerciseKind.TRUE_FALSE:
        choices = ["True", "False"]
        answer = {"true": "True", "false": "False"}.get(fold(answer), "")
        if not answer:
            return None
    elif kind == ExerciseKind.CLOZE and "___" not in prompt:
        return None
    if not answer or not prompt:
        return None
    names = [concept.name, *concept.aliases]
    if kind != ExerciseKind.TRUE_FALSE and fold(answer) in {fold(n) for n in names}:
        # asks for the name: the description it quotes is masked as the offline engine's is
        masked = prompt_without_name(prompt, names)
        if masked is None:
            return None  # said with the name's own words only
        prompt = masked
    by_id = {c.id: c for c in passages}
    cited = by_id.get(item.chunk_id) or (passages[0] if passages else None)
    wrong = {c for c in choices or [] if c != answer}
    return Exercise(
        id=f"{concept.id}-claude-{number}", concept_id=concept.id, kind=kind,
        prompt=prompt, answer=answer, choices=choices,
        key_points=item.key_points if kind == ExerciseKind.SHORT_ANSWER else [],
        misconceptions={m.option.strip(): m.misconception for m in item.misconceptions
                        if m.option.strip() in wrong},
        explanation=item.explanation.strip(),
        citations=[cited.citation()] if cited else list(concept.citations[:1]),
        difficulty=min(1.0, max(0.0, item.difficulty)), origin=origin,
        checked_by=checked_by,
    )


def exercises_request(engine: ClaudeEngine, concept: Concept, related: Sequence[Concept],
                      passages: Sequence[Chunk]) -> dict[str, Any]:
    return engine.request(
        "write_exercises", engine.model, 3000, ExercisesReply,
        concept=r.data_json(r.concept_record(concept)),
        related=r.data_json([r.concept_record(c) for c in related]),
        passages=r.passages_block(passages),
    )


def exercises_from(reply: ExercisesReply, concept: Concept,
                   passages: Sequence[Chunk]) -> list[Exercise]:
    exercises = [e for n, item in enumerate(reply.exercises, 1)
                 if (e := _exercise_from(item, concept, passages, n)) is not None]
    if not exercises:
        raise StepFailed("malformed", "no usable exercise in the reply")
    return exercises


def exercises_from_reply(text: str, concept: Concept, passages: Sequence[Chunk]
                         ) -> list[Exercise]:
    """Exercises from the raw JSON text of a reply (a Message Batch result)."""
    try:
        reply = ExercisesReply.model_validate_json(text)
    except ValidationError as exc:
        raise StepFailed("malformed", str(exc).splitlines()[0]) from exc
    return exercises_from(reply, concept, passages)


def write_exercises(engine: ClaudeEngine, concept: Concept, related: Sequence[Concept],
                    passages: Sequence[Chunk],
                    conventions: Sequence[PromptConvention] | None = None) -> list[Exercise]:
    """The concept's exercises from the model; ``conventions`` go to the offline writer only,
    when the model's reply cannot be used (the book's prompt conventions)."""
    def attempt() -> list[Exercise]:
        params = exercises_request(engine, concept, related, passages)
        reply = engine.calls.structured("write_exercises", ExercisesReply, params,
                                        timeout=engine.long_timeout(params["max_tokens"]))
        return exercises_from(reply, concept, passages)

    return engine.step("write_exercises", attempt,
                       lambda e: e.write_exercises(concept, related, passages, conventions))
