"""What a concept is for, as the course says it: the purpose read from a describing sentence.

Most concepts of a manual are described, not defined (:attr:`tutor.course.Concept.definition_kind`):
"gri_merge: Merge separate PostScript files, created by Gri, into one page.", "The set grid
command allows you to draw grid lines", "sed is normally used for simple changes to files".
Such a sentence says what the thing does or is used for; this module reads that purpose out
of it as an action in the verb's bare form ("merge separate PostScript files, created by
Gri, into one page"), which reads after "to" in both questions asked on it
(:mod:`~tutor.engine.offline.writing.purpose_exercises`): "What is gri_merge used for? To
merge ..." and "You want to merge .... Which of these do you use?".

An action is kept only when it reads on its own (:func:`action_problem`): no pronoun leaning
on the text around it ("it", "them", "this"), no piece of code or cross-reference left in it,
no fragment, something said beyond the concept's own name ("Draw label" for *draw label*
says nothing), and a sane length. The same tests judge the writer's options and the
checker's verdict on an item, so the two agree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tutor.engine.offline.concepts.reference_entries import API_VERBS
from tutor.engine.offline.definitions.descriptions import term_pattern
from tutor.engine.offline.definitions.purpose_lines import order_in
from tutor.engine.offline.terms import content_stems, mentions
from tutor.engine.offline.writing.giveaways import cut_short
from tutor.sentences import split_sentences
from tutor.text import listed_verb, normalize, without_period

PURPOSE_VERBS = (API_VERBS - {"use", "behave", "fail", "wait", "loop", "default"}) | frozenset((
    "add allow apply change check compute contain create define give help include keep make "
    "introduce preserve identify interpret mark match measure limit restrict enclose resume "
    "suspend terminate repeat separate denote generate select start calculate "
    "provide put read represent return run show tell turn write "
    "adjust affect allow alter arrange attach build combine connect construct control customize "
    "describe design determine embed enter establish explain express format handle hide "
    "highlight include indicate invoke label let list maintain manage merge modify name plot prepare "
    "present prevent protect provide record refer render report represent request rotate scale "
    "show skip smooth specify store substitute suppress tell toggle trace turn").split())
"""Verbs a purpose opens on ("Merge ...", "controls ..."); not "is", "has", "can"."""
MIN_WORDS, MAX_WORDS = 3, 24
"""Words an action may have: fewer says nothing, more is a paragraph to read as an option."""
MIN_OWN_STEMS = 2
"""Content words an action must say beyond the words of the concept's name."""
KIND_WORDS = frozenset((
    "command commands function functions method methods macro macros option options program "
    "programs tool tools utility utilities style styles parameter parameters class classes "
    "module modules object objects keyword keywords setting settings package packages widget "
    "widgets environment environments operator operators statement statements procedure "
    "procedures directive directives variable variables field fields element elements type "
    "types file files").split())
"""Words that say what kind of thing is named ("the set grid command"): never what sets one
apart from its siblings."""

_T = "\x03"
_KIND = r"(?:\s+(?:" + "|".join(sorted(KIND_WORDS)) + r"))?"
_SUBJECT = (r"^\W*(?:(?:the|a|an|each|every)\s+)?(?:(?:" + "|".join(sorted(KIND_WORDS))
            + r")\s+)?[`'‘\"“]?" + _T + r"[`'’\"”]?" + _KIND + r"\s+(?:\([^()]{1,60}\)\s+)?"
            + r"(?:(?:normally|usually|often|mainly|mostly|typically|generally|simply|also|"
            r"primarily|commonly|then|always)\s+)?")
"""The concept as the sentence's subject, with its kind: "The set grid command ", "Groups "."""
_USED_TO = re.compile(_SUBJECT + r"(?:can\s+be|may\s+be|is|are)\s+(?:mainly\s+|mostly\s+|often\s+"
                      r"|usually\s+|normally\s+|typically\s+)?(?:used|intended|designed|meant)\s+"
                      r"to\s+(?P<act>.+)$", re.I)
_LETS_YOU = re.compile(_SUBJECT + r"(?:lets|allows|enables|helps|permits)\s+(?:you|users?|the\s+"
                       r"user|one|us|programmers?)\s+(?:to\s+)?(?P<act>.+)$", re.I)
_DOES = re.compile(_SUBJECT + r"(?:can\s+)?(?P<verb>[a-z]{3,})\s+(?P<rest>.+)$", re.I)
_RESPONSIBLE = re.compile(_SUBJECT + r"(?:is|are)\s+(?:responsible\s+for|used\s+for|for)\s+"
                          r"(?P<verb>[a-z]{3,}ing)\s+(?P<rest>.+)$", re.I)
""""Axes are responsible for determining the mapping ...", "used for drawing ..."."""
_DONE_WITH = re.compile(r"^\W*(?P<obj>(?:(?:a|an|the)\s+)?[A-Za-z][\w-]*(?:\s+[\w-]+){0,5}?)\s+"
                        r"(?:can|may|are|is)\s+(?:be\s+)?(?:also\s+)?(?P<verb>[a-z]{3,}ed)\s+"
                        r"(?:by\s+using|using|with|via|through|by)\s+(?:(?:the|a|an)\s+)?"
                        r"(?:(?:command|function|option|method|class)\s+)?[`'‘\"“]?" + _T
                        + r"[`'’\"”]?(?:\s+[a-z]+)?\W*$", re.I)
"""What the concept is the means of: "A table of contents can be generated by using the
TableOfContents flowable." -> "generate a table of contents"."""
_AUXILIARY = re.compile(r"(?:is|are|was|were|can|could|will|would|may|might|must|should|have|"
                        r"has|do|does)\b", re.I)
_SIGNATURE = re.compile(r"^\s*['‘\"“][^'’\"”]{1,80}['’\"”]\s+(?=[A-Z])")
"""A reference entry's usage line before its text ("'draw arrows' Draw a vector field ...")."""
_USE_TO = re.compile(r"^\W*(?:you\s+can\s+)?use\s+(?:the\s+)?[`'‘\"“]?" + _T + r"[`'’\"”]?" + _KIND
                     + r"\s+to\s+(?P<act>.+)$", re.I)
_GERUND = re.compile(r"^\W*[A-Z][a-z]+ing\b(?:(?!\b(?:is|are|was|were)\b)[^,;.]){0,60}?" + _T
                     + r"[^,;.]{0,30}?\s+(?P<verb>[a-z]{3,}s)\s+(?P<rest>.+)$")
"""What doing something with the concept does: "Enclosing characters in single quotes
preserves the literal value of each character within the quotes"."""
_EFFECT = re.compile(r"\b(?:undefined|unspecified|error|errors|warning|warnings|fail|fails|"
                     r"failure)\b", re.I)
"""What doing something wrong with the concept ends in, not what it is for."""
_IT_DOES = re.compile(r"^\W*(?:It|They)\s+(?P<verb>[a-z]{3,})\s+(?P<rest>.+)$")
"""The sentence after one that names the concept, saying what "it" does ("A non-quoted
backslash is the Bash escape character. It preserves the literal value of ...")."""
_AND_VERB = re.compile(r"\b(and|or)\s+([a-z]{3,}s)\b")
_POINTER_ASIDE = re.compile(
    r"\s*\((?:(?:see|cf\.|e\.\s?g\.|sec\.|p\.|pp\.|pages?|chapter|section)\s[^()]*"
    r"|[^()]*(?:https?:|www\.|\b(?:19|20)\d\d\b|\bpages?\s+\d|\bchapter\s|\bsection\s|"
    r"\bsee\s)[^()]*)\)"
    r"|,?\s+see\s+(?:section|chapter|page)\b(?:[^.!?]|\.(?=\w))*", re.I)
"""An aside that is no part of the sentence's grammar: a parenthesis pointing elsewhere
("(Section 9.3.41.20 [Set Font To], page 119)", "(see below)", "(cf. ...)", "(e.g. ...)"),
holding a web address or a citation ("(Chambers, 1998)"), or a trailing ", see Section ..."
up to the sentence's end."""


def without_pointers(text: str) -> str:
    """``text`` with every pointer aside (:data:`_POINTER_ASIDE`) taken out: the one reading
    of them, for an action (:func:`tidy`) and for a sentence read for its purpose
    (:mod:`~tutor.engine.offline.writing.purpose_readings`)."""
    return _POINTER_ASIDE.sub("", text)


_LEANING = re.compile(r"\b(?:it|its|it's|they|them|their|this|these|those|here|above|below|"
                      r"the\s+following|former|latter|such|respectively|etc)\b", re.I)
"""Words that point at the text around the sentence: an option must be read alone."""
_CODE = re.compile(r"[`{}\\<>=|#$@\[\]]|(?:^|\s)\.\w+\.|\w\(\)|\b\w+_\w+\b|::|--|"
                   r"\b[a-z]+[A-Z]\w*\b|\.{3}|…")
"""What a page's code leaves in a sentence: a backquote, a brace, "=", a placeholder
(".size."), a call, a snake_case or camelCase name, an ellipsis."""
_HEDGE = re.compile(r"\b(?:perhaps|probably|might|eventually|not\s+yet|in\s+the\s+future|"
                    r"planned|experimental)\b", re.I)
"""A purpose the book does not vouch for ("perhaps", "will eventually ...")."""
_SUBORDINATE_END = re.compile(r"\s*(?:,\s*|\s+)(?:and|or|but|which|that|so|because|as|when|if|"
                              r"while|where|whereas|although|unless|e\.g\.|i\.e\.)\s*$", re.I)


@dataclass(frozen=True)
class Purpose:
    """What one concept is for: the action in the verb's bare form, and the sentence said."""

    name: str
    action: str
    """"merge separate PostScript files, created by Gri, into one page"."""
    sentence: str


def purpose_in(sentence: str, terms: Sequence[str], own_entry: bool = False) -> str | None:
    """The action the sentence says the concept is for, bare ("merge ..."), or None.
    ``own_entry``: the sentence is the concept's own entry text, so one that opens on a bare
    verb and names nothing ("Merge separate PostScript files ...") says what it does."""
    text = " ".join(normalize(sentence).split())
    if own_entry:
        text = _SIGNATURE.sub("", text)
    parts = split_sentences(text) if text else []
    pattern = term_pattern(terms)
    if own_entry and len(parts) > 1 and pattern.search(parts[0]) and (
            then := _IT_DOES.match(parts[1])) and not pattern.search(parts[1]):
        bare = _bare(then.group("verb").lower())
        if bare:  # "... is the Bash escape character. It preserves ..."
            return tidy(f"{bare} {then.group('rest')}")
    text = parts[0] if parts else ""
    if not text or text.endswith("?"):
        return None
    marked = pattern.sub(_T, text, count=1)
    if _T not in marked:
        if not own_entry:
            return None
        order = order_in(text)  # the entry's text opening on what it does: "Merge ..."
        if order is None or order.verb not in PURPOSE_VERBS:
            return None
        return tidy(f"{order.verb} {order.rest}")
    if marked.count(_T) > 1 or pattern.search(marked):
        return None  # the concept named twice: a comparison of its cases, not its purpose
    for shape in (_USED_TO, _LETS_YOU, _USE_TO):
        found = shape.match(marked)
        if found:
            return tidy(found.group("act"))
    found = _DONE_WITH.match(marked)
    if found is not None and (bare := _done(found.group("verb").lower())):
        return tidy(f"{bare} {_lower_article(found.group('obj'))}")
    found = _GERUND.match(marked)
    if found is not None and _EFFECT.search(found.group("rest")):
        return None  # "Referencing an array ... produces undefined results": an effect
    if found is not None and (bare := _bare(found.group("verb").lower())):
        return tidy(f"{bare} {found.group('rest')}")
    found = _RESPONSIBLE.match(marked)
    if found is not None:
        word = found.group("verb").lower()[:-3]
        bare = next((v for v in (word, word + "e", word[:-1]) if v in PURPOSE_VERBS), "")
        return tidy(f"{bare} {found.group('rest')}") if bare else None
    found = _DOES.match(marked)
    if found is None:
        return None
    word = found.group("verb").lower()
    bare = _bare(word)
    if not bare or word == bare and not _plural_subject(marked):
        return None
    if _AUXILIARY.match(found.group("rest")):
        return None  # "Contour plots can be done ...": a noun of the name, not a verb  # "The command set ..." opens on no verb; "Groups represent" may
    return tidy(f"{bare} {found.group('rest')}")


def _bare(word: str) -> str:
    """The bare form of a purpose verb said of a thing ("preserves" -> "preserve"), "" for
    any other word."""
    return listed_verb(word, PURPOSE_VERBS)


def _done(participle: str) -> str:
    """The bare form of a purpose verb's participle ("generated" -> "generate", "controlled"
    -> "control", "applied" -> "apply"), "" for any other word."""
    stem_ = participle[:-2]
    for bare in (stem_, stem_ + "e", stem_[:-1], participle[:-3] + "y"):
        if bare in PURPOSE_VERBS:
            return bare
    return ""


def _lower_article(phrase: str) -> str:
    """A phrase opening a sentence, put after a verb ("A table of contents" -> "a table of
    contents")."""
    first, _, rest = phrase.partition(" ")
    return f"{first.lower()} {rest}".strip() if first.lower() in ("a", "an", "the") or (
        first[1:].islower()) else phrase


def _plural_subject(marked: str) -> bool:
    """Whether the subject is said in the plural ("Groups represent ..."): the bare verb
    then agrees with it."""
    before = marked[:marked.index(_T)].lower().split()
    return not before or before[-1] not in ("a", "an", "each", "every")


def tidy(action: str) -> str | None:
    """The action without the manual's pointers and trailing clause marks, its second verb
    made bare too ("read from and writes to" -> "read from and write to"), or None when it
    is left empty."""
    action = without_pointers(action)
    action = _AND_VERB.sub(lambda g: f"{g[1]} {_bare(g[2]) or g[2]}", action)
    action = without_period(" ".join(action.split())).rstrip(" ,;:")
    while (shorter := _SUBORDINATE_END.sub("", action)) != action:
        action = shorter
    return action or None


def name_words(name: str) -> set[str]:
    """The content stems of a concept's name that set it apart (its kind word left out)."""
    return content_stems(" ".join(w for w in re.split(r"[\W_]+", name)
                                  if w and w.lower() not in KIND_WORDS)) | {
        w.lower() for w in re.split(r"[\W_]+", name) if len(w) == 1 and w.isalpha()}


def action_problem(action: str, terms: Sequence[str], name: str) -> str | None:
    """Why an action cannot stand as an option alone, or None when it can: it leans on the
    text around it, holds code or a pointer, is a fragment or hedged, says nothing beyond the
    concept's name, or is too short or too long to read as one option."""
    count = len(action.split())
    if count < MIN_WORDS:
        return "the purpose is a fragment"
    if count > MAX_WORDS:
        return "the purpose is too long to read as one option"
    if cut_short(action) or action.endswith((",", "(", ":")) or action.count("(") != action.count(
            ")") or action.count('"') % 2:
        return "the purpose is a fragment"
    if _LEANING.search(action):
        return "the purpose leans on the text around it"
    if _CODE.search(action) or re.search(r"https?:|www\.|\S+/\S+", action):
        return "the purpose holds a piece of code or a pointer"
    if _HEDGE.search(action):
        return "the purpose is hedged"
    if mentions(action, terms, fuzzy=False):
        return "the purpose names the concept"
    if len(content_stems(action) - name_words(name)) < MIN_OWN_STEMS:
        return "the purpose only restates the name"
    return None


def purpose_of(name: str, terms: Sequence[str], definition: str,
               more: Sequence[str] = ()) -> Purpose | None:
    """The concept's purpose, from its own sentence (its entry text) first, then from each
    of ``more`` sentences that have it as their subject; only one that reads alone."""
    for n, sentence in enumerate([definition, *more]):
        action = purpose_in(sentence, terms, own_entry=n == 0)
        if action and action_problem(action, terms, name) is not None:
            action = _before_leaning(action)
        if action and action_problem(action, terms, name) is None:
            return Purpose(name, action, " ".join(sentence.split()))
    return None


def _before_leaning(action: str) -> str | None:
    """The action cut at the comma before a clause that leans on the text ("introduce words
    from the history list into the input stream, making it easy to ..."), when what is left
    is whole."""
    found = _LEANING.search(action)
    cut = action.rfind(",", 0, found.start()) if found else -1
    return action[:cut].rstrip() if cut > 0 else None
