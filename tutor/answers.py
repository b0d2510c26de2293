"""Answer matching, one place for both engines: which option an answer picks, whether it is the
key, and keeping the key out of text the learner reads.

A learner may answer a multiple-choice or true/false exercise with the option's text, its
letter (``b``, ``(b)``, ``b)``), its 1-based number (``2``, ``2.``) or, for true/false, a
verdict word (``T``, ``yes``, ``no``, ``wrong``...). :func:`chosen_option` finds the option,
:func:`key_verdict` says whether an answer is right when code can tell (choices, and a cloze
answer equal to the key or an accepted spelling), and ``None`` when it takes judgement (a
short answer, a cloze answer that is near but not equal). The offline grader and the Claude
engine both call these, so an answer is right or wrong the same way on either engine.

:func:`mask_answer` and :func:`reveals_answer` find the key in text (whole words, any case,
spaces flexible, a plural ending allowed); the teach graph masks every message with them while
an answer is withheld, and the Claude engine's withholding builds on them. The words of a name
in a description an item quotes to ask for that name are masked by :mod:`tutor.name_masking`
(with :data:`MASK`).
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache

from rapidfuzz import fuzz

from tutor.course import NOTE_DESCRIBES, Exercise, ExerciseKind, ExerciseOrigin
from tutor.negation import sense_turns
from tutor.text import ARTICLES, content_stems, fold, singular

TRUE_WORDS = frozenset({"true", "t", "yes", "y", "correct", "right"})
FALSE_WORDS = frozenset({"false", "f", "no", "n", "incorrect", "wrong"})
MASK = "[…]"
"""What stands for a withheld key: plain in Markdown and in terminals (a line of underscores
alone renders as a horizontal rule)."""
_OPTION = re.compile(r"^\(?\s*(?:option\s+)?([a-z]|\d{1,2})\s*[).:]?$")
_CHOICE_KINDS = (ExerciseKind.MULTIPLE_CHOICE, ExerciseKind.TRUE_FALSE)


# -- normalisation ---------------------------------------------------------------------------
def normalise(text: str) -> str:
    """Lower case, punctuation and articles out, words singular, spaces collapsed."""
    return " ".join(singular(w) for w in fold(text).split() if w not in ARTICLES)


_SYNONYM = re.compile(
    r"\b(?:also (?:called|known as|named|termed)|sometimes called|otherwise known as)\s+"
    r"[\"'“‘]?(?P<term>[A-Za-z][\w-]*(?:\s+[\w-]+){0,3}?)[\"'”’]?\s*(?=[.,;:)]|$|\s+or\b)",
    re.IGNORECASE,
)


def stated_synonyms(text: str) -> list[str]:
    """Other names the text itself gives a term ("disjoint events are also called mutually
    exclusive" -> ``["mutually exclusive"]``): answers the course accepts as the same term."""
    return list(dict.fromkeys(m["term"].strip() for m in _SYNONYM.finditer(text or "")))


# -- sense -----------------------------------------------------------------------------------
def says_the_opposite(said: str, key: str) -> bool:
    """Whether an answer turns the key's sense around (:func:`tutor.negation.sense_turns` is
    odd; "neither ... nor" one negation, "no more than" none): "is a straight line" for "is not a straight line", "not binary search" for "binary
    search", "mutable" for "immutable". Every matcher that lets an answer be near the key
    (a near spelling, the key inside a longer answer, a paraphrase) refuses such an answer
    through this one test."""
    return sense_turns(said, key) % 2 == 1


# -- numbers ---------------------------------------------------------------------------------
_NUMERAL = re.compile(r"(?<![\w.])[-−]?\d+(?:,\d{3})*(?:\.\d+)?|(?<![\w.])[-−]?\.\d+")
_PERCENT = re.compile(r"\d\s*(?:%|percent\b)")


_WRITTEN_NUMBER = re.compile(r"-?\d+(?P<decimal>\.\d+)?|-?\d+/(?P<denominator>\d+)")


def number_kind(text: str) -> str:
    """``"integer"``, ``"decimal"`` or ``"fraction"`` for a text that is one number as a
    program shows it (``-3``, ``2.5``, ``15/2``: no spaces, separators or other signs);
    ``""`` for anything else."""
    written = _WRITTEN_NUMBER.fullmatch(text)
    if written is None:
        return ""
    return ("fraction" if written["denominator"] is not None
            else "decimal" if written["decimal"] else "integer")


def exact_number(text: str) -> Fraction | None:
    """The exact value of a :func:`number_kind` number (``15/2`` is 15/2, ``2.5`` is 5/2);
    ``None`` for anything else and for a fraction over 0."""
    if not number_kind(text):
        return None
    try:
        return Fraction(text)
    except ZeroDivisionError:
        return None


def _numerals(text: str) -> list[str]:
    return [n.replace(",", "").replace("−", "-") for n in _NUMERAL.findall(text or "")]


def same_number(said: str, key: str) -> bool | None:
    """Whether an answer gives the number a numeric key states, within the key's rounding:
    ``"2.6"``, ``"2.60"``, ``"about 2.6 pounds"``, ``"13/5 = 2.6"`` and ``"2.58"`` for
    ``2.6``; ``"94%"`` for ``94``; ``"0.94"`` for ``94%`` and ``"20%"`` for ``0.2``. ``None``
    when the key is no single number or the answer gives no single number (a word answer is
    left to the other matchers)."""
    keys = _numerals(key)
    if len(keys) != 1 or re.sub(r"[\d.,%\s−-]", "", key.replace("percent", "")):
        return None
    worked = said.rsplit("=", 1)[-1]  # "13/5 = 2.6": the result after the working
    given = list(dict.fromkeys(_numerals(worked)))
    if len(given) != 1:
        return None
    wanted = float(keys[0])
    decimals = len(keys[0].split(".")[1]) if "." in keys[0] else 0
    tolerance = 0.5 * 10 ** -decimals + 1e-9
    value = float(given[0])
    candidates = [value]
    key_percent, said_percent = bool(_PERCENT.search(key)), bool(_PERCENT.search(worked))
    if key_percent and not said_percent:
        candidates.append(value * 100)  # a share answered as a fraction
    if said_percent and not key_percent:
        candidates.append(value / 100)  # a fraction answered as a percentage
    return any(abs(c - wanted) <= tolerance for c in candidates)


# -- what a program shows --------------------------------------------------------------------
_QUOTE_KINDS = str.maketrans({'"': "'", "“": "'", "”": "'", "‘": "'", "’": "'", "−": "-"})
_INDEX_MARK = re.compile(r"^\[1\]\s*")  # the index an interpreter prints before a vector


def _as_shown(text: str) -> str:
    """Spaces only where they part two words or numbers ("2 3" is no "23"), a PDF's minus
    sign as ``-``, one kind of quote."""
    spaced = " ".join(text.translate(_QUOTE_KINDS).split())
    return re.sub(r"(?<!\w) | (?!\w)", "", spaced)


def shown_alike(said: str, shown: str) -> bool:
    """Whether an answer gives what a program shows: spacing and the kind of quote aside, every
    bracket, sign, digit, point and letter counts, so ``['a', 'b']`` is not ``('a', 'b')`` and
    ``42`` is not ``42.0``. A string shown in quotes may be given without them, the ``[1]`` an
    interpreter prints before a vector left out, a final ``;`` added; a product a system
    shows spaced (``2.25 b``) typed with ``*``, a power it shows with ``^`` typed ``**``."""
    want, typed = _as_shown(shown), said.strip().removesuffix(";")
    typed = typed.replace("**", "^") if "^" in shown and "**" not in shown else typed
    if "*" not in shown:
        typed = re.sub(r"(?<=[\w)])\s*\*\s*(?=[\w(])", " ", typed)
    got = _as_shown(typed)
    bare = want[1:-1] if len(want) >= 2 and want[0] == want[-1] == "'" else None
    return bool(got) and (got in {want, _as_shown(_INDEX_MARK.sub("", shown.strip()))}
                          or got == bare)


# -- choices ---------------------------------------------------------------------------------
def choices_of(exercise: Exercise) -> list[str]:
    """The options the learner picks from (``True``/``False`` for a true/false exercise)."""
    if exercise.choices:
        return list(exercise.choices)
    return ["True", "False"] if exercise.kind == ExerciseKind.TRUE_FALSE else [exercise.answer]


def verdict_word(text: str) -> bool | None:
    """``True`` for an answer opening with a true-word (``T``, ``yes``...), ``False`` for a
    false-word, ``None`` otherwise."""
    said = normalise(text)
    first = said.split()[0] if said else ""
    return True if first in TRUE_WORDS else False if first in FALSE_WORDS else None


def chosen_option(exercise: Exercise, text: str) -> int | None:
    """Index of the option the learner picked, or ``None`` when the answer matches none."""
    choices = choices_of(exercise)
    typed, exact = _as_shown(text), [_as_shown(c) for c in choices]
    if typed and exact.count(typed) == 1:
        return exact.index(typed)  # "-1" is the option -1, not 1; "(1, 2)" is no list
    normal = [normalise(c) for c in choices]
    said = normalise(text)
    if said in normal:
        return normal.index(said)
    if said and exercise.answer in choices and said in {normalise(a) for a in exercise.accepted}:
        return choices.index(exercise.answer)  # the key's command typed without its values
    match = _OPTION.match(" ".join(text.strip().lower().split()))
    if match:
        token = match.group(1)
        index = int(token) - 1 if token.isdigit() else ord(token) - ord("a")
        if 0 <= index < len(choices):
            return index
    if exercise.kind == ExerciseKind.TRUE_FALSE:
        verdict = verdict_word(text)
        wanted = {True: "true", False: "false", None: ""}[verdict]
        if wanted and wanted in normal:
            return normal.index(wanted)
    if not said:
        return None
    scores = sorted(((fuzz.ratio(said, n), i) for i, n in enumerate(normal)), reverse=True)
    near = scores[0][0] >= 85 and (len(scores) == 1 or scores[1][0] < scores[0][0])
    if near and not says_the_opposite(text, choices[scores[0][1]]):
        return scores[0][1]  # "not binary search" is no pick of "binary search"
    if exercise.kind == ExerciseKind.TRUE_FALSE:
        # "true" or "false" somewhere inside a sentence ("... mark this true") is no verdict.
        return None
    contained = [i for i, n in enumerate(normal) if n and re.search(rf"\b{re.escape(n)}\b", said)]
    contained = [i for i in contained  # "linked list" wins over "list" when both appear
                 if not any(j != i and normal[i] in normal[j] for j in contained)]
    if len(contained) == 1 and not says_the_opposite(text, choices[contained[0]]):
        return contained[0]
    return None


def is_key(exercise: Exercise, option: str) -> bool:
    """Whether ``option`` is the exercise's answer (or an accepted spelling of it)."""
    spelled = {_as_shown(k) for k in [exercise.answer, *exercise.accepted]}
    if _as_shown(option) in spelled:
        return True
    if any(_as_shown(c) in spelled for c in choices_of(exercise)):
        return False  # the key is another option, one that differs in signs or brackets only
    keys = {normalise(exercise.answer), *(normalise(a) for a in exercise.accepted)}
    return normalise(option) in keys


def key_verdict(exercise: Exercise, text: str) -> bool | None:
    """Right or wrong when code can tell, else ``None``.

    Choices: right when the picked option is the key, wrong when it is another option,
    ``None`` when no option is picked. Cloze: right when equal to the key, an accepted
    spelling or a synonym the explanation states (case, punctuation, articles and plurals
    aside); for a numeric key, right or wrong by :func:`same_number` when the answer gives a
    number; for what a program shows (a ``code_output`` item), right or wrong by
    :func:`shown_alike`; else ``None``. Short answers: wrong when a mix-up's diagnosis has the
    two ideas the wrong way round (:func:`reversed_diagnosis`), else ``None``."""
    if exercise.kind == ExerciseKind.SHORT_ANSWER:
        return False if reversed_diagnosis(exercise, text) else None
    if exercise.kind in _CHOICE_KINDS:
        index = chosen_option(exercise, text)
        return None if index is None else is_key(exercise, choices_of(exercise)[index])
    if exercise.kind == ExerciseKind.CLOZE:
        if exercise.origin == ExerciseOrigin.CODE_OUTPUT:  # what the program shows, exactly
            return any(shown_alike(text, t) for t in [exercise.answer, *exercise.accepted])
        numeric = same_number(text, exercise.answer)
        if numeric is not None:
            return numeric
        if spelled_key(exercise, text) is not None:
            return True
    return None


def cloze_keys(exercise: Exercise) -> list[str]:
    """Every spelling a cloze's blank takes: the key, the accepted spellings and the synonyms
    the explanation states ("also called ...")."""
    return [t for t in [exercise.answer, *exercise.accepted,
                        *stated_synonyms(exercise.explanation)] if t.strip()]


def spelled_key(exercise: Exercise, text: str) -> str | None:
    """The spelling of :func:`cloze_keys` an answer equals (case, punctuation, articles,
    plurals and spaces between words aside), or ``None``."""
    said = normalise(text)
    squeezed = said.replace(" ", "")
    for target in cloze_keys(exercise):
        wanted = normalise(target)
        if wanted and (said == wanted or squeezed == wanted.replace(" ", "")):
            return target
    return None


# -- mix-ups to diagnose ---------------------------------------------------------------------
_NOTE = re.compile(r'"(?P<name>[^":]{1,80}):\s*(?P<said>[^"]+)"')
_THE_NOTE = r"she|her\s+note|the\s+note|her\s+description|the\s+description"
"""How an answer names the classmate's note it speaks of."""
_DESCRIBES = (r"(?:(?:really|actually)\s+)?(?:describes|described|gives|defines|defined|"
              r"is\s+about|is\s+describing)")
"""The verbs an answer says what the note describes with: never a bare "is" ("she is
mixing up ...")."""
_FILLER = (r"(?:(?:really|actually|in\s+fact|just|the|a|an|of|definition|description|"
           r"course's|what|case|example|idea)\s+){0,4}")
_SAID = (r"(?:\s*['’]s\s+|\s+(?:" + _DESCRIBES + r"|is|was|means|meant|refers\s+to|is\s+really|"
         r"fits|matches|shows|is\s+an\s+example\s+of)\s+)" + _FILLER)
"""What an answer says a thing is, up to the name it gives ("her note really describes the
definition of ...", "that's ...")."""
_SAYS_OF = (r"\b(?:that|this|it|which|" + _THE_NOTE + r"|the\s+definition|the\s+case|the\s+"
            r"missing\s+idea|the\s+blank|the\s+answer|what\s+she\s+(?:wrote|describes|"
            r"describe[sd]))" + _SAID)
NOTE_SAID = re.compile(r"\b(?:" + _THE_NOTE + r")\s+" + _DESCRIBES + r"\s+" + _FILLER
                       + r"(?P<rest>.{0,80})", re.I)
"""What an answer says the note describes ("her note describes the definition of <rest>")."""


CASE_SHOWS = "the case shows"
"""How a case item's first key point names the idea the book's case shows: "<idea>: the case
shows <idea>"; the prompt asks "Is the missing idea <one> or <other>?"."""
CASE_ASKED = re.compile(r"\bIs the missing idea (?P<first>.+?) or (?P<second>.+?)\? ")


_MIX_UP = re.compile(r"^confuses (?P<concept>.+?) with (?P<other>.+?)(?P<aside>, which\b.*)?$",
                     re.S)


def mix_up_note(note: str) -> tuple[str, str, str] | None:
    """A misconception note "confuses X with Y" read as X, Y and what it adds of Y (", which
    the course gives to ...", else ``""``); ``None`` for a note of another shape."""
    found = _MIX_UP.match(note.strip())
    if found is None:
        return None
    return found["concept"], found["other"], found["aside"] or ""


def mix_up_sides(exercise: Exercise) -> tuple[str, str] | None:
    """The two ideas an item on telling them apart asks about, the right one first: the idea a
    mix-up's note really describes and the one it was written under, or the idea a case shows
    and the other one offered; ``None`` for any other item."""
    points = exercise.key_points
    if len(points) < 2 or ": " not in points[1]:
        return None
    right = points[0].split(": ", 1)[0].strip()
    if f": {NOTE_DESCRIBES} " in points[0]:
        wrong = points[1].split(": ", 1)[0].strip()
    elif f": {CASE_SHOWS} " in points[0] and (asked := CASE_ASKED.search(exercise.prompt)):
        offered = [asked["first"].strip(), asked["second"].strip()]
        others = [o for o in offered if o.lower() != right.lower()]
        wrong = others[0] if len(others) == 1 else ""
    else:
        return None
    return (right, wrong) if wrong and right.lower() != wrong.lower() else None


def name_pattern(name: str) -> str:
    """A pattern for a name as a whole word or phrase, spaces or hyphens between its words,
    a plural ending allowed."""
    parts = [re.escape(p) for p in re.split(r"[\s-]+", name.strip()) if p]
    return r"\b" + r"[\s-]+".join(parts) + r"(?:e?s)?\b"


def attributed(text: str, names: tuple[str, str]) -> int | None:
    """Which of the two names the answer says the note describes ("That is the p-value", "her
    note describes power"), by the first such statement; ``None`` when it says none."""
    found: list[tuple[int, int]] = []
    for i, name in enumerate(names):
        for match in re.finditer(_SAYS_OF + name_pattern(name), text, re.I):
            found.append((match.start(), i))
        opening = re.match(r"^\W*(?:the\s+|an?\s+)?" + name_pattern(name)
                           + r"\s*(?:[.!;:,]|$|\s+(?:because|since|as)\b)", text, re.I)
        if opening:  # "Power. The p-value is ...", "Power, because ...": the idea it opens on
            found.append((-1, i))
    return min(found)[1] if found else None


def _claimed(text: str, name: str) -> set[str]:
    """What the answer says the idea is ("Power is the probability ...", "power: ..."), as
    content stems; empty when it says nothing of it."""
    stated = re.search(name_pattern(name) + r"\s*(?:,[^,]{0,30},\s*)?(?::|is|are|means|"
                       r"refers\s+to)\s+(?P<rest>[^.;]+)", text, re.I)
    return set(content_stems(stated.group("rest"))) if stated else set()


def reversed_diagnosis(exercise: Exercise, text: str) -> bool:
    """Whether an answer to a mix-up item has the two ideas the wrong way round: it says the
    note describes the idea the note was written under ("That is the p-value. Power is ..."
    when the note gives power's description for the p-value), or it gives the note's
    description to that idea and the idea's own to the other; or an answer to a case names
    the other idea ("It is the consequent, ..." when the case shows the antecedent). A
    paraphrase of the key scores as well as the key on words alone; which side is which is
    what the item asks."""
    sides = mix_up_sides(exercise)
    if sides is None:
        return False
    described, written_under = sides
    named = attributed(text, sides)
    if named is not None:
        return named == 1
    note = _NOTE.search(exercise.prompt)
    if note is None:
        return False  # a case, or a note of a property ("A proof system is complete if ...")
    own = set(content_stems(exercise.key_points[1].split(": ", 1)[1]))
    theirs = set(content_stems(note.group("said")))
    drop = set(content_stems(f"{described} {written_under}"))
    own, theirs = own - theirs - drop, theirs - own - drop
    if not own or not theirs:
        return False

    def leans(claim: set[str], toward: set[str], away: set[str]) -> bool:
        return len(claim & toward) > len(claim & away)

    return leans(_claimed(text, described), own, theirs) or leans(
        _claimed(text, written_under), theirs, own)


# -- keeping the key out of text -------------------------------------------------------------
def answer_strings(exercise: Exercise) -> list[str]:
    """The strings that would give the exercise away (longest first). True/false answers are
    the words "True"/"False", which cannot be hidden from ordinary text, so none for them."""
    if exercise.kind is ExerciseKind.TRUE_FALSE:
        return []
    found = {a.strip() for a in [exercise.answer, *exercise.accepted] if a and a.strip()}
    return sorted(found, key=len, reverse=True)


_NOT_A_PAGE = r"(?<!\bp\.\s)(?<!\bpp\.\s)(?<!\bpage\s)(?<!\bpages\s)(?<!\bp\.)"
"""Not right after a page label's "p. " (citations name pages: "notes.pdf p. 6")."""


@lru_cache(maxsize=4096)
def answer_pattern(answer: str) -> re.Pattern[str]:
    """``answer`` as a whole word or phrase: any case, any spacing, a plural ending allowed."""
    # never inside a file name ("01-chance-and-experiment.pdf", "experiment.md") nor a page
    # label ("notes.pdf p. 6": a key "6" is not given away by a citation)
    start = r"(?<![\w/-])" + _NOT_A_PAGE if answer[0].isalnum() else ""
    end = r"(?:e?s)?(?!\w|\.[a-z0-9]{2,4}\b)" if answer[-1].isalnum() else ""
    flexible = r"\s+".join(re.escape(part) for part in answer.split())
    return re.compile(start + flexible + end, re.IGNORECASE)


def reveals_answer(text: str, exercise: Exercise) -> bool:
    """True when ``text`` contains the exercise's answer (or an accepted form of it)."""
    return any(answer_pattern(a).search(text) for a in answer_strings(exercise))


TERM_WORDS = 6
"""A key of more words than this is a sentence, not a term (an "explain in your own words"
item's key is its definition)."""


def masks_a_sentence(exercise: Exercise) -> bool:
    """Whether withholding ``exercise``'s key blanks a whole sentence of what is shown (the
    definition an explanation teaches), not just a term in it."""
    return any(len(key.split()) > TERM_WORDS for key in answer_strings(exercise))


def mask_answer(text: str, exercise: Exercise, placeholder: str = MASK) -> str:
    """``text`` with every occurrence of the exercise's answer replaced by ``placeholder``."""
    for answer in answer_strings(exercise):
        text = answer_pattern(answer).sub(placeholder, text)
    return text
