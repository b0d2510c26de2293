"""Items on a tool's options (:mod:`tutor.engine.offline.concepts.option_tables`): which option does what the table says.

The concept "idn2 options" is asked through its options: "Which option of idn2 does this:
"Silent operation"?", the option the table gives that description the key, other options
of the same table the distractors. An option whose description names it ("--decode: Decode
the name") gives itself away and is not asked; a distractor whose own description answers
alike (:func:`~.checking.answers_alike`) is not offered.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from tutor.course import Chunk, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.concepts.option_tables import Option, OptionTable, find_tables
from tutor.engine.offline.terms import mentions
from tutor.engine.offline.writing.checking import answers_alike
from tutor.engine.offline.writing.exercise_material import SHORT_SEED, Material, item_seed
from tutor.text import without_period

ITEMS = 2
"""Options asked per table."""
DISTRACTORS = 3
MIN_DISTRACTORS = 2


def write_option_items(m: Material, passages: Sequence[Chunk]) -> list[Exercise]:
    """Up to :data:`ITEMS` "which option" items when the concept is a table of options."""
    table = _table_of(m, passages)
    if table is None:
        return []
    out: list[Exercise] = []
    for option in table.described:
        if len(out) >= ITEMS:
            break
        if mentions(option.description, [_word(option)]):
            continue  # "--decode: Decode the name", "--enable-mini-gmp: Use mini-gmp ..."
        others = [o for o in table.described if o is not option
                  and not answers_alike(o.description, option.description)]
        if len(others) >= MIN_DISTRACTORS:
            out.append(_item(m, table, option, others[:DISTRACTORS], len(out) + 1))
    return out


def _table_of(m: Material, passages: Sequence[Chunk]) -> OptionTable | None:
    if not m.concept.name.endswith(" options") or not m.citations:
        return None
    cited = {(c.source, c.page) for c in m.citations}
    near = [c for c in passages if (c.source, c.page) in cited or (
        c.source, c.page - 1) in cited]  # a table running on over the page
    return next((t for t in find_tables(near) if f"{t.owner} options" == m.concept.name),
                None)


_SWITCHES = frozenset("enable disable no with without use".split())


def _word(option: Option) -> str:
    """The option's name as words, without the switch it opens on ("--enable-mini-gmp" ->
    "mini gmp")."""
    words = option.name.lstrip("-‘'").split("=")[0].split("-")
    while len(words) > 1 and words[0] in _SWITCHES:
        words = words[1:]
    return " ".join(words)


def _item(m: Material, table: OptionTable, option: Option, others: list[Option],
          n: int) -> Exercise:
    exercise_id = f"{m.concept.id}-{ExerciseKind.MULTIPLE_CHOICE.value}-option-{n}"
    choices = [option.name, *(o.name for o in others)]
    random.Random(item_seed(exercise_id, SHORT_SEED)).shuffle(choices)
    said = without_period(option.description)
    return Exercise(
        id=exercise_id,
        concept_id=m.concept.id,
        kind=ExerciseKind.MULTIPLE_CHOICE,
        prompt=f'Which option of {table.owner} does this: "{said}"?',
        answer=option.name,
        choices=choices,
        misconceptions={o.name: f"confuses {option.name} with {o.name}, which "
                                f"{_lower(o.description)}" for o in others},
        explanation=(f'{", ".join(option.flags)}: "{option.description}" ({m.label}). '
                     + " ".join(f'{o.name}: "{o.description}"' for o in others)).strip(),
        citations=m.citations,
        difficulty=0.4,
        origin=ExerciseOrigin.DEFINITION,
    )


def _lower(text: str) -> str:
    text = without_period(text)
    return text[:1].lower() + text[1:] if text[1:2].islower() else text
