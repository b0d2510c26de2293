"""Whether a sentence says what a concept is, and the description it gives.

The writers key an exercise to a concept only where the course plainly defines it
(:func:`plainly_defines`, :func:`says_what_it_is`); :func:`describe` takes the words that say
what the term is out of a defining sentence ("a stack is a collection of ..." -> "a collection
of ..."), and :func:`stands_alone` asks whether those words make sense on their own. The term
patterns the writers share (:func:`term_pattern`, compiled once per build) live here too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from tutor.engine.offline.terms import content_stems, mentions
from tutor.sentences import split_sentences
from tutor.text import STOPWORDS, normalize, without_period

if TYPE_CHECKING:
    from tutor.engine.offline.writing.exercise_material import Material

DEFINING_VERB = r"(?:is|are|refers\s+to|means|denotes)"
_LEANING = r"^(?:it|they|we|you|one)\b|\b(?:this|that\s+way|these|those|such|above|below|following|here)\b"

@lru_cache(maxsize=8192)
def compiled_pattern(expression: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile`` remembered for the whole build: the patterns are made from each
    concept's terms, more of them than the ``re`` module's own cache keeps."""
    return re.compile(expression, flags)


def term_group(terms: Sequence[str]) -> str:
    """A regular expression group matching any of the terms (hyphens or spaces between words)."""
    alternatives = [r"[\s\-]+".join(re.escape(w) for w in t.split()) for t in terms]
    return r"(?:" + "|".join(alternatives) + r")(?![\w-])"


def term_pattern(terms: Sequence[str]) -> re.Pattern[str]:
    """Mentions of any of the terms as whole words, any case."""
    return _term_pattern(tuple(terms))


@lru_cache(maxsize=8192)
def _term_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """:func:`term_pattern` by its terms: the writers ask for a concept's pattern many times,
    and building its expression each time cost more than finding it compiled."""
    return compiled_pattern(r"(?<![\w-])" + term_group(terms), re.I)


_TERM = "\x01"
"""Stands in for every mention of the term, so the shapes below are compiled once for the
build, not once per concept (compiling them was a good part of the writers' CPU)."""
_T = re.escape(_TERM)
_OF_ANY = r"(?:\s+of\s+(?:a|an|two|any)\s+[\w\s]{1,30}?)?"
"""Whose it is, said of any ("The complement of an event A is ..."): still a definition; not
of one instance ("The extension of L is ...")."""
_LAW_OF = r"(?:(?:law|rule|principle)\s+of\s+)?"
"""A law named after its subject ("The law of total probability states that ...")."""
_SUBJECT_VERB = r"(?:" + DEFINING_VERB + r"|states\s+that)"
_SUBJECT_IS = re.compile(  # "A stack is ...", "In this context, "frequency" means ..."
    r"^\W*(?:[^,.;:]{0,40},\s+)?[\"'‘“]?(?:(?:a|an|the)\s+)?" + _LAW_OF + _T
    + r"[\"'’”]?" + _OF_ANY + r"\s*(?:\([^)]*\)\s*)?(?:,[^,]{0,60},\s*)?" + _SUBJECT_VERB
    + r"\s+(.+)$", re.I)
_ENTRY = re.compile(r"^\W*(?:(?:a|an|the)\s+)?" + _T + r"\s*:\s+(.+)$", re.I)
_WHICH_IS = re.compile(  # "... define a null hypothesis, which is a model of ..."
    r"^.*?" + _T + r"[\"'’”]?,\s+which\s+(?:is|are|means)\s+"
    r"(?:that\s+)?((?:(?:a|an|the)\s+)?[^,;:]+?)\W*$", re.I)
_DETERMINED = re.compile(r"(?:^|[^\w\s]\s*|\b(?:a|an|the|this|that|these|those|each|every|"
                         r"any|its|their|our|your|his|her)\s+)$", re.I)
"""What comes right before a term glossed by "which is": an article or determiner (or nothing),
not another word of a longer name ("a null hypothesis, which is ..." for hypothesis)."""
_NAMED_TAIL = (r"(?:\s+of\s+(?:a|an|the|that|this|its)\s+[\w-]+(?:\s+[\w-]+)?"
               r"|,\s+(?:because|since)\s+[^.]*|\.\s+[A-Z][^.]*)?\W*$")
"""What may follow the name in "... is called X": whose X it is ("... is called the scope of
the quantifier"), why it is so called, or a remark of its own ("It is common to use ...")."""
_IS_CALLED = re.compile(  # "Wrapping a piece of code up in a function is called encapsulation."
    r"^\W*(.{12,}?)\s+(?:is|are)\s+(?:called|known\s+as|referred\s+to\s+as)\s+"
    r"(?:(?:a|an|the)\s+)?" + _T + _NAMED_TAIL, re.I)
_PHRASE_CALLED = re.compile(  # "... data from a subset of the population called a sample."
    r"^.*?\b((?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:of\s+(?:a|an|the)\s+)?[\w-]+)"
    r",?\s+(?:is\s+|are\s+)?(?:called|known\s+as)\s+(?:(?:a|an|the)\s+)?" + _T, re.I)


def describe(text: str, terms: Sequence[str]) -> str | None:
    """The definition without its subject: ``"A stack is a list ..."`` -> ``"a list ..."``;
    a gloss that does not name the term is its own description; None otherwise."""
    text = " ".join(normalize(text).split())
    pattern = term_pattern(terms)
    if not text:
        return None
    if not pattern.search(text):
        return without_period(text)
    marked = pattern.sub(_TERM, text)
    match = _SUBJECT_IS.match(marked) or _ENTRY.match(marked)
    if not match and (which := _WHICH_IS.match(marked)) and _whole_term(
            marked[:marked.index(_TERM)]):
        match = which  # not "define a null hypothesis, which is" for hypothesis
    if not match:
        match = _IS_CALLED.match(marked)
        if match and re.search(_LEANING, match.group(1), re.I):
            return None  # "Functions that work this way are called X": needs the text before
    if not match:
        match = _PHRASE_CALLED.match(marked)
        if match and (re.search(_LEANING, match.group(1), re.I) or re.search(
                r"\b(?:is|are|was|were|be|been|has|have)\b", match.group(1), re.I)
                or re.search(r"\w+ing\s+$", marked[:match.start(1)])):
            return None  # "Adding a parameter to a function is called ...": not "a parameter"
    if not match:
        match = (_MEANT.match(marked) or _OWNED_BY_ANY.match(marked)
                 or _described_as_it(marked))
    if not match or _TERM in match.group(1):
        return None
    rest = without_period(match.group(1))
    if len(rest) < 12 or mentions(rest, terms):
        return None
    named = re.findall(r"\b([A-Z])\b", marked[:match.start(1)])
    if any(re.search(r"\b" + letter + r"\b", rest) for letter in named):
        return None  # "... of an event A is ... not in A": A means nothing without its subject
    return rest


def _described_as_it(marked: str) -> re.Match[str] | None:
    """What the sentence after one on the term says "it" is ("... It is a combination of the
    boxes and yerrorbars styles." -> "a combination of ...")."""
    parts = split_sentences(marked)
    return next((_IT_IS_REST.match(then) for first, then in zip(parts, parts[1:], strict=False)
                 if _OPENS_ON_TERM.match(first) and _IT_IS.match(then)), None)


_OPENER = re.compile(
    r"^\W*(?:when|if|in|as|at|on|to|from|by|with|after|before|this|that|these|those|we|you|"
    r"they|there|so|but|and|for|now|here|since|because|although|once|then|thus|however|"
    r"note|also|often|usually|generally|instead)\b", re.I)
"""First words of a sentence fragment, not of a gloss ("When people mean to argue, ...")."""
_LEANS_ON = re.compile(r"\b(?:them|they|these|those|above|below|previous|following)\b", re.I)
_POINTS_ELSEWHERE = re.compile(
    r"\b(?:the\s+(?:main\s+)?topic\s+of|(?:is|are)\s+(?:discussed|covered|"
    r"explained|introduced)\s+in|chapters?\s+\d+|sections?\s+\d+)\b|^\W*the\s+other\b"
    r"|^\W*(?:a|an|the)\s+(?:(?:big|large|huge|small|major|broad|central|key|important)\s+)?"
    r"(?:topic|subject)\b", re.I)
"""A description that says where the concept is treated, not what it is ("the topic of
Chapter 11", "a big topic"), or what the others are ("The other sentences are premises of the argument")."""
_PARTICIPLE = re.compile(r"^\W*[a-z]\w+ed\b")
"""A description starting with a lower-case participle is the rest of a clause, not a noun."""
_LIKE_THIS = re.compile(
    r"\b(?:like\s+th(?:is|at|ese|ose)|this\s+way|such\s+\w+\s+(?:is|are))\b"
    r"|\b(?:this|these|that|those|such)\s+(?:[\w-]+\s+){0,2}(?:is|are)\s+(?:called|known)\b",
    re.I)
"""A sentence naming what the one before described ("this set is called the extension")."""
_OWN_SUBJECT = re.compile(r"^\W*(?:(?:a|an|the)\s+)?(?:(?!\b(?:that|which|who|whose|where|when)\b)"
                          r"[\w\s-]){1,30}?[\"'’”]?\s+"
                          r"(?:is|are|refers?\s+to|means?|denotes?)\s", re.I)
"""A sentence defining a subject of its own: no gloss of another term."""
_POINTS_BACK = re.compile(r"^\W*(?:this|that|these|those|it|they|such|here|there)\b", re.I)
_NOT_SAYING_WHAT = (r"(?!\s+(?:the\s+)?(?:most|more|less|very|often|usually|sometimes|still|"
                    r"only|always|never|not|just|quite|rather|also|too|important|useful|easy|"
                    r"hard|same|similar|different|like|\w+est)\b"
                    r"|\s+(?!(?:called|known|defined|termed|named|said|composed|made|formed|"
                    r"denoted|described|characteri[sz]ed|referred)\b)[a-z]+ed\s+(?:by|when|"
                    r"whenever|with|in|at|on|from|through|using|automatically|only|if)\b)")
"""What follows "X is" when the sentence says how X behaves or compares, or how it is made or
used ("Device drivers are started by calling ..."), not what it is."""
MIN_DESCRIPTION_STEMS = 2


def glossed_within_a_phrase(sentence: str, terms: Sequence[str]) -> bool:
    """Whether the sentence glosses the term by "which is" where a word other than an article
    comes right before it: the gloss is of the longer phrase ("define a null hypothesis, which
    is a model ..." for hypothesis) or of a name in code ("we have ended, which is ...")."""
    marked = term_pattern(terms).sub(_TERM, " ".join(normalize(sentence).split()))
    if _TERM not in marked or _SUBJECT_IS.match(marked) or not _WHICH_IS.match(marked):
        return False
    return not _whole_term(marked[:marked.index(_TERM)])


def _whole_term(before: str) -> bool:
    """Whether the text before a term glossed by "which is" leaves the term whole: an article
    or determiner, a preposition or a verb ("interval for prediction error", "performs string
    concatenation"); not another word of a longer name ("null hypothesis") nor "we have"
    ("we have ended, which is ...": a value the code computes)."""
    if _DETERMINED.search(before):
        return True
    word = (re.findall(r"[A-Za-z]+", before) or [""])[-1].lower()
    if word in ("have", "has", "had", "get", "gets", "got"):
        return False
    return word in STOPWORDS or word.endswith("s") or word in ("called", "named", "termed")


def plainly_defines(sentence: str, terms: Sequence[str]) -> bool:
    """Whether the sentence has the shape of a definition of the term: "X is ...", "In this
    context, an X is ...", "X: a ...", "... is called X", "... is said to be X", "X, which
    means ...". Not a sentence pointing back ("This is called X") nor one saying how the thing
    behaves ("X is most vexing when ...")."""
    parts = split_sentences(sentence)
    return any(_defines_alone(part, terms) for part in parts) or _said_of_it(parts, terms)


def _said_of_it(parts: Sequence[str], terms: Sequence[str]) -> bool:
    """A sentence with the term as its subject followed by one that says what "it" is: "The
    boxerrorbars style is only relevant to 2D data plotting. It is a combination of the boxes
    and yerrorbars styles." (a manual's entry opens on where the thing applies, then says
    what it is)."""
    pattern = term_pattern(terms)
    return any(_OPENS_ON_TERM.match(pattern.sub(_TERM, first)) and _IT_IS.match(then)
               for first, then in zip(parts, parts[1:], strict=False))


def describes_command(sentence: str, terms: Sequence[str]) -> bool:
    """Whether the sentence says what a command, style or option does (:data:`COMMAND_SHAPE`,
    "The set statement declares a set"): its definition in its own section, not elsewhere."""
    shapes = (_COMMAND, _CALL_DOES, *[_KIND_DOES] * any(_KIND_NAME.search(t) for t in terms))
    marked = [term_pattern(terms).sub(_TERM, part) for part in split_sentences(sentence)
              if not _POINTS_BACK.match(part)]  # each part marked once, not once per shape
    return any(shape.search(part) is not None for part in marked for shape in shapes)


def _defines_alone(sentence: str, terms: Sequence[str]) -> bool:
    if _POINTS_BACK.match(sentence) or _LIKE_THIS.search(sentence):
        return False
    return _DEFINING_SHAPE.search(term_pattern(terms).sub(_TERM, sentence)) is not None


_ARTICLE = r"(?:(?:a|an|the)\s+)?"
_OWNED = (r"^\W*(?:if|when|given)\b[^,.;:]{3,60},\s+(?:their|its)\s+" + _T
          + r"\s+(?:is|are)\s+((?:a|an|the)\s.+)$")
"""Said of any pair or any thing the condition names: "If a and b are two numeric arrays,
their outer product is an array whose dimension vector is ..."."""
_WE_MEAN = (r"^\W*by\s+" + _ARTICLE + _T + r"(?:\s+of\s+(?:a|an|the|any)\s+[\w\s-]{1,30}?)?,?"
            r"\s+(?:we|I|one)\s+means?\s+(?P<meant>.+)$")
_KIND_OF_COMMAND = (r"(?:command|style|plot\s+style|plotting\s+style|option|terminal"
                    r"|terminal\s+driver|driver|setting|modifier|keyword|function|operator"
                    r"|statement|directive|macro|filter|attribute|parameter|property|format)")
_HOW_OR_WHEN = (r"(?!(?:is|are)\s+(?:only|not|also|very|quite|most|more|less|often|usually|"
                r"sometimes|rarely|particularly|especially|useful|important|helpful|convenient|"
                r"deprecated|obsolete|similar)\b)"
                r"(?![a-z]+\s+only\b)")
"""What follows the thing's name when the manual says how good it is, when it works or what it
is like ("The ternary operator is very useful ...", "The raise and lower commands function only
for some terminal types", "The set ticscale command is deprecated"), not what it does."""
_DOES = (r"(?:(?:\s+(?:device|program|library))?\s+" + _HOW_OR_WHEN
         + r"(?:is|are|[a-z]{3,}s|can\s+be\s+used\s+(?:to|for))\b"
         r"|\s+" + _T + r"\s+(?:a|an|the|one|all|each|every|any|its|their)\b)")
"""What the thing does: a verb ("allows", "draws"), or the command's own name for one named
by what it does ("The print command prints the value of ...", "The fit command fits a ...")."""
_THEY_DO = (r"s\s+(?!(?:are|were|have|had|can|may|must|should|will|would|of|in|on|to|and|or)\b)"
            + _HOW_OR_WHEN + r"[a-z]{3,}\b")
"""Said of a plural kind: "The color and monochrome options select colored or mono output"."""
_IN_WHERE = r"^\W*(?:in\s+[^,.;:]{0,40}?,?\s+)?the\s+"
_NAMED = (r"(?:[\w-]+\s+){0,2}?[\"'“‘]?" + _T + r"[\"'”’]?(?:\s+and\s+[\w-]+|\s+[\w-]+)?\s+"
          + _KIND_OF_COMMAND + r"(?:\s+(?:to|in|of|for|on)\s+(?:a|an|the)\s+[\w-]+(?:\s+command)?)?"
          r"(?:\s+(?:essentially|simply|always|just|first))?")
_SET = r"(?:(?:set|unset|show)\s+(?:[\w-]+\s+){0,2}?)"
"""The command word and up to two words of its name before the term ("set pm3d lighting")."""
_OBJECT = r"(?:a|an|the|that|whether|each|every|all|any|no)\b"
COMMAND_SHAPE = (_IN_WHERE + _NAMED + r"(?:" + _DOES + "|" + _THEY_DO + r")|"
                 + _IN_WHERE + _KIND_OF_COMMAND + r"\s+" + _SET + r"?" + _T + _DOES
                 + r"|^\W*(?:set\s+)?" + _T + r"\s+(?!is\b|are\b|was\b|has\b)[a-z]{3,}s\s+(?:a|an|the)\b"
                 + r"|^\W*" + _SET + _T + r"(?:\s+[\w-]+)?\s+(?!is\b|are\b|was\b|has\b)[a-z]{3,}s\s+"
                 + _OBJECT
                 + r"|^\W*(?:[\w-]+\s+){3,}(?:is|are)\s+controlled\s+(?:by|using|with|via)\s+"
                 r"(?:the\s+)?(?:command\s+)?" + _SET + r"?" + _T + r"\W*$")
"""What a manual says of a command, a style or an option in its own section: "The set grid
command allows grid lines to be drawn", "In 2D plots the boxes style draws a rectangle ...",
"The domterm terminal device runs on ...", "Set cntrparam controls the generation of ...",
"The command set bmargin sets the size of the bottom margin", "Set key autotitle causes each
plot to be identified ...", "Minor tic marks along the y axis are controlled by set mytics":
what the thing does, said of it by its kind or its command, defines it for a reader of the
manual."""
_DEFINING_SHAPE = re.compile("|".join(f"(?:{shape})" for shape in (
    r"^\W*(?:[^,.;:]{0,40},\s+)?" + _ARTICLE + _LAW_OF + _T + r"[\"'’”]?" + _OF_ANY
    + r"\s*(?:\([^)]*\)\s*)?"
    r"(?:,[^,]{0,60},\s*)?(?:is|are|refers?\s+to|means?|denotes?|states\s+that)\b"
    + _NOT_SAYING_WHAT,
    r"^\W*(?:[^,.;:]{0,40},\s+)?" + _ARTICLE + _T + r"\s+can\s+be\s+used\s+(?:to|for)\s+\w",
    r"^\W*" + _ARTICLE + _T + r"\s*:\s+\S",
    r"\b(?:called|known\s+as|said\s+to\s+be|referred\s+to\s+as)\s+" + _ARTICLE + _T,
    _T + r",\s+which\s+(?:means\b|(?:is|are)\s+(?:a|an|the)\s)",
    r"\bdefines?\s+" + _ARTICLE + _T + r"|" + _T + r"\s+(?:is|are)\s+defined\b",
    r"(?:^|[.;]\s+)\W*" + _ARTICLE + _T + r"(?:\s+[\w-]+)?\s+(?:is|are)\s+(?:exactly\s+|just\s+)?"
    r"(?:like|similar\s+to)\s+"
    r"[^.;]{1,60}?,?\s+except\b",
    _WE_MEAN,
    _OWNED,
)), re.I)
"""The shapes of a definition of the term (marked as :data:`_TERM`), compiled once; among
them a known thing and what differs ("xerrorbars is like points, except that a horizontal
error bar is also drawn") and what "we mean" by the term ("By the mode of an object we mean
the basic type of its fundamental constituents")."""
_OPENS_ON_TERM = re.compile(r"^\W*" + _ARTICLE + r"(?:[\w-]+\s+)?" + _T
                            + r"(?:\s+" + _KIND_OF_COMMAND + r")?\s+(?:is|are|[a-z]{3,}s)\b", re.I)
_IT = r"^\W*(?:it|this\s+" + _KIND_OF_COMMAND + r")\s+"
_IT_DOES = (r"(?!(?:has|does|needs|requires|depends|seems|looks|works|applies|uses|takes)\b)"
            r"[a-z]{3,}s\s+(?:a|an|the|each|every|all|any|no|consecutive|one|two)\b")
_IT_IS = re.compile(_IT + r"(?:(?:is|are)\s+(?!only\b|not\b|an?\s+(?:good|bad|useful|common|nice|"
                    r"great)\b)(?:a|an|exactly\s+like|like|similar\s+to|intended\s+for|"
                    r"used\s+(?:to|for)|designed\s+(?:to|for))\b|" + _IT_DOES + ")", re.I)
_IT_IS_REST = re.compile(_IT + r"(?:(?:is|are)\s+)?(.+)$", re.I | re.S)
"""What a manual's entry says of "it" after a sentence on the thing: a class, a likeness, a
purpose or what it does ("It is a combination of ...", "It is intended for plotting
histograms", "It connects consecutive points with two line segments")."""
_MEANT = re.compile(_WE_MEAN, re.I)
_OWNED_BY_ANY = re.compile(_OWNED, re.I)
_COMMAND = re.compile(COMMAND_SHAPE, re.I)
_VERB_S = _HOW_OR_WHEN + r"(?!(?:is|are|was|has|does|needs|depends|assumes|uses)\b)[a-z]{3,}s\s+(?!that\b)\w"
_KIND_DOES = re.compile(_IN_WHERE + _T + r"\s+(?:(?:also|simply|first)\s+)?" + _VERB_S, re.I)
_CALL_DOES = re.compile(_IN_WHERE + _KIND_OF_COMMAND + r"\s+" + _T  # its arguments named, no case
                        + r"\s*\(\s*[a-z_]\w*(?:\s*,\s*[a-z_]\w*)*\s*\)\s+" + _VERB_S, re.I)
_KIND_NAME = re.compile(r"\w\s+" + _KIND_OF_COMMAND + r"s?$", re.I)  # "set statement", not "function"


def says_what_it_is(m: Material) -> bool:
    """Whether the course really says what the concept is: a defining sentence of a
    definition's shape (:func:`plainly_defines`), or a gloss that does not name the term and
    stands on its own. A sentence that merely uses the term ("The syntax is the same as for
    strings", "In designing a proof system, ...") is no definition, and no exercise should be
    keyed to it as one."""
    if m.sentence and _POINTS_ELSEWHERE.search(m.sentence):
        return False  # "..., which is the topic of Chapter 11"; "The other sentences are ..."
    if m.sentence and _IN_THE_EXAMPLE.match(m.sentence):
        return False  # "In the NSFG example, the apparent effect is a difference in ...": a case
    if m.sentence and a_case_or_a_sign(m.sentence, m.terms):
        return False  # "For example, the 50th percentile is ...", "The connective '&' is called"
    if only_examples(m.description or (describe(m.sentence, m.terms) if m.sentence else None)):
        return False  # "Expressions like 'no one', 'everyone', and 'anyone'": instances only
    if m.sentence and plainly_defines(m.sentence, m.terms):
        return True
    if (m.sentence and " ".join(m.sentence.split()) in " ".join(m.concept.definition.split())
            and describes_command(m.sentence, m.terms)):
        return True  # the map's own sentence: "The set grid command allows grid lines ..."
    if m.found_elsewhere:  # the classifier's judgement on a sentence among the passages
        return bool(m.sentence or m.description)
    gloss = " ".join(m.concept.definition.split())
    if not gloss or m.pattern.search(gloss) or _OWN_SUBJECT.match(gloss):
        return False  # '"Syntax" refers to the structure ...' given for syntax error
    return stands_alone(m.description)


_IN_ONE_CASE = re.compile(r"^\W*if\s+[^,]{3,80},\s+(?:(?:a|an|the)\s+)?" + _T
                          + r"\s+(?:is|are)\b", re.I)
"""What the thing is in one case ("If the third parameter is 0 or is omitted, the time returned
is the start of the week"), not in general."""
_AN_EXAMPLE = re.compile(r"^\W*(?:for\s+(?:example|instance)|e\.\s?g\.)\W", re.I)
"""A sentence opening on an example: one case of the concept, not what it is."""
_QUOTED = re.compile(r"[\'‘’\"“”][^\'‘’\"“”]{1,6}[\'‘’\"“”]")
_NAMING = re.compile(r"^\W*(?P<named>.{3,80}?)\s+(?:is|are)\s+(?:also\s+)?(?:called|known\s+as)\s",
                     re.I)


def a_case_or_a_sign(sentence: str, terms: Sequence[str]) -> bool:
    """Whether the sentence gives one case of the concept ("For example, the 50th percentile
    is the value with percentile rank 50", "If the third parameter is 0, the time returned is
    the start of the week") or only the sign it is written with
    (:func:`names_a_symbol`): no key for what the concept is."""
    if _AN_EXAMPLE.match(sentence) is not None or names_a_symbol(sentence, terms):
        return True
    return _IN_ONE_CASE.match(term_pattern(terms).sub(_TERM, sentence)) is not None


def names_a_symbol(sentence: str, terms: Sequence[str]) -> bool:
    """Whether the sentence only names a sign: what it calls the concept is a kind and a
    quoted symbol ("The logical connective ' & ' is called conjunction", "The '∨' connective
    is called disjunction"), nothing of what the sign does or when it holds."""
    found = _NAMING.match(sentence)
    if found is None or not _QUOTED.search(found.group("named")):
        return False
    named = _QUOTED.sub(" ", found.group("named"))
    if mentions(named, terms, fuzzy=False) or re.search(
            r"\b(?:that|which|who|used|when|if|whose|where)\b", named, re.I):
        return False
    return len(content_stems(named)) <= 2


_IN_THE_EXAMPLE = re.compile(r"^\W*in\s+(?:the|this|that|our)\s+(?:[\w-]+\s+){0,3}example\b", re.I)
"""A sentence saying what the term is in one example, not in general."""
_LIKE = re.compile(r"\s*,?\s*\b(?:like|such\s+as|e\.\s?g\.|for\s+example)\b.*$", re.I | re.S)
_LIKE_EXCEPT = re.compile(r"\b(?:like|similar\s+to)\b[^.;]{1,60}?\bexcept\b", re.I)


def only_examples(description: str | None) -> bool:
    """Whether a description gives instances, not what the thing is: a bare kind followed by
    examples ("Expressions like 'no one', 'everyone', and 'anyone'", "an expression like 'is a
    dog.'"): without its examples, at most one content word is left."""
    if not description or not _LIKE.search(description) or _LIKE_EXCEPT.search(description):
        return False  # "exactly like the style steps except that ...": a likeness and a difference
    return len(content_stems(_LIKE.sub("", description))) <= 1


def stands_alone(description: str | None) -> bool:
    """Whether a description says what a thing is without the text around it: a few content
    words, not a sentence fragment or one that points at other sentences."""
    if not description or len(content_stems(description)) < MIN_DESCRIPTION_STEMS:
        return False
    if ";" in description or "?" in description or _PARTICIPLE.match(description):
        return False  # two glossary entries run together; "assigned to variables called ..."
    return not (_OPENER.match(description) or _LEANS_ON.search(description)
                or _POINTS_ELSEWHERE.search(description))

