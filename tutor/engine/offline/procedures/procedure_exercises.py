"""Procedure items: a case to act on, "You want to test a build. What do you run?".

A task the manual teaches (:mod:`tutor.engine.offline.procedures.reading`) is asked as a case:
the goal the book states, and the learner picks what to run, use or choose. The key is the
book's action, keyed to its page; the other options are the actions of the manual's other
procedures among the concept's passages, of the same kind only (a command or an option beside
commands and options, a macro beside macros: a key alone of its kind gives itself away), the
same shape first, never one given on the same page or under the same
heading (the page may support it too), nor one for a goal alike the key's. A case whose goal
names the word that sets the key apart from the other options ("install ..." for ``make
install`` among ``make check`` and ``make pdf``) gives itself away and is not asked.

The learner may type the command instead of its number: an action with arguments the case
does not need ("R CMD INSTALL --libs-only pkg" for "install further sub-architectures") is also
accepted without its example values, when that shorter form is no other option's.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from tutor.course import Chunk, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.procedures.reading import Procedure, find_procedures
from tutor.engine.offline.terms import content_stems, mentions
from tutor.engine.offline.writing.checking import answers_alike, same_option
from tutor.engine.offline.writing.exercise_material import SHORT_SEED, Material, item_seed

ITEMS = 2
"""Procedure items per concept."""
DISTRACTORS = 3
MIN_DISTRACTORS = 2
ROOT = 5
"""Letters two words of one root share at least ("explanation", "explain")."""
_QUESTION = {"run": "What do you run?", "choose": "What do you choose?",
             "use": "What do you use?"}
_ARGUMENT = re.compile(r"^(?:-|\S*[=/{\[(\"'<]|\d|\.\.\.|\S*\.\w+$)")
"""A token that gives a value rather than naming the command: an option, a setting, a path,
a bracket, a quoted string, a number, a file name."""
_PLACEHOLDER = re.compile(
    r"^[\[{(<]?(?:\.\.\.|\d[\w.]*|[\w.-]*/[\w/.-]*|[\w-]+\.[a-z]{1,4}|(?:[a-z]+[-_])?"
    r"(?:integer|number|num|value|name|file|files|dir|directory|path|pkg|pkg\d|package|size|"
    r"n|x|string|text|arg|args)\d*)[\]})>]?$")
"""An example value the book shows for an argument, not one the case needs: "{integer}",
"[...]", "pkg", "/path/to/here", "file.xml", "10"."""
_NAME = re.compile(r"(?<![\w.$\\])[A-Za-z_][\w]*(?![\w(])")
"""A name the action binds or reads (``x`` of ``x <- c(1, 2)``), not a call's function."""
_MACRO_NAME = re.compile(r"\\[A-Za-z@]+\*?")
_KIN = {"command": "shell", "option": "shell", "call": "call", "macro": "macro", "menu": "menu"}
"""Shapes of action that may stand side by side as options: a shell line beside an option of
one, a call beside calls; a key the only one of its kind is found by its look."""


def write_procedures(m: Material, passages: Sequence[Chunk]) -> list[Exercise]:
    """Up to :data:`ITEMS` procedure items on the concept: the procedures on its own pages
    or in its own section that name it."""
    everything = find_procedures(passages)
    own_pages = {(c.source, c.page) for c in m.citations} | {
        (c.source, c.page) for c in m.concept.citations[:1]}
    out: list[Exercise] = []
    for procedure in everything:
        if len(out) >= ITEMS:
            break
        if not _belongs(procedure, m, own_pages):
            continue
        others = _distractors(procedure, everything)
        if len(others) < MIN_DISTRACTORS or _gives_away(procedure, others):
            continue
        out.append(_item(m, procedure, others, len(out) + 1))
    return out


def _belongs(procedure: Procedure, m: Material, own_pages: set[tuple[str, int]]) -> bool:
    """A procedure of the concept: on its defining page or under its own section's heading,
    its passage naming the concept (the checker looks for the name on the cited page)."""
    chunk = procedure.chunk
    placed = (chunk.source, chunk.page) in own_pages or (
        bool(m.concept.section) and chunk.heading == m.concept.section)
    return placed and mentions(f"{chunk.heading} {chunk.text}", m.terms)


def _distractors(key: Procedure, everything: Sequence[Procedure]) -> list[Procedure]:
    """Other procedures' actions, the key's shape first, nearest in reading order first."""
    fit = [p for p in everything
           if p.action != key.action
           and (p.chunk.source, p.chunk.page) != (key.chunk.source, key.chunk.page)
           and p.chunk.heading != key.chunk.heading
           and not same_option(p.action, key.action)
           and not answers_alike(p.goal, key.goal)
           and key.action not in p.steps and p.action not in key.steps]
    fit = [p for p in fit if _KIN[p.shape] == _KIN[key.shape]]  # a call among shell lines
    # stands out by its look alone
    fit.sort(key=lambda p: (p.shape != key.shape, abs(p.chunk.order - key.chunk.order)))
    chosen: list[Procedure] = []
    for p in fit:
        if all(not same_option(p.action, c.action) for c in chosen):
            chosen.append(p)
        if len(chosen) == DISTRACTORS:
            break
    return chosen


def _gives_away(key: Procedure, others: Sequence[Procedure]) -> bool:
    """Whether the goal names a word of the key no other option has ("install the complete
    R tree" for ``make install`` beside ``make check``)."""
    own = content_stems(_spoken(key.action)) - set().union(
        *(content_stems(_spoken(o.action)) for o in others))
    if own & content_stems(key.goal):
        return True
    if _word_roots(key.action) - set().union(*(_word_roots(o.action) for o in others)) & (
            _word_roots(key.goal)):
        return True  # "provide explanation for the answers" for \explain: one root, two stems
    names = set(_NAME.findall(key.action)) - set().union(
        *(set(_NAME.findall(o.action)) for o in others))
    return bool(names & set(key.goal.split()))  # "set up a vector named x": x <- c(...)


def _word_roots(text: str) -> set[str]:
    """The first five letters of each long word ("explanation", "explain" -> "expla")."""
    return {w[:ROOT] for w in re.findall(r"[a-z]+", _spoken(text).lower()) if len(w) > ROOT}


def _spoken(action: str) -> str:
    """An action's words as words ("\\AMCboxStyle{size=1.7ex}" -> "AMCboxStyle size 1.7ex",
    "install-info" -> "install info")."""
    return re.sub(r"[\\{}\[\]()=_/<>-]+", " ", action)


def bare_command(action: str) -> str | None:
    """The command without the values it is given ("R CMD INSTALL --libs-only pkg" -> "R CMD
    INSTALL", "axis(side = 1)" -> "axis()"), None when nothing would be left out or nothing
    would be left."""
    call = re.fullmatch(r"([A-Za-z_][\w.:]*)\((.+)\)", action)
    if call:
        values = [v.strip() for v in call.group(2).split(",")]
        return f"{call.group(1)}()" if all(_PLACEHOLDER.match(v) for v in values) else None
    macro = _MACRO_NAME.match(action)
    if macro:
        rest = re.findall(r"[\[{]([^\]}]*)[\]}]", action[macro.end():])
        left = re.sub(r"[\[{][^\]}]*[\]}]", "", action[macro.end():]).strip()
        if rest and not left and all(_PLACEHOLDER.match(v) for v in rest):
            return macro.group(0)  # "\AMCaddpagesto{integer}" -> "\AMCaddpagesto"
        return None
    tokens = action.split()
    kept: list[str] = []
    for token in tokens:
        if kept and (_ARGUMENT.match(token) or _PLACEHOLDER.match(token)):
            break
        kept.append(token)
    dropped = tokens[len(kept):]
    if not kept or not dropped or not all(_PLACEHOLDER.match(t) for t in dropped):
        return None  # an option or a setting the case may need ("--libs-only")
    return " ".join(kept)


def _accepted(key: Procedure, others: Sequence[Procedure]) -> list[str]:
    """The key without its arguments, when the case does not ask for them (no word of the
    values left out is in the goal, no setting "NAME=value" among them) and no other option
    is that command too."""
    bare = bare_command(key.action)
    if bare is None:
        return []
    dropped = key.action[len(bare.rstrip("()")):]
    if content_stems(_spoken(dropped)) & content_stems(key.goal):
        return []
    if any(bare_command(o.action) == bare or o.action == bare for o in others):
        return []
    return [bare]


def _item(m: Material, key: Procedure, others: Sequence[Procedure], n: int) -> Exercise:
    exercise_id = f"{m.concept.id}-{ExerciseKind.MULTIPLE_CHOICE.value}-procedure-{n}"
    choices = [key.action, *(o.action for o in others)]
    random.Random(item_seed(exercise_id, SHORT_SEED)).shuffle(choices)
    page = key.citation.label()
    return Exercise(
        id=exercise_id,
        concept_id=m.concept.id,
        kind=ExerciseKind.MULTIPLE_CHOICE,
        prompt=f"You want to {key.goal}. {_QUESTION[key.asks]}",
        answer=key.action,
        choices=choices,
        accepted=_accepted(key, others),
        misconceptions={o.action: f"confuses {key.action} with {o.action}, which the course "
                                  f"gives to {o.goal}" for o in others},
        explanation=(f'The course ({page}): "{key.sentence}" '
                     + " ".join(f"{o.action} is for: {o.goal} ({o.citation.label()})."
                                for o in others)).strip(),
        citations=[key.citation],
        difficulty=0.5,
        origin=ExerciseOrigin.PROCEDURE,
    )
