"""Concept candidates: the evidence gathered for a term, and the rules that keep one.

A term becomes a concept because the book defines or explains it: a defining sentence (see
:mod:`tutor.engine.offline.definitions.defining`), a glossary entry, a section devoted to it, or the term
set in emphasis where it is introduced. Keyphrase statistics only support. In a book a concept
is also used again after it is introduced; a word that mostly modifies longer concept names, a
proper name and a common English word need the book to mark them.

The sentences candidates are weighed on come from :func:`read_sentences`: the prose of each
passage, under the heading it belongs to (numbered headings in the text count too).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from tutor.course import Chunk
from tutor.engine.offline.definitions.patterns import Definition
from tutor.engine.offline.terms import COMMON_VERBS, DETERMINERS, DOTTED_NAME, key_tokens
from tutor.sentences import prose_blocks, split_sentences
from tutor.text import general_zipf, normalize, singular

EMPHASIS_COUNTS = True
"""Whether a term set in emphasis where it is introduced counts as explained."""
EMPHASIS_PASSAGES = 2
"""A term emphasised in at most this many passages, among its first mentions, is taken as
introduced there."""
EXPLAINED = frozenset({"glossary", "heading"})
"""A candidate is kept only when the book defines or explains it: a defining sentence (see
:mod:`tutor.engine.offline.definitions.defining`), a glossary entry or a section devoted to it. Emphasis and
keyphrase statistics alone only support."""


@dataclass
class Sentence:
    """A prose sentence of the course, where it is and under which heading."""

    text: str
    chunk: int
    """Index of the chunk in the input."""
    block: int
    """Index of the paragraph within the chunk."""
    section: str


@dataclass
class TermCandidate:
    """Everything found about one term (by its key) before it is kept or not."""

    key: str
    surfaces: Counter[str] = field(default_factory=Counter)
    evidence: set[str] = field(default_factory=set)
    definitions: list[Definition] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    emphasized_in: set[int] = field(default_factory=set)
    """Chunks that set the term in bold or italics."""
    first_signal: int = 1 << 30
    """Chunk index of the first definition/emphasis/heading signal."""
    keyphrase: float = 0.0


_NUMBERED_HEADING = re.compile(r"^(?:\d+|[A-Z])(?:\.\d+)+\s+([A-Z][A-Za-z ,'\-]{2,60})$")
_PLAIN_NUMBERED_HEADING = re.compile(r"^\d{1,2}\.?\s+([A-Z][A-Za-z ,'\-]{2,60}?)\.?$")
"""A heading numbered without dots ("10. Working with files.", "3 Loops"), trusted only as a
paragraph of its own."""

def read_sentences(chunks: Sequence[Chunk]) -> tuple[list[Sentence], list[list[str]]]:
    """Prose sentences of every chunk with their section, and the headings met per chunk.
    Numbered headings in the text ("2.3 Local variables") count when a chunk has no heading."""
    out: list[Sentence] = []
    headings: list[list[str]] = []
    section = ""
    for index, chunk in enumerate(chunks):
        found: list[str] = []
        if chunk.heading:
            section = chunk.heading
            found.append(chunk.heading)
        parts: list[tuple[str, list[str]]] = [(section, [])]
        heading_line = normalize(chunk.heading).strip()
        lines_of_chunk = normalize(chunk.text).split("\n")
        for number, line in enumerate(lines_of_chunk):
            match = _NUMBERED_HEADING.match(line.strip()) or _own_paragraph_heading(
                lines_of_chunk, number)
            if match and not chunk.heading:
                section = match.group(1).strip()
                found.append(section)
                parts.append((section, []))
            elif match or (heading_line and line.strip() == heading_line):
                parts.append((section, []))  # the heading line itself is not prose
            else:
                parts[-1][1].append(line)
        block = 0
        for part_section, lines in parts:
            for block_text in prose_blocks("\n".join(lines)):
                for sentence in split_sentences(block_text):
                    out.append(Sentence(sentence, index, block, part_section))
                block += 1
        # A chunk full of numbered headings is a table of contents, not a section start.
        headings.append(found if len(found) < 5 else [])
    opening = {i for i, c in enumerate(chunks)
               if c.heading and normalize(c.text).lstrip().startswith(normalize(c.heading).strip())}
    return _join_across_breaks(out, opening), headings


def _join_across_breaks(sentences: list[Sentence], opening: set[int]) -> list[Sentence]:
    """A sentence cut by a page break (no closing punctuation, the next passage going on in
    lower case) is joined with its end; it stays where it starts, so it cites that page. A
    heading between the two (a passage in ``opening`` starts with its heading) ends the first:
    the next section's opening is no continuation, though it opens on a name code writes in
    lower case ("asn1Coding generates ...")."""
    out: list[Sentence] = []
    for sentence in sentences:
        last = out[-1] if out else None
        if (last is not None and sentence.chunk == last.chunk + 1
                and sentence.chunk not in opening
                and last.text[-1:] not in ".!?:\"')" and sentence.text[:1].islower()):
            last.text = f"{last.text} {sentence.text}"
            continue
        out.append(sentence)
    return out


def _own_paragraph_heading(lines: list[str], number: int) -> re.Match[str] | None:
    """A short numbered line standing alone between blank lines (or the passage's edges)."""
    line = lines[number].strip()
    alone = ((number == 0 or not lines[number - 1].strip())
             and (number + 1 == len(lines) or not lines[number + 1].strip()))
    if not alone or len(line.split()) > 9:
        return None
    return _PLAIN_NUMBERED_HEADING.match(line)


MODIFIER_SHARE = 0.6
"""A single word whose mentions are mostly inside longer concept names it starts is their
modifier ("inductive" in "inductive argument"), not a concept of its own; a dotted name
("ASN.1" in "ASN.1 syntax") is a name, never such a modifier."""


def modifiers(drafts: Sequence[tuple[float, TermCandidate, dict[int, int]]]) -> set[str]:
    total = {cand.key: sum(mentions.values()) for _, cand, mentions in drafts}
    inside: Counter[str] = Counter()
    for key, count in total.items():
        words = key.split()
        if len(words) > 1 and words[0] in total:
            inside[words[0]] += count
    return {w for w, n in inside.items() if n >= MODIFIER_SHARE * max(1, total[w])
            and not DOTTED_NAME.fullmatch(w.upper())}  # "ASN.1 syntax": a name, no adjective


NAME_PART_SHARE = 0.75
"""A single word whose mentions mostly stand next to the same word is part of a longer name
("ordinary" in "ordinary least squares", "exclusive" in "exclusive or"), not a concept of its
own, unless the book's structure names it."""
NAME_PART_MENTIONS = 3
"""Mentions a word needs before its neighbours tell anything."""
_GLUE = frozenset("of and in on to for with by from between as at that which is are was were "
                  "be".split())
"""Words that join a noun to its sentence, not to a longer name ("the relation between")."""


def name_parts(sentences: Sequence[Sentence], keys: Sequence[str]) -> set[str]:
    """The single-word keys that the course mostly uses inside one longer name (see
    :data:`NAME_PART_SHARE`)."""
    singles = {key for key in keys if " " not in key}
    total: Counter[str] = Counter()
    beside: dict[str, Counter[tuple[int, str]]] = {}
    for sentence in sentences:
        tokens = key_tokens(sentence.text)
        for index, token in enumerate(tokens):
            if token not in singles:
                continue
            total[token] += 1
            for side in (-1, 1):
                if 0 <= index + side < len(tokens):
                    other = tokens[index + side]
                    if other not in _GLUE and other not in COMMON_VERBS and (
                            other not in DETERMINERS):
                        beside.setdefault(token, Counter())[(side, other)] += 1
    return {key for key, count in total.items()
            if count >= NAME_PART_MENTIONS and key in beside
            and beside[key].most_common(1)[0][1] >= NAME_PART_SHARE * count}


MIN_PASSAGES = 2
"""A concept is used again after it is introduced: passages outside a glossary that mention
it, at least (unless a section is devoted to it)."""
BOOK_PASSAGES = 50
"""From this many passages on (about 20 pages) a course is a book, where a concept is used
again after it is introduced; a short text may introduce a term once."""
STRUCTURAL = frozenset({"heading", "glossary"})
GENERIC_ZIPF = 5.0
"""A single word at least this common in general English ("result", "effect", "word") is a
concept only when the book marks it (glossary, heading or emphasis) or defines it plainly
(a defining pattern as well as the classifier's threshold), not for a sentence that happens to
say what it is."""


def is_generic(cand: TermCandidate, plainly_defined: bool = True) -> bool:
    """A common English word the book does not mark; emphasis with no defining pattern
    marks it only when its best sentence says plainly what it is (``plainly_defined``):
    "When people mean to give arguments, ..." under an emphasised "person" does not."""
    only_emphasis = cand.evidence - {"keyphrase"} == {"emphasis"}
    marks = {"glossary", "heading"} if only_emphasis and not plainly_defined else {
        "glossary", "heading", "emphasis"}
    return (" " not in cand.key and general_zipf(cand.key) >= GENERIC_ZIPF
            and not cand.evidence & marks)


def introduced_in_emphasis(cand: TermCandidate, mentions: dict[int, int]) -> bool:
    """True when the book sets the term in bold or italics where it introduces it (among its
    first mentions), and not as a style wherever it appears: emphasis on most of a term's
    mentions marks a family of keywords or names, not a definition."""
    if not cand.emphasized_in:
        return False
    if len(cand.emphasized_in) > max(EMPHASIS_PASSAGES, len(mentions) / 2):
        return False
    return min(cand.emphasized_in) in sorted(mentions)[: EMPHASIS_PASSAGES + 1]


def weakly_supported(cand: TermCandidate, score: float, min_defining: float) -> bool:
    """False for a candidate whose only marks are weak and whose best sentence does not make
    up for them: found by keyphrase statistics alone (no pattern, emphasis, heading or
    glossary) it needs a plainly defining sentence; named only by a heading, a sentence that
    at least says something of it."""
    marks = cand.evidence - {"keyphrase"}
    if not marks:
        return score >= min_defining + 1.0
    if marks == {"heading"}:
        return score >= min_defining - 1.0
    return True


_NAME_IS = re.compile(r"^\W*(?P<w>[A-Za-z]\w*s)\s+is\b")
_PLURAL_SINGULAR = ("ss", "us", "is", "ics", "ness", "ous")
"""Endings of words that take "is" though they end in -s ("analysis is", "physics is")."""


def names_identifier(cand: TermCandidate, sentence: str) -> bool:
    """True when the term's defining sentence treats a plural-looking word as one thing
    ("Weights is a pandas Series of birth weights", "diffs is the difference ..."): the name
    of a variable in the book's code, not a concept."""
    match = _NAME_IS.match(sentence)
    if match is None:
        return False
    word = match.group("w").lower()
    return not word.endswith(_PLURAL_SINGULAR) and word[:-1] == cand.key



_GLOSSED_IN_PASSING = r"\b(?!(?:a|an|the|this|that|each|every|of|some|no)\b)[a-z]+\s+{key},\s+which\b"
"""The name as the bare object of a verb, glossed after a comma ("computes observed, which
is ...", "we have to provide rsuffix, which is ...")."""


def code_variable(cand: TermCandidate, sentence: str, passages: Sequence[str]) -> bool:
    """True for a single lower-case word that the book's code assigns ("observed = ...",
    "rsuffix='_r'", "for t, ended in ...") and that its defining sentence glosses in passing as the bare object of a
    verb: a variable of an example, not a concept; also a word the sentence names as one of
    the book's functions or classes ("Cdf provides an implementation of this algorithm, called
    Random", with "def Random(" in the code)."""
    if " " not in cand.key and _names_code_definition(cand.key, sentence, passages):
        return True
    if " " in cand.key or any(not surface.islower() for surface in cand.surfaces):
        return False
    key = re.escape(cand.key)
    if not re.search(_GLOSSED_IN_PASSING.format(key=key), sentence):
        return False
    assigned = re.compile(rf"(?:^|[\s(,.])(?:self\.)?{key}\s*=(?!=)|"
                          rf"\bfor\s+(?:\w+\s*,\s*)*{key}\s*(?:,|\bin\b)")
    return any(assigned.search(text) for text in passages)


def _names_code_definition(key: str, sentence: str, passages: Sequence[str]) -> bool:
    """The sentence names the word, capitalised, as a function or class the book's code
    defines."""
    named = re.search(rf"\b(?:called|named)\s+(?P<name>{re.escape(key.capitalize())})\b", sentence)
    if named is None:
        return False
    defined = re.compile(rf"\b(?:def|class)\s+{re.escape(named.group('name'))}\b")
    return any(defined.search(text) for text in passages)


def of_code_variable(cand: TermCandidate, passages: Sequence[str]) -> bool:
    """True for a name "<words> of <w>" whose last word is a variable the book's code assigns
    ("value of result": "result = n * recurse"): a value in an example, not a concept."""
    match = re.fullmatch(r"[a-z][\w ]* of (?P<w>[a-z_]\w*)", cand.key)
    if match is None or any(not surface.islower() for surface in cand.surfaces):
        return False
    assigned = re.compile(rf"(?:^|\n)\s*{re.escape(match.group('w'))}\s*=(?!=)")
    return any(assigned.search(text) for text in passages)


def of_example_symbol(cand: TermCandidate) -> bool:
    """True for a name "<words> of <L>" whose last word is one capital letter ("extension of
    L"): a thing of the example's symbol, an instance of the concept its words name."""
    return any(re.fullmatch(r"[A-Za-z][\w\- ]* of [A-Z]", surface) for surface in cand.surfaces)


_ABOUT_SOMEONE = re.compile(r"^\W*(?:\d+\.\s+)?(?P<name>[A-Z][a-z]+)\s+is\s+(?:not\s+)?an?\s+")
"""An example's statement about a named individual ("27. Adina is a skilled surgeon.")."""
_TOY_CLAIM = re.compile(r"^\W*(?:\d+\.\s+)?(?:All|Every|Some|No)\s+(?P<kind>[a-z]+)\s+(?:is|are)\s+"
                        r"(?:not\s+)?[a-z]+\.?$")
"""An example's one-word claim about a kind ("All surgeons are greedy.")."""


def example_statement(cand: TermCandidate, sentence: str, weak: bool,
                      lower_words: set[str]) -> bool:
    """True for a term only set in emphasis (no defining pattern, heading or glossary)
    whose best sentence, ``weak``-ly defining (below the defining threshold), is a
    statement of the book's example, not about the term: a named individual said to be one
    ("Adina is a skilled surgeon.": the name is never written in lower case) or a one-word
    claim about all or some of the kind ("All surgeons are greedy."). Such a term is a word of
    the example."""
    if cand.evidence - {"keyphrase"} != {"emphasis"} or not weak:
        return False
    named = _ABOUT_SOMEONE.match(sentence)
    if named is not None:
        name = named.group("name").lower()
        return name not in lower_words and not cand.key.startswith(name)
    toy = _TOY_CLAIM.match(sentence)
    return toy is not None and cand.key.split()[-1] in (toy.group("kind"), toy.group("kind")[:-1])


def never_lower(cand: TermCandidate, lower_words: set[str]) -> bool:
    """A single word the course never writes in lower case, though it opens sentences ("Jane
    is an only child."): a name in an example, not a concept."""
    return (" " not in cand.key and cand.key not in lower_words
            and not any(singular(word) == cand.key for word in lower_words
                        if word[:1] == cand.key[:1] and len(word) <= len(cand.key) + 3))


def display_name(cand: TermCandidate, proper: bool) -> str:
    """The most used spelling written like the key (singular); else the most used spelling
    with its head noun made singular when that is an English word ("rectangles" ->
    "rectangle", "laws of large numbers" -> "law of large numbers", but "parentheses"
    stays, and so does an acronym: "BLAS" is no plural of "BLA"). Lower case unless the course
    capitalises it."""
    name = next(
        (s for s, _ in cand.surfaces.most_common() if s.lower().replace("-", " ") == cand.key),
        "",
    )
    if not name:
        words = cand.surfaces.most_common(1)[0][0].split()
        head = head_index(words)
        word = singular(words[head].lower())
        if (word != words[head].lower() and general_zipf(word) >= 2.0
                and not (words[head].isupper() and len(words[head]) > 1)):  # "BLAS", not "BLA"
            words[head] = words[head][: len(word)] if words[head].lower().startswith(word) else word
        name = " ".join(words)
    if not proper and not name.isupper():
        name = " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in name.split())
    return name


def head_index(words: list[str]) -> int:
    """Where the head noun of a term is: the last word, or the word before its first "of"
    ("laws of large numbers" -> "laws"; what follows "of" keeps its number)."""
    lowered = [w.lower() for w in words]
    if "of" in lowered[1:]:
        return lowered.index("of", 1) - 1
    return len(words) - 1
