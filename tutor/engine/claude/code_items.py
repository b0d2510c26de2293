"""Code-output exercises the model writes, checked by running them.

An exercise the model writes from code the passages show ("what does Python show after the
last line?") carries its session as a list of statements. The session is replayed in the
process's sandbox (:mod:`tutor.engine.offline.code_output.code_sandbox`, the same one that checks
the offline engine's code items), and the exercise is kept only when the interpreter shows the
model's key after the last statement. The key the learner is graded against is then what the
interpreter printed, and what earlier statements printed is shown with them, so the session on
screen is the one that ran.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tutor.engine.offline.code_output import code_sandbox
from tutor.engine.offline.code_output.code_listings import at_prompt
from tutor.engine.offline.writing.checking import BLANK

QUESTION_BLANK = f"Python shows: {BLANK}"
"""The line the learner completes, as the offline engine's code items end."""
MAX_STATEMENTS = 8

Run = Callable[[Sequence[str]], list[str] | None]


@dataclass(frozen=True)
class CheckedSession:
    shown: str
    """The session as the learner sees it: each statement at the prompt, with what the
    statements before the last printed."""
    key: str
    """What the interpreter shows after the last statement."""


def checked_session(code: Sequence[str], answer: str,
                    run: Run | None = None) -> CheckedSession | None:
    """The session and its key when replaying ``code`` shows ``answer`` after the last
    statement; ``None`` when it shows something else, fails to run or shows nothing."""
    statements = [s.rstrip() for s in code if s.strip()]
    if not statements or len(statements) > MAX_STATEMENTS:
        return None
    outputs = (run or code_sandbox.replay)(statements)
    if outputs is None or len(outputs) != len(statements):
        return None
    last = outputs[-1].rstrip("\n")
    if not last.strip() or code_sandbox.same_output(answer, last) is None:
        return None
    lines = []
    for statement, output in zip(statements[:-1], outputs[:-1], strict=True):
        lines.append(at_prompt(statement))
        if output.strip():
            lines.append(output.rstrip("\n"))
    lines.append(at_prompt(statements[-1]))
    return CheckedSession("\n".join(lines), last)


def with_session(question: str, session: CheckedSession) -> str:
    """The exercise's prompt: the question, the session in a code block, the blank."""
    return f"{question}\n\n```python\n{session.shown}\n```\n\n{QUESTION_BLANK}"
