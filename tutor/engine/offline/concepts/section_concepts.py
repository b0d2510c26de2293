"""A section devoted to one topic makes the topic a concept.

A manual teaches by sections: "2.2 Vector arithmetic", "7.3.2 Counter mode", "6.3.5 Managing
the search path", "9 Installation". Each explains one topic, though few open with an "X is a
..." sentence, so the defining-sentence map keeps almost none of them. Here every section of
the course (a heading of the outline, of the type or of the numbering, outside front and back
matter) that explains one topic becomes a concept:

- **named by its topic** (:func:`tutor.engine.offline.concepts.section_topics.topic_name`): what the
  heading names, never a bare common word, an example, matter, nor an API entry's heading (a
  function or type's name, which is the reference entries' own concept);
- **defined by the section's opening** (:func:`section_definition`): the first of its first
  sentences that says what the topic is, else the first that speaks of the topic and reads on
  its own (the section's rule: "Vectors can be used in arithmetic expressions, in which case
  the operations are performed element by element."; an opening "It" standing for the topic;
  a plural subject and its verb: "The functions normally return 0 on success ..."), else no
  concept; a chapter in words foreign to the rest of the book (a recipe) is none;
- **cited on the section's first page**, its section the heading, so the link step ties it to
  the concepts its section and its parent section introduce.

A concept the defining sentences already found is not added again (a section "Vectors" and the
concept "vector" are one), nor is a section one of whose heading's terms is such a concept.
Each concept added here records the evidence :data:`SECTION_EVIDENCE`, so a later filter can
tell a concept kept for its devoted section.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.course import Chunk
from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.offline.concepts.guide_books import GUIDE_EVIDENCE, is_guide, prescribes
from tutor.engine.offline.concepts.question_topics import asked_named, is_question, question_answer
from tutor.engine.offline.concepts.section_topics import (
    AUXILIARY,
    NUMBERING,
    adjective_participles,
    common_topic,
    topic_name,
)
from tutor.engine.offline.definitions.descriptions import describes_command, plainly_defines
from tutor.engine.offline.definitions.patterns import heading_terms
from tutor.engine.offline.definitions.self_contained import leans
from tutor.engine.offline.terms import mentions, term_key
from tutor.engine.port import ConceptDraft
from tutor.text import STOPWORDS, content_stems

SECTION_EVIDENCE = "section"
"""The evidence kind of a concept kept because a section is devoted to it."""
OPENING_SENTENCES = 6
"""How many of a section's first sentences may say what its topic is."""
MIN_WORDS = 6
"""A section's statement of its topic has at least this many words."""
SCORE = 2.5
"""The score a section concept gets (a heading's weight and a definition's, in the scale of
:data:`tutor.engine.offline.concepts.extract.WEIGHTS`)."""
TOPIC_SHARE = 0.5
"""A sentence that does not name the topic speaks of it when it has at least this share of
the topic's content words ("Vectors can be used in arithmetic expressions" for "vector
arithmetic")."""
RULE_MIN_WORDS = 8
"""A rule stated by a plural subject and its verb has at least this many words: it says what
holds and when ("The functions normally return 0 on success and ..."), not only where a thing
applies ("The relational operators work on strings.")."""
BOOK_WORDS_SHARE = 0.6
"""A chapter whose text does not define its topic must share at least this share of its
content words with the rest of the book to be a topic (technical chapters of the dev manuals:
.78 and up; a soup recipe: .38)."""
FOREIGN_MIN_WORDS = 30
"""A chapter with fewer distinct content words than this is too short to judge its words."""

_CHAPTER = re.compile(r"^(?:chapter\s+)?\d+\.?\s+\D", re.IGNORECASE)
"""A chapter's heading: its number has no dot inside ("8 Traditional Nettle Soup")."""
_BEFORE_NOUN = frozenset("of in on to for with by from at the a an and or its their these those "
                         "all some many any each".split())
"""Words after which a word ending in -s or -ed is a noun or an adjective, not a verb."""
_CODE_RESIDUE = re.compile(r"^\d+(?:\.\d+)*\s+[A-Z]|^[^\w\u2018\u201c(]|\w_\w|\[[A-Z][a-z]+(?: [a-z]+)?\]|[*{}<>=;]|^[a-z]")
"""Code or a reference entry's residue in a sentence ("void sha256_digest (...) [Function]"),
or a sentence cut from the one before (it opens in lower case)."""
_OPERATOR = re.compile(r"(?<!\S)%[^%\s]{1,4}%(?!\S)")
"""An operator named by its symbol between percent signs ("The operator %*% is used for
matrix multiplication")."""
_EXAMPLE_OPENER = re.compile(
    r"^(?:For example|For instance|E\.g\.|Example|Suppose|Consider|Later|Recall|So|Thus|Hence|Well"
    r"|Also|Now|Again|Similarly|However|But|This|These|That|Those|It|They|Such"
    r"|Conversely|Furthermore|Moreover|Finally|Then|And|Or|Another|Other|There|The same"
    r"|The (?:second|third|fourth|last|latter|former|other|remaining|next)"
    r"|(?:One|Some|Many|Most|All|Each|Both) of (?:them|these|those)"
    r"|(?:Some|Many|Most|Both|Few)\s+(?:\(|are|were|have|can|may|will)|In (?:this|that|the "
    r"latter|the former|addition|particular|such)\b)\b")
"""Openers of a sentence that goes on from the one before or shows an example."""
_PLURAL_SUBJECT = re.compile(
    r"^(?:The|All|Most)\s+(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*[^s\W]s\s+(?:[a-z]+ly\s+)?"
    r"(?P<verb>[a-z]{2,}(?<!s)(?<!ly))\b")
"""A sentence opening on a plural subject and its verb in the base form: "The functions
normally return", "All hash functions have"."""
_DUMMY_IT = re.compile(r"It\s+(?:is|was|would be|will be|can be|may be|seems|turns out|"
                       r"follows|should be noted)\s+(?:not\s+)?(?:\w+ly\s+)?(?:(?!\w+ed\b)\w+\s+)?"
                       r"(?:to|that|for|whether|if)\b|It\s+(?:turns out|seems|appears|follows)\b")
"""An "It" that stands for nothing: "It is possible to ...", "It is not really possible for
...", "It turns out that ..." (not "It is used for ...", which speaks of the topic)."""
_NARRATION = re.compile(r"\b(?:this (?:chapter|book|section|manual|document)|[Ii]n [Ss]ection "
                        r"\d|I|I'll|I'm|we'll|we will|we used|we saw)\b")
"""The author speaking of the book ("The code for this chapter is in linear.py", "In Section
9.5 we used ..."): narration, not what the topic is."""
_SECTIONS_OWN = re.compile(r"^(?:The|All)\s+[\w -]+?\s+(?:in|of) this (?:section|chapter)\b")
"""A subject that is the section's own things ("The hash functions in this section all have
some known weaknesses"): the sentence speaks of them, not of the book."""
_ADDRESSED = re.compile(r"\b(?:you|your|we|our|us)\b", re.IGNORECASE)
"""A sentence that speaks to the reader ("If you take time to validate the data, ...") tells
what to do on the way, not what the topic is or what rule holds: only a sentence that defines
the topic may do so."""
_POINTS_ON = re.compile(r"\b(?:the following|as follows|below|(?<!for )examples?)\b|^See\b",
                        re.IGNORECASE)
"""A sentence that points at what comes next or elsewhere ("See Section ..."), or presents an
example, says not what the topic is; one that gives an example on the way ("..., for example as plot labels") may."""
_AUTHORS = re.compile(r"\b(?:we|our|us|I)\b")
_QUALIFIED = re.compile(r" (?:of|for|as|in|with|within|from|on) ")
"""Where a name's head ends and its qualifier begins ("tuple as return value")."""


def add_section_concepts(drafts: list[ConceptDraft], sentences: Sequence[Sentence],
                         chunks: Sequence[Chunk]) -> list[ConceptDraft]:
    """The drafts with a concept added for each section devoted to a topic they lack, in
    reading order of introduction."""
    known = {term_key(n) for d in drafts for n in (d.name, *d.aliases)} - {""}
    introduced: dict[str, set[str]] = {}
    for draft in drafts:
        introduced.setdefault(draft.section, set()).update(content_stems(draft.name))
    added: list[ConceptDraft] = []
    adjectives = adjective_participles(sentences)
    vocabulary: dict[str, set[str]] = {}
    guide = is_guide(sentences)
    words = frozenset(w for s in sentences for w in re.findall(r"[a-z]+", s.text.lower()))
    for heading, opening in _sections(sentences):
        asked = is_question(heading)  # "How do I convert factors to numeric?"
        named = asked_named(heading) if asked else topic_name(heading, adjectives, words)
        common = common_topic(heading) if named is None and not asked else None
        if named is None and common is None:
            continue
        name, aliases = named or (str(common), [])
        if introduced.get(heading, set()) & set(content_stems(name)):
            continue  # the section introduces a concept of its topic ("List slices": slice)
        keys = {term_key(n) for n in (name, *aliases, *heading_terms(heading))} - {""}
        keys |= {_QUALIFIED.split(key)[0] for key in keys}  # "outer product of two arrays"
        # is the outer product, "tuples as return values" tuples
        if asked:  # a question's words are no term: its siblings' cut keys ("how can add" of
            keys = {term_key(n) for n in (name, *aliases)} - {""}  # "How can add-on ...")
        if keys & known or _api_entry(name, opening, chunks):
            continue
        terms = [name, *aliases, *_acronyms(name, opening)]
        found = question_answer(opening, name, heading, chunks) if asked else None
        found = found or section_definition(opening, terms, heading, _parts_of(name), known,
                                            it_is_topic=not asked)
        described = found is None and guide and not asked and not common
        found = found or (guide_description(opening, heading) if described else None)
        if found is None:
            continue
        first, text, points = found
        if common and not (plainly_defines(text, terms) or describes_command(text, terms)):
            continue  # a common word ("Lists") is a topic only where the section defines it
        if not _technical(heading, text, terms, chunks, vocabulary):
            continue  # a joke or an aside ("Traditional Nettle Soup"): no term of the map
        aliases += [a for a in (*_acronyms(name, opening), *_abbreviations(text, name))
                    if a not in aliases]
        chunk = chunks[opening[0].chunk]
        known |= keys
        added.append(ConceptDraft(
            name=name, definition=text, aliases=aliases,
            citations=[chunk.citation(), *([chunks[first.chunk].citation()]
                                           if chunks[first.chunk].page != chunk.page else [])],
            first_order=chunk.order, section=heading, score=SCORE,
            evidence=["heading", SECTION_EVIDENCE, *([GUIDE_EVIDENCE] if described else [])],
            key_points=points))
    result = [*drafts, *added]
    result.sort(key=lambda d: (d.first_order, -d.score))
    return result


def section_definition(opening: Sequence[Sentence], terms: list[str], heading: str,
                       parts: Sequence[str] = (), known: set[str] | frozenset[str] = frozenset(),
                       it_is_topic: bool = True) -> tuple[Sentence, str, list[str]] | None:
    """The sentence of a section's opening that says what its topic is or what its rule is,
    with its text and the key points that follow; None when no opening sentence reads as
    one (code, a list, a sentence leaning on the text before it). A topic joining several
    (``parts``: "compression", "archive") may be spoken of under any of them; a task on a
    concept the map has (``known`` keys: "comparing cards") only with its action. An opening
    "It" stands for the topic unless ``it_is_topic`` is false (after a question, "It may happen
    that ..." is the answer's own subject)."""
    readable = [(s, _without_heading(s.text, heading)) for s in opening]
    if readable and terms and it_is_topic:
        readable[0] = (readable[0][0], _naming_it(readable[0][1], terms[0]))
    readable = [(s, t) for s, t in readable if reads_alone(t, terms)]
    if not readable:
        return None
    chosen = next(((s, t) for s, t in readable if plainly_defines(t, terms)
                   or describes_command(t, terms)), None)
    chosen = chosen or next(((s, t) for s, t in readable if not _ADDRESSED.search(t) and (
        mentions(t, terms) or _speaks_of(set(content_stems(t)), [*terms, *parts], known))),
                   None)
    chosen = chosen or next(((s, t) for s, t in readable[:1] if s is opening[0]
                             and (_states_rule(t, [*terms, *parts])
                                  or _prescribes(t, [*terms, *parts]))), None)
    if chosen is None:
        return None
    sentence, text = chosen
    points = [text, *(t for s, t in readable if s is not sentence)][:4]
    return sentence, text, points


def _prescribes(text: str, terms: Sequence[str]) -> bool:
    """Whether a section's first sentence is the rule it prescribes on its topic ("Every
    program should start with a comment saying briefly what it is for." under "Commenting your
    work"; "Try to make library functions reentrant." under "Library behavior"): a modal of
    obligation or an instruction, at least :data:`RULE_MIN_WORDS` words, sharing a word with
    the topic."""
    if (not prescribes(text) or _AUTHORS.search(text)
            or len(text.split()) < RULE_MIN_WORDS):
        return False  # "..., but we add it when we need to ...": the authors' steps
    stems = set(content_stems(text))
    return any(set(content_stems(term)) & stems for term in terms)


def guide_description(opening: Sequence[Sentence], heading: str
                      ) -> tuple[Sentence, str, list[str]] | None:
    """A guide's section described by its opening: its first sentence that reads on its own
    (not the authors' narration, "we add it when we need to ...", a pointer or code), with the
    next ones as key points. The practice a guide's section teaches ("Distribution patches") is
    rarely said to *be* anything; the opening says what the reader does and why ("If the
    program is large, it is useful to make a set of diffs for each release.")."""
    readable = [(s, _without_heading(s.text, heading)) for s in opening]
    readable = [(s, t) for s, t in readable if reads_alone(t) and not _AUTHORS.search(t)]
    if not readable:
        return None
    sentence, text = readable[0]
    return sentence, text, [t for _, t in readable][:4]


def _states_rule(text: str, terms: Sequence[str]) -> bool:
    """Whether a section's first sentence states what holds of the things its topic is about:
    a plural subject and its verb ("The functions normally return 0 on success" under "Return
    values"), sharing a word with the topic."""
    subject = _PLURAL_SUBJECT.match(text)
    if subject is None or subject.group("verb").lower() in STOPWORDS - AUXILIARY:
        return False
    if len(text.split()) < RULE_MIN_WORDS:
        return False  # "The relational operators work on strings.": where, not what holds
    stems = set(content_stems(text))
    return any(set(content_stems(term)) & stems for term in terms)


def _naming_it(text: str, name: str) -> str:
    """A section's first sentence with an opening "It" said as the topic it stands for: right
    after the heading, "It" can only be the heading's topic ("It outputs hash values of 256
    bits" under "SHA3-256"). An "It" that stands for nothing ("It is possible to ...", "It
    turns out that ...") stays, and the sentence is refused as leaning on another."""
    if not re.match(r"It\s", text) or _DUMMY_IT.match(text):
        return text
    return name[:1].upper() + name[1:] + text[2:] if name[:1].islower() else name + text[2:]


def _parts_of(name: str) -> list[str]:
    """The topics a name joins ("compression and archive" -> "compression", "archive"), each
    a name the section may speak of."""
    parts = [p.strip() for p in re.split(r"\s+and\s+", name)]
    return [p for p in parts if len(parts) > 1 and p and p.lower() not in STOPWORDS]


def _acronyms(name: str, opening: Sequence[Sentence]) -> list[str]:
    """The name's initials when the section's opening writes them as a word ("CBC" for
    "cipher block chaining", "CTR" not for "counter mode")."""
    words = re.findall(r"[A-Za-z]+", name)
    if len(words) < 2:
        return []
    letters = "".join(w[0] for w in words).upper()
    found = any(re.search(rf"\b{letters}\b", s.text) for s in opening)
    return [letters] if found else []


def _technical(heading: str, text: str, terms: list[str], chunks: Sequence[Chunk],
               vocabulary: dict[str, set[str]]) -> bool:
    """Whether a section speaks the book's language: it is below a chapter, or its chosen
    sentence says what its topic is, or its chapter's first page is short or uses mostly words
    the rest of the book uses too. A chapter whose words are foreign to the book (a recipe for
    the soup the library is named after: butter, flour, stock) is no topic to teach.
    ``vocabulary``: each section's content words, filled as needed."""
    if not _CHAPTER.match(heading) or plainly_defines(text, terms):
        return True
    if not vocabulary:
        for chunk in chunks:
            vocabulary.setdefault(chunk.heading or "", set()).update(content_stems(chunk.text))
    own = vocabulary.get(heading, set())
    if len(own) < FOREIGN_MIN_WORDS:
        return True
    elsewhere = set().union(*(words for h, words in vocabulary.items() if h != heading))
    return len(own & elsewhere) >= BOOK_WORDS_SHARE * len(own)


def _speaks_of(stems: set[str], terms: list[str],
               known: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether a sentence's content words speak of the topic under one of its names: the
    name's head word ("sequence" of "regular sequence") and at least :data:`TOPIC_SHARE` of
    its words, a task's verb aside ("attribute" of "getting and setting attributes"). A task
    on one thing the map already has (``known`` keys: "comparing cards" beside "card") is
    spoken of only with its action: a sentence on the thing alone ("The correct ordering for
    cards is ...") is about the thing."""
    for term in terms:
        words = term.split()
        if (len(words) == 2 and words[0].lower().endswith("ing") and term_key(words[1]) in known
                and not set(content_stems(words[0])) & stems):
            continue
        while len(words) > 1 and (words[0].lower().endswith("ing") or words[0] in ("and", "or")):
            words = words[1:]
        topic = content_stems(" ".join(words))
        if (topic and topic[-1] in stems
                and len(set(topic) & stems) >= TOPIC_SHARE * len(set(topic))):
            return True
    return False


def _abbreviations(text: str, name: str) -> list[str]:
    """The abbreviation the sentence gives the name in parentheses ("Counter mode (CTR) uses
    ...", "XEX-based tweaked-codebook mode with ciphertext stealing (XTS) is ...")."""
    found = re.search(re.escape(name) + r"\s+\(([A-Z][A-Z0-9-]{1,7})\)", text, re.IGNORECASE)
    return [found.group(1)] if found else []


def reads_alone(text: str, terms: Sequence[str] = ()) -> bool:
    """A sentence of prose that reads on its own: words (digits count: "SHA256 is ..."), no
    code or reference-entry residue, no pointing back at the text before it. A sentence may
    open on one of the topic's ``terms`` as code writes it ("asn1Parser reads ...")."""
    text = _OPERATOR.sub("op", text)  # an operator's name is a word of the sentence
    opening = next((t for t in terms if t[:1].islower() and text.startswith(f"{t} ")), "")
    if opening:
        text = "Name" + text[len(opening):]  # the name, which code writes in lower case
    chars = [c for c in text if not c.isspace()]
    wordy = sum(c.isalnum() for c in chars) >= 0.85 * max(1, len(chars))
    return (len(text.split()) >= MIN_WORDS and text[-1:] in ".!" and wordy
            and _says_something(text) and not _EXAMPLE_OPENER.match(text)
            and not _POINTS_ON.search(text)
            and not _NARRATION.search(_SECTIONS_OWN.sub("", text))
            and not _CODE_RESIDUE.search(text)
            and not leans(text) and not text.rstrip(".").endswith(":"))


def _says_something(text: str) -> bool:
    """Whether the sentence has a verb: a reference entry's gloss ("The internal block size of
    SHA256, in octets.") has none. A word ending in -s or -ed counts as one unless it follows
    a preposition, an article or a number ("in octets")."""
    if _PLURAL_SUBJECT.match(text):
        return True  # "The functions normally return 0 ...": the verb in its base form
    words = re.findall(r"[A-Za-z0-9]+", text)
    for before, word in zip(["", *words], words, strict=False):
        if word.lower() in AUXILIARY:
            return True
        if (re.fullmatch(r"[a-z]{2,}(?:s|ed)", word) and not word.endswith("ss")
                and before.lower() not in _BEFORE_NOUN and not before.isdigit()):
            return True
    return False


def _without_heading(text: str, heading: str) -> str:
    """The sentence without the heading the page ran into it ("2.2 Vector arithmetic Vectors
    can be used ..." -> "Vectors can be used ...")."""
    for prefix in (heading.strip(), NUMBERING.sub("", heading.strip())):
        rest = text[len(prefix) + 1:].strip()
        if prefix and text.startswith(prefix + " ") and rest[:1].isupper():
            return rest
    return text


def _api_entry(name: str, opening: Sequence[Sentence], chunks: Sequence[Chunk]) -> bool:
    """A heading that is the name of a function, type or macro the section documents
    ("idn2 to ascii 8z" over ``idn2_to_ascii_8z``): an API reference entry, not a topic."""
    words = name.lower().split()
    if len(words) < 2:
        return False
    underscored = "_".join(words)
    return any(underscored in chunks[s.chunk].text.lower() for s in opening[:2])


def _sections(sentences: Sequence[Sentence]) -> list[tuple[str, list[Sentence]]]:
    """Each section's heading and its first :data:`OPENING_SENTENCES` sentences, in reading
    order (a heading met again later, such as a running title, keeps its first place)."""
    opening: dict[str, list[Sentence]] = {}
    for sentence in sentences:
        if not sentence.section:
            continue
        found = opening.setdefault(sentence.section, [])
        if len(found) < OPENING_SENTENCES and (not found or sentence.chunk - found[-1].chunk <= 2):
            found.append(sentence)
    return list(opening.items())
