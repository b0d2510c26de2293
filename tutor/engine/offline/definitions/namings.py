"""Whether a sentence defines a concept by naming a kind of thing (issue 11).

A book often defines a term by describing a kind of thing first and naming it last: "Logical
languages that make this assumption are called bivalent", "This combination of the code of the
function and the bindings in its environment is called a 'function closure'", "R provides a
number of specialized data structures we will refer to as objects", "a new environment (called
the evaluation environment) is created". The name may be the concept's name without its head
word, which the sentence's subject supplies: "Connectives that work in this way are called
truth-functional" names *truth-functional connective*. The name may also close a described
kind as its complement ("A second form of the if statement is "alternative execution", in
which ..."), or be glossed by the clause after it ("string concatenation, which means it joins
the strings ..."). A property is named by its adjective: "A proof system is sound if ..."
defines *soundness* (:func:`property_adjectives`).

A naming whose subject points back ("that work in this way", "like this") says what the thing
is only with the sentence before it; alone it is a description. A bare pronoun named ("This is
the problem of non-referring terms", "this is called the X problem") never defines here: what
"this" is lies in a narrative the sentence does not hold.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.engine.offline.definitions.descriptions import term_pattern

_T = "\x02"
_NAMING = r"(?:called|known\s+as|referred\s+to\s+as|termed)"
_Q = r"[\"'‘“]?"
_QE = r"[\"'’”]?"
_SUBJECT_NAMED = re.compile(
    r"^\W*(?!(?:it|they|this|these|that|those|which|we|you|there)\s+(?:is|are)\b)"
    r"(?P<subject>(?:(?:a|an|any|every|each|the|this|these|such|all|some)\s+)?[\w'-]+"
    r"(?:\s+(?!(?:is|are)\b)[^\s]+){0,24}?)"
    r"\s+(?:is|are)\s+(?:(?:also|then|sometimes|often|usually|commonly|simply)\s+){0,2}"
    + _NAMING + r"\s+(?:(?:a|an|the)\s+)?" + _Q + _T + _QE
    + r"(?:\W*$|\s*,\s*(?:which|a|an|the|i\.e\.|or|meaning)\b|\s+or\s+[\w-]+\W*$)", re.I)
"""A described subject named by the concept's name at the end ("Logical languages that make
this assumption are called bivalent, which means two-valued.")."""
_CLAUSE_BEFORE = re.compile(r"^\W*(?:because|since|as|when|whenever|if|although|though|while|so|"
                            r"thus|hence|therefore|after|before|once)\b|,\s*(?:it|they|this|these|"
                            r"that|we|you|he|she)$", re.I)
"""A subject that is no noun phrase: a clause set before a pronoun ("Because of this
unfortunate property, it ...")."""
_FIRST_WORDS = 4
"""How far into the subject its head word is looked for ("Logical languages that ...")."""
_POINTS_BACK = re.compile(r"\b(?:this|these|those|such|above|same)\b|\b(?:that|this)\s+way\b|"
                          r"\blike\s+(?:this|that|these)\b", re.I)
_SAYS_CONTENT = re.compile(r"^\W*(?:this|these|such)\s+[\w-]+\s+(?:of|between)\s+(?:\S+\s+){3,}",
                           re.I)
"""A pointing subject that restates what it points at ("This combination of the code of the
function and the bindings in its environment ..."): it reads alone."""
_NAMED_IN_PLACE = re.compile(
    r"\b(?:a|an)\s+(?:[\w-]+\s+){0,4}?[\w-]+\s+(?:\(\s*" + _NAMING + r"\s+(?:a|an|the)\s+" + _Q
    + _T + _QE + r"\s*\)|" + _NAMING + r"\s+(?:a|an)\s+" + _Q + _T + _QE
    + r"\s+(?:is|are|was|were|has|have|can|may|must|will)\b)"
    r"|^\W*(?:some|certain|many|other)\s+(?:[\w-]+\s+){0,3}?[\w-]+s,\s+" + _NAMING + r"\s+" + _Q
    + _T + _QE + r",\s+(?:have|has|are|is|can|may|allow|use|contain|hold)\b"
    r"|(?<![,;]\s)\b(?!(?:which|that|who|what)\b)[a-z]{3,}\s+(?:that\s+)?(?:we|I)\s+(?:will\s+|shall\s+)?(?:refer\s+to\s+as|call)\s+"
    r"(?:(?:a|an|the)\s+)?" + _Q + _T + _QE + r"\W*$", re.I)
"""A kind named where the sentence introduces it: "a new environment (called the evaluation
environment) is created", "a special construct called a context is created", "Some formal
languages, called modal logics, have an operator ...", "data structures we will refer to as
objects." An article before the name: "a variable called .Traceback" names one thing."""
_GLOSSED_AFTER = re.compile(
    _T + _QE + r",\s+which\s+(?:means\b|(?:is|are)\s+(?:a|an|like)\s+\w|(?!(?:is|are|was|were|has|"
    r"have|does|seems|needs|makes|gives|takes|causes)\b)[a-z]{3,}(?<!s)s\s+(?:a|an|the|what|how|"
    r"whether|it|them|for)\b)"
    r"|\b(?:[\w-]+s),\s+" + _NAMING + r"\s+" + _Q + _T + _QE + r",\s+(?:and|that|which)\b", re.I)
"""The concept glossed by the clause after its name ("performs string concatenation, which
means it joins the strings ...", "defaultdict, which is like a dictionary except ...") or a
plural kind named in passing ("divides the series into overlapping regions, called windows,
and ..."); not "X, which is the most common choice" (a remark)."""
_NAMED_AS_COMPLEMENT = re.compile(
    r"^\W*(?:a|an|one|another)\s+(?!(?:good|simple|typical|common|classic|famous)?\s*(?:example|"
    r"instance|case|problem|question|exercise|result|answer|reason|thing)s?\b)(?:[\w'-]+\s+){1,10}?"
    r"(?:is|are)\s+(?:(?:a|an)\s+)?" + _Q + _T + _QE + r"(?:\W*$|,\s+(?:in\s+which|which|where|or)\b)",
    re.I)
"""A kind described first, the concept's name its complement ("A second form of the if
statement is "alternative execution", in which ...", "An old format sometimes used for
spreadsheet data is DIF, or ..."); not an example named ("A good example is ...")."""
_WE_CALL_THIS = re.compile(r"^\W*(?:so\s+)?we\s+(?:will\s+|shall\s+)?call\s+(?:this|these|such)\s+"
                           r"(?:[\w-]+\s+){0,3}?(?:(?:a|an|the)\s+)?" + _Q + _T + _QE
                           + r"(?:\s+(?:of|for|in)\s+[\w-]+)?\W*$", re.I)
"""What the sentence before said, named by the book's "we call this ..." ("We call this formal
structure a model for QL.")."""


def names_kind(parts: Sequence[str], terms: Sequence[str]) -> bool:
    """Whether the text's last sentence (``parts``: its sentences) names the concept as a kind
    the text describes: its subject described and named by the concept's name (or the name
    without the head word its subject has), or the kind named where the sentence introduces
    it. A subject that points back needs the sentence before it, which must not point back
    itself (the caller's to check), unless the subject restates what it points at."""
    if not parts or not terms:
        return False
    last = parts[-1]
    marked = term_pattern(terms).sub(_T, last)
    if len(parts) == 1 and (_NAMED_IN_PLACE.search(marked) or _GLOSSED_AFTER.search(marked)
                            or _NAMED_AS_COMPLEMENT.match(marked)):
        return True
    if len(parts) >= 2 and _WE_CALL_THIS.match(marked):
        return True
    named = _SUBJECT_NAMED.match(marked) or _named_by_modifier(last, terms)
    if named is None:
        return False
    subject = named.group("subject")
    if _CLAUSE_BEFORE.search(subject):
        return False  # "Because of this property, it is called ...": a pronoun named
    if _T in subject:
        return False  # "A process is called a daemon process": one word said of itself
    return not _POINTS_BACK.search(subject) or bool(_SAYS_CONTENT.match(subject)) or len(parts) >= 2


def restates_what_it_names(sentence: str, terms: Sequence[str]) -> bool:
    """Whether the sentence names the concept with a pointing subject that restates what it
    points at, so it reads alone ("This combination of the code of the function and the
    bindings in its environment is called a 'function closure'.")."""
    named = _SUBJECT_NAMED.match(term_pattern(terms).sub(_T, sentence))
    return named is not None and _SAYS_CONTENT.match(named.group("subject")) is not None


def _named_by_modifier(sentence: str, terms: Sequence[str]) -> re.Match[str] | None:
    """The subject named by the concept's name without its head word, the subject's head
    being that word ("Connectives that work in this way are called truth-functional" for
    *truth-functional connective*, "Definitions like this are called recursive")."""
    for term in terms:
        words = term.split()
        if len(words) < 2:
            continue
        if not any(_same_word(w, words[-1])
                   for w in re.findall(r"[\w-]+", sentence)[:_FIRST_WORDS]):
            continue
        found = _SUBJECT_NAMED.match(term_pattern([" ".join(words[:-1])]).sub(_T, sentence))
        if found is not None:
            return found
    return None


def _same_word(word: str, head: str) -> bool:
    word, head = word.lower(), head.lower()
    return word in (head, head + "s", head + "es") or (head.endswith("y")
                                                       and word == head[:-1] + "ies")


_NOUN_OF_PROPERTY = ((re.compile(r"iness$"), "y"), (re.compile(r"ness$"), ""),
                     (re.compile(r"idity$"), "id"), (re.compile(r"ency$"), "ent"),
                     (re.compile(r"ancy$"), "ant"))
"""A property's noun and its adjective: soundness, sound; validity, valid; consistency,
consistent."""


def property_adjectives(terms: Sequence[str]) -> list[str]:
    """The adjectives the concepts' names are nouns of ("completeness" -> "complete"); a
    sentence that defines the adjective by its condition defines the property."""
    found = []
    for term in terms:
        for ending, adjective in _NOUN_OF_PROPERTY:
            if ending.search(term) and " " not in term:
                found.append(ending.sub(adjective, term))
                break
    return found or ["\x00"]
