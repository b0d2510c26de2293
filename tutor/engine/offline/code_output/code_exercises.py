""""What does Python show?" exercises from the book's interactive sessions.

A passage that teaches a concept often shows a session at the ``>>>`` prompt with what the
interpreter printed. The exercise shows the session up to one statement and asks what comes
next; the key is the book's own output. The session must sit just after text that names the
concept. A function or variable the session uses but the book defined earlier (in a code
listing or an earlier session of the passages) is shown too, so the exercise stands on its
own; only what is shown is replayed in a sandbox
(:mod:`tutor.engine.offline.code_output.code_sandbox`), and an item whose replay differs from the
book (a misread line, another Python version, a module that is not there) is dropped. When the book
shows an error, the exercise asks which error: the key is its name, the same in the book and in the
replay.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from tutor.course import Chunk, Citation, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.code_output import code_sandbox
from tutor.engine.offline.code_output.code_listings import (
    Session,
    Step,
    at_prompt,
    changed_names,
    defined_names,
    is_statement,
    listings,
    sessions,
    used_names,
)
from tutor.engine.offline.code_output.code_sandbox import same_output
from tutor.engine.offline.code_output.page_sessions import (
    from_literals,
    missing_libraries,
    page_value,
    predictable,
)
from tutor.engine.offline.code_output.session_faults import (
    SCHOOL_ARITHMETIC,
    left_out,
    school_arithmetic,
)
from tutor.engine.offline.terms import mentions
from tutor.engine.offline.writing.checking import BLANK
from tutor.engine.offline.writing.exercise_material import Material

MAX_OUTPUT_CHARS = 40
MAX_OUTPUT_WORDS = 6
MAX_STATEMENTS = 6
MAX_SHOWN_CHARS = 520
NEAR_TEXT_CHARS = 400
"""The concept must be named in the text this close before the session starts."""
MAX_ITEMS = 6
PER_SESSION = 2
"""Items from one session (on different lines of it)."""
REMEMBERED_PASSAGES = 4096

_ERROR = re.compile(r"^(?:Traceback[^\n]*\n(?:.*\n)*?)?([A-Z]\w*(?:Error|Exception))\b")
_ADDRESS = re.compile(r"0x[0-9a-f]+|<(?:function|bound|built-in|module|__main__|.* object)\b")

Run = Callable[[Sequence[str]], list[str] | None]


@dataclass
class _Defined:
    """A statement the book showed earlier that binds names (a listing or a quiet step) or
    changes what a name holds (``t.append(4)``)."""

    source: str
    names: set[str]
    changes: set[str] = field(default_factory=set)


def error_name(output: str) -> str | None:
    """``"TypeError: can't ..."`` -> ``"TypeError"``; None for an output that is no error."""
    match = _ERROR.match(output.strip())
    return match.group(1) if match else None


def _fits(output: str) -> bool:
    if not output or len(output) > MAX_OUTPUT_CHARS or len(output.split()) > MAX_OUTPUT_WORDS:
        return False
    if re.search(r"\t| {2}", output) or any(
            line != line.strip() or not line for line in output.split("\n")):
        return False  # a tab, a run of spaces, a line's edge spaces: not typed in a blank
    if error_name(output) or _ADDRESS.search(output):
        return False
    return not output.startswith(("...", ">>>"))


def _needed(steps: Sequence[Step], earlier: Sequence[_Defined]) -> list[_Defined]:
    """The earlier definitions the steps use, with those they use in turn, in book order."""
    bound = set().union(*(defined_names(s.source) for s in steps))
    wanted = set().union(*(used_names(s.source) for s in steps)) - bound
    picked: set[int] = set()
    done: set[str] = set()
    while wanted:
        name = wanted.pop()
        done.add(name)
        index = next((i for i in range(len(earlier) - 1, -1, -1) if name in earlier[i].names),
                     None)
        if index is None:
            continue
        later = [i for i in range(index + 1, len(earlier)) if name in earlier[i].changes]
        for i in [index, *later]:
            if i not in picked:
                picked.add(i)
                wanted |= used_names(earlier[i].source) - earlier[i].names - bound - done
    return [earlier[i] for i in sorted(picked)]


def _judge(book: str, replayed: str) -> tuple[str, bool] | None:
    """The key and whether it is an error's name, when the replay shows what the book does."""
    book_error, replay_error = error_name(book), error_name(replayed)
    if book_error or replay_error:
        return (book_error, True) if book_error and book_error == replay_error else None
    if same_output(book, replayed) is None:
        return None
    shown = _as_printed(replayed)
    return (shown, False) if _fits(shown) else None


def _as_printed(replayed: str) -> str:
    """The output exactly as Python prints it, without the line end after it: the book's PDF
    text flattens tabs and line breaks ("1 2 3 4" for a string holding a tab and a newline),
    so the replay, not the book, gives the key and what earlier lines show."""
    return replayed.rstrip("\n")


def _replayed(
    setup: Sequence[_Defined], steps: Sequence[Step], run: Run
) -> tuple[list[Step], str, bool] | None:
    """The steps with the outputs the replay confirms, and the key, or ``None`` when the
    replay differs from the book: the setup must show nothing, the last step must show what
    the book prints, and so must every earlier step for which the book prints something."""
    shown = run([*(d.source for d in setup), *(s.source for s in steps)])
    if shown is None or len(shown) != len(setup) + len(steps):
        return None
    if any(out.strip() for out in shown[: len(setup)]):
        return None
    confirmed: list[Step] = []
    for step, replayed in zip(steps[:-1], shown[len(setup):-1], strict=True):
        if not replayed.strip():
            confirmed.append(Step(step.source, ""))  # shows nothing: what follows is prose
            continue
        if same_output(step.output, replayed) is None or error_name(replayed):
            return None
        confirmed.append(Step(step.source, _as_printed(replayed)))
    judged = _judge(steps[-1].output, shown[-1])
    if judged is None:
        return None
    return [*confirmed, Step(steps[-1].source, judged[0])], judged[0], judged[1]


@lru_cache(maxsize=REMEMBERED_PASSAGES)
def _blocks(text: str) -> tuple[tuple[int, Session | str], ...]:
    """The passage's sessions and listings (as their source) in the order they come, read
    once per passage: the writer goes over a passage for every concept it names."""
    blocks: list[tuple[int, Session | str]] = [(s.start, s) for s in sessions(text)]
    blocks += [(li.start, li.source) for li in listings(text)]
    return tuple(sorted(blocks, key=lambda b: b[0]))


def write_code_output(
    m: Material,
    passages: Sequence[Chunk] | None = None,
    run: Run | None = None,
) -> list[Exercise]:
    """Up to :data:`MAX_ITEMS` "what does Python show" items on the concept's sessions,
    each confirmed by ``run`` (by default the sandbox's ``replay``, read when called)."""
    run = run or code_sandbox.replay
    items: list[Exercise] = []
    seen: set[tuple[str, str]] = set()
    earlier: list[_Defined] = []
    previous: Chunk | None = None
    ordered = sorted(passages if passages is not None else m.ordered,
                     key=lambda c: (c.source, c.order))
    for chunk in ordered:
        joined = previous is not None and previous.source == chunk.source and (
            previous.order == chunk.order - 1)
        lead = previous.text[-NEAR_TEXT_CHARS:] if joined and previous else ""
        if not joined:
            earlier = []
        for start, block in _blocks(chunk.text):
            if isinstance(block, str):
                earlier.append(_Defined(block, defined_names(block)))
                continue
            before = (lead + "\n" + chunk.text[:start])[-NEAR_TEXT_CHARS:]
            near = m.pattern.search(before) or m.pattern.search(chunk.heading)
            cited = [chunk.citation()]
            if previous is not None and joined and previous.page != chunk.page and not (
                    m.pattern.search(chunk.text[:start]) or m.pattern.search(chunk.heading)):
                cited.append(previous.citation())  # named just before the page turned
            for _ in range(PER_SESSION if near else 0):
                item = _item(m, cited, block, earlier, len(items) + 1, seen, run,
                             chunk.text[:start])
                if item is None or len(items) == MAX_ITEMS:
                    break
                items.append(item)
            for step in block.steps:  # a statement shows nothing: text after it is prose
                quiet = not step.output or is_statement(step.source)
                names, changes = defined_names(step.source), changed_names(step.source)
                if quiet and (names or changes):
                    earlier.append(_Defined(step.source, names, changes))
        previous = chunk
    return items


def _item(
    m: Material, cited: list[Citation], session: Session, earlier: Sequence[_Defined], n: int,
    seen: set[tuple[str, str]], run: Run, text_before: str = "",
) -> Exercise | None:
    for last in range(len(session.steps) - 1, -1, -1):
        target = session.steps[last]
        asked = (target.source.strip(), target.output)  # a line shown again in a new state
        if not target.output or asked in seen:
            continue
        if last == 0 and school_arithmetic(target.source, target.output):
            left_out(SCHOOL_ARITHMETIC, target.source)  # ">>> 2 + 3" asks no book
            continue
        before = session.steps[max(0, last + 1 - MAX_STATEMENTS): last]
        quiet = [s for s in before if not s.output]  # the state without the printed results
        libraries: list[str] = []
        for steps in ([*before, target], [*quiet, target]):
            setup = _needed(steps, earlier)
            libraries = missing_libraries([*(d.source for d in setup), *(s.source for s in steps)])
            confirmed = (_on_page(setup, steps, text_before if last == 0 else "")
                         if libraries else _replayed(setup, steps, run))
            if confirmed is None:
                continue
            replayed, answer, is_error = confirmed
            shown = "\n".join(
                [at_prompt(d.source) for d in setup]
                + [at_prompt(s.source) + (f"\n{s.output}" if s.output and i < len(
                    replayed) - 1 else "") for i, s in enumerate(replayed)])
            if len(shown) <= MAX_SHOWN_CHARS and not mentions(shown, [answer], fuzzy=False):
                break
        else:
            continue
        seen.add(asked)
        return _exercise(m, cited, n, shown, answer, is_error, libraries)
    return None


def _on_page(setup: Sequence[_Defined], steps: Sequence[Step],
             said_before: str) -> tuple[list[Step], str, bool] | None:
    """The steps and the key read from the page, for a session the sandbox cannot replay
    (:mod:`~tutor.engine.offline.code_output.page_sessions`): everything built from the literals
    shown, setup that shows nothing, each output shown a plain value, and the text before the last
    statement not calling its output unpredictable."""
    if not from_literals([*(d.source for d in setup), *(s.source for s in steps)]):
        return None
    if not predictable(said_before):
        return None
    if is_statement(steps[-1].source):
        return None  # an import or an assignment that prints: the output is no value of it
    shown: list[Step] = []
    for step in steps:
        if not step.output:
            shown.append(step)
            continue
        value = page_value(step.output)
        if value is None or is_statement(step.source):
            return None
        shown.append(Step(step.source, value))
    key = shown[-1].output
    return (shown, key, False) if _fits(key) else None


def _exercise(m: Material, cited: list[Citation], n: int, shown: str, answer: str,
              is_error: bool, libraries: Sequence[str] = ()) -> Exercise:
    """The item; ``libraries`` are the modules it needs that the sandbox lacks, when its key
    was read from the page only."""
    if is_error:
        question = ("Python stops with an error at the last line of this session. Which "
                    "error does it report?")
        ending, told = f"Python reports: {BLANK} (the error's name)", "reports"
    else:
        question = "What does Python show after the last line of this session?"
        ending, told = f"Python shows: {BLANK}", "shows"
    checked = f"Python {told} {answer} here, as the book does ({cited[0].label()})."
    if libraries:
        used = " and ".join(libraries)
        question += (f" (It uses {used}, which the course does not run: the answer is the one "
                     "the book prints.)")
        checked = (f"The book shows {answer} here ({cited[0].label()}); the session needs "
                   f"{used}, so this answer was checked against the page, not by running it.")
    return Exercise(
        id=f"{m.concept.id}-code-{n}",
        concept_id=m.concept.id,
        kind=ExerciseKind.CLOZE,
        prompt=f"{question}\n\n```python\n{shown}\n```\n\n{ending}",
        answer=answer,
        accepted=([re.sub(r"(?<=[a-z])(?=[A-Z])", " ", answer)] if is_error
                  else [" ".join(answer.split())] if "\n" in answer else []),  # one line typed
        explanation=checked,
        citations=cited,
        difficulty=0.55,
        origin=ExerciseOrigin.CODE_OUTPUT,
        checked_by="page" if libraries else "execution",
    )
