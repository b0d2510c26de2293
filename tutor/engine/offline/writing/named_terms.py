"""Whether an item's key is a term the course names, spelled as the book spells it.

An item keyed to a term ("Which term fills the blank", "Which term matches this
description", a cloze) asks the learner for a name. That name must be one the course gives
a thing: a concept's name, alias or code name as the book writes it, not a word the map
picked out of a sentence. Blind raters of real manuals (a music typesetter's extending
guide, R's internals, essays on a computer algebra system, a graph library) refused keys such
as "limited" (of "a limited means to ..."), "pretty" (of "pretty much"), "first" (of "The
first is the begin procedure"), "data", "format", "interpretation", "unit", "parameter p",
"con" for the book's `cons` and "r.app" for `R.app`. Three signs tell them, each read
from the course alone:

- an everyday word (common in general English) said in its sentence as an everyday word
  is, with no sentence that names it as a term ("A frame is a ...", "frame: ...", "Frames
  are ...", "are called nodes,"): "The first is ...", "called pretty much anywhere", "A
  limited means to" (:func:`says_nothing_alone`, also the judge of "Explain X in your own
  words");
- a kind of thing named by one letter of the book's example ("the parameter G",
  "matrix A"), or the name of an argument in code the item does not show ("text is the name
  of the command argument"): a placeholder, no term (:func:`names_a_placeholder`);
- a spelling the book never writes: the map's lower case of a name the book capitalises
  ("r.app" of `R.app`), a singular the book never uses ("con" of `cons`); the key and the
  options are then the book's own spelling (:func:`book_spelling`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from tutor.course import Concept, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.concepts.reference_entries import DOERS
from tutor.text import general_zipf

EVERYDAY_ZIPF = 3.9
"""How common in general English (Zipf) a one-word name is from which, asked alone, it says
nothing ("fraction", "result", "slice", "domain", "clause"): calibrated on blind ratings of
six manuals (a graph library, a music typesetter, modular forms, a modelling language, a
shell, a number theory tutorial), checked on four others."""
_ENTRY_KINDS = frozenset("terminal keyword option variable driver device class".split())
_POINTING = frozenset("first second third last next former latter".split())
"""Words of English that point at things the text counted before ("The first is ..."):
never the name of a term."""
_NAMING = (r"\b(?:called|referred\s+to\s+as|known\s+as|termed|said\s+to\s+be)\s+"
           r"(?:(?:an?(?:\(n\))?|the)\s+)?[\"“']?{own}(?:s|es)?[\"”']?(?:\s*(?:[.,;:)]|$)|\s+(?:because|"
           r"since|when|if|for|in|and|of)\b)")
"""A sentence naming the word as a term, the word closing its clause ("... are often called
nodes,", "will be referred to as statements.", "it is said to be unknown."); "can be called
pretty much anywhere" names nothing; "are called constants because ...", "is called the
scope of the quantifier" do."""


def says_nothing_alone(name: str, reference: str, definite: bool = False) -> bool:
    """Whether a key or an asked name is an everyday word the page's context made a term, or
    no term at all: one word common in general English ("fraction" of a tuplet, "result" of
    one command, "format" of "The format is ...", "pretty" of "pretty much"), keyed to a
    sentence of the page, not to a glossary entry, a general definition or a reference entry
    that says what it is on its own ("variable: A name that refers to a value", "A variable
    is a name ...", "Variables are names ...", "Logic is the business of ...", "Formally, a
    proof is ...", "The extension of a predicate is ...", "The environment is an array ...",
    "The pause command displays ..."), a naming (:data:`_NAMING`)
    "We define an X as ..." or "A sample is representative if ...". "A limited means to ..." is no definition of "limited": the
    word after it is a noun; "The first is ..." points back (:data:`_POINTING`). Asked as a
    term (``definite``), "The mean is the sum of ..." names it too; asked to be explained,
    "The fraction is the number of tuplet notes ..." is the page's fraction, not the word's."""
    if not name.isalpha() or general_zipf(name.lower()) < EVERYDAY_ZIPF:
        return False  # a code name ("stream-line-length") is no everyday word
    if name.lower() in _POINTING:
        return True  # "The first is the begin procedure": the word points at what came before
    own = re.escape(name)
    definite_shape = rf"|the\s+{own}\s+(?:is|are)\b" if definite else ""
    kinds = "|".join(sorted(DOERS | _ENTRY_KINDS))
    defining = re.match(
        rf"^\W*(?:[A-Z]\w+,\s+)?(?:{own}\s*:|an?(?:\(n\))?\s+{own}\s+(?:is|means(?!\s+to\b)|"
        rf"refers)\b|{own}(?:s|es)?\s+(?:is|are)\s+(?!the\s+(?:first|last|same)\b)|"
        rf"the\s+(?:\w+\s+)?{own}\s+(?:{kinds})\b|the\s+{own}\s+of\s+[^,;.]{{1,40}}?"
        rf"\s+(?:is|are)\b{definite_shape})", reference, re.I)
    return defining is None and re.search(_NAMING.format(own=own), reference, re.I) is None and (
        re.search(rf"\bdefines?\s+(?:an?(?:\(n\))?\s+|the\s+)?{own}\b|\b(?:is|are)\s+(?:said\s+"
                  rf"to\s+be\s+)?{own}\s+(?:if|when)\b", reference, re.I) is None)


_PLACEHOLDER = re.compile(r"^[A-Za-z][\w-]*\s+[A-Za-z]$")
"""A kind of thing and one letter ("parameter G", "matrix A"): the name of one example's
placeholder."""


_NAMES_AN_ARGUMENT = re.compile(
    r"^\W*(?:the\s+)?(?P<name>\S+)\s+is\s+the\s+name\s+of\s+(?:the|an?|this|its)\s+"
    r"(?:[\w-]+\s+){0,2}(?:argument|parameter|variable|field)\b", re.I)
"""A sentence saying a name is the name of an argument in code beside it ("text is the name
of the command argument, and markup? its type")."""


def names_a_placeholder(name: str, reference: str = "") -> bool:
    """Whether a name is a kind of thing named by one letter of the book's example
    ("parameter G" of one routine's entry), or what its sentence calls the name of an
    argument in the code beside it ("text is the name of the command argument"): a
    placeholder of code the item does not show, no term of the course."""
    argument = _NAMES_AN_ARGUMENT.match(reference)
    return _PLACEHOLDER.match(name.strip()) is not None or (
        argument is not None and argument.group("name").lower() == name.strip().lower())


def book_spelling(name: str, aliases: Iterable[str], texts: Sequence[str]) -> str | None:
    """The concept's name as the book writes it in ``texts``: the name in the case the book
    writes it inside its sentences ("R.app" for *r.app*; a sentence's opening capital tells
    nothing); else an alias the book writes just so inside a sentence, unless it is only
    capitalised as a heading is ("cons" for *con*, a singular the book never uses; not
    "Lists" for *list*); else the name when the book writes its plural; ``None`` when the
    book writes none of them."""
    return _book_spelling(name, tuple(aliases), _joined(tuple(texts)))


@lru_cache(maxsize=256)
def _joined(texts: tuple[str, ...]) -> str:
    """A concept's texts as one (its writers ask the spelling of its name and of each
    sibling's in the same texts)."""
    return " ".join(texts)


@lru_cache(maxsize=256)
def _book_spelling(name: str, aliases: tuple[str, ...], said: str) -> str | None:
    """:func:`book_spelling` in the texts joined, remembered: the cloze and the term item
    of a concept ask it alike."""
    if spelled := _written(name, said, ""):
        return spelled
    for alias in aliases:
        if alias.strip() and (alias[:1].islower() or not alias[1:].islower()) and (
                _written(alias, said, "") == alias):
            return alias
    return _written(name, said, "(?:s|es)")


def _written(form: str, said: str, ending: str) -> str | None:
    """How the text writes ``form`` (with ``ending``, a plural's): its most frequent case
    inside a sentence, ``form`` itself when the text writes it so or only opening sentences;
    ``None`` when the text never writes it."""
    inside: Counter[str] = Counter()
    opening = 0
    for found in re.finditer(rf"(?<![\w.-]){re.escape(form)}{ending}(?![\w-])", said, re.I):
        if _opens_there(said, found.start()):
            opening += 1  # a sentence or a heading opens on it: the case tells nothing
        else:
            inside[found.group(0)[:len(form)]] += 1
    if inside:
        spelled = form if inside[form] else inside.most_common(1)[0][0]
        plain = re.fullmatch(r"[a-z][a-z -]*", form) is not None  # words, not a code name
        return form if plain and spelled[1:] == form[1:] else spelled
    return form if opening else None


def _opens_there(said: str, at: int) -> bool:
    """Whether a sentence or a line opens at ``at`` in ``said``: nothing before it, or only
    space after a sentence's closing mark (or a colon), or a line break among the spaces
    before it. Reads back over those spaces only, not the whole text before (a concept's
    texts joined are long, and the book writes a name many times)."""
    start = at
    while start > 0 and said[start - 1].isspace():
        start -= 1
    spaces = said[start:at]
    if "\n" in spaces or at == 0:
        return True
    return bool(spaces) and start > 0 and said[start - 1] in ".!?:"


def is_named_term(concept: Concept) -> bool:
    """Whether a concept's name can stand as an option or a key among terms: no placeholder
    named by one letter, no everyday word its definition does not name as a term."""
    return not names_a_placeholder(concept.name, concept.definition) and not _no_naming(
        concept.name, concept.definition)


def _no_naming(name: str, sentence: str) -> bool:
    """Whether the sentence says the everyday word ``name`` without naming it as a term
    (:func:`says_nothing_alone`); a gloss that does not say the word at all ("One printed
    version of the subject.", a glossary's entry) is the map's definition of it."""
    said = re.search(rf"(?<![\w-]){re.escape(name)}(?:s|es)?(?![\w-])", sentence, re.I)
    return said is not None and says_nothing_alone(name, sentence, definite=True)


NOT_A_TERM = "the key is no term the course names"
"""The checker's reason against an item keyed to a word picked from a sentence."""


def named_term_problems(exercise: Exercise, concept: Concept, terms: Sequence[str],
                        reference: str | None) -> list[str]:
    """Why a definition item keyed to the concept's name asks for no term the course names
    (none when it does): an everyday word its sentence (``reference``, else the concept's
    definition) does not name as a term, or a placeholder named by one letter."""
    if exercise.origin is not ExerciseOrigin.DEFINITION or exercise.kind not in (
            ExerciseKind.CLOZE, ExerciseKind.MULTIPLE_CHOICE):
        return []
    key = exercise.answer.strip()
    if key.lower() not in {t.lower() for t in terms}:
        return []  # a statement, not a name
    said = reference or concept.definition
    if names_a_placeholder(key, said) or names_a_placeholder(concept.name):
        return [f"{NOT_A_TERM}: a placeholder of the book's code or example"]
    if _no_naming(key, said):
        return [f"{NOT_A_TERM}: an everyday word its sentence does not name as a term"]
    return []
