"""A question heading read as the topic it asks about, and its answer as the description.

A FAQ teaches by questions: "7.10 How do I convert factors to numeric?", "2.10 What is CRAN?",
"7.12 What are the enclosing and parent environments?", "5.2 How can add-on packages be
installed?". Each section is about the thing the question asks of, and the paragraph that
answers it says what the reader learns about it. :func:`asked_topic` reads a question as that
topic:

- "What is/are X?" asks what X is: the topic is X ("the current version of R");
- "How do/can/should I <verb> ...?" and "How to <verb> ..." ask how to do a task: the task,
  its verb in -ing ("converting factors to numeric", "saving the workspace");
- "How can/is X be <done>?" asks the same of a task said in the passive ("installing add-on
  packages"); "How does X work?" asks what X is ("autoloading");
- "Is there X?", "Can I <verb> ...?", "What/Which X exist for Y?" ask of X, of the task, of X
  for Y.

Any other question ("Why is read.table() so inefficient?", "Where have all the methods gone?")
names no one topic. :func:`answer_description` takes the answer's opening, a code line in the
middle of its sentence read as part of it ("you can use as.numeric(as.character(f)) to get the
numbers back"), as the topic's description, when it speaks of the topic at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.course import Chunk
from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.offline.concepts.section_topics import (
    COMMON_WORD_ZIPF,
    MAX_NAME_WORDS,
    displayed,
    names_topic,
)
from tutor.sentences import split_sentences
from tutor.text import STOPWORDS, content_stems, general_zipf, normalize

_SUBJECTS = r"(?:I|you|we|one)"
_MODALS = r"(?:do|does|can|could|should|would|may|might|must)"

_WHAT_IS = re.compile(r"^(?:What|Who)\s+(?:is|are)\s+(?P<topic>.+)$", re.IGNORECASE)
_HOW_TO = re.compile(rf"^How\s+(?:{_MODALS}\s+{_SUBJECTS}\s+|to\s+)"
                     r"(?P<verb>[a-z]+(?:\s+(?:or|and)\s+[a-z]+)?)\s+(?P<rest>.+)$",
                     re.IGNORECASE)
_HOW_PASSIVE = re.compile(r"^How\s+(?:(?:can|could|should|may|must)\s+(?P<thing>.+?)\s+be|(?:is|are)"
                          r"\s+(?P<other>.+?))\s+(?P<done>[a-z]+ed)(?P<rest>\s+.+)?$",
                          re.IGNORECASE)
_HOW_WORKS = re.compile(r"^How\s+(?:do|does)\s+(?P<thing>.+?)\s+work(?P<rest>\s+.+)?$",
                        re.IGNORECASE)
_IS_THERE = re.compile(r"^(?:Is|Are)\s+there\s+(?:any\s+|an?\s+)?(?P<topic>.+)$", re.IGNORECASE)
_CAN_I = re.compile(rf"^(?:Can|May|Should)\s+{_SUBJECTS}\s+(?P<verb>[a-z]+)\s+(?P<rest>.+)$",
                    re.IGNORECASE)
_WHICH_EXIST = re.compile(r"^(?:What|Which)\s+(?P<topic>[\w\- ]+?)\s+exists?\s+(?P<rest>.+)$",
                          re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_OWNERS = re.compile(r"\b(?:my|your|our)\b", re.IGNORECASE)
_ASIDE = re.compile(r"\s*\([^()]*\)\s*$")
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[A-Z](?:\.\d+)+\.?)\s+")
_INTERROGATIVE = re.compile(r"^(?:what|who|how|which|is|are|can|may|should)\b", re.IGNORECASE)
_QUALIFIERS = frozenset("in on for with when during into within under from".split())
"""Words opening a qualifier a long topic may lose ("... in a long simulation")."""
_SHORT_DOUBLED = re.compile(r"^(?:[^aeiou]{1,2})[aeiou][bdgmnprt]$")
"""A verb of one short syllable ending in a consonant doubles it before -ing ("set",
"stop")."""

_ENDED = re.compile(r"[.!?][\"'\u201d)\]]*$")
"""A sentence's end, a closing quote or bracket after it."""
_COMMENT = re.compile(r"\s#+\s.*$")
"""A code comment the page ran onto the end of a line ("... par("srt"). ## Increase ...")."""
_POINTER = re.compile(r"^(?:See|Refer to|Read)\b|^(?:The answer|This) is (?:in|given)\b")
"""An answer that only points elsewhere."""

DESCRIPTION_WORDS = 25
"""An answer's description takes sentences until it has at least this many words."""
DESCRIPTION_SENTENCES = 2
"""... or this many sentences."""


def is_question(heading: str) -> bool:
    """Whether a heading asks a question (its numbering aside)."""
    title = _NUMBERING.sub("", heading.strip())
    return title.endswith("?") or _INTERROGATIVE.match(title) is not None and any(
        pattern.match(_ASIDE.sub("", title)) for pattern in _PATTERNS)


def asked_topic(heading: str) -> str | None:
    """The topic a question heading asks about, in the heading's own words; None for a
    heading that is no question or asks of no one topic."""
    title = _ASIDE.sub("", _NUMBERING.sub("", heading.strip()).rstrip(" ?")).strip()
    if not _INTERROGATIVE.match(title):
        return None
    topic: str | None = None
    if match := _HOW_WORKS.match(title):
        topic = match.group("thing") + (match.group("rest") or "")
    elif match := _HOW_TO.match(title):
        topic = _task(match.group("verb"), match.group("rest"))
    elif match := _HOW_PASSIVE.match(title):
        base = _base_verb(match.group("done"))
        thing = match.group("thing") or match.group("other")
        topic = _task(base, thing + (match.group("rest") or "")) if base else None
    elif match := _WHICH_EXIST.match(title):
        topic = f"{match.group('topic')} {match.group('rest')}"
    elif match := _WHAT_IS.match(title):
        topic = match.group("topic")
    elif match := _IS_THERE.match(title):
        topic = match.group("topic")
    elif match := _CAN_I.match(title):
        topic = _task(match.group("verb"), match.group("rest"))
    if topic is None:
        return None
    topic = _ARTICLE.sub("", " ".join(topic.split()))
    return topic or None


def asked_named(heading: str) -> tuple[str, list[str]] | None:
    """The concept a question heading names, as the map writes it, with the question's topic
    in its own words as an alias when they differ; None when it asks of no one topic."""
    topic = asked_topic(heading)
    if topic is not None:
        topic = _shortened(topic)
    if topic is None or not (names_topic(topic) or _names_asked(topic)):
        return None
    first = topic.split()[0]
    if first.endswith("ing") and first.islower():
        name = topic  # a task, said as the question says it ("creating rotated axis labels")
    else:
        name = displayed(topic)
    return name, [topic] if topic != name else []


def _shortened(topic: str) -> str:
    """A topic of more than :data:`MAX_NAME_WORDS` words without its trailing qualifiers
    ("capturing or ignoring errors in a long simulation" -> "capturing or ignoring errors");
    a topic no cut brings under the limit stays as it is."""
    words = topic.split()
    while len(words) > MAX_NAME_WORDS:
        cut = max((i for i, w in enumerate(words) if i > 1 and w.lower() in _QUALIFIERS),
                  default=0)
        if not cut:
            break
        words = words[:cut]
    return " ".join(words)


def _names_asked(topic: str) -> bool:
    """A question's topic is a name on weaker terms than a heading's: any few words not
    opening or ending on a function word ("writing summary methods", though "summary" alone
    names a part of a book), one word when it is no common English word ("autoloading")."""
    words = topic.split()
    lower = [w.lower() for w in words]
    if not 1 <= len(words) <= MAX_NAME_WORDS or len(topic) > 60 or ", " in topic:
        return False
    if lower[0] in STOPWORDS or lower[-1] in STOPWORDS:
        return False
    return len(words) > 1 or general_zipf(lower[0]) < COMMON_WORD_ZIPF


def question_answer(opening: Sequence[Sentence], topic: str, heading: str,
                    chunks: Sequence[Chunk]) -> tuple[Sentence, str, list[str]] | None:
    """The answer to a question section as its topic's description, with the sentence it
    starts at and the answer's further sentences as key points; None when the section's
    first passage does not open on the question, or the answer does not speak of the
    topic."""
    if not opening or chunks[opening[0].chunk].heading != heading:
        return None
    description = answer_description(chunks[opening[0].chunk].text, heading)
    if description is None or not answers_topic(description, topic):
        return None
    points = [description, *(s.text for s in opening if s.text not in description)][:4]
    return opening[0], description, points


def answer_description(text: str, heading: str) -> str | None:
    """The opening of a question's answer: the text after the heading line, lines joined (a
    code line inside a sentence stays in it), its first sentences up to
    :data:`DESCRIPTION_WORDS` words; None when there is no prose sentence."""
    lines = normalize(text).split("\n")
    title = normalize(heading).strip()
    if lines and lines[0].strip() == title:
        lines = lines[1:]
    kept: list[str] = []
    for line in lines:
        line = _COMMENT.sub("", line).strip()
        if kept and _ENDED.search(kept[-1]) and not re.match(r"[A-Z(\u201c\"]", line):
            break  # a code block after a finished sentence
        if line:
            kept.append(line)
    taken: list[str] = []
    for sentence in split_sentences(" ".join(kept)):
        if not _ENDED.search(sentence) or len(sentence.split()) < 4:
            break
        if _POINTER.match(sentence):
            break  # "See Section ... in Writing R Extensions.": the answer is elsewhere
        taken.append(sentence)
        if (sum(len(s.split()) for s in taken) >= DESCRIPTION_WORDS
                or len(taken) >= DESCRIPTION_SENTENCES):
            break
    return " ".join(taken) or None


def answers_topic(description: str, topic: str) -> bool:
    """Whether an answer speaks of what its question asks: a content word of the topic
    (its stem) is in the answer."""
    return bool(set(content_stems(topic)) & set(content_stems(description)))


def _task(verb: str, rest: str) -> str | None:
    """A task named by its verb in -ing and what it works on, the reader's possessives read as
    "the" ("save my workspace" -> "saving the workspace")."""
    verbs = verb.split()
    if not all(v.isalpha() and v.islower() for v in verbs) or verbs[0] in ("be", "have"):
        return None
    said = " ".join(v if v in ("or", "and") else _gerund(v) for v in verbs)
    return f"{said} {_OWNERS.sub('the', rest)}"


def _gerund(verb: str) -> str:
    """The -ing form of a verb in its base form ("save" -> "saving", "set" -> "setting",
    "debug" -> "debugging"): of the spellings the rules allow, the commonest English word."""
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    forms = [verb + "ing"]
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")) and len(verb) > 2:
        forms.append(verb[:-1] + "ing")
    if re.search(r"[aeiou][bdgklmnprt]$", verb) and not re.search(r"[aeiou]{2}.$", verb):
        forms.append(verb + verb[-1] + "ing")
    best = max(forms, key=general_zipf)
    if general_zipf(best) > 0:
        return best
    return forms[-1] if _SHORT_DOUBLED.match(verb) or len(forms) == 2 else forms[0]


def _base_verb(participle: str) -> str | None:
    """The base form of a past participle in -ed ("installed" -> "install", "used" -> "use"),
    the form with a final e when that is an English word."""
    stem = participle.lower()[:-2]
    if len(stem) < 2:
        return None
    if general_zipf(stem + "e") >= 3.0:
        return stem + "e"
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "ls":
        return stem[:-1]  # "stopped" -> "stop"
    return stem


_PATTERNS = (_HOW_WORKS, _HOW_TO, _HOW_PASSIVE, _WHICH_EXIST, _WHAT_IS, _IS_THERE, _CAN_I)
