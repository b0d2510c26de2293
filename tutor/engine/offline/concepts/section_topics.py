"""What a section's heading names: the topic a section devoted to one thing teaches.

:func:`topic_name` reads a heading as the name of a concept (:mod:`section_concepts` defines
it by the section's opening): the heading's words without numbering, leading article or
possessive ("Writing your own functions" -> "writing functions"); a task heading names what it
works on when that is a term of several words ("Generating regular sequences" -> "regular
sequence") or a term of its own ("Getting and setting attributes" -> "attribute"), else its
action ("Converting from X" -> "conversion from X"); a word in -ing the book's prose uses as an
adjective ("the operating system") is no task's verb; a function's section is named by its call
("The par() function" -> "par()"); a heading in two parts keeps the first ("Conditional
execution: if statements"), the second becomes an alias. Never a bare common word ("Options",
"Reference"), an example, front or back matter, nor a group of API entries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.engine.offline.concepts.book_matter import is_licence_title, is_matter_title
from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.offline.terms import GENERIC_WORDS, term_key
from tutor.text import STOPWORDS, general_zipf, singular

COMMON_WORD_ZIPF = 4.5
"""A one-word topic at least this common in general English ("Options", "Families") names no
topic of its own."""

MAX_NAME_WORDS = 6

ACTION_NOUN_ZIPF = 3.0
"""The noun of a task's action ("conversion" of "converting") is at least this common in
general English."""

NUMBERING = re.compile(r"^(?:(?:appendix|chapter|part)\s+[A-Z0-9]+[.:]?\s+|\d+(?:\.\d+)*\.?\s+"
                       r"|[A-Z](?:\.\d+)+\.?\s+|[A-Z][a-z]+\s+(?:\d+|[IVX]+)\s*:\s+)", re.IGNORECASE)
"""A heading's numbering ("7.3.2 ", "Appendix B ", "B.1 "), or a numbered label before the
topic ("Method 2: Horner's scheme", "Step 3: ")."""
_LABEL_ONLY = re.compile(r"[A-Za-z]+\s+(?:\d+[a-z]?|[IVX]+|[A-Za-z])")
"""A heading that is a label and its number ("Method 2", "Case B") or a case of a variable
("Large n"): it names no topic."""

_PARTS = re.compile(r"\s*[:;]\s+|\.\s+(?=[A-Z])|\s+[-\u2013\u2014]\s+")
"""Where a heading in two parts splits ("Conditional execution: if statements")."""

_GERUND = re.compile(r"^(?P<verb>[A-Za-z]{3,}ing(?:\s+(?:and|or)\s+[a-z]{3,}ing)?)\s+(?P<rest>.+)$")

_NOUN_ING = frozenset("string thing ring king spring wing padding bring building setting "
                      "heading warning meaning encoding".split())
"""Words ending in -ing that open a topic's name as nouns ("String functions")."""

_CUT = re.compile(r"\s+(?:with|from|to|into|in|on|for|by|under|using|via|as)\s+.*$")

_LEADING_CUT = re.compile(r"(?:from|to|into|between|with|by)\s+\S")
"""A task heading whose verb is followed straight by a preposition ("Converting from ...")."""

_ADJECTIVE_ING = re.compile(r"\b(?:the|a|an|your|its|their|this|each)\s+([a-z]{3,}ing)\s+([a-z]+)")
"""A word in -ing used as an adjective: after an article and before a noun ("the operating
system")."""

_CALLED = re.compile(r"^([A-Za-z_][\w.]*\(\))\s+(?:function|command|macro|method)$")
"""A heading naming a function by its call ("The read.table() function")."""

_PROGRAM = re.compile(r"[a-z]+(?:\d[\w-]*|[A-Z][\w-]*|_[\w-]+)")
"""A program's or function's name as code writes it, neither a word nor a capitalised title
word ("asn1Parser", "idn2", "read_table"; not "MPFR")."""

_OWNERS = re.compile(r"\b(?:your|our|my|their|its)\s+(?:own\s+)?", re.IGNORECASE)

_ARTICLE = re.compile(r"^(?:(?:the|a|an|some|other|more|further|new)\s+)+", re.IGNORECASE)

AUXILIARY = frozenset("is are was were be has have had can could may might must will would "
                     "should does do did".split())
"""Auxiliary verbs: a heading with one is a statement, a sentence with one has a verb."""

_API_GROUPS = frozenset("interface interfaces macro macros implementation implementations"
                        .split())
"""Heads of a section on a group of reference entries or on the code behind a thing."""

_QUALIFIERS = frozenset("with for of between to in on".split())
"""Prepositions after a name's head: what follows qualifies it."""

_NOT_FIRST = frozenset("first second third last final next previous my i i'm i've we".split())

_NO_TOPIC = frozenset(
    "introduction overview summary example examples exercise exercises preliminaries "
    "miscellaneous background remarks caveats tips basics conclusion conclusions appendix "
    "preface foreword problems solutions answers bibliography discussion motivation "
    "acknowledgments acknowledgements sample samples warranty concepts"
    .split())
"""Words that make a heading about the book or about several things, not about one topic. A
heading on copyright or licences ("Copyright Papers", "License Notices for Code") is a topic
in the body of a guide; the book's own licence is matter (:func:`is_matter_title`, and its
passages are no sentences of the course)."""

_NO_TOPIC_ALONE = frozenset(
    "usage options details notes reference general history index contents glossary "
    "features facilities".split())
"""Words that, alone, name a part of the book rather than a topic ("Options", "Index")."""


def topic_name(heading: str, adjectives: frozenset[tuple[str, str]] = frozenset(),
               words: frozenset[str] | None = None) -> tuple[str, list[str]] | None:
    """The concept a section heading names, with its aliases; None for a heading that names
    no one topic (matter, an example, a common word, a list of several things).
    ``adjectives``: the pairs of a word in -ing and the noun it qualifies in the book's prose
    (:func:`adjective_participles`); ``words``: the book's words in lower case, when known (a
    task's action is named by a noun the book uses, else by its own words: "replying to mail",
    never "replication to mail")."""
    if is_matter_title(heading) or is_licence_title(heading):
        return None
    title = NUMBERING.sub("", heading.strip()).strip(" .?!")
    parts = [p.strip(" .") for p in _PARTS.split(title) if p.strip(" .")]
    if not parts or _LABEL_ONLY.fullmatch(parts[0]):
        return None
    first = _bare(parts[0], adjectives, words)
    aliases = [a for a in (_bare(p, adjectives, words) for p in parts[1:2])
               if a and names_topic(a)]
    if first is None or not names_topic(first):
        return None
    said = {w.lower() for part in parts for w in re.findall(r"[A-Za-z]+", part)}
    if said & (AUXILIARY | {"versus", "vs"}):
        return None  # a statement ("Strings are immutable") or a contrast, not a topic
    name = displayed(first)
    called = _CALLED.match(name)
    named_call = next((m for m in (_CALLED.match(a) for a in aliases) if m), None)
    if called:  # "The plot() function": the function is named by its call
        name, aliases = called.group(1), [name, *aliases]
    elif named_call:  # "Permanent changes: The par() function": the section is the function's
        name, aliases = named_call.group(1), [named_call.group(0)]
    elif gerund_object := _gerund_object(first):
        name, aliases = gerund_object, [name, *aliases]
    titled = displayed(_ARTICLE.sub("", parts[0]))
    if len(titled.split()) <= MAX_NAME_WORDS and ", " not in titled:
        aliases.append(titled)  # the book's own words: "commenting your work" (task
        # headings are named as a teacher says them: "Writing robust programs")
    unique: dict[str, str] = {}
    for alias in aliases:
        unique.setdefault(term_key(alias), alias)
    return name, [a for key, a in unique.items() if key != term_key(name)]


def common_topic(heading: str) -> str | None:
    """The one common word a heading names ("3.2.6 switch", "6.1 Lists" -> "list"), which
    :func:`topic_name` refuses as too common to be a topic on its word alone; the section
    must then define it plainly. None for any other heading (an activity in -ing, a part of
    the book, matter)."""
    if is_matter_title(heading):
        return None
    title = NUMBERING.sub("", heading.strip()).strip(" .?!")
    if not re.fullmatch(r"[A-Za-z]{2,}", title) or title.lower().endswith("ing"):
        return None
    word = title.lower()
    if word in _NO_TOPIC | _NO_TOPIC_ALONE | STOPWORDS | GENERIC_WORDS:
        return None
    return displayed(title) if not title[1:].islower() or title.islower() else displayed(
        title.lower())


def _gerund_object(name: str) -> str | None:
    """The one thing a task heading works on, when it is a term of its own rather than a
    common word ("Getting and setting attributes" -> "attribute"; not "Editing data"), or a
    program's name ("Invoking asn1Coding" -> "asn1Coding")."""
    gerund = _GERUND.match(name)
    if gerund is None or gerund.group("verb").split()[0].lower() in _NOUN_ING:
        return None
    rest = gerund.group("rest").split()
    if len(rest) == 1 and _PROGRAM.fullmatch(rest[0]):
        return rest[0]  # "Invoking asn1Parser": the program the section shows how to run
    if len(rest) != 1 or not rest[0].isalpha() or not rest[0].islower():
        return None
    one = singular(rest[0])
    return one if general_zipf(one) < COMMON_WORD_ZIPF and names_topic(one) else None


def adjective_participles(sentences: Sequence[Sentence]) -> frozenset[tuple[str, str]]:
    """The words in -ing the book's prose uses as adjectives, with the noun after them
    ("the operating system" -> ("operating", "system"))."""
    return frozenset((m.group(1), m.group(2)) for s in sentences
                     for m in _ADJECTIVE_ING.finditer(s.text.lower()))


def _bare(part: str, adjectives: frozenset[tuple[str, str]] = frozenset(),
          words: frozenset[str] | None = None) -> str | None:
    """A heading part without a leading article, possessives and a task's verb: the thing
    the section is about ("Generating regular sequences" -> "regular sequences"; "Getting help
    with functions" -> "getting help"). A word in -ing the book uses as an adjective
    (``adjectives``: "the operating system") is no task's verb."""
    part = _ARTICLE.sub("", part.strip())
    if not part.lower().startswith("my "):
        part = _OWNERS.sub("", part).strip(" ,")
    if part.endswith(", etc"):
        return None  # "R commands, case sensitivity, etc.": several things
    gerund = _GERUND.match(part)
    verb = gerund.group("verb").split()[0].lower() if gerund else ""
    if gerund and (verb, gerund.group("rest").split()[0].lower()) in adjectives:
        return part  # "Operating system access": the book says "the operating system"
    if gerund and verb not in _NOUN_ING and gerund.group("rest").lower().startswith("of "):
        return part  # "Licensing of GNU packages": the activity is the topic, its object
        # says of what
    if gerund and verb not in _NOUN_ING and _LEADING_CUT.match(gerund.group("rest")):
        noun = _action_noun(verb)  # "Converting from X": nothing is left but the action
        if noun and words is not None and not {noun, f"{noun}s"} & words and " and " not in part:
            return part  # "Replying to mail": the book has no "replication", a word of
            # another sense; the task keeps its own words
        return f"{noun} {gerund.group('rest')}" if noun and " and " not in part else None
    if gerund and verb not in _NOUN_ING:
        if _TO_VERB.search(gerund.group("rest")):
            return None  # "Putting LilyPond to work": an idiom, whose object is no topic
        rest = _ARTICLE.sub("", _CUT.sub("", gerund.group("rest"))).strip(" ,")
        if len(rest.split()) >= 2 and not rest.split()[-1].lower().endswith("ly"):
            return rest  # "Managing the search path" -> "search path"
        verb = gerund.group("verb")
        return f"{verb} {rest}".strip() if rest else None
    return part or None


_TO_VERB = re.compile(r"\s+to\s+(?:work|use|run|go|do|get|make|be)\s*$", re.IGNORECASE)
"""A task's verb completed by an infinitive ("Putting LilyPond to work", "Getting Emacs to
run"): the phrase says what is done, and its object alone ("putting LilyPond") names nothing."""


def _action_noun(gerund: str) -> str | None:
    """The noun that names a task's action ("converting" -> "conversion", "validating" ->
    "validation", "comparing" -> "comparison"): the commonest English word among the usual
    endings, None when none is a word."""
    stem = gerund[:-3]
    forms = [stem + "ion", stem + "ation", stem[:-1] + "sion", stem + "ison", stem + "ment",
             stem + "ement", stem[:-1] + "ication", stem + "e"]
    best = max(forms, key=general_zipf)
    return best if general_zipf(best) >= ACTION_NOUN_ZIPF else None


def names_topic(name: str) -> bool:
    """A name a concept can have: a few words, not a common word alone, not only the book's
    own words ("Introduction", "Miscellaneous functions")."""
    words = name.split()
    lower = [w.lower().strip("()") for w in words]
    if not 1 <= len(words) <= MAX_NAME_WORDS or len(name) > 60:
        return False
    if not any(sum(c.isalpha() for c in w) >= 2 for w in words):
        return False
    if any(w in _NO_TOPIC for w in lower) or lower[0] in STOPWORDS or lower[-1] in STOPWORDS:
        return False
    if ", " in name or lower[0] in ("and", "or"):
        return False  # a list of several things
    qualified = next((i for i, w in enumerate(lower) if i > 0 and w in _QUALIFIERS), len(lower))
    if lower[qualified - 1] in _API_GROUPS:
        return False  # "General CCM interface", "EAX helper macros": a group of reference
        # entries, the entries' own concepts (not "Compatibility with other implementations",
        # whose head is before its qualifier)
    if lower[0] in _NOT_FIRST:
        return False  # "The first program", "My program hangs": a step or a reader's trouble
    if len(words) == 1:
        word = lower[0]
        if word in _NO_TOPIC_ALONE:
            return False
        if word.endswith("ing") and not words[0].isupper():
            return False  # an activity ("Plotting", "Copying"), not a topic
        return not (general_zipf(singular(word)) >= COMMON_WORD_ZIPF and not words[0].isupper())
    return not all(w in GENERIC_WORDS or w in STOPWORDS for w in lower)


def displayed(name: str) -> str:
    """The name as the map writes it: lower case unless written in capitals, the head noun
    singular ("Regular sequences" -> "regular sequence"); a task's object keeps its number,
    since the task is the head ("Recruiting Developers" -> "recruiting developers")."""
    titled = all(w[:1].isupper() for w in name.split() if w.lower() not in STOPWORDS)
    words = [w if w.isupper() or any(c.isupper() for c in w[1:]) or (
        i > 0 and w[:1].isupper() and not titled) else w.lower()
        for i, w in enumerate(name.split())]
    lowered = [w.lower() for w in words]
    head = lowered.index("of", 1) - 1 if "of" in lowered[1:] else len(words) - 1
    word = words[head]
    task = (head > 0 and lowered[0].endswith("ing") and lowered[0] not in _NOUN_ING
            and _GERUND.match(name) is not None)
    if not task and word.islower() and word.endswith("s") and not word.endswith("ss"):
        one = singular(word)
        if one != word and general_zipf(one) >= 2.0:
            words[head] = one
    return " ".join(words)
