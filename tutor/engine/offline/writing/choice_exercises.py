"""Multiple choice on a concept's definition: "which term matches this description" and
"which statement describes it", with near sibling concepts as the wrong options.

The options are picked so that none is near another or the answer, none is named by the
prompt and none would also fit the concept (:func:`also_fits`); the order is fixed by the
item's id. Multiple choice 1 asks for the term, multiple choice 2 for the statement.
"""

from __future__ import annotations

import random
import re

from tutor.course import Exercise, ExerciseKind
from tutor.engine.offline.definitions.descriptions import term_pattern
from tutor.engine.offline.procedures.task_concepts import echoes_its_heading
from tutor.engine.offline.terms import content_stems, mentions, term_variants
from tutor.engine.offline.writing.checking import (
    answers_alike,
    heading_shaped,
    run_together,
    same_option,
)
from tutor.engine.offline.writing.exercise_material import (
    Material,
    Sibling,
    blank_term,
    described,
    item_difficulty,
    item_id,
    item_seed,
    one_mention,
)
from tutor.engine.offline.writing.giveaways import cut_short, shaped_alike
from tutor.engine.offline.writing.named_terms import book_spelling, is_named_term
from tutor.engine.offline.writing.purpose_exercises import picked_by_name
from tutor.engine.offline.writing.standing_alone import definition_sentence_problems
from tutor.option_feedback import key_said, option_said
from tutor.text import as_statement, lower_first

MAX_DISTRACTORS = 3
MIN_DISTRACTORS = 2


def _short(text: str, limit: int = 120) -> str:
    """The text cut at a word boundary to about ``limit`` characters."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "..."


def pick(options: list[tuple[Sibling, str]], answer: str, prompt: str) -> list[tuple[Sibling, str]]:
    """Up to three options, none near another or the answer, none named by the prompt."""
    chosen: list[tuple[Sibling, str]] = []
    for sibling, text in options:
        taken = [answer, *(t for _, t in chosen)]
        if any(same_option(text, t) for t in taken):
            continue
        if max(len(text.split()), len(answer.split())) <= 4 and (
                content_stems(text) == content_stems(answer)):
            continue  # "traversal" beside "traverse": the answer in another form
        if mentions(prompt, term_variants(sibling.concept.name), fuzzy=False):
            continue
        if any(_one_name_within_the_other(text, t) for t in taken):
            continue  # "onesided" beside "one-sided test": the answer (or an option), shortened
        if run_together(text) or text == sibling.concept.name and heading_shaped(text) and (
                not heading_shaped(answer)):  # "edf edf", names of the page read as one;
            continue  # "using the OS from within gri" among terms: a section's title
        chosen.append((sibling, text))
        if len(chosen) == MAX_DISTRACTORS:
            break
    return chosen


def also_fits(sibling: Sibling, m: Material) -> bool:
    """Whether a sibling's name would also answer "which term" on the concept, or its
    statement also describe the concept: the sibling is said in terms of the concept (its
    broader or narrower term: "autocorrelation: a more general term for a serial correlation
    ...") or its description answers what the concept's does (:func:`answers_alike`: "The
    umac32_set_nonce function sets the nonce to be used for the next message" beside "The
    _____ function sets the nonce")."""
    said = sibling.description or sibling.concept.definition
    if not said:
        return False
    if mentions(said, m.terms, fuzzy=False):
        return True
    ours = m.description or (m.sentence and m.pattern.sub(" ", m.sentence))
    if not ours:
        return False
    theirs = sibling.description or term_pattern(
        term_variants(sibling.concept.name, sibling.concept.aliases)).sub(" ", said)
    return answers_alike(theirs, ours)


def _one_name_within_the_other(first: str, second: str) -> bool:
    """Whether one short name, spaces and hyphens left out, holds the other whole
    ("onesided" in "one-sided test"): both would fit the description."""
    a, b = (re.sub(r"[\s\-_]+", "", t.lower()) for t in (first, second))
    if max(len(first.split()), len(second.split())) > 4 or min(len(a), len(b)) < 4:
        return False
    return a != b and (a in b or b in a)


def _multiple_choice(
    m: Material, n: int, prompt: str, answer: str, chosen: list[tuple[Sibling, str]],
    explanation: str,
) -> Exercise:
    exercise_id = item_id(m.concept, ExerciseKind.MULTIPLE_CHOICE, n)
    choices = [answer, *(text for _, text in chosen)]
    random.Random(item_seed(exercise_id)).shuffle(choices)
    similarity = sum(s.similarity for s, _ in chosen) / len(chosen)
    return Exercise(
        id=exercise_id,
        concept_id=m.concept.id,
        kind=ExerciseKind.MULTIPLE_CHOICE,
        prompt=prompt,
        answer=answer,
        choices=choices,
        misconceptions={
            text: f"confuses {m.concept.name} with {s.concept.name}" for s, text in chosen
        },
        explanation=explanation,
        citations=m.citations,
        difficulty=item_difficulty(0.25 + 0.5 * similarity + 0.05 * (n == 2)),
    )


def wrong_option_glosses(wrong: list[Sibling]) -> str:
    """What each wrong option is, for the feedback: '"tag" is a number that ...', only for a
    concept the course defines (a sentence about a concept is no gloss of what it is)."""
    return " ".join(option_said(s.concept.name, _short(lower_first(s.description)))
                    for s in wrong if s.description and s.concept.defined)


def choose_term(m: Material, siblings: list[Sibling]) -> Exercise | None:
    description = described(m)
    if m.description and description is None:
        return None  # said with the name's words only: the concept's other items ask instead
        # (its sentence around a blank holds the same words)
    if description is not None:  # the course's own words, the name's left out
        prompt, quoted = f'Which term matches this description: "{description}"?', m.description
    elif m.sentence and (one := one_mention(m.sentence, m.pattern)) and not cut_short(one) and (
            not definition_sentence_problems(one, blank_term(one, m.pattern)[1])):
        prompt = quoted = f'Which term fills the blank: "{blank_term(one, m.pattern)[0]}"?'
    else:
        return None
    if mentions(quoted or prompt, m.terms) or echoes_its_heading(
            m.concept.name, m.concept.section, m.description or m.sentence or ""):
        return None
    texts = [p.text for p in m.ordered]  # every name as the book writes it ("R.app", "cons")
    key = book_spelling(m.concept.name, m.concept.aliases, texts) or m.concept.name
    fair = [(s, book_spelling(s.concept.name, (), texts) or s.concept.name)
            for s in siblings if not also_fits(s, m) and is_named_term(s.concept)]
    chosen = pick([o for o in fair if shaped_alike(o[1], key)], key,
                   prompt)  # no option the learner strikes out by its shape alone
    if len(chosen) < MIN_DISTRACTORS and len(chosen := pick(fair, key, prompt)) < (
            MIN_DISTRACTORS):
        return None
    others = wrong_option_glosses([s for s, _ in chosen])
    why = f"{m.definition_text} ({m.label})"
    explanation = f"{key_said(key, why)} {others}".strip()
    return _multiple_choice(m, 1, prompt, key, chosen, explanation)


def choose_statement(m: Material, siblings: list[Sibling]) -> Exercise | None:
    if not m.description:
        return None
    answer = as_statement(m.description)
    prompt = f"Which statement describes {m.concept.name}?"
    if mentions(answer, m.terms):
        return None
    options = [
        (s, as_statement(s.description))
        for s in siblings
        if s.description and not mentions(s.description, m.terms) and len(s.description) < 300
        and not also_fits(s, m)
    ]
    chosen = pick(options, answer, prompt)
    if len(chosen) < MIN_DISTRACTORS or len(answer) > 320:
        return None
    if picked_by_name((m.concept.name, answer), [(m.concept.name, t) for _, t in chosen]):
        return None  # "A set with no members in it." the one option with a word of empty set
    others = ", ".join(s.concept.name for s, _ in chosen)
    explanation = (
        f'"{answer}" is how the course defines {m.concept.name} ({m.label}). '
        f"The other statements describe {others}."
    )
    return _multiple_choice(m, 2, prompt, answer, chosen, explanation)
