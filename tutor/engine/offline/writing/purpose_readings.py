"""More sentence shapes that say what a described concept is for (issue 12).

:mod:`~tutor.engine.offline.writing.purposes` reads a purpose from the shapes a reference entry
uses ("X is used to ...", "X lets you ...", "Merge ..."). A manual written as prose says what a
thing is for in other shapes too, and a concept it only describes gets no item without one:

- "Function download.file is provided to read a file from a Web resource ..." (also "serves
  to", "exists to", "is there to", "is meant to");
- "The function read.table is the most convenient way to read in a rectangular grid of data",
  "Binary connections are now the preferred way to handle binary files" (a way, a means, a
  mechanism, an interface to or for doing something);
- "The effect of a call to on.exit is to store the value of the body ..." ("the purpose of",
  "the job of", "the role of");
- "In order to allow a richer collection of attributes ..., dot accepts HTML-like labels"
  (the goal a sentence gives for the concept it names).

The subject is the concept, or, for a concept named after a topic heading ("Using
download.file", "Package RODBC"), the thing the heading names, with a kind word of code
before or after it ("the function X", "the tsp attribute"); a kind word that names another
thing ("the XML package" for the language XML) is not the concept. An action is kept only
when it reads alone by the same judge the purpose items use
(:func:`~tutor.engine.offline.writing.purposes.action_problem`), a pronoun that takes up the
action's own object ("read a file ... and write it to a file") aside.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.engine.offline.concepts.reference_entries import VERBS
from tutor.engine.offline.definitions.descriptions import term_pattern
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.writing.purposes import (
    PURPOSE_VERBS,
    Purpose,
    action_problem,
    purpose_in,
    tidy,
    without_pointers,
)
from tutor.sentences import split_sentences
from tutor.text import normalize

ACTION_VERBS = PURPOSE_VERBS | VERBS | frozenset((
    "capture call communicate convert copy delete display draw edit evaluate execute export "
    "find fetch hold import load open parse print process read remove replace retrieve save "
    "search send set sort split transfer transform update view").split())
"""Verbs an action may open on ("read a file ...", "hold parameters ...")."""
CODE_KINDS = ("command", "function", "method", "macro", "option", "attribute", "argument",
              "operator", "keyword", "directive", "statement", "flag", "variable", "interface",
              "interfaces", "commands", "functions", "methods", "macros", "options",
              "attributes", "operators")
"""Kind words said with a name of code that keep it the same thing ("the function X", "the
tsp attribute"); "package", "format" or "file" after a name make it another thing."""
_TOPIC = re.compile(r"^(?:using|package|the\s+package|function|the\s+function|command|"
                    r"the\s+command)\s+(?P<thing>\S.*)$", re.I)
"""A concept named after a topic heading on one thing: "Using download.file", "Package RODBC"."""
_T = "\x03"
_KIND_BEFORE = r"(?:(?:" + "|".join(CODE_KINDS) + r")\s+)?"
_KIND_AFTER = r"(?:\s+(?:" + "|".join(CODE_KINDS) + r"))?"
_ADVERB = (r"(?:(?:now|also|often|usually|normally|mainly|mostly|generally|typically|simply|"
           r"primarily|commonly|always|then)\s+)?")
_SUBJECT = (r"^\W*(?:(?:the|a|an)\s+)?" + _KIND_BEFORE + r"[`'‘\"“]?" + _T + r"[`'’\"”]?"
            + _KIND_AFTER + r"\s+")
_PROVIDED = re.compile(_SUBJECT + r"(?:is|are)\s+" + _ADVERB + r"(?:provided|there|meant|"
                       r"available|needed|required)\s+(?:in\s+order\s+)?to\s+(?P<act>.+)$",
                       re.I)
_SERVES = re.compile(_SUBJECT + _ADVERB + r"(?:serves?|exists?)\s+to\s+(?P<act>.+)$", re.I)
_WAY = re.compile(_SUBJECT + r"(?:is|are)\s+" + _ADVERB + r"(?:the|a|an|one)\s+(?:[\w-]+\s+){0,3}?"
                  r"(?:way|ways|means|mechanism|interface|facility|tool)\s+"
                  r"(?:(?:to)\s+(?P<act>.+)|(?:of|for)\s+(?P<ing>[a-z]+ing\s+.+))$", re.I)
_USEFUL = re.compile(_SUBJECT + r"(?:is|are)\s+" + _ADVERB + r"(?:(?:especially|particularly|"
                     r"very|most|often|also)\s+)?useful\s+(?:(?:to)\s+(?P<act>.+)|for\s+"
                     r"(?P<ing>[a-z]+ing\s+.+))$", re.I)
"""What the book finds a thing good for: "CDFs are especially useful for comparing
distributions"."""
_KIND_USED = re.compile(_SUBJECT + r"(?:is|are)\s+" + _ADVERB + r"(?:the|a|an)\s+(?:[\w-]+\s+){1,6}?"
                        r"(?:used|designed|intended|needed|employed)\s+(?:by\s+(?:the\s+|a\s+|an\s+)?"
                        r"[\w-]+\s+)?to\s+(?P<act>.+)$", re.I)
"""A kind of thing made to do something: "Scope ... is the set of rules used by the
evaluator to find a value for a symbol"."""
_USED_FOR = re.compile(_SUBJECT + r"(?:(?:can|may)\s+be|is|are)\s+" + _ADVERB + r"used\s+for\s+"
                       r"(?P<ing>[a-z]+ing\s+.+)$", re.I)
""""X is used for reading ...": a use said with a gerund."""
_EFFECT = re.compile(r"^\W*(?:the\s+)?(?:effect|purpose|job|role|aim|goal)\s+of\s+(?:(?:the|a|an)\s+)?"
                     r"(?:call\s+to\s+|calling\s+)?" + _KIND_BEFORE + r"[`'‘\"“]?" + _T
                     + r"[`'’\"”]?" + _KIND_AFTER + r"\s+(?:is|are)\s+to\s+(?P<act>.+)$", re.I)
_IN_ORDER = re.compile(r"^\W*In\s+order\s+to\s+(?P<act>[^,;]+),\s+(?P<rest>.+)$")
_GIVEN = re.compile(r"^(?:[\w-]+\s+){1,3}?(?:accepts?|uses?|provides?|offers?|supports?|introduces?|"
                    r"adds?|defines?|has|have)\s+(?:(?:the|a|an)\s+)?" + _KIND_BEFORE
                    + r"[`'‘\"“]?" + _T + r"[`'’\"”]?" + _KIND_AFTER + r"(?:\W|\s|$)")
"""The main clause after a goal gives the concept as the means: "dot accepts HTML-like labels
...", "Python provides the function X"; not "you have to integrate over x" with the name
further on."""
_LEANING_OBJECT = re.compile(r"\b(and|or)\s+([a-z]{3,})\s+(?:it|them)\b")
"""A second verb whose object is the first one's ("read a file ... and write it to a file")."""


_STATED_USE = re.compile(_SUBJECT + r"(?:(?:can|may)\s+(?:be\s+)?)?(?:is\s+|are\s+)?" + _ADVERB
                         + r"(?:used|intended|designed|meant|lets|allows?|enables?|helps?|"
                         r"permits?|responsible)\b", re.I)
_USE_IT = re.compile(r"^\W*(?:you\s+can\s+)?use\s+(?:the\s+)?" + _KIND_BEFORE + r"[`'‘\"“]?" + _T,
                     re.I)


def states_a_use(sentence: str, terms: Sequence[str]) -> bool:
    """Whether the sentence says what the concept is for, not only what it does or holds:
    the concept its subject and a verb of use right after it ("X is used to", "X lets you",
    "Use X to"), or a shape read here ("X is provided to", "the preferred way to").
    "Promise objects contain three slots" says what they hold: "What are promise objects
    used for?" is no fair question on it."""
    if read_purpose(sentence, terms):
        return True
    text = without_pointers(" ".join(normalize(sentence).split()))
    marked = term_pattern(list(terms)).sub(_T, text, count=1)
    return _STATED_USE.match(marked) is not None or _USE_IT.match(marked) is not None


def subject_terms(name: str, aliases: Sequence[str] = ()) -> list[str]:
    """The names a sentence may give the concept as its subject: its own, and for a concept
    named after a topic heading on one thing ("Using download.file"), that thing's."""
    terms = term_variants(name, aliases)
    topic = _TOPIC.match(name.strip())
    if topic:
        terms += [t for t in term_variants(topic.group("thing")) if t not in terms]
    return terms


_GERUND_TOPIC = re.compile(r"^(?P<doing>[a-z]+ing)\s+(?:(?:the|a|an)\s+)?(?P<thing>(?!(?:from|to|with|on|in|of|for|"
                           r"into|about|by|at)\b)[A-Za-z][\w.-]*(?:\s+[\w.-]+){0,2})$", re.I)
"""A concept named after doing something with one thing: "comparing percentile ranks"."""
_MODIFIER = re.compile(r"^\W*(?:(?:the|a|an)\s+)?(?P<word>[A-Za-z][\w-]*)\s+$", re.I)
"""One word set before the name where the sentence opens on it ("Logical connectives ...")."""
_NO_MODIFIER = frozenset("the a an this that these those its their our your his her some any all "
                         "each every no other such is are was were be of in on to for with by "
                         "and or as at from".split()) | frozenset(CODE_KINDS)


def own_sentence_terms(name: str, aliases: Sequence[str], sentence: str) -> list[str]:
    """The names the concept's own sentence (the one the concept map chose for it) may give
    it as its subject: besides :func:`subject_terms`, the thing a name of doing names
    ("percentile ranks" for *comparing percentile ranks*) and the name with the word the
    sentence sets before it ("Logical connectives" for *connective*) or a name with the
    concept's head word the sentence opens on ("The tsp attribute" for *time series
    attribute*): the map took the sentence to be about the concept."""
    terms = subject_terms(name, aliases)
    topic = _GERUND_TOPIC.match(name.strip())
    if topic and _bare_gerund(topic.group("doing")):  # "comparing", not "scoping rules"
        terms += [t for t in term_variants(topic.group("thing")) if t not in terms]
    text = " ".join(normalize(sentence).split())
    found = term_pattern(list(terms)).search(text)
    before = _MODIFIER.search(text[:found.start()]) if found else None
    if found and before and before.group("word").lower() not in _NO_MODIFIER:
        longer = f"{before.group('word')} {found.group(0)}"
        return [*term_variants(longer), *terms]
    head = name.split()[-1] if len(name.split()) > 1 else ""
    opening = re.match(r"^\W*(?:the|a|an)\s+(?P<np>(?:[\w.-]+\s+){1,2}?" + re.escape(head)
                       + r"s?)\b", text, re.I) if head and not found else None
    others = {w.lower() for w in opening.group("np").split()[:-1]} if opening else set()
    if opening and not others & _NO_MODIFIER and not set(
            w.lower() for w in name.split()[:-1]) <= others:  # "set grid command": a kind of
        # set command, not the concept
        return [*term_variants(opening.group("np")), *terms]  # "The tsp attribute" for
    return terms  # time series attribute, in the section on it


def thing_named(name: str) -> str:
    """The name a question says: the concept's, or the thing its topic heading names."""
    topic = _TOPIC.match(name.strip())
    return topic.group("thing") if topic else name


def read_purpose(sentence: str, terms: Sequence[str]) -> str | None:
    """The action ``sentence`` says the concept (named by ``terms``) is for, in the verb's
    bare form, or None when the sentence has none of the shapes read here."""
    text = without_pointers(" ".join(normalize(sentence).split()))
    parts = split_sentences(text) if text else []
    if not parts or parts[0].endswith("?"):
        return None
    text = parts[0]
    pattern = term_pattern(list(terms))
    goal = _IN_ORDER.match(text)
    if goal is not None:  # "In order to allow ..., dot accepts HTML-like labels ..."
        rest = pattern.sub(_T, goal.group("rest"), count=1)
        if _GIVEN.match(rest) and not pattern.search(rest) and not pattern.search(
                goal.group("act")):
            return _action(goal.group("act"))
        return None
    marked = pattern.sub(_T, text, count=1)
    if _T not in marked or pattern.search(marked):
        return None  # not named, or named twice: a comparison, not its purpose
    for shape in (_PROVIDED, _SERVES, _EFFECT):
        found = shape.match(marked)
        if found is not None:
            return _action(found.group("act"))
    for shape in (_WAY, _USEFUL, _USED_FOR):
        found = shape.match(marked)
        if found is not None:
            said = found.groupdict()
            return _action(said.get("act") or _bare_gerund(said.get("ing") or ""))
    found = _KIND_USED.match(marked)
    if found is not None:
        return _action(found.group("act"))
    return None


_NO_VERB = frozenset("a an the be been being this that these those it its their his her its our "
                     "your some any all each every one no not".split())
"""Words after "to" that open no action ("to be used", "to the user")."""
_CLAUSE = re.compile(r",?\s+(?:which|where|when|because|whereas|while|unless)\s")
"""A clause an action goes on with that is no part of the purpose; "so that ..." is its
point and is never cut."""


def _action(act: str) -> str | None:
    """The action tidied, when it opens on a bare verb (a word after "to" that is no
    article, pronoun or auxiliary)."""
    first = act.split()[0] if act.split() else ""
    if not first:
        return None
    if not first.isalpha() or not first.islower() or first in _NO_VERB:
        return None
    return tidy(act)


def _main_clause(action: str) -> str | None:
    """The action cut before a clause it goes on with ("hold the settings, which are read
    ..."), or None when it goes on with none."""
    found = _CLAUSE.search(action)
    return tidy(action[:found.start()]) if found else None


def _bare_gerund(phrase: str) -> str:
    """"reading and writing XML documents" -> "read and write XML documents" (for a verb of
    :data:`ACTION_VERBS`), else "" (no action read); "comparing" -> "compare"."""
    def bare(word: str) -> str:
        stem = word[:-3]
        for candidate in (stem, stem + "e", stem[:-1]):
            if candidate in ACTION_VERBS:
                return candidate
        return ""
    words = phrase.split()
    if not words:
        return ""
    first = bare(words[0].lower())
    if not first:
        return ""
    words[0] = first
    for i in range(1, len(words) - 1):
        if words[i] in ("and", "or") and words[i + 1].endswith("ing"):
            words[i + 1] = bare(words[i + 1].lower()) or words[i + 1]
    return " ".join(words)


def reads_alone(action: str, terms: Sequence[str], name: str) -> str | None:
    """Why the action cannot be read alone (:func:`~.purposes.action_problem`), or None; a
    pronoun taking up the action's own object after a second verb ("and write it to a
    file") leans on nothing outside it."""
    return action_problem(_LEANING_OBJECT.sub(r"\1 \2 one", action), terms, name)


def purpose_read(name: str, aliases: Sequence[str], sentences: Sequence[str]) -> Purpose | None:
    """The first purpose one of ``sentences`` states of the concept in a shape read here and
    that reads alone, or None; the first sentence is the concept's own
    (:func:`own_sentence_terms`)."""
    for n, sentence in enumerate(sentences):
        terms = (own_sentence_terms(name, aliases, sentence) if n == 0
                 else subject_terms(name, aliases))
        action = read_purpose(sentence, terms) or (
            purpose_in(sentence, terms) if n == 0 and states_a_use(sentence, terms) else None)
        if action and reads_alone(action, terms, name) is not None:
            action = _main_clause(action)
        if action and reads_alone(action, terms, name) is None:
            return Purpose(name, action, " ".join(sentence.split()))
    return None
