"""A rule a manual states for two cases: what happens in the second.

Manuals state much of what they teach as a rule with two branches: "If override is false,
specified policy is merged with current global policy. If override is true, current global
policy ... is discarded in favor of the specified policy."; "If the argument is exact, the
result is computed using the current default precision. If the argument is not exact, the
precision of the argument is used"; "If r is a rational number, the corresponding regular
continued fraction is finite ... Otherwise, the continued fraction will be infinite". Knowing
the idea means telling its cases apart by what they do. The item shows both conditions, no
outcome, and asks what happens in the second (origin ``worked_example``, keyed to the page).
The options are the first case's outcome (the learner who does not tell the cases apart:
wrong by the page, which gives the second case another outcome) and "nothing" (wrong by the
page too: it states an outcome). An outcome opening "it" or "they" is said with the first
outcome's subject ("the set is a simple set, otherwise it is an array": "The set is an
array"). The prompt names the section the rule is stated in, not the concept, so a rule
written under two concepts is one question, asked once.

Only two cases that stand apart, in one sentence or two in a row: "otherwise" ("If not,
..."), the same condition with its negation taken away, one state changed ("override is
false"/"override is true"; never the subject: "timeout is given"/"notification is given" are
two arguments that may both be given), or the same subject in another state ("the argument
is an integer"/"the argument is a string"; never one case inside the other); two outcomes
that say different things, each whole (not cut at a line break, no further case "otherwise"
or "if" in it, no "this attribute" it cannot show); a condition that names what it is about
(no opening "it" or "this", no formula the PDF flattened, no quotation cut at its comma, not
the reader's situation: "if you are using Anaconda"); the concept named in the rule or
just before it; never the concept's defining sentence (the explanation shows that one).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from tutor.course import Chunk, Citation, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.writing.exercise_material import (
    Material,
    item_seed,
    prose_sentences,
    usable,
    with_leads,
)
from tutor.engine.offline.writing.giveaways import cut_short
from tutor.negation import NEGATIONS, negation_count
from tutor.text import STOPWORDS, content_stems, lower_first, words

MAX_ITEMS = 2
NEAR_TEXT_CHARS = 250
CONDITION_CHARS = (8, 140)
OUTCOME_CHARS = (12, 170)
MIN_OUTCOME_WORDS = 3
MAX_CONDITION_WORDS = 12
HEADING_CHARS = (3, 60)

_OPENING = re.compile(r"^(?:If|When)\s+(?P<condition>[^,;:]+?),\s*(?:then\s+)?"
                      r"(?P<outcome>[^;]+?)\s*$")
"""A sentence (or its part before "otherwise") stating one case: "If C, O"."""
_OTHERWISE_INSIDE = re.compile(r"[;,]\s*(?:and\s+)?otherwise,?\s+", re.I)
_SECOND_IF = re.compile(r";\s*(?:and\s+|but\s+)?(?=(?:if|when)\s)|,\s*(?:and|but|while)\s+(?=(?:if|when)\s)",
                        re.I)
"""Where a sentence's second case starts: "If C1, O1; if C2, O2", "..., and if C2, O2"."""
_OTHERWISE_OPENING = re.compile(r"^Otherwise,?\s+(?P<outcome>.+?)\s*$")
_UNFINISHED = re.compile(r"\b(?:can|may|must|will|should|would|could|shall|be|been|being)$",
                         re.I)
_NESTED = re.compile(r"(?:if|when|unless|whether)\b", re.I)
_FURTHER_CASE = re.compile(r"\botherwise\b", re.I)
"""An outcome that opens another condition: a third case, not the first one's outcome."""
_READER = frozenset(("you", "your", "we", "our"))
_POINTING = frozenset(("this", "that", "these", "those", "such"))
"""An outcome opening with one of these points at something the item does not show."""
_FORMULA = re.compile(r"[=<>≤≥≠]")
_ASIDE = re.compile(r"\([^()]*\)")
_VAGUE_SUBJECT = frozenset(("it", "this", "that", "these", "those", "they", "such", "so"))
"""A condition opening with one of these leans on the sentence before it."""
_FRAME = frozenset(("a", "an", "the", "is", "are", "does", "do", "has", "have", "be", "been"))
"""Words two opposite conditions may differ in besides the negation ("is not set" / "is
set", "does not exist" / "exists")."""


@dataclass(frozen=True)
class CaseRule:
    """Two opposite cases a manual states with their outcomes."""

    text: str
    """The manual's sentence or two sentences."""
    first: str
    """The first case's condition ("override is false")."""
    second: str | None
    """The second case's condition, or None for "otherwise"."""
    first_outcome: str
    second_outcome: str


def case_rules(text: str) -> list[CaseRule]:
    """The two-case rules stated in a passage's prose."""
    return list(_rules(text))


@lru_cache(maxsize=4096)
def _rules(text: str) -> tuple[CaseRule, ...]:
    if "if " not in text.lower() and "when " not in text.lower():
        return ()
    found: list[CaseRule] = []
    said = prose_sentences(text)
    for i, sentence in enumerate(said):
        if not usable(sentence):
            continue
        rule = _within(sentence)
        if rule is None and i + 1 < len(said) and usable(said[i + 1]):
            # the next sentence only: a case stated further on is often of another call
            # ("override is nil" two sentences after "override is false")
            rule = _across(sentence, said[i + 1])
        if rule is not None and _fit(rule):
            found.append(rule)
    return tuple(found)


def _body(sentence: str) -> str:
    return sentence.strip().rstrip(".").strip()


def _within(sentence: str) -> CaseRule | None:
    """ "If C, O1; otherwise O2." or "If C1, O1; if C2, O2." in one sentence."""
    parts = _OTHERWISE_INSIDE.split(_body(sentence))
    if len(parts) == 2:
        opening = _OPENING.match(parts[0])
        if opening is None:
            return None
        return CaseRule(sentence, opening["condition"], None, opening["outcome"], parts[1])
    parts = _SECOND_IF.split(_body(sentence))
    if len(parts) != 2:
        return None
    opening, second = _OPENING.match(parts[0]), _OPENING.match(parts[1][:1].upper() + parts[1][1:])
    if opening is None or second is None or not opposite(opening["condition"],
                                                         second["condition"]):
        return None
    return CaseRule(sentence, opening["condition"], second["condition"], opening["outcome"],
                    second["outcome"])


def _across(sentence: str, following: str) -> CaseRule | None:
    """ "If C1, O1. If C2, O2." (C2 the opposite of C1) or "If C, O1. Otherwise, O2." """
    opening = _OPENING.match(_body(sentence))
    if opening is None:
        return None
    text = f"{sentence} {following}"
    otherwise = _OTHERWISE_OPENING.match(_body(following))
    if otherwise is not None:
        return CaseRule(text, opening["condition"], None, opening["outcome"],
                        otherwise["outcome"])
    second = _OPENING.match(_body(following))
    if second is not None and second["condition"].lower() == "not":
        return CaseRule(text, opening["condition"], None, opening["outcome"],
                        second["outcome"])  # "If not, ...": otherwise
    if second is None or not opposite(opening["condition"], second["condition"]):
        return None
    return CaseRule(text, opening["condition"], second["condition"], opening["outcome"],
                    second["outcome"])


def opposite(first: str, second: str) -> bool:
    """Whether two conditions set two cases of one thing apart: the same words save a
    negation ("the argument is exact" / "the argument is not exact"), the same words save one
    ("override is false" / "override is true"; "persist is specified" / "server is
    specified"), or the same subject with another state ("the argument is an integer" /
    "the argument is real")."""
    first, second = _ASIDE.sub(" ", first), _ASIDE.sub(" ", second)  # "(the default)"
    bare_a = [w for w in words(first) if w not in _FRAME and w not in NEGATIONS]
    bare_b = [w for w in words(second) if w not in _FRAME and w not in NEGATIONS]
    if not bare_a or not bare_b:
        return False
    if bare_a == bare_b:
        return (negation_count(first) % 2) != (negation_count(second) % 2)
    if len(bare_a) == len(bare_b) >= 2 and negation_count(first) == negation_count(second):
        changed = {(x, y) for x, y in zip(bare_a, bare_b, strict=True) if x != y}
        # "override is false" / "override is true": one word changed wherever it stands;
        # never the subject ("timeout is given" / "notification is given" are two arguments,
        # both may be given) nor a pronoun for a name ("you do not provide FontFace" / "you do
        # not provide it" is one case said twice)
        return (len(changed) == 1 and bare_a[0] == bare_b[0]
                and not set(next(iter(changed))) & STOPWORDS)
    # "the assign attribute is not specified" / "neither assign nor default attribute is
    # specified": the second is a part of the first case, not the other one
    nested = set(bare_a) <= set(bare_b) or set(bare_b) <= set(bare_a)
    return (bare_a[0] == bare_b[0] and bare_a[0] not in STOPWORDS and not bare_a[0].isdigit()
            and not nested and max(len(bare_a), len(bare_b)) <= MAX_CONDITION_WORDS)


def _fit(rule: CaseRule) -> bool:
    """A rule the item can show: conditions that name their subject, outcomes of sane
    length that say different things, no code run into the prose."""
    conditions = [rule.first] + ([rule.second] if rule.second else [])
    for condition in conditions:
        if not CONDITION_CHARS[0] <= len(condition) <= CONDITION_CHARS[1]:
            return False
        if condition.split()[0].lower() in _VAGUE_SUBJECT or _FORMULA.search(condition):
            return False  # leans on the sentence before; a formula the PDF flattened
        if condition.split()[0].lower() in _READER:
            return False  # "if you are using Anaconda": the reader's situation, not the idea
    outcomes = (rule.first_outcome, rule.second_outcome)
    for outcome in outcomes:
        if not OUTCOME_CHARS[0] <= len(outcome) <= OUTCOME_CHARS[1]:
            return False
        if len(outcome.split()) < MIN_OUTCOME_WORDS or outcome.endswith(":"):
            return False
        if outcome.split()[0].lower() in _POINTING:
            return False  # "this attribute contains ...": which one, the item cannot say
        if cut_short(outcome) or _UNFINISHED.search(outcome) or _NESTED.match(outcome) or (
                _FURTHER_CASE.search(outcome)):
            return False  # "two different values can be": the rest is past a line break
        if re.search(r"[.!?]\s+\S", outcome):
            return False  # a second sentence (or a page's residue) run on
    if re.search(r"\.\s\.\s\.|…|\(see\b|\bsee\s", rule.text, re.I):
        return False
    if any(_unbalanced(part) for part in (*conditions, *outcomes)):
        return False  # "if m means 'It is Monday": a comma inside a quotation cut it
    if re.search(r"\bnothing\b", rule.second_outcome, re.I):
        return False  # beside the option "Nothing: ..." the key would read as a trick
    first, second = (set(content_stems(o)) for o in outcomes)
    return bool(first) and bool(second) and first != second


def _unbalanced(text: str) -> bool:
    """Whether a quotation or a bracket opens in the text and closes outside it."""
    straight = len(re.findall(r"(?<!\w)'|'(?!\w)", text)) % 2 or text.count('"') % 2
    curly = text.count("‘") != len(re.findall(r"’(?!\w)", text)) or (
        text.count("“") != text.count("”"))
    return bool(straight or curly or text.count("(") != text.count(")"))


def write_case_rules(m: Material, passages: Sequence[Chunk]) -> list[Exercise]:
    """Up to :data:`MAX_ITEMS` "what happens in this case" items on two-case rules stated in
    or just after text naming the concept."""
    found: list[tuple[CaseRule, list[Citation], str]] = []
    # the explanation shows the defining sentence: the map's and the one found on the page
    defining = [flat[:60] for text in (m.sentence, m.concept.definition)
                if text and len(flat := " ".join(text.split())) >= 20]
    for chunk, lead, cited in with_leads(m, passages):
        flat = " ".join(chunk.text.split())
        for rule in case_rules(chunk.text):
            said = " ".join(rule.text.split())
            at = flat.find(said[:40])
            before = (" ".join(lead.split()[-80:]) + " " + flat[: max(at, 0)])[-NEAR_TEXT_CHARS:]
            named = m.pattern.search(rule.text) or m.pattern.search(before) or (
                m.pattern.search(chunk.heading))
            if not named or any(rule.text == r.text for r, _, _ in found):
                continue
            if any(d in said for d in defining):
                continue
            found.append((rule, cited, chunk.heading))
    return [_item(m, rule, cited, heading, n)
            for n, (rule, cited, heading) in enumerate(found[:MAX_ITEMS], 1)]


def _case(condition: str | None) -> str:
    return f"if {lower_first(condition)}" if condition else "otherwise (case 1 does not hold)"


NO_EFFECT = "Nothing: the manual states no effect in this case."
"""The third option: wrong by the page, which states the asked case's outcome. (Another
rule's outcome on the same idea is no safe option: "missing data will cause an error" holds
in a case that is part of the one asked.)"""


def _item(m: Material, rule: CaseRule, cited: list[Citation], heading: str, n: int) -> Exercise:
    """Case 2 asked, both conditions shown: its outcome, case 1's (the learner who does not
    tell the cases apart) and "nothing"."""
    first = _outcome(rule.first_outcome)
    key = _outcome(_named(rule.second_outcome, rule.first_outcome))
    options = [(first, "gives case 2 the outcome the manual states for case 1"),
               (NO_EFFECT, "takes case 2 to change nothing")]
    exercise_id = f"{m.concept.id}-cases-{n}"
    choices = [key, *(text for text, _ in options)]
    random.Random(item_seed(exercise_id)).shuffle(choices)
    prompt = (f"{_opening(heading)} manual states what happens in two cases.\n\n"
              f"Case 1: {_case(rule.first)}.\nCase 2: {_case(rule.second)}.\n\n"
              "What happens in case 2?")
    return Exercise(
        id=exercise_id, concept_id=m.concept.id, kind=ExerciseKind.MULTIPLE_CHOICE,
        prompt=prompt, answer=key, choices=choices, misconceptions=dict(options),
        explanation=f"The manual states: \"{' '.join(rule.text.split())}\" ({cited[0].label()})",
        citations=cited, difficulty=0.55, origin=ExerciseOrigin.WORKED_EXAMPLE,
        checked_by="page")


def _opening(heading: str) -> str:
    """The prompt's opening words, naming the section the rule is stated in ("In the section
    "Memos", the"), not the concept: the rule asked under two concepts is one question
    (:func:`tutor.study.exercise_steps._asked_once` gives it to one of them)."""
    title = _NUMBERING.sub("", " ".join(heading.split())).strip(" .:")
    if not HEADING_CHARS[0] <= len(title) <= HEADING_CHARS[1] or '"' in title:
        return "The"
    return f'In the section "{title}", the'


_NUMBERING = re.compile(r"^(?:chapter\s+)?\d+(?:\.\d+)*\.?\s*:?\s*", re.I)
_SUBJECT = re.compile(r"^(?P<subject>(?:the|a|an)\s+[\w-]+(?:\s+[\w-]+){0,2}?)\s+"
                      r"(?:is|are|was|were|will|can|must|should|has|have|does|do)\b", re.I)


def _named(outcome: str, first: str) -> str:
    """The second outcome with an opening "it" or "they" said as the first outcome's subject
    ("the set is a simple set, otherwise it is an array" -> "the set is an array"): the item
    shows the outcome without the sentence it leaned on."""
    pronoun = re.match(r"(?:it|they)\b", outcome, re.I)
    subject = _SUBJECT.match(first)
    if pronoun is None or subject is None:
        return outcome
    return subject["subject"].lower() + outcome[pronoun.end():]


def _outcome(text: str) -> str:
    """An outcome as an option shows it: a capital first, a full stop last."""
    text = text.strip().rstrip(".;, ")
    return f"{text[:1].upper()}{text[1:]}."
