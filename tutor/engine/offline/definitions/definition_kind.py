"""Whether a concept's sentence defines it or only describes it (issues 11 and 12).

A manual keeps many concepts whose sentence is true and relevant but does not say what the
concept is: "SPSS variables with value labels are optionally converted to R factors." for
*SPSS*, "Byte-compilation can be controlled on a per-package basis ..." for
*byte-compilation*. They stay on the map (their section explains them), but the lesson must
not present such a sentence as the definition, nor ask "which term is defined as" on it. This
module gives the verdict the concept carries (:class:`tutor.course.DefinitionKind`): a
**definition** says what the concept is or what it does, as one whole sentence that reads
alone, with the concept as its subject, a naming, or a gloss; everything else is a
**description**.

The verdict is strict where the other passes (``defining_anywhere``, ``real_definitions``)
are lenient: they choose the best sentence the book has, this one says whether even the best is
a definition. Calibrated on blind ratings of nine development manuals.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import islice

from tutor.course import Chunk, DefinitionKind
from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.offline.definitions.defining_anywhere import (
    MAX_WORDS,
    SUBJECT_WORDS,
    adopt,
    devoted_sections,
    found_definition,
    glossed_in_brackets,
    tells_what,
)
from tutor.engine.offline.definitions.definition_cleaning import without_code_before
from tutor.engine.offline.definitions.definition_faults import is_fragment, lists_things, one_named
from tutor.engine.offline.definitions.descriptions import a_case_or_a_sign, term_pattern
from tutor.engine.offline.definitions.namings import (
    names_kind,
    property_adjectives,
    restates_what_it_names,
)
from tutor.engine.offline.definitions.patterns import definitions_in
from tutor.engine.offline.definitions.purpose_lines import (
    purpose_lines,
    purpose_text,
    said_of_command,
)
from tutor.engine.offline.definitions.self_contained import is_prose, leans
from tutor.engine.offline.terms import MentionIndex, term_key
from tutor.engine.port import ConceptDraft
from tutor.sentences import split_sentences
from tutor.text import is_question

STRONG = 2.5
"""The least pattern strength (:mod:`~tutor.engine.offline.definitions.patterns`) that marks a
definition: a copula to a class, a naming, "we call"."""

_T = "\x02"
_ONE_CASE = re.compile(r"^\W*(?:if|when|whenever|unless|once)\b(?!.*\b(?:called|known\s+as|said\s+"
                       r"to\s+be|referred\s+to\s+as)\b)", re.I)
"""A sentence about one case ("If you have only a source package that is known to work ...,
you could ..."), unless it names what the case is ("If a set of sentences could not all be
true ..., they are said to be inconsistent")."""
_OPTION_LIST = re.compile(r"^The .{1,80} are the command-line options of ")
"""The sentence an option table's concept is given (its options listed): it lists, it does
not say what the options are for."""
_POINTS_BACK = re.compile(r"\b(?:this|these|those|such)\s+(?:type|kind|sort|form|case|way|"
                          r"mode|process|procedure|method|function|expression|value)s?\b|"
                          r"\bthem\W*$", re.I)
"""A noun that stands for something said before, anywhere in the sentence ("a string the parser
interprets as this type of expression"), or a sentence ending on "them"."""
_NAMED_GLOSS = re.compile(r"^\W*(?:the\s+)?" + _T + r"\s*(?:[-–—:]|,\s+(?:i\.e\.|that\s+is),?)\s+"
                          r"(?:[a-z]+s\s|(?:a|an|the)\s)", re.I)
"""A manual page's name line or a glossary's gloss ("auto-multiple-choice-note - computes marks
after scans ...", "The exam title, written ..." is read by the gloss test)."""
_NAMED_LAST = re.compile(r"\b(?:known|referred\s+to)\s+as\s+(?:(?:a|an|the)\s+)?" + _T + r"\W*$"
                         r"|\b(?:a|an|the)\s+[\w\s-]{1,80}?\bcalled\s+(?:a|an)\s+" + _T + r"\W*$"
                         r"|^\W*(?:(?:a|an|the)\s+)?" + _T + r"\s+(?:is|are)\s+what\b", re.I)
"""A thing described, then named at the end ("an alternative mechanism for mixing 32-bit and
64-bit libraries known as multilib.", "we collect data from a subset of the population called
a sample."), or the concept said to be what something is ("An argument name is what appears to
the left of the equals sign ..."). "Called" names a kind only with its article: "a function
called print" names one thing, not what a print is."""
_CALLED_KIND = re.compile(r"\b(?:a|an|another|one)\s+[\w\s-]{1,60}?,\s+called\s+(?:a|an)\s+" + _T
                          + r"(?:,\s+(?:that|which|who|whose|and)\b|\W*$)"
                          r"|^\W*(?:so\s+)?we\s+(?:will\s+|shall\s+|often\s+|usually\s+)?call\s+"
                          r"(?:a|an|any|each|every)\s+.{1,120}?\s+(?!(?:with|on|in|by|using|from|"
                          r"for|to|and|or|of|at|into|as)\s)[\w-]+\s+(?:a|an)\s+" + _T + r"\W*$",
                          re.I)
"""A kind named as it is introduced, then said what it does ("Python provides another
built-in type, called a set, that behaves like a collection of keys.", "A single outcome forms
an event of its own, called an elementary event, and ..."), or the book's "we
call" with its direction: the description first, the concept's name last ("We call a
variable that is defined inside a function a local variable."); calling a function with an
argument is no naming ("We call a function with an argument.")."""
_CASE_THEN_COPULA = re.compile(r"^\W*(?:if|when|whenever|once)\s+(?:(?:you|we|one)\s+(?:have|has|are\s+"
                               r"given|take|consider|collect|draw|choose)\b|[a-z]\s+(?:is|are)\s)"
                               r".{1,160}?,\s+(?:(?:a|an|the)\s+)?" + _T
                               + r"(?:\s*,[^,]{1,20},)?\s+(?:is|are)\s+(?:a|an|the)\s+\w", re.I)
"""A definition under a condition: the objects set up ("if you have", "if x is"), then the
concept as the subject of a copula to a class ("If you have a sample of n values, xi, the
mean, x̄, is the sum of the values divided by n."). A case of the world stays one case, even
with a copula ("If the file is big, the installation is a slow process.": a property), as does
a main clause that says something else ("When the package is large, the installation takes
minutes.")."""
_GLOSSARY_GLOSS = re.compile(r"^\W*(?:(?:a|an|the|one|any)\s+[\w-]+|to\s+[a-z]+)\b(?!\s+(?:is|are|was|"
                             r"were|has|have|can|may|must|will|should)\b)", re.I)
"""A glossary entry's gloss: a noun phrase or a verb's meaning printed after the term and a
colon ("spread: A measure of how spread out the values in a distribution are.", "population: A
group we are interested in studying."); the glossary's layout says which term it glosses, even
when the gloss itself uses the word or has a clause of its own."""
_PLURAL_CLASS = re.compile(r"^\W*(?:(?:the|all)\s+)?" + _T + r"\s+are\s+(?:[a-z-]+\s+){0,2}[a-z-]+s\s+"
                           r"(?:that|which|who|whose|where|with|of|in|for|used|made|built)\b", re.I)
"""A plural said to be a kind of things, with no article ("Reserved words are words that have
special meaning to the shell.")."""
_PROPERTY = re.compile(r"\b(?:is|are)\s+(?:said\s+to\s+be\s+)?(?:(?:a|an|the)\s+)?" + _T
                       + r"(?:\s+in\s+\w+)?\s*(?:,\s*)?(?:if|iff|when|just\s+in\s+case)\b"
                       r"|\b(?:is|are)\s+said\s+to\s+be\s+(?:(?:a|an|the)\s+)?" + _T, re.I)
"""A property defined by its condition, or a naming of what the sentence says ("An argument is
valid if it is logically impossible ...", "... they are said to be inconsistent", "True or
false is said to be the truth-value of a sentence.")."""
_RELATIONAL = re.compile(r"^\W*the\s+" + _T + r"\s+of\s+[^,;:.]{1,60}?\s+(?:is|are)\s+(?:a|an|the"
                         r"(?!\s+(?:default|same|only|first|last|best|usual|opposite|case|most)\b))"
                         r"\s+\w", re.I)
"""The concept said of what it is taken of, then of a class ("The complement of an event A is
the event made of all outcomes ... not in A.", "The mean of a sample is the sum ..."); not "is
the default"."""
_KIND_OF = re.compile(r"^\W*(?:the\s+)?" + _T + r"\s+(?:is|are)\s+(?:simply\s+|just\s+)?(?:another|one|a"
                      r"|an)\s+(?:special\s+|particular\s+)?(?:kind|type|sort|form|class)\s+of\s+\w",
                      re.I)
"""The concept said to be a kind of a class ("Lists are another kind of data storage.");
found on the first sentence with its asides left out ("Lists ("generic vectors") are ...")."""
_OWNED = re.compile(r"^\W*(?:a|an|the)\s+[\w-]+'s\s+" + _T + r"\s+(?:is|are)\s+(?:a|an|the(?!\s+(?:"
                    r"default|same|only|first|last|best|usual|opposite|case|most)\b))\s+(?:\w|" + _T + ")",
                    re.I)
"""The concept said of what it is taken of, the owner first ("A function's environment is the
environment that was active at the time that the function was created.")."""
_STATES = re.compile(r"^\W*(?:the\s+)?(?:(?:law|rule|principle|theorem)\s+of\s+)?" + _T
                     + r"(?:\s+(?:law|rule|principle|theorem))?\s+(?:states|says)\s+that\s+\w", re.I)
"""A law stated ("The complement rule states that ...", "The law of total probability states
that ...")."""
_DEFINED_AS = re.compile(r"\bdefine\s+(?:(?:a|an|the)\s+)?" + _T + r"(?:\s+of\s+[^,.;]{1,40}?)?\s+(?:as|is"
                         r"|to\s+be)\b|^\W*(?:so\s+)?we\s+(?:will|shall|can|may)\s+say\s+that\s+(?:(?:a|an"
                         r"|the)\s+)?" + _T + r"\s+(?:is|are)\s+(?:a|an|the|something|anything|any)\b"
                         r"|^\W*(?:(?:a|an|the)\s+)?" + _T + r"\s+(?:can|may)\s+be\s+(?:thought\s+of|viewed|"
                         r"regarded|seen)\s+as\s+\w", re.I)
"""The book's own "we define X as ..." ("we can define an argument as a series of
sentences", "We define an expression of SL as any string of symbols of SL."), "we will say
that X is ..." ("So we will say that a sentence is something that can be true or false."), or
X "can be thought of as" a thing ("Vectors can be thought of as contiguous cells ...")."""
_EXAMPLE_BEFORE = re.compile(r"\b(?:for\s+(?:instance|example)|e\.g\.)(?=.*" + _T + ")", re.I)
"""A naming inside an example ("In GNU Emacs, for instance, ... the macro for Windows
conditionals is called WINDOWSNT.")."""
_EFFECT = re.compile(r"^\W*(?:(?:a|an|the)\s+)?" + _T + r"\s+(?:makes|helps|causes|affects|"
                     r"improves|slows|speeds|reduces|increases|costs|saves|avoids|prevents|"
                     r"requires|needs|depends)\b", re.I)
"""An effect or a need of the thing, not what it is ("Byte-compilation makes the installation
slower but the loading of packages faster.")."""
_NAMES_BEFORE = re.compile(r"^\W*(?:this|these|such)(?:\s+[\w-]+){0,3}\s+(?:is|are)\s+(?:also\s+)?"
                           r"(?:(?:called|known\s+as|referred\s+to\s+as|termed)\s+"
                           r"(?:(?:a|an|the)\s+)?[\"'‘“]?" + _T + r"|(?:a|an|the)\s+" + _T
                           + r"\W*$)", re.I)
"""A naming of what the sentences before it said, read with them ("We give named parts to a
record. These parts are called fields.", "... This result is the spreading law.")."""
_IT_NAMED = re.compile(r"\b(?:it|they)\s+(?:is|are)\s+(?:also\s+)?(?:called|known\s+as|referred\s+to"
                       r"\s+as|termed)\s+(?:(?:a|an|the)\s+)?[\"'‘“]?" + _T + r"[\"'’”]?\W*$", re.I)
"""What the sentence before said, named where it ends ("The empty event is the event that
contains no outcomes at all. It can never occur, so it is also called the impossible event."),
when that sentence says what a thing is (:data:`_SAYS_WHAT`): "For large samples, S² is an
adequate estimator ... it is called a biased estimator." names one case."""
_SAYS_WHAT = re.compile(r"^\W*(?:the|a|an)\s+(?:[\w-]+\s+){1,4}?(?:is|are)\s+(?:a|an|the)\s+\w", re.I)
_BARE_NAMING = re.compile(r"^\W*(?:this|that|it|these|they|those)\s+(?:is|are|was|were)\s+(?:(?:also|"
                          r"then|sometimes|often|usually|now)\s+)?(?:(?:called|known\s+as|referred\s+"
                          r"to\s+as|termed)\s+)?(?:(?:a|an|the)\s+)?[\"'‘“]?" + _T, re.I)
"""A bare pronoun named, the sentence read alone ("This is called the halting problem.",
"This is the problem of non-referring terms, and ..."): what the pronoun stands for is in
sentences it does not hold."""
_ANNOUNCES = re.compile(r"(?:\b(?:e\.g|i\.e|for\s+example|for\s+instance|as\s+follows)\W*|:)\s*$",
                        re.I)
"""A sentence whose end is an example or a list left on the page ("XML provides a way to
specify the file's encoding, e.g.")."""
_ASIDE = re.compile(r"\s*\([^()]*\)")
_IE_GLOSS = re.compile(_T + r"\W*(?:,?\s+i\.e\.|,\s+that\s+is),?\s+\w", re.I)
"""The concept glossed where the sentence names it ("used for symmetrical cryptography, i.e.
cryptography using a shared key")."""


def definition_kind(text: str, terms: Sequence[str], glossary: bool = False) -> DefinitionKind:
    """The kind of the concept's sentence: a definition or a description."""
    return (DefinitionKind.DEFINITION if defines(text, terms, glossary)
            else DefinitionKind.DESCRIPTION)


def defines(text: str, terms: Sequence[str], glossary: bool = False) -> bool:
    """Whether the text says what the concept is or does, whole and on its own. A text that
    does not name the concept defines it only as a glossary's gloss (``glossary``: the book
    has a glossary entry for it) that reads as one ("The 50th percentile of a distribution.");
    a sentence of prose that leaves the name out is about something else."""
    text = " ".join(text.split())
    if not text or not terms:
        return False
    terms = list(dict.fromkeys([*terms, *(t.replace("-", " ") for t in terms),
                                *(t + "s" for t in terms if not t.endswith("s"))]))
    parts = split_sentences(text) or [text]
    first = parts[0]
    if is_question(first) or is_question(text):
        return False  # "x: Does the string only contain BASE-CHARs?": it asks, it says nothing
    last = term_pattern(terms).sub(_T, parts[-1])
    if len(parts) >= 2 and (_NAMES_BEFORE.match(last) or names_kind(parts, terms) or (
            _IT_NAMED.search(last) and _SAYS_WHAT.match(first))):
        return not _POINTS_BACK.search(first) and not is_fragment(first, terms)
    if _BARE_NAMING.match(term_pattern(terms).sub(_T, first)):
        return False  # "This is called the halting problem.": what "this" is lies before it
    if len(parts) == 1 and restates_what_it_names(first, terms):
        return True
    if (_OPTION_LIST.match(text) or lists_things(text, terms) or is_fragment(text, terms)
            or _POINTS_BACK.search(first) or _ANNOUNCES.search(_ASIDE.sub("", first))):
        return False
    plain = _ASIDE.sub("", first)  # "ATLAS (https://...) is a ...", "a place (directory)"
    if glossary and _GLOSSARY_GLOSS.match(plain) and not is_question(plain):
        return True
    if not _ONE_CASE.match(plain) and _PROPERTY.search(term_pattern(property_adjectives(terms)).sub(
            _T, plain)):
        return True  # "A proof system is sound if ..." for soundness
    if names_kind([first], terms) and not re.search(r"\b(?:for\s+(?:instance|example)|e\.g\.)",
                                                      first, re.I):
        return True  # "Caches that hold ... are called complete." for complete cache
    if term_pattern(terms).search(first) is None:  # a glossary's gloss, its name left out
        return glossary and tells_what(first, terms)
    marked = term_pattern(terms).sub(_T, plain)
    if _EXAMPLE_BEFORE.search(marked) or _EFFECT.match(marked):
        return False
    if _ONE_CASE.match(plain):
        return _CASE_THEN_COPULA.match(marked) is not None
    return (found_definition(plain, terms) or found_definition(first, terms)
            or _patterned(first, terms)
            or any(p.search(marked) is not None
                   for p in (_NAMED_GLOSS, _NAMED_LAST, _CALLED_KIND, _IE_GLOSS, _PROPERTY,
                             _DEFINED_AS, _PLURAL_CLASS, _RELATIONAL, _STATES, _KIND_OF,
                             _OWNED)))


def _patterned(sentence: str, terms: Sequence[str]) -> bool:
    """Whether the map's definitional patterns find the sentence defining the concept, strongly
    ("We call ∀x an x-quantifier.", "An atomic formula of QL is an n-place predicate followed
    by n terms."): the patterns that put a textbook's terms on the map."""
    keys = {term_key(t) for t in terms}
    return any(term_key(d.term) in keys and d.strength >= STRONG
               for d in definitions_in(sentence, 0, 0))


def judge_definitions(drafts: Sequence[ConceptDraft], sentences: Sequence[Sentence],
                      chunks: Sequence[Chunk]) -> None:
    """Each draft's definition judged a definition or a description (changed in place); a
    description gives way to its command section's purpose line, a definition
    (:mod:`~tutor.engine.offline.definitions.purpose_lines`), else to the book's sentence,
    anywhere it names the concept, that this judge takes for a definition
    (:func:`better_sentence`)."""
    described = []
    glossaries: list[tuple[str, frozenset[tuple[str, ...]] | None]] | None = None
    purposes = purpose_lines(drafts, sentences)
    for draft in drafts:
        draft.definition_kind = definition_kind(draft.definition, _terms(draft))
        _alone(draft)
        line = purposes.get(id(draft))
        if (line is not None and draft.definition_kind is DefinitionKind.DESCRIPTION
                and not said_of_command(draft.definition, draft.name)):
            if purpose_text(line.text) != draft.definition:  # a variant, a remark, the syntax
                adopt(draft, line, chunks)
            draft.definition_kind = DefinitionKind.DEFINITION  # the command's entry says
            continue  # what it does
        if draft.definition_kind is DefinitionKind.DESCRIPTION:
            if glossaries is None:
                glossaries = [(text, _after_colons(text)) for text in (
                    " ".join(c.text.split()) for c in chunks if ":" in c.text)]
            if _glossed(draft, glossaries):
                draft.definition_kind = definition_kind(draft.definition, _terms(draft), True)
        if draft.definition_kind is DefinitionKind.DESCRIPTION:
            described.append(draft)
    if not described:
        return
    keys = {term_key(t): d for d in described for t in _terms(d) if term_key(t)}
    index = MentionIndex([s.text for s in sentences], keys)
    found: dict[int, set[int]] = {}
    for key, draft in keys.items():
        found.setdefault(id(draft), set()).update(index.counts(key))
    devoted = devoted_sections(sentences)
    for draft in described:
        best = better_sentence(draft, sorted(found.get(id(draft), set())), sentences, devoted)
        if best is not None:
            adopt(draft, sentences[best], chunks)
            draft.definition_kind = definition_kind(draft.definition, _terms(draft))


def _alone(draft: ConceptDraft) -> None:
    """A definition whose last sentence names the concept and restates what it names shows
    that sentence alone, not the one before it, which leans on its own context ("Any symbols
    bound in that environment are captured ... This combination of the code of the function
    and the bindings in its environment is called a 'function closure'.")."""
    parts = split_sentences(draft.definition)
    if (draft.definition_kind is DefinitionKind.DEFINITION and len(parts) >= 2
            and restates_what_it_names(parts[-1], _terms(draft))):
        old = draft.definition
        draft.definition = parts[-1]
        draft.key_points = [draft.definition, *(p for p in draft.key_points
                                                if p not in (old, draft.definition))][:4]


def better_sentence(draft: ConceptDraft, positions: Sequence[int], sentences: Sequence[Sentence],
                    devoted: dict[str, set[str]]) -> int | None:
    """The book's sentence that defines the concept where its own only describes it: the first
    in the concept's own section (its heading names it) that names it among its first words,
    reads alone, is not one case nor about one thing of its kind, and that this judge takes
    for a definition. A sentence elsewhere defines it in passing, or another sense of the
    word: on the shared books, looking through the whole book moved the defining page of one
    concept in twenty away from the teachers' (Think Stats .935 -> .883), and on the same page
    it took "Subscript is '@' or '*', the expansion is the number of elements in the array."
    for *expansion* in the Bash manual. A sentence that opens on the concept glossed in
    brackets ("Simple questions (questions for which one and only one answer is correct) begin
    with ...") says what it is wherever it stands."""
    terms = _terms(draft)
    keys = {term_key(t) for t in terms}
    both = [*terms, *(t + "s" for t in terms if not t.endswith("s"))]
    pattern = term_pattern(both)
    for position in positions:
        sentence = sentences[position]
        text = without_code_before(sentence.text)
        opening = " ".join(text.split()[:SUBJECT_WORDS])
        if ((keys & devoted.get(sentence.section, set()) or glossed_in_brackets(text, both))
                and pattern.search(opening)
                and len(text.split()) <= MAX_WORDS and not is_question(text)
                and not leans(text) and is_prose(text) and not a_case_or_a_sign(text, terms)
                and not one_named(text, terms) and defines(text, terms)):
            return position
    return None


def _glossed(draft: ConceptDraft,
             texts: Sequence[tuple[str, frozenset[tuple[str, ...]] | None]]) -> bool:
    """Whether the draft's definition is a glossary entry's gloss: the book prints it after
    the concept's name (and its abbreviation) and a colon ("return value: The result of a
    function.", "probability density function (PDF): The derivative of a continuous CDF
    ..."). The entry may stand on another page than the one the concept cites (a chapter's
    glossary after its sections), and the book's quotes may differ from the draft's (“ for
    "), so the gloss is matched on its first words. ``texts``: the book's passages that hold
    a colon, their spaces collapsed, each with :func:`_after_colons`."""
    words = re.findall(r"\w+", draft.definition)[:_GLOSS_WORDS]
    if len(words) < 2:
        return False
    opening = tuple(w.lower() for w in words) if all(w.isascii() for w in words) else None
    probe = words[-1]
    entry: re.Pattern[str] | None = None
    for text, after in texts:
        if opening is not None and after is not None and opening not in after:
            continue  # no colon of this passage opens with the gloss: the pattern cannot match
        if probe not in text:
            continue
        if entry is None:
            entry = re.compile(term_pattern(_terms(draft)).pattern
                               + r"(?:\s*\([^()]{1,30}\))?\s*:\W*"
                               + r"\W+".join(map(re.escape, words)) + r"\b", re.I)
        if entry.search(text):
            return True
    return False


def _after_colons(text: str) -> frozenset[tuple[str, ...]] | None:
    """The openings of what follows each colon of an ASCII text: its first two to
    :data:`_GLOSS_WORDS` words, lower case (a gloss's entry matches only where a colon opens
    with the gloss's words); ``None`` for another text (case-insensitive matching pairs some
    letters that lower-casing keeps apart)."""
    if not text.isascii():
        return None
    found: set[tuple[str, ...]] = set()
    for colon in _COLON.finditer(text):
        run = tuple(m.group().lower() for m in islice(_WORD_RUN.finditer(text, colon.end()),
                                                       _GLOSS_WORDS))
        found.update(run[:n] for n in range(2, len(run) + 1))
    return frozenset(found)


_COLON = re.compile(":")
_WORD_RUN = re.compile(r"\w+")


_GLOSS_WORDS = 6
"""The gloss's first words that find its entry: enough to be the entry's own."""


def _terms(draft: ConceptDraft) -> list[str]:
    return [draft.name, *draft.aliases]
