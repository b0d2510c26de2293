"""Answer withholding: the tutor does not give the answer away before the learner earned it.

Withholding is done in code, not left to the engine's goodwill:

- every message shown while the current exercise's answer is withheld passes through
  :func:`withhold`, which masks the answer (the engine's :func:`mask_answer`);
- requests such as "just tell me the answer" or "I don't know" (:func:`asks_for_answer`) get
  the next hint instead;
- the answer is revealed only once earned (:func:`answer_earned`: a real attempt and the whole
  hint ladder) or on an explicit give-up (:func:`gives_up`), by :func:`reveal_message`.
"""

from __future__ import annotations

import re
from typing import Any

from tutor.answers import mask_answer, normalise, reveals_answer
from tutor.course import Concept, Exercise, ExerciseOrigin
from tutor.teach.state import REPLACE, LessonState, TutorMessage

_ASKS_FOR_ANSWER = re.compile(
    r"\b(tell|give|show)\s+me\s+(the\s+|your\s+)?(right\s+|correct\s+)?(answer|solution)"
    r"|\bwhat('?s|\s+is)\s+the\s+(right\s+|correct\s+)?(answer|solution)"
    r"|\bjust\s+tell\s+me\b|\bthe\s+answer\s+please\b"
    r"|^\s*(i\s+(really\s+)?(don'?t|do\s+not|have\s+no)\s+(know|idea|clue)|idk|dunno"
    r"|no\s+(idea|clue))\b"
    r"|^\s*answer\s*[.!?]*\s*$",
    re.IGNORECASE,
)

_UNSURE = re.compile(
    r"^\s*(i\s*(a|')?m\s+)?(not\s+(sure|certain)|unsure)(\s+(about\s+(this|that|it)|really))?"
    r"\s*[.!?]*\s*$|^\s*\?+\s*$",
    re.IGNORECASE,
)

_GIVES_UP = re.compile(r"^\s*(/?give\s*up|i\s+give\s+up|i\s+quit\s+this\s+one)\s*[.!]*\s*$", re.I)


def asks_for_answer(text: str) -> bool:
    """True for "just tell me the answer", "what's the answer?", "I don't know"..."""
    return bool(_ASKS_FOR_ANSWER.search(text or ""))


def unsure(text: str) -> bool:
    """True for an answer that only says the learner is not sure ("I am not sure", "not
    sure", "?"): graded as wrong, but no mix-up to name."""
    return bool(_UNSURE.match(text or ""))


def gives_up(text: str) -> bool:
    """True for a typed give-up: "give up", "/giveup", "I give up", "I quit this one"."""
    return bool(_GIVES_UP.match(text or ""))


def answer_earned(state: LessonState) -> bool:
    """True once a request for the answer may reveal it: the last hint was shown and the
    learner made at least one real attempt."""
    return state.get("hint_last", False) and state.get("real_attempts", 0) >= 1


def withhold(
    messages: list[TutorMessage], exercise: Exercise | None, revealed: bool
) -> list[TutorMessage]:
    """``messages`` as the learner may see them: while ``exercise``'s answer is withheld (not
    ``revealed``), its answer is masked in every message but the reveal itself."""
    if exercise is None or revealed:
        return list(messages)
    return [
        message
        if message.kind == "reveal" or message.framing
        else message.model_copy(update={"text": mask_answer(message.text, exercise)})
        for message in messages
    ]


def reveal_message(exercise: Exercise) -> TutorMessage:
    """The answer, its explanation and what comes next, after a give-up or an earned reveal."""
    answer = exercise.answer.strip()
    text = f"The answer is **{answer}**" + ("" if answer.endswith((".", "!", "?")) else ".")
    if exercise.explanation:
        text += f"\n\n{exercise.explanation}"
    text += "\n\nWe will come back to this idea."  # true whether the day goes on or ends
    return TutorMessage(kind="reveal", text=text, citations=exercise.citations)


def say(state: LessonState, exercise: Exercise | None, messages: list[TutorMessage],
        notices: list[str] | None = None) -> dict:
    """The state update that shows ``messages`` (answer masked unless revealed) and counts
    them; ``notices`` (e.g. a step done by the fallback engine) follow the first message, as
    info."""
    told = [TutorMessage(kind="info", text=f"*{text}*") for text in notices or []]
    shown = withhold(messages[:1] + told + messages[1:], exercise, state.get("revealed", False))
    dumped = [message.model_dump(mode="json") for message in shown]
    return {"transcript": dumped, "said": state.get("said", 0) + len(dumped)}


def remask_emitted(state: LessonState, exercise: Exercise) -> list[dict[str, Any]]:
    """A transcript update that masks ``exercise``'s key (the term only) in the messages shown
    since the learner's last action, when one of them holds it; ``[]`` otherwise.

    The next exercise is chosen so that this is rarely needed
    (:func:`tutor.teach.exercise_pool.askable`); it is the last resort when every exercise of
    the concept would otherwise be given away (e.g. a notice naming the concept)."""
    transcript = list(state.get("transcript", []))
    tail: list[dict[str, Any]] = []
    for message in reversed(transcript):
        if message.get("kind") == "learner":
            break
        tail.insert(0, message)
    if not any(reveals_answer(str(m.get("text", "")), exercise)
               for m in tail if not m.get("framing")):
        return []
    masked = [m if m.get("framing") else {**m, "text": mask_answer(str(m.get("text", "")), exercise)}
              for m in tail]
    return [{"kind": REPLACE, "count": len(tail)}, *masked]


def exposed(exercise: Exercise, concept: Concept, explanation: dict[str, Any] | None,
            state: LessonState) -> bool:
    """Whether ``exercise`` is posed straight after the sentence it tests was shown: a
    definition item after its concept's explanation, or after feedback that quotes the
    definition."""
    if exercise.origin is not ExerciseOrigin.DEFINITION:
        return False
    if explanation:
        return True
    opening = " ".join(normalise(concept.definition).split()[:8])
    if not opening:
        return False
    for message in reversed(list(state.get("transcript", []))):
        if message.get("kind") == "learner":
            return False
        if opening in normalise(str(message.get("text", ""))):
            return True
    return False
