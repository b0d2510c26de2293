"""Worked examples the book computes: the case it gives, the result it states.

A book that teaches a calculation often works one through: "Suppose I harvest three pumpkins
that are 1 pound each, two that are 3 pounds each, and one that weighs 591 pounds. The mean of
this sample is 100 pounds", "In the example, σ is 7.5 kg and n is 9, so the standard error is
2.5 kg". Such a passage gives the learner something to do with the idea: the item shows the
case and asks for the result, keyed to the number the book states (the learner computes; a
numeric answer within the key's rounding is right, :func:`tutor.answers.same_number`).

The book's own signals find them, not one book's phrasing: a case opened by a cue that a
case follows ("for example", "suppose", "if", "in this example"), then, in the same sentence
or within a few sentences, a stated result naming the concept ("the <concept> ... is <number>").
The case must give at least two numbers of its own, none of them the result (else there is
nothing to compute, or the result is read off; a median picked from a list would also be
masked in the case by the lesson's withholding), and nothing in it is code (a session at the
prompt is what the code-output items ask). The prompt stops at the result: what the book
says after it is never shown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from tutor.course import Chunk, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.writing.checking import BLANK
from tutor.engine.offline.writing.exercise_material import Material
from tutor.sentences import passage_sentences
from tutor.text import STOPWORDS

MAX_ITEMS = 2
"""Worked examples asked per concept."""
CASE_SENTENCES = 3
"""How many sentences before the result the case may start."""
MAX_CASE_CHARS = 480
MIN_CASE_NUMBERS = 2

_CUE = re.compile(r"\b(?:for example|for instance|as an example|as another example|suppose|"
                  r"imagine|consider|e\.g\.|in (?:this|the|our) example|if)\b", re.I)
_BACK = re.compile(r"\bin (?:this|the|our) example\b", re.I)
"""A result pointing back at the example just given ("In this example, x̄ is 0.155"): the
nearest sentences before it giving the numbers are the case."""
_CONSEQUENCE = re.compile(r"(?:^|[,;]\s*)(?:so|thus|therefore|hence)\s+[^,;]*$", re.I)
"""A result drawn from what was just said ("..., so my percentile rank is", "So the mean
is"): the sentence before it, or its own first clause, is the case."""
_DISPLAY_LINE = re.compile(r"^[ \t]*(?P<call>(?P<term>[^\W\d][^\n()=]{0,40}?)[ \t]*"
                           r"\((?P<arg>[^()\n]{1,20})\))[ \t]*=[ \t]*(?P<value>-?\d+(?:\.\d+)?)"
                           r"[ \t]*$", re.M)
MIN_DISPLAY_LINES = 2
"""A display of results ("CDF(0) = 0", "CDF(1) = 0.2", ... each on its own line) has at
least this many lines."""
_NUMBER = re.compile(r"(?<![\w.:/])-?\d+(?:,\d{3})*(?:\.\d+)?(?![\w:/]|\.\d)")
"""A literal number standing alone: not part of a name ("M5059", "10K"), a time ("42:44") or
a date."""
_CODE = re.compile(r">>>|\bdef |\bimport |\breturn |[\w)\]]\.[a-z_]+\(|==|\w\[")
_VERB = (r"(?:is|was|are|were|would be|will be|comes to|works out to|equals)\s+"
         r"(?:about\s+|approximately\s+|roughly\s+|around\s+|exactly\s+)?")
_VALUE = r"(?P<value>-?\d+(?:,\d{3})*(?:\.\d+)?)(?P<unit>\s*%|\s+[a-z]+\b)?"
_ANY_RESULT = re.compile(rf"\b{_VERB}-?\d")
"""A number stated at all: the passages without one are not read further."""
_AFTER = re.compile(r"(?:[.,;:)]|\s|$)")
_DETERMINED = re.compile(r"(?:^|[,;:]|\b(?:the|a|an|my|your|our|its|their|his|her)\s*)\s*$",
                         re.I)
_INSIDE = re.compile(r"\b(?:of|in|for|from|on|at|with|by|to|between|among)\s+"
                     r"(?:(?:the|a|an|this|that|these|those|its|their|our|my|each|every)\s+)?$",
                     re.I)
"""What may stand before the concept a result is stated of (a determiner, or nothing: not
"total probability"), and what may not (a preposition: "the mean of this sample" is no
result of sample)."""
_QUALIFIER = re.compile(r"^\s*(?:[(,]|(?:of|in|for|from|on|at|among|based on|after|before|"
                        r"with|without|under)\b)", re.I)
CLAUSE = re.compile(r"\b(?:that|and|but|which|who|so|because|then|when|while)\b", re.I)
"""A clause, not a phrase, qualifying the concept a result is stated of ("..., and report
that ...")."""
_SYMBOL = r"[A-Za-z][\u00af\u0304^]|[\u0370-\u03ff]|[A-Z]\s\d(?!\d)"
"""A symbol a book writes a concept with: a letter with a bar or hat ("x¯"), a Greek letter,
a capital with its exponent as the PDF sets it ("R 2")."""
_NOTATION = re.compile(rf",\s+(?:(?:usually|often)\s+)?(?:(?:denoted|written)\s+)?"
                       rf"(?P<symbol>{_SYMBOL})(?=,|\s+and\b|\.)")
_LIST_LINE = re.compile(r":\n(\[-?\d+(?:\.\d+)?(?:,\s*-?\d+(?:\.\d+)?)+\])\n")
_TABLE = re.compile(r"(?:-?\d+(?:\.\d+)?[\s-]+){6,}")


@lru_cache(maxsize=4096)
def result_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """"[the] <term> [qualifier] is [about] <number> [unit]", the result naming the concept;
    an arithmetic the sentence shows on the way ("would be 100 * 4 / 5 which is 80") is cut
    with the result."""
    names = "|".join(r"\s+".join(re.escape(w) for w in t.split())
                     for t in sorted(terms, key=len, reverse=True) if t.strip())
    return re.compile(rf"(?<![\w-])(?P<term>{names})(?![\w-])(?P<rest>[^.;:?!]{{0,70}}?)"
                      rf"(?P<verb>\b{_VERB}|\s*=\s*)(?:[^.;:?!]{{0,30}}?\bwhich is\s+)?"
                      rf"{_VALUE}", re.I)


def _listed(text: str) -> str:
    """The text with a list of numbers set on its own line after a colon ("a random sample
    drawn from it:" / "[-0.441, 1.774, ...]") read into the sentence that introduces it."""
    return _LIST_LINE.sub(r": \1.\n", text) if ":\n[" in text else text


def _numbers(text: str) -> set[str]:
    return {_plain(n) for n in _NUMBER.findall(text)}


def _plain(number: str) -> str:
    return number.replace(",", "").lstrip("+")


def named_terms(m: Material) -> list[str]:
    """The names a result may give the concept: not a shorter alias made of the name's own
    words ("rank" for "percentile rank" is another idea, the rank in a sorted list); with the
    symbol the book writes it with (:func:`notations`)."""
    own = set(m.concept.name.lower().split())
    names = [t for t in m.terms
             if not (set(t.lower().split()) < own and len(t.split()) < len(own))]
    return [*names, *(n for n in notations(m) if n not in names)] if names else []


def notations(m: Material) -> list[str]:
    """The symbols the concept's passages give it where they name it: "the mean, x̄, is ...",
    "the coefficient of determination, usually denoted R 2 and ..." (a letter with a mark,
    a Greek letter, or a letter with its exponent; never a word)."""
    names = [" ".join(t.lower().split()) for t in m.terms if t.strip()]
    found: list[str] = []
    for chunk in m.ordered:
        for before, symbol in symbols_given(chunk.text):
            if symbol not in found and any(
                    before.endswith(n) and not before[: -len(n)][-1:].isalnum() for n in names):
                found.append(symbol)
    return found


@lru_cache(maxsize=4096)
def symbols_given(text: str) -> tuple[tuple[str, str], ...]:
    """Each symbol the text gives a name (", usually denoted R 2 and"), with the text before
    it (lower case, spaces made single) that should end with the name; read once per
    passage."""
    return tuple((" ".join(text[max(0, m.start() - 80): m.start()].lower().split()),
                  m["symbol"]) for m in _NOTATION.finditer(text))


def stated_by_subject(sentence: str, match: re.Match[str]) -> bool:
    """Whether the term is what the result is stated of: not inside a longer name ("percentile
    rank" for percentile, "total probability") or a phrase about something else ("the mean of
    this sample" for sample), and its qualifier is a phrase, not a clause ("..., and report
    that ...")."""
    if not stated_of(sentence[: match.start()]):
        return False
    rest = match["rest"]
    return not rest.strip() or bool(_QUALIFIER.match(rest)) and not CLAUSE.search(rest)


def stated_of(before: str) -> bool:
    """Whether a mention of a concept preceded by ``before`` (its sentence up to the mention)
    may be what a result is stated of: after a determiner or nothing, not inside a longer name
    ("total probability") or a phrase about something else ("the mean of this sample")."""
    return bool(_DETERMINED.search(before)) and not _INSIDE.search(before)


def _flattened_table(text: str) -> bool:
    """A run of bare numbers: a table the text lost the layout of."""
    return bool(_TABLE.search(text))


def find_worked_examples(m: Material, passages: Sequence[Chunk]) -> list[tuple[str, str, str,
                                                                                list[Chunk]]]:
    """(case, result stem, key, passages) for each worked example naming the concept: the
    case text, the result sentence up to the blank with its unit after it, the stated number,
    the passages it is on (two when the sentence runs over a page break)."""
    terms = named_terms(m)
    if not terms:
        return []
    pattern: re.Pattern[str] | None = None  # compiled when a passage states a number at all
    found: list[tuple[str, str, str, list[Chunk]]] = []
    seen: set[str] = set()
    by_place = {(c.source, c.order): c for c in passages}
    for chunk in passages:
        found += _displayed(terms, chunk, seen)
        if not _ANY_RESULT.search(chunk.text):
            continue
        pattern = pattern or result_pattern(tuple(terms))
        if not pattern.search(" ".join(chunk.text.split())):
            continue
        sentences = passage_sentences(_listed(chunk.text))
        cited = [chunk]
        before = by_place.get((chunk.source, chunk.order - 1))
        if before is not None and sentences and (sentences[0][:1].islower()
                                                  or sentences[0][:1].isdigit()):
            # a sentence running over a page break: the case starts on the page before
            earlier = passage_sentences(before.text)
            if earlier and not earlier[-1].endswith((".", "?", "!", ":")):
                sentences = [*earlier[:-1], f"{earlier[-1]} {sentences[0]}", *sentences[1:]]
                cited = [before, chunk]
        for index, sentence in enumerate(sentences):
            for match in pattern.finditer(sentence):
                value = _plain(match["value"])
                if (not _AFTER.match(sentence[match.end():]) or value in seen
                        or not stated_by_subject(sentence, match)):
                    continue
                case = _case(sentences, index, sentence[: match.start()], value)
                if case is None:
                    continue
                unit = (match["unit"] or "").strip()
                if unit.lower() in STOPWORDS:  # "is 3 because ...": no unit
                    unit = ""
                stem = f"{match['term']}{match['rest']}".strip()
                verb = " ".join(match["verb"].split())
                result = f"{stem} {verb} {BLANK}{' ' + unit if unit and unit != '%' else unit}"
                seen.add(value)
                found.append((case, result, match["value"], cited))
    return found


@lru_cache(maxsize=4096)
def _display_lines(text: str) -> tuple[re.Match[str], ...]:
    """The lines of a passage setting one evaluation each ("CDF(2) = 0.6"); read once."""
    return tuple(_DISPLAY_LINE.finditer(text)) if "=" in text else ()


def _displayed(terms: Sequence[str], chunk: Chunk,
               seen: set[str]) -> list[tuple[str, str, str, list[Chunk]]]:
    """Results the book sets as a display after a case, one evaluation a line ("As an
    example, suppose we collect a sample with the values [1, 2, 2, 3, 5]. Here are some
    values from its CDF: CDF(0) = 0 / CDF(1) = 0.2 / ..."): each evaluation of the concept
    asked after the case, the last lines first (they need the most of it), none whose value
    the case gives. The line introducing the display ("Here are some values ...:") is left
    out of the case."""
    names = {" ".join(t.lower().split()) for t in terms}
    lines = [line for line in _display_lines(chunk.text)
             if " ".join(line["term"].lower().split()) in names]
    if len(lines) < MIN_DISPLAY_LINES:
        return []
    before = passage_sentences(chunk.text[: lines[0].start()])
    while before and before[-1].rstrip().endswith(":"):
        before.pop()
    found: list[tuple[str, str, str, list[Chunk]]] = []
    for line in reversed(lines):
        value = _plain(line["value"])
        if value in seen:
            continue
        case = _case([*before, ""], len(before), "", value)
        if case is None:
            continue
        seen.add(value)
        found.append((case, f"{' '.join(line['call'].split())} = {BLANK}", line["value"],
                      [chunk]))
    return found


def _case(sentences: list[str], index: int, lead: str, value: str) -> str | None:
    """The case before the result: from the nearest sentence opened by a cue that gives at
    least :data:`MIN_CASE_NUMBERS` numbers, none of them the result (or, for a result drawn
    from what was just said, "So ...", the sentence before it or its own first clause; for
    one pointing back, "In this example, ...", the nearest sentences giving the numbers);
    ``None`` when there is none, or it holds code, a lost display ("Here are some values:")
    or a flattened table."""
    drawn = bool(_CONSEQUENCE.search(lead))
    back = bool(_BACK.search(lead))
    for opening in range(index, max(-1, index - CASE_SENTENCES - 1), -1):
        said = sentences[opening] if opening < index else lead
        if not _CUE.search(said) and not (drawn and opening >= index - 1) and not (
                back and opening < index):
            continue
        parts = [*sentences[opening:index], lead] if opening < index else [lead]
        case = " ".join(parts).strip()
        numbers = _numbers(case)
        if len(numbers) < MIN_CASE_NUMBERS:
            continue
        if (len(case) > MAX_CASE_CHARS or value in numbers or _CODE.search(case)
                or _flattened_table(case) or any(p.rstrip().endswith(":") for p in parts[:-1])):
            return None
        return case
    return None


def write_worked_examples(m: Material, passages: Sequence[Chunk]) -> list[Exercise]:
    """Up to :data:`MAX_ITEMS` items asking the result of a worked example the book
    computes, keyed to the number it states and cited on its page."""
    items: list[Exercise] = []
    for case, result, key, chunks in find_worked_examples(m, passages)[:MAX_ITEMS]:
        citations = [c.citation() for c in chunks]
        citation = citations[-1]  # the page that states the result
        if not case or case.endswith((".", "?", "!")):  # the result opens a sentence
            result = f"{result[0].upper()}{result[1:]}"
        prompt_body = f"{case} {result}.".strip()
        # no page in the prompt: its number may be the key
        prompt = f"Work it out (a worked example of the course): {prompt_body}"
        exercise_id = f"{m.concept.id}-worked-{len(items) + 1}"
        items.append(Exercise(
            id=exercise_id, concept_id=m.concept.id, kind=ExerciseKind.CLOZE,
            prompt=prompt, answer=key, accepted=[],
            explanation=(f"The course works it out: {result.replace(BLANK, key)} "
                         f"({citation.label()})."),
            citations=citations, difficulty=0.6, origin=ExerciseOrigin.WORKED_EXAMPLE,
        ))
    return items
