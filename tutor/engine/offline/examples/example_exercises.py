""""Which of these is an example of X?" from the book's own examples.

Books give examples in lists after a general term: "immutable types such as strings and
tuples", "e.g. the mean or the median". An example of the concept is an item in a list headed
by one of its names; the distractors are items the book lists under a sibling concept. An item
the passages also list (or mention in one sentence) with the concept is never a distractor,
since the text would support it too; neither is one that names the concept.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from tutor.course import Chunk, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.contrasts.nested_ideas import nested
from tutor.engine.offline.definitions.descriptions import term_pattern
from tutor.engine.offline.terms import mentions, term_variants
from tutor.engine.offline.writing.checking import canonical, same_option
from tutor.engine.offline.writing.exercise_material import Material, Sibling, prose_sentences

MIN_DISTRACTORS = 2
MAX_DISTRACTORS = 3
MAX_ITEM_WORDS = 3

_LIST = re.compile(
    r"(?:,\s*)?\s+(?:such\s+as|e\.\s?g\.,?|for\s+example,?|for\s+instance,?|including|like)\s+"
    r"(?P<items>[^.;:()!?]{2,160})",
    re.I,
)
_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_LEADING = re.compile(r"^(?:the|a|an|some|other)\s+", re.I)


def listed_examples(text: str, pattern: re.Pattern[str]) -> list[tuple[str, str]]:
    """``(item, sentence)`` for each item of an example list whose head names the term: the
    term must end right before "such as", "e.g.", "including"..."""
    found: list[tuple[str, str]] = []
    for sentence in prose_sentences(text):
        for match in _LIST.finditer(sentence):
            head = sentence[: match.start()]
            last = list(pattern.finditer(head))
            if not last or last[-1].end() < len(head.rstrip(" ,")) - 1:
                continue
            for raw in _SPLIT.split(match.group("items")):
                item = _LEADING.sub("", raw.strip(" ,\"'"))
                words = item.split()
                if 1 <= len(words) <= MAX_ITEM_WORDS and not item.lower().startswith(
                        ("etc", "so on", "many", "more", "other", "these", "those", "this")):
                    found.append((item, sentence))
    return found


def write_example(
    m: Material, siblings: Sequence[Sibling], passages: Sequence[Chunk]
) -> Exercise | None:
    """One "which is an example" item, or ``None`` when the book lists no fit examples."""
    own: list[tuple[str, Chunk]] = []
    for chunk in passages:
        own += [(item, chunk) for item, _ in listed_examples(chunk.text, m.pattern)]
    own = [(item, chunk) for item, chunk in own if not mentions(item, m.terms)]
    if not own:
        return None
    joined = " ".join(p.text for p in passages)
    taken = {canonical(item) for item, _ in own}
    options: list[tuple[Sibling, str]] = []
    for sibling in siblings:
        terms = term_variants(sibling.concept.name, sibling.concept.aliases)
        if nested(m.terms, terms, passages):
            continue  # "immutable types such as tuples": an example of one is of the other
        listed = listed_examples(joined, term_pattern(terms))
        for item, sentence in listed:
            if canonical(item) in taken or mentions(item, [*m.terms, *terms]):
                continue
            if m.pattern.search(sentence) or _with_term(joined, item, m):
                continue
            if any(same_option(item, t) for _, t in options):
                continue
            options.append((sibling, item))
            break
        if len(options) == MAX_DISTRACTORS:
            break
    if len(options) < MIN_DISTRACTORS:
        return None
    answer, chunk = own[0]
    exercise_id = f"{m.concept.id}-example-1"
    choices = [answer, *(text for _, text in options)]
    random.Random(exercise_id).shuffle(choices)
    others = "; ".join(f"{text} is given as an example of {s.concept.name}" for s, text in options)
    return Exercise(
        id=exercise_id,
        concept_id=m.concept.id,
        kind=ExerciseKind.MULTIPLE_CHOICE,
        prompt=f"Which of these does the course give as an example of {m.concept.name}?",
        answer=answer,
        choices=choices,
        misconceptions={text: f"confuses {m.concept.name} with {s.concept.name}"
                        for s, text in options},
        explanation=(f"The course lists {answer} as an example of {m.concept.name} "
                     f"({chunk.citation().label()}); {others}."),
        citations=[chunk.citation()],
        difficulty=0.45,
        origin=ExerciseOrigin.EXAMPLE,
    )


def _with_term(text: str, item: str, m: Material) -> bool:
    """Whether a sentence of the passages names both the item and the concept."""
    item_pattern = re.compile(r"(?<!\w)" + re.escape(item) + r"(?!\w)", re.I)
    return any(item_pattern.search(s) and m.pattern.search(s) for s in prose_sentences(text))
