"""Terms a prose book introduces in running text and explains where it introduces them.

An essay or a narrative tutorial rarely writes "X is a ..." and seldom sets a term in bold;
it introduces its ideas in the flow of a paragraph: "The structure is formed by the concept of
music expressions: ...", "... built around the notion of graphical objects, described by ...",
"... handled by a separate module, a so-called plug-in.", "... a score in 'ugly points'", or
defines a term once in a short section and never again ("Common music notation is a system of
recording music that has evolved over the past 1000 years."). The defining-sentence map keeps
a term used in one passage only when it is emphasised, so such ideas are lost.

Only a book written in prose gets this pass (:func:`defines_little`: few of its sentences
define anything); a textbook names its terms by defining them. There a term is kept when the
text marks it as one (:func:`introductions`: an introducing phrase,
a naming in quotes, or a plain definition of a name of several words) **and** explains it
there: the term comes back in another sentence of the same section or of the passages around
(:data:`NEAR_PASSAGES`), or the introducing sentence goes on to explain it ("the concept of
music expressions: by combining ..."). Precision matters more than recall, so a term of one word must be
hyphenated or uncommon in general English (:data:`COMMON_ZIPF`: "the notion of time" gives no
concept), a quoted term must have several words, and the concept needs a sentence that reads
on its own: the introducing one, else a nearby sentence that opens on the term or defines it.
Each concept added records the evidence :data:`INTRODUCED_EVIDENCE`; whether its sentence
defines it or only describes it is judged later with every other concept's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tutor.course import Chunk
from tutor.engine.offline.concepts.candidates import GENERIC_ZIPF, Sentence
from tutor.engine.offline.concepts.guide_books import is_instruction
from tutor.engine.offline.concepts.section_concepts import reads_alone
from tutor.engine.offline.definitions.descriptions import plainly_defines
from tutor.engine.offline.definitions.patterns import definitions_in
from tutor.engine.offline.terms import is_junk_term, mentions_key, term_key
from tutor.engine.port import ConceptDraft
from tutor.text import STOPWORDS, general_zipf, singular

INTRODUCED_EVIDENCE = "introduced"
"""The evidence kind of a concept kept because the running text introduces and explains it."""
NEAR_PASSAGES = 3
"""An introduced term is explained when it comes back in its section or within this many
passages after the one introducing it."""
COMMON_ZIPF = 4.0
"""A term of one word at least this common in general English ("time", "structure") is an
everyday word, not a term the book introduces."""
MAX_WORDS = 3
"""An introduced term has at most this many words; a longer run is a clause."""
DEFINITION_STRENGTH = 3.0
"""A plain definition of a name of several words this strong marks a term by itself."""
PROSE_DEFINITIONS = 0.015
"""A book is written in prose rather than by definitions when fewer than this share of its
sentences plainly define a term (an essay on engraving .005, GNU Maintainers .005, GNU Coding
Standards .008; the shared textbooks .028 to .048). Only such a book gets this pass: a
textbook names its terms by defining them, and what it names in passing is an example's word
("The deuce of clubs is a black card")."""
SCORE = 2.0
"""The score a concept added here gets (below a section's, in the scale of
:data:`tutor.engine.offline.concepts.extract.WEIGHTS`)."""

_QUOTE_OPEN = "\u2018\u201c'\""
_QUOTE_CLOSE = "\u2019\u201d'\""
_WORDS = r"[A-Za-z][\w-]*(?: [A-Za-z][\w-]*){0,5}"
_INTRODUCING = re.compile(
    r"\b(?:the (?:concept|notion|idea|principle) of|so-called|(?:known|referred to) as)\s+"
    rf"(?:an? |the )?[{_QUOTE_OPEN}]?(?P<term>{_WORDS})", re.IGNORECASE)
"""An introducing phrase and the words after it: "the concept of music expressions", "the
notion of graphical objects", "a so-called plug-in", "what is known as a lead sheet"."""
_QUOTED = re.compile(rf"(?:^|(?<=[\s(]))[{_QUOTE_OPEN}](?P<term>[a-z][\w-]*(?: [a-z][\w-]*)"
                     rf"{{1,{MAX_WORDS - 1}}})[{_QUOTE_CLOSE}](?!\w)")
"""A name of several words in lower case set in quotes: "a score in 'ugly points'"."""
_NAMED_QUOTED = re.compile(rf"\bcalled\s+[{_QUOTE_OPEN}](?P<term>[A-Za-z][\w-]*(?: [A-Za-z]"
                           rf"[\w-]*){{0,{MAX_WORDS - 1}}})[{_QUOTE_CLOSE}]")
"""A naming in quotes: "go into a group called 'Voice context'"."""

_GOES_ON = re.compile(r"[\u2019\u201d'\"]?(?::\s|,\s+(?:which|described|defined|where|whose)\b|\s+\()")
"""What follows a term the sentence goes on to explain: a colon, ", which ...", ", described
by ...", a parenthesis."""

_CROSS_REFERENCE = re.compile(r"\bsee (?:Section|Chapter)\b|\[[A-Z][^]]*\]", re.IGNORECASE)
"""A pointer to another part of the book ("see Section 12.6.7 [FTP Upload ...]"): a list
item's gloss, not a sentence that explains."""

_QUOTED_NOUN = re.compile(r"(?:^|\b(?:an?|the|of|in|for|as|by|to|with|terms?|called|named))\s*$",
                          re.IGNORECASE)
"""What a quoted name follows where the prose names a thing: an article, a preposition, "the
term" ("a score in 'ugly points'", "An "image point" is ..."); after a verb or "and" the
quotes hold a command line ("invoke "set monochrome"", "between '#' and 'pragma omp'")."""
_SUBJECT = re.compile(
    r"^(?:[A-Z][^,]{2,40}, (?:an?|each|every)|An?|Each|Every) (?P<term>[a-z][\w-]*(?: [a-z][\w-]*){0,2}) "
    r"(?:is|are|defines|represents|describes|consists|contains|specifies|determines|denotes|"
    r"refers)\b")
"""A sentence that opens on a term as its subject after an indefinite article, saying what it
is or does: "A node is created when its name first appears in the file.", "Within a main
graph, a subgraph defines a subset of nodes and edges." A tutorial introduces its basic
objects so, never writing "X is a ..."."""
SUBJECT_PASSAGES = 3
SUBJECT_SHARE = 0.1
"""A term introduced only as a sentence's subject must come back in at least
:data:`SUBJECT_PASSAGES` passages and this share of the book's passages: a basic object the
tutorial works with (the dot guide's "node" .62, "edge" .48, "subgraph" .12), not a phrase of
one paragraph ("A common problem is that ...") nor a word a reference uses now and then
(DocBook XSL's "object" .045, "extension" .061; AMC's "csv file" .024). A single word must
also be rarer in general English than :data:`GENERIC_ZIPF` ("Each line is ...": Gri's "line"
.24, "name" .15)."""
SUBJECT_FIRST = 5
"""The sentence must introduce the term where the book begins to use it, among the first this
many passages that mention it ("A node is created when its name first appears in the file.":
the dot guide's node, edge and subgraph at the 4th, 4th and 1st), not say something of it deep
in a reference (Libgcrypt's "An error is returned for modes which ..." at the 44th, "... every
function is thread-safe" at the 11th; Autoconf's "Each argument is quoted ..." at the 104th)."""
_LINKED = re.compile(r"\b(?:and|or|of|that|this|which)\b")
"""Words that make a subject a phrase rather than a name ("node or edge", "list of layers")."""
_ADDRESSED = re.compile(r"\b(?:you|your)\b", re.IGNORECASE)
"""A sentence speaking to the reader: advice on the way, not what the term is."""


@dataclass(frozen=True)
class Introduction:
    """Where the running text introduces a term: the term and the sentence's position."""

    term: str
    position: int
    defined: bool
    """Whether the sentence is a plain definition of the term."""
    quoted: bool = False
    """Whether only quotes mark the term ("a score in 'ugly points'")."""
    subject: bool = False
    """Whether only the sentence's opening marks the term (:data:`_SUBJECT`)."""
    explained_at_once: bool = False
    """Whether the sentence goes on to explain the term right after naming it ("the concept
    of music expressions: by combining small fragments ...")."""


def introductions(sentences: Sequence[Sentence]) -> list[Introduction]:
    """The terms the sentences introduce, in reading order: after an introducing phrase
    ("the notion of graphical objects"), named in quotes ("a group called 'Voice context'",
    "'ugly points'"), or plainly defined under a name of several words ("Common music
    notation is a system of ...")."""
    found: list[Introduction] = []
    for position, sentence in enumerate(sentences):
        text = sentence.text
        for match in _INTRODUCING.finditer(text):
            term = _cut(match.group("term"))
            if term:
                after = text[match.start("term") + len(term):]
                found.append(Introduction(term, position, False,
                                          explained_at_once=bool(_GOES_ON.match(after))))
        found += [Introduction(m.group("term"), position, False)
                  for m in _NAMED_QUOTED.finditer(text)]
        subject = _SUBJECT.match(text)
        if subject and not _LINKED.search(subject.group("term")):
            found.append(Introduction(subject.group("term"), position, False, subject=True))
        found += [Introduction(m.group("term"), position, False, quoted=True)
                  for m in _QUOTED.finditer(text)
                  if _named_whole(text[m.end():]) and _QUOTED_NOUN.search(text[:m.start()])]
        found += [Introduction(d.term, position, True)
                  for d in definitions_in(text, sentence.chunk, position)
                  if d.strength >= DEFINITION_STRENGTH and 1 < len(d.term.split()) <= MAX_WORDS
                  and plainly_defines(text, [d.term])]
    return found


def _named_whole(after: str) -> bool:
    """Whether the quotes hold a whole name, not a modifier of the next word: "a score in
    'ugly points'." does, "the 'tall page' image" does not (the image is what is spoken of)."""
    word = re.match(r"\s*([A-Za-z][\w-]*)", after)
    return word is None or not after[:1].isspace() or word.group(1).lower() in STOPWORDS


def _cut(words: str) -> str:
    """The name at the head of the words after an introducing phrase: up to the first small
    word ("music expressions" of "music expressions by combining ..."); nothing when the run is
    longer than :data:`MAX_WORDS` (a clause, not a name)."""
    kept: list[str] = []
    for word in words.split():
        if word.lower() in STOPWORDS:
            break
        kept.append(word)
    return " ".join(kept) if len(kept) <= MAX_WORDS else ""


def defines_little(sentences: Sequence[Sentence]) -> bool:
    """Whether a book is written in prose, not by definitions: fewer than
    :data:`PROSE_DEFINITIONS` of its sentences define a term by a strong pattern."""
    defining = sum(1 for position, s in enumerate(sentences)
                   if any(d.strength >= DEFINITION_STRENGTH
                          for d in definitions_in(s.text, s.chunk, position)))
    return bool(sentences) and defining < PROSE_DEFINITIONS * len(sentences)


def is_term(name: str) -> bool:
    """Whether a name can be a term the book introduces: no junk shape, and a single word
    hyphenated or uncommon in general English ("plug-in", not "time")."""
    if is_junk_term(name, MAX_WORDS):
        return False
    words = name.split()
    return len(words) > 1 or "-" in name or general_zipf(name.lower()) < COMMON_ZIPF


def add_introduced_terms(drafts: list[ConceptDraft], sentences: Sequence[Sentence],
                         chunks: Sequence[Chunk]) -> list[ConceptDraft]:
    """The drafts with a concept added for each term the running text introduces and
    explains that they lack, in reading order of introduction."""
    if not defines_little(sentences):
        return drafts
    known = {term_key(n) for d in drafts for n in (d.name, *d.aliases)} - {""}
    added: list[ConceptDraft] = []
    for found in introductions(sentences):
        name = _name(found.term)
        key = term_key(name)
        if not key or key in known or not (
                _basic_object(key, sentences[found.position].chunk, chunks) if found.subject
                else is_term(name)):
            continue
        explained = _explaining(found, key, name, sentences)
        if explained is None:
            continue
        sentence, text, points = explained
        chunk = chunks[sentences[found.position].chunk]
        known.add(key)
        added.append(ConceptDraft(
            name=name, definition=text, citations=[chunks[sentence.chunk].citation()]
            + ([chunk.citation()] if chunk.page != chunks[sentence.chunk].page else []),
            first_order=chunk.order, section=sentences[found.position].section, score=SCORE,
            evidence=[INTRODUCED_EVIDENCE, *(["definition"] if found.defined else [])],
            key_points=points))
    result = [*drafts, *added]
    result.sort(key=lambda d: (d.first_order, -d.score))
    return result


def _basic_object(key: str, introducing: int, chunks: Sequence[Chunk]) -> bool:
    """Whether a term of a sentence's subject is a basic object of the book: no junk, no
    everyday word, introduced by that sentence among the first :data:`SUBJECT_FIRST` passages
    that use it, and coming back in enough of the book's passages (:data:`SUBJECT_SHARE`)."""
    if is_junk_term(key, MAX_WORDS) or (" " not in key and general_zipf(key) >= GENERIC_ZIPF):
        return False
    using = [i for i, chunk in enumerate(chunks) if mentions_key(chunk.text, key)]
    return (introducing in using[:SUBJECT_FIRST]
            and len(using) >= max(SUBJECT_PASSAGES, SUBJECT_SHARE * len(chunks)))


def _name(term: str) -> str:
    """The concept's name: its head noun singular when that is an English word ("graphical
    objects" -> "graphical object"), and in lower case when only sentence case capitalised it
    ("Common music notation" -> "common music notation")."""
    words = term.split()
    if (len(words) > 1 and words[0][:1].isupper() and words[0][1:].islower()
            and all(w.islower() for w in words[1:]) and general_zipf(words[0].lower()) > 0):
        words[0] = words[0].lower()
    head = words[-1]
    one = singular(head)
    if head.islower() and one != head and general_zipf(one) > 0:
        words[-1] = one
    return " ".join(words)


def _explains(text: str, terms: list[str]) -> bool:
    """Whether a sentence can explain a term: it reads on its own, points nowhere else, and,
    unless it plainly defines the term, neither speaks to the reader nor tells what to do
    ("If you don't know what "font encoding" is about, ignore this command!", "Note that the
    term ... may also be used ...", "Type 'make install' to install ...")."""
    if not reads_alone(text, terms) or _CROSS_REFERENCE.search(text):
        return False
    return plainly_defines(text, terms) or not (
        _ADDRESSED.search(text) or text.startswith("Note") or is_instruction(text))


def _opens_on(text: str, key: str) -> bool:
    """Whether a sentence opens on the term, perhaps after an article ("The Score context is
    the top level notation context.")."""
    words = re.sub(r"^(?:The|A|An)\s+", "", text).split()
    size = len(key.split())
    return term_key(" ".join(words[:size])) == key


def _explaining(found: Introduction, key: str, name: str, sentences: Sequence[Sentence]
                ) -> tuple[Sentence, str, list[str]] | None:
    """The sentence that explains an introduced term, with key points; None when the term
    does not come back near its introduction (named in passing) or no sentence about it reads
    on its own."""
    introducing = sentences[found.position]
    near = [s for s in sentences if s is not introducing
            and abs(s.chunk - introducing.chunk) <= 2 * NEAR_PASSAGES
            and (s.section == introducing.section
                 or abs(s.chunk - introducing.chunk) <= NEAR_PASSAGES)]
    again = [s for s in near if mentions_key(_QUOTED.sub(" ", s.text) if found.quoted
                                             else s.text, key)]
    # a term only quoted must come back in plain words: quotes around it again and again are
    # code ('make install'), not a name the prose takes up
    if not again and not found.explained_at_once:
        return None  # named in passing: nothing more is said of it
    terms = [name]
    if _explains(introducing.text, terms):
        chosen: Sentence | None = introducing
    else:
        chosen = next((s for s in again if _explains(s.text, terms) and (
            plainly_defines(s.text, terms) or _opens_on(s.text, key))), None)
    if chosen is None:
        return None
    points = [chosen.text, *(s.text for s in again if s is not chosen
                             and reads_alone(s.text, terms))][:4]
    return chosen, chosen.text, points
