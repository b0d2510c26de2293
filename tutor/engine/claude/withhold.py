"""Withholding the answer in code: Claude's text on an unsolved exercise must not contain it.

The prompts already ask the model not to reveal answers; this is the second lock. Hints and
feedback on wrong answers pass through :func:`withhold_answer`, which hides:

- the key itself and its accepted spellings, as whole words (:mod:`tutor.answers`, the same
  matching as the offline engine), and a short answer's reference when quoted whole;
- a true/false exercise's verdict: every sentence that calls the statement true or false;
- paraphrases: a sentence that says most of what the key says in other words (stemmed content
  words shared with the key; for a short answer also with the concept's definition, which is
  what the reference answer restates).

A hidden word or phrase becomes :data:`PLACEHOLDER`; a hidden sentence becomes it too.

Text shown while it is written goes through :class:`WithheldStream`: it passes on whole
sentences only, and only once a window longer than any key has followed them, so a key split
across pieces (or across a sentence end) is whole before anything around it is shown; each
part is hidden with the same function as the finished text, sentence for sentence, so the
streamed text is the finished text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from tutor.answers import answer_pattern, answer_strings
from tutor.course import Exercise, ExerciseKind
from tutor.engine.offline.tutoring.answer_similarity import content_words

PLACEHOLDER = "(the answer is held back until you have worked it out)"
PARAPHRASE_SHARE = 0.6
"""Share of the key's content words a sentence must repeat to count as a paraphrase."""
MIN_KEY_WORDS = 2
"""Keys with fewer content words are only hidden verbatim (one word has no paraphrase here)."""
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*\s*|[.!?]+\s*|\n+")
"""A sentence with what ends it, a run of stray end marks ("?" opening a text), or line
breaks: the matches cover every character of a text, so hiding some keeps all the others."""
_VERDICT = re.compile(r"\b(true|false)\b", re.IGNORECASE)


def _verbatim(exercise: Exercise) -> list[str]:
    if exercise.kind == ExerciseKind.SHORT_ANSWER:
        # A reference answer is a sentence: verbatim, it is withheld only when quoted whole.
        return [exercise.answer.strip()] if exercise.answer.strip() else []
    return answer_strings(exercise)


def _keys(exercise: Exercise, definition: str) -> list[set[str]]:
    """The content words of what a paraphrase would restate."""
    if exercise.kind == ExerciseKind.TRUE_FALSE:
        return []
    texts = [exercise.answer, *exercise.accepted]
    if exercise.kind == ExerciseKind.SHORT_ANSWER:
        texts += [*exercise.key_points, definition]
    prompt = set(content_words(exercise.prompt))
    keys = []
    for text in texts:
        # Words the prompt already shows give nothing away.
        words = set(content_words(text)) - prompt
        if len(words) >= MIN_KEY_WORDS:
            keys.append(words)
    return keys


def paraphrases_key(sentence: str, keys: list[set[str]]) -> bool:
    """Whether ``sentence`` repeats most of one key's content words."""
    said = set(content_words(sentence))
    return any(len(said & key) / len(key) >= PARAPHRASE_SHARE for key in keys)


def _hide_sentences(text: str, exercise: Exercise, definition: str,
                    paraphrase: bool = True) -> tuple[str, int]:
    keys = _keys(exercise, definition) if paraphrase else []
    true_false = exercise.kind == ExerciseKind.TRUE_FALSE
    out, hidden = [], 0
    for sentence in _SENTENCE.findall(text):
        body = sentence.strip()
        if body and PLACEHOLDER not in body and (
            (true_false and _VERDICT.search(body)) or (keys and paraphrases_key(body, keys))
        ):
            out.append(PLACEHOLDER + sentence[len(sentence.rstrip()):])
            hidden += 1
        else:
            out.append(sentence)
    return ("".join(out) if hidden else text), hidden


def reveals_answer(text: str, exercise: Exercise, definition: str = "") -> bool:
    """Whether ``text`` gives the exercise's answer away (verbatim, verdict or paraphrase)."""
    return withhold_answer(text, exercise, definition)[1]


def withhold_answer(text: str, exercise: Exercise, definition: str = "",
                    paraphrase: bool = True) -> tuple[str, bool]:
    """``text`` with the answer hidden, and whether anything was hidden. ``definition``: the
    concept's definition, which a short answer's reference restates; ``paraphrase=False`` for
    an explanation, which restates the concept on purpose (the key and a verdict are still
    hidden)."""
    replaced = 0
    for answer in sorted(_verbatim(exercise), key=len, reverse=True):
        text, count = answer_pattern(answer).subn(PLACEHOLDER, text)
        replaced += count
    text, hidden = _hide_sentences(text, exercise, definition, paraphrase)
    return text, replaced + hidden > 0


KEY_WINDOW_SLACK = 16
"""Characters beyond the longest key held back (flexible spaces, a plural, a file ending)."""


class WithheldStream:
    """Streamed text with the answer hidden before it is shown: push pieces, get back what may
    be shown. ``hide`` hides the answer in whole sentences (e.g. :func:`withhold_answer`);
    ``keys``: the verbatim strings it hides, which set the window held back."""

    def __init__(self, hide: Callable[[str], str], keys: Sequence[str]) -> None:
        self.hide = hide
        self.patterns = [answer_pattern(k.strip()) for k in keys if k.strip()]
        self.window = max((len(k) for k in keys), default=0) + KEY_WINDOW_SLACK
        self.raw = ""
        self.done = 0
        """Characters of :attr:`raw` already passed on."""

    def push(self, piece: str) -> str:
        self.raw += piece
        cut = self._safe_cut()
        if cut <= self.done:
            return ""
        part, self.done = self.raw[self.done:cut], cut
        return self.hide(part)

    def finish(self) -> str:
        part, self.done = self.raw[self.done:], len(self.raw)
        return self.hide(part) if part else ""

    def _safe_cut(self) -> int:
        """The furthest sentence end that is complete, a window before the end of the text,
        and inside no occurrence of a key."""
        limit = len(self.raw) - self.window
        ends = [m.end() for m in _SENTENCE.finditer(self.raw, self.done)][:-1]
        ends = [end for end in ends if end <= limit]
        if not ends:
            return self.done
        keys = [m.span() for p in self.patterns for m in p.finditer(self.raw, self.done)]
        for end in reversed(ends):
            if not any(start < end < stop for start, stop in keys):
                return end
        return self.done


def answer_keys(exercise: Exercise) -> list[str]:
    """The verbatim strings withholding hides for ``exercise`` (for :class:`WithheldStream`)."""
    return sorted({*answer_strings(exercise), *_verbatim(exercise)}, key=len, reverse=True)
