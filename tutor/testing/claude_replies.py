"""Plausible replies for every tutor task, for the fake Messages API server.

:class:`TutorResponder` reads the task name (``Task: <name>`` on the prompt's first line) and
the delimited data in the request, and answers the way a careful model would: definitions from
the passages, edges where a definition uses another concept, exercises it can later solve, and
grading that never repeats the answer to a wrong one. Deterministic.
"""

from __future__ import annotations

import json
import re
from typing import Any

from tutor.course import Chunk
from tutor.engine.claude import ClaudeEngine, make_client
from tutor.testing.fake_anthropic import FakeAnthropic, Reply, passage_ids, task_of, user_text
from tutor.text import fold

_DEFINITION = re.compile(r"(?:^|(?<=[.!?]\s))(?:An?\s+|The\s+)?([A-Za-z][\w -]{1,40}?)\s+"
                         r"(?:is|are|refers to)\s+([^.]{5,200})\.")


def _data_blocks(text: str) -> list[Any]:
    return [json.loads(b) for b in re.findall(r"<data>\n(.*?)\n</data>", text, re.DOTALL)]


def _passages(text: str) -> list[tuple[str, str, str]]:
    """(id, page label, text) of each passage."""
    return [
        (m.group(1), f"{m.group(2)} p. {m.group(3)}", m.group(4))
        for m in re.finditer(
            r'<passage id="([^"]+)" source="([^"]+)" page="(\d+)"[^>]*>\n(.*?)\n</passage>',
            text, re.DOTALL)
    ]


def _first_session(text: str) -> tuple[list[str], str] | None:
    """The statements of the first interactive session in the passages, up to the first one
    followed by printed output, and that output."""
    code: list[str] = []
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith(">>> "):
            code.append(line[4:])
            following = lines[i + 1] if i + 1 < len(lines) else ""
            if following.strip() and not following.startswith((">>>", "<")):
                return code, following.strip()
        elif code:
            code = []
    return None


class TutorResponder:
    """Callable responder for :class:`tutor.testing.fake_anthropic.FakeAnthropic`."""

    def __init__(self) -> None:
        self.answers: dict[str, str] = {}
        """Exercise prompt -> answer, for exercises this responder wrote."""

    def __call__(self, body: dict[str, Any]) -> Reply | dict[str, Any] | str:
        task = task_of(body)
        text = user_text(body)
        handler = getattr(self, f"_{task}", None)
        if handler is None:
            return "I can help with that."
        return handler(text, body)

    def _extract_concepts(self, text: str, body: dict[str, Any]) -> dict[str, Any]:
        concepts: list[dict[str, Any]] = []
        for chunk_id, _label, passage in _passages(text):
            for match in _DEFINITION.finditer(passage):
                concepts.append({"name": match.group(1).strip(),
                                 "definition": match.group(0).strip(), "aliases": [],
                                 "section": "", "chunk_id": chunk_id})
        return {"concepts": concepts}

    def _merge_concepts(self, text: str, body: dict[str, Any]) -> dict[str, Any]:
        drafts = _data_blocks(text)[0]
        groups: dict[str, dict[str, Any]] = {}
        for draft in drafts:
            key = fold(draft["name"]).removesuffix("s")
            group = groups.setdefault(key, {"name": draft["name"],
                                            "definition": draft["definition"], "aliases": [],
                                            "members": [], "key_points": []})
            group["members"].append(draft["index"])
        for group in groups.values():
            group["key_points"] = [group["definition"]]
        return {"groups": list(groups.values()), "rejected": []}

    def _link_prerequisites(self, text: str, body: dict[str, Any]) -> dict[str, Any]:
        concepts = _data_blocks(text)[0]
        edges = []
        for a in concepts:
            for b in concepts:
                if a["id"] != b["id"] and fold(a["name"]) in fold(b["definition"]):
                    edges.append({"prerequisite": a["id"], "concept": b["id"],
                                  "rationale": f"The definition of {b['name']} uses {a['name']}.",
                                  "confidence": 0.8})
        return {"edges": edges}

    def _write_exercises(self, text: str, body: dict[str, Any]) -> dict[str, Any]:
        blocks = _data_blocks(text)
        concept, related = blocks[0], blocks[1]
        chunk_id = (passage_ids(body) or [""])[0]
        name, definition = concept["name"], concept["definition"]
        others = [c["name"] for c in related][:3]
        others += [f"not {name}", "none of these", "a constant"][: 3 - len(others)]
        blanked = re.sub(re.escape(name), "____", definition, flags=re.IGNORECASE)
        if "____" not in blanked:
            blanked = f"____: {definition}"
        meaning = re.sub(re.escape(name), "it", definition, flags=re.IGNORECASE)
        exercises = [
            {"kind": "multiple_choice", "prompt": f"Which term fits this description: {meaning}",
             "answer": name, "choices": [name, *others],
             "misconceptions": [{"option": o, "misconception": f"confuses it with {o}"}
                                for o in others],
             "key_points": [], "explanation": definition, "chunk_id": chunk_id,
             "difficulty": 0.4},
            {"kind": "cloze", "prompt": blanked, "answer": name, "choices": [],
             "misconceptions": [], "key_points": [], "explanation": definition,
             "chunk_id": chunk_id, "difficulty": 0.5},
            {"kind": "true_false", "prompt": f"True or false: {definition}", "answer": "True",
             "choices": ["True", "False"], "misconceptions": [], "key_points": [],
             "explanation": definition, "chunk_id": chunk_id, "difficulty": 0.2},
        ]
        session = _first_session(text)
        if session is not None:
            code, shown = session
            exercises.append(
                {"kind": "cloze", "prompt": "What does Python show after the last line?",
                 "answer": shown, "choices": [], "misconceptions": [], "key_points": [],
                 "explanation": "The passage runs this session.", "chunk_id": chunk_id,
                 "difficulty": 0.6, "origin": "code_output", "code": code})
        if related:
            other = related[0]
            exercises.append(
                {"kind": "short_answer",
                 "prompt": f"A classmate describes {name} as: {other['definition']} "
                           f"What has been mixed up?",
                 "answer": f"That describes {other['name']}. {definition}",
                 "choices": [], "misconceptions": [],
                 "key_points": [f"it describes {other['name']}", definition],
                 "explanation": definition, "chunk_id": chunk_id, "difficulty": 0.6,
                 "origin": "contrast"})
        for exercise in exercises:
            self.answers[exercise["prompt"]] = exercise["answer"]
        return {"exercises": exercises}

    def _check_exercise(self, text: str, body: dict[str, Any]) -> dict[str, Any]:
        exercise = _data_blocks(text)[0]
        answer = self.answers.get(exercise["prompt"]) or next(
            (a for p, a in self.answers.items() if exercise["prompt"].startswith(p)), "")
        return {"answer": answer or "I cannot tell", "answerable": bool(answer),
                "single_correct": True, "gives_answer_away": False,
                "reasoning": "The cited passage states it."}

    def _explain(self, text: str, body: dict[str, Any]) -> str:
        concept = _data_blocks(text)[0]
        passages = _passages(text)
        label = passages[0][1] if passages else "the course"
        return (f"**{concept['name']}**: {concept['definition']} ({label})\n\n"
                f"Put simply, this is the idea the course builds on next.")

    def _hint(self, text: str, body: dict[str, Any]) -> str:
        return "Reread the passage that defines this idea, and ask yourself what it is used for."

    def _grade(self, text: str, body: dict[str, Any]) -> dict[str, Any]:
        reference = _data_blocks(text)[1]
        given = re.search(r"<learner_answer>\n(.*?)\n</learner_answer>", text, re.DOTALL)
        answer = given.group(1) if given else ""
        correct = fold(answer) == fold(reference["answer"])
        feedback = ("Right: that is exactly the term." if correct else
                    "Not quite: that option describes a different idea. Reread the definition.")
        return {"correct": correct, "score": 1.0 if correct else 0.0, "feedback": feedback,
                "matched_points": [], "missing_points": [], "misconception": ""}

    def _teach_turn(self, text: str, body: dict[str, Any]) -> dict[str, Any]:
        """Grade as :meth:`_grade` (or as the code's verdict note says), then write each asked
        move: an explanation like :meth:`_explain` (passages from the prompt or the cached
        prefix), or a hint like :meth:`_hint`."""
        reference, moves = _data_blocks(text)[:2]
        given = re.search(r"<learner_answer>\n(.*?)\n</learner_answer>", text, re.DOTALL)
        answer = given.group(1) if given else ""
        note = re.search(r"it is (RIGHT|WRONG)\.", text)
        correct = note.group(1) == "RIGHT" if note else fold(answer) == fold(reference["answer"])
        system = "".join(b.get("text", "") for b in body.get("system") or [])
        labels = {pid: label for pid, label, _ in _passages(system) + _passages(text)}
        by_concept = {m["concept_id"]: m for m in moves}
        concepts = {m.group(1): (m.group(2), m.group(3)) for m in re.finditer(
            r"^- ([^:\n]+): ([^:\n]+): (.*)$", system, re.MULTILINE)}

        def move_text(field: str) -> str:
            line = re.search(rf"`{field}`: (.*)", text)
            wanted = line.group(1) if line else "nothing."
            if wanted.startswith("hint"):
                return self._hint(text, body)
            concept = re.search(r"concept with id '([^']+)'", wanted)
            move = by_concept.get(concept.group(1)) if concept else None
            if move is None:
                return ""
            ids = move.get("passage_ids") or []
            label = labels.get(ids[0], "the course") if ids else "the course"
            name, definition = concepts.get(move["concept_id"], (move["concept_id"], ""))
            return (f"**{name}**: {definition} ({label})"
                    "\n\nPut simply, this is the idea the course builds on next.")

        feedback = ("Right: that is exactly the term." if correct else
                    "Not quite: that option describes a different idea. Reread the definition.")
        return {"correct": correct, "score": 1.0 if correct else 0.0, "feedback": feedback,
                "matched_points": [], "missing_points": [], "misconception": "",
                "next_if_right": move_text("next_if_right"),
                "next_if_wrong": move_text("next_if_wrong")}

    def _answer_question(self, text: str, body: dict[str, Any]) -> dict[str, Any]:
        passages = _passages(text)
        if not passages:
            return {"text": "The course does not cover that.", "chunk_ids": [], "found": False}
        chunk_id, _label, passage = passages[0]
        return {"text": passage.split(".")[0] + ".", "chunk_ids": [chunk_id], "found": True}


def sample_chunks() -> list[Chunk]:
    """A three-page course on searching arrays, as passages."""
    texts = [
        ("Arrays", "An array is a sequence of elements stored next to each other in memory. "
         "Arrays give fast access to any element by its index."),
        ("Sorting", "A sorted array is an array whose elements are in increasing order. "
         "Sorting takes time, but it makes searching much faster."),
        ("Binary search", "Binary search is a method that finds an item in a sorted array by "
         "halving the range each step. For example, to find 7 in 1, 3, 5, 7, 9 it first looks "
         "at 5, then searches the right half."),
    ]
    return [
        Chunk(id=f"notes.md#p{i}-0", source="notes.md", page=i, order=i - 1, heading=heading,
              text=text)
        for i, (heading, text) in enumerate(texts, 1)
    ]


def claude_engine(fake: FakeAnthropic, *, max_retries: int = 0, timeout: float = 10.0,
                  **options: Any) -> ClaudeEngine:
    """A Claude engine whose client talks to ``fake`` (never the network)."""
    client = make_client("test-key", fake.url, timeout=timeout, max_retries=max_retries)
    return ClaudeEngine(client, **options)
