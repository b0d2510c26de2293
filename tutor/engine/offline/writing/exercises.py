"""Writing exercises offline: cloze, multiple choice, true/false and "explain in your own words".

Everything comes from the course (see :mod:`tutor.engine.offline.writing.exercise_material`): the
concept's defining sentence, the definitions of near sibling concepts (distractors and term
swaps, ranked by embedding similarity) and the passages that teach the concept. The same input
gives the same exercises (ids, wording, option order), and a kind is skipped when the material
does not allow a fair item. Ids are ``<concept_id>-<kind>-<n>`` with a fixed ``n`` per form
(the multiple choice writers are :mod:`~tutor.engine.offline.writing.choice_exercises`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.course import Chunk, Concept, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.code_output.prompt_conventions import PromptConvention
from tutor.engine.offline.contrasts.likeness_exercises import write_likeness
from tutor.engine.offline.contrasts.relation_exercises import broader_by_name
from tutor.engine.offline.contrasts.use_cases import write_use_case
from tutor.engine.offline.definitions.book_definition import (
    described_siblings,
    with_book_definition,
)
from tutor.engine.offline.definitions.definition_kind import defines
from tutor.engine.offline.definitions.descriptions import (
    compiled_pattern,
    glossed_within_a_phrase,
    says_what_it_is,
    stands_alone,
)
from tutor.engine.offline.examples.example_use_exercises import write_example_use
from tutor.engine.offline.terms import content_stems, mentions, plural, term_variants, words
from tutor.engine.offline.writing import refusals
from tutor.engine.offline.writing.checking import (
    BLANK,
    canonical,
    check_exercise,
    same_option,
)
from tutor.engine.offline.writing.choice_exercises import choose_statement, choose_term
from tutor.engine.offline.writing.code_names import described_by_code, names_code
from tutor.engine.offline.writing.definition_points import write_explain
from tutor.engine.offline.writing.exercise_bank import comparable, write_beyond_definition
from tutor.engine.offline.writing.exercise_material import (
    Material,
    Sibling,
    blank_term,
    described,
    gather,
    item_difficulty,
    item_id,
    item_seed,
    one_mention,
    rank_siblings,
)
from tutor.engine.offline.writing.exercise_mix import (
    definition_items_kept,
    with_a_second_angle,
    with_one_recall,
)
from tutor.engine.offline.writing.named_terms import book_spelling
from tutor.engine.offline.writing.refusals import refuse
from tutor.engine.offline.writing.what_it_is import what_it_is_problems
from tutor.text import lower_first

_MARK = "\x00"
_ONE_INSTANCE = re.compile(r"\bof\s+[A-Za-z]$")
"""A concept named after one case in the book's example ("extension of L")."""


def write_exercises(
    concept: Concept, related: Sequence[Concept], passages: Sequence[Chunk],
    conventions: Sequence[PromptConvention] | None = None,
) -> list[Exercise]:
    """The concept's exercises: on its definition, then beyond it (examples, code output,
    contrast); ``related`` supplies distractors, swaps and contrasts; ``conventions``: the
    book's prompt conventions, found once per build (without them, from the passages)."""
    terms = term_variants(concept.name, concept.aliases)
    if not terms or _ONE_INSTANCE.search(concept.name):
        # "extension of L": one case of a concept, named by the example's letter
        return refuse(concept.name, refusals.ONE_CASE)
    material = gather(concept, terms, passages)
    if not says_what_it_is(material) or not concept.defined:  # the map's sentence does
        material = with_book_definition(material)  # not define: look further
    if not material.citations or not (material.sentence or material.description):
        return refuse(concept.name, refusals.NO_MATERIAL)
    if names_code(material) or described_by_code(material):
        return refuse(concept.name, refusals.CODE_NAME)
    siblings = described_siblings(rank_siblings(concept, related, terms), passages)
    # only a concept the course really defines gets an item keyed to its definition; more
    # items on the one sentence prove recognition, not understanding: keep the production item
    if not material.found_elsewhere and not stands_alone(material.description):
        material.description = None  # "... tracking them down": ask on the sentence instead
    if material.description and what_it_is_problems(material.description, terms):
        material.description = None  # "The FSF publishes ...", "a valid value": not what it
        # is; the items on the description would be refused, the sentence may still ask
    written = _on_definition(material, siblings) if defined(material) and not (
        _within_longer_name(material, siblings)) else []
    beyond = write_beyond_definition(material, siblings, passages,
                                     broader_by_name(concept, related), conventions)
    if not any(e.origin is ExerciseOrigin.CONTRAST for e in beyond):
        beyond += write_likeness(material, related)  # "X is like Y, except that ..."
    if written and not any(e.tests_use for e in beyond):
        # only its definition to ask: the book's case of it, told from a near concept
        case = write_use_case(comparable(material), siblings, passages, related)
        if case is not None and check_exercise(case, concept, passages).ok:
            beyond.append(case)  # one the checker refuses would only reorder its recall
    every_definition_item = written
    written = definition_items_kept(written, beyond, concept, passages)
    if not written and not beyond:
        # used but never defined: the idea at work; no item keyed to whatever sentence the
        # book says of it ("The normal distribution is characterized by two parameters" for
        # "What does the course say about normal distribution?"): one arbitrary fact is no
        # key, and no item is better than a bad one
        beyond = write_example_use(material, siblings, passages, undefined=True)[:1]
        if not beyond:
            refuse(concept.name, refusals.NOT_DEFINED if not defined(material)
                   else refusals.INSIDE_LONGER_NAME if _within_longer_name(material, siblings)
                   else refusals.NOTHING_KEPT)
    kept = with_one_recall(written + beyond)
    return with_a_second_angle(kept, every_definition_item, concept, passages)


def defined(m: Material) -> bool:
    """Whether the material holds a definition to key items to: the course's sentence says
    what the concept is, and it is not a description (:attr:`Concept.definition_kind`) unless
    the passages hold a glossary entry or another sentence the same judge takes for a
    definition.
    No "which term is defined as", cloze or "explain in your own words" item is keyed to a
    sentence about the concept."""
    if not says_what_it_is(m):
        return False
    if m.concept.defined:
        return True
    if not m.found_elsewhere:
        return False
    if m.sentence is None:
        return True  # a glossary entry
    said = " ".join(m.concept.definition.split())
    return " ".join(m.sentence.split()) not in said and defines(m.sentence, m.terms)


def _within_longer_name(m: Material, siblings: Sequence[Sibling]) -> bool:
    """Whether the defining sentence names the concept only inside a near concept's longer
    name ("define a null hypothesis, which is ..." for hypothesis): it defines the other."""
    if not m.sentence:
        return False
    if glossed_within_a_phrase(m.sentence, m.terms):
        return True  # found elsewhere too: "... as a categorical variable, which means ..."
    if m.found_elsewhere:
        return False
    own = set(words(m.concept.name))
    longer = [n for s in siblings if own < set(words(s.concept.name))
              for n in term_variants(s.concept.name, s.concept.aliases)]
    if not longer:
        return False
    rest = compiled_pattern(r"\b(?:" + "|".join(re.escape(n) for n in longer) + r")\b",
                            re.I).sub(" ", m.sentence)
    return m.pattern.search(m.sentence) is not None and m.pattern.search(rest) is None


def write_definition_exercises(
    concept: Concept, related: Sequence[Concept], passages: Sequence[Chunk]
) -> list[Exercise]:
    """Up to five exercises on the concept's definition alone."""
    terms = term_variants(concept.name, concept.aliases)
    if not terms:
        return []
    material = gather(concept, terms, passages)
    if not material.citations or not (material.sentence or material.description):
        return []
    return _on_definition(material, rank_siblings(concept, related, terms))


def _on_definition(material: Material, siblings: list[Sibling]) -> list[Exercise]:
    writers = (_cloze, choose_term, choose_statement, _true_or_false, write_explain)
    return [ex for writer in writers if (ex := writer(material, siblings)) is not None]


# -- the writers -------------------------------------------------------------------------------
def _answer_form(surface: str, name: str) -> str:
    if surface.isupper() or any(ch.isupper() for ch in name):
        return surface
    return surface.lower()


def _cloze(m: Material, siblings: list[Sibling]) -> Exercise | None:
    concept = m.concept
    if m.sentence and (one := one_mention(m.sentence, m.pattern)):
        blanked, surface = blank_term(one, m.pattern)
        spelled = book_spelling(concept.name, concept.aliases, [p.text for p in m.ordered])
        prompt, answer = f"Fill in the blank: {blanked}", _answer_form(surface, spelled or (
            concept.name))
    else:
        description = described(m)
        if description is None or mentions(m.description or "", m.terms):
            return None
        prompt = f'Fill in the blank: the term for "{lower_first(description)}" is {BLANK}.'
        answer = book_spelling(concept.name, concept.aliases,
                               [p.text for p in m.ordered]) or concept.name
    bare = prompt.replace(BLANK, " ")
    if len(content_stems(bare, {"fill", "blank"})) < 3 or mentions(bare, m.terms):
        return None
    accepted = list({t.lower(): t for t in m.terms if t.lower() != answer.lower()}.values())
    return Exercise(
        id=item_id(concept, ExerciseKind.CLOZE, 1),
        concept_id=concept.id,
        kind=ExerciseKind.CLOZE,
        prompt=prompt,
        answer=answer,
        accepted=accepted,
        explanation=f'The missing term is "{concept.name}": {m.definition_text} ({m.label})',
        citations=m.citations,
        difficulty=item_difficulty(0.4 + 0.1 * (len(answer.split()) > 1) + 0.1 * (len(prompt) > 160)),
    )


def _swap(sentence: str, m: Material, name: str) -> str:
    """The sentence with every mention of the concept replaced by ``name``, articles fixed."""
    plurals = {canonical(t) for t in m.terms}

    def replace(match: re.Match[str]) -> str:
        surface = match.group(0)
        is_plural = words(surface) != surface.lower().replace("-", " ").split()
        swapped = plural(name) if is_plural and canonical(surface) in plurals else name
        if surface[:1].isupper() and match.start() == 0:
            swapped = swapped[:1].upper() + swapped[1:]
        return _MARK + swapped + _MARK

    text = m.pattern.sub(replace, sentence)
    text = re.sub(
        r"\b([Aa])n?(\s+)" + _MARK + r"(\w)",
        lambda g: (g[1] + ("n" if g[3].lower() in "aeiou" else "")) + g[2] + _MARK + g[3],
        text,
    )
    return text.replace(_MARK, "")


def _true_or_false(m: Material, siblings: list[Sibling]) -> Exercise | None:
    concept = m.concept
    if m.sentence and m.definition_text == m.sentence:
        statement = m.sentence
    elif m.description:
        statement = f'"{concept.name}" means {lower_first(m.description)}.'
    else:
        return None
    exercise_id = item_id(concept, ExerciseKind.TRUE_FALSE, 1)
    swap_with: Sibling | None = None
    if item_seed(exercise_id) % 2:
        for sibling in siblings:
            named = mentions(statement, term_variants(sibling.concept.name), fuzzy=False)
            own = sibling.description
            if named or (own and m.description and same_option(own, m.description)):
                continue
            if not mentions(_swap(statement, m, sibling.concept.name), m.terms):
                swap_with = sibling
                break
    if swap_with is None:
        prompt, answer = f"True or false: {statement}", "True"
        misconceptions = {"False": f"does not recognise the definition of {concept.name}"}
        explanation = f"True: this is how the course defines {concept.name} ({m.label})."
        difficulty = 0.3
    else:
        other = swap_with.concept.name
        prompt, answer = f"True or false: {_swap(statement, m, other)}", "False"
        misconceptions = {"True": f"confuses {concept.name} with {other}"}
        explanation = (
            f"False: the course says this of {concept.name}, not of {other} ({m.label}): "
            f"{m.definition_text}"
        )
        difficulty = 0.35 + 0.4 * swap_with.similarity
    return Exercise(
        id=exercise_id,
        concept_id=concept.id,
        kind=ExerciseKind.TRUE_FALSE,
        prompt=prompt,
        answer=answer,
        choices=["True", "False"],
        misconceptions=misconceptions,
        explanation=explanation,
        citations=m.citations,
        difficulty=item_difficulty(difficulty),
    )
