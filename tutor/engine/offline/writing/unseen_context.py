"""What an item leans on that the learner never sees: a heading, a figure, a release, a quote.

An item shows the learner one prompt and, after the attempt, one key. Each check here finds
a sign that the prompt or the key was cut from the page with something the page around it
gave and the item does not:

- a heading run into a name or a sentence ("Methods The \\override command", "the
  right-padding property The right-padding property affects ..."): a capitalised "The" or
  "An" straight after a lower-case word, no full stop between, is where a title ended and
  the text began; the name it forms is no term a learner could write or recognise;
- a key that points at a figure, a table or a list instead of saying something ("An example
  of the assignment problem ... is shown on Fig. 3", "The reserved keywords are the
  following: ..."): the learner is graded against a pointer, not an answer;
- a blanked sentence whose one fact is a release number ("We currently assume _____
  version 2.13 or later"): which tool needs which version is trivia, not the idea;
- a quoted sentence or description with a quote mark left open ("... constraint in
  Subsection "Background"): the cut fell inside a quotation, and the prompt reads garbled;
- "Explain X in your own words" on one everyday word the page's context made a term
  ("fraction" of a tuplet, "result" of one command), keyed to a sentence of the page.

Each was found in blind raters' notes on manuals of several kinds (a music typesetter's
guide, a graph library's reference, essays on a computer algebra system).
"""

from __future__ import annotations

import re

from tutor.course import Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.writing.definition_points import explained_name
from tutor.engine.offline.writing.named_terms import says_nothing_alone

_RUN_IN = re.compile(r"(?<=[a-z,;])\s+(?:The|An)\s+(?=\S)")
"""A heading's last word and the first word of the text after it, read as one run."""
_POINTER = re.compile(
    r"\b(?:fig|figure|table|listing|chapter|section|subsection)s?\.?\s*\(?\d"
    r"|\b(?:shown|given|listed|illustrated|depicted)\s+(?:in|on)\s+(?:fig|figure|table|the\s+"
    r"(?:figure|table|picture|diagram))"
    r"|\b(?:are|is|as)\s+(?:the\s+following|follows)\s*:"
    r"|\bsubsection\s+[\"“]", re.I)
"""A key that points at what the page shows next to it rather than saying it."""
_RELEASE = re.compile(
    r"\bversion\s+\d+(?:\.\d+)+|\b\d+(?:\.\d+)+\s+or\s+(?:later|newer|higher|above|greater)\b",
    re.I)
"""A release number, the one fact of a sentence about which version a tool needs."""
_BLANK = re.compile(r"_{3,}")
_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)


def context_problems(exercise: Exercise) -> list[str]:
    """Why the item leans on what the learner does not see; empty when it stands alone."""
    problems: list[str] = []
    prompt = _CODE.sub(" ", exercise.prompt)
    # a session's output is the machine's, not a sentence of the page
    answer = "" if exercise.origin is ExerciseOrigin.CODE_OUTPUT else _CODE.sub(" ", exercise.answer)
    if _RUN_IN.search(prompt) or _RUN_IN.search(answer):
        problems.append("a heading runs into a name or a sentence of the item")
    if exercise.kind is ExerciseKind.SHORT_ANSWER and _POINTER.search(answer):
        problems.append("the key points at a figure, a table or a list instead of answering")
    elif _POINTER.search(prompt) and not _BLANK.search(prompt) and "description" in prompt:
        problems.append("the description points at a figure, a table or a section")
    if _BLANK.search(prompt) and _RELEASE.search(prompt):
        problems.append("the blanked sentence asks which release a tool needs (trivia)")
    if prompt.count('"') % 2:
        problems.append("a quote mark is left open in the prompt")
    asked = explained_name(exercise.prompt)
    if asked and says_nothing_alone(asked, exercise.answer):
        problems.append("an everyday word is asked without the context that made it a term")
    return problems
