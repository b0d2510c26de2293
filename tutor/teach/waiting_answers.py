"""A free question asked while an exercise waits: answered from course text that does not give
the exercise away, or later.

The answer to a free question (``/ask``) quotes the course. While an exercise is pending, the
lesson masks its key in every message; a quoted course sentence with a word blanked out
("the randomness comes from the […] that picks the outcome") teaches nothing and reads as a
broken book. So the course text that would reveal the key is kept out of the answer instead:

- the retrieved passages that hold the key are set aside (:func:`passages_without_key`; a
  passage whose text has blank-line paragraphs keeps those without the key);
- an engine that writes in its own words (the Claude engine) is given only what is left;
- an answer that quotes the course (the offline engine) is written from all passages first,
  and only when it would reveal the key is it written again from what is left, kept if it is
  still about the question (:data:`SHARED_WORDS`); otherwise the learner is told the answer
  comes after the attempt (:data:`AFTER_THE_ATTEMPT`).

The lesson still masks the key in the message, as a last resort (an engine's own words).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from tutor.answers import reveals_answer
from tutor.course import Chunk, Exercise
from tutor.engine.port import GroundedAnswer
from tutor.text import content_stems

AFTER_THE_ATTEMPT = ("The course's answer to that would give away the exercise you are on, so "
                     "I will answer it after your attempt: ask again then.")
SHARED_WORDS = 2
"""An answer written without the key's paragraphs is still about the question when it shares
this many of the question's content words (or all those the first answer shared, if fewer):
one shared word is as likely a passage on something else ("stores key-value pairs" for "what
is stored next to each other?")."""
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

Answer = Callable[[Sequence[Chunk]], GroundedAnswer]
"""An engine's answer to the question from the given passages."""


def passages_without_key(passages: Sequence[Chunk], waiting: Exercise) -> list[Chunk]:
    """``passages`` without those that hold ``waiting``'s key; a passage of several
    blank-line paragraphs keeps those without it."""
    kept: list[Chunk] = []
    for chunk in passages:
        if not reveals_answer(chunk.text, waiting):
            kept.append(chunk)
            continue
        paragraphs = [p for p in _PARAGRAPH_BREAK.split(chunk.text)
                      if p.strip() and not reveals_answer(p, waiting)]
        if paragraphs:
            kept.append(chunk.model_copy(update={"text": "\n\n".join(paragraphs)}))
    return kept


def covers(answer: GroundedAnswer, question: str) -> int:
    """How many of the question's content words the answer has."""
    return len(set(content_stems(question)) & set(content_stems(answer.text)))


def later(question: str) -> GroundedAnswer:
    """The answer that says the question will be answered after the attempt."""
    return GroundedAnswer(question=question, text=AFTER_THE_ATTEMPT, citations=[], found=False)


def quoted_answer(question: str, passages: Sequence[Chunk], waiting: Exercise | None,
                  answer: Answer) -> GroundedAnswer:
    """The answer of an engine that quotes the course, keeping ``waiting``'s key out of it."""
    whole = answer(passages)
    if waiting is None or not reveals_answer(whole.text, waiting):
        return whole
    kept = passages_without_key(passages, waiting)
    if kept:
        other = answer(kept)
        if (other.found and not reveals_answer(other.text, waiting)
                and covers(other, question) >= min(covers(whole, question), SHARED_WORDS)):
            return other
    return later(question)
