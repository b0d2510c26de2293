"""A contrast asked on a case: "Is the missing idea the antecedent or the consequent? Why?"

Two ideas a learner could mix up are told apart by applying them, not by reciting them. A
mix-up to diagnose shows one idea's description in its stem, and a learner who matches it to
the definitions they just read has recognised a sentence. A case asks more: the book's own
example of one of the two (a sentence that shows it at work on numbers, code or a
symbolisation: "For example, the antecedent of 'if A then B' is A"), with the idea's name left
out, and the learner says which of the two it shows and what in the case makes it that one
and not the other. The case is the book's, quoted from its page (the same judge of a concrete
example as :mod:`~tutor.engine.offline.examples.example_use_exercises`); it never names the other idea,
never restates either definition, and its blank is the only mention of the idea it shows. The
key names that idea and what it is, cited on the case's page and both defining pages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from tutor.answers import CASE_SHOWS
from tutor.course import Chunk, Citation, Concept, Exercise
from tutor.engine.offline.contrasts.code_cases import (
    alternatives,
    case_exercise,
    code_case_item,
    code_cases,
)
from tutor.engine.offline.contrasts.nested_ideas import instance_named_as, nested
from tutor.engine.offline.contrasts.relating_sentences import Relating
from tutor.engine.offline.definitions.descriptions import term_pattern
from tutor.engine.offline.examples.example_use_exercises import (
    COMMON_WORD_ZIPF,
    case_quotes,
    concrete,
    points_elsewhere,
)
from tutor.engine.offline.terms import content_stems, mentions, term_variants
from tutor.engine.offline.writing.checking import BLANK
from tutor.engine.offline.writing.exercise_material import Material, dice, prose_sentences, usable
from tutor.engine.offline.writing.giveaways import told_by_its_parts
from tutor.text import general_zipf

CaseTest = Callable[[str, str], bool]
"""A writer's own test of a case before an item is built on it: given the course's sentence
and the case as the item shows it (blanked, or the code), whether it may be asked."""
RESTATES = 0.45
"""Word overlap with either side's description from which a case restates a definition
rather than shows the idea at work."""
MAX_BLANKS = 1


_SHOWN = re.compile(r'^The course says: "(?P<quote>.+?)" That is ', re.S)


def shown_case(exercise: Exercise) -> str | None:
    """The book's case a case item quotes, or ``None`` for any other item."""
    found = _SHOWN.match(exercise.explanation) if CASE_SHOWS in "".join(
        exercise.key_points[:1]) else None
    return found["quote"] if found else None


_QUOTED = re.compile(r'with one idea left out:\s*"(?P<quote>.+)"\s*Is the missing idea ', re.S)


def quoted_case(prompt: str) -> str | None:
    """The case (blanked) a case item's prompt shows, or ``None`` for any other prompt."""
    found = _QUOTED.search(prompt)
    return " ".join(found["quote"].split()) if found else None


def case_item(m: Material, own: str, other: Concept, theirs: str,
              passages: Sequence[Chunk], citations: Sequence[Citation],
              exercise_id: str, near: Sequence[Concept] = (),
              tie: Relating | None = None, quoted: Sequence[str] = (),
              own_only: bool = False, key_rival: bool = True,
              instances: bool = False, fits: CaseTest | None = None) -> Exercise | None:
    """The item on the first case of either idea among the passages (the concept's own
    first; with ``own_only``, of the concept only), or ``None`` when the book shows neither
    at work in a case that fits. ``near``
    are other concepts whose longer names hold one of the two ("inverse CDF" for CDF): a
    case naming them shows the other idea. The sentence that ``tie``s the two, when the book
    has one, goes into the explanation and its page into the citations. A case already
    ``quoted`` by another of the concept's items is not shown again; a case ``fits`` refuses
    (given the course's sentence and the case as shown) is passed over for the next."""
    other_terms = term_variants(other.name, other.aliases)
    if not other_terms or not own or not theirs:
        return None
    if nested(m.terms, other_terms, passages):
        return None  # "an analytic distribution (like exponential ...)": a case of both
    longer = [t for c in near if c.id not in (m.concept.id, other.id)
              for t in term_variants(c.name, c.aliases)
              if any(len(t) > len(n) and n.lower() in t.lower()
                     for n in [*m.terms, *other_terms])]
    # a case is found by the concept's own name only: an alias may be a shorter, looser word
    # ("rank" for percentile rank) that names something else in the case
    own_names, their_names = term_variants(m.concept.name), term_variants(other.name)
    if not own_names or not their_names:
        return None
    own_material = Material(m.concept, own_names, term_pattern(own_names), list(m.ordered),
                            sentence=m.sentence)
    theirs_material = Material(other, their_names, term_pattern(their_names), list(m.ordered),
                               sentence=other.definition or None)
    sides = ((own_material, own, other.name, theirs, other_terms),
             (theirs_material, theirs, m.concept.name, own, m.terms))[:1 if own_only else 2]
    taken = {" ".join(q.split()) for q in quoted}
    for shown_material, shown_said, rival, rival_said, rival_terms in sides:
        found = _case(shown_material, shown_said, rival_said, [*rival_terms, *longer],
                      passages, taken, rival_terms, instances,
                      _fair(shown_material.concept.name, rival, fits))
        if found is None:
            continue
        chunk, blanked, quote = found
        if tie is not None:
            citations = [*citations, tie.cited]
        return _exercise(m, shown_material.concept.name, shown_said, rival,
                         rival_said if key_rival else "", chunk, blanked, quote, citations, exercise_id,
                         tie.sentence if tie else "")
    # no sentence shows either at work: the code the book leads into by naming one of them
    for shown_material, shown_said, rival, rival_said, rival_terms in sides:
        if not alternatives(shown_said, rival_said):
            continue
        fair = _fair(shown_material.concept.name, rival, fits)
        for chunk in sorted(passages, key=lambda p: (p.order, p.id)):
            for case in code_cases(chunk, shown_material.terms, [*rival_terms, *longer]):
                if " ".join(case.lead.split()) in taken or not fair(case.lead, case.code):
                    continue
                cited = [*citations, tie.cited] if tie is not None else list(citations)
                return code_case_item(m, shown_material.concept.name, shown_said, rival,
                                      rival_said if key_rival else "", case, cited, exercise_id,
                                      tie.sentence if tie else "")
    return None


def _fair(shown: str, rival: str, fits: CaseTest | None) -> CaseTest:
    """The test of a case before an item is built on it: no part of the shown idea's name
    spelled in the case that the rival's name lacks (the checker's one check,
    :func:`~tutor.engine.offline.writing.giveaways.told_by_its_parts`), and the writer's own
    test ``fits``."""
    def fair(quote: str, case: str) -> bool:
        return not told_by_its_parts(shown, case, [rival]) and (fits is None or fits(quote, case))
    return fair


def _case(m: Material, said: str, rival_said: str, rival_terms: Sequence[str],
          passages: Sequence[Chunk], taken: set[str],
          rival_names: Sequence[str] = (), instances: bool = False,
          fits: CaseTest | None = None) -> tuple[Chunk, str, str] | None:
    """The first case of the idea: a sentence that shows it at work on something concrete,
    naming it once, neither naming the rival idea nor restating either description, on or
    after the page that teaches it; none for an idea named by one common English word ("list",
    "power"), which a sentence may use in its everyday sense."""
    name = m.concept.name
    if not re.search(r"[\s-]", name) and general_zipf(name.lower()) >= COMMON_WORD_ZIPF:
        return None  # "type help(Devices) for a list of them all": the word, not the idea
    ordered = sorted(passages, key=lambda p: (p.order, p.id))
    taught = m.concept.citations[0] if m.concept.citations else None
    for chunk in ordered:
        if not m.pattern.search(chunk.text):
            continue
        if taught is not None and chunk.source == taught.source and chunk.page < taught.page:
            continue  # the word used before the book teaches the idea: a looser sense
            # ("recycling of short lists" for vectors, pages before lists are defined)
        for quote in _at_work(chunk, m, instances):
            if " ".join(quote.split()) in taken:
                continue  # another of the concept's items shows this case already
            if mentions(quote, rival_terms, fuzzy=False):
                continue  # "the antecedent ... and the consequent ...": both shown
            if max(dice(quote, said), dice(quote, rival_said)) >= RESTATES:
                continue  # the definition again, not a case
            blanked = m.pattern.sub(BLANK, quote)
            blanked = re.sub(r"\b([Aa])n?(\s+)" + BLANK, r"\1(n)\2" + BLANK, blanked)
            bare = blanked.replace(BLANK, " ")
            if not 0 < blanked.count(BLANK) <= MAX_BLANKS or mentions(bare, m.terms):
                continue
            if content_stems(m.concept.name) <= content_stems(bare):
                continue  # the name's words still stand beside the blank
            if gives_itself_away(blanked) or _QUALIFIED.search(
                    blanked) or _PRINTED.search(quote):
                continue  # a definition's shape; a sense the qualifier picks ("predictive power");
                # the idea glossed where it stands ("the _____, which is 1 − CDF(x), ...")
            if len(content_stems(bare)) < MIN_CASE_WORDS or _inside_a_word(bare, m.concept.name):
                continue  # "... so this test was underpowered": the name inside a word
            if rival_names and instance_named_as(quote, rival_names, passages, m.terms):
                continue  # "a histogram is a collection of counters": the case shows both
            if fits is not None and not fits(quote, blanked):
                continue
            return chunk, blanked, quote
    return None


MIN_CASE_WORDS = 5
"""Content words a case needs beside its blank to say something a learner can reason from."""
_OPENER = re.compile(r"^\W*(?:this|that|these|those|it|they|here|so|but|and|or|then|also|"
                     r"similarly|likewise|again|in\s+this|in\s+that|such|conversely|however|thus|therefore|hence|"
                     r"now|first|finally|instead|otherwise)\b", re.I)
_B = re.escape(BLANK)
_DEFINES = re.compile(r"(?:is|are)\s+(?:a\(n\)\s+|an?\s+|the\s+)?" + _B
                      + r"(?:\s+in\s+\w+)?\s*,?\s+(?:if|when)\b|^\W*(?:(?:a\(n\)|an?|the)\s+)?"
                      + _B + r"\s+(?:is|are|means)\s+(?:(?:also|often|sometimes)\s+)?"
                      r"(?:a|an|the|any|called|known\s+as|defined)\b|\b(?:called|recogni[sz]e\s+as|known\s+as)"
                      r"\s+(?:a\(n\)\s+|an?\s+|the\s+)?" + _B + r"|^\W*(?:(?:a\(n\)|an?|the)\s+)?" + _B
                      + r"\s+(?:is|are)\b[^.;]{0,40}\b(?:if|when)\b", re.I)
"""A blanked sentence of a definition's shape ("a sentence is a(n) _____ if ...", 'A(n) _____
is "clean" if it ...') or a naming ("..., which you might recognize as _____"): a case shows
the idea at work, not its name."""
_GLOSSED = re.compile(_B + r"\s*(?:,\s*(?:which|that)\s+(?:is|are|means|gives|maps|computes|"
                      r"returns)\b|[;,:]?\s*(?:i\.\s?e\.|that\s+is\b|in\s+other\s+words\b|"
                      r"meaning\b)|,?\s*or\s+|\s*\()", re.I)
"""The blank followed by a gloss of the idea ("plot the _____, which is 1 − CDF(x), on a log-y
scale", "the _____ (the fraction of values that exceed x)", "chosen with _____; that is, the
same value could be chosen more than once"): the case says what the idea is, so naming it is
recognition of that description, not telling the two apart."""
_QUOTED_BLANK = re.compile(r"(?:^|[\s(])['‘\"“][^'’\"”\n]{0,30}" + _B
                           + r"[^'’\"”\n]{0,30}['’\"”](?![A-Za-z])")
"""The blank inside quotes ("We write 'for _____' as a note"): the name mentioned as a word,
not the idea used."""
_PAIRED_BLANK = re.compile(r"(?<![,;])\s(?:and|or|nor)\s+(?:a\(n\)\s+|an?\s+|the\s+)?" + _B,
                           re.I)
"""The blank paired with another name ("a file or _____", "wide-scope and _____"): filled by
the familiar pair, not by the case. A clause joined after a comma (", and the _____ is about 2
pounds") pairs no names."""


def _at_work(chunk: Chunk, m: Material, instances: bool = False) -> list[str]:
    """The sentences of a passage that show the idea on something concrete (numbers, code, a
    symbolisation; with ``instances``, a named instance too), read on their own: the cued
    examples first, then any such sentence."""
    found = list(case_quotes(chunk, m))
    for sentence in prose_sentences(chunk.text):
        plain = _LABEL.sub("", " ".join(sentence.split()))
        if plain in found or not m.pattern.search(plain) or not usable(plain) or "•" in plain:
            continue
        starts = re.match(r"^[\"'‘“(]?[A-Z]", plain) or (
            instances and _opens_on_code(plain, chunk.text))
        if _OPENER.match(plain) or not starts or (
                chunk.heading and plain.lower().startswith(chunk.heading.lower())):
            continue  # leans on the sentence before, starts mid-sentence or on a heading
        if len(plain) > MAX_CASE or _PAGE_RUN_IN.search(plain) or not re.search(
                r"[.!?][\"'’”)]?$", plain):  # cut at a page break: "... we might choose"
            continue  # a page number run into the sentence ("... a contradiction 10.")
        if _LISTING_RUN_IN.search(plain):
            continue  # "The output of this loop is: 0 a 1 b 2 c If you combine ..."
        shown = _YEAR.sub(" ", m.pattern.sub(" ", plain))
        if _ELSEWHERE.search(plain) or not _shows_a_case(shown, instances, chunk.text):
            continue  # history ("first proven ... in 1929") is no case of the idea; a first
            # word is no predicate ("By far ...")
        found.append(plain)
    return found


_AS_CODE = re.compile(r"(?:['\"\]]|(?<!\(n)\))\s*" + re.escape(BLANK) + "|" + re.escape(BLANK) + r"\s*\(")
"""The name used as code, or as a verb after a quoted value ("'opst' maps to ...",
"increment() takes ...")."""
_GIVES_ITSELF_AWAY = (_DEFINES, _AS_CODE, _GLOSSED, _QUOTED_BLANK, _PAIRED_BLANK)
"""The shapes of a case that give its idea's name away, whatever the case shows: a definition
or a naming, the name used as code, glossed, quoted as a word or paired with another name."""


def gives_itself_away(blanked: str) -> bool:
    """Whether a case, its idea's name blanked, gives the name away by its shape
    (:data:`_GIVES_ITSELF_AWAY`); a part of the name said in it is
    :func:`~tutor.engine.offline.writing.giveaways.told_by_its_parts`."""
    return any(p.search(blanked) for p in _GIVES_ITSELF_AWAY)


_PRINTED = re.compile(r"\^|\b\d+(?:\.\d+)?e[-+]?\d+\b")
"""A line of printed output run into the sentence ("R^2 6.144e-06 The parameter ...")."""
_QUALIFIED = re.compile(r"\b[a-z]+(?:ive|ed|ing|al)\s+" + re.escape(BLANK))
_LABEL = re.compile(r"^(?:exercise|example)\s+\d+(?:\.\d+)*\s+(?=[A-Z])", re.I)
"""A practice exercise's number before its first sentence ("Exercise 9.1 As sample size ...")."""
_ELSEWHERE = re.compile(r"\b(?:next|previous|last|this|that|following)\s+(?:section|chapter|part)\b|"
                        r"^\W*(?:chapter|part|section|figure|table)\b", re.I)
"""A sentence about the book's parts, not the idea ("In the next section, we ...")."""
_PAGE_RUN_IN = re.compile(r"[a-z]\s+\d{1,3}\.?$")
_LISTING_RUN_IN = re.compile(r":\s+(?:\S{1,3}\s+){4,}(?=.*\b[A-Za-z]{4,}\b)")
"""A listing run into the sentence after its colon, prose going on after it (printed output,
the lines of a proof: "The proof looks like this: 1 G & ¬G for ... 2 G & E 1 ... The ¬E rule
will ..."): no sentence to read a case in. A formula that ends the sentence ("...: R 2 = ρ 2.")
is no listing."""
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")


def _shows_a_case(shown: str, instances: bool, text: str = "") -> bool:
    """Whether a sentence (the idea's name taken out) shows a concrete case, after its first
    word (a first word is no predicate: "By far ..."); with ``instances``, a named instance
    counts: a quoted word, an acronym, or a name the passage's code binds or calls."""
    rest = shown.split(" ", 1)[-1]
    if concrete(shown) and concrete(rest):
        return True
    if not instances or points_elsewhere(rest):
        return False
    return names_an_instance(rest) or any(
        _bound_in_code(w, text) for w in set(re.findall(r"\b[a-z_][a-z0-9_]{2,}\b", shown))
        if general_zipf(w) < COMMON_WORD_ZIPF)


_INSTANCE = re.compile(r"(?:^|[\s(])['‘\"“](?P<named>[^'’\"”\s][^'’\"”]{0,38}?)['’\"”](?=[\s,.;:)?!]|$)"
                       r"|\b[A-Z]{3,}\b")
"""A named instance: a quoted word or phrase ("The word 'dog' is not a ...", "the string
'banana'") or an acronym naming a data set or a survey ("the NSFG sample")."""


def _opens_on_code(sentence: str, text: str) -> bool:
    """Whether a sentence opens on a name the passage's code binds or calls ("fin is a common
    name for a file object used for input." after ``fin = open('words.txt')``): a named
    instance, not a sentence cut in the middle."""
    first = re.match(r"^([a-z_][a-z0-9_]*)\s+(?:is|are|gets|has|refers|contains|holds|"
                     r"returns|was)\b", sentence)
    return first is not None and _bound_in_code(first[1], text)


def _bound_in_code(word: str, text: str) -> bool:
    """Whether a line of the passage's code opens by binding, calling or reaching into the
    name (``fin = open(...)``, ``>>> math.sqrt(2)``)."""
    return re.search(rf"(?m)^\s*(?:>>>\s*)?{re.escape(word)}\s*(?:=[^=]|\(|\.\w)", text) is not None


def names_an_instance(text: str) -> bool:
    """Whether the text applies something to a named instance (:data:`_INSTANCE`)."""
    return _INSTANCE.search(text) is not None


def _inside_a_word(text: str, name: str) -> bool:
    """Whether a word of the name stands inside a longer word of the text ("underpowered")."""
    found = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    return any(len(part) >= 4 and any(part in w and part != w for w in found)
               for part in (p.lower() for p in re.findall(r"[A-Za-z]+", name)))


MAX_CASE = 300


def _exercise(m: Material, shown: str, shown_said: str, rival: str, rival_said: str,
              chunk: Chunk, blanked: str, quote: str, citations: Sequence[Citation],
              exercise_id: str, tie: str = "") -> Exercise:
    setting = f'Here is a case from the course, with one idea left out:\n\n"{blanked}"'
    return case_exercise(m, shown, shown_said, rival, rival_said, chunk, setting, "case",
                         quote.strip(), citations, exercise_id, tie)
