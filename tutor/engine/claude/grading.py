"""The Claude engine's grade: Claude's judgement, with what code can decide decided in code.

- Choice exercises (multiple choice, true/false): the option the learner picked, by number,
  letter, text or verdict word (:func:`tutor.answers.key_verdict`, the offline grader's own
  matching), decides. No option picked is wrong; Claude cannot turn it right.
- Cloze: an answer equal to the key or an accepted spelling is right whatever Claude says;
  otherwise it is right when Claude and the offline grader (which forgives small misspellings)
  both say so. A term only Claude accepts (a synonym, or an answer that talked the model round)
  is marked wrong and flagged for the author, who may add it to the accepted answers.
- Short answers: Claude's verdict and score, checked against the offline grader. When the two
  disagree strongly the answer is flagged for the author (:mod:`review_flags`), and a "right"
  the offline grader scores as plainly wrong is not given.

Feedback on a wrong answer is withheld (:mod:`tutor.engine.claude.withhold`).
"""

from __future__ import annotations

from collections.abc import Callable

from tutor.answers import choices_of, chosen_option, key_verdict, normalise
from tutor.course import Exercise, ExerciseKind
from tutor.engine.claude.review_flags import ReviewFlag, strongly_disagree
from tutor.engine.claude.schemas import GradeReply, TurnReply
from tutor.engine.claude.withhold import withhold_answer
from tutor.engine.port import Grade

CLOZE_SLACK_WORDS = 2
"""Words a cloze answer may have beyond the key's for Claude to judge it (synonyms, typos)."""
PLAINLY_WRONG = 0.2
"""Offline score under which a short answer Claude calls right is not given as right."""

OfflineGrade = Callable[[Exercise, str], Grade | None]
"""The offline grader's grade of an answer, or ``None`` when it cannot take it."""


def code_verdict(exercise: Exercise, answer: str) -> bool | None:
    """Right or wrong when code decides (choices, a cloze matching its key), else ``None``."""
    verdict = key_verdict(exercise, answer)
    if verdict is None and exercise.kind in (ExerciseKind.MULTIPLE_CHOICE,
                                             ExerciseKind.TRUE_FALSE):
        return False  # no option picked: not a right answer, whatever the model says
    if verdict is None and exercise.kind == ExerciseKind.CLOZE:
        if len(answer.split()) > len(exercise.answer.split()) + CLOZE_SLACK_WORDS:
            return False
    return verdict


def grade_from(reply: GradeReply | TurnReply, exercise: Exercise, answer: str, offline: OfflineGrade,
               flag: Callable[[ReviewFlag], None], learner_id: str = "") -> Grade:
    """The grade the learner gets from Claude's ``reply``."""
    decided = code_verdict(exercise, answer)
    correct = reply.correct if decided is None else decided
    score = min(1.0, max(0.0, reply.score))
    checked: Grade | None = None
    if exercise.kind == ExerciseKind.SHORT_ANSWER:
        checked = offline(exercise, answer)
        if checked is not None and correct and checked.score < PLAINLY_WRONG and not \
                checked.correct:
            correct, score = False, min(score, checked.score)
    elif exercise.kind == ExerciseKind.CLOZE and decided is None:
        checked = offline(exercise, answer)  # typos, the term inside a short phrase
        if correct and (checked is None or not checked.correct):
            correct = False  # a term only Claude accepts goes to the author (flagged below)
    elif decided is not None and decided != reply.correct:
        checked = offline(exercise, answer)
    if checked is not None or (decided is not None and decided != reply.correct):
        offline_correct = checked.correct if checked is not None else None
        offline_score = checked.score if checked is not None else 0.0
        if strongly_disagree(reply.correct, reply.score, offline_correct, offline_score) or (
                decided is not None and decided != reply.correct):
            flag(ReviewFlag(exercise_id=exercise.id, concept_id=exercise.concept_id,
                            answer=answer[:500], claude_correct=reply.correct,
                            claude_score=reply.score, offline_correct=offline_correct,
                            offline_score=offline_score, verdict=correct,
                            learner_id=learner_id))
    if exercise.kind != ExerciseKind.SHORT_ANSWER:
        score = 1.0 if correct else 0.0
    feedback = reply.feedback.strip() or ("Right." if correct else "Not quite.")
    if correct != reply.correct:  # the model's words were about the other verdict
        feedback = "Right." if correct else "Not quite: look again at what the exercise asks."
    misconception = reply.misconception
    if not correct:
        feedback, _ = withhold_answer(feedback, exercise)
        index = chosen_option(exercise, answer) if exercise.choices else None
        if index is not None:
            picked = normalise(choices_of(exercise)[index])
            for option, idea in exercise.misconceptions.items():
                if normalise(option) == picked:
                    misconception = idea
        misconception, _ = withhold_answer(misconception, exercise)
    return Grade(exercise_id=exercise.id, correct=correct, score=score, feedback=feedback,
                 matched_points=reply.matched_points,
                 missing_points=[withhold_answer(p, exercise)[0] if not correct else p
                                 for p in reply.missing_points],
                 misconception=misconception if not correct else "")
