"""The Claude engine's grade: Claude's judgement, with what code can decide decided in code.

- Choice exercises (multiple choice, true/false): the option the learner picked, by number,
  letter, text or verdict word (:func:`tutor.answers.key_verdict`, the offline grader's own
  matching), decides. No option picked is wrong; Claude cannot turn it right.
- Cloze: the key or an accepted spelling is right; otherwise the offline grader's rules decide
  (a small misspelling, the term inside a short phrase), the same on both engines. A term only
  Claude accepts (a synonym, or an answer that talked the model round) is marked wrong and
  flagged for the author, who may add it to the accepted answers.
- Short answers: Claude's verdict and score, checked against the offline grader. When the two
  disagree strongly the answer is flagged for the author (:mod:`review_flags`), and a "right"
  the offline grader scores as plainly wrong is not given.

The feedback's citations are checked (``cite``), then on a wrong answer the answer is withheld
(:mod:`tutor.engine.claude.withhold`), as when it is streamed (:mod:`shown_text`). The
misconception Claude names is checked the same way: the learner does not read it, but later
prompts carry it.
"""

from __future__ import annotations

from collections.abc import Callable

from tutor.answers import choices_of, chosen_option, key_verdict, normalise
from tutor.course import Exercise, ExerciseKind
from tutor.engine.claude.review_flags import ReviewFlag, strongly_disagree
from tutor.engine.claude.schemas import GradeReply, TurnReply
from tutor.engine.claude.withhold import withhold_answer
from tutor.engine.port import Grade

PLAINLY_WRONG = 0.2
"""Offline score under which a short answer Claude calls right is not given as right."""

OfflineGrade = Callable[[Exercise, str], Grade | None]
"""The offline grader's grade of an answer, or ``None`` when it cannot take it."""


def code_verdict(exercise: Exercise, answer: str, offline: OfflineGrade) -> bool | None:
    """Right or wrong when code decides (choices, cloze), else ``None`` (short answers)."""
    verdict = key_verdict(exercise, answer)
    if verdict is not None or exercise.kind == ExerciseKind.SHORT_ANSWER:
        return verdict
    if exercise.kind == ExerciseKind.CLOZE:
        checked = offline(exercise, answer)
        return checked is not None and checked.correct
    return False  # a choice exercise, no option picked: not right, whatever the model says


def final_verdict(exercise: Exercise, said: bool, decided: bool | None,
                  checked: Grade | None) -> bool:
    """The verdict the learner gets when Claude said ``said``: code's (``decided``) when code
    decides; for a short answer Claude's, but not "right" when the offline grade ``checked``
    is plainly wrong."""
    if decided is not None:
        return decided
    plainly_wrong = checked is not None and checked.score < PLAINLY_WRONG and not checked.correct
    return False if exercise.kind == ExerciseKind.SHORT_ANSWER and said and plainly_wrong \
        else said


def empty_feedback(correct: bool) -> str:
    """The feedback when Claude wrote none (or none of it survived the checks)."""
    return "Right." if correct else "Not quite."


def overruled_feedback(correct: bool) -> str:
    """The feedback when the verdict is not Claude's (its words were about the other one)."""
    return "Right." if correct else "Not quite: look again at what the exercise asks."


def _flag(flag: Callable[[ReviewFlag], None], reply: GradeReply | TurnReply,
          exercise: Exercise, answer: str, checked: Grade | None, verdict: bool,
          learner_id: str) -> None:
    flag(ReviewFlag(exercise_id=exercise.id, concept_id=exercise.concept_id,
                    answer=answer[:500], claude_correct=reply.correct, claude_score=reply.score,
                    offline_correct=checked.correct if checked is not None else None,
                    offline_score=checked.score if checked is not None else 0.0,
                    verdict=verdict, learner_id=learner_id))


def grade_from(reply: GradeReply | TurnReply, exercise: Exercise, answer: str,
               offline: OfflineGrade, flag: Callable[[ReviewFlag], None],
               learner_id: str = "", decided: bool | None = None,
               cite: Callable[[str], str] = str.strip) -> Grade:
    """The grade the learner gets from Claude's ``reply``; ``decided``: the code's verdict
    when already known (else it is worked out here); ``cite``: the citations of the feedback
    and of the misconception checked (before the answer is withheld, as when streamed)."""
    if decided is None:
        decided = code_verdict(exercise, answer, offline)
    score = min(1.0, max(0.0, reply.score))
    checked = offline(exercise, answer) if exercise.kind == ExerciseKind.SHORT_ANSWER else None
    correct = final_verdict(exercise, reply.correct, decided, checked)
    if exercise.kind == ExerciseKind.SHORT_ANSWER:
        if checked is not None and correct != reply.correct:
            score = min(score, checked.score)
        if checked is not None and strongly_disagree(reply.correct, reply.score,
                                                     checked.correct, checked.score):
            _flag(flag, reply, exercise, answer, checked, correct, learner_id)
    elif decided != reply.correct:  # the model judged otherwise than the rules: the author looks
        _flag(flag, reply, exercise, answer, offline(exercise, answer), correct, learner_id)
    if exercise.kind != ExerciseKind.SHORT_ANSWER:
        score = 1.0 if correct else 0.0
    feedback = cite(reply.feedback.strip()) or empty_feedback(correct)
    if correct != reply.correct:  # the model's words were about the other verdict
        feedback = overruled_feedback(correct)
    misconception = cite(reply.misconception.strip())  # fed back into later prompts
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
