"""Offline answers to a learner's free question: the best sentences of the course, cited.

The answer is extractive: the passages (already retrieved for the question) are split into
sentences, each sentence is scored by the question's content words it contains (weighted by
how rare each word is among the passages). The question is read first
(:mod:`tutor.engine.offline.tutoring.question_reading`): asked what a subject is, a sentence
that defines it ("Logic is ...", "we can define an argument as ...") counts double, one that
defines another term with its word ("A logically true sentence is called a tautology" for
"what is a logic?") counts less, one that does not name it at all half; a comparison quotes
the best sentence on each side. Captions and table scraps are never an answer, a sentence cut
off counts half. The best sentences are returned in reading order with their page citations.

Two honest refusals (``found=False``): a question about something the passages never name (a
name the learner typed, or a rare word of its subject: :func:`uncovered_words`) is told the
course does not seem to cover it; when no sentence shares enough with the question, the answer
says it found none.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections import Counter
from collections.abc import Sequence

from tutor.course import Chunk, Citation
from tutor.engine.offline.tutoring.question_reading import (
    COMPARISON,
    DEFINITION,
    HOW,
    OTHER,
    WHY,
    ReadQuestion,
    answer_form,
    question_words,
    read_question,
)
from tutor.engine.port import GroundedAnswer
from tutor.ingest.cleaning import looks_like_code
from tutor.sentences import is_prose_line, passage_sentences
from tutor.text import content_stems, general_zipf, holds_symbol, symbol_phrase, words

QUESTION_WORDS = frozenset(
    "explain tell mean means meaning define definition please know understand example".split()
)
"""Words of how a question is asked, not of what it is about."""
_DEFINING = re.compile(r"\b(is|are|refers? to|means|is called|are called|denotes|defined as)\b")
_NAMING = re.compile(r"\bdefines?\s+(.{1,40}?)\s+as\b|\b(?:is|are)\s+(?:called|known\s+as)\s+"
                     r"([^,.;:()]{1,40})", re.IGNORECASE)
_CAPTION = re.compile(r"^\s*(?:figure|fig\.|table|listing)\s+[\dA-Z][\d.]*\s*[:.]", re.I)

MIN_SCORE = 1.2
"""Least score (sum of matched word weights) for a sentence to count as an answer. A single
common word does not reach it; one rare content word of the question (or two ordinary ones)
does."""
MAX_SENTENCES = 3
SYMBOL_WEIGHT = 2 * MIN_SCORE
"""A unit that writes the notation asked about (":=" in "what does := do?", which has no
content word to score by) scores this much more."""
SPECIFIC_ZIPF = 4.5
"""A question word rarer than this in general English (Zipf scale: "problem" 5, "regression"
3.5) says what the question is about; when no passage holds it, the course does not cover it."""
_CODE_MARK = "\x00code\x00"
"""Starts a unit that is a code block (never part of passage text)."""


def content_terms(text: str) -> list[str]:
    """Stemmed words of a question or passage that carry meaning (stopwords and the words of
    asking left out)."""
    return content_stems(text, drop=QUESTION_WORDS)


def _weights(question_terms: set[str], sentences: Sequence[str]) -> dict[str, float]:
    """Inverse sentence frequency of each question term among the candidate sentences."""
    frequency: Counter[str] = Counter()
    for sentence in sentences:
        frequency.update(set(content_terms(sentence)) & question_terms)
    total = max(len(sentences), 1)
    return {t: 1.0 + math.log((total + 1) / (frequency[t] + 0.5)) for t in question_terms}


def passage_units(text: str) -> list[str]:
    """A passage as answer units, in order: its prose sentences, and each block of code (a run
    of program lines, with the output lines after them) whole, lines and indentation kept."""
    units: list[str] = []
    prose: list[str] = []
    code: list[str] = []

    def flush_prose() -> None:
        units.extend(passage_sentences("\n".join(prose)))
        prose.clear()

    def flush_code() -> None:
        if code:
            units.append(_CODE_MARK + textwrap.dedent("\n".join(code)).strip("\n"))
        code.clear()

    for line in text.splitlines():
        if looks_like_code(line) or (code and line.strip() and not is_prose_line(line)):
            flush_prose()
            code.append(line.rstrip())
        else:
            flush_code()
            prose.append(line)
    flush_code()
    flush_prose()
    return units


def _is_code(unit: str) -> bool:
    return unit.startswith(_CODE_MARK)


def _shown(unit: str) -> str:
    """A unit as the answer shows it: a sentence quoted, a code block fenced."""
    if _is_code(unit):
        return "```\n" + unit[len(_CODE_MARK):] + "\n```"
    return f"> {unit}"


def _defines(sentence: str, subject_terms: set[str]) -> bool | None:
    """Whether ``sentence`` defines the subject (its terms open it, before a defining verb a
    few words in): ``True``; defines something else: ``False``; defines nothing: ``None``."""
    for naming in _NAMING.finditer(sentence):  # "we can define an argument as ...",
        term = naming.group(1) or naming.group(2)  # "this is called an inclusive or"
        if subject_terms and set(content_terms(term)) == subject_terms:
            return True
    match = _DEFINING.search(sentence.lower())
    if match is None:
        return None
    lead = sentence[: match.start()]
    if len(words(lead)) > len(subject_terms) + 4 or not subject_terms:
        return None
    opening = set(content_terms(lead))
    after = content_terms(sentence[match.end():])[:1]  # "A set is consistent if ..."
    if opening == subject_terms or (opening and opening | set(after) == subject_terms):
        return True
    return None if opening & subject_terms else False


def _readable(unit: str) -> float:
    """How much a prose unit reads as a sentence: 0 for scraps (a table's row of numbers and
    names, a few words), 0.5 for a sentence cut off (no closing punctuation), else 1."""
    if _CAPTION.match(unit):
        return 0.0
    tokens = unit.split()
    lettered = [t for t in tokens if any(ch.isalpha() for ch in t)]
    if len(lettered) < 4 or len(lettered) < 0.6 * len(tokens):
        return 0.0
    return 1.0 if unit.rstrip().endswith((".", "!", "?", ":", ")", '"', "”", "’")) else 0.5


def _score(sentence: str, question_terms: set[str], weights: dict[str, float],
           form: str, subjects: list[set[str]]) -> float:
    terms = set(content_terms(sentence))
    matched = terms & question_terms
    if not matched:
        return 0.0
    score = sum(weights[t] for t in matched)
    if form in (DEFINITION, COMPARISON) and subjects:
        about = [s for s in subjects if s and s & terms]
        if not about:
            score *= 0.5  # about none of the things asked after
        defined = [_defines(sentence, s) for s in subjects]
        if any(d is True for d in defined):
            score *= 2.0
        elif all(d is False for d in defined):
            score *= 0.7  # the definition of another term
    elif form == DEFINITION and _DEFINING.search(sentence.lower()):
        score *= 1.3
    # Prefer sentences of readable length: very long ones dilute the answer.
    return score / (1.0 + max(0, len(words(sentence)) - 40) / 40)


def _symbol_score(sentence: str, code: bool) -> float:
    """What writing the notation the question asks about (``:=``) is worth to a unit: enough to
    answer by itself, more for a sentence that says what it is or does than for code using it."""
    if code:
        return SYMBOL_WEIGHT / 2
    return SYMBOL_WEIGHT * (1.5 if _DEFINING.search(sentence.lower()) else 1.0)


def answer_question(question: str, passages: Sequence[Chunk]) -> GroundedAnswer:
    """Answer ``question`` from ``passages`` with the best-matching sentences, cited; a code
    block right after a chosen sentence (its example) comes with it, whole. A question about
    something none of the passages names gets the answer that the course does not cover it;
    a comparison gets the best sentence on each side."""
    question_terms = set(content_terms(question))
    candidates: list[tuple[str, Chunk, int]] = []
    following: dict[tuple[str, int], str] = {}
    for chunk in passages:
        units = passage_units(chunk.text)
        for position, unit in enumerate(units):
            candidates.append((unit, chunk, position))
            if position + 1 < len(units) and _is_code(units[position + 1]):
                following[(chunk.id, position)] = units[position + 1]
    reading = read_question(question)
    symbols = [found for found in map(symbol_phrase, reading.subjects) if found]
    if not (question_terms or symbols) or not candidates:
        return _not_found(question)
    missing = uncovered_words(question, [chunk.text for chunk in passages], reading)
    if missing:
        return _not_covered(question, missing)
    subjects = [set(content_terms(s)) for s in reading.subjects]
    weights = _weights(question_terms, [c[0] for c in candidates])
    form = answer_form(reading, question)
    scored: list[tuple[float, int]] = []
    for index, (unit, _chunk, _position) in enumerate(candidates):
        code = _is_code(unit)
        sentence = unit[len(_CODE_MARK):] if code else unit
        score = _score(sentence, question_terms, weights, form, subjects)
        if any(holds_symbol(sentence, symbol) for symbol in symbols):
            score += _symbol_score(sentence, code)
        if not code:
            score *= _readable(sentence)
        if score > 0:
            scored.append((score, index))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    if not scored or scored[0][0] < MIN_SCORE:
        return _not_found(question)
    best = scored[0][0]
    chosen = [i for score, i in scored[:MAX_SENTENCES] if score >= 0.6 * best]
    if form == COMPARISON:
        chosen = _each_side(scored, candidates, subjects, chosen)
    chosen.sort(key=lambda i: (candidates[i][1].order, candidates[i][1].id, candidates[i][2]))
    lines: list[str] = []
    citations: list[Citation] = []
    shown: set[str] = set()
    for i in chosen:
        unit, chunk, position = candidates[i]
        citation = chunk.citation()
        if unit in shown:
            continue
        shown.add(unit)
        lines.append(f"{_shown(unit)}\n*({citation.label()})*" if _is_code(unit)
                     else f"{_shown(unit)} *({citation.label()})*")
        example = following.get((chunk.id, position))
        if example is not None and example not in shown:
            shown.add(example)
            lines.append(_shown(example))
        if citation not in citations:
            citations.append(citation)
    intro = "Here is what the course says:" if len(chosen) > 1 else "The course says:"
    return GroundedAnswer(
        question=question,
        text=intro + "\n\n" + "\n\n".join(lines),
        citations=citations,
        found=True,
    )


def _each_side(scored: list[tuple[float, int]], candidates: Sequence[tuple[str, Chunk, int]],
               subjects: list[set[str]], chosen: list[int]) -> list[int]:
    """For a comparison: the best sentence naming both sides, if any, and the best naming each
    side (at most :data:`MAX_SENTENCES` in all); ``chosen`` when no side is named."""
    def names(i: int) -> set[str]:
        unit = candidates[i][0]
        return set(content_terms(unit[len(_CODE_MARK):] if _is_code(unit) else unit))

    both = [i for _, i in scored if all(s and s <= names(i) for s in subjects)]
    picked = both[:1]
    for side in subjects:
        own = [i for _, i in scored if side and side <= names(i) and i not in picked]
        picked.extend(own[:1])
    return picked[:MAX_SENTENCES] or chosen


def uncovered_words(question: str, texts: Sequence[str],
                    reading: ReadQuestion | None = None) -> list[str]:
    """The words of ``question`` that say what it is about and that none of ``texts`` holds:
    a name the learner typed (:func:`names_in`), or a word of the question's subject
    (:func:`read_question`; ``reading`` when the caller has read it already) rarer in general
    English than :data:`SPECIFIC_ZIPF`. Common words ("early", "handle") are not counted: a
    question may use them where the course uses others."""
    present: set[str] = set()
    for text in texts:
        present.update(content_terms(text))
    reading = reading or read_question(question)
    named = {n.lower() for n in reading.named}
    about = {w.lower() for s in reading.subjects for w in question_words(s)}
    missing: list[str] = []
    for word in question_words(question):
        bare = re.sub(r"['’]s?$", "", word).lower()
        terms = content_terms(bare)
        if not terms or any(t in present for t in terms + content_terms(_adjective(bare))):
            continue
        if bare in named or (word.lower() in about and general_zipf(bare) < SPECIFIC_ZIPF):
            missing.append(re.sub(r"['’]s?$", "", word))
    missing = list(dict.fromkeys(missing))
    if reading.form in (HOW, WHY, OTHER) and not named & {m.lower() for m in missing}:
        # a task or a reason is phrased in many words: one the course lacks ("in a class
        # hierarchy") is no sign, unless it is half of what the question is about
        subject_terms = {t for s in reading.subjects for t in content_terms(s)}
        lacking = {t for m in missing for t in content_terms(m)}
        if 2 * len(lacking) < len(subject_terms):
            return []
    return missing


def _adjective(word: str) -> str:
    """An adverb's adjective ("lazily": "lazy", "quickly": "quick"); other words as they are."""
    if word.endswith("ily") and len(word) > 5:
        return word[:-3] + "y"
    if word.endswith("ly") and len(word) > 5:
        return word[:-2]
    return word


def _not_covered(question: str, missing: Sequence[str]) -> GroundedAnswer:
    listed = ", ".join(f"“{w}”" for w in missing[:3])
    return GroundedAnswer(
        question=question,
        text=(
            f"I could not find that in the course material: its passages never mention "
            f"{listed}, so the course does not seem to cover it. Ask about one of its "
            "concepts, or with the words the course uses."
        ),
        citations=[],
        found=False,
    )


def _not_found(question: str) -> GroundedAnswer:
    return GroundedAnswer(
        question=question,
        text=(
            "I could not find an answer to that in the course material. Try asking with the "
            "words the course uses, or ask about one of its concepts."
        ),
        citations=[],
        found=False,
    )
