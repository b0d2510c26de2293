"""Concept extraction: find the terms a course introduces, with their definitions.

Signals, strongest first: definitional sentences ("X is a ...", "... is called X", "X refers
to ...", "X: ..." lines of a glossary section), emphasised terms and section headings (when
ingestion provides them, or numbered headings found in the text), and keyphrase statistics
(noun-like word runs that recur across passages). Front and back matter
(:mod:`tutor.engine.offline.concepts.book_matter`) gives no candidate. Each candidate is scored by its
signals and how widely the course uses it; those the book defines or explains
(:mod:`tutor.engine.offline.concepts.candidates`) become :class:`ConceptDraft`s, with the defining
sentence the classifier of :mod:`tutor.engine.offline.definitions.defining` picks, key points and page
citations (the defining sentence's page first). There is no quota: the map's size follows the
book.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from tutor.course import Chunk
from tutor.engine.offline.concepts import candidates as keeping
from tutor.engine.offline.concepts.api_classes import find_api_units
from tutor.engine.offline.concepts.book_index import PrintedIndex
from tutor.engine.offline.concepts.book_matter import matter_chunks
from tutor.engine.offline.concepts.candidates import (
    STRUCTURAL,
    TermCandidate,
    code_variable,
    example_statement,
    introduced_in_emphasis,
    is_generic,
    modifiers,
    name_parts,
    names_identifier,
    never_lower,
    of_code_variable,
    of_example_symbol,
    read_sentences,
    weakly_supported,
)
from tutor.engine.offline.concepts.common_words import instance_word
from tutor.engine.offline.concepts.concept_drafts import draft_concept
from tutor.engine.offline.concepts.entry_names import without_arguments
from tutor.engine.offline.concepts.glossary import RUN_ON, entry_definitions
from tutor.engine.offline.concepts.introduced_terms import add_introduced_terms
from tutor.engine.offline.concepts.junk_names import without_junk
from tutor.engine.offline.concepts.keyphrases import (
    WordStats,
    identifiers,
    is_proper,
    keyphrases,
    specificity,
)
from tutor.engine.offline.concepts.kind_statements import STRENGTH as KIND_STRENGTH
from tutor.engine.offline.concepts.kind_statements import kind_definition
from tutor.engine.offline.concepts.reference_concepts import with_api_classes, with_entries
from tutor.engine.offline.concepts.reference_entries import find_entries
from tutor.engine.offline.concepts.run_in_heads import add_run_in_concepts
from tutor.engine.offline.concepts.section_concepts import add_section_concepts
from tutor.engine.offline.concepts.setting_values import without_setting_values
from tutor.engine.offline.concepts.taught_commands import add_taught_commands
from tutor.engine.offline.definitions import defining as defining_rules
from tutor.engine.offline.definitions.defining import (
    Candidate,
    choose_definition,
)
from tutor.engine.offline.definitions.defining_anywhere import define_anywhere
from tutor.engine.offline.definitions.definition_kind import judge_definitions
from tutor.engine.offline.definitions.notation_definitions import state_in_notation
from tutor.engine.offline.definitions.patterns import (
    Definition,
    definitions_in,
    heading_terms,
    kind_names,
)
from tutor.engine.offline.definitions.plain_definitions import plain_definition
from tutor.engine.offline.definitions.real_definitions import review_definitions
from tutor.engine.offline.definitions.remarks import replace_remarks
from tutor.engine.offline.definitions.section_definitions import define_from_sections
from tutor.engine.offline.definitions.synonym_definitions import (
    lend_kind_definitions,
    lend_synonym_definitions,
)
from tutor.engine.offline.procedures.task_concepts import add_task_concepts
from tutor.engine.offline.terms import (
    COMMON_VERBS,
    DETERMINERS,
    MentionIndex,
    is_junk_term,
    term_key,
)
from tutor.engine.port import ConceptDraft
from tutor.text import (
    STOPWORDS,
    normalize,
)

WEIGHTS = {"definition": 2.5, "glossary": 2.0, "emphasis": 1.5, "heading": 1.5, "keyphrase": 2.0}
"""Score each kind of evidence adds to a candidate."""
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

def extract_concepts(chunks: Sequence[Chunk]) -> list[ConceptDraft]:
    """Concept drafts of a whole course (chunks in reading order), returned in reading order
    of their introduction. There is no ceiling: every candidate the book defines or explains
    is kept; candidates scoring under :data:`MIN_SCORE` are never kept."""
    chunks = list(chunks)
    if not chunks:
        return []
    reference = matter_chunks(chunks)
    printed = PrintedIndex(chunks)
    sentences, headings = read_sentences(chunks)
    sentences = [s for s in sentences if s.chunk not in reference]
    headings = [[] if i in reference else found for i, found in enumerate(headings)]
    texts = [normalize(c.text) for c in chunks]
    candidates: dict[str, TermCandidate] = {}

    def add(name: str, kind: str, chunk_index: int, definition: Definition | None = None) -> None:
        name = _clean_name(name)
        if is_junk_term(name) and not (
                (kind in STRUCTURAL or definition is not None) and _in_system(name)) and not (
                name.lower() in COMMON_VERBS and (kind in STRUCTURAL or _noun_defined(
                    name, definition))):
            return  # a glossary, a heading or a definition may name a noun that is also a
            # verb ("the mean is ..."), a heading a notion relative to a language ("Truth in QL")
        key = term_key(name)
        if not key:
            return
        cand = candidates.setdefault(key, TermCandidate(key))
        cand.surfaces[name] += 1
        cand.evidence.add(kind)
        cand.first_signal = min(cand.first_signal, chunk_index)
        if definition is not None:
            cand.definitions.append(definition)
            cand.aliases.update(definition.aliases)

    devoted: set[str] = set()  # functions a section is devoted to

    def add_function(name: str, chunk_index: int) -> None:
        """A heading naming a function ("Solve()", "Border(), buildmesh()") names a concept by
        the function's name, however short or common the name ("dx", "solve")."""
        cand = candidates.setdefault(term_key(name), TermCandidate(term_key(name)))
        cand.surfaces[name] += 1
        cand.evidence.add("heading")
        cand.first_signal = min(cand.first_signal, chunk_index)
        devoted.add(cand.key)

    for index, found in enumerate(headings):
        for heading in found:
            for term in heading_terms(heading):
                function = _HEADING_FUNCTION.match(term)
                if function:  # "3.7.2 Pde()": a section devoted to one function of the language
                    add_function(function.group(1), index)
                elif term.lower() not in _NOT_CONCEPT_HEADINGS:
                    add(term, "heading", index)
    section = ""
    glossary_chunks: set[int] = set()
    run_on: list[Definition] = []
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
        following = texts[index + 1] if in_glossary and index + 1 < len(texts) else ""
        for kind, entry in entry_definitions(texts[index], index, in_glossary, following):
            if kind == RUN_ON:  # its words, for a term kept on the rest of its evidence
                run_on.append(entry)
            else:
                add(entry.term, kind, index, entry)
    phrases, stats = keyphrases((s.text, s.chunk) for s in sentences)
    kind_modifiers: set[str] = set()  # "recursive" of "... are called recursive"
    for position, sentence in enumerate(sentences):
        for found_def in definitions_in(sentence.text, sentence.chunk, position):
            add(_trim(found_def.term, stats.prose), "definition", sentence.chunk, found_def)
        kind_modifiers.update(term_key(n.split()[0]) for n in kind_names(sentence.text))
    stats.n_chunks = len(chunks)
    entries_run_on: dict[str, list[Definition]] = defaultdict(list)
    for held in run_on:
        entries_run_on[term_key(_clean_name(held.term))].append(held)
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
    modifying = modifiers(drafts) | kind_modifiers
    lower_words = set(re.findall(r"\b[a-z][a-z']*\b", " ".join(s.text for s in sentences)))
    parts = name_parts(sentences, [cand.key for score, cand, _ in drafts if score >= MIN_SCORE])
    needed = keeping.MIN_PASSAGES if len(chunks) >= keeping.BOOK_PASSAGES else 1
    min_defining = defining_rules.MIN_DEFINING
    result: list[ConceptDraft] = []
    for score, cand, mentions in drafts:
        if ((score < MIN_SCORE and cand.key not in devoted) or cand.key in modifying
                or (cand.key in parts and not cand.evidence & STRUCTURAL)
                or ((is_proper(cand.key, stats) or never_lower(cand, lower_words))
                    and not cand.evidence & STRUCTURAL
                    and not any(surface.isupper() for surface in cand.surfaces))):
            continue
        used_once = (len(mentions.keys() - glossary_chunks) < needed
                     and "heading" not in cand.evidence)
        if used_once and "emphasis" not in cand.evidence:
            continue
        defining = choose_definition(cand, mentions, sentences, by_chunk)
        if defining is None or (used_once and defining.score < min_defining + 2.0):
            continue  # used once: only a term the book sets in emphasis and plainly defines
        sure = defining.score  # a sentence naming the term by its kind or class says what it is
        if sure < min_defining + KIND_STRENGTH and not cand.evidence & STRUCTURAL:
            stated = kind_definition(cand.key, defining, mentions, sentences, by_chunk)
            if stated is not None:
                defining, sure = stated, min_defining + KIND_STRENGTH
        if (printed and not cand.evidence & STRUCTURAL and sure < min_defining + 1.0
                and printed.speaks_for(chunks[defining.chunk].page)
                and not any(printed.lists(k) for k in {cand.key, *map(term_key, cand.aliases)})):
            continue  # the book's own index does not list it and it is only weakly defined
            # (where the index speaks for the page that defines it)
        if (not cand.evidence & STRUCTURAL and defining.score < min_defining
                and cand.definitions
                and all(d.position < 0 and d.strength <= 1.0 for d in cand.definitions)):
            continue  # only the label of a "Label: advice" list, never said to be anything
        if defining.score < min_defining + 1.0 and is_generic(
                cand, plain_definition(cand.key, Candidate(defining.text), chosen=True)):
            continue  # a common word that a sentence happens to say something about
        if instance_word(cand.key, cand.evidence, defining.text,
                         printed.lists(cand.key) if printed else None):
            continue  # "The value is a vector of function results": one call's value
        if names_identifier(cand, defining.text) and not cand.evidence & STRUCTURAL:
            continue  # a variable of the book's code ("weights is a Series ...")
        if (not cand.evidence & (STRUCTURAL | {"emphasis"})
                and code_variable(cand, sentences[defining.position].text
                                  if 0 <= defining.position < len(sentences) else defining.text,
                                  [texts[i] for i in mentions])):
            continue  # a name the book's code assigns, glossed in passing ("computes observed,
            # which is a list of frequencies ...")
        if not cand.evidence & STRUCTURAL and (of_code_variable(cand, [texts[i] for i in mentions])
                                               or of_example_symbol(cand)):
            continue  # "value of result": a value of the book's code; "extension of L"
        if (example_statement(cand, defining.text, defining.score < min_defining, lower_words)
                and not (printed and printed.lists(cand.key))):
            continue  # a word of the book's example ("Adina is a skilled surgeon.")
        if cand.key not in devoted and not weakly_supported(cand, sure, min_defining):
            continue
        if (sure < min_defining and not cand.evidence & keeping.EXPLAINED
                and not (keeping.EMPHASIS_COUNTS and introduced_in_emphasis(cand, mentions))):
            continue  # neither defined nor explained by the book: not a concept
        if (sure < min_defining and cand.evidence == {"emphasis"}
                and not (printed and printed.lists(cand.key))
                and not plain_definition(cand.key, Candidate(defining.text), chosen=True)):
            continue  # only set in emphasis, never said what it is, not in the index
        if cand.key in entries_run_on:  # the glossary's words, for a term kept on the rest
            cand.definitions += entries_run_on[cand.key]
            defining = choose_definition(cand, mentions, sentences, by_chunk) or defining
        result.append(draft_concept(score, cand, defining, mentions, chunks, sentences, by_position,
                                    by_chunk, is_proper(cand.key, stats)))
    result.sort(key=lambda d: (d.first_order, -d.score))
    lend_synonym_definitions(result)
    lend_kind_definitions(result)
    define_from_sections(result, sentences, chunks)
    state_in_notation(result, sentences, chunks)
    result = define_anywhere(result, sentences, chunks)  # a better sentence, or no concept
    api_units = find_api_units(chunks, reference)  # a generated class reference, read once
    entries = find_entries(chunks, reference)  # an API manual's reference entries, read once
    result = with_entries(result, chunks, reference, api_units, entries)
    result = add_section_concepts(result, sentences, chunks)  # sections on a topic still missing
    result = add_run_in_concepts(result, chunks)  # paragraphs opened by a run-in head
    result = add_taught_commands(result, sentences, chunks, reference)  # commands the prose teaches
    result = review_definitions(result, sentences, chunks)  # a real definition, or no junk
    result = replace_remarks(result, sentences, chunks)  # no remark where a statement is
    result = add_introduced_terms(result, sentences, chunks)  # named and explained in prose
    result = add_task_concepts(result, [c for i, c in enumerate(chunks) if i not in reference])
    result = without_setting_values(result)  # "Zero is an acceptable value": a setting's value
    result = without_arguments(result, entries, chunks)  # "x" of "stripln x": an argument
    result = with_api_classes(result, chunks, reference, api_units)  # its classes, members
    judge_definitions(result, sentences, chunks)  # a definition, or only a description
    return without_junk(result, chunks, reference, printed)  # no clause, remark or stray word


_HEADING_FUNCTION = re.compile(r"^([A-Za-z][A-Za-z0-9_]*[A-Za-z0-9])\s*\(\)$")
"""A heading term naming one function by its call: "Pde()", "buildmesh()", "convect()"."""

_IN_SYSTEM = re.compile(r"^(\w[\w\- ]*\w) in [A-Z]{1,4}$")


def _in_system(name: str) -> bool:
    """A notion named relative to the language or system it holds in ("Validity in SL")."""
    match = _IN_SYSTEM.match(name)
    return match is not None and not is_junk_term(match.group(1))


def _noun_defined(name: str, definition: Definition | None) -> bool:
    """A word the book defines as a noun ("the mean, x̄, is the sum ..."), in a sentence whose
    subject it is, after an article."""
    return (definition is not None and definition.position >= 0 and definition.strength >= 2.5
            and re.search(rf"\b(?:the|an?)\s+{re.escape(name)}\b(?:,[^,]{{1,8}},)?\s+(?:is|are)\b",
                          definition.sentence, re.IGNORECASE) is not None)


def _clean_name(name: str) -> str:
    name = re.sub(r"(?<=\w)'s\b", "", normalize(name))  # "Pearson's correlation"
    words = name.replace('"', " ").replace("'", " ").strip(" .,:;").split()
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    name = " ".join(words)
    return name


def _score(cand: TermCandidate, mentions: dict[int, int], stats: WordStats) -> float:
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
    ("binary search works" -> "binary search"). A term the course names only once, where it
    defines it ("... is called an elementary event"), keeps its words: only trailing verbs and
    function words go, never the head noun."""
    words = term.split()
    if "of" in words:
        return term  # "flow of execution": phrases with "of" are not counted as runs
    for n in range(len(words), 1, -1):
        if prose[term_key(" ".join(words[:n]))] >= 2:
            return " ".join(words[:n])
    while len(words) > 1 and words[-1].lower() in COMMON_VERBS | STOPWORDS:
        words = words[:-1]
    return " ".join(words) if words else term
