"""What follows from a result: the learner draws the conclusion the book draws.

A statistics book reports a result and at once says what follows from it: "The mean, 7.27
lbs, is a bit less than the median, 7.38 lbs, so that is consistent with left skew", "There
are few values below 30 weeks, so the CDF in this range is flat", "But R2 = ρ2 = 0.52, so
SAT scores account for only 52% of variance in IQ", "We've already done that test, and found
p < 0.001, so we conclude that the apparent relationship ... is statistically significant".
Knowing the definitions is not enough to draw such a conclusion: the learner applies the idea
to the case (a mean below the median, a flat stretch, a share of variance, a threshold). The
item shows the result and asks which follows: the conclusion the book draws, or the one the
result rules out (the book's with its last polar word turned round, "left skew" for "right
skew", or its verdict denied); keyed to the book's, cited on its page. A short answer would
not do: the two conclusions share every word but one, and a grader by content would take
either.

Found by the book's own signal in one sentence: a result (the premise, one statement giving a
number) then ", so ...", ", which suggests ...", ", which indicates ...", ", which shows ..." or "consistent
with ...", the concept named in the premise or the conclusion. Refused when unsure: a premise
leaning on what came before ("This range ...", "In this example"), code, a conclusion the
premise already says (its content words all in the premise), one stating the concept's value
("so the standard error is 2.5 kg": a worked example, :mod:`worked_examples`), a run-on list
("and so on"), a conclusion too short to key or too long to grade.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from functools import lru_cache

from tutor.course import Chunk, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.examples.worked_examples import named_terms, result_pattern
from tutor.engine.offline.terms import content_stems, mentions
from tutor.engine.offline.writing.exercise_material import Material
from tutor.sentences import passage_sentences

MAX_ITEMS = 2
"""Conclusions asked per concept."""
MIN_CONCLUSION_WORDS = 4
"""A conclusion shorter than this ("so on") says too little to key."""
MAX_CONCLUSION_WORDS = 30
MAX_SENTENCE_CHARS = 320

_DRAWN = re.compile(r",?\s+(?:so\s+(?:that\s+is\s+|this\s+is\s+|it\s+is\s+)?(?P<consistent>"
                    r"consistent\s+with\s+)?|which\s+(?:suggests|indicates|shows)\s+"
                    r"(?:that\s+)?|so\s+we\s+conclude\s+that\s+|which\s+is\s+(?P<judged>(?:not\s+)?"
                    r"(?:(?:a|an)\s+)?(?:(?:very|fairly|quite|rather|relatively)\s+)?(?:"
                    r"statistically\s+significant|significant|strong|weak|large|small|high|low|"
                    r"plausible|acceptable|reasonable|negligible|substantial)\b))"
                    r"(?P<conclusion>[^,;:]?.+)$", re.I)
"""Where a sentence draws its conclusion: ", so ...", ", which suggests (that) ...",
", so that is consistent with ...", ", so we conclude that ...", or a judgement of the value
", which is (not) statistically significant", ", which is a strong correlation ..."."""
_NUMBER = re.compile(r"(?<![\w.])[-−]?\d+(?:\.\d+)?%?(?![\w])")
_LEANS = re.compile(r"^\W*(?:this|that|these|those|it|they|here|so|and|but|then|also|now|in\s+this|"
                    r"in\s+that|in\s+the\s+example|as\s+a\s+result|for\s+this)\b|\b(?:this|these|"
                    r"those)\s+[a-z]+", re.I)
"""A premise pointing at what the page said before it: the item would not stand alone."""
_STORY = re.compile(r"\bthe\s+(?:next|previous|same|other)\b|\bso\s+far\b", re.I)
"""A step of a story told over several sentences ("Adding the next item ..., so the total so
far is ...")."""
_PRINTED = re.compile(r"\^|\b\d+(?:\.\d+)?e[-+]?\d+\b|!=")
"""Printed output run into the sentence ("R^2 6.144e-06 The parameter ..."), or code."""
_CODE = re.compile(r">>>|\bdef |\bimport |\breturn |[\w)\]]\.[A-Za-z_]+|\w\(|_\w|==|\w\[")
_RUN_ON = re.compile(r"^\s*on\b|\band\s+so\s+on\b", re.I)
_FIGURE = re.compile(r"\b(?:figure|table|section|chapter|exercise)\s+\d", re.I)
"""A sentence pointing at the book's parts ("consistent with ... Figure 10.2"): no case."""
_RULE = re.compile(r"^\W*(?:as\s+a\s+rule|in\s+general|generally|usually|by\s+convention|if|"
                   r"when|for\s+example|for\s+instance|suppose)\b", re.I)
"""A premise that states a rule or a supposition, not a result ("As a rule of thumb, a power
of 80% is ...", "If we get the parameters wrong, ...")."""
_NOT_DRAWN = re.compile(r"^\W*(?:that|we\s+(?:can|could|will|would|define|need|say|should|"
                        r"might|have)|you\s+(?:can|could|should|will|might)|it\s+calls|my|I)\b",
                        re.I)
"""A clause after "so" that is no conclusion from the result: a purpose ("so that ..."), a step
the text takes next ("so we define ...", "so you can ..."), the writer's own story."""
_INSTANCES = re.compile(r"\b(?:like|such\s+as|e\.g\.|for\s+example|for\s+instance)\s", re.I)
MAX_PREMISE_WORDS = 30
MIN_NUMBERS_TO_COMPUTE = 2
"""Numbers a premise gives from which a conclusion may state a new one ("R2 = ρ2 = 0.52, so
... 52% of variance")."""


@lru_cache(maxsize=4096)
def drawn_in(text: str) -> tuple[tuple[int, str, str], ...]:
    """(where its sentence starts, premise, conclusion) for each result of the passage whose
    conclusion the book draws in the same sentence and that stands on its own, whatever
    concept it names; read once per passage (the showcases route such a passage to the
    concepts its sentence names)."""
    if not _DRAWN.search(text.replace("\n", " ")):
        return ()
    found: list[tuple[int, str, str]] = []
    for sentence in passage_sentences(text):
        plain = " ".join(sentence.split())
        drawn = _DRAWN.search(plain)
        if drawn is None or len(plain) > MAX_SENTENCE_CHARS:
            continue
        premise = plain[: drawn.start()].strip().rstrip(",")
        conclusion = drawn["conclusion"].strip().rstrip(".!")
        if drawn["judged"]:
            conclusion = f"it is {drawn['judged']}{drawn['conclusion']}".strip().rstrip(".!")
        if drawn["consistent"]:
            conclusion = f"it is consistent with {conclusion}"
        if _stands_alone(premise, conclusion):
            head = re.search(r"\s+".join(re.escape(w) for w in plain.split()[:4]), text)
            found.append((head.start() if head else 0, premise, conclusion))
    return tuple(found)


def drawn_starts(text: str) -> list[int]:
    """Where the passage's drawn conclusions are (for :mod:`tutor.study.showcases`)."""
    return [at for at, _, _ in drawn_in(text)]


def find_conclusions(m: Material, passages: Sequence[Chunk]) -> list[tuple[str, str, Chunk]]:
    """(premise, conclusion, passage) for each result whose conclusion the book draws in the
    same sentence, naming the concept in either part."""
    terms = named_terms(m)
    if not terms:
        return []
    stated: re.Pattern[str] | None = None  # compiled when a passage draws a conclusion at all
    found: list[tuple[str, str, Chunk]] = []
    seen: set[str] = set()
    for chunk in passages:
        for _, premise, conclusion in drawn_in(chunk.text):
            stated = stated or result_pattern(tuple(terms))
            if premise in seen or not _about(premise, conclusion, m, stated):
                continue
            seen.add(premise)
            found.append((premise, conclusion, chunk))
    return found


def _stands_alone(premise: str, conclusion: str) -> bool:
    """Whether a premise and its conclusion make an item that stands alone and has a key."""
    if not re.match(r"^[\"'‘“(]?[A-Z]", premise) or _LEANS.search(premise) or _RULE.match(
            premise) or _PRINTED.search(premise) or _STORY.search(f"{premise} {conclusion}"):
        return False  # starts mid-sentence, or leans on what came before
    if not _NUMBER.search(premise) or len(premise.split()) > MAX_PREMISE_WORDS or any(
            mark in premise for mark in (". ", "• ", ": ", "; ")) or _INSTANCES.search(premise):
        return False  # no result to reason from, or more than one statement, or its numbers
        # are instances of a kind ("a simple number, like 52, a range, like 5..7 ...")
    if _NOT_DRAWN.match(conclusion):
        return False  # a purpose ("so that ..."), a step the text takes ("so we define ...")
    size = len(conclusion.split())
    if not MIN_CONCLUSION_WORDS <= size <= MAX_CONCLUSION_WORDS:
        return False
    if any(_CODE.search(part) or _FIGURE.search(part) for part in (premise, conclusion)) or (
            _RUN_ON.search(conclusion)):
        return False
    given = set(_NUMBER.findall(premise))
    if set(_NUMBER.findall(conclusion)) - given and len(given) < MIN_NUMBERS_TO_COMPUTE:
        return False  # "... is 1/λ, so the mean time is 32.7 minutes": λ is on another line
    new = content_stems(conclusion) - content_stems(premise)
    return len(new) >= 2  # the conclusion says something the premise does not


def _about(premise: str, conclusion: str, m: Material, stated: re.Pattern[str]) -> bool:
    """Whether the conclusion drawn is an item on the concept: named in the premise, or what
    the conclusion is about (its subject, "the CDF in this range is flat", or what it says the
    result is, "... is statistically significant"; not a word in passing, "compared to similar
    human-related variables"), and not the concept's value stated ("so the standard error is
    2.5 kg": a worked example)."""
    if not mentions(premise, m.terms, fuzzy=False) and not _subject_or_verdict(conclusion, m):
        return False  # about another idea
    return not stated.search(conclusion)


def _subject_or_verdict(conclusion: str, m: Material) -> bool:
    """Whether the conclusion opens with the concept ("the CDF in this range ...") or ends by
    saying the result is it ("... is statistically significant", "consistent with left
    skew")."""
    opening = re.match(r"^\W*(?:(?:the|a|an)\s+)?", conclusion)
    rest = conclusion[opening.end():] if opening else conclusion
    starts = m.pattern.match(rest)
    verdicts = [found["verdict"] for pattern in _VERDICTS
                if (found := pattern.search(conclusion)) is not None]
    return starts is not None or any(m.pattern.fullmatch(v) is not None for v in verdicts)


_VERDICTS = (re.compile(r"\b(?:is|are|was|were)\s+(?:(?:not|also)\s+)?(?:(?:the|a|an)\s+)?"
                        r"(?P<verdict>[^,;]+?)\s*$", re.I),
             re.compile(r"\bconsistent\s+with\s+(?:(?:the|a|an)\s+)?(?:[a-z]+\s+)?"
                        r"(?P<verdict>[^,;]+?)\s*$", re.I))
"""What a conclusion says the result is: "... is (not) <concept>", "consistent with (left)
<concept>"."""


_OPPOSITES = {"left": "right", "right": "left", "higher": "lower", "lower": "higher",
              "more": "less", "less": "more", "larger": "smaller", "smaller": "larger",
              "bigger": "smaller", "strong": "weak", "weak": "strong", "flat": "steep",
              "steep": "flat", "positive": "negative", "negative": "positive",
              "likely": "unlikely", "unlikely": "likely", "few": "many", "many": "few",
              "increases": "decreases", "decreases": "increases", "above": "below",
              "below": "above"}
"""Words whose opposite turns a conclusion into the one the result rules out."""
_POLAR = re.compile(r"\b(?:not\s+|" + "|".join(_OPPOSITES) + r")\b", re.I)
NOTHING_FOLLOWS = "Nothing follows from that result alone."
"""The third option: the book draws a conclusion from the result, so this one is wrong."""
_VERDICT_VERB = re.compile(r"\b(?:is|are)\s+(?=\S)", re.I)


def opposite(conclusion: str) -> str | None:
    """The conclusion the result rules out: the last polar word of the conclusion turned
    round ("consistent with left skew" -> "right skew", "is not a straight line" -> "is a
    straight line", "unlikely" -> "likely"), else its last verdict denied ("... is
    statistically significant" -> "is not ..."); ``None`` when it has neither (no opposite a
    learner could be asked to rule out)."""
    found = list(_POLAR.finditer(conclusion))
    if found:
        last = found[-1]
        word = last.group(0)
        if word.lower().startswith("not"):
            turned = ""
        else:
            turned = _OPPOSITES[word.lower()]
            turned = turned[:1].upper() + turned[1:] if word[:1].isupper() else turned
        return conclusion[: last.start()] + turned + conclusion[last.end():]
    verbs = list(_VERDICT_VERB.finditer(conclusion))
    if not verbs:
        return None
    at = verbs[-1].end()
    return f"{conclusion[:at]}not {conclusion[at:]}"


def _sentence(text: str) -> str:
    return f"{text[0].upper()}{text[1:]}."


def write_conclusions(m: Material, passages: Sequence[Chunk]) -> list[Exercise]:
    """Up to :data:`MAX_ITEMS` items asking what follows from a result the book reports: the
    conclusion it draws beside the one the result rules out (a short answer would take either,
    their words being the same but one) and :data:`NOTHING_FOLLOWS`, keyed to the book's,
    cited on its page; none when the conclusion has no opposite to rule out."""
    items: list[Exercise] = []
    for premise, conclusion, chunk in find_conclusions(m, passages):
        ruled_out = opposite(conclusion)
        if ruled_out is None:
            continue
        citation = chunk.citation()
        key, wrong = _sentence(conclusion), _sentence(ruled_out)
        exercise_id = f"{m.concept.id}-conclusion-{len(items) + 1}"
        choices = sorted([key, wrong, NOTHING_FOLLOWS], key=lambda c: hashlib.sha256(
            f"{exercise_id}{c}".encode()).hexdigest())
        items.append(Exercise(
            id=exercise_id, concept_id=m.concept.id, kind=ExerciseKind.MULTIPLE_CHOICE,
            prompt=(f"The course reports: \u201c{premise}.\u201d Which follows from that?"),
            answer=key, choices=choices,
            misconceptions={wrong: "draws the conclusion the result rules out",
                            NOTHING_FOLLOWS: "does not see what the result says"},
            explanation=(f"The course draws it: {premise}, so {conclusion} "
                         f"({citation.label()})."),
            citations=[citation], difficulty=0.55, origin=ExerciseOrigin.WORKED_EXAMPLE,
        ))
        if len(items) == MAX_ITEMS:
            break
    return items
