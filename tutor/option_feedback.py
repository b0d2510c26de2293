"""What a multiple-choice item's explanation says of its options: one format, written by the
item writer and read back by the grader.

A "which term" item's explanation says why the key is right and what each wrong option is:
'"stack" is right: <the course's definition> (p. 4). "heap" is <what the heap is>.'
(:func:`key_said`, :func:`option_said`). The grader reads it back in two places:

- feedback on a right answer does not name the key again before an explanation that opens
  with it (:func:`opens_with_key`: not 'Correct: stack. "stack" is right: ...');
- a learner who chose a wrong option is told what that option is (:func:`said_of_option`),
  which gives nothing of the key while it is withheld.

The wording lives here only, so a change to what the writer says changes what the grader
reads in step.
"""

from __future__ import annotations

import re

_RIGHT = "is right"


def key_said(option: str, why: str) -> str:
    """The key and why it is right: '"stack" is right: <why>.'"""
    return f'"{option}" {_RIGHT}: {why}.'


def option_said(option: str, what: str) -> str:
    """What a wrong option is: '"tag" is <what>.'"""
    return f'"{option}" is {what}.'


def opens_with_key(explanation: str, option: str) -> bool:
    """Whether an explanation opens by saying that ``option`` is right (:func:`key_said`)."""
    return re.match(rf'"{re.escape(option.strip())}" {_RIGHT}\b', explanation, re.I) is not None


def said_of_option(explanation: str, option: str) -> str | None:
    """What an explanation says a wrong option is (:func:`option_said`, at the start or after
    another sentence, up to the next option's or the end), or ``None`` when it says nothing
    of it."""
    found = re.search(rf'(?:^|[.)]\s)"{re.escape(option)}" is (?!right\b)(?P<what>[^"]+?)\.'
                      r'(?=\s+"|\s*$)', explanation)
    return found["what"].strip() if found else None
