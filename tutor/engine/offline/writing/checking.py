"""The offline exercise checker: an exercise reaches a learner only if it is fair.

Fair means: a sane prompt and answer; for choices, exactly one correct option and no two
options that say the same thing; an answer the prompt does not give away; an answer the cited
pages support; and, for true/false, a statement that is not trivially self-contradictory.
Every rejection reason is a readable sentence, counted in the build report.

The term helpers it shares with the writers (``term_variants``, ``mentions``,
``content_stems``) live in :mod:`tutor.engine.offline.terms`, so writer and checker agree on
what counts as a leak.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz

from tutor.course import Chunk, Concept, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.concepts.reference_entries import DOERS, verb_form
from tutor.engine.offline.terms import content_stems, mentions, support, term_variants, words
from tutor.engine.port import ExerciseCheck
from tutor.negation import has_negation, prefix_negates
from tutor.text import STOPWORDS, stem

BLANK = "_____"
SUPPORT_THRESHOLD = 0.6
"""Share of the answer's content words that the cited passages must contain."""
KEY_POINT_SUPPORT = 0.5
"""Share of a key point's content words the cited passages must contain."""
NEAR_DUPLICATE = 90.0
"""rapidfuzz ratio (0..100) from which two normalised options count as the same option."""
PROMPT_CHARS = (10, 700)
ANSWER_CHARS = {
    ExerciseKind.CLOZE: 80,
    ExerciseKind.MULTIPLE_CHOICE: 320,
    ExerciseKind.TRUE_FALSE: 5,
    ExerciseKind.SHORT_ANSWER: 1500,
}
TRUE_FALSE = ["True", "False"]

_FRAME_WORDS = frozenset(
    "which term matches match description statement describes describe true false fill blank "
    "explain own word words means mean refers complete correct course give example python "
    "show shows last line session differ sets apart say idea ideas build builds term terms "
    "another explains".split()
)
BLANKS = re.compile(r"_{3,}")
FILL_IN = re.compile(r"^\s*fill\s+in\s+the\s+blank\s*:\s*", re.I)
"""The lead-in of a cloze's prompt, before the sentence with its blank."""
NARRATIVE = re.compile(
    r"^\W*(?:this|that|these|those|here|we(?!\s+(?:define|say)\b)|let's|let\s+us|in\s+this\s+(?:chapter|section|book)|"
    r"as\s+we|so\s+far|now|next|finally|for\s+example|similarly|however|also|instead|and|but|"
    r"either|both|such|thus|hence|otherwise|the\s+(?:former|latter))\b", re.I)
"""Openers of a sentence that cannot stand alone ("This is called X.", "We saw that ...")."""
_REPEATED = re.compile(r"(\w[\w.\-]{7,}).*\1")
_SAID_TWICE = re.compile(r"\b(\w+)\s+\1\b", re.I)


def run_together(name: str) -> bool:
    """Whether a concept's name is names of the page run together, no space between
    ("dbfo_list-widthdbfo_list-widthNamedbfo_list-width", "e.propertiesfooter.table.height
    header.content..."): one word longer than forty characters, one that says a part of
    itself twice, or one word said twice in a row ("edf edf": an entry's name and its
    heading read as one). No item can ask for it, nor tell it apart."""
    return _SAID_TWICE.search(name) is not None or any(
        len(word) > 40 or _REPEATED.search(word) for word in name.split())


_CUT_GOAL = re.compile(r"[,;:]\s*[.?](?:\s|$)")
"""A goal cut where the page went on ("You want to always use another fetching program,.")."""
_QUESTION = re.compile(r"^\W*(?:what|which|why|how|when|where|who|does|do|is|are|can)\b.*\?",
                       re.I | re.S)


# -- options ---------------------------------------------------------------------------------
def canonical(text: str) -> str:
    """One spelling for options that differ only in case, punctuation, plural or a leading
    article."""
    tokens = words(text)
    if len(tokens) > 1 and tokens[0] in ("a", "an", "the"):
        tokens = tokens[1:]
    return " ".join(tokens)


def negates(first: str, second: str) -> bool:
    """Whether one name is the other with a negating prefix ("valid", "invalid";
    "consistent", "inconsistent"): two concepts, however alike they are spelled."""
    return prefix_negates(canonical(first), canonical(second))


def same_option(first: str, second: str) -> bool:
    """True when two options say the same thing: equal after normalisation; for names (up to
    four words) within :data:`NEAR_DUPLICATE`; for statements the same content words or
    nearly the same characters (``first`` against ``last`` is a real difference); never two
    of which one denies what the other says."""
    a, b = canonical(first), canonical(second)
    if a == b:
        return True
    if has_negation(first) != has_negation(second):
        return False  # "the plot is not a straight line" beside "the plot is a straight line"
    if max(len(a.split()), len(b.split())) <= 4:
        return fuzz.ratio(a, b) >= NEAR_DUPLICATE
    return content_stems(first) == content_stems(second) or fuzz.ratio(a, b) >= 97


_HEADING = re.compile(
    r"^(?:\S+\s+)+(?:with|within|from|under|on|for|to|into|about|via|without)\s+\S"
    r"|^\w+ing\s+(?:a|an|the|your|up|from|with)\b", re.I)
"""A section's title made a concept's name ("using the OS from within gri", "locales under
window", "setting up a package repository"): a task or a topic, not a term."""


def heading_shaped(name: str) -> bool:
    """Whether a concept's name reads as a section's title rather than a term
    (:data:`_HEADING`): beside the terms of a "which term" item it is no plausible answer, and
    the learner strikes it out unread."""
    return _HEADING.search(name.strip()) is not None


KIND_WORDS = DOERS | {"variable", "type", "constant", "option"}
"""Words that name what kind of thing an entry is ("The X function sets ..."): two things of
different kinds may still do the same."""


def answers_alike(first: str, second: str) -> bool:
    """Whether two descriptions would each answer a question asked by the other: the same
    words (:func:`canonical`), or the same verb opening both and everything one says also
    said by the other ("sets the nonce" within "sets the nonce to be used for the next
    message"; "creates a signature from the given hash context or digest", one of its
    alternatives enough, within "creates a signature from the given hash digest, using the
    private key x"). Two that differ in a word of their own ("... using ChaCha", "... using
    Salsa20"; "ctx and iv", "ctx and ctr") each tell their thing apart, however alike they are
    spelled; so do two that open on a noun ("a list that ...", "a test that asks about an
    effect of either sign") rather than on what the thing does."""
    a, b = canonical(first), canonical(second)
    if not a or not b:
        return False
    if a == b:
        return True
    (verb, ours, our_pairs), (other_verb, theirs, their_pairs) = _said(first), _said(second)
    if not verb or verb != other_verb:
        return False
    return _within(ours, our_pairs, theirs) or _within(theirs, their_pairs, ours)


def _within(said: set[str], alternatives: list[set[str]], other: set[str]) -> bool:
    """Whether another description (its stems) says all that one says: every word, and one
    of each pair of alternatives ("context or digest"); two words at least."""
    single = said.difference(*alternatives)
    return (len(single) + len(alternatives) >= 2 and single <= other
            and all(pair & other for pair in alternatives))


def _said(text: str) -> tuple[str, set[str], list[set[str]]]:
    """The verb a description opens on, after a subject that is only the kind of entry ("The
    function sets ..."; "" when it opens on a noun: "a test that asks ..."); the stems of its
    words after that subject that say something, short ones kept ("iv", the name of a field;
    "C" of "a C compiler"); and the pairs of them either side of an "or"."""
    tokens = words(text)
    if tokens and tokens[0] in ("a", "an", "the") and len(tokens) > 1 and (
            tokens[1] in KIND_WORDS):
        tokens = tokens[1:]
    while tokens and tokens[0] in KIND_WORDS:
        tokens = tokens[1:]
    opening = verb_form(tokens[0]) if tokens and tokens[0] not in ("a", "an", "the") else ""
    kept = [w for w in tokens if w not in STOPWORDS]
    pairs = [{stem(tokens[i - 1]), stem(tokens[i + 1])} for i in range(1, len(tokens) - 1)
             if tokens[i] == "or" and tokens[i - 1] in kept and tokens[i + 1] in kept]
    return opening, {stem(w) for w in kept}, pairs


def statement_of(exercise: Exercise) -> str:
    """The statement of a true/false exercise: its prompt without the question frame."""
    return re.sub(r"^\s*true\s+or\s+false\s*[:?.-]\s*", "", exercise.prompt, flags=re.I).strip()


# -- the checker --------------------------------------------------------------------------------
def check_exercise(exercise: Exercise, concept: Concept, passages: Sequence[Chunk]) -> ExerciseCheck:
    """The verdict on one exercise, with every reason it is not fit for a learner."""
    terms = term_variants(concept.name, concept.aliases)
    problems = _shape_problems(exercise, concept)
    if exercise.prompt.strip() and exercise.answer.strip():
        if exercise.kind in (ExerciseKind.MULTIPLE_CHOICE, ExerciseKind.TRUE_FALSE):
            problems += _choice_problems(exercise, terms)
        from tutor.engine.offline.writing.giveaways import leak_problems
        from tutor.engine.offline.writing.named_terms import named_term_problems
        from tutor.engine.offline.writing.standing_alone import quoted_sentence, standing_problems
        from tutor.engine.offline.writing.unseen_context import context_problems

        problems += named_term_problems(exercise, concept, terms,
                                        quoted_sentence(exercise, exercise.answer.strip()))
        problems += leak_problems(exercise, terms, concept.name)
        problems += standing_problems(exercise, concept.name, terms)
        problems += context_problems(exercise)
        if exercise.kind is ExerciseKind.TRUE_FALSE:
            problems += _statement_problems(exercise, concept, terms, passages)
        if exercise.citations:
            problems += _support_problems(exercise, concept, terms, passages)
        if exercise.origin is ExerciseOrigin.PURPOSE:
            from tutor.engine.offline.writing.purpose_exercises import purpose_problems

            problems += purpose_problems(exercise, concept, passages)
    unique = list(dict.fromkeys(problems))
    return ExerciseCheck(exercise_id=exercise.id, ok=not unique, problems=unique)


def _shape_problems(exercise: Exercise, concept: Concept) -> list[str]:
    problems: list[str] = []
    prompt, answer = exercise.prompt.strip(), exercise.answer.strip()
    if exercise.concept_id != concept.id:
        problems.append(f"exercise is for concept '{exercise.concept_id}', not '{concept.id}'")
    if not prompt:
        problems.append("empty prompt")
    elif len(prompt) < PROMPT_CHARS[0]:
        problems.append(f"prompt too short ({len(prompt)} characters)")
    elif len(prompt) > PROMPT_CHARS[1]:
        problems.append(f"prompt too long ({len(prompt)} characters)")
    if not answer:
        problems.append("empty answer")
    elif len(answer) > ANSWER_CHARS[exercise.kind]:
        problems.append(f"answer too long ({len(answer)} characters)")
    if not exercise.citations:
        problems.append("no citations")
    if exercise.kind is ExerciseKind.CLOZE and not BLANKS.search(prompt):
        problems.append("cloze prompt has no blank")
    elif len(BLANKS.findall(prompt)) > 1:  # a cloze, or a quote asking which idea fills it
        problems.append(f"{exercise.kind.value.replace('_', ' ')} prompt has more than one "
                        "blank")
    if exercise.kind in (ExerciseKind.CLOZE, ExerciseKind.TRUE_FALSE):
        body = BLANKS.sub("X", statement_of(exercise) if exercise.kind is ExerciseKind.TRUE_FALSE
                           else FILL_IN.sub("", prompt))
        if NARRATIVE.match(body):
            problems.append("the sentence leans on the text around it (a narrative opener)")
        if len(answer.split()) > 6:
            problems.append("cloze answer longer than six words")
    if run_together(concept.name):
        problems.append("the concept's name is several names of the page run together")
    if exercise.origin is ExerciseOrigin.PROCEDURE and _CUT_GOAL.search(prompt):
        problems.append("the task the prompt states is cut short")  # "... fetching program,."
    if exercise.kind is ExerciseKind.SHORT_ANSWER and not exercise.key_points:
        problems.append("short answer has no key points")
    if exercise.kind is ExerciseKind.SHORT_ANSWER and _asks_what_is_said(exercise, concept):
        from tutor.engine.offline.definitions.book_definition import states_about

        if not states_about(answer, concept.name):
            problems.append("the key points back or only mentions the term")
    return problems


def _asks_what_is_said(exercise: Exercise, concept: Concept) -> bool:
    """The last-resort item on a concept the book never defines: its key must say something
    of the concept itself."""
    from tutor.engine.offline.definitions.book_definition import ABOUT_PROMPT

    return exercise.prompt.strip() == ABOUT_PROMPT.format(name=concept.name)


def _choice_problems(exercise: Exercise, terms: list[str]) -> list[str]:
    choices = exercise.choices or []
    if exercise.kind is ExerciseKind.TRUE_FALSE:
        if sorted(choices) != sorted(TRUE_FALSE) or exercise.answer not in TRUE_FALSE:
            return ['true/false needs the choices "True" and "False" and one of them as answer']
        return []
    if len(choices) < 3:
        return ["multiple choice needs at least three options"]
    problems: list[str] = []
    count = choices.count(exercise.answer)
    if count == 0:
        problems.append("answer missing from the choices")
    elif count > 1:
        problems.append(f"answer appears {count} times among the choices")
    problems += [f"option too long: '{c[:40]}...'" for c in choices if len(c) > ANSWER_CHARS[
        ExerciseKind.MULTIPLE_CHOICE]]
    answer_key = canonical(exercise.answer)
    names = {canonical(t) for t in terms}
    is_term = answer_key in names
    distractors = [c for c in choices if c != exercise.answer]
    for choice in distractors:
        key = canonical(choice)
        if key == answer_key or (is_term and key in names) or (
                max(len(key.split()), len(answer_key.split())) <= 4
                and content_stems(choice) == content_stems(exercise.answer)):
            # "traversal" beside "traverse": the same word, another form
            problems.append(f"two correct options: '{choice}' is the answer under another name")
        elif same_option(choice, exercise.answer):
            problems.append(f"two correct options: '{choice}' is nearly the same as the answer")
    problems += [f"option '{c}' is several names of the page run together"
                 for c in distractors if run_together(c)]
    for i, first in enumerate(distractors):
        for second in distractors[i + 1 :]:
            if same_option(first, second):
                problems.append(f"duplicate options: '{first}' and '{second}'")
    return problems


def _statement_problems(
    exercise: Exercise, concept: Concept, terms: list[str], passages: Sequence[Chunk]
) -> list[str]:
    statement = statement_of(exercise)
    problems: list[str] = []
    if len(content_stems(statement, _FRAME_WORDS)) < 2:
        problems.append("true/false statement too thin to judge")
    if statement.rstrip().endswith("?") or _QUESTION.match(statement):
        problems.append("true/false statement is a question, not a proposition")
    match = re.match(
        r"^\W*(?:(?:a|an|the)\s+)?(.+?)\s+(?:is|are)\s+(not\s+)?(?:(?:a|an|the)\s+)?(.+?)\W*$",
        statement,
        flags=re.I,
    )
    if match and canonical(match.group(1)) == canonical(match.group(3)):
        problems.append("true/false statement is trivially self-contradictory")
    clauses = [c for c in re.split(r",\s*but\s+|;\s*|,\s*and\s+|\s+but\s+", statement) if c]
    negation = r"\b(?:(?:do|does|did)\s+not|not|never)\b|\b(?:do|does|did)n't\b"
    bare = [canonical(re.sub(negation, " ", c, flags=re.I)) for c in clauses]
    negated = [bool(re.search(r"\b(?:not|never)\b|n't\b", c, flags=re.I)) for c in clauses]
    for i in range(len(clauses)):
        for j in range(i + 1, len(clauses)):
            if bare[i] and bare[i] == bare[j] and negated[i] != negated[j]:
                problems.append("true/false statement is trivially self-contradictory")
    if exercise.answer == "True" and not mentions(statement, terms):
        problems.append(f"true statement does not name {concept.name}")
    if exercise.answer == "False" and mentions(statement, terms, fuzzy=False):
        defined = bool(concept.definition) and support(
            statement, concept.definition, _FRAME_WORDS | _term_words(terms)) >= 0.9
        if defined:
            problems.append(f"two correct options: the statement marked False is how the "
                            f"course defines {concept.name}")
        elif _quoted(statement, [p for p in passages if p.citation() in exercise.citations]):
            problems.append("two correct options: the statement marked False is quoted from "
                            "the cited pages")
    return problems


def _quoted(statement: str, passages: Sequence[Chunk]) -> bool:
    """True when the passages hold the statement nearly word for word."""
    target = " ".join(words(statement))
    return len(target) >= 20 and any(
        fuzz.partial_ratio(target, " ".join(words(p.text))) >= 95 for p in passages
    )


_OPTION = re.compile(r"-{1,2}[A-Za-z][\w-]*(?:=\w+)?")


def _option_on_page(exercise: Exercise, evidence: str) -> bool:
    """Whether the item asks for a command-line option its cited page lists ("--no-environ"):
    the page lists the tool's options under its own heading ("R accepts the following
    command-line options"), not under the concept's name ("R options")."""
    answer = exercise.answer.strip()
    return (exercise.kind is ExerciseKind.MULTIPLE_CHOICE and _OPTION.fullmatch(answer) is not None
            and re.search(r"(?<![\w-])" + re.escape(answer) + r"(?![\w-])", evidence) is not None)


def _term_words(terms: Iterable[str]) -> set[str]:
    return {w for t in terms for w in words(t)}


def _support_problems(
    exercise: Exercise, concept: Concept, terms: list[str], passages: Sequence[Chunk]
) -> list[str]:
    pages = {(c.source, c.page) for c in exercise.citations}
    label = ", ".join(dict.fromkeys(c.label() for c in exercise.citations))
    cited = [p for p in passages if (p.source, p.page) in pages]
    if not cited:
        return [f"not answerable from {label}: the cited pages were not given"]
    evidence = " ".join(f"{p.heading} {p.text}" for p in cited)
    if not mentions(evidence, terms) and not _option_on_page(exercise, evidence):
        return [f"not answerable from {label}: {concept.name} is not mentioned there"]
    claim = _claim(exercise, terms)
    problems: list[str] = []
    stems = content_stems(evidence)
    share = support(claim, stems, _FRAME_WORDS)
    if share < SUPPORT_THRESHOLD:
        problems.append(f"not answerable from {label}: only {share:.0%} of the answer's key "
                        f"words are there")
    if exercise.kind is ExerciseKind.SHORT_ANSWER and exercise.key_points:
        found = sum(support(k, stems) >= KEY_POINT_SUPPORT for k in exercise.key_points)
        if found * 2 < len(exercise.key_points):
            problems.append(f"key points not found in {label}")
    return problems


def _claim(exercise: Exercise, terms: list[str]) -> str:
    """The text whose content the cited pages must support."""
    if exercise.kind is ExerciseKind.CLOZE:
        return BLANKS.sub(exercise.answer, exercise.prompt)
    if exercise.kind is ExerciseKind.TRUE_FALSE:
        return statement_of(exercise)
    if exercise.kind is ExerciseKind.MULTIPLE_CHOICE:
        if canonical(exercise.answer) in {canonical(t) for t in terms}:
            return f"{exercise.prompt} {exercise.answer}"
        if len(exercise.answer.split()) <= 4:
            return f"{exercise.prompt} {exercise.answer}"
    return exercise.answer
