"""The Claude engine asks whether each concept's sentence defines it, keeps the model's verdict
through the merge, and tells the writing and explaining calls when a concept is only described
(against the fake Messages API)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from tutor.course import Citation, Concept, DefinitionKind
from tutor.engine.claude import ClaudeEngine
from tutor.engine.port import ConceptDraft, ExplanationStyle, LearnerContext
from tutor.testing.claude_replies import TutorResponder, claude_engine, sample_chunks
from tutor.testing.fake_anthropic import FakeAnthropic, task_of, user_text

SPSS = "SPSS variables with value labels are optionally converted to R factors."


class DescribingResponder(TutorResponder):
    """Says that one concept's sentence only describes it, at extraction and at the merge."""

    def _extract_concepts(self, text: str, body: dict[str, Any]) -> dict[str, Any]:
        reply = super()._extract_concepts(text, body)
        chunk_id = reply["concepts"][0]["chunk_id"]
        reply["concepts"].append({"name": "SPSS", "definition": SPSS, "defines": False,
                                  "aliases": [], "section": "", "chunk_id": chunk_id})
        return reply

    def _merge_concepts(self, text: str, body: dict[str, Any]) -> dict[str, Any]:
        reply = super()._merge_concepts(text, body)
        for group in reply["groups"]:
            group["defines"] = group["name"] != "SPSS"
        return reply


@pytest.fixture
def fake() -> Iterator[FakeAnthropic]:
    with FakeAnthropic(DescribingResponder()) as server:
        yield server


@pytest.fixture
def engine(fake: FakeAnthropic) -> ClaudeEngine:
    return claude_engine(fake)


def _requests(fake: FakeAnthropic, task: str) -> list[dict[str, Any]]:
    return [r.body for r in fake.message_requests() if task_of(r.body) == task]


def test_extraction_asks_for_the_verdict_and_keeps_it_through_the_merge(fake, engine):
    drafts = engine.extract_concepts(sample_chunks())
    kinds = {d.name: d.definition_kind for d in drafts}
    assert kinds["SPSS"] is DefinitionKind.DESCRIPTION
    assert kinds["Binary search"] is DefinitionKind.DEFINITION
    body = _requests(fake, "extract_concepts")[0]
    assert "defines" in json.dumps(body["output_config"]["format"]["schema"])
    assert "`defines` to false" in user_text(body)
    concepts = {c.name: c for c in engine.merge_concepts(drafts)}
    assert not concepts["SPSS"].defined
    assert concepts["Binary search"].defined
    records = json.loads(user_text(_requests(fake, "merge_concepts")[0]).split("<data>")[1]
                         .split("</data>")[0])
    assert {r["name"]: r["defines"] for r in records}["SPSS"] is False


def test_an_unmerged_draft_keeps_its_own_verdict():
    from tutor.engine.claude.schemas import MergeReply
    from tutor.engine.claude.studying import merged_from

    draft = ConceptDraft(name="SPSS", definition=SPSS,
                         definition_kind=DefinitionKind.DESCRIPTION,
                         citations=[Citation(source="m.pdf", page=1)])
    concepts = merged_from(MergeReply(groups=[]), [draft])
    assert concepts[0].definition_kind is DefinitionKind.DESCRIPTION


def test_writing_and_explaining_are_told_the_concept_is_only_described(fake, engine):
    concept = Concept(id="spss", name="SPSS", definition=SPSS,
                      definition_kind=DefinitionKind.DESCRIPTION,
                      citations=[Citation(source="sample.md", page=1)])
    engine.write_exercises(concept, [], sample_chunks())
    engine.explain(concept, ExplanationStyle.DEFINITION, sample_chunks(), [], LearnerContext())
    for task in ("write_exercises", "explain"):
        text = user_text(_requests(fake, task)[0])
        assert '"definition_kind": "description"' in text, task
        assert "`definition_kind` is `description`" in text, task
