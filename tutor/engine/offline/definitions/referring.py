"""Definitions that refer to the passage just read, made to stand alone.

A book often says what a term is in words that only make sense after the sentence before:
"To be perfectly general, we can define an argument as a series of sentences. The final
sentence in the series is the conclusion." A learner shown the second sentence alone asks
"which series?". A teacher names the thing referred to: "The conclusion is the final sentence
of an argument." This module does so when the sentence before defines the noun referred to,
and recognises the references no sentence can be made general from ("Like sentence 47, ...",
"the other sentences", "in this way"), so that a plainer sentence is looked for instead:

- :func:`refers_back` tells whether a definition leans on such a reference;
- :func:`resolved` restates a naming whose subject is part of "the <noun>" that the sentence
  before defines ("... an argument as a series of sentences." + "The sentences at the
  beginning of the series are premises." -> "Premises are the sentences at the beginning of
  an argument.");
- :func:`named_after_claim` restates a naming of what an example "makes" or "says" ("Like
  sentence 47, it makes an existence claim ...; This is called narrow-scope negation." -> "A
  narrow-scope negation makes an existence claim ...").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

_REFERS = re.compile(
    r"\b(?:the (?:series|list|sequence|rest|remaining \w+)|the other \w+s|(?:sentence|"
    r"example|line|formula|argument|table) \d+\w?|(?:in|by) this way|the (?:former|latter)|"
    r"the previous \w+|(?:above|below)\s*[.,;]|like (?:sentence|example) \w+|(?:on|see) p\. ?\d+|"
    r"(?:look|looks|looked) like this|like this one|as follows)\b|"
    r"^The (?:connective|symbol|operator|sign) is (?:also )?called\b|"
    r"^The [a-z]+ (?:on|in|at) the [\w-]+ (?:side|half|part|end)(?: \([^)]{1,20}\))? (?:is|are) "
    r"(?:also )?called\b", re.IGNORECASE)
"""A phrase that points at what the passage around the sentence showed."""

_PART_NAMED = re.compile(
    r"^The (?P<part>[a-z][a-z ]{2,40}?) (?P<prep>in|of|at the (?:beginning|end|start) of) "
    r"the (?P<whole>[a-z]+) (?P<copula>is|are) (?P<article>the |an? )?(?P<term>[a-z][\w\- ]{1,40})\.$")
"""A naming whose subject is a part of a thing just mentioned ("The final sentence in the
series is the conclusion.")."""
_DEFINES_AS = re.compile(
    r"\b(?:define|defined|call|called)\s+(?P<article>an?|the)\s+(?P<noun>[a-z][\w\-]*(?: [a-z][\w\-]*)?)"
    r"\s+as\s+(?:an?|the)\s+(?P<genus>[a-z]+)\b|"
    r"^(?P<article2>An?|The)\s+(?P<noun2>[a-z][\w\-]*(?: [a-z][\w\-]*)?)\s+is\s+(?:an?|the)\s+"
    r"(?P<genus2>[a-z]+)\b")
"""A sentence that says what a noun is by its genus ("we can define an argument as a series
of sentences", "An argument is a series of ...")."""


def refers_back(text: str) -> bool:
    """True when the definition points at the passage around it ("the series", "the other
    sentences", "sentence 47", "in this way"): shown alone, it needs its page."""
    return bool(_REFERS.search(text))


_SYMBOL_NAMED = re.compile(r"^The (?P<noun>connective|symbol|operator|sign) is (?:also\s+)?called "
                           r"(?P<article>an?\s+|the\s+)?(?P<term>[\w\- ]{3,40})\.$")
_SYMBOL_USED = re.compile(r"\buse the symbol (?P<symbol>\S{1,5}) to (?P<use>[a-z][^.;:]{5,120})\.")


def _symbol_resolved(term_forms: Sequence[str], text: str, before: Sequence[str]) -> str | None:
    """A naming of "the connective" just introduced by its use ("We will use the symbol '→'
    to represent logical entailment. ... The connective is called a conditional.") restated
    with the name as subject ("A conditional is the connective '→', used to represent logical
    entailment.")."""
    match = _SYMBOL_NAMED.match(text.strip())
    if match is None or not _names(term_forms, match.group("term")):
        return None
    used = next((m for m in map(_SYMBOL_USED.search, before) if m is not None), None)
    if used is None or _SPECIFIC.search(used.group("use")):
        return None
    term = match.group("term").strip()
    return (f"{_article(term)} {term} is the {match.group('noun')} {used.group('symbol')}, used "
            f"to {used.group('use')}.")


_HEAD_SAYS = re.compile(r"^The (?P<head>[a-z]+) (?P<says>(?:is|[a-z]+s) [a-z][^.;:!?]{10,200})\.$")


def _head_resolved(term_forms: Sequence[str], text: str, before: Sequence[str]) -> str | None:
    """A sentence about "the <head>" of a longer term the sentence just before introduces
    ("... it is important to provide a symbolization key. The key provides an English
    language sentence for each sentence letter ...") restated with the whole term ("A
    symbolization key provides an English language sentence for each sentence letter ...")."""
    match = _HEAD_SAYS.match(text.strip())
    if match is None or not before or _SPECIFIC.search(match.group("says")):
        return None
    for term in term_forms:
        words = term.lower().split()
        if (len(words) > 1 and words[-1] == match.group("head")
                and re.search(rf"\ban?\s+{re.escape(term)}\b", before[0], re.IGNORECASE)):
            return f"{_article(term)} {term.lower()} {match.group('says')}."
    return None


def _names(term_forms: Sequence[str], words: str) -> bool:
    return any(words.strip().lower() == form.lower() for form in term_forms)


_SIDE_NAMED = re.compile(r"^The (?P<noun>[a-z]+) (?P<prep>on|in|at) the (?P<side>[\w-]+ (?:side|half|"
                         r"part|end))(?: \([^)]{1,20}\))? (?P<rest>(?:is|are) (?:also )?called .+)$")
_SIDE_OF = r"^The {noun} {prep} the [\w-]+ {kind}(?P<of> of the [\w-]+)\b"


def _side_resolved(term_forms: Sequence[str], text: str, before: Sequence[str]) -> str | None:
    """A naming of one side of a thing whose "of the <thing>" the sentence just before gave
    for the other side ("The sentence on the left-hand side of the conditional ... is called
    the antecedent. The sentence on the right-hand side (B) is called the consequent.") with
    it said again ("The sentence on the right-hand side of the conditional is called the
    consequent.")."""
    match = _SIDE_NAMED.match(text.strip())
    if match is None or not before or not _names(term_forms, re.sub(
            r"^(?:is|are) (?:also )?called (?:an?\s+|the\s+)?", "", match.group("rest")).rstrip(".")):
        return None
    kind = match.group("side").split()[-1]
    other = re.match(_SIDE_OF.format(noun=match.group("noun"), prep=match.group("prep"), kind=kind),
                     before[0].strip())
    if other is None:
        return None
    return (f"The {match.group('noun')} {match.group('prep')} the {match.group('side')}"
            f"{other.group('of')} {match.group('rest')}")


def resolved(term_forms: Sequence[str], text: str, before: Sequence[str]) -> str | None:
    """``text``, a naming of the term whose subject is a part of "the <noun>", restated with
    the term as subject and the noun a sentence ``before`` it defines in its place (``before``:
    the sentences before it, nearest first; those between must refer back too); None when
    the text has not that shape or no sentence before defines such a noun."""
    match = _PART_NAMED.match(text.strip())
    if match is None:
        return (_symbol_resolved(term_forms, text, before)
                or _head_resolved(term_forms, text, before)
                or _side_resolved(term_forms, text, before))
    term = match.group("term").strip()
    if not any(term.lower() == form.lower() or term.lower().rstrip("s") == form.lower().rstrip("s")
               for form in term_forms):
        return None
    for sentence in before:
        defined = _DEFINES_AS.search(sentence.strip())
        if defined is not None:
            break
        if not refers_back(sentence):
            return None  # the noun is not defined in the sentences that refer to it
    else:
        return None
    noun = defined.group("noun") or defined.group("noun2")
    genus = defined.group("genus") or defined.group("genus2")
    if genus != match.group("whole"):
        return None
    whole = f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"
    prep = "of" if match.group("prep") == "in" else match.group("prep")
    part = match.group("part")
    if match.group("copula") == "are":
        return f"{term[:1].upper()}{term[1:]} are the {part} {prep} {whole}."
    article = (match.group("article") or "the ").strip()
    return f"{article.capitalize()} {term} is the {part} {prep} {whole}."


_CLAIM_NAMED = re.compile(
    r"^(?:(?:Like|Unlike|As with) [^,]{1,40},\s+)?(?:it|this sentence)\s+(?P<says>(?:makes|says|"
    r"claims|denies|asserts|states)\s+[a-z][^.!?]{10,200})\.\s+This is (?:also\s+)?called\s+"
    r"(?P<article>an?\s+|the\s+)?(?P<term>[\w\- ]{3,50})\.$")
_SPECIFIC = re.compile(r"\d|\b[A-Z]\b|[^\w\s,;'\-]")


def named_after_claim(term_forms: Sequence[str], text: str) -> str | None:
    """A naming of what an example sentence claims, restated with the name as subject
    ("Like sentence 47, it makes an existence claim and a uniqueness claim; it just denies
    the claim of predication. This is called narrow-scope negation." -> "A narrow-scope
    negation makes an existence claim and a uniqueness claim; it just denies the claim of
    predication."). The claim must be general: no digit, letter or symbol in it."""
    match = _CLAIM_NAMED.match(text.strip())
    if match is None or _SPECIFIC.search(match.group("says")):
        return None
    term = match.group("term").strip()
    if not _names(term_forms, term):
        return None
    return f"{_article(term)} {term} {match.group('says').strip()}."


_NAMED_THEN_SAID = re.compile(
    r"(?:^|(?<=[.!]\s))This (?P<genus>[a-z]+(?: [a-z]+)?) is (?:traditionally\s+|also\s+|often\s+)?"
    r"called (?:an?\s+|the\s+)(?P<term>[\w\- ]{3,40})\.\s+In (?:an?|the)\s+(?P=term),\s+"
    r"(?P<clause>[a-z][^.;:!?]{10,200}?)(?:\s*[-\u2014\u2013,]+\s*for (?:example|instance)\b[^.]*)?\."
    r"(?:\s+Then\s+(?P<then>[a-z][^.;:!?]{10,200}?)(?:\s*[-\u2014\u2013,]+\s*for (?:example|instance)"
    r"\b[^.]*)?\.)?$")
"""A kind named after an example, then said in general ("... This argument form is
traditionally called a reductio. In a reductio, we assume something for the sake of argument
- for example, that ...", and the next step of it: "Then we show that ...")."""


def named_then_said(term_forms: Sequence[str], text: str) -> str | None:
    """The kind named after an example and then said in general, restated with the name as
    subject ("A reductio is an argument form in which we assume something for the sake of
    argument."), the example dropped; None for any other text."""
    match = _NAMED_THEN_SAID.search(text.strip())
    if match is None or _SPECIFIC.search(match.group("clause")):
        return None
    term = match.group("term").strip()
    if not _names(term_forms, term):
        return None
    genus = match.group("genus")
    then = match.group("then")
    step = f", then {then.strip()}" if then and not _SPECIFIC.search(then) else ""
    return (f"{_article(term)} {term} is {_article(genus).lower()} {genus} in which "
            f"{match.group('clause').strip()}{step}.")


_NAMED_FOR_PURPOSE = re.compile(
    r"^It (?:will|would|can|is) (?:often\s+|sometimes\s+)?(?:be\s+)?(?:useful|convenient|helpful)"
    r" to (?P<use>[a-z][^,.;:]{10,150}?)(?: in this way)?, so we (?:add|introduce|define|adopt)"
    r" (?P<what>[a-z][^,.;:]{3,60}?) for this purpose\.\s+(?:These|This|They|It)"
    r"(?: [a-z]+)? (?:is|are) (?:also\s+)?called (?P<term>[^,.;:]{3,60})\.?$")
"""Things introduced for a use just shown, then named ("It will often be useful to translate
between quantifiers by adding or subtracting negations in this way, so we add two derived
rules for this purpose. These rules are called quantifier negation (QN).")."""


def named_for_purpose(term_forms: Sequence[str], text: str) -> str | None:
    """Things introduced for a use, then named, restated with the name as subject and the
    use in general ("Quantifier negation (QN) names two derived rules used to translate
    between quantifiers by adding or subtracting negations."); None for any other text."""
    match = _NAMED_FOR_PURPOSE.match(text.strip().rstrip(":"))
    if match is None or _SPECIFIC.search(match.group("use")):
        return None
    term = match.group("term").strip()
    if not any(term.lower().startswith(form.lower()) for form in term_forms):
        return None
    return f"{term[:1].upper()}{term[1:]} names {match.group('what')} used to {match.group('use')}."


_FORMALLY_NAMED = re.compile(
    r"(?:^|(?<=[.!]\s))(?:Formally|Precisely|Technically),\s+(?:this|it) is (?:an?|the) "
    r"(?P<genus>[a-z][^;.:]{5,150});\s+(?:this|that) [a-z]+ is (?:also\s+)?called (?:the|an?) "
    r"(?P<term>[\w\- ]{3,40}?)(?: of (?:the|an?) (?P<whole>[a-z]+))?\.$")
"""A thing shown by an example, then said formally and named ("... the things that are Fs.
Formally, this is a set of members of the UD to which the predicate applies; this set is
called the extension of the predicate.")."""


def formally_named(term_forms: Sequence[str], text: str) -> str | None:
    """The formal statement restated with the name as subject, the example dropped ("The
    extension of a predicate is the set of members of the UD to which the predicate
    applies."); None for any other text."""
    match = _FORMALLY_NAMED.search(text.strip())
    if match is None or _SPECIFIC.search(match.group("genus")):
        return None
    term = match.group("term").strip()
    if not _names(term_forms, term):
        return None
    genus = match.group("genus").strip()
    if match.group("whole"):
        whole = match.group("whole")
        return f"The {term} of {_article(whole).lower()} {whole} is the {genus}."
    return f"{_article(term)} {term} is {_article(genus).lower()} {genus}."


_EXAMPLE_SYMBOL = re.compile(r"\s*\((?:[A-Z][a-z0-9]?|[A-Za-z]{1,2} in this example|e\.g\.[^)]*|"
                             r"for example[^)]*)\)(?=[\s,.;:])")
"""A parenthesis naming the example's symbol ("(R in this example)", "(B)")."""


def without_example_symbols(text: str) -> str:
    """``text`` without the parentheses that name the example's symbols ("The sentence on the
    left-hand side of the conditional (R in this example) is called the antecedent." -> "The
    sentence on the left-hand side of the conditional is called the antecedent.")."""
    return _EXAMPLE_SYMBOL.sub("", text)


def _article(word: str) -> str:
    return "An" if word[:1].lower() in "aeiou" else "A"


_SUBJECT_BEFORE = r"^\W*(?:[^,.;]{{1,30}},\s+)?(?:(?:an?|the|every|each|any|two|all)\s+)?{form}s?\b"


def is_subject(term_forms: Sequence[str], text: str) -> bool:
    """Whether the term is the subject of ``text``: after at most an opening phrase and an
    article, not a modifier ("A free variable is ..." is no sentence about a variable)."""
    return any(re.match(_SUBJECT_BEFORE.format(form=re.escape(form)), text, re.IGNORECASE)
               for form in term_forms)


_AGAIN = re.compile(r"^(?:Once again|Again|As before),\s+(?P<first>[a-z])")


def without_example_clause(term_forms: Sequence[str], text: str) -> str | None:
    """A statement of the term followed by a clause about the example at hand ("Once again,
    the variable is a kind of placeholder; we could just as easily have translated sentence
    8 as ..."), without that clause and the opening that points back ("The variable is a
    kind of placeholder."); None when the text has not that shape."""
    first, _, rest = text.partition("; ")
    if not rest or not (refers_back(rest) or _SPECIFIC.search(rest)) or refers_back(first):
        return None
    first = _AGAIN.sub(lambda m: m.group("first").upper(), first.strip())
    if not is_subject(term_forms, first) or not re.search(r"\b(?:is|are)\b", first):
        return None
    return first.rstrip(".,") + "."


class _Sentence(Protocol):
    text: str
    chunk: int


LOOK_BACK = 3
"""Sentences before a definition that may define the noun it refers to ("... define an
argument as a series of sentences. The sentences at the beginning of the series are premises.
The final sentence in the series is the conclusion.")."""


def _before(position: int, sentences: Sequence[_Sentence]) -> list[str]:
    """The sentences just before ``position`` in its passage, nearest first."""
    chunk = sentences[position].chunk
    return [sentences[at].text for at in range(position - 1, max(-1, position - 1 - LOOK_BACK), -1)
            if sentences[at].chunk == chunk]


def standing(term_forms: Sequence[str], position: int, text: str,
             sentences: Sequence[_Sentence]) -> str | None:
    """``text`` (the sentence at ``position``) as it reads alone: unchanged when it refers to
    nothing around it, restated when the sentences before resolve its reference, else None."""
    if not refers_back(text):
        return text
    cut = without_example_clause(term_forms, text)
    if cut is not None or not 0 < position < len(sentences):
        return cut
    return resolved(term_forms, text, _before(position, sentences))


def resolved_nearby(
    term_forms: Sequence[str], position: int, chunks: Sequence[int],
    sentences: Sequence[_Sentence], by_chunk: dict[int, list[int]],
) -> tuple[str, int] | None:
    """Among the sentences of ``chunks`` (the term's first passages), other than the one at
    ``position``: the first naming of the term whose reference the sentences before it
    resolve (:func:`resolved`), restated, with its passage."""
    for chunk in chunks:
        for at in by_chunk.get(chunk, []):
            if at in (position, 0):
                continue
            said = resolved(term_forms, sentences[at].text, _before(at, sentences))
            if said is not None:
                return said, chunk
    return None
