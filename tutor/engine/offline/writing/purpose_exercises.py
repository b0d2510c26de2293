"""Items on what a described concept is for (origin ``purpose``; issue 12).

A concept the course only describes (:attr:`tutor.course.Concept.definition_kind`) gets no item
keyed to a definition. When its sentence says what it does or is used for
(:mod:`~tutor.engine.offline.writing.purposes`), two questions are fair on it:

- "What is gri_merge used for?", the right option the course's purpose, the others the
  purposes its sibling concepts are given (recall of what the concept does);
- "You want to merge separate PostScript files, created by Gri, into one page. Which of these
  do you use?", the concept among its siblings (a need to meet: the learner applies the
  description, the shape raters counted as understanding).

The siblings are the concept's near concepts that have a purpose of their own, those in the
concept's own section or of its kind (the same first or last word of the name: other ``set``
commands, other ``... function`` entries) first, options of similar length, at least
:data:`DISTRACTORS` of them. A sibling is not offered when the pages support it too
(:func:`supported_elsewhere`: a sentence naming the concept says the sibling's purpose, or a
sentence naming the sibling says the concept's), when its purpose answers alike
(:func:`~.checking.answers_alike`), nor when the words of the names pick the key out
(:func:`picked_by_name`: "Control x margin ..." for *set x margin*). The checker asks the same
of every item (:func:`purpose_problems`).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from tutor.answers import mix_up_note
from tutor.course import (
    PURPOSE_NEED_MARK,
    Chunk,
    Citation,
    Concept,
    Exercise,
    ExerciseKind,
    ExerciseOrigin,
)
from tutor.engine.offline.definitions.descriptions import term_pattern
from tutor.engine.offline.terms import content_stems, mentions, support, term_variants
from tutor.engine.offline.writing.checking import answers_alike, same_option
from tutor.engine.offline.writing.entry_purposes import as_task, entry_purposes
from tutor.engine.offline.writing.exercise_material import (
    SHORT_SEED,
    Material,
    Sibling,
    item_seed,
    prose_sentences,
    source_of,
)
from tutor.engine.offline.writing.giveaways import spells_the_name
from tutor.engine.offline.writing.purpose_answers import (
    is_what_for,
    what_for_problems,
    write_what_for,
)
from tutor.engine.offline.writing.purpose_readings import purpose_read, subject_terms
from tutor.engine.offline.writing.purposes import (
    Purpose,
    action_problem,
    name_words,
    purpose_of,
)

DISTRACTORS = 3
"""Wrong options an item needs: fewer, and the right one is found by elimination."""
SUPPORTED = 0.75
"""Share of a purpose's content words a sentence naming another concept must hold for the
page to support that concept's having it too."""
UNSTATED_SUPPORT = 0.5
"""Share of the need's content words a sibling's own sentence may hold when the course states
no purpose of it: from that share on, it may serve the need too."""
LENGTH_RATIO = 2.5
"""How many times longer (in words) one option may be than another."""
FOR_PROMPT = "What is {name} used for?"
NEED_PROMPT = "You want to {action}. Which of these do you use?"
NEED = PURPOSE_NEED_MARK
"""The id mark of the item that asks from a need to the concept (an item that uses the idea,
:attr:`tutor.course.Exercise.tests_use`)."""
_NEED = re.compile(r"^You want to (?P<action>.+)\. Which of these do you use\?$", re.S)


def write_purposes(m: Material, siblings: Sequence[Sibling],
                   passages: Sequence[Chunk]) -> list[Exercise]:
    """The two purpose items on a concept the course describes, those the material allows."""
    concept = m.concept
    entry, page_siblings, kind = entry_purposes(m, passages)  # a reference entry's, and its
    # section's other entries
    if concept.defined:  # a defined concept has its definition items; the task its entry
        wrong = _fitting(page_siblings, entry, m.terms, passages, by_action=False,
                         entries=page_siblings) if entry else []  # does is still a case to act on
        return [_need_item(m, entry, wrong[:DISTRACTORS], passages)] if entry and len(
            wrong) >= DISTRACTORS and not _spelled(m, entry, wrong, need=True) else []
    own = entry or _own_purpose(m)
    if own is None:
        return []
    others = page_siblings + _sibling_purposes(m, siblings)
    out: list[Exercise] = []
    wrong = _fitting([o for o in others if o.action], own, m.terms, passages, by_action=True,
                     entries=page_siblings)
    if len(wrong) >= DISTRACTORS and not _spelled(m, own, wrong, need=False):
        out.append(_for_item(m, own, wrong[:DISTRACTORS], passages))
    wrong = _fitting(others, own, m.terms, passages, by_action=False, entries=page_siblings)
    if len(wrong) >= DISTRACTORS and not _spelled(m, own, wrong, need=True):
        out.append(_need_item(m, own, wrong[:DISTRACTORS], passages))
    if not out:  # no fair options: the learner says what it is for
        said = write_what_for(m, own, others, passages, kind if own is entry else "")
        if said is None and (further := _read_further(concept, m.ordered)) not in (None, own):
            said = write_what_for(m, further, others, passages)  # "The list can contain ...":
        out += [said] if said is not None else []  # what it holds; a later sentence its use
    return out


def _spelled(m: Material, own: Purpose, wrong: Sequence[Purpose], need: bool) -> bool:
    """Whether the item would spell a part of the key's name that the wrong options do not
    (:func:`~.giveaways.spells_the_name`): the need a part of the concept's name beside the
    wrong options' names, or the key's purpose a part of the asked name beside the wrong
    purposes."""
    name, rivals = m.concept.name, wrong[:DISTRACTORS]
    if need:
        task = as_task(own.action)
        return spells_the_name((name, task), [(o.name, task) for o in rivals])
    return spells_the_name((name, own.action), [(name, o.action) for o in rivals])


def _own_purpose(m: Material) -> Purpose | None:
    """The concept's purpose: its own sentence, else a sentence of its passages (those on its
    defining page first) that has it as subject."""
    concept = m.concept
    return purpose_of(concept.name, m.terms, concept.definition, _naming(m.terms, m.ordered)) or (
        _read_further(concept, m.ordered))


def _read_further(concept: Concept, passages: Sequence[Chunk]) -> Purpose | None:
    """The purpose in the further shapes of :mod:`.purpose_readings`: the concept's own
    sentence, then the sentences of its passages naming it (or the thing its topic names)."""
    terms = subject_terms(concept.name, concept.aliases)
    return purpose_read(concept.name, concept.aliases,
                        [concept.definition, *_naming(terms, passages)])


def _naming(terms: Sequence[str], passages: Sequence[Chunk]) -> list[str]:
    """The prose sentences of the passages that name the concept, in the passages' order."""
    pattern = term_pattern(terms)
    return [s for chunk in passages if pattern.search(chunk.text)
            for s in prose_sentences(chunk.text) if pattern.search(s)]


def _sibling_purposes(m: Material, siblings: Sequence[Sibling]) -> list[Purpose]:
    """The near concepts' purposes (their own sentence, else one of the passages that has
    them as subject), those of the concept's section or kind first, then by similarity; a
    sibling of its section or kind with no purpose the course states comes with an empty
    action and its own sentence (a wrong option for the need only, when nothing it says
    serves the need)."""
    ranked = sorted(siblings, key=lambda s: (not _same_kind(m.concept, s.concept),
                                             -s.similarity))
    found: list[Purpose] = []
    for sibling in ranked:
        other = sibling.concept
        terms = term_variants(other.name, other.aliases)
        purpose = purpose_of(other.name, terms, other.definition, _naming(terms, m.ordered)) or (
            _read_further(other, m.ordered))
        if purpose is not None:
            found.append(purpose)
        elif _same_kind(m.concept, other) and other.definition:
            found.append(Purpose(other.name, "", " ".join(other.definition.split())))
    return found


def _same_kind(concept: Concept, other: Concept) -> bool:
    """Whether two concepts are siblings in the manual: one section, or names of one kind
    (the same first or last word: "set x margin" and "set line width")."""
    if concept.section and concept.section == other.section:
        return True
    ours, theirs = concept.name.lower().split(), other.name.lower().split()
    return len(ours) > 1 and len(theirs) > 1 and (ours[0] == theirs[0] or ours[-1] == theirs[-1])


def _fitting(others: Sequence[Purpose], own: Purpose, terms: Sequence[str],
             passages: Sequence[Chunk], by_action: bool,
             entries: Sequence[Purpose] = ()) -> list[Purpose]:
    """The siblings fit as wrong options: a purpose of its own (not alike the key's, not
    supported for the concept by the pages, nor the key's for it), of a length near the
    key's, not named in the key's purpose, and not told apart from the key by the words of
    the names alone. ``entries``: those of ``others`` that are reference entries of their own
    (:mod:`.entry_purposes`), whose names are no kind of one another ("make-mutex" beside
    "with-mutex")."""
    length = len(own.action.split())
    fit: list[Purpose] = []
    for other in others:
        if any(other.name.lower() == o.name.lower() for o in [own, *fit]):
            continue
        if nested_by_name(own.name, other.name) and other not in entries:
            continue  # "set trace" is a "set command": both may meet the need
        if not other.action:  # a sibling whose purpose the course does not state
            if support(own.action, other.sentence) < UNSTATED_SUPPORT and not mentions(
                    own.action, term_variants(other.name), fuzzy=False) and not (
                    supported_elsewhere(own, other, terms, passages)):
                fit.append(other)
            continue
        words = len(other.action.split())
        if max(words, length) > LENGTH_RATIO * min(words, length):
            continue
        if any(o.action and (same_option(other.action, o.action)
                             or answers_alike(other.action, o.action)) for o in [own, *fit]):
            continue
        if mentions(own.action, term_variants(other.name), fuzzy=False) or mentions(
                other.action, terms, fuzzy=False):
            continue  # the prompt would name a wrong option; an option said in its terms
        if supported_elsewhere(own, other, terms, passages):
            continue
        fit.append(other)
    key = (own.name, own.action)
    if by_action:  # "What is X used for?": X's words in the options
        pairs = [(o, (own.name, o.action)) for o in fit]
    else:  # "You want to ...": the options' words in the need
        pairs = [(o, (o.name, own.action)) for o in fit]
    fair = [(o, pair) for o, pair in pairs if not misleads_by_name(key, pair)]
    # one whose name words tie the key's keeps the names from picking it out
    fair.sort(key=lambda found: not _shown(*key) <= _shown(*found[1]))
    chosen = fair[:DISTRACTORS]
    if picked_by_name(key, [pair for _, pair in chosen]):
        return []
    return [o for o, _ in chosen]


def nested_by_name(first: str, second: str) -> bool:
    """Whether one name's words are all in the other's, the kind word left out ("set command"
    and "set trace", "draw command" and "draw line", "draw grid" and "draw x grid"): one may
    be a kind of the other, and both may do what the key does."""
    a, b = name_words(first), name_words(second)
    return bool(a) and bool(b) and a != b and (a < b or b < a)


def supported_elsewhere(own: Purpose, other: Purpose, terms: Sequence[str],
                        passages: Sequence[Chunk]) -> bool:
    """Whether the pages say the other concept's purpose of this one (a sentence naming
    this concept holds most of its words) or this one's of the other: the two options would
    not exclude each other."""
    other_terms = term_variants(other.name)
    ours, theirs = term_pattern(terms), term_pattern(other_terms)
    for chunk in passages:
        for sentence in prose_sentences(chunk.text):
            named_ours, named_theirs = ours.search(sentence), theirs.search(sentence)
            if (named_ours and not named_theirs and other.action
                    and support(other.action, sentence) >= SUPPORTED):
                return True
            if (named_theirs and not named_ours and own.action
                    and support(own.action, sentence) >= SUPPORTED):
                return True
    return False


def said_words(text: str) -> set[str]:
    """The words a text gives a learner to match against names: its content stems and its
    one-letter words ("x" of "x axis")."""
    return content_stems(text) | {w for w in re.split(r"\W+", text.lower()) if len(w) == 1}


def picked_by_name(key: tuple[str, str], others: Sequence[tuple[str, str]]) -> bool:
    """Whether the words of the names pick the key out of the (name, purpose) pairs the item
    sets side by side: the key's purpose holds words of its name, and no other pairing holds
    them all ("color" of *set color* in "set the color of the pen" beside *set line width*;
    "draw" and "grid" of *draw grid* in "draw plus-signs where grid data ..." beside *draw
    symbol* and *read grid*)."""
    shown = _shown(*key)
    return bool(shown) and not any(shown <= _shown(*other) for other in others)


def misleads_by_name(key: tuple[str, str], other: tuple[str, str]) -> bool:
    """Whether a wrong pairing holds a word of a name the key's does not ("flags" of *set
    flag* in "set various flags and parameters ..." for *set command*): the wrong option
    would look right, and may be."""
    return bool(_shown(*other) - _shown(*key))


def _shown(name: str, action: str) -> set[str]:
    return name_words(name) & said_words(action)


def _citations(m: Material, own: Purpose, others: Sequence[Purpose],
               passages: Sequence[Chunk]) -> list[Citation]:
    """The purpose's page first, then the concept's; the wrong options' pages after."""
    found = source_of(own.sentence, m.ordered)
    cites = ([found.citation()] if found else []) + list(m.citations)
    for other in others:
        chunk = source_of(other.sentence, passages)
        if chunk is not None:
            cites.append(chunk.citation())
    return list({(c.source, c.page): c for c in cites}.values())


def _shuffled(exercise_id: str, options: list[str]) -> list[str]:
    random.Random(item_seed(exercise_id, SHORT_SEED)).shuffle(options)
    return options


def _to(action: str) -> str:
    return f"To {action}"


def _for_item(m: Material, own: Purpose, wrong: Sequence[Purpose],
              passages: Sequence[Chunk]) -> Exercise:
    exercise_id = f"{m.concept.id}-{ExerciseKind.MULTIPLE_CHOICE.value}-purpose-for-1"
    return Exercise(
        id=exercise_id,
        concept_id=m.concept.id,
        kind=ExerciseKind.MULTIPLE_CHOICE,
        prompt=FOR_PROMPT.format(name=m.concept.name),
        answer=_to(own.action),
        choices=_shuffled(exercise_id, [_to(own.action), *(_to(o.action) for o in wrong)]),
        misconceptions={_to(o.action): f"confuses {m.concept.name} with {o.name}{_GIVEN_TO}"
                                       f"{o.action}" for o in wrong},
        explanation=(f'The course ({m.label}): "{own.sentence}" '
                     + " ".join(f"{o.name} is used to {o.action}." for o in wrong)).strip(),
        citations=_citations(m, own, [], passages),
        difficulty=0.35,
        origin=ExerciseOrigin.PURPOSE,
    )


def _need_item(m: Material, own: Purpose, wrong: Sequence[Purpose],
               passages: Sequence[Chunk]) -> Exercise:
    exercise_id = f"{m.concept.id}-{ExerciseKind.MULTIPLE_CHOICE.value}{NEED}1"
    return Exercise(
        id=exercise_id,
        concept_id=m.concept.id,
        kind=ExerciseKind.MULTIPLE_CHOICE,
        prompt=NEED_PROMPT.format(action=as_task(own.action)),
        answer=m.concept.name,
        choices=_shuffled(exercise_id, [m.concept.name, *(o.name for o in wrong)]),
        misconceptions={o.name: f"confuses {m.concept.name} with {o.name}" + (
            f"{_GIVEN_TO}{o.action}" if o.action else "") for o in wrong},
        explanation=(f'The course ({m.label}): "{own.sentence}" '
                     + " ".join(f"{o.name} is used to {o.action}." for o in wrong
                                if o.action)).strip(),
        citations=_citations(m, own, [], passages),
        difficulty=0.5,
        origin=ExerciseOrigin.PURPOSE,
    )


def purpose_problems(exercise: Exercise, concept: Concept,
                     passages: Sequence[Chunk]) -> list[str]:
    """The checker's reasons against a purpose item: fewer than :data:`DISTRACTORS` wrong
    options, a purpose that does not read alone or only restates the name, options the
    pages do not keep apart, or names that give the key away."""
    if exercise.origin is not ExerciseOrigin.PURPOSE:
        return []
    if is_what_for(exercise):
        return what_for_problems(exercise, concept)
    terms = term_variants(concept.name, concept.aliases)
    choices = exercise.choices or []
    wrong = [c for c in choices if c != exercise.answer]
    problems: list[str] = []
    if len(wrong) < DISTRACTORS:
        problems.append(f"fewer than {DISTRACTORS} wrong options")
    need = _NEED.match(exercise.prompt)
    action = need.group("action") if need else re.sub(r"^To\s+", "", exercise.answer)
    problem = action_problem(action, terms, concept.name)
    if problem:
        problems.append(problem)
    own = Purpose(concept.name, action, "")
    if need:
        rivals = [Purpose(name, _mixed_up(exercise, name)[1], "") for name in wrong]
        pairs = [(name, action) for name in wrong]
    else:
        rivals = [Purpose(_mixed_up(exercise, c)[0], re.sub(r"^To\s+", "", c), "") for c in wrong]
        pairs = [(concept.name, r.action) for r in rivals]
    if picked_by_name((concept.name, action), pairs) or not need and spells_the_name(
            (concept.name, action), pairs):
        problems.append("answer given away by the words of its name")
    problems += [f"two correct options: the words of '{pair[0] if need else pair[1]}' fit "
                 "the question too" for pair in pairs
                 if misleads_by_name((concept.name, action), pair)]
    for rival in rivals:
        if rival.name and supported_elsewhere(own, rival, terms, passages):
            problems.append(f"two correct options: the pages support '{rival.name}' too")
    return problems


_GIVEN_TO = ", which the course gives to "
"""What a wrong option's note adds: "confuses X with Y, which the course gives to <purpose>"."""


def _mixed_up(exercise: Exercise, option: str) -> tuple[str, str]:
    """The concept and the purpose the item's misconception note gives a wrong option (read by
    :func:`tutor.answers.mix_up_note`), ``("", "")`` when the note gives no purpose."""
    read = mix_up_note(exercise.misconceptions.get(option, ""))
    if read is None or not read[2].startswith(_GIVEN_TO):
        return "", ""
    return read[1], read[2][len(_GIVEN_TO):]
