"""The signs that a sentence defines a term: the features of the defining-sentence classifier.

A reader checks a handful of things to tell a definition from a sentence that only mentions a
term, and each is a feature here, weighted by :data:`WEIGHTS`:

- the term is the grammatical subject and a copula to a class follows ("A list is a sequence
  ...", "Deadlocks are situations in which ...") or a defining verb ("refers to", "means",
  "is defined as");
- the sentence names the term as the object of "is called", "we call ... X", "known as X"
  (the right direction: "We call the square root of the dimension the degree" defines
  *degree*, not *square root*), or as an appositive ("..., the mean, which is ...");
- the term is a property given with its condition ("Two sets are disjoint if ..."), what "we
  say that ... is X" or "we define X as ..." name, or the complement of a copula whose subject
  describes it ("Another way to measure spread is the interquartile range");
- it sits in the section whose heading names the term, or in the passage that sets the term
  in emphasis; a pattern of :mod:`tutor.engine.offline.definitions` found it (its strength);
- against: a discourse opener ("This", "Well", "So", "If"), a question, boilerplate (licence,
  exercise and figure references), code residue, very short or very long sentences; a remark
  (the term followed by a modal: "Polymorphism can facilitate ..."), an announcement ("we
  will", "this section", "we have seen"), history (years, "first proven by"), a judgement or
  a superlative where the genus should be ("X is a big topic", "X are the hardest to find");
  an instruction to the reader ("Write a program ...").

:func:`says_what` is the stricter test of a sentence that says on its own what the term is.
:mod:`tutor.engine.offline.definitions.defining` picks a concept's sentence with these scores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tutor.engine.offline.definitions.definition_cleaning import DANGLING, LEADING_NOISE
from tutor.engine.offline.definitions.self_contained import leans
from tutor.engine.offline.terms import DETERMINERS, mentions_key, term_key

WEIGHTS = {
    "pattern": 0.8,  # times the pattern's strength (1..3)
    "subject_copula": 2.0,
    "subject_verb": 2.0,
    "named_object": 2.0,
    "subject_only": 0.5,
    "appositive": 2.0,
    "predicate": 2.0,
    "inverse": 1.5,
    "heading": 1.0,
    "emphasis": 1.0,
    "opener": -2.0,
    "question": -3.0,
    "boilerplate": -3.0,
    "code": -1.5,
    "length": -1.0,
    "colon_end": -0.5,
    "modal": -1.0,
    "announcement": -2.0,
    "history": -1.5,
    "evaluative": -2.5,
    "instruction": -2.0,
}

OPENERS = frozenset(
    "this these that those it they well so if but and or however also then now here there "
    "thus hence therefore again still yet finally similarly likewise remember note recall "
    "of".split()
)
_APPOSITIVE = re.compile(
    r"^\s*(?:\([^)]{1,20}\)\s*)?,\s*(?:which|that|who)\s+(?:is|are|means|refers to|"
    r"(?!is\b|was\b|has\b|does\b)[a-z]+[^s\W]s)\b|"
    r"^\s*(?:\([^)]{1,20}\)\s*)?,\s*(?:an?|the)\s+(?!\d)\w+")
_MODIFIER_OF_SUBJECT = re.compile(r"^\s*[a-z]{3,}\s+(?:is|are)\b")
"""After the term, a noun and the copula: the term modifies the subject's head noun."""
_JUDGED = re.compile(r"^\s*,\s*which\s+(?:is|are|was|were)\s+(?:very\s+|quite\s+|not\s+)?"
                     r"[a-z]+\s*[.!;]?\s*$")
"""A "which is" that only judges the amount just stated ("... is 0.029 standard deviations,
which is small"): one word, no noun phrase, says nothing of what the thing is."""
_LEADING_PHRASE = re.compile(
    r"^\W*(?:in|for|with|on|at|by|from|under|within|unlike|like|after|before|during)\b\W*"
    r"(?:\S+\s+){0,3}\S+\s*,?\s*$", re.IGNORECASE)
"""The term inside a leading prepositional phrase ("In classical hypothesis testing, an
effect is ..."): what follows the comma is the main clause, not an appositive."""
_SUBORDINATE = re.compile(
    r"^\W*(?:if|when|whenever|since|because|although|once|while)\b[^,]*,?\s*$", re.IGNORECASE)
"""The term ends a leading subordinate clause ("If the logs have a normal distribution, the
values ..."): the comma closes the clause, no appositive follows."""
_COPULA = re.compile(
    r"^\s*(?:is|are)\s+(?:also\s+|simply\s+|just\s+)?(?:a|an|the|any|one of|some|defined as|"
    r"what|how|when|where)\b|^\s*are\s+(?!the\b|not\b|also\b|always\b|just\b)"
    r"(?:[a-z]+(?:-[a-z]+)+\s+)?[a-z]{3,}(?<!ous)(?<!ss)(?<!us)(?<!is)s\b")
"""A copula to a class: "is a ...", "are sequences ...", "are name-value pairs ..." (a
hyphenated modifier before the plural class)."""
_DEFINING_VERB = re.compile(
    r"^\s*(?:refers? to|means?|denotes?|stands? for|is defined as|are defined as|describes?|"
    r"represents?|measures?|consists? of|is used to|are used to)\b")
_NAMING = re.compile(
    r"(?:\b(?:is|are|was|were|be)|\b(?:it|that)'s)\s+(?:also\s+|often\s+|sometimes\s+|"
    r"usually\s+)?(?:called|known as|"
    r"referred to as|termed|named|said to be)\s+(?:an?\s+|the\s+)?(?P<t>[\w\- ']+)|\bwe call\b.*?"
    r"(?:\b(?:an?|the)\s+)?(?P<u>[\w\- ']+)$|,\s*called\s+(?:an?\s+|the\s+)?(?P<v>[\w\- ']+)|"
    r"\b(?<!is )(?<!are )called\s+an?\s+(?P<w>[\w\- ']+)",
    re.IGNORECASE)
THIS_IS = re.compile(
    r"^(?:This|That)(?:\s+(?:result|quantity|value|number|statistic|process|idea|property|"
    r"relationship|phenomenon|effect|form|pattern))?\s+is\s+(?:(?:the|an?)\s+(?:general|schematic|basic)\s+form\s+of\s+)?"
    r"the\s+(?P<t>[\w\- ']+)|^(?:This|That)\s+is\s+an?\s+(?P<k>[\w\- ']+?),?\s+because\s+it\b")
"""A sentence that names what the sentences before it showed ("This is the universal
elimination rule (...)", "This result is the Central Limit Theorem", "This is an inductive
argument, because it generalizes ..."): the name is what the passage explains."""
BOILERPLATE = re.compile(
    r"copyright|licen[cs]e|permission|all rights|\bexercise\s+\d|\bfigure\s+\d|\bsection\s+\d|"
    r"\bchapter\s+\d|https?://|www\.|\.py\b|\.ipynb\b|solutions? (?:to|are)|see below|"
    r"as we saw|as you saw|in the previous|in this chapter|in the next", re.IGNORECASE)
_MODAL = re.compile(r"^\s*(?:can|could|may|might|will|would|should|must|also|often|usually)\b")
"""A term followed by a modal or an adverb: a remark about it, not what it is."""
_ANNOUNCEMENT = re.compile(
    r"\b(?:we will|we'll|we are going to|let's|let us|this section|this chapter|the next "
    r"(?:section|chapter)|(?:I|we) (?:mentioned|said|showed|saw) (?:earlier|before|above)|"
    r"we have (?:already )?seen)\b", re.IGNORECASE)
_EVALUATIVE = re.compile(
    r"^\s*(?:is|are)\s+(?:also\s+)?(?:a|an|the|one of the|one of \w+'s)\s+(?:very\s+|most\s+|more\s+|"
    r"really\s+|pretty\s+)?(?:good|bad|big|great|nice|useful|important|common|best|better|"
    r"worst|reliable|popular|powerful|easy|hard|difficult|interesting|obvious|"
    r"reasonable|same|opposite)\b|^\s*(?:is|are)\s+(?:also\s+)?(?:one of\s+)?the\s+(?:most\s+\w+|"
    r"least\s+\w+|\w{3,}est)\b")
"""A copula to a judgement ("is a big topic", "is a good model") or a comparison ("is the
same"): not a genus."""
_INSTRUCTION = re.compile(
    r"^(?:write|use|try|modify|compute|download|run|read|make|find|check|type|add|change|"
    r"create|implement|define|print|test|start|open|see|look|note|remember|consider)\b",
    re.IGNORECASE)
"""An instruction to the reader ("Write a program that ..."): an exercise, not a definition."""
_HISTORY = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)s?\b|\bfirst (?:proven|proved|introduced|"
                      r"described|used) by\b", re.IGNORECASE)
_CODE = re.compile(r"[=<>{}\[\]#$%^*|\\;_@~`]|\w\(\)|\w\.\w+\(")


@dataclass(frozen=True)
class Candidate:
    """A sentence that may define a term."""

    text: str
    section: str = ""
    pattern_strength: float = 0.0
    """Strength of a definitional pattern that matched this sentence for the term (0 if
    none)."""
    emphasized: bool = False
    """The passage sets the term in bold or italics (books mark a term where they define
    it)."""


def features(term: str, candidate: Candidate) -> dict[str, float]:
    """The feature values of :data:`WEIGHTS` for ``candidate`` as a definition of ``term``."""
    return dict(_features(term, candidate))


@lru_cache(maxsize=16384)
def _features(term: str, candidate: Candidate) -> tuple[tuple[str, float], ...]:
    # A build scores one sentence for one term several times (choosing, then checking the
    # chosen one): the features depend only on the two, so they are read once.
    text = candidate.text.strip()
    key = term_key(term)
    words = text.split()
    out = dict.fromkeys(WEIGHTS, 0.0)
    out["pattern"] = candidate.pattern_strength
    rest = _after_subject(text, key)
    if rest is not None and _MODIFIER_OF_SUBJECT.match(rest):
        rest = None  # "the truth table method is ...": the term only modifies the subject
        out["pattern"] = 0.0
    if rest is not None:
        if _COPULA.match(rest):
            out["subject_copula"] = 1.0
        elif _DEFINING_VERB.match(rest):
            out["subject_verb"] = 1.0
        else:
            out["subject_only"] = 1.0
    after = _after_term(text, key)
    if (rest is None and after is not None and _APPOSITIVE.match(after)
            and not _JUDGED.match(after)
            and not _LEADING_PHRASE.match(text[: max(0, len(text) - len(after))])
            and not (after.startswith(",") and _SUBORDINATE.match(
                text[: max(0, len(text) - len(after))]))):
        out["appositive"] = 1.0
    named = _NAMING.search(text.rstrip(" .!")) or THIS_IS.match(text)
    if named:
        target = next(g for g in named.groups() if g is not None)
        if named.groupdict().get("u") is not None:  # "we call X the Y": Y is what is named
            target = re.split(r"\b(?:the|an?|as)\s+", target)[-1]
        if term_key(target).startswith(key):
            out["named_object"] = 1.0
    if candidate.section and mentions_key(candidate.section, key):
        out["heading"] = 1.0
    if not out["named_object"] and rest is None and _predicate_definition(text, key):
        out["predicate"] = 1.0
    if rest is None and not out["named_object"] and not out["predicate"] and _INVERSE.search(
            text) and _inverse_names(text, key):
        out["inverse"] = 1.0
    out["emphasis"] = 1.0 if candidate.emphasized else 0.0
    first = words[0].lower().strip("\"'(,") if words else ""
    defines = (rest is not None or out["named_object"] or out["predicate"]
               or out["appositive"] and not leans(text))
    # (an appositive after "It ..." explains an object of a sentence about something else)
    if first in OPENERS and not defines:
        out["opener"] = 1.0
    out["question"] = 1.0 if text.endswith("?") else 0.0
    out["boilerplate"] = 1.0 if BOILERPLATE.search(DANGLING.sub("", text)) else 0.0
    if rest is not None and out["subject_only"] and _MODAL.match(rest):
        out["modal"] = 1.0
    if rest is not None and _EVALUATIVE.match(rest):
        out["evaluative"] = 1.0
    if not (out["named_object"] or out["predicate"]):  # "we will say that X is ..." defines
        out["announcement"] = 1.0 if _ANNOUNCEMENT.search(text) else 0.0
    out["history"] = 1.0 if _HISTORY.search(text) else 0.0
    out["instruction"] = 1.0 if _INSTRUCTION.match(LEADING_NOISE.sub("", text)) else 0.0
    out["code"] = 1.0 if len(_CODE.findall(text)) >= 2 else 0.0
    out["length"] = 1.0 if len(words) < 4 or len(words) > 60 else 0.0
    out["colon_end"] = 1.0 if text.endswith(":") else 0.0
    return tuple(out.items())


_SAY_THAT = re.compile(
    r"\bwe (?:will |shall |can |would |might )?(?:say|call it|call them)(?: that)?\b.*?\b(?:is|are|be)\s+(?:an?\s+|the\s+)?(?P<t>.+)$",
    re.IGNORECASE)
_SAY_SUBJECT = re.compile(
    r"\bwe (?:will |shall |can |would |might )?say that (?:an?\s+|the\s+)?(?P<t>[\w\- ]{2,40}?)"
    r"\s+(?:is|are)\s+(?:an?|the|any|some|something|someone|what|one)\b", re.IGNORECASE)
"""The term as subject of what "we say" ("So we will say that a sentence is something that
can be true or false")."""
_DEFINE_AS = re.compile(
    r"\b(?:we|i) (?:can |will |shall )?define (?:an?\s+|the\s+)?(?P<t>.+?)\s+(?:as|to be)\b",
    re.IGNORECASE)
_WE_MEAN = re.compile(r"^\W*by\s+(?:an?\s+|the\s+)?(?P<t>[\w\- ]{2,40}?)(?:\s+of\s+(?:an?|the|any)"
                      r"\s+[\w\- ]{1,30}?)?,?\s+(?:we|I|one)\s+means?\b", re.IGNORECASE)
"""What "we mean" by the term ("By the mode of an object we mean the basic type of ...")."""
_CONDITION_FIRST = re.compile(
    r"^(?:If|When|Whenever)\b[^,]{5,120},\s*(?:the|these|those|they|it|we|a|an)\b"
    r"(?:\s+\w+){0,4}?\s+(?:is|are|has|have|is said to have|are said to have|follows?)\s+"
    r"(?:an?\s+|the\s+)?(?P<t>[\w\- ]{3,60})$")
"""A condition first and the term last ("If the logarithms of a set of values have a normal
distribution, the values have a lognormal distribution")."""
_CONDITION = re.compile(
    r"^\s*(?:in (?!the\b)[a-z]{1,3}\s+)?(?:if|iff|when|whenever|just in case|exactly when|provided "
    r"that|if and only if)\b", re.IGNORECASE)


_INVERSE = re.compile(
    r"^(?:(?:the|an?|one|another|each)\s+)?(?:\S+\s+){2,}?(?:is|are)\s+(?:the|an?)\s+"
    r"(?P<t>[^,.;:()]{2,60}?)\s*(?:,|\.|:|;|\(|$)", re.IGNORECASE)


def _inverse_names(text: str, key: str) -> bool:
    """The term is the complement of a copula whose subject is a description of at least
    three words ("Another way to measure goodness of fit is the coefficient of determination,
    ...", "The final sentence in the series is the conclusion.")."""
    match = _INVERSE.search(text)
    if match is None or leans(text):
        return False
    subject = text[: match.start("t")]
    return (len(subject.split()) >= 5 and not _NOT_DESCRIPTION.search(subject)
            and term_key(match.group("t")) == key)


_NOT_DESCRIPTION = re.compile(
    r"^\W*(?:as|for example|for instance|e\.g\.|let|suppose|so|but|and|then|in this|here)\b|"
    r"\b(?:because|since|if|when|whenever|although|though|unless)\b|[\d'\"=(){}\[\]<>%*/\\|&~\u2192\u2194\u00ac\u2228]",
    re.IGNORECASE)
"""A subject that is no description of the term: a subordinate clause ("Because A -> B is
a ..."), an example with numbers, quotes or symbols ("'No one knows ...' is a sentence")."""


def _predicate_definition(text: str, key: str) -> bool:
    """The term is what the sentence defines though it is not its subject: a property given
    with its condition ("Two sentences are logically equivalent if they ..."), "we say that
    ... is X" or "we define X as ..."."""
    said = _SAY_THAT.search(text.rstrip(" .!"))
    if said and term_key(said.group("t")).startswith(key):
        return True
    subject = _SAY_SUBJECT.search(text)
    if subject and term_key(subject.group("t")) == key:
        return True
    defined = _DEFINE_AS.search(text) or _WE_MEAN.match(text)
    if defined and term_key(defined.group("t")) == key:
        return True
    conditioned = _CONDITION_FIRST.match(text.rstrip(" .!"))
    if conditioned and term_key(conditioned.group("t")) == key:
        return True  # "If the logs of the values are normal, the values have a lognormal ..."
    for match in re.finditer(r"\b(?:is|are)\s+(?:said to be\s+)?(?:an?\s+)?", text):
        tail = text[match.end():]
        size = len(key.split())
        words = tail.split()
        named = term_key(" ".join(w.strip("\"'*,") for w in words[:size]))
        if (words and (named == key or named in property_forms(key))
                and _CONDITION.match(" ".join(words[size:]))):
            return True
    return False


_NOUN_OF_PROPERTY = (("ness", ""), ("ity", ""), ("ency", "ent"), ("ancy", "ant"), ("ility", "le"))


def property_forms(key: str) -> set[str]:
    """The adjective a noun of a property is made from ("soundness" -> "sound", "validity"
    -> "valid", "consistency" -> "consistent"), so "A system is sound if ..." defines
    *soundness*."""
    head, _, last = key.rpartition(" ")
    out = set()
    for ending, replacement in _NOUN_OF_PROPERTY:
        if last.endswith(ending) and len(last) - len(ending) >= 3:
            out.add(f"{head} {last[: -len(ending)] + replacement}".strip())
    return out


def definition_score(term: str, candidate: Candidate) -> float:
    """How surely ``candidate`` is a real definition of ``term`` (higher is surer)."""
    return sum(WEIGHTS[name] * value for name, value in _features(term, candidate))


_CLASS = re.compile(r"^(?:is|are)\s+(?:also\s+)?(?:an?\b|(?!the\b|one\b|not\b)[a-z]+s\b)")
"""A copula to a class: "is a ...", "are sequences ..." (not "are the responsibility of")."""


_SOMETIMES = re.compile(r"^\W*(?:sometimes|often|usually|generally|typically|occasionally|"
                        r"always|never|mostly|rarely)\b", re.IGNORECASE)
"""A sentence that opens with how often: a remark ("Sometimes refactoring is a sign that
...")."""


def says_what(term: str, candidate: Candidate) -> bool:
    """True for a sentence that says on its own what the term is: the term as subject (with
    no article or "a"/"an") of a copula to a class and a defining pattern ("A list is a
    sequence of values"), no judgement, nothing it points back at."""
    if (leans(candidate.text) or candidate.pattern_strength < 3.0
            or candidate.text.lower().startswith("the ") or _SOMETIMES.match(candidate.text)):
        return False  # "The argument is a string ...": one instance, not the class
    rest = _after_subject(candidate.text.strip(), term_key(term)) or ""
    found = features(term, candidate)
    return bool(found["subject_copula"] and not found["evaluative"] and not found["opener"]
                and _CLASS.match(rest))


def _after_subject(text: str, key: str) -> str | None:
    """The text after the term when the sentence opens with it (after an optional
    determiner, a leading clause such as "In Python," or a leading "The term"), else None."""
    words = LEADING_NOISE.sub("", text).split()
    start = 0
    if words and words[0].endswith(",") and len(words) > 3:
        start = 1  # "Formally, a ..." keeps the term as subject
    else:
        comma = next((i for i, w in enumerate(words[:5]) if w.endswith(",")), None)
        start = 0 if comma is None else comma + 1
    if start < len(words) and words[start].lower() in DETERMINERS:
        start += 1
    if start + 1 < len(words) and words[start].lower() in ("term", "word", "notion", "concept"):
        start += 1
    size = len(key.split())
    for extra in (0, 1):  # "An *empty* list is ...": one adjective before the term
        span = words[start + extra : start + extra + size]
        if term_key(" ".join(w.strip("\"'*,") for w in span)) == key:
            tail = words[start + extra + size :]
            if tail and tail[0].startswith("("):  # "cumulative distribution function (CDF) is"
                while tail and not tail[0].endswith(")"):
                    tail = tail[1:]
                tail = tail[1:]
            if (len(tail) > 3 and tail[0].lower() in ("of", "in") and tail[2].lower() in
                    ("is", "are") and tail[1].lower() not in DETERMINERS):
                tail = tail[2:]  # "An atomic formula of QL is ...": a qualifier of the term
            return " ".join(tail)
    main = _MAIN_SUBJECT.search(text)  # "If you have n values, the mean, x, is the sum ..."
    if main and term_key(main.group("t")) == key:
        return text[main.end():]
    return None


_MAIN_SUBJECT = re.compile(
    r"^(?:If|When|Given|For|Once|Suppose|Whenever)\b[^,]{3,80},(?:\s*[^,\s]{1,3}\s*,)?"
    r"\s+(?:the|an?|their|its)\s+(?P<t>[\w\- ]{2,40}?)(?:,\s*[^,\s]{1,3}(?: [^,\s]{1,3})?,)?"
    r"\s+(?=(?:is|are)\s)")
"""The subject of the main clause after a leading condition ("If you have n values, the mean,
x, is the sum ..."), a symbol for it set off by commas."""


def _after_term(text: str, key: str) -> str | None:
    """The text after the first mention of the term anywhere in the sentence, else None."""
    words = text.split()
    size = len(key.split())
    for start in range(len(words) - size + 1):
        span = words[start : start + size]
        if term_key(" ".join(w.strip("\"'*,") for w in span)) == key:
            if start and words[start - 1][:1].isdigit():
                return None  # "39 weeks, which ...": a quantity, not the term
            tail = " ".join(words[start + size :])
            return ("," + tail) if span[-1].endswith(",") else " " + tail
    return None
