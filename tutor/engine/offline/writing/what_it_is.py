"""Whether a description says what a term is.

A "which term" item quotes a description of its key ("Which term matches this description:
..."), a definition item quotes the sentence around a term's blank, and an "Explain X" key
may say "X is ...". Each must say what the thing is, or many terms of the course fit it
(the checks :mod:`tutor.engine.offline.writing.standing_alone` and the writers run):

- not a sentence said about the thing (:func:`sentence_not_description`: "The FSF publishes
  some GNU manuals in printed form"), nor an instruction to the reader
  (:func:`commands_the_reader`: "Write a function called mode ...");
- not a general kind with a word or two (:func:`too_general`: "a valid value"), nor a vague
  one (:func:`vague`: "a special construct", "another kind of data storage"), nor, said of
  the term, only its kind (:func:`says_only_a_kind`: "A null string is a valid value.");
- not what the book thinks of it (:func:`judged`: "an easy and important facet of Gri").

:func:`what_it_is_problems` gives the first of these reasons a description fails.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.engine.offline.terms import PREPOSITIONS, content_stems, words
from tutor.text import STOPWORDS, general_zipf, stem

_JUDGED = re.compile(r"\b(?:important|easy|interesting|useful|whole\s+purpose|natural\s+place|"
                     r"place\s+to)\b", re.I)
"""What the book thinks of a thing ("an easy and important facet of Gri", "the whole purpose
of the canvas object", "the place to report bugs"): no description of what it is."""


_OPENING = re.compile(r"^\W*(?:(?:a|an|the)\s+)?(?:[\w'-]+\s+){0,2}?(?=\S)", re.I)
_SAID_TO_BE = re.compile(r"\b(?:is|are)\s+(?:(?:a|an|the)\s+)?(?:[\w'-]+\s+){0,2}?(?=\S)", re.I)


def judged(text: str, said_of: bool = False) -> bool:
    """Whether a description opens on what the book thinks of the thing (:data:`_JUDGED`
    within its first words), or, ``said_of``, a sentence says that of it ("System calls are
    an easy and important facet of Gri")."""
    found = _SAID_TO_BE.search(text) if said_of else _OPENING.match(text)  # the first verb
    spots = [found.end()] if found else []
    return any(_JUDGED.match(text, at) for at in spots)


def commands_the_reader(sentence: str) -> bool:
    """Whether a sentence tells the reader to do something ("Write a function called mode
    that takes a Hist ..."; "Indicate the part of a function ...")."""
    from tutor.engine.offline.concepts.reference_entries import VERBS

    tokens = sentence.split()
    return (len(tokens) > 1 and sentence[:1].isupper() and tokens[0].lower() in VERBS
            and tokens[1].lower() in _COMMANDING)


def says_only_a_kind(sentence: str, name: str) -> bool:
    """Whether a sentence defines the term by a general kind alone ("A null string is a
    valid value.", "The canvas size is the usual behaviour."): :func:`too_general` or
    :func:`vague` said of the term."""
    said = re.match(r"^\W*(?:(?:a|an|the|a\(n\))\s+)?" + re.escape(name)
                    + r"\s+(?:is|are)\s+(?P<said>[^.;:]+)\.?\s*$", sentence.strip(), re.I)
    return said is not None and (too_general(said.group("said")) or vague(said.group("said")))


_MAIN_VERB = re.compile(r"\b(?:is|are|was|were|may|might|should|must|can|could|will|would|"
                        r"shall|do|does|did|don't|doesn't|need|needs|has|have|had|cannot|can't|"
                        r"won't|isn't|aren't)\b", re.I)
"""A verb that makes a sentence of what stands before it ("The function read.table is the
most convenient way ..."; "A program may need to ...")."""
_CLAUSE_OPENS = re.compile(r"\b(?:that|which|who|whom|whose|where|when|what|whether|if|"
                           r"because|while)\b|[,;:(]", re.I)
"""Where a clause inside a description begins: its verbs say what the thing does ("A
statistic that quantifies ..."), not that the description is a sentence."""
_COMMANDING = frozenset("the a an any each all every your its their".split())
_GENERIC_HEADS = frozenset(
    "value string array number type file variable argument name option list data object "
    "thing element item parameter result field character integer pointer entry".split())
"""Head nouns too general to pick out one term with only a word or two beside them ("a
valid value", "an array of strings", "a return value of type int"); not what a thing is a
function of ("a function of the mean")."""
_HEAD_ENDS = re.compile(r"\s+(?:of|with|in|for|that|which|who|containing|from|to|on|at|by|"
                        r"as|used|where)\b|[,;:(]", re.I)
_RELATIVE = re.compile(r"\b(?:that|which|who|whose|where|we|you|they)\b|\b(?!(?:string|thing|ring|setting)\b)\w{3,}(?:ed|ing)\s+(?:to|by|in|from|"
                       r"for|with|as|on|at)\b", re.I)
"""A clause that tells the thing apart from others of its kind ("a number that means ...",
"an array of strings passed to each program")."""
_NOUN_PHRASE = re.compile(r"^\W*(?:a|an)\s", re.I)
"""What a description of any one of a kind opens on; "the most frequent value" names one
thing, "To create a new object" says what a verb does."""
GENERAL_DESCRIPTION_WORDS = 4
"""Content words up to which a description on a general head noun fits too many terms."""


def sentence_not_description(description: str, terms: Sequence[str] = ()) -> bool:
    """Whether a description is a sentence said about the thing rather than what it is: a
    capitalised subject with its own verb ("The FSF publishes some GNU manuals in printed
    form"; "Certain simple kinds of changes don't need much detail") or an instruction
    ("Write the Makefile commands ..."). A glossary entry opens on what the thing is ("A
    statistic that quantifies ..."; "To run a statement ..."; "Changing the behavior ...")."""
    text = description.strip()
    tokens = text.split()
    if len(tokens) < 2 or not text[:1].isupper():
        return False
    first = tokens[0].lower()
    if first == "to":
        return False  # "To run a statement and do what it says": what a verb means
    if commands_the_reader(text):
        return True  # "Indicate the part of a function which changed ..."
    opening = _CLAUSE_OPENS.split(text, maxsplit=1)[0]
    subject = _subject(text, opening)
    return subject is not None and not _subject_is_the_term(subject, terms)
    # "Redirection of output causes the file ... to be opened": what the thing itself does


def _subject(text: str, opening: str) -> str | None:
    """The words before the description's own verb, None when it has no verb of its own."""
    verb = _MAIN_VERB.search(opening)
    if verb and not _reduced_relative(opening[:verb.start()]) and not _CONDITION_DEFINES.match(
            text, verb.start()):
        return opening[:verb.start()]
    said = opening.split()
    for i in range(1, len(said)):
        plain, before = said[i].lower(), said[i - 1]
        after = said[i + 1].lower() if i + 1 < len(said) else ""
        if len(plain) < 4 or not plain.endswith("s") or plain.endswith(("ss", "ous", "is", "us")):
            continue  # "as", "has": no verb of the subject's own
        if i > 1 and (before.endswith("ly") or before.isupper() or (
                re.search(r"[a-z][A-Z]|[._]", before))):
            return " ".join(said[:i])  # "Bash automatically assigns", "The FSF publishes"
        if after in _OBJECT_OPENS and before.lower() not in PREPOSITIONS | {"a", "an", "the"}:
            return " ".join(said[:i])  # "The shell treats several parameters", "Bash provides"
    return None


def _subject_is_the_term(subject: str, terms: Sequence[str]) -> bool:
    """Whether the subject of a description names the term itself, in whatever form
    ("Redirection of output ..." for redirecting output): it says what the thing does."""
    said = content_stems(subject)
    return any((own := content_stems(term)) and own <= said for term in terms)


_OBJECT_OPENS = frozenset("a an the two three several some all its their this these to as "
                          "essentially no any each every many".split())
"""Words that open what a verb acts on ("treats several parameters", "attempts to ..."):
after a word ending in -s that follows a noun, they make that word a verb."""


_CONDITION_DEFINES = re.compile(r"(?:is|are)\s+(?:not\s+)?[\w-]+\s+(?:if|when|whenever|iff|just)\b",
                                re.I)
"""What a word means, said by when it applies ("A proof system is sound if ..."): a
definition, though it has the shape of a sentence."""


def _reduced_relative(subject: str) -> bool:
    """Whether the words before a verb hold a second subject that the verb belongs to ("The
    object a method is invoked on"; "The variables ... we would like to predict"): a clause
    inside the description, not its verb."""
    said = subject.lower().split()
    return any(word in ("we", "you", "they", "one") or word in ("a", "an", "the")
               and said[i - 1] not in PREPOSITIONS for i, word in enumerate(said) if i > 0)


def too_general(description: str) -> bool:
    """Whether a description says only a general kind of thing with a word or two ("a valid
    value", "an array of strings"): many terms of the course would fit it."""
    if not _NOUN_PHRASE.match(description) or len(content_stems(description)) > (
            GENERAL_DESCRIPTION_WORDS) or _RELATIVE.search(description):
        return False  # "a number that means nothing is done": the clause tells it apart
    head = words(_HEAD_ENDS.split(description, maxsplit=1)[0])
    return bool(head) and head[-1] in _GENERIC_HEADS


_VAGUE = frozenset("special particular certain usual various general kind sort variety "
                   "another other some".split())
"""Words that say a thing is of some kind, or how it stands beside others, not what it is
("a special construct", "another kind of data storage", "the usual behaviour")."""
VAGUE_LEFT = 2
"""Content words a description may keep besides :data:`_VAGUE` ones and still say too little."""


def vague(description: str) -> bool:
    """Whether a description, no clause telling its thing apart, says only that it is of some
    kind or how it stands beside others (:data:`_VAGUE`) with at most :data:`VAGUE_LEFT` words
    besides: "a special construct", "another kind of data storage", "the usual gnuplot
    behaviour" fit many terms of a course."""
    said = words(description)
    if not any(w in _VAGUE for w in said) or _RELATIVE.search(description) or re.search(
            r"[,;:(]", description):
        return False
    return len(content_stems(description, _VAGUE)) <= VAGUE_LEFT


COMMON_ZIPF = 4.5
"""How common in general English (Zipf) a word is from which it says nothing of one thing
("part" 5.8, "central" 5.1, "bit" 5.4, "complex" 4.9; "blank" 4.1, "curve" 4.1 still tell):
set on two descriptions blind raters refused (a music typesetter's extending guide, a graph
library's guide), checked on the other manuals' "which term" items."""


def picks_out_nothing(description: str) -> bool:
    """Whether a description says at most :data:`VAGUE_LEFT` content words besides the names
    it writes capitalised inside it (the course's subject, "Scheme"), and each among
    the commonest of general English (:data:`COMMON_ZIPF`: "a central part of Scheme", "a bit
    more complex", "a definition of an object"): it is true of the key's siblings too, and
    the learner can only guess which the book meant. "Steps over the current form" says
    three."""
    tokens = re.findall(r"[A-Za-z][\w'-]+", description)
    said = [w.lower() for i, w in enumerate(tokens)  # "CDF", an acronym, says something
            if w.lower() not in STOPWORDS and (i == 0 or not (w[:1].isupper() and w[1:].islower()))]
    return len({stem(w) for w in said}) <= VAGUE_LEFT and all(
        general_zipf(w) >= COMMON_ZIPF for w in said)


def what_it_is_problems(description: str, terms: Sequence[str] = ()) -> list[str]:
    """Why a description cannot stand for what a term (one of ``terms``) is (none when it
    can)."""
    if sentence_not_description(description, terms):
        return ["the description is a sentence about the thing, not what it is"]
    if too_general(description):
        return ["the description is too general to tell one term"]
    if vague(description):
        return ["the description is too vague to tell one term"]
    if judged(description):
        return ["the description says what the book thinks of it, not what it is"]
    return []
