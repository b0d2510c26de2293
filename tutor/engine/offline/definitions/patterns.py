"""Definitional patterns: the sentences and headings that name a term.

A course says what its terms are in a handful of ways: "X is a ...", "X refers to ...",
"... is called X", "... known as X", "we call this X", "X, which is a ..." and section headings
("X: ..." glossary entries are read by :mod:`tutor.engine.offline.concepts.glossary`). Each pattern
has a strength (how surely it marks a definition); patterns are plain regular expressions over
a normalised sentence, guarded by a cheap substring test.
"""

from __future__ import annotations

import re

from tutor.engine.offline.terms import COMMON_VERBS
from tutor.text import STOPWORDS, singular

_NP = r"[A-Za-z][\w'\-]*(?:\.\d+)*(?: (?:of )?[A-Za-z][\w'\-]*(?:\.\d+)*){0,3}"
"""A noun phrase of up to four words; a word may carry inner dots ("ASN.1", "X.509")."""
_OBJECT = r"(?P<t>[\"']?[A-Za-z][\w\-]*(?: [A-Za-z][\w\-]*){0,3})"
_DEFINITION_PATTERNS: list[tuple[re.Pattern[str], float, str]] = [  # pattern, strength, role
    # "An expression is a combination of ...", "Tokens are the basic elements ..."
    (re.compile(rf"^(?:(?:A|An|The)\s+)?(?P<t>{_NP})\s+(?:is|are)\s+(?:a|an|the|one of|any|"
                rf"some|what|how|when|where|defined as)\b"), 3.0, "subject"),
    # "..., a function is a named sequence ..."
    # "..., the mean, x̄, is the sum ...": a symbol set off by commas may follow the term
    (re.compile(rf",\s+(?:a|an|the)\s+(?P<t>{_NP})(?:,\s*[^,\s]{{1,3}}(?: [^,\s]{{1,3}})?,)?"
                r"\s+(?:is|are)\s+(?:a|an|the)\b"), 2.5, "subject"),
    # "This process is called parsing.", "... are known as bugs"
    (re.compile(r"(?:\b(?:is|are|was|were|be)|\b(?:it|that)'s)\s+"
                r"(?:also\s+|often\s+|sometimes\s+)?(?:called|"
                rf"known as|referred to as|termed|named)\s+(?:an?\s+|the\s+)?{_OBJECT}"),
     3.0, "object"),
    # "... are called elements or sometimes items": the second name too
    (re.compile(r"\b(?:called|known as) [\w\-]+(?: [\w\-]+)? or (?:sometimes |also )?"
                rf"(?:an?\s+|the\s+)?{_OBJECT}"), 2.0, "object"),
    # "they are said to be deterministic", "an optional argument called a delimiter"
    (re.compile(rf"\b(?:said to be|called (?:an?|the)) {_OBJECT}"), 2.0, "object"),
    # "strings are immutable, which means ..."
    (re.compile(r"\b(?:is|are) (?P<t>[a-z][\w\-]+), which means\b"), 2.5, "object"),
    # "we call this a ...", "a special value called None"
    (re.compile(r"\b(?:we call (?:it |this |them |these |that )?|, called |\bso-called )"
                rf"(?:an?\s+|the\s+)?{_OBJECT}"), 2.0, "object"),
    # "Recursion refers to ...", "A token means ..."
    (re.compile(rf"^(?:(?:A|An|The)\s+)?(?:term\s+|word\s+)?[\"']?(?P<t>{_NP})[\"']?\s+"
                r"(?:refers to|means|denotes|is defined as|are defined as|stands for)\b"),
     3.0, "subject"),
    # "Python provides operators, which are special symbols ..."
    (re.compile(rf"(?P<t>{_NP}),\s+(?:which|that)\s+(?:is|are)\s+(?:a|an|the|one of|special|"
                r"sequences?|values?|collections?)\b"), 1.5, "tail"),
]
_NEEDLES: list[tuple[str, ...]] = [
    (" is ", " are "), (", a", ", the"), ("called", "known as", "referred", "termed", "named"),
    ("called", "known as"), ("said to be", "called"), (", which means",),
    ("we call", "called"), ("refers", "means", "denotes", "defined as", "stands for"),
    (", which", ", that"),
]
"""Substrings each pattern needs, checked before running it."""
_DEFINITION_HINT = re.compile(
    r" is | are |called|known as|refer|means|denotes|defined|stands for|said to be|\(")
_ABBREVIATION = re.compile(r"((?:[A-Za-z][\w\-]*\s+){1,5})\(([A-Z]{2,6})s?\)")
_ARTICLE_BEFORE = re.compile(r"\b(?:the|an?)\s+$", re.IGNORECASE)
_QUALIFIED = re.compile(r"^(\w[\w\- ]*\w) (?:of|in) (?:[A-Z]{1,4}|[a-z]{1,3})$")
"""A term qualified by the language or system it belongs to ("atomic formula of QL"): the
sentence defines the term itself too."""
_NOTION_IN_SYSTEM = re.compile(
    r"^(?:(?:A|An|The)\s+)?(?P<t>[A-Za-z][a-z\-]+ in (?:[A-Z]{1,4}|[a-z]{1,3}))"
    r"\s+(?:is|are)\s+(?=\w)")
"""A notion named relative to a language or system as the subject ("Truth in QL is truth in a
model"): the name ends at the system, not at the first word after "in"."""
_PROPERTY_IN_SYSTEM = re.compile(
    r"^(?:An?|The)\s+[a-z]+(?: [a-z]+)?\s+is\s+(?P<t>[a-z]+ in (?:[A-Z]{1,4}|[a-z]{1,3}))\s+"
    r"(?:if|when|just in case|whenever)\b")
"""A property defined relative to a language or system, with its condition ("An argument is
valid in SL if there is no row ..."): a book that defines a notion once and again for each of
its languages names the notion by the adjective and the language ("valid in SL")."""
_RULE_NAME = re.compile(
    r"^(?:This|That) is the (?:(?:general|schematic|basic) form of the )?"
    r"(?P<t>[a-z][a-z\-]+(?: [a-z][a-z\-]+){0,2}) rule\b")
"""A rule named after its statement ("This is the universal elimination rule (∀E)"): the
name is what the passage before states."""
_HEADING_NUMBER = re.compile(
    r"^(?:(?:chapter|section|part|appendix|lesson|unit)\s+)?"
    r"(?:\d+(?:\.\d+)*[.:]?|[A-Z](?:\.\d+)*[.:]?)(?:\s+|$)", re.IGNORECASE)
_ACTIVITY = re.compile(
    r"^(?:working with|using|introduction to|introducing|an introduction to|understanding|"
    r"more (?:on|about)|getting started with|how to use|creating|defining|writing|"
    r"what (?:is|are)(?: an?| the)?)\s+(?=\w)", re.IGNORECASE)
"""What a heading says is done with a thing ("Working with files" is about files)."""
_TASK = re.compile(
    r"^[A-Z][a-z]{2,}ing(?:\s+(?:and|or)\s+[a-z]{3,}ing)?\s+(?:(?:the|a|an|your|our|its|their|"
    r"with|from|to|into|in|on|under|for|by|up|out)\b|[A-Z][\w.-]*(?:\s|$))"
    r"|^[A-Z][a-z]{2,}ing\s+(?:[\w-]+\s+){1,3}(?:from|to|into|in|on|under|with|for|by|of)\s"
    r"|^[A-Z][a-z]{2,}ing\s+(?:and|or)\s+[a-z]{3,}ing\s+[a-z]")
"""A heading that names a task: a verb's "-ing" form on a thing of its own ("Invoking R",
"Getting help with functions", "Changing the length of an object", "Reading data from
files", "Counting and extracting words"); a teacher lists the thing, not the task.
"Plotting styles", "Sampling distributions" (the -ing word modifying a noun) are names."""
_HEADING_SPLIT = re.compile(r",\s*|\s+and\s+|\s+vs\.?\s+|\s*:\s*|\s+versus\s+")


class Definition:
    """A sentence that defines a term, and how strongly its pattern marks a definition."""

    __slots__ = ("term", "sentence", "chunk", "position", "strength", "aliases")

    def __init__(
        self, term: str, sentence: str, chunk: int, position: int, strength: float,
        aliases: tuple[str, ...] = (),
    ) -> None:
        self.term = term
        self.sentence = sentence
        self.chunk = chunk
        """Index of the chunk the sentence is in."""
        self.position = position
        """Index of the sentence in the course's sentence list."""
        self.strength = strength
        self.aliases = aliases


def _term_span(raw: str, from_end: bool) -> str:
    """The noun-like run of words at the start (or end) of a matched phrase: it stops at
    function words and frequent verbs."""
    words = raw.strip("\"' ").split()
    if from_end:
        words = words[::-1]
    kept: list[str] = []
    for word in words:
        lower = word.lower().strip("\"'")
        if lower in STOPWORDS and not (lower == "of" and kept) or lower in COMMON_VERBS:
            break
        kept.append(word.strip("\"'"))
    if from_end:
        kept = kept[::-1]
    while kept and kept[-1].lower() == "of":
        kept.pop()
    while kept and kept[0].lower() == "of":
        kept.pop(0)
    return " ".join(kept)


_KIND_NAMED = re.compile(
    r"^(?:(?:The|These|Such|All|Some)\s+)?(?P<head>[A-Za-z][a-z\-]*[a-z]s)\b[^.;:]{0,60}?\s+are\s+"
    r"(?:also\s+|often\s+|sometimes\s+|usually\s+)?called\s+"
    r"(?P<a>[a-z][a-z\-]*[a-z])(?:\s+or\s+(?P<b>[a-z][a-z\-]*[a-z]))?(?=\s*(?:[,.;]|$|\s+because\b"
    r"|\s+when\b|\s+if\b))")
"""A kind named by a modifier of its plural subject ("Definitions like this are called
recursive", "Predicates with n places are called n-place or n-adic"): the bare word after
"are called", not plural itself, qualifies the subject's head noun, so the term is the pair
("recursive definition", "n-place predicate"), not the modifier alone."""


_KIND_SAID = re.compile(
    r"\b(?:an?|the)\s+(?P<head>[a-z][a-z\-]*[a-z])\b[^,.;:]{0,60},\s+(?:it|they)\s+(?:is|are)\s+"
    r"(?P<a>[a-z][a-z\-]*[a-z]),\s+which means\b")
"""The same with the noun in a leading clause and the modifier said of it ("When you create a
variable inside a function, it is local, which means ..." names *local variable*)."""


def kind_names(sentence: str) -> list[str]:
    """Terms named as a kind of a noun by a modifier (see :data:`_KIND_NAMED` and
    :data:`_KIND_SAID`)."""
    if "called" not in sentence and "which means" not in sentence:
        return []
    match = _KIND_NAMED.match(sentence.strip()) or _KIND_SAID.search(sentence)
    if match is None:
        return []
    head = singular(match.group("head").lower())
    if match.re is _KIND_NAMED and head == match.group("head").lower():
        return []  # the subject of "are called" must be plural
    if head in STOPWORDS or head in COMMON_VERBS:
        return []
    names = [w for w in match.groups()[1:] if w]
    if any(w.endswith("s") and not w.endswith(("ss", "us", "ous")) for w in names):
        return []  # "Values like these are called integers": a plural noun names a class
    if any(w in STOPWORDS or w in COMMON_VERBS for w in names):
        return []
    if match.re is _KIND_SAID and names[0].endswith("ed"):
        return []  # "it is modified, which means": a state it is put in, not a kind
    return [f"{w} {head}" for w in names]


_SINGULAR_ARTICLE = re.compile(r"\b(?:an?|one)\s+$", re.IGNORECASE)


def _singular_agreement(term: str, before: str) -> str:
    """A term named after "a"/"an" is singular, so a last word in the third-person ``-s``
    form is the verb that follows it ("called a delimiter specifies ..." names
    *delimiter*)."""
    words = term.split()
    if len(words) > 1 and _SINGULAR_ARTICLE.search(before):
        last = words[-1].lower()
        if last.endswith("s") and not last.endswith(("ss", "us", "is")):
            return " ".join(words[:-1])
    return term


_COPULAS = frozenset("is are was were be been being become becomes became seem seems remain "
                     "remains".split())


def _predicate(term: str, upto: str) -> bool:
    """The term stands right after a copula ("... has become impossible"): it is what the
    clause says, not a noun phrase that a following "which" could define."""
    before = upto[: len(upto) - len(term)].split() if upto.endswith(term) else []
    return bool(before) and before[-1].lower() in _COPULAS


def definitions_in(sentence: str, chunk: int, position: int) -> list[Definition]:
    """Terms that ``sentence`` defines, by pattern; with abbreviations as aliases."""
    found: list[Definition] = []
    if len(sentence) > 400 or sentence.endswith("?"):
        return found
    if not _DEFINITION_HINT.search(sentence):
        return found
    kinds = kind_names(sentence)
    for name in kinds:
        found.append(Definition(name, sentence, chunk, position, 3.0))
    modifiers = {name.split()[0] for name in kinds}
    for (pattern, strength, role), needles in zip(_DEFINITION_PATTERNS, _NEEDLES, strict=True):
        if not any(needle in sentence for needle in needles):
            continue
        for match in pattern.finditer(sentence):
            raw = match.group("t").strip("\"' ")
            term = _term_span(raw, from_end=role == "tail")
            if (role == "subject" and not term and raw.lower() in COMMON_VERBS
                    and _ARTICLE_BEFORE.search(sentence[: match.start("t")])):
                term = raw  # "the mean is ...": after an article, a verb form is a noun
            if role == "object":
                term = _singular_agreement(term, sentence[: match.start("t")])
            elif role == "tail" and _predicate(term, sentence[: match.end("t")]):
                continue  # "has become impossible, which is ...": "which" is the clause
            if role == "subject" and term != raw.replace('"', "").replace("'", ""):
                continue  # the subject is not a plain noun phrase ("The rules for X are")
            if term in modifiers:
                continue  # the kind's full name was taken above
            if term:
                found.append(Definition(term, sentence, chunk, position, strength))
                qualified = _QUALIFIED.match(term)
                if role == "subject" and qualified:  # "An atomic formula of QL is ..."
                    found.append(Definition(qualified.group(1), sentence, chunk, position,
                                            strength))
    for match in _NOTION_IN_SYSTEM.finditer(sentence):
        notion, system = match.group("t").rsplit(" in ", 1)
        found.append(Definition(f"{notion} in {system.upper()}", sentence, chunk, position, 2.5))
    for match in _PROPERTY_IN_SYSTEM.finditer(sentence):
        adjective, system = match.group("t").split(" in ")
        found.append(Definition(f"{adjective} in {system.upper()}", sentence, chunk, position,
                                2.5))
    for match in _RULE_NAME.finditer(sentence):
        found.append(Definition(match.group("t"), sentence, chunk, position, 2.0))
    for match in _ABBREVIATION.finditer(sentence):
        words, abbr = match.group(1).split(), match.group(2)
        expansion = words[-len(abbr):] if len(words) >= len(abbr) else []
        if expansion and "".join(w[0] for w in expansion).upper() == abbr:
            found.append(Definition(" ".join(expansion), sentence, chunk, position, 1.0, (abbr,)))
    return found


def heading_terms(heading: str) -> list[str]:
    """Concept names in a section heading: numbering and an activity ("Working with",
    "Using", "What is") dropped, lists split, a shared head noun distributed ("Formal and
    natural languages" -> "formal languages", "natural languages")."""
    title = _HEADING_NUMBER.sub("", heading.strip()).strip(" ?!.")
    if _TASK.match(title) and not _ACTIVITY.match(title):
        return []  # "Invoking R", "Reading data from files": something done, no concept
    parts = [_ACTIVITY.sub("", p.strip()) for p in _HEADING_SPLIT.split(title) if p.strip()]
    if (len(parts) == 2 and len(parts[0].split()) == 1 and len(parts[1].split()) == 2
            and not parts[0].lower().endswith("s")):
        head = parts[1].split()[1]
        parts[0] = f"{parts[0]} {head}"
    return parts


