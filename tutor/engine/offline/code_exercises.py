""""What does Python show?" exercises from the book's interactive sessions.

A passage that teaches a concept often shows a session at the ``>>>`` prompt with what the
interpreter printed. The exercise shows the session up to one statement and asks what comes
next; the key is the book's own output. The session must sit just after text that names the
concept, the output must be short and not an error, and the whole session is replayed in a
sandbox (:mod:`tutor.engine.offline.code_sandbox`): an item whose replay differs from the book
anywhere (a misread line, another Python version, a module that is not there) is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tutor.course import Chunk, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.checking import BLANK, mentions
from tutor.engine.offline.code_sandbox import replay, same_output, tidy_quotes
from tutor.engine.offline.exercise_material import Material

MAX_OUTPUT_CHARS = 40
MAX_OUTPUT_WORDS = 6
MAX_STATEMENTS = 8
NEAR_TEXT_CHARS = 400
"""The concept must be named in the text this close before the session starts."""
MAX_ITEMS = 3

_PROMPT = ">>> "
_MORE = "... "


@dataclass
class Step:
    """One statement typed at the prompt and what the book shows after it."""

    source: str
    output: str


@dataclass
class Session:
    """Consecutive prompt lines in a passage, with where they start in its text."""

    steps: list[Step]
    start: int


def sessions(text: str) -> list[Session]:
    """The interactive sessions in a passage. Output lines are the lines after a statement up
    to the next prompt or the first line of prose; the replay settles what was misread."""
    found: list[Session] = []
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    current: list[Step] = []
    start = 0
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.startswith(_PROMPT.rstrip()):
            if current:
                found.append(Session(current, start))
                current = []
            i += 1
            continue
        if not current:
            start = offsets[i]
        source = [line[len(_PROMPT):] if line.startswith(_PROMPT) else ""]
        i += 1
        while i < len(lines) and lines[i].startswith(_MORE.rstrip()):
            source.append(lines[i][len(_MORE):])
            i += 1
        output: list[str] = []
        while i < len(lines) and not lines[i].startswith(_PROMPT.rstrip()) and len(output) < 3:
            if output and _looks_like_prose(lines[i]):
                break  # the first line may be the output with running text after it
            output.append(lines[i].rstrip())
            i += 1
        current.append(Step(tidy_quotes("\n".join(source)), tidy_quotes("\n".join(output).strip())))
    if current:
        found.append(Session(current, start))
    return found


def _looks_like_prose(line: str) -> bool:
    words = line.split()
    return len(words) >= 6 and sum(w.isalpha() for w in words) >= 0.7 * len(words)


def _fits(output: str) -> bool:
    if not output or len(output) > MAX_OUTPUT_CHARS or len(output.split()) > MAX_OUTPUT_WORDS:
        return False
    if "\n" in output or "Error" in output or output.startswith(("Traceback", "<")):
        return False
    return not output.startswith(("...", ">>>"))


def _replayed(
    steps: Sequence[Step], run: Callable[[Sequence[str]], list[str] | None]
) -> list[Step] | None:
    """The steps with the outputs the replay confirms, or ``None`` when the replay differs
    from the book: the last step must show what the book prints, and so must every earlier
    step for which the book prints something."""
    shown = run([s.source for s in steps])
    if shown is None or len(shown) != len(steps):
        return None
    confirmed: list[Step] = []
    for i, (step, replayed) in enumerate(zip(steps, shown, strict=True)):
        if not replayed.strip() and i < len(steps) - 1:
            confirmed.append(Step(step.source, ""))  # shows nothing: what follows is prose
            continue
        output = same_output(step.output, replayed)
        if output is None and (step.output or i == len(steps) - 1):
            return None
        confirmed.append(Step(step.source, output or ""))
    return confirmed


def write_code_output(
    m: Material,
    passages: Sequence[Chunk] | None = None,
    run: Callable[[Sequence[str]], list[str] | None] = replay,
) -> list[Exercise]:
    """Up to :data:`MAX_ITEMS` "what does Python show" items on the concept's sessions."""
    items: list[Exercise] = []
    seen: set[str] = set()
    for chunk in passages if passages is not None else m.ordered:
        for session in sessions(chunk.text):
            before = chunk.text[max(0, session.start - NEAR_TEXT_CHARS): session.start]
            if not m.pattern.search(before) and not m.pattern.search(chunk.heading):
                continue
            item = _item(m, chunk, session, len(items) + 1, seen, run)
            if item is not None:
                items.append(item)
                if len(items) == MAX_ITEMS:
                    return items
    return items


def _item(
    m: Material, chunk: Chunk, session: Session, n: int, seen: set[str],
    run: Callable[[Sequence[str]], list[str] | None],
) -> Exercise | None:
    for last in range(len(session.steps) - 1, -1, -1):
        target = session.steps[last]
        if not target.output or target.source.strip() in seen:
            continue
        before = session.steps[max(0, last + 1 - MAX_STATEMENTS): last]
        quiet = [s for s in before if not s.output]  # the state without the printed results
        for earlier in (before, quiet):
            steps = _replayed([*earlier, target], run)
            if steps is None or not _fits(steps[-1].output):
                continue
            answer = steps[-1].output
            shown = "\n".join(
                _PROMPT + s.source.replace("\n", "\n" + _MORE)
                + (f"\n{s.output}" if s.output and i < len(steps) - 1 else "")
                for i, s in enumerate(steps)
            )
            if not mentions(shown, [answer], fuzzy=False):  # else the session gives it away
                break
        else:
            continue
        prompt = (f"What does Python show after the last line of this session?\n\n```python\n"
                  f"{shown}\n```\n\nPython shows: {BLANK}")
        seen.add(target.source.strip())
        return Exercise(
            id=f"{m.concept.id}-code-{n}",
            concept_id=m.concept.id,
            kind=ExerciseKind.CLOZE,
            prompt=prompt,
            answer=answer,
            explanation=(f"Python shows {answer} here, as the book does "
                         f"({chunk.citation().label()})."),
            citations=[chunk.citation()],
            difficulty=0.55,
            origin=ExerciseOrigin.CODE_OUTPUT,
        )
    return None

