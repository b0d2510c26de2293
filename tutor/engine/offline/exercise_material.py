"""What the course says about one concept, gathered for writing exercises on it.

The defining sentence (the concept's definition when it names the term, else the passage
sentence of a defining shape that agrees with it), the definition without its term (the
"description" a term question shows), the parts of the definition (key points), and the
sibling concepts fit to serve as distractors, ranked by embedding similarity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from tutor.course import Chunk, Citation, Concept
from tutor.engine.offline.checking import (
    NEAR_DUPLICATE,
    canonical,
    content_stems,
    mentions,
    term_variants,
)
from tutor.text import STOPWORDS, normalize, sentences, split_sentences

DUPLICATE_SIMILARITY = 0.95
"""Embedding cosine from which a sibling is taken for the same concept and left out."""
MAX_SENTENCE = 300

_VERB = r"(?:is|are|refers\s+to|means|denotes)"
_LEANING = r"^(?:it|they|we|you|one)\b|\b(?:this|that\s+way|these|those|such|above|below|following|here)\b"


@dataclass
class Sibling:
    """A near concept that may stand beside the concept as a distractor or a swapped term."""

    concept: Concept
    similarity: float
    """Cosine similarity of the two concepts' name and definition (MiniLM), 4 decimals."""
    description: str | None
    """Its definition without its own name, when that can be had."""
    cited: Citation | None = None
    """Where the description was found, when not on the concept's own defining page."""


@dataclass
class Material:
    """What the course says about one concept, gathered once for all kinds."""

    concept: Concept
    terms: list[str]
    pattern: re.Pattern[str]
    ordered: list[Chunk]
    sentence: str | None = None
    """The defining sentence, naming the concept."""
    defines: bool = False
    """Whether the sentence has a defining shape ("X is ...", "... is called X")."""
    description: str | None = None
    """The definition without the term ("a collection where ...")."""
    citations: list[Citation] = field(default_factory=list)
    found_elsewhere: bool = False
    """Whether the definition was found among the passages, not the map's sentence
    (:mod:`tutor.engine.offline.book_definition`): the map's key points do not go with it."""

    @property
    def label(self) -> str:
        return self.citations[0].label()

    @property
    def definition_text(self) -> str:
        """The definition as one sentence: the defining sentence, else "name: gloss"."""
        if self.sentence and (self.defines or not self.description):
            return self.sentence
        return f"{self.concept.name}: {self.description}"


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
    return compiled_pattern(r"(?<![\w-])" + term_group(terms), re.I)


def gather(concept: Concept, terms: list[str], passages: Sequence[Chunk]) -> Material:
    """The material for one concept; passages on its defining page are read first."""
    defining = {(c.source, c.page) for c in concept.citations[:1]}
    ordered = sorted(passages, key=lambda p: ((p.source, p.page) not in defining, p.order, p.id))
    material = Material(concept, terms, term_pattern(terms), ordered)
    definition = " ".join(normalize(concept.definition).split())
    source: Chunk | None = None
    if definition and material.pattern.search(definition) and len(definition) <= MAX_SENTENCE:
        material.sentence, material.defines = definition, True
        source = source_of(definition, ordered)
    else:
        found = _find_defining_sentence(material, definition)
        if found:
            material.sentence, source, material.defines = found
    if definition and not material.pattern.search(definition):
        material.description = _strip_period(definition)  # a gloss: cited where it is
        source = source or source_of(definition, ordered)
    elif material.sentence:
        material.description = describe(material.sentence, terms)
    cites = ([source.citation()] if source else []) + list(concept.citations[:1])
    if not cites:
        cites = [p.citation() for p in ordered if material.pattern.search(p.text)][:1]
    material.citations = list({(c.source, c.page): c for c in cites}.values())
    return material


def _find_defining_sentence(
    material: Material, definition: str
) -> tuple[str, Chunk, bool] | None:
    """The passage sentence that best defines the concept: one of a defining shape that
    agrees with the definition, else one that shares most of its words."""
    cue = defining_cue(material.terms)
    best: tuple[float, str, Chunk, bool] | None = None
    for chunk in material.ordered:
        for sentence in prose_sentences(chunk.text):
            if not usable(sentence) or not material.pattern.search(sentence):
                continue
            overlap = dice(definition, sentence) if definition else 0.0
            defines = cue.search(sentence) is not None
            if not (defines and (not definition or overlap >= 0.25)) and overlap < 0.6:
                continue
            score = overlap + 0.5 * defines
            if best is None or score > best[0]:
                best = (score, sentence, chunk, defines)
    return (best[1], best[2], best[3]) if best else None


def defining_cue(terms: Sequence[str]) -> re.Pattern[str]:
    """Sentences of a defining shape: "X is ...", "X, the ..., refers to", "... called X"."""
    group = term_group(terms)
    return compiled_pattern(
        r"^\W*(?:(?:a|an|the)\s+)?" + group + r"\s*(?:,[^,]{0,60},\s*)?" + _VERB + r"\b"
        + r"|\b(?:called|known\s+as)\s+(?:(?:a|an|the)\s+)?" + group,
        re.I,
    )


def prose_sentences(text: str) -> list[str]:
    """The sentences of a passage's prose (code and tables left out)."""
    return list(_prose_sentences(text))


@lru_cache(maxsize=4096)
def _prose_sentences(text: str) -> tuple[str, ...]:
    """:func:`prose_sentences`, remembered: each concept's writers read its passages, and
    most passages are read for several concepts."""
    return tuple(sentences(text))


def usable(sentence: str) -> bool:
    """A sentence fit to quote in an exercise: plain prose of sane length, no section number,
    link, code or first-person aside."""
    if not 20 <= len(sentence) <= MAX_SENTENCE or sentence.endswith(("?", ":")):
        return False
    if re.match(r"^\d+(?:\.\d+)+\s", sentence) or re.search(r"https?:|www\.", sentence):
        return False
    if sum(ch in "=(){}[]<>#%_\\" for ch in sentence) > 2:
        return False
    if sentence.split()[0].lower() in ("it", "they", "this", "these", "those", "he", "she"):
        return False
    return re.search(r"(?:^|\s)I(?:\s|'m)", sentence) is None


def dice(first: str, second: str) -> float:
    """Dice overlap of the two texts' content stems, 0..1."""
    a, b = content_stems(first), content_stems(second)
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def source_of(text: str, chunks: Sequence[Chunk]) -> Chunk | None:
    """The first passage that contains the text (nearly word for word)."""
    target = normalize(text).lower()
    for chunk in chunks:
        if fuzz.partial_ratio(target, " ".join(normalize(chunk.text).lower().split())) >= 90:
            return chunk
    return None


_TERM = "\x01"
"""Stands in for every mention of the term, so the shapes below are compiled once for the
build, not once per concept (compiling them was a good part of the writers' CPU)."""
_T = re.escape(_TERM)
_SUBJECT_IS = re.compile(  # "A stack is ...", "In this context, "frequency" means ..."
    r"^\W*(?:[^,.;:]{0,40},\s+)?[\"'‘“]?(?:(?:a|an|the)\s+)?" + _T
    + r"[\"'’”]?\s*(?:\([^)]*\)\s*)?(?:,[^,]{0,60},\s*)?" + _VERB + r"\s+(.+)$", re.I)
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
        return _strip_period(text)
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
    if not match or _TERM in match.group(1):
        return None
    rest = _strip_period(match.group(1))
    if len(rest) < 12 or mentions(rest, terms):
        return None
    return rest


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
    r"(?:topic|subject)\b",
    re.I)
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
                    r"hard|same|similar|different|like|\w+est)\b)")
"""What follows "X is" when the sentence says how X behaves or compares, not what it is."""
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
    return any(_defines_alone(part, terms) for part in split_sentences(sentence))


def _defines_alone(sentence: str, terms: Sequence[str]) -> bool:
    if _POINTS_BACK.match(sentence) or _LIKE_THIS.search(sentence):
        return False
    return _DEFINING_SHAPE.search(term_pattern(terms).sub(_TERM, sentence)) is not None


_ARTICLE = r"(?:(?:a|an|the)\s+)?"
_DEFINING_SHAPE = re.compile("|".join(f"(?:{shape})" for shape in (
    r"^\W*(?:[^,.;:]{0,40},\s+)?" + _ARTICLE + _T + r"\s*(?:\([^)]*\)\s*)?"
    r"(?:,[^,]{0,60},\s*)?(?:is|are|refers?\s+to|means?|denotes?)\b" + _NOT_SAYING_WHAT,
    r"^\W*" + _ARTICLE + _T + r"\s*:\s+\S",
    r"\b(?:called|known\s+as|said\s+to\s+be|referred\s+to\s+as)\s+" + _ARTICLE + _T,
    _T + r",\s+which\s+(?:means\b|(?:is|are)\s+(?:a|an|the)\s)",
    r"\bdefines?\s+" + _ARTICLE + _T + r"|" + _T + r"\s+(?:is|are)\s+defined\b",
)), re.I)
"""The shapes of a definition of the term (marked as :data:`_TERM`), compiled once."""


def says_what_it_is(m: Material) -> bool:
    """Whether the course really says what the concept is: a defining sentence of a
    definition's shape (:func:`plainly_defines`), or a gloss that does not name the term and
    stands on its own. A sentence that merely uses the term ("The syntax is the same as for
    strings", "In designing a proof system, ...") is no definition, and no exercise should be
    keyed to it as one."""
    if m.sentence and _POINTS_ELSEWHERE.search(m.sentence):
        return False  # "..., which is the topic of Chapter 11"; "The other sentences are ..."
    if m.sentence and plainly_defines(m.sentence, m.terms):
        return True
    if m.found_elsewhere:  # the classifier's judgement on a sentence among the passages
        return bool(m.sentence or m.description)
    gloss = " ".join(m.concept.definition.split())
    if not gloss or m.pattern.search(gloss) or _OWN_SUBJECT.match(gloss):
        return False  # '"Syntax" refers to the structure ...' given for syntax error
    return stands_alone(m.description)


def stands_alone(description: str | None) -> bool:
    """Whether a description says what a thing is without the text around it: a few content
    words, not a sentence fragment or one that points at other sentences."""
    if not description or len(content_stems(description)) < MIN_DESCRIPTION_STEMS:
        return False
    if ";" in description or "?" in description or _PARTICIPLE.match(description):
        return False  # two glossary entries run together; "assigned to variables called ..."
    return not (_OPENER.match(description) or _LEANS_ON.search(description)
                or _POINTS_ELSEWHERE.search(description))


def _strip_period(text: str) -> str:
    return text.strip().rstrip(".;: ").strip()


def lower_first(text: str) -> str:
    """``"A list of ..."`` -> ``"a list of ..."``; acronyms (``"CPU ..."``) stay."""
    first = text.split()[0] if text.split() else ""
    if len(first) > 1 and first.isupper():
        return text
    return text[:1].lower() + text[1:]


def as_statement(description: str) -> str:
    """A description as a sentence of its own: capital first letter, final period."""
    return description[:1].upper() + description[1:] + "."


def rank_siblings(concept: Concept, related: Sequence[Concept], terms: list[str]) -> list[Sibling]:
    """Sibling concepts fit to stand beside this one, most similar first."""
    own = {canonical(t) for t in terms}
    candidates: list[Concept] = []
    seen: set[str] = set()
    for other in related:
        key = canonical(other.name)
        if other.id == concept.id or not key or key in seen:
            continue
        names = {key, *(canonical(a) for a in other.aliases)}
        nested = any(f" {k} " in f" {n} " or f" {n} " in f" {k} " for k in own for n in names)
        if nested or any(fuzz.ratio(n, k) >= NEAR_DUPLICATE for k in own for n in names):
            continue
        seen.add(key)
        candidates.append(other)
    if not candidates:
        return []
    similarities = _similarities(concept, candidates)
    siblings = [
        Sibling(c, round(s, 4), describe(c.definition, term_variants(c.name, c.aliases)))
        for c, s in zip(candidates, similarities, strict=True)
        if s < DUPLICATE_SIMILARITY
    ]
    return sorted(siblings, key=lambda s: (-s.similarity, s.concept.name.lower(), s.concept.id))


def _similarities(concept: Concept, others: Sequence[Concept]) -> list[float]:
    from tutor.index.embeddings import concept_gist

    texts = [concept_gist(c.name, c.definition) for c in [concept, *others]]
    try:
        from tutor.index.embeddings import embed

        vectors = embed(texts)  # embed() remembers short texts, so each concept is embedded once
        return [float(v) for v in vectors[1:] @ vectors[0]]
    except (ImportError, OSError, RuntimeError):
        base = content_stems(texts[0])
        return [len(base & content_stems(t)) / max(1, len(base | content_stems(t))) for t in texts[1:]]


_CLAUSE = re.compile(
    r";\s*|,\s*but\s+|\s+(?:where|which|that|whose|so\s+that|such\s+that|in\s+which)\s+", re.I
)


def clauses(text: str) -> list[str]:
    """The parts of a definition: its genus and each qualifying clause, ``"a collection"``,
    ``"where the last item added is the first one removed"``; a clause of fewer than two
    content words joins the part before it."""
    cuts = [0, *(match.start() for match in _CLAUSE.finditer(text)), len(text)]
    parts: list[str] = []
    for begin, end in zip(cuts, cuts[1:], strict=False):
        piece = text[begin:end].strip(" ;,.")
        if parts and (len(content_stems(piece)) < 2 or not content_stems(parts[-1])):
            parts[-1] = f"{parts[-1]} {piece}".strip()
        elif piece:
            parts.append(piece)
    return [p for i, p in enumerate(parts) if len(content_stems(p)) >= 2 - (i == 0)]


_CLAUSE_END = re.compile(r";|,\s+(?:and|but|so|i\.\s?e\.|that\s+is)\b|\s+\(?i\.\s?e\.")


def one_mention(sentence: str, pattern: re.Pattern[str]) -> str | None:
    """The sentence up to the end of the clause that names the term, when it names it again
    later ("A theorem is a sentence derivable without premises; i.e., T is a theorem if
    ..."): one blank to fill. None when the term comes twice within that clause."""
    found = list(pattern.finditer(sentence))
    if len(found) <= 1:
        return sentence
    end = _CLAUSE_END.search(sentence, found[0].end())
    if end is None or end.start() > found[1].start():
        return None
    clause = sentence[: end.start()].rstrip(" ,;")
    return clause + "." if len(clause.split()) >= 5 else None
