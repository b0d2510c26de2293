"""Offline grading of every exercise kind, with feedback that never gives the answer away.

* multiple choice / true-false: the learner may answer with the option's text, its letter
  (a, b, c...), its 1-based number or a verdict word (:mod:`tutor.answers`, shared with the
  Claude engine); a wrong option brings up the misconception it suggests.
* cloze: normalised match (case, spaces, punctuation, articles, plural) against the answer and
  its accepted aliases, then a fuzzy match that forgives a small misspelling.
* short answer: the calibrated model of :mod:`tutor.engine.offline.tutoring.answer_similarity`
  (embedding similarity, key-point coverage, word overlap, length sanity); an answer to a case
  item (which of two ideas the book's case shows) by the idea it names, its reason checked
  against the case (:mod:`tutor.engine.offline.tutoring.case_answers`).

A wrong answer's feedback names what was right and what is missing without the answer's text:
missing key points are described by what they are about (words the prompt already shows).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein

from tutor.answers import (
    NOTE_SAID,
    choices_of,
    chosen_option,
    cloze_keys,
    is_key,
    key_verdict,
    mix_up_note,
    mix_up_sides,
    name_pattern,
    normalise,
    reversed_diagnosis,
    says_the_opposite,
    spelled_key,
)
from tutor.course import Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.tutoring.answer_guards import (
    confused_sibling,
    keyword_salad,
    negates,
    prepare_siblings,
    sibling_definitions,
)
from tutor.engine.offline.tutoring.answer_similarity import (
    AnswerKey,
    clean_answer,
    content_words,
    score_answer,
)
from tutor.engine.offline.tutoring.case_answers import (
    case_parts,
    case_sides,
    read_case_answer,
    reason_clash,
    reason_fits,
)
from tutor.engine.port import Grade
from tutor.errors import AnswerError
from tutor.negation import has_negation
from tutor.option_feedback import opens_with_key, said_of_option
from tutor.text import singular

__all__ = ["contrast", "grade", "normalise", "point_cue", "prepare", "singular"]



def grade(exercise: Exercise, answer: str) -> Grade:
    """Grade ``answer`` to ``exercise``; raises :class:`AnswerError` for an empty answer."""
    text = clean_answer(answer if isinstance(answer, str) else str(answer))
    if not text.strip():
        raise AnswerError("the answer is empty: type an answer, or ask for a hint")
    if exercise.kind in (ExerciseKind.MULTIPLE_CHOICE, ExerciseKind.TRUE_FALSE):
        result = _grade_choice(exercise, text)
    elif exercise.kind == ExerciseKind.CLOZE:
        result = _grade_cloze(exercise, text)
    else:
        result = _grade_short_answer(exercise, text)
    return result if result.correct else _withheld(result, exercise)


def prepare(exercise: Exercise) -> None:
    """Embed a short-answer exercise's reference side ahead of time (e.g. while the learner
    is typing): the reference, its key points and the near concepts' definitions an answer
    is checked against, so that grading an answer embeds only the answer."""
    if exercise.kind == ExerciseKind.SHORT_ANSWER:
        _answer_key(exercise.answer, exercise.prompt, tuple(exercise.key_points))
        prepare_siblings(exercise.answer, sibling_definitions(exercise.misconceptions),
                         exercise.prompt)


def _grade_choice(exercise: Exercise, text: str) -> Grade:
    choices = choices_of(exercise)
    index = chosen_option(exercise, text)
    if index is None:
        raise AnswerError(
            f"that matches none of the options: answer with its number (1 to {len(choices)}) "
            "or the option's text"
        )
    chosen = choices[index]
    if is_key(exercise, chosen):
        explanation = (exercise.explanation or "").strip()
        if opens_with_key(explanation, chosen):
            feedback = f"Correct: {explanation}"  # not "Correct: X. "X" is right: ..."
        else:
            feedback = (f"Correct: {chosen.strip().rstrip('.')}."  # an option may end in "."
                        + (f" {explanation}" if explanation else ""))
        return Grade(exercise_id=exercise.id, correct=True, score=1.0, feedback=feedback,
                     matched_points=[chosen])
    misconception = exercise.misconceptions.get(chosen, "")
    if not misconception:
        by_normal = {normalise(k): v for k, v in exercise.misconceptions.items()}
        misconception = by_normal.get(normalise(chosen), "")
    if exercise.kind == ExerciseKind.TRUE_FALSE:
        # the verdict is given: a binary item is not asked again after a wrong answer
        verdict = next((c for c in choices if is_key(exercise, c)), exercise.answer).lower()
        feedback = f"Not quite: the statement is {verdict}."
        if exercise.explanation:
            feedback += f" {exercise.explanation}"
    else:
        feedback = f"Not quite: option {index + 1} (\"{chosen}\") is not the right one."
    if misconception:
        feedback += " " + contrast(misconception, chosen, hidden=exercise.answer,
                                   gloss=option_gloss(exercise, chosen))
    return Grade(exercise_id=exercise.id, correct=False, score=0.0, feedback=feedback,
                 missing_points=["the right option"], misconception=misconception)


_ASKED = "the one the question asks about"


def option_gloss(exercise: Exercise, option: str) -> str:
    """What a wrong option is, as the item's explanation glosses it ('"bivalent" is
    two-valued.'), or ``""``: said to a learner who chose it, it gives nothing of the key."""
    what = said_of_option(exercise.explanation or "", option)
    return f"{option} is {what}" if what is not None else ""


def contrast(note: str, said: str, definition: str = "", hidden: str = "",
             gloss: str = "") -> str:
    """Feedback that names the concept a wrong answer belongs to and how it differs: from a
    misconception note "confuses X with Y" and, when known, Y's definition (a long option or
    a sibling's definition is one). When X is the answer (``hidden``), it is not named: Y is
    said by its ``gloss`` ("Y is ...", :func:`option_gloss`) when the item has one."""
    read = mix_up_note(note)
    if read is None:
        return f"Choosing it suggests a common mix-up: {note}"
    concept, other = read[0], read[1] + read[2]
    withheld = bool(hidden) and normalise(concept) == normalise(hidden)
    if withheld:  # the key is not named: what the chosen option is, then what to look for
        said_is = gloss.strip().rstrip(".")
        if said_is:
            return f"{said_is[:1].upper()}{said_is[1:]}: a different idea from {_ASKED}."
        return (f"{other[:1].upper()}{other[1:]} is a different idea from {_ASKED}: recall "
                f"what {other} means, and look for the option the question fits.")
    if not definition and len(said.split()) >= 4:
        definition = said
    if definition:
        return (f"That describes {other} (the course: \"{definition.strip()}\"), which is a "
                f"different idea from {concept}.")
    return (f"{other[:1].upper()}{other[1:]} is a different idea from {concept}: think about "
            f"what sets {concept} apart from {other}.")


# -- cloze -----------------------------------------------------------------------------------
def _allowed_edits(target: str) -> int:
    length = len(target.replace(" ", ""))
    return 0 if length <= 3 else 1 if length <= 7 else 2


def _quoted(answer: str, longest: int) -> str:
    """The learner's answer as feedback quotes it: as code (what they typed, not words of the
    sentence around it), cut with "…" past ``longest`` characters."""
    said = " ".join(answer.split())
    if len(said) > longest:
        said = said[: longest - 1].rstrip() + "…"
    return f"`{said.replace('`', chr(39))}`"


def _grade_cloze(exercise: Exercise, text: str) -> Grade:
    verdict = key_verdict(exercise, text)  # what a program shows, a number, a key's spelling
    if verdict:
        target = spelled_key(exercise, text) or exercise.answer
        return Grade(exercise_id=exercise.id, correct=True, score=1.0,
                     feedback=f"Correct: {target}.", matched_points=[target])
    if verdict is not None and exercise.origin == ExerciseOrigin.CODE_OUTPUT:
        return Grade(exercise_id=exercise.id, correct=False, score=0.0,
                     feedback=f"Not quite: it does not show {_quoted(text, 60)}. Look again "
                              "at what each line makes, brackets, quotes and points included.",
                     missing_points=["what it shows"])
    if verdict is not None:  # a result the learner works out, wrong beyond the key's rounding
        return Grade(exercise_id=exercise.id, correct=False, score=0.0,
                     feedback=f"Not quite: {text.strip()[:40]} is not the result.",
                     missing_points=["the result"])
    targets = cloze_keys(exercise)
    said = normalise(text)
    squeezed = said.replace(" ", "")
    for target in targets:
        wanted = normalise(target)
        if wanted and len(said.split()) <= len(wanted.split()) + 3 and not says_the_opposite(
                text, target) and re.search(rf"\b{re.escape(wanted)}\b", said):
            return Grade(exercise_id=exercise.id, correct=True, score=1.0,
                         feedback=f"Correct: {target}.", matched_points=[target])
    for target in targets:
        wanted = normalise(target)
        edits = DamerauLevenshtein.distance(squeezed, wanted.replace(" ", ""))
        if 0 < edits <= _allowed_edits(wanted) and fuzz.ratio(said, wanted) >= 80 and not (
                says_the_opposite(text, target)):  # "mutable" is no misspelt "immutable"
            return Grade(
                exercise_id=exercise.id, correct=True, score=1.0,
                feedback=f"Correct, but watch the spelling: it is written \"{target}\".",
                matched_points=[target],
            )
    multiword = [normalise(t).split() for t in targets if len(normalise(t).split()) > 1]
    wanted_words = {w for words in multiword for w in words}
    shared = [w for w in dict.fromkeys(said.split()) if w in wanted_words and len(w) > 2]
    if shared and not has_negation(text):
        feedback = (f"Partly there: \"{' '.join(shared)}\" is part of the missing term, "
                    "but not all of it.")
    else:
        feedback = f"Not quite: \"{text[:80]}\" is not the missing term."
    return Grade(exercise_id=exercise.id, correct=False, score=0.0, feedback=feedback,
                 matched_points=shared, missing_points=["the missing term"])


# -- short answers ---------------------------------------------------------------------------
@lru_cache(maxsize=512)
def _answer_key(reference: str, prompt: str, key_points: tuple[str, ...]) -> AnswerKey:
    key = AnswerKey(references=[reference], prompt=prompt, key_points=list(key_points))
    key.ensure_vectors()
    return key


_QUOTED = re.compile(r'"([^"]{12,})"|“([^”]{12,})”')


def point_cue(point: str, prompt: str, number: int, total: int) -> str:
    """Describe a key point without its content: by the prompt's words it mentions (of a
    prompt quoting a passage, the passage's words: those around it frame the question, such
    as "her notes" or "describes")."""
    quoted = " ".join(a or b for a, b in _QUOTED.findall(prompt))
    sequence = re.findall(r"[A-Za-z][\w-]*", quoted or prompt)
    stems: dict[str, int] = {}
    for position, word in enumerate(sequence):
        for s in content_words(word):
            stems.setdefault(s, position)
    used = sorted({stems[s] for s in content_words(point) if s in stems})
    # words next to each other in the prompt stay one phrase ("sample space", not
    # "sample, space"), in the prompt's order
    phrases: list[list[int]] = []
    for position in used:
        if phrases and position == phrases[-1][-1] + 1:
            phrases[-1].append(position)
        else:
            phrases.append([position])
    about = list(dict.fromkeys(" ".join(sequence[i] for i in run) for run in phrases))
    if about:
        return f"point {number} of {total}, about {', '.join(about[:3])}"
    return f"point {number} of {total}"


CASE_BARE_NAME = 0.8
"""The score of an answer to a case item that names the right idea and gives no reason."""


def _grade_case(exercise: Exercise, names: str, reason: str) -> Grade:
    """An answer to a case item that names one of the two ideas: right when it names the idea
    the case shows (whatever its words), unless its reason goes against the case; the reason
    is credited (the second key point) when it speaks of the case or of what the idea is."""
    points = exercise.key_points
    if names == "other":
        return Grade(exercise_id=exercise.id, correct=False, score=0.0,
                     feedback=("Not yet: that is the other idea. Look again at what happens in "
                               "the case, and which of the two ideas that is."),
                     missing_points=[point_cue(p, exercise.prompt, i + 1, len(points))
                                     for i, p in enumerate(points)])
    case, shown, rival = case_parts(exercise.prompt, exercise.answer, points[1])
    clash = reason_clash(reason, case, shown, rival) if reason else None
    if clash is not None:
        return Grade(exercise_id=exercise.id, correct=False, score=0.4,
                     feedback=(f"You name the right idea, but your reason does not fit the case: "
                               f"{clash}. Read the case again and say what in it shows the "
                               "idea."),
                     matched_points=[point_cue(points[0], exercise.prompt, 1, len(points))],
                     missing_points=[point_cue(points[1], exercise.prompt, 2, len(points))])
    if reason and reason_fits(reason, case, shown):
        return Grade(exercise_id=exercise.id, correct=True, score=1.0,
                     feedback="Right, and your reason fits the case.",
                     matched_points=list(points[:2]))
    return Grade(exercise_id=exercise.id, correct=True, score=CASE_BARE_NAME,
                 feedback=("Right. Next time also say what in the case shows it: the course "
                           f"puts it as \"{points[1]}\"."),
                 matched_points=points[:1], missing_points=points[1:2])


def _grade_short_answer(exercise: Exercise, text: str) -> Grade:
    case = read_case_answer(exercise, text)
    if case is not None and case.names:
        return _grade_case(exercise, case.names, case.reason)
    key = _answer_key(exercise.answer, exercise.prompt, tuple(exercise.key_points))
    result = score_answer(key, text)
    values, points = result.signals.values, key.key_points
    total = len(points)
    copied = values["prompt_copy"] >= 0.9 and values["new_recall"] == 0.0
    caught = _caught(exercise, text) if result.correct and not copied else None
    correct = result.correct and not copied and caught is None
    if correct:
        matched = [points[i] for i in result.signals.matched]
        missing = [points[i] for i in result.signals.missing]
    else:
        matched = [point_cue(points[i], exercise.prompt, i + 1, total)
                   for i in result.signals.matched]
        missing = [point_cue(points[i], exercise.prompt, i + 1, total)
                   for i in result.signals.missing]
    parts: list[str] = []
    if copied:
        parts.append("Your answer repeats the question: say it in your own words.")
    elif caught is not None:
        parts.append(caught)
    elif correct:
        parts.append("Good answer.")
    else:
        parts.append("Not yet.")
    if not copied and values["emb_best"] < 0.2 and values["ref_recall"] == 0.0:
        parts.append("It does not seem to be about what the question asks.")
    elif not copied and values["log_length"] < 1.1 and len(content_words(exercise.answer)) >= 4:
        parts.append("It is very short: explain a little more.")
    judged = copied or caught is not None  # the verdict says what is wrong: no tally of points
    listed = "; ".join(m.strip().rstrip(".") for m in matched)
    if matched and not missing and not correct and not judged:  # close, not yet clear
        parts.append(f"You touch on {listed}, but not clearly enough yet: " + (
            "say how the points fit together, in full sentences." if total > 1 else
            "say it in a full sentence."))
    elif matched and not (judged and not correct):
        parts.append(("You covered: " if correct else "You got ") + listed + ".")
    if missing and correct:  # a paraphrase may say it in words the key-point match missed
        parts.append(f"Compare with the course's wording: \"{exercise.answer.strip()}\"")
    elif missing:
        parts.append("Still missing: " + "; ".join(missing) + ".")
    return Grade(
        exercise_id=exercise.id,
        correct=correct,
        score=round(min(result.score, 0.2) if copied or caught else result.score, 4),
        feedback=" ".join(parts),
        matched_points=matched,
        missing_points=missing,
    )


def _caught(exercise: Exercise, text: str) -> str | None:
    """Why an answer the similarity score accepts is still wrong, or ``None``."""
    references = [exercise.answer, *exercise.key_points]
    if reversed_diagnosis(exercise, text):
        return ("Not yet: you have the two ideas the wrong way round. Look again at which idea "
                "the note's description fits, and which one it was written under.")
    if _described_unnamed(exercise, text):
        return ("Not yet: the question asks you to name the idea her note describes, and your "
                "answer names another one or none.")
    if negates(text, [exercise.answer], exercise.key_points):
        return ("Not yet: your answer says the opposite of the course (check the \"not\").")
    if keyword_salad(text, references):
        return "Not yet: that is a list of keywords; say how they fit together in a sentence."
    confused = confused_sibling(text, exercise.answer,
                                sibling_definitions(exercise.misconceptions), exercise.prompt)
    if confused is not None:
        definition, note = confused
        return "Not yet. " + contrast(note, text, definition)
    return None


def _described_unnamed(exercise: Exercise, text: str) -> bool:
    """Whether an answer to a mix-up item (a classmate's note describing one idea under
    another's name) never names the idea the note describes, or says what her note describes
    and names neither idea there ("the note gives the description of contradiction" when it
    is tautology's): the item asks for that name, and an answer naming a third idea reads
    much like the key."""
    sides = mix_up_sides(exercise)
    if sides is None or case_sides(exercise) is not None:
        return False
    names = [n for n in [sides[0], *exercise.accepted] if n.strip()]
    if not any(re.search(name_pattern(n), text, re.I) for n in names):
        return True
    said = [m["rest"] for m in NOTE_SAID.finditer(text)]
    return bool(said) and not any(
        re.match(r"\W*" + name_pattern(n), rest, re.I) for rest in said
        for n in [*names, sides[1]])


# -- withholding -----------------------------------------------------------------------------
def _withheld(result: Grade, exercise: Exercise) -> Grade:
    """Remove the answer's text from everything a wrong answer's grade says."""
    if exercise.kind == ExerciseKind.TRUE_FALSE:
        return result
    secrets = [s for s in [exercise.answer, *exercise.accepted] if len(s.strip()) >= 2]

    def scrub(text: str) -> str:
        for secret in sorted(secrets, key=len, reverse=True):
            text = re.sub(re.escape(secret.strip()), "…", text, flags=re.IGNORECASE)
        return text

    return result.model_copy(update={
        "feedback": scrub(result.feedback),
        "misconception": scrub(result.misconception),
        "matched_points": [scrub(p) for p in result.matched_points],
        "missing_points": [scrub(p) for p in result.missing_points],
    })
