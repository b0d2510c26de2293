"""Concept extraction: find the terms a course introduces, with their definitions.

Signals, strongest first: definitional sentences ("X is a ...", "... is called X", "X refers
to ...", glossary-like "X: ..." lines), emphasised terms and section headings (when ingestion
provides them, or numbered headings found in the text), and keyphrase statistics (noun-like
word runs that recur across passages). Each candidate is scored by its signals and how widely
the course uses it; the best ones become :class:`ConceptDraft`s with a definition, key points
and page citations (defining page first).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from tutor.course import Chunk, Citation
from tutor.engine.offline.book_matter import matter_chunks
from tutor.engine.offline.defining import (
    MIN_DEFINING,
    Candidate,
    clean_definition,
    definition_score,
)
from tutor.engine.offline.definitions import (
    Definition,
    definitions_in,
    glossary_line_terms,
    heading_terms,
)
from tutor.engine.offline.keyphrases import (
    WordStats,
    identifiers,
    is_proper,
    keyphrases,
    specificity,
)
from tutor.engine.offline.text import (
    COMMON_VERBS,
    DETERMINERS,
    MentionIndex,
    general_zipf,
    is_junk_term,
    normalize,
    prose_blocks,
    singular,
    split_sentences,
    term_key,
)
from tutor.engine.offline.text import (
    mentions as mentions_term,
)
from tutor.engine.port import ConceptDraft

WEIGHTS = {"definition": 2.5, "glossary": 2.0, "emphasis": 1.5, "heading": 1.5, "keyphrase": 2.0}
"""Score each kind of evidence adds to a candidate."""
_NUMBERED_HEADING = re.compile(r"^(?:\d+|[A-Z])(?:\.\d+)+\s+([A-Z][A-Za-z ,'\-]{2,60})$")
_MAX_KEYPOINT_CHARS = 240
EMPHASIS_COUNTS = True
"""Whether a term set in emphasis where it is introduced counts as explained."""
EMPHASIS_PASSAGES = 2
"""A term emphasised in at most this many passages, among its first mentions, is taken as
introduced there."""
MAX_CONCEPTS = 400
"""A ceiling, not a quota: the map's size follows what the book defines."""
EXPLAINED = frozenset({"glossary", "heading"})
"""A candidate is kept only when the book defines or explains it: a defining sentence (see
:mod:`tutor.engine.offline.defining`), a glossary entry or a section devoted to it. Emphasis and
keyphrase statistics alone only support."""
MIN_SCORE = 2.0
"""Candidates scoring less are not concepts."""
_NOT_CONCEPT_HEADINGS = frozenset(
    "glossary exercises exercise summary introduction preface contents index bibliography "
    "references acknowledgments acknowledgements foreword conclusion conclusions notes overview "
    "problems solutions answers appendix further reading".split()
)
_GLOSSARY_SECTION = re.compile(
    r"\b(?:glossary|definitions|key terms|terminology|vocabulary)\b", re.IGNORECASE)
"""Headings of the sections whose "term: definition" lines are the book's own glossary."""
_NOT_GLOSSARY_LABELS = frozenset(
    "hint credit note notes warning example solution answer source step tip caution theorem "
    "proof lemma remark question exercise output input figure table see also".split()
)


@dataclass
class Sentence:
    text: str
    chunk: int
    """Index of the chunk in the input."""
    block: int
    """Index of the paragraph within the chunk."""
    section: str


@dataclass
class _Candidate:
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
        for line in normalize(chunk.text).split("\n"):
            match = _NUMBERED_HEADING.match(line.strip())
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
    return out, headings


def extract_concepts(chunks: Sequence[Chunk], max_concepts: int | None = None) -> list[ConceptDraft]:
    """Concept drafts of a whole course (chunks in reading order), returned in reading order
    of their introduction. ``max_concepts`` defaults to a budget that grows with the page
    count; candidates scoring under :data:`MIN_SCORE` are never kept."""
    chunks = list(chunks)
    if not chunks:
        return []
    reference = matter_chunks(chunks)
    sentences, headings = read_sentences(chunks)
    sentences = [s for s in sentences if s.chunk not in reference]
    headings = [[] if i in reference else found for i, found in enumerate(headings)]
    texts = [normalize(c.text) for c in chunks]
    candidates: dict[str, _Candidate] = {}

    def add(name: str, kind: str, chunk_index: int, definition: Definition | None = None) -> None:
        name = _clean_name(name)
        if is_junk_term(name) and not (kind in STRUCTURAL and name.lower() in COMMON_VERBS):
            return  # a glossary or a heading may name a noun that is also a verb ("mean")
        key = term_key(name)
        if not key:
            return
        cand = candidates.setdefault(key, _Candidate(key))
        cand.surfaces[name] += 1
        cand.evidence.add(kind)
        cand.first_signal = min(cand.first_signal, chunk_index)
        if definition is not None:
            cand.definitions.append(definition)
            cand.aliases.update(definition.aliases)

    for index, found in enumerate(headings):
        for heading in found:
            for term in heading_terms(heading):
                if term.lower() not in _NOT_CONCEPT_HEADINGS:
                    add(term, "heading", index)
    section = ""
    glossary_chunks: set[int] = set()
    for index, chunk in enumerate(chunks):
        if index in reference:
            continue
        for term in chunk.emphasized:
            add(term, "emphasis", index)
            key = term_key(_clean_name(term))
            if key in candidates:
                candidates[key].emphasized_in.add(index)
        section = chunk.heading or section
        in_glossary = bool(_GLOSSARY_SECTION.search(section))
        if in_glossary:
            glossary_chunks.add(index)
        for term, line in glossary_line_terms(texts[index]):
            if term.lower() in _NOT_GLOSSARY_LABELS:
                continue
            if in_glossary:
                add(term, "glossary", index, Definition(term, line, index, -1, 2.0))
            else:  # a "Label: advice" list in the body: weak evidence only
                add(term, "definition", index, Definition(term, line, index, -1, 1.0))
    phrases, stats = keyphrases((s.text, s.chunk) for s in sentences)
    for position, sentence in enumerate(sentences):
        for found_def in definitions_in(sentence.text, sentence.chunk, position):
            add(_trim(found_def.term, stats.prose), "definition", sentence.chunk, found_def)
    stats.n_chunks = len(chunks)
    for name, score in phrases.items():
        add(name, "keyphrase", 1 << 30)
        key = term_key(_clean_name(name))
        if key in candidates:
            candidates[key].keyphrase = score

    stats.code = identifiers(texts)
    mention_index = MentionIndex(texts, list(candidates))
    drafts = []
    for cand in candidates.values():
        mentions = {
            i: n for i, n in mention_index.counts(cand.key).items() if i not in reference
        }
        if not mentions:
            continue
        score = _score(cand, mentions, stats)
        drafts.append((score, cand, mentions))
    by_position: dict[tuple[int, int], list[int]] = defaultdict(list)
    by_chunk: dict[int, list[int]] = defaultdict(list)
    for position, sentence in enumerate(sentences):
        by_position[(sentence.chunk, sentence.block)].append(position)
        by_chunk[sentence.chunk].append(position)
    drafts.sort(key=lambda item: -item[0])
    modifiers = _modifiers(drafts)
    needed = MIN_PASSAGES if len(chunks) >= BOOK_PASSAGES else 1
    result: list[ConceptDraft] = []
    for score, cand, mentions in drafts:
        if (score < MIN_SCORE or cand.key in modifiers
                or (len(mentions.keys() - glossary_chunks) < needed
                    and "heading" not in cand.evidence)
                or (is_proper(cand.key, stats) and not cand.evidence & STRUCTURAL
                    and not any(surface.isupper() for surface in cand.surfaces))
                or len(result) >= (max_concepts or MAX_CONCEPTS)):
            continue
        defining = choose_definition(cand, mentions, sentences, by_chunk)
        if defining is None:
            continue
        if _generic(cand) and defining.score < MIN_DEFINING + 1.0:
            continue  # a common word that a sentence happens to say something about
        if (defining.score < MIN_DEFINING and not cand.evidence & EXPLAINED
                and not (EMPHASIS_COUNTS and _introduced_in_emphasis(cand, mentions))):
            continue  # neither defined nor explained by the book: not a concept
        result.append(_draft(score, cand, defining, mentions, chunks, sentences, by_position,
                             by_chunk, is_proper(cand.key, stats)))
    result.sort(key=lambda d: (d.first_order, -d.score))
    return result


MODIFIER_SHARE = 0.6
"""A single word whose mentions are mostly inside longer concept names it starts is their
modifier ("inductive" in "inductive argument"), not a concept of its own."""


def _modifiers(drafts: Sequence[tuple[float, _Candidate, dict[int, int]]]) -> set[str]:
    total = {cand.key: sum(mentions.values()) for _, cand, mentions in drafts}
    inside: Counter[str] = Counter()
    for key, count in total.items():
        words = key.split()
        if len(words) > 1 and words[0] in total:
            inside[words[0]] += count
    return {w for w, n in inside.items() if n >= MODIFIER_SHARE * max(1, total[w])}


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


def _generic(cand: _Candidate) -> bool:
    return (" " not in cand.key and general_zipf(cand.key) >= GENERIC_ZIPF
            and not cand.evidence & {"glossary", "heading", "emphasis"})


def _introduced_in_emphasis(cand: _Candidate, mentions: dict[int, int]) -> bool:
    """True when the book sets the term in bold or italics where it introduces it (among its
    first mentions), and not as a style wherever it appears: emphasis on most of a term's
    mentions marks a family of keywords or names, not a definition."""
    if not cand.emphasized_in:
        return False
    if len(cand.emphasized_in) > max(EMPHASIS_PASSAGES, len(mentions) / 2):
        return False
    return min(cand.emphasized_in) in sorted(mentions)[: EMPHASIS_PASSAGES + 1]


def _clean_name(name: str) -> str:
    name = re.sub(r"(?<=\w)'s\b", "", normalize(name))  # "Pearson's correlation"
    words = name.replace('"', " ").replace("'", " ").strip(" .,:;").split()
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    name = " ".join(words)
    return name


def _score(cand: _Candidate, mentions: dict[int, int], stats: WordStats) -> float:
    """Evidence weights, plus how much more the course uses the term than general English;
    generic, ubiquitous, code-like and one-passage terms lose points."""
    marked = cand.evidence - {"keyphrase"}
    score = sum(WEIGHTS[kind] for kind in marked)
    score += WEIGHTS["keyphrase"] * cand.keyphrase
    total = sum(mentions.values())
    spread = len(mentions)
    single = " " not in cand.key
    score += min(1.0, 0.25 * math.log1p(total)) + min(0.8, 0.2 * math.log1p(spread))
    score += 0.8 * max(-2.0, min(2.0, specificity(total, cand.key, stats.total_words) - 1.0))
    if spread > 0.6 * stats.n_chunks and stats.n_chunks > 10:
        score -= 1.0  # everywhere: more likely a word of the subject than a concept in it
    if spread <= 1:
        score -= 1.0 if max((d.strength for d in cand.definitions), default=0) < 3 else 0.5
    if single and not marked and cand.keyphrase < 0.5:
        score -= 1.0  # a frequent single word with nothing else marking it as a term
    if single and cand.key.endswith("ing") and "definition" not in marked:
        score -= 1.5  # a gerund heading ("Looping", "Searching") names an activity
    if single and (stats.prose[cand.key] < 0.4 * total or stats.code[cand.key] >= 0.2 * total):
        score -= 2.0  # mostly inside code: an identifier, not a concept
    if is_proper(cand.key, stats):
        score -= 1.5  # a proper name or a class name ("Python", "Turing Thesis", "Point")
    return score


def _trim(term: str, prose: Counter[str]) -> str:
    """The longest leading part of a matched term that the course uses more than once
    ("delimiter specifies" -> "delimiter")."""
    words = term.split()
    if "of" in words:
        return term  # "flow of execution": phrases with "of" are not counted as runs
    for n in range(len(words), 1, -1):
        if prose[term_key(" ".join(words[:n]))] >= 2:
            return " ".join(words[:n])
    return words[0] if words else term


def _draft(
    score: float,
    cand: _Candidate,
    defining: Defining,
    mentions: dict[int, int],
    chunks: Sequence[Chunk],
    sentences: Sequence[Sentence],
    by_position: dict[tuple[int, int], list[int]],
    by_chunk: dict[int, list[int]],
    proper: bool,
) -> ConceptDraft:
    name = _display_name(cand, proper)
    define_chunk = defining.chunk
    points = _key_points(cand.key, defining, sentences, by_position, by_chunk)
    citations = [chunks[define_chunk].citation()]
    seen = {(chunks[define_chunk].source, chunks[define_chunk].page)}
    for chunk_index, _ in sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0])):
        page = (chunks[chunk_index].source, chunks[chunk_index].page)
        if page not in seen and len(citations) < 5:
            seen.add(page)
            citations.append(Citation(source=page[0], page=page[1]))
    first_sentence = by_chunk.get(define_chunk, [])
    section = sentences[first_sentence[0]].section if first_sentence else ""
    aliases = sorted({s for s in cand.surfaces if s != name} | cand.aliases)
    return ConceptDraft(
        name=name,
        definition=defining.text,
        aliases=aliases,
        citations=citations,
        first_order=chunks[define_chunk].order,
        section=section,
        score=round(score, 3),
        evidence=sorted(cand.evidence),
        key_points=points,
    )


def _display_name(cand: _Candidate, proper: bool) -> str:
    """The most used spelling written like the key (singular); else the most used spelling
    with its last word made singular when that is an English word ("rectangles" ->
    "rectangle", but "parentheses" stays). Lower case unless the course capitalises it."""
    name = next(
        (s for s, _ in cand.surfaces.most_common() if s.lower().replace("-", " ") == cand.key),
        "",
    )
    if not name:
        words = cand.surfaces.most_common(1)[0][0].split()
        last = singular(words[-1].lower())
        if last != words[-1].lower() and general_zipf(last) >= 2.0:
            words[-1] = words[-1][: len(last)] if words[-1].lower().startswith(last) else last
        name = " ".join(words)
    if not proper and not name.isupper():
        name = " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in name.split())
    return name


def _key_points(
    key: str,
    best: Defining,
    sentences: Sequence[Sentence],
    by_position: dict[tuple[int, int], list[int]],
    by_chunk: dict[int, list[int]],
) -> list[str]:
    """The defining sentence and up to three short statements after it: the rest of its
    paragraph, then sentences of the same or the next passage that mention the term."""
    points = [_short(best.text)]
    if not 0 <= best.position < len(sentences):
        chunk = best.chunk
        paragraph: list[int] = []
    else:
        anchor = sentences[best.position]
        chunk = anchor.chunk
        paragraph = [p for p in by_position.get((chunk, anchor.block), []) if p > best.position]
    nearby = [p for c in (chunk, chunk + 1) for p in by_chunk.get(c, []) if p > best.position]
    for position in [*paragraph, *nearby]:
        text = sentences[position].text
        if len(points) >= 4 or text in points:
            continue
        if position not in paragraph and not mentions_term(text, key):
            continue
        if 5 <= len(text.split()) and len(text) <= _MAX_KEYPOINT_CHARS and "?" not in text:
            points.append(text)
    return points


@dataclass
class Defining:
    """The sentence chosen to define a candidate, where it is, and its classifier score."""

    text: str
    chunk: int
    position: int
    """Index in the course's sentence list (-1 for a glossary line)."""
    score: float


_POINTS_BACK = re.compile(
    r"^(?:This|These|That|Those|Such|It|They)\b[^.]{0,60}\b(?:called|known as|named|termed)\b")
MENTION_CHUNKS = 6
"""Passages, from the first mention on, whose sentences may define a term."""


def choose_definition(
    cand: _Candidate,
    mentions: dict[int, int],
    sentences: Sequence[Sentence],
    by_chunk: dict[int, list[int]],
) -> Defining | None:
    """The first sentence that the classifier takes for a real definition of the term; when
    none is, the best-scoring one. Candidates: the pattern matches, and the sentences of the
    first passages that mention the term."""
    options: dict[tuple[int, int], Candidate] = {}
    glossary: list[Definition] = []
    for found in cand.definitions:
        if not 0 <= found.position < len(sentences):
            glossary.append(found)
            continue
        section = sentences[found.position].section
        if not _is_glossary(section):
            options[(found.chunk, found.position)] = Candidate(
                found.sentence, section, found.strength, found.chunk in cand.emphasized_in)
    for chunk in sorted(mentions)[:MENTION_CHUNKS]:
        for position in by_chunk.get(chunk, []):
            sentence = sentences[position]
            if ((chunk, position) not in options and not _is_glossary(sentence.section)
                    and mentions_term(sentence.text, cand.key)):
                options[(chunk, position)] = Candidate(
                    sentence.text, sentence.section, 0.0, chunk in cand.emphasized_in)
    term = cand.surfaces.most_common(1)[0][0] if cand.surfaces else cand.key
    scored = sorted((definition_score(term, option), place) for place, option in options.items())
    real = [item for item in scored if item[0] >= MIN_DEFINING]
    if real:
        score, (chunk, position) = min(real, key=lambda item: item[1])
        option = options[(chunk, position)]
    elif glossary:
        # The book's own glossary defines it; cite where the text explains it best.
        entry = glossary[0]
        earlier = [item for item in scored if item[1][0] < entry.chunk] or scored
        best = max(earlier, key=lambda t: (t[0], -t[1][0]), default=None)
        chunk = best[1][0] if best is not None else entry.chunk
        position, score = -1, definition_score(term, Candidate(entry.sentence, "", entry.strength))
        option = Candidate(entry.sentence)
    elif scored:
        score, (chunk, position) = max(scored, key=lambda t: (t[0], -t[1][0]))
        option = options[(chunk, position)]
    else:
        return None
    text = option.text
    if 0 < position < len(sentences) and _POINTS_BACK.match(text):
        previous = sentences[position - 1]
        if previous.chunk == sentences[position].chunk:
            text = f"{previous.text} {text}"  # "This is called X." names what came before
    text = clean_definition(_short(text))
    if not text:
        return None
    return Defining(text, chunk, position, round(score, 3))


def _is_glossary(section: str) -> bool:
    return "glossary" in section.lower()


def _short(text: str) -> str:
    return text if len(text) <= 400 else text[:397].rsplit(" ", 1)[0] + "..."
