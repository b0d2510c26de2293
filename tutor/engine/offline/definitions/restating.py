"""Restating in general words a definition the book gives by an example.

A book often introduces a term on an instance and names it after it ("Sentence 48a is called
a wide-scope negation, because it negates the entire sentence."), or says what the thing is
in a sentence that points back at the one before ("Instead, we will introduce a truth value
assignment. Formally, this will be a function that tells us ..."). Shown alone, such text
needs its page. A teacher states the general definition the passage implies; this module does
so when the words for it are in the text, and only then:

- :func:`restate` rewrites three shapes of a chosen definition: a naming whose reason is a
  statement about the thing ("X is called T, because it ..." -> "A T is one that ..."), a
  pointing continuation of a sentence that introduces the term ("... a T. Formally, this is
  a ..." -> "A T is a ..."), and a naming after a condition on a described subject, which
  needs no sentence before it ("If a set of sentences could not all be true ..., they are
  said to be inconsistent");
- :func:`restated` finds, among a term's later passages, a sentence that says plainly what
  it is (books often restate in general what they named by an example);
- :func:`by_abbreviation` finds the sentence that says what the term is under the
  abbreviation the book declares for it ("a universe of discourse, abbreviated UD. The UD is
  the set of things that we are talking about").

A statement about a particular sentence, letter or formula (digits, single capital letters,
symbols) is never made general."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Protocol

from tutor.engine.offline.definitions.defining_signs import Candidate, definition_score, features
from tutor.engine.offline.definitions.definition_cleaning import clean_definition, short
from tutor.engine.offline.definitions.self_contained import leans
from tutor.engine.offline.terms import mentions_key

_SPECIFIC = re.compile(r"\d|\b[A-Z]\b|[^\w\s,.;:'\"()\-]")
"""Words that tie a statement to an example: a number, a letter standing for a sentence, a
symbol."""
_BECAUSE = re.compile(
    r"(?:^|(?<=[.!]\s))(?P<subject>[^.!]*?)\s+(?:is|was)\s+(?:also\s+|traditionally\s+|often\s+)?"
    r"called\s+(?P<article>an?\s+|the\s+)?(?P<term>[\w\- ]{2,50}?),?\s+because\s+it\s+"
    r"(?P<reason>[a-z][^.!;:]{5,150})\.$")
_HEAD = re.compile(r"^(?:(?P<like>[A-Za-z]+)\s+like\s+(?:this|that)|(?P<numbered>[A-Za-z]+)\s+\d+\w?)$")
"""The noun of a subject that points at an example ("Code like that", "Sentence 48a"): the
kind of thing the name is given to."""
_BECAUSE_PLURAL = re.compile(
    r"(?:^|(?<=[.!]\s))(?P<subject>These|Those|(?P<noun>[A-Z][a-z]+)\s+like\s+(?:these|those)|"
    r"The\s+(?P<used>[a-z]+s)\s+(?:we|I)\s+(?:have\s+)?(?:used|seen|looked\s+at)\s+(?:so\s+far|"
    r"until\s+now))"
    r"\s+are\s+(?:also\s+)?called\s+(?P<term>[\w\- ]{2,50}?)(?:\s+or\s+[\w\-]+)?,?\s+because\s+"
    r"(?:they\s+(?P<reason>[a-z][^.!;:]{5,150})|there\s+(?:is|are)\s+(?P<has>[^.!;:]{3,120}))\.$")
"""A plural naming of what the text before showed, with a reason about the things ("These
are called rules of replacement, because they can be used to replace ...", "Predicates like
these are called one-place or monadic, because there is only one blank to fill in.")."""


_THIS_IS_KIND = re.compile(
    r"(?:^|(?<=[.!]\s))(?:This|That)\s+is\s+an?\s+(?P<term>[\w\- ]{2,50}?),?\s+because\s+it\s+"
    r"(?P<reason>[a-z][^.!;:]{5,150})\.$")
"""The example just shown named as a kind, with a reason about it ("This is an inductive
argument, because it generalizes ..."): the head noun of the name is the kind."""


_CALLED_AT_END = re.compile(r"\b(?P<det>the|an?)\s+(?P<what>(?:(?!\b(?:the|an?|and|or|that|which)\b)"
                            r"[a-z\- ]){2,60}?),\s+called\s+(?:an?\s+|the\s+)?(?P<term>[\w\- ]{3,40})\.$")
_CONCESSION = re.compile(r"^(?:Although|Though|Even though|While)\s+[^,]{3,80},\s+(?P<main>"
                         r"(?:the\s+|an?\s+)?[\w\- ]{3,50}?\s+(?:is|are)\s+(?:an?|the)\s+.+)$")


def _named_at_end(text: str, uses_term: Callable[[str], bool]) -> str | None:
    """A sentence whose last words name what they describe ("... measure the times between
    events, called interarrival times.") restated ("Interarrival times are the times ...")."""
    match = _CALLED_AT_END.search(text)
    if match is None or not uses_term(match.group("term")) or _SPECIFIC.search(match.group("what")):
        return None
    term = match.group("term").strip()
    what = f"{match.group('det')} {match.group('what').strip()}"
    if term.endswith("s") and not term.endswith("ss"):
        return f"{term[:1].upper()}{term[1:]} are {what}."
    return f"{_article(term)} {term} is {what}."


def _without_concession(text: str, uses_term: Callable[[str], bool]) -> str | None:
    """Without the concession before a sentence that says what the term is ("Although it can
    be laborious, the truth table method is a purely mechanical procedure ...")."""
    match = _CONCESSION.match(text)
    if match is None or not uses_term(" ".join(match.group("main").split()[:6])):
        return None
    return match.group("main")[:1].upper() + match.group("main")[1:]


def _plural_named(text: str, uses_term: Callable[[str], bool]) -> str | None:
    """The plural naming restated with the name as subject ("Rules of replacement are ones
    that can be used to replace ...", "A one-place predicate is a predicate with only one
    blank to fill in.")."""
    match = _BECAUSE_PLURAL.search(text)
    if match is None:
        return None
    words = match.group("reason") or match.group("has")
    name = match.group("term").strip()
    noun = (match.group("noun") or match.group("used") or "").lower()
    kind = (f"{name} {noun[:-1]}" if noun.endswith("s") and not name.rstrip("s").endswith(noun[:-1])
            else name)
    if _SPECIFIC.search(words) or not (uses_term(name) or uses_term(kind)):
        return None
    if match.group("has") and noun.endswith("s"):
        return f"{_article(kind)} {kind} is {_article(noun).lower()} {noun[:-1]} with {words}."
    if match.group("reason"):
        return f"{name[:1].upper()}{name[1:]} are {noun or 'ones'} that {words}."
    return None


_FORMALLY = re.compile(
    r"^(?P<intro>.*?)\s+(?:Formally|Precisely|Technically|Roughly|Intuitively|Informally),\s+"
    r"(?:this|it)\s+(?:will be|would be|is)\s+(?P<genus>(?:an?|the)\s+[^.!;]{5,200}?)"
    r"(?P<rest>;.*)?\.$")
_CONDITIONED = re.compile(
    r"(?:^|(?<=[.!]\s))(?P<condition>If\s+(?:an?|two|any)\s+[^,]{10,160}?)"
    r"(?:,\s*(?:like|such as|e\.g\.)\s+[^,]{1,30})?,\s*(?P<naming>(?:it|they)\s+(?:is|are)\s+"
    r"(?:said to be|called)\s+[^.!;]{2,60})\.$")
_POINTING_SUBJECT = re.compile(r"\b(?:this|these|that|those|such)\b|\d|\b[A-Z]\b|\bsentence \w+",
                               re.IGNORECASE)


def _article(term: str) -> str:
    """The indefinite article before the term ("an extension", "a one-sided test")."""
    word = term.lower()
    return "An" if word[:1] in "aeiou" and not word.startswith(("one", "uni", "use")) else "A"


_KIND_OF = re.compile(r"\b(?:this|that)\s+(?:kind|type|sort)\s+of\s+(?P<noun>[a-z]+)\s*$",
                      re.IGNORECASE)
"""A subject naming the kind ("This kind of test is called one-sided"): the name is an
adjective of its noun."""


def restate(term: str, text: str, uses_term: Callable[[str], bool]) -> str:
    """``text`` (a concept's chosen definition) restated in general words when it has one of
    the shapes above, else unchanged. ``uses_term`` tells whether words name the concept."""
    text = text.strip()
    match = _BECAUSE.search(text)
    if (match and uses_term(match.group("term"))
            and _POINTING_SUBJECT.search(match.group("subject"))
            and not _SPECIFIC.search(match.group("reason"))):
        name = match.group("term").strip()
        reason = match.group("reason").strip()
        kind = _KIND_OF.search(match.group("subject"))
        if kind and not name.endswith(kind.group("noun")):
            name = f"{name} {kind.group('noun')}"  # "a one-sided test", not "a one-sided"
        head = _HEAD.match(match.group("subject").strip())
        noun = (head.group("like") or head.group("numbered")).lower() if head else ""
        if noun and not match.group("article"):  # "Code like that is called scaffolding"
            return f"{name[:1].upper()}{name[1:]} is {noun} that {reason}."
        if noun:  # "Sentence 48a is called a wide-scope negation"
            return f"{_article(name)} {name} is {_article(noun).lower()} {noun} that {reason}."
        return f"{_article(name)} {name} is one that {reason}."
    said = _plural_named(text, uses_term)
    if said is not None:
        return said
    named = _THIS_IS_KIND.search(text)
    if (named and uses_term(named.group("term")) and not _SPECIFIC.search(named.group("reason"))
            and len(named.group("term").split()) >= 2):
        name = named.group("term").strip()
        kind_word = name.split()[-1]
        return (f"{_article(name)} {name} is {_article(kind_word).lower()} {kind_word} that "
                f"{named.group('reason')}.")
    if (said := _named_at_end(text, uses_term) or _without_concession(text, uses_term)):
        return said
    match = _FORMALLY.match(text)
    if (match and uses_term(match.group("intro")) and len(term.split()) <= 4
            and not uses_term(match.group("genus"))):
        genus = match.group("genus").strip()
        return f"{_article(term)} {term} is {genus}."
    said = _named_after(text, uses_term)
    if said is not None:
        return said
    said = _appositive(term, text)
    if said is not None:
        return said
    match = _CONDITIONED.search(text)
    if match and match.start() > 0 and uses_term(match.group("naming")):
        return f"{match.group('condition')}, {match.group('naming')}."
    return text


_RULE_NAMED = re.compile(
    r"(?:^|\s)[^.:]*:\s+(?P<rule>(?:Given|From|If)\s[^.:]{10,200})\.\s+This(?:\s+(?P<kind>rule|form|"
    r"inference|pattern))?\s+is\s+(?:also\s+)?called\s+(?P<term>[^,.;]{3,50})\.$")
"""A rule stated after a colon and named after it ("...: Given a conditional and its
antecedent, the consequent follows ... This is called modus ponens.")."""
_POSSIBLE_NAMED = re.compile(
    r"(?:^|\s)It is (?:possible|legitimate) to have (?P<thing>an?\s[^.:;]{5,100})\.\s+This\s+"
    r"(?:\w+\s+)?is\s+(?:also\s+)?called\s+(?P<article>the|an?)\s+(?P<term>[^,.;]{3,50})\.")
"""A thing the text says may exist, then named ("It is possible to have a set with no members
in it. This is called the empty set.")."""
_SYMBOL_NAMED = re.compile(
    r"(?:^|\s)We (?:will |shall |can )?use the symbol (?P<symbol>\S{1,5}) to (?P<use>[^.:;]{5,120})\."
    r"\s+This symbol is\s+(?:also\s+)?called\s+(?P<article>the|an?)\s+(?P<term>[^,.;]{3,50})\.$")
"""A symbol introduced by its use, then named ("We will use the symbol '`' to indicate that a
proof is possible. This symbol is called the turnstile.")."""


_RULE_IS = re.compile(
    r"^(?P<said>[A-Z][^.]{15,200}\.(?:\s+[A-Z][^.]{5,120}\.)?)\s+(?:This|That) is the "
    r"(?:(?:general|schematic|basic) form of the )?(?P<name>[\w\- ]{3,50} rule"
    r"(?:\s+\([^)]{1,8}\))?)\.$")
"""A rule said in words, then named ("It is legitimate to infer ∃xPx if you know that
something is a P. This is the existential introduction rule (∃I).")."""


def _named_after(text: str, uses_term: Callable[[str], bool]) -> str | None:
    """A naming that points back at a general statement just made, restated with the name as
    its subject: a rule ("Modus ponens is the rule that, given a conditional and its
    antecedent, the consequent follows ..."), a thing said to be possible ("The empty set is a
    set with no members in it."), a symbol and its use ("The turnstile is the symbol '`', used
    to indicate that a proof is possible.")."""
    rule = _RULE_NAMED.search(text)
    if rule and uses_term(rule.group("term")) and not _SPECIFIC.search(rule.group("rule")):
        name = rule.group("term").strip()
        statement = rule.group("rule")
        return (f"{name[:1].upper()}{name[1:]} is the {rule.group('kind') or 'rule'} that, "
                f"{statement[:1].lower()}{statement[1:]}.")
    said = _RULE_IS.match(text)
    if said and uses_term(said.group("name")) and not _POINTS.search(said.group("said")):
        words = said.group("said")
        return f"The {said.group('name')} says that {words[:1].lower()}{words[1:]}"
    thing = _POSSIBLE_NAMED.search(text)
    if thing and uses_term(thing.group("term")) and not _SPECIFIC.search(thing.group("thing")):
        return f"{thing.group('article').capitalize()} {thing.group('term')} is {thing.group('thing')}."
    symbol = _SYMBOL_NAMED.search(text)
    if symbol and uses_term(symbol.group("term")) and not re.search(r"\d", symbol.group("use")):
        return (f"{symbol.group('article').capitalize()} {symbol.group('term')} is the symbol "
                f"{symbol.group('symbol')}, used to {symbol.group('use')}.")
    return None


_APPOSITIVE = r"(?P<before>\S+)\s+(?P<term>{term}),\s+(?:which\s+(?P<copula>is|are)\s+" \
              r"(?!(?:called|known|used|intended|like|not|also)\b)|(?P<article>an?)\s+)" \
              r"(?P<gloss>[a-z][^,;:.!?()]{{5,120}})\.$"
_INTRODUCING_WORD = re.compile(r"^(?:an?|the|to|for|of|is|are|start|use|using|introduce|"
                               r"investigate|define|compute|call|represents?|provides?|with)$",
                               re.IGNORECASE)
"""A word after which a term is the one the sentence introduces ("start a subproof, ..."),
not a modifier of a longer name ("a null hypothesis, which is ...")."""


def _appositive(term: str, text: str) -> str | None:
    """A sentence about something else that says what the term is in an appositive at its
    end ("... start a subproof, a proof within the main proof.", "... investigate
    seasonality, which is periodic behavior.") restated with the term as its subject ("A
    subproof is a proof within the main proof.")."""
    if f"{term.lower()}," not in text.lower() or "." in text.rstrip(".") or re.match(rf"^\W*(?:(?:an?|the)\s+)?{re.escape(term)}s?\s+"
                                           r"(?:is|are)\b", text, re.IGNORECASE):
        return None  # one sentence, not one already saying what the term is
    match = re.search(_APPOSITIVE.format(term=re.escape(term)), text, re.IGNORECASE)
    if (match is None or not _INTRODUCING_WORD.match(match.group("before"))
            or _SPECIFIC.search(match.group("gloss"))):
        return None
    name = match.group("term")
    before = match.group("before").lower()
    if before in ("a", "an") or match.group("article"):
        subject = f"{_article(name)} {name}"
    elif before == "the":
        subject = f"The {name}"
    else:
        subject = name[:1].upper() + name[1:]
    article = f"{match.group('article')} " if match.group("article") else ""
    return f"{subject} {match.group('copula') or 'is'} {article}{match.group('gloss').strip()}."


class _Sentence(Protocol):
    text: str
    chunk: int
    section: str


EXAMPLE_BOUND = re.compile(r"^\W*(?:In (?:this|that|the [\w-]+) (?:case|example)|"
                           r"For (?:example|instance)|In each frame)\b", re.IGNORECASE)
"""A sentence that speaks of the example at hand ("In this case, the result is the words
Hello, World!", "In the NSFG example, the apparent effect is ..."): not what the term is in
general."""
GENUS_ONLY = re.compile(r"\b(?:is|are)\s+(?:an?\s+)?(?:kind|type|sort)\s+of\s+\w+\.?$")
"""A sentence that gives the genus alone ("A raw moment is a kind of statistic.")."""
NAMED_IN_PASSING = re.compile(
    r"^(?:[A-Z]\w*\s+){1,3}(?:\w+\s+){0,3}called\s+(?:an?|the)\s+[\w\- ]+?(?:,\s*)?\s+"
    r"(?!is\b|are\b)[a-z]+s\b|,\s*called\s+(?:an?|the)\s+[\w\- ]+,\s+(?:is|are)\s+[^.]*\d|"
    r"\b(?<!is )(?<!are )called\s+(?:an?|the)\s+[\w\- ]+?,?\s+(?:and|to|that|which)\s|"
    r"^(?:Like|Unlike|As with)\b|" + GENUS_ONLY.pattern)
"""A naming in passing, inside a sentence about something else: the named thing does
something ("An optional argument called a delimiter specifies ...", "we can shift the time
series by an interval called a lag, and then ..."), an example's value is stated ("The most
common value, called the mode, is 7 pounds."); or a comparison ("Like the mean, the median is
...") or the genus alone ("A raw moment is a kind of statistic."). With a glossary entry for
the term, its words say better what the term is."""


def said_elsewhere(
    term: str, surfaces: Counter[str], forms: Sequence[str], chunks: Sequence[int],
    introducing: int, sentences: Sequence[_Sentence], by_chunk: dict[int, list[int]],
    min_score: float, plain: Callable[[_Sentence], bool],
) -> tuple[str, int] | None:
    """For a term introduced by a sentence that leans on the text before it or only says
    something of it (``chunks``: the passages that mention it, in reading order, the first
    ``introducing`` of them read for where the book introduces it): the words of a sentence
    that says what it is under the abbreviation the book declares for it, else of a
    ``plain`` definition (a sentence of the body, no glossary line) in its later passages;
    with the passage they are in."""
    near = [p for chunk in chunks[:2] for p in by_chunk.get(chunk, [])]
    short_form = abbreviation(forms[0], [sentences[p].text for p in near])
    for position in near if short_form is not None else []:
        sentence = sentences[position]
        said = Candidate(sentence.text, sentence.section)
        assert short_form is not None
        if (features(short_form, said)["subject_copula"] and not leans(sentence.text)
                and definition_score(short_form, said) >= min_score):
            name = next((s for s in surfaces if s.islower()), term)  # not a heading's capitals
            text = clean_definition(short(by_abbreviation(name, short_form, sentence.text)))
            return (text, sentence.chunk) if text else None
    later = [p for chunk in chunks[introducing:] for p in by_chunk.get(chunk, [])]
    found = restated(forms, later, sentences, plain, mentions_key)
    if found is None:
        return None
    text = clean_definition(short(sentences[found].text))
    return (text, sentences[found].chunk) if text else None


_COMPLETE = re.compile(r"[A-Za-z)'\"]\s*[.!]$")
"""A sentence that ends as one (not on an exercise's number: "... is a contradiction 4.")."""
_POINTS = re.compile(r"\b(?:such|this|these|those|above|below|former|latter)\b", re.IGNORECASE)
"""A word pointing at text around the sentence ("there is no such assignment")."""
_STATES = re.compile(r"\b(?:is|are|called|defined?|say)\b")
"""A word every plain definition has (checked first: it is cheap)."""
_QUALIFIED = re.compile(r"\s+in\s+[A-Za-z]{1,4}\b(?!\s+(?:is|are)\b)")
"""A term qualified by the language it holds in ("contingent in QL")."""


SUBJECT_CHARS = 40
"""How far into a sentence a term may start and still be its subject (checked first: cheap)."""


def _placed(lowered: str, forms: Sequence[str]) -> bool:
    """Whether a form of the term stands where a definition puts it: near the start (the
    subject) or right after a copula or a naming verb ("... is said to be valid if")."""
    for form in forms:
        at = lowered.find(form.lower())
        while at >= 0:
            if at <= SUBJECT_CHARS or re.search(r"\b(?:is|are|be|called|as)\s+(?:\w+\s+){0,2}$",
                                                lowered[max(0, at - 30): at]):
                return True
            at = lowered.find(form.lower(), at + 1)
    return False


def restated(
    forms: Sequence[str], positions: Sequence[int], sentences: Sequence[_Sentence],
    plain: Callable[[_Sentence], bool], mentions: Callable[[str, str], bool],
) -> int | None:
    """The position, among ``positions`` (the sentences of the term's later passages, past
    those read for where the book introduces it), of a sentence that says ``plain``-ly what
    the term is, complete and pointing at nothing around it: a book often names a thing by
    an example first and states it in general later ("Sentences like this are called
    contingent sentences" ... "A sentence is contingent if it is neither a tautology nor a
    contradiction"). A statement of the bare term is preferred to one qualified by a language
    ("contingent in QL"); the first in reading order of the better kind."""
    found: list[tuple[bool, int]] = []
    for position in positions:
        sentence = sentences[position]
        text = sentence.text
        if (not _COMPLETE.search(text) or _POINTS.search(text) or not _STATES.search(text)
                or not _placed(text.lower().replace("-", " "), forms)
                or not any(mentions_key(text, form) for form in forms) or not plain(sentence)):
            continue
        qualified = any(_QUALIFIED.match(text[hit.end():]) for form in forms
                        for hit in re.finditer(rf"\b{re.escape(form)}\b", text, re.IGNORECASE))
        found.append((qualified, position))
    return min(found)[1] if found else None


_DECLARED = re.compile(r"\s*(?:(?:[—–-]+|,)\s*(?:abbreviated|or|for short)\s+|\()"
                       r"(?P<short>[A-Z]{2,6})\b")
"""Where a text declares an abbreviation for the words before it ("— abbreviated UD", "(KDE)")."""


def abbreviation(term: str, texts: Sequence[str]) -> str | None:
    """The abbreviation the book declares for the term ("a universe of discourse—
    abbreviated UD", "kernel density estimation (KDE)"), if any."""
    term = term.lower()
    for text in texts:
        for match in _DECLARED.finditer(text):
            if text[: match.start()].lower().endswith(term):
                return match.group("short")
    return None


def by_abbreviation(term: str, short_form: str, text: str) -> str:
    """``text``, a sentence that says what the term is under its abbreviation ("The UD is the
    set of things that we are talking about."), with the term's own name given first ("The
    universe of discourse (UD) is the set of ...")."""
    return re.sub(rf"\b{re.escape(short_form)}\b", f"{term} ({short_form})", text, count=1)
