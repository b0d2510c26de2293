"""Where the book says what a concept is, anywhere it names it; and concepts it never explains.

The map picks a concept's sentence among the first passages that mention it, and a manual
often uses a thing long before it says what it is: "Character quantities and character
vectors are used frequently in R" (p. 17) before nothing better, "The format string is used
to write the date and time" under the *timestamp* heading, "Every graphics parameter has a
name ..." for *graphics parameter*. A concept is kept because the book defines or explains it
(issue 11), so a last pass over the drafts does two things:

- **a better sentence**: a draft whose definition does not say what the concept is
  (:func:`tells_what`) takes the sentence, among every prose sentence of the book that names
  it, that does: the concept as its subject with a copula to a class or a defining verb
  ("Tokens are the elementary building blocks ...", "X refers to ...", "X, which is a ..."), a
  naming ("... is called X"), what a command, a style or an option does
  (:func:`tutor.engine.offline.definitions.descriptions.describes_command`), or what the thing itself does
  ("The pointinterval controls the spacing between points ...", "a generic function performs
  a task or action on its arguments specific to the class of the argument itself"); never a
  sentence that leans on the text before it, a question, one case or an example. A sentence
  in the section whose heading names the concept comes first, then a copula before a verb,
  then the classifier's score, then reading order. It is cited first on its page; the old
  sentence becomes a key point.
- **a concept dropped** when nothing says what it is: no glossary entry, no section whose
  heading names it, no sentence of the book that tells what it is (an entry of the printed
  index only says where the term is treated). Only drafts whose evidence
  is a sentence pattern, emphasis or keyphrase statistics are judged; a concept another kind
  of evidence put on the map (a reference entry of an API manual, say) is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.course import Chunk
from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.offline.definitions.defining_signs import Candidate, definition_score, features
from tutor.engine.offline.definitions.definition_cleaning import (
    clean_definition,
    short,
    without_code_before,
)
from tutor.engine.offline.definitions.descriptions import (
    a_case_or_a_sign,
    describes_command,
    plainly_defines,
    term_group,
    term_pattern,
)
from tutor.engine.offline.definitions.patterns import heading_terms
from tutor.engine.offline.definitions.section_definitions import without_run_in
from tutor.engine.offline.definitions.self_contained import is_prose, leans
from tutor.engine.offline.terms import MentionIndex, content_stems, term_key
from tutor.engine.port import ConceptDraft
from tutor.sentences import split_sentences

JUDGED_EVIDENCE = frozenset({"definition", "emphasis", "keyphrase"})
"""The evidence kinds of a draft this pass may drop: a sentence pattern, emphasis, keyphrase
statistics. A glossary entry or a heading (a section devoted to the concept) explains it; any
other kind is another module's judgement and is kept."""
SUBJECT_WORDS = 8
"""The concept must be named among a sentence's first words, where its subject is."""
MAX_WORDS = 60
"""A longer "sentence" is a table or a list the text lost its breaks in."""

_T = "\x02"
_VERB_S = (r"(?!(?:is|was|has|does|needs|requires|depends|seems|looks|works|applies|uses|"
           r"takes|appears|comes|remains|lies|exists|happens|occurs|differs|follows|this|its|"
           r"always|less|unless|thus|plus|minus|versus|as|us|yes|class|access|process|"
           r"address|success|loss|cross|pass)\b)[a-z]{3,}(?<!ss)(?<!us)(?<!is)s")
"""A verb in the present, said of one thing ("controls", "performs", "draws"); not a verb of
being, having or needing, nor one that tells where or when ("applies", "appears")."""
_KIND = (r"(?:(?:option|keyword|command|style|function|flag|variable|macro|setting|property|"
         r"operator|terminal)\s+)?")
"""The kind a manual puts before a name ("Option nooffset stands for offset 0")."""
_NAMED_AFTER = (r"[\"'’”]?(?:\s+(?:rule|law|principle|theorem|command|option|style|function|"
                r"keyword|macro|operator|variable))?(?:\s+\([^)]{1,30}\))?")
"""What may follow the concept's name before its verb: its kind, an abbreviation ("The
universal introduction rule (UI) lets you infer ...")."""
_DOES_OBJECT = (r"(?:a|an|the|each|every|all|any|whether|how|which|what|its|their|one|two|"
                r"several|some|no|[a-z]+ing)\b")
_DOES = re.compile(
    r"^\W*(?:[A-Z][\w ]{0,30},\s+)?(?:(?:a|an|the)\s+)?" + _KIND + r"[\"'‘“]?" + re.escape(_T)
    + _NAMED_AFTER + r"\s+" + _VERB_S + r"\s+" + _DOES_OBJECT, re.I)
"""What the thing does, said with it as the subject: "The pointinterval controls the spacing
between points ...", "Put the other way round, a generic function performs a task ..."."""
_KIND_DOES = re.compile(
    r"(?:^|,\s+)\W*(?:the\s+)?(?:option|keyword|flag|modifier)\s+" + re.escape(_T)
    + r"\s+(?:will\s+[a-z]{3,}|" + _VERB_S + r")\s+(?:(?:on|off|out|up)\b|" + _DOES_OBJECT + ")",
    re.I)
"""What an option or a keyword named by its kind does, after a clause that says when ("If two
scans differ, the option ftriangles specifies whether ...", "Similarly, the keyword nocontours
will turn off contouring ...")."""
_OWN_SUBJECT = re.compile(r"^\W*(?:(?:a|an|the)\s+)?(?:(?!\b(?:that|which|who|whose|where|"
                          r"when)\b)[\w\s-]){1,30}?\s+(?:is|are|has|have|can|may|must|will)\s",
                          re.I)
"""A sentence with a subject of its own: not a gloss of the concept that leaves its name out
("The format string is used to write the date and time" under the *timestamp* heading)."""


_DOUBLED = re.compile(r"\b(by|the|of|to|is|a)\s+\1\b", re.I)
"""A word the book printed twice ("controlled by by set mttics")."""
_IN_PASSING = re.compile(r"\bwhat\s+(?:is|are)\s+(?:\w+\s+)?(?:called|known\s+as)\b|\bso-called\b",
                         re.I)
"""A naming in passing: "... treated by what are known as generic functions", "other so-called
generic functions": the sentence is about something else."""
_NAMES_WHAT_CAME_BEFORE = re.compile(
    r"^\W*(?:this|that|these|those|such)(?:\s+[\w-]+){0,3}\s+(?:is|are)\s+(?:also\s+|often\s+|"
    r"sometimes\s+|usually\s+)?(?:called|known\s+as|referred\s+to\s+as|termed)\s+"
    r"(?:(?:a|an|the)\s+)?[\"'‘“]?" + re.escape(_T), re.I)
"""A naming of what the sentence before it said ("This is called lexical scope.")."""
_CLASS = re.compile(
    r"^\W*(?:[A-Z][\w ]{0,30},\s+)?(?:(?:a|an|the|each|every)\s+)?" + _KIND + r"[\"'‘“]?"
    + re.escape(_T) + r"[\"'’”]?(?:\s+\([^)]{1,30}\))?(?:,\s+[^,]{1,40},)?\s+(?:(?:is|are)\s+"
    r"(?:(?:also|simply|just|still|essentially|basically|primarily|mainly)\s+)?(?:a|an|the(?!\s+(?:default|same|only|first|last|best|"
    r"usual|opposite|case|most|easiest|simplest)\b)|one\s+of|any|used\s+(?:to|for)|designed\s+(?:to|for)|"
    r"intended\s+(?:to|for)|defined\s+as)\b|(?:refers?\s+to|means?|denotes?|stands?\s+for)\s)"
    r"|\b(?:is|are)\s+(?:also\s+|often\s+|sometimes\s+|usually\s+)?(?:called|known\s+as|"
    r"referred\s+to\s+as|termed)\s+(?:(?:a|an|the)\s+)?[\"'‘“]?" + re.escape(_T)
    + r"|" + re.escape(_T) + r"[\"'’”]?,\s+(?:which|that)\s+(?:is|are)\s+(?:a|an|the)\s"
    + r"|^\W*(?:[A-Z][\w ]{0,30},\s+)?(?:the\s+)?" + re.escape(_T) + r",\s+(?:a|an)\s+[a-z]", re.I)
"""The concept said to be of a class or named, with it as the subject: "Tokens are the
elementary building blocks of a programming language", "X refers to ...", "... is called X",
"X, which is a ...", "The X, a ..."; not "X is the default"."""


_LONGER_COMMAND = re.compile(r"\b(?:show|unset)\s+" + re.escape(_T)
                             + r"|\bset\s+[\w-]+\s+(?:[\w-]+\s+)?" + re.escape(_T)
                             + r"|\b(?!(?:set|the|a|an|this|that|each|every)\b)[a-z]+\s+"
                             + re.escape(_T) + r"\s+(?:keyword|option|command)\b")
"""The concept's name inside a longer command's ("The set mouse format command ...", "The show
plot command ...", "The every keyword ..."): what is said is of the longer one."""


_NAME_FIRST = re.compile(
    r"^\W*(?:in\s+[^,.;:]{0,40}?,?\s+)?(?:(?:a|an|the)\s+)?(?:(?:set|command|option|keyword|style|"
    r"plot|plotting|function|terminal)\s+){0,2}[\"'‘“]?" + re.escape(_T), re.I)
"""The concept named first, with only its kind or its set command before it: "The dumb
terminal driver plots ..." says what the dumb terminal does, not what a terminal is."""


def _kind_named(sentence: str, name: str) -> bool:
    """A kind named by the modifier of its noun ("Definitions like this are called recursive."
    for *recursive definition*)."""
    words = name.split()
    if len(words) < 2:
        return False
    head, modifier = re.escape(words[-1]), r"\s+".join(map(re.escape, words[:-1]))
    return re.search(rf"\b{head}s?\b[^.;]{{0,40}}\b(?:is|are)\s+(?:also\s+)?(?:called|said\s+to"
                     rf"\s+be|known\s+as)\s+{modifier}\b", sentence, re.I) is not None


_OTHER_NAME = re.compile(re.escape(_T) + r"[\"'’”]?\s+or\s+(?!not\b)[\w-]+(?:\s+[\w-]+)?(?=\s+(?:is|are)\s)",
                         re.I)
"""The concept's other name after "or", before the copula ("A chart or plot is an object which
is placed on a drawing"): the sentence says what both are."""
_GLOSSED = re.compile(
    r"^\W*(?:[A-Z][\w ]{0,30},\s+)?(?:(?:a|an|the)\s+)?" + re.escape(_T) + r"\s*\(\s*(?:i\.e\.,?\s+|"
    r"that\s+is,?\s+)?(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}[\w-]+\s+(?:that|which|who|whose|"
    r"for\s+which|in\s+which|where)\s[^()]{8,}\)", re.I)
"""The concept glossed in brackets where it opens the sentence, by a noun and what makes it one
("Simple questions (questions for which one and only one answer is correct) begin with a *
..."): the brackets say what it is."""


def one_name(marked: str) -> str:
    """The marked sentence with the concept's other name after "or" taken out (``_T`` marks
    the concept): "\x02 or plot is an object ..." -> "\x02 is an object ..."."""
    return _OTHER_NAME.sub(_T, marked)


def glossed_in_brackets(sentence: str, terms: Sequence[str]) -> bool:
    """Whether the sentence opens on the concept glossed in brackets (:data:`_GLOSSED`)."""
    return _GLOSSED.match(term_pattern(terms).sub(_T, sentence)) is not None


def found_definition(sentence: str, terms: Sequence[str]) -> bool:
    """Whether a sentence found anywhere in the book says what the concept is, strictly: the
    concept as the subject (only a proper name or its kind before it) of a copula to a class
    or a defining verb, a naming, an appositive (:data:`_CLASS`), what a command, style or
    option does, or what the thing itself does or holds; no naming in passing."""
    sentence = _DOUBLED.sub(r"\1", sentence)
    pattern = term_pattern(terms)
    if _IN_PASSING.search(sentence) or _LONGER_COMMAND.search(pattern.sub(_T, sentence)):
        return False
    if glossed_in_brackets(sentence, terms):
        return True
    for said in {sentence, _PROPER_MODIFIER.sub(r"\g<article>", sentence)}:
        marked = one_name(pattern.sub(_T, said))
        if (_CLASS.search(marked) or _DOES.search(marked) or _CONSISTS.match(marked)
                or _KIND_DOES.search(marked)):
            return True
        if describes_command(said, terms) and _NAME_FIRST.match(marked):
            return True
    return False


_CONSISTS = re.compile(
    r"^\W*(?:(?:a|an|the|each|every)\s+)?" + _KIND + r"[\"'‘“]?" + re.escape(_T) + _NAMED_AFTER
    + r"\s+(?:simply\s+|just\s+|also\s+)?(?:consists?\s+of|contains?|holds?|stands?\s+for|represents?|describes?|specif(?:y|ies)|"
    r"determines?|controls?|lets?\s+you|allows?|refers?\s+to|means?|denotes?)\s+\w", re.I)
"""The concept as the subject of a verb that says what it is made of, holds or does
("Tokens consist of ...", "The TAG value holds ...", "Margins control ...")."""
_PROPER_MODIFIER = re.compile(r"^(?P<article>\W*(?:[Aa]n?|[Tt]he)\s+)(?:[A-Z]|[A-Z][a-z]+)\s+(?=[a-z])")
"""A language's name before the concept's name ("An R list is ..."): the concept all the same;
not an acronym naming one of its kind ("The VWS terminal driver ...")."""


_CLASSIFIER_SIGNS = ("subject_copula", "subject_verb", "named_object", "appositive", "predicate",
                     "inverse")
"""The defining-sentence classifier's signs that a sentence says what its term is or names it
(:mod:`tutor.engine.offline.definitions.defining_signs`)."""


def tells_what(sentence: str, terms: Sequence[str]) -> bool:
    """Whether the sentence says what the concept is or does: a definition's shape
    (:func:`~tutor.engine.offline.definitions.descriptions.plainly_defines`), what a command, style or
    option does, what the thing does with it as the subject (:data:`_DOES`), or a gloss that
    leaves the name out, has no subject of its own and stands alone ("A value far from the
    central tendency.")."""
    sentence = _DOUBLED.sub(r"\1", sentence)  # "controlled by by set mttics"
    if not sentence.strip() or _IN_PASSING.search(sentence):
        return False
    plain = _PROPER_MODIFIER.sub(r"\g<article>", sentence)  # "An R list is ..." -> "An list"
    if any(plainly_defines(s, terms) or describes_command(s, terms) for s in {sentence, plain}):
        return True
    pattern = term_pattern(terms)
    parts = split_sentences(sentence) or [sentence]
    marked = [pattern.sub(_T, part) for part in parts]
    if len(parts) >= 2 and _NAMES_WHAT_CAME_BEFORE.match(marked[-1]):
        return True  # "In R the free variable bindings are resolved ... This is called lexical
        # scope.": the naming with the sentence it names
    if (any(_CONSISTS.match(part) or _KIND_DOES.search(part) for part in marked)
            or _kind_named(sentence, terms[0])):
        return True
    if (any(_CLASS.search(one_name(part)) for part in marked if _T + " or " in part)
            or glossed_in_brackets(sentence, terms)):
        return True  # "A chart or plot is an object ...", "Simple questions (questions for
        # which ...) begin with ..."
    signs = features(terms[0], Candidate(sentence))
    if any(signs[name] for name in _CLASSIFIER_SIGNS):
        return True  # "A sentence is contingent if ...", "... are called summary statistics",
        # "the codebook, which documents the design of the study"
    if pattern.search(parts[0]) is None:
        return _gloss(parts[0])
    return _DOES.search(pattern.sub(_T, sentence)) is not None


_GLOSS_OPENER = re.compile(
    r"^\W*(?:when|if|as|at|on|to\s+(?:do|make|be)\b|from|by|with|after|before|this|that|these|"
    r"those|we|you|they|there|so|but|and|for|now|here|since|because|although|once|then|thus|"
    r"however|note|also|often|usually|instead|for\s+example)\b", re.I)


def _gloss(text: str) -> bool:
    """A glossary's words for the concept, its name left out: a noun phrase or a verb's
    meaning ("A value far from the central tendency.", "To run a statement and do what it
    says."), not a sentence with a subject of its own nor a fragment of prose."""
    return (_OWN_SUBJECT.match(text) is None and _GLOSS_OPENER.match(text) is None
            and "?" not in text and len(content_stems(text)) >= 2)


def define_anywhere(drafts: list[ConceptDraft], sentences: Sequence[Sentence],
                    chunks: Sequence[Chunk]) -> list[ConceptDraft]:
    """The drafts, each whose definition does not tell what it is given the book's sentence
    that does (changed in place), without the drafts of the judged kinds nothing explains.
    The book's printed index says where a term is treated, not what it is: an entry keeps
    no draft here."""
    weak = [d for d in drafts if not tells_what(d.definition, _terms(d))]
    if not weak:
        return drafts
    keys = {term_key(t): d for d in weak for t in _terms(d) if term_key(t)}
    index = MentionIndex([s.text for s in sentences], keys)
    found: dict[int, list[int]] = {}
    for key, draft in keys.items():
        found.setdefault(id(draft), []).extend(index.counts(key))
    devoted = devoted_sections(sentences)
    dropped: set[int] = set()
    for draft in weak:
        terms = _terms(draft)
        positions = sorted(set(found.get(id(draft), [])))
        best = best_sentence(draft, terms, positions, sentences, devoted)
        if best is not None and says_more(draft, sentences[best], devoted):
            adopt(draft, sentences[best], chunks)
        elif unexplained(draft):
            dropped.add(id(draft))
        elif _POINTS_AWAY.search(draft.definition):
            opening = _section_opening(terms, sentences, devoted)
            if opening is not None:  # "See colorspec (p. 50).": its own section's words
                adopt(draft, sentences[opening], chunks)
    return [d for d in drafts if id(d) not in dropped]


_POINTS_AWAY = re.compile(
    r"^\W*(?:(?:for\s+(?:more|further)\s+(?:information|details),?\s+)?see\b|"
    r"the\s+same\s+(?:syntax|options?|rules?)\s+appl(?:y|ies)\s+to\b)"
    r"|\(p\.\s*\d+\)\.?\s*$", re.I)
"""A sentence that sends the reader elsewhere ("See colorspec (p. 50).", "The same syntax
applies to yrange, zrange, ...")."""


def _section_opening(terms: list[str], sentences: Sequence[Sentence],
                     devoted: dict[str, set[str]]) -> int | None:
    """The first sentence of the concept's own section that reads alone (the section is about
    the concept, whether or not the sentence names it)."""
    keys = {term_key(t) for t in terms}
    for position, sentence in enumerate(sentences):
        text = sentence.text
        if (keys & devoted.get(sentence.section, set()) and not _POINTS_AWAY.search(text)
                and not leans(text) and is_prose(text) and not text.endswith("?")
                and 5 <= len(text.split()) <= MAX_WORDS):
            return position
    return None


def unexplained(draft: ConceptDraft) -> bool:
    """Whether a draft whose definition does not tell what it is, and for which the book has no
    sentence that does, is no concept: its evidence is only of the judged kinds, and it is not
    a term of several words the book sets in emphasis (a book's way of marking a term it
    introduces, "the existential quantifier, ∃"; one word in emphasis is, in a manual, mostly a
    keyword, an option's value or an argument's placeholder: "fnormal", "nocontours",
    "type-or-expr")."""
    if not set(draft.evidence) <= JUDGED_EVIDENCE:
        return False
    return not ("emphasis" in draft.evidence and " " in draft.name.strip())


def _terms(draft: ConceptDraft) -> list[str]:
    return [draft.name, *draft.aliases]


def devoted_sections(sentences: Sequence[Sentence]) -> dict[str, set[str]]:
    """Section heading -> the term keys it names."""
    named: dict[str, set[str]] = {}
    for sentence in sentences:
        if sentence.section and sentence.section not in named:
            named[sentence.section] = {term_key(t) for t in heading_terms(sentence.section)}
    return named


def best_sentence(draft: ConceptDraft, terms: list[str], positions: Sequence[int],
                   sentences: Sequence[Sentence], devoted: dict[str, set[str]]) -> int | None:
    keys = {term_key(t) for t in terms}
    head = re.compile(r"(?<![\w-])" + term_group(terms), re.I)
    ranked: list[tuple[tuple[int, int, float, int], int]] = []
    for position in positions:
        text = without_code_before(sentences[position].text)  # "... drawText(t) Text objects"
        opening = " ".join(text.split()[:SUBJECT_WORDS])
        if (len(text.split()) > MAX_WORDS or text.endswith("?") or head.search(opening) is None
                or leans(text) or not is_prose(text) or a_case_or_a_sign(text, terms)
                or not found_definition(text, terms)):
            continue
        in_own = int(bool(keys & devoted.get(sentences[position].section, set())))
        shaped = int(_CLASS.search(one_name(term_pattern(terms).sub(_T, text))) is not None)
        score = definition_score(draft.name, Candidate(text, sentences[position].section))
        ranked.append(((in_own, shaped, score, -position), position))
    return max(ranked)[1] if ranked else None


def says_more(draft: ConceptDraft, sentence: Sentence, devoted: dict[str, set[str]]) -> bool:
    """Whether the book's sentence should replace the draft's: it sits in the concept's own
    section, or the classifier scores it at least as high (both read without their section)."""
    if term_key(draft.name) in devoted.get(sentence.section, set()):
        return True
    return (definition_score(draft.name, Candidate(without_code_before(sentence.text)))
            >= definition_score(draft.name, Candidate(draft.definition)))


def adopt(draft: ConceptDraft, sentence: Sentence, chunks: Sequence[Chunk]) -> None:
    """The sentence as the draft's definition, cited first on its page; the old one kept as
    its first key point."""
    old = draft.definition
    text = without_run_in(sentence.text.strip(), _terms(draft))
    draft.definition = clean_definition(short(text)) or text
    draft.key_points = [draft.definition, old, *(p for p in draft.key_points
                                                 if p not in (old, draft.definition))][:4]
    cited = chunks[sentence.chunk].citation()
    draft.citations = [cited, *(c for c in draft.citations
                                if (c.source, c.page) != (cited.source, cited.page))][:5]
